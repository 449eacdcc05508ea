-- no-transaction
-- Holder consent and corrections (issue 6, items 3 and 4).
--
-- A correction re-issues an application's certificate and revokes the old one with a pointer
-- to its replacement, so an application may now have several certificates: the UNIQUE on
-- credentials.application_id goes. SQLite cannot drop a constraint, so the table is rebuilt
-- (the documented twelve-step way). That needs foreign keys off, which cannot change inside a
-- transaction: this migration opens its own, and checks the keys before it commits.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE credentials_new (
    id                TEXT PRIMARY KEY,
    application_id    TEXT NOT NULL REFERENCES applications (id),
    society_id        TEXT NOT NULL REFERENCES societies (id),
    document          TEXT NOT NULL,
    revocation_index  INTEGER NOT NULL,
    suspension_index  INTEGER NOT NULL,
    revoked           INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    suspended         INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    status_reason     TEXT NOT NULL DEFAULT '',
    status_changed_at TEXT,
    issued_at         TEXT NOT NULL,
    -- The holder's consent to list the certificate on the public register; off by default.
    public_register   INTEGER NOT NULL DEFAULT 0 CHECK (public_register IN (0, 1)),
    -- The certificate that corrected this one (which was revoked when it was replaced).
    replaced_by       TEXT REFERENCES credentials (id),
    UNIQUE (society_id, revocation_index),
    UNIQUE (society_id, suspension_index)
);

INSERT INTO credentials_new (id, application_id, society_id, document, revocation_index,
    suspension_index, revoked, suspended, status_reason, status_changed_at, issued_at)
SELECT id, application_id, society_id, document, revocation_index, suspension_index,
    revoked, suspended, status_reason, status_changed_at, issued_at
FROM credentials;

DROP TABLE credentials;
ALTER TABLE credentials_new RENAME TO credentials;
CREATE INDEX credentials_application ON credentials (application_id, issued_at);

COMMIT;
PRAGMA foreign_keys = ON;
