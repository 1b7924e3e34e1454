-- Settings an admin changes at run time from the API or the console (issue 8). They live in the
-- database, not in configuration, so that every server instance sees them and a restart keeps
-- them; configuration still gives the defaults.

-- An app an admin switched on or off. No row: plinth.apps.<id>.enabled decides (default on).
CREATE TABLE app_setting (
    app_id     VARCHAR(100) PRIMARY KEY,
    enabled    BOOLEAN      NOT NULL,
    changed_by VARCHAR(200) NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL
);

-- A user's quota over uploaded files, set by an admin. No row: plinth.quota.user.<name>.files
-- and .bytes, else plinth.quota.files-per-user and .bytes-per-user.
CREATE TABLE user_quota (
    user_name  VARCHAR(200) PRIMARY KEY,
    max_files  BIGINT       NOT NULL CHECK (max_files >= 0),
    max_bytes  BIGINT       NOT NULL CHECK (max_bytes >= 0),
    changed_by VARCHAR(200) NOT NULL,
    changed_at TIMESTAMPTZ  NOT NULL
);

-- Keys the server itself signs with, shared by every instance (each row made once, by whichever
-- instance needs it first). 'download-links': the HMAC key of short-lived download links.
CREATE TABLE server_secret (
    name       VARCHAR(64) PRIMARY KEY,
    secret     BYTEA       NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
