-- Job events for the console, SSE clients and callbacks (issue 8).

-- One number per state change across all jobs and all server instances: the SSE event id, so a
-- client resumes with Last-Event-ID, and the cursor of each server's poll for changes that other
-- instances made. A sequence, not a per-job counter, so that "everything after N" is one query.
CREATE SEQUENCE job_event_seq;
ALTER TABLE job_transition ADD COLUMN event_id BIGINT;
UPDATE job_transition SET event_id = nextval('job_event_seq');
ALTER TABLE job_transition ALTER COLUMN event_id SET NOT NULL;
CREATE UNIQUE INDEX job_transition_event ON job_transition (event_id);

-- A job may name a URL to which each state change is POSTed.
ALTER TABLE job ADD COLUMN callback_url VARCHAR(2000);

-- Each user's callback signing key (HMAC-SHA256). Kept in clear: the server must sign with it,
-- so a hash would not do; it grants nothing on this server, only lets its holder forge callbacks.
CREATE TABLE callback_secret (
    owner      VARCHAR(200) PRIMARY KEY,
    secret     VARCHAR(128) NOT NULL,
    created_at TIMESTAMPTZ  NOT NULL
);

-- The outbox: a delivery row is written in the transaction that changes the job's state, so a
-- state change and its callback exist together, and a restart loses neither.
CREATE TABLE callback_delivery (
    id              BIGSERIAL     PRIMARY KEY,
    job_id          VARCHAR(36)   NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    event_id        BIGINT        NOT NULL,
    owner           VARCHAR(200)  NOT NULL,
    url             VARCHAR(2000) NOT NULL,
    body            TEXT          NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ   NOT NULL,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      TIMESTAMPTZ   NOT NULL,
    delivered_at    TIMESTAMPTZ
);
CREATE INDEX callback_delivery_job ON callback_delivery (job_id, id);
CREATE INDEX callback_delivery_due ON callback_delivery (next_attempt_at) WHERE state = 'PENDING';
