-- Society member rosters. A society's roster names its members by its own member numbers;
-- each (society, member number) is one engineer, whose id is derived from the pair so an
-- import writes every table with upserts and no lookups. `row_digest` is the digest of the
-- roster row last imported, so re-importing an unchanged row writes nothing; `revision`
-- counts the imports that changed it (1: new), so an import can tell new members from
-- updated ones.
--
-- The engineer reference is checked at commit: an import batch records its members first
-- (learning which rows are new or changed) and writes their profiles next, in the same
-- transaction.
CREATE TABLE society_members (
    society_id    TEXT NOT NULL REFERENCES societies (id),
    member_number TEXT NOT NULL,
    engineer_id   TEXT NOT NULL REFERENCES engineers (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
    row_digest    TEXT NOT NULL,
    revision      BIGINT  NOT NULL DEFAULT 1 CHECK (revision >= 1),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (society_id, member_number)
);
CREATE INDEX society_members_engineer ON society_members (engineer_id);
