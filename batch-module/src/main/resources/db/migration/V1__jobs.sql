-- Jobs: one row per job, the source of truth for the API and the scheduler.
-- Queued jobs wait here (not on threads); the scheduler claims them under row locks.
CREATE TABLE job (
    id                 VARCHAR(36)  PRIMARY KEY,
    owner              VARCHAR(200) NOT NULL,
    app_id             VARCHAR(64)  NOT NULL,
    app_version        VARCHAR(64)  NOT NULL,
    name               VARCHAR(200),
    tags               TEXT         NOT NULL DEFAULT '[]',
    inputs             TEXT         NOT NULL,
    cores              INTEGER      NOT NULL,
    memory_mb          BIGINT       NOT NULL,
    walltime_seconds   BIGINT       NOT NULL,
    executor           VARCHAR(32)  NOT NULL,
    node               VARCHAR(200),
    state              VARCHAR(16)  NOT NULL,
    message            TEXT,
    exit_code          INTEGER,
    progress           DOUBLE PRECISION,
    progress_message   TEXT,
    created_at         TIMESTAMPTZ  NOT NULL,
    updated_at         TIMESTAMPTZ  NOT NULL,
    started_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    batch_execution_id BIGINT,
    restart_requested  BOOLEAN      NOT NULL DEFAULT FALSE,
    cancel_requested   BOOLEAN      NOT NULL DEFAULT FALSE,
    command            TEXT,
    pid                BIGINT,
    pid_start_ticks    BIGINT,
    idempotency_key    VARCHAR(200),
    rerun_of           VARCHAR(36),
    cpu_time_ms        BIGINT,
    wall_time_ms       BIGINT,
    result             TEXT,
    result_summary     TEXT
);

CREATE UNIQUE INDEX job_idempotency ON job (owner, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX job_owner_created ON job (owner, created_at DESC, id);
CREATE INDEX job_created ON job (created_at DESC, id);
CREATE INDEX job_queued ON job (created_at, id) WHERE state = 'QUEUED';
CREATE INDEX job_active ON job (executor, state) WHERE state IN ('STAGING', 'SUBMITTED', 'RUNNING', 'COLLECTING');

-- Every state a job went through, with its time: the job's history in GET /jobs/{id}.
CREATE TABLE job_transition (
    job_id  VARCHAR(36)  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    seq     INTEGER      NOT NULL,
    state   VARCHAR(16)  NOT NULL,
    at      TIMESTAMPTZ  NOT NULL,
    message TEXT,
    PRIMARY KEY (job_id, seq)
);
