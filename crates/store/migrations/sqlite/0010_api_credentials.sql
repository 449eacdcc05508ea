-- Credentials issued through the VC-API endpoint (`POST /credentials/issue`): documents a
-- society admin sends to be signed, with no application behind them. A credential that asked
-- for a status entry holds one random index in its issuer's list for that purpose; the
-- issuer's status lists are built from these bits and those of `credentials`, and indexes
-- are assigned free in both.
CREATE TABLE api_credentials (
    id                TEXT PRIMARY KEY,
    society_id        TEXT NOT NULL REFERENCES societies (id),
    -- The credential's own `id`, when it has one: status updates name it.
    vc_id             TEXT,
    document          TEXT NOT NULL,
    -- `revocation` or `suspension`, or NULL without a status entry.
    status_purpose    TEXT CHECK (status_purpose IN ('revocation', 'suspension')),
    status_index      INTEGER,
    status_set        INTEGER NOT NULL DEFAULT 0 CHECK (status_set IN (0, 1)),
    status_reason     TEXT NOT NULL DEFAULT '',
    status_changed_at TEXT,
    issued_by         TEXT NOT NULL,
    issued_at         TEXT NOT NULL,
    UNIQUE (society_id, status_purpose, status_index)
);
CREATE INDEX api_credentials_vc_id ON api_credentials (vc_id);
