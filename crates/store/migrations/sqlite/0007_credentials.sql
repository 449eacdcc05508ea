-- Verifiable recognition certificates (issue 6): issuer keys, issued credentials and the
-- status bits their Bitstring Status Lists are built from.

-- Each issuing society's Ed25519 keys. The private key is stored sealed under the platform's
-- master key (XChaCha20-Poly1305, `wqkey1.` text), never in clear. A rotation retires the
-- current key: retired keys sign nothing new but stay in the DID document, so certificates
-- signed with them keep verifying.
CREATE TABLE signing_keys (
    id          TEXT PRIMARY KEY,
    society_id  TEXT NOT NULL REFERENCES societies (id),
    -- The Multikey (`z6Mk…`) of the public key.
    public_key  TEXT NOT NULL UNIQUE,
    sealed      TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    retired_at  TEXT
);
CREATE INDEX signing_keys_society ON signing_keys (society_id, created_at);
-- At most one current key per society.
CREATE UNIQUE INDEX signing_keys_current ON signing_keys (society_id) WHERE retired_at IS NULL;

-- Issued certificates, as signed JSON. Each holds one random index in its issuer's
-- revocation list and one in its suspension list; the lists are built from the status bits
-- here, so a status change is one row update in the transaction that audits it.
CREATE TABLE credentials (
    id                TEXT PRIMARY KEY,
    application_id    TEXT NOT NULL UNIQUE REFERENCES applications (id),
    society_id        TEXT NOT NULL REFERENCES societies (id),
    document          TEXT NOT NULL,
    revocation_index  INTEGER NOT NULL,
    suspension_index  INTEGER NOT NULL,
    revoked           INTEGER NOT NULL DEFAULT 0 CHECK (revoked IN (0, 1)),
    suspended         INTEGER NOT NULL DEFAULT 0 CHECK (suspended IN (0, 1)),
    status_reason     TEXT NOT NULL DEFAULT '',
    status_changed_at TEXT,
    issued_at         TEXT NOT NULL,
    UNIQUE (society_id, revocation_index),
    UNIQUE (society_id, suspension_index)
);

-- The certificate an approval issued, named on the application.
ALTER TABLE applications ADD COLUMN credential_id TEXT REFERENCES credentials (id);
