-- Uploaded files: the bytes live under <data-dir>/files/, named by id; this row is committed
-- only after the bytes are on disk (fsync + atomic rename), so a row always has its bytes.
CREATE TABLE stored_file (
    id          VARCHAR(36)  PRIMARY KEY,
    owner       VARCHAR(200) NOT NULL,
    name        VARCHAR(255) NOT NULL,
    media_type  VARCHAR(200) NOT NULL,
    description TEXT,
    size        BIGINT       NOT NULL,
    sha256      CHAR(64)     NOT NULL,
    created_at  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX stored_file_owner_created ON stored_file (owner, created_at DESC, id);
CREATE INDEX stored_file_created ON stored_file (created_at DESC, id);

-- What a job reads from outside its workspace: an uploaded file or another job's output,
-- staged at `path` in the workspace. Written with the job, so a file in use cannot be deleted;
-- sha256 and size are the provenance, filled when the file is staged.
CREATE TABLE job_input (
    job_id        VARCHAR(36)   NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    path          VARCHAR(1024) NOT NULL,
    source        VARCHAR(1200) NOT NULL,
    file_id       VARCHAR(36),
    source_job_id VARCHAR(36),
    source_path   VARCHAR(1024),
    input_field   VARCHAR(200),
    unpack        BOOLEAN       NOT NULL DEFAULT FALSE,
    sha256        CHAR(64),
    size          BIGINT,
    PRIMARY KEY (job_id, path)
);
CREATE INDEX job_input_file ON job_input (file_id) WHERE file_id IS NOT NULL;
CREATE INDEX job_input_source_job ON job_input (source_job_id) WHERE source_job_id IS NOT NULL;

-- Retention: what happened to a finished job's workspace (NULL: still there as the job left it).
ALTER TABLE job ADD COLUMN workspace_state VARCHAR(16);
ALTER TABLE job ADD COLUMN workspace_bytes BIGINT;
CREATE INDEX job_retention ON job (finished_at) WHERE finished_at IS NOT NULL;
