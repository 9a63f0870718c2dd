-- Recordwell platform schema (SQLite). Keep in step with ../postgres/0001_platform.sql:
-- the same tables and columns, so one set of portable queries serves both.
-- Times are Unix seconds (INTEGER); flags are 0/1 integers.

CREATE TABLE organisations (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE services (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    UNIQUE (org_id, name)
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    password_hash TEXT,
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);

CREATE TABLE memberships (
    user_id INTEGER NOT NULL REFERENCES users(id),
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    role TEXT NOT NULL,
    service_id INTEGER REFERENCES services(id),
    PRIMARY KEY (user_id, org_id)
);

CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE invitations (
    token_hash TEXT PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    email TEXT NOT NULL,
    role TEXT NOT NULL,
    invited_by INTEGER REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    accepted_at INTEGER
);

CREATE TABLE password_resets (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at INTEGER
);

CREATE TABLE sign_in_failures (
    id INTEGER PRIMARY KEY,
    throttle_key TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX sign_in_failures_key ON sign_in_failures(throttle_key, at);

CREATE TABLE records (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    author_id INTEGER NOT NULL REFERENCES users(id),
    record_type TEXT NOT NULL,
    title TEXT NOT NULL,
    shared INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL,
    draft_body TEXT,
    draft_saved_at INTEGER,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX records_org_author ON records(org_id, author_id);

CREATE TABLE record_versions (
    record_id INTEGER NOT NULL REFERENCES records(id),
    version INTEGER NOT NULL,
    body TEXT NOT NULL,
    reason TEXT,
    saved_by INTEGER NOT NULL REFERENCES users(id),
    saved_at INTEGER NOT NULL,
    PRIMARY KEY (record_id, version)
);

CREATE TABLE record_comments (
    id INTEGER PRIMARY KEY,
    record_id INTEGER NOT NULL REFERENCES records(id),
    kind TEXT NOT NULL,
    person TEXT NOT NULL,
    body TEXT NOT NULL,
    added_by INTEGER NOT NULL REFERENCES users(id),
    added_at INTEGER NOT NULL
);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    org_id INTEGER NOT NULL REFERENCES organisations(id),
    name TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    revoked_at INTEGER,
    last_used_at INTEGER
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    org_id INTEGER,
    user_id INTEGER,
    action TEXT NOT NULL,
    target_kind TEXT NOT NULL,
    target_id INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    at INTEGER NOT NULL
);
CREATE INDEX audit_log_org_at ON audit_log(org_id, at);
