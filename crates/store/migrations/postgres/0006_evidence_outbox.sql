-- Evidence, referees and the outbox of notifications.

-- Files an engineer keeps on their profile, reused by every application. The content is
-- addressed by its SHA-256, so the same file uploaded twice is stored once; where it lives
-- (this database or a directory) is the platform's storage choice. A file is verified once,
-- by staff of a society concerned, and shows as verified everywhere.
CREATE TABLE evidence (
    id          TEXT PRIMARY KEY,
    engineer_id TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    -- Found by sniffing the content, never taken from the client.
    media_type  TEXT NOT NULL CHECK (media_type IN ('application/pdf', 'image/png', 'image/jpeg', 'image/webp')),
    size        BIGINT NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    verified_by TEXT,
    verified_at TEXT
);
CREATE INDEX evidence_engineer ON evidence (engineer_id);
CREATE INDEX evidence_sha256 ON evidence (sha256);

-- The content of evidence kept in the database, one row per distinct file.
CREATE TABLE evidence_blobs (
    sha256  TEXT PRIMARY KEY,
    content BYTEA NOT NULL
);

-- A referee named by the applicant confirms or declines the stated experience through a
-- single-use link. Only the SHA-256 digest of the link's token is kept.
CREATE TABLE referee_requests (
    id             TEXT PRIMARY KEY,
    application_id TEXT NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    email          TEXT NOT NULL,
    name           TEXT NOT NULL,
    statement      TEXT NOT NULL,
    token_hash     TEXT NOT NULL UNIQUE,
    created_at     TEXT NOT NULL,
    expires_at     TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'confirmed', 'declined')),
    answered_at    TEXT,
    comment        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referee_requests_application ON referee_requests (application_id);

-- Notifications waiting for (or done with) delivery. The message is kept as a Fluent id and
-- its arguments, so it is rendered in the reader's language; delivery adapters send it.
CREATE TABLE outbox (
    id           TEXT PRIMARY KEY,
    recipient    TEXT NOT NULL,
    user_id      TEXT REFERENCES users (id),
    kind         TEXT NOT NULL,
    message_id   TEXT NOT NULL,
    args         TEXT NOT NULL DEFAULT '{}',
    created_at   TEXT NOT NULL,
    delivered_at TEXT,
    attempts     BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX outbox_user ON outbox (user_id, created_at);
CREATE INDEX outbox_recipient ON outbox (recipient, created_at);
CREATE INDEX outbox_pending ON outbox (delivered_at);
