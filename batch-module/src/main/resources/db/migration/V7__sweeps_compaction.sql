-- Sweeps (issue 7): a job that runs its app once per point of a scan over some of its inputs.
-- The points, every range expanded: {"input": [values…], …}; null for an ordinary job.
ALTER TABLE job ADD COLUMN sweep TEXT;

