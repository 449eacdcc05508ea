-- Accounts, sessions, API tokens, sign-in throttling and the tamper-evident audit log.
-- Secrets are never stored: passwords as argon2id hashes, session and API tokens as SHA-256
-- digests of the random value the client holds.

CREATE TABLE users (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,          -- stored lower-case
    display_name  TEXT NOT NULL,
    password_hash TEXT,                          -- NULL until an invited user sets a password
    disabled_at   TEXT,
    created_at    TEXT NOT NULL
);

-- A user may hold several roles; society roles name their society, the others none.
CREATE TABLE role_grants (
    user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT NOT NULL CHECK (role IN ('platform_admin', 'society_admin', 'reviewer', 'attestor', 'engineer')),
    society_id TEXT REFERENCES societies (id),
    granted_at TEXT NOT NULL,
    CHECK ((role IN ('platform_admin', 'engineer')) = (society_id IS NULL))
);
CREATE UNIQUE INDEX role_grants_unique ON role_grants (user_id, role, COALESCE(society_id, ''));
CREATE INDEX role_grants_society ON role_grants (society_id);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL                   -- absolute end, whatever the activity
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE api_tokens (
    id           TEXT PRIMARY KEY,
    user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at   TEXT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- Failed sign-ins, keyed by account and by client address, for throttling.
CREATE TABLE login_failures (
    key TEXT NOT NULL,
    at  TEXT NOT NULL
);
CREATE INDEX login_failures_key ON login_failures (key, at);

-- The audit log: each event's hash covers its fields and the previous event's hash, so
-- changing or removing any event breaks the chain from there on.
CREATE TABLE audit_events (
    seq       BIGINT PRIMARY KEY,
    at        TEXT NOT NULL,
    actor     TEXT NOT NULL,
    action    TEXT NOT NULL,
    subject   TEXT NOT NULL,
    detail    TEXT NOT NULL,                     -- JSON of what changed, never secrets
    digest    TEXT NOT NULL,                     -- SHA-256 of detail
    prev_hash TEXT NOT NULL,
    hash      TEXT NOT NULL
);
CREATE INDEX audit_events_actor ON audit_events (actor, seq);
CREATE INDEX audit_events_action ON audit_events (action, seq);

-- The head of the chain: one row, updated first in every audited transaction so that
-- appenders queue up instead of forking the chain.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  BIGINT NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
