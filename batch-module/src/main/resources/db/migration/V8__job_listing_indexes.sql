-- Listings read a user's (or everyone's) newest jobs, optionally of some states, ordered by
-- (created_at DESC, id DESC). V1's indexes ended in "id" ascending, so PostgreSQL had to sort
-- each group of equal created_at again, and a state filter read every job of the user before
-- the LIMIT. These indexes match the ORDER BY exactly, so a page is the first rows of one
-- index range, whatever the table's size (bench/load.sh: a million rows).
DROP INDEX job_owner_created;
DROP INDEX job_created;
CREATE INDEX job_owner_created ON job (owner, created_at DESC, id DESC);
CREATE INDEX job_created ON job (created_at DESC, id DESC);
CREATE INDEX job_owner_state_created ON job (owner, state, created_at DESC, id DESC);
CREATE INDEX job_state_created ON job (state, created_at DESC, id DESC);
