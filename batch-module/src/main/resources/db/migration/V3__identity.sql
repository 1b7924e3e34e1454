-- Personal API keys. Only the SHA-256 of a key is kept (the key is shown once, at creation);
-- authentication looks a key up by that digest on every request, hence the unique index.
-- Roles are those the creator had at creation (there is no user directory to ask later when
-- users come from Keycloak). Revoked keys keep their row, for the audit trail.
CREATE TABLE api_key (
    id          VARCHAR(36)  PRIMARY KEY,
    owner       VARCHAR(200) NOT NULL,
    name        VARCHAR(100) NOT NULL,
    prefix      VARCHAR(16)  NOT NULL,
    key_hash    CHAR(64)     NOT NULL,
    roles       TEXT         NOT NULL,
    read_only   BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at  TIMESTAMPTZ  NOT NULL,
    expires_at  TIMESTAMPTZ,
    revoked_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX api_key_hash ON api_key (key_hash);
CREATE INDEX api_key_owner ON api_key (owner, created_at DESC) WHERE revoked_at IS NULL;

-- Read access to a job granted by its owner (or an admin) to another user.
CREATE TABLE job_share (
    job_id      VARCHAR(36)  NOT NULL REFERENCES job (id) ON DELETE CASCADE,
    grantee     VARCHAR(200) NOT NULL,
    granted_by  VARCHAR(200) NOT NULL,
    granted_at  TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (job_id, grantee)
);
CREATE INDEX job_share_grantee ON job_share (grantee, job_id);

-- Security-relevant events: who (actor), when, from where (client address), what (action),
-- to what (target, and the target's owner when it has one), with what outcome.
CREATE TABLE audit_event (
    id           BIGSERIAL    PRIMARY KEY,
    at           TIMESTAMPTZ  NOT NULL,
    actor        VARCHAR(200) NOT NULL,
    address      VARCHAR(64),
    action       VARCHAR(64)  NOT NULL,
    target       VARCHAR(300),
    target_owner VARCHAR(200),
    outcome      VARCHAR(16)  NOT NULL,
    detail       TEXT
);
CREATE INDEX audit_event_at ON audit_event (at DESC, id DESC);
CREATE INDEX audit_event_actor ON audit_event (actor, at DESC);
CREATE INDEX audit_event_target_owner ON audit_event (target_owner, at DESC) WHERE target_owner IS NOT NULL;
