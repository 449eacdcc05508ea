-- Holder consent and corrections (issue 6, items 3 and 4).
--
-- A correction re-issues an application's certificate and revokes the old one with a pointer
-- to its replacement, so an application may now have several certificates: the UNIQUE on
-- credentials.application_id goes.
ALTER TABLE credentials DROP CONSTRAINT credentials_application_id_key;
CREATE INDEX credentials_application ON credentials (application_id, issued_at);

-- The holder's consent to list the certificate on the public register; off by default.
ALTER TABLE credentials
    ADD COLUMN public_register BIGINT NOT NULL DEFAULT 0 CHECK (public_register IN (0, 1));

-- The certificate that corrected this one (which was revoked when it was replaced).
ALTER TABLE credentials ADD COLUMN replaced_by TEXT REFERENCES credentials (id);
