-- Search (issue 8): engineers by name in any script, member number or certificate id, at a
-- million engineers, and the public register by the same.
--
-- Each engineer (and each listed certificate) is searched as one "search text": every name
-- and number lower-cased and preceded by the marker ꙮꙮ (U+A66E twice, a letter no name or
-- number uses), joined by spaces. GIN trigram indexes (pg_trgm) answer "contains" for
-- queries of three characters or more. A trigram cannot serve one or two characters, so
-- short queries (and queries with digits, which are numbers) are searched as marker + query:
-- "ꙮꙮ王" is three characters, found by the same index, and matches exactly the names (or
-- numbers) that start with 王. `crates/store/src/search.rs` builds the queries; its
-- expressions must match the indexed ones here exactly, or the indexes go unused.
--
-- pg_trgm treats letters by the database's character classes: a database created with a
-- UTF-8 locale (C.UTF-8, en_US.UTF-8, zh_CN.UTF-8, …) indexes Chinese characters; one with
-- the plain C locale would not.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX engineers_search ON engineers USING gin ((lower(
    'ꙮꙮ' || name_zh_hans || ' ꙮꙮ' || name_zh_hant || ' ꙮꙮ' || name_en
    || ' ꙮꙮ' || COALESCE(name_pt, ''))) gin_trgm_ops);

CREATE INDEX society_members_search ON society_members
    USING gin ((lower('ꙮꙮ' || member_number)) gin_trgm_ops);

-- The public register: one entry per listed certificate (the holder consented; neither
-- revoked nor replaced) with the holder's names, the certificate id and the holder's member
-- numbers, kept by the triggers below. Searching this small table instead of every engineer keeps a common
-- surname from touching a hundred thousand profiles to find a few hundred listed ones.
CREATE TABLE register_entries (
    credential_id TEXT PRIMARY KEY REFERENCES credentials (id) ON DELETE CASCADE,
    engineer_id   TEXT NOT NULL,
    search_text   TEXT NOT NULL
);
CREATE INDEX register_entries_engineer ON register_entries (engineer_id);
CREATE INDEX register_entries_search ON register_entries USING gin (search_text gin_trgm_ops);

CREATE FUNCTION register_entry_refresh(credential TEXT) RETURNS void LANGUAGE sql AS $$
    DELETE FROM register_entries WHERE credential_id = credential;
    INSERT INTO register_entries (credential_id, engineer_id, search_text)
    SELECT c.id, e.id, lower(
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
        || COALESCE((SELECT ' ' || string_agg('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), ''))
    FROM credentials c JOIN applications a ON a.id = c.application_id
         JOIN engineers e ON e.id = a.engineer_id
    WHERE c.id = credential AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;
$$;

CREATE FUNCTION credentials_register_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM register_entry_refresh(NEW.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER credentials_register AFTER INSERT OR UPDATE OF public_register, revoked, replaced_by
ON credentials FOR EACH ROW EXECUTE FUNCTION credentials_register_sync();

CREATE FUNCTION engineers_register_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE register_entries r SET search_text = lower(
        'ꙮꙮ' || NEW.name_zh_hans || ' ꙮꙮ' || NEW.name_zh_hant || ' ꙮꙮ' || NEW.name_en
        || ' ꙮꙮ' || COALESCE(NEW.name_pt, '') || ' ꙮꙮ' || r.credential_id
        || COALESCE((SELECT ' ' || string_agg('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = NEW.id), ''))
    WHERE r.engineer_id = NEW.id;
    RETURN NULL;
END
$$;

CREATE TRIGGER engineers_register AFTER UPDATE OF name_zh_hans, name_zh_hant, name_en, name_pt
ON engineers FOR EACH ROW EXECUTE FUNCTION engineers_register_sync();

-- A member number added to or taken from a holder's roster entries.
CREATE FUNCTION society_members_register_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    r RECORD;
BEGIN
    FOR r IN SELECT credential_id FROM register_entries
             WHERE engineer_id IN (
                 CASE WHEN TG_OP = 'DELETE' THEN OLD.engineer_id ELSE NEW.engineer_id END,
                 CASE WHEN TG_OP = 'INSERT' THEN NEW.engineer_id ELSE OLD.engineer_id END)
    LOOP
        PERFORM register_entry_refresh(r.credential_id);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER society_members_register AFTER INSERT OR UPDATE OR DELETE ON society_members
FOR EACH ROW EXECUTE FUNCTION society_members_register_sync();

INSERT INTO register_entries (credential_id, engineer_id, search_text)
SELECT c.id, e.id, lower(
    'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
    || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
    || COALESCE((SELECT ' ' || string_agg('ꙮꙮ' || m.member_number, ' ')
                 FROM society_members m WHERE m.engineer_id = e.id), ''))
FROM credentials c JOIN applications a ON a.id = c.application_id
     JOIN engineers e ON e.id = a.engineer_id
WHERE c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;

-- Lists in name order, and the register's newest first, without sorting the whole table.
CREATE INDEX engineers_name ON engineers (name_en, id);
CREATE INDEX credentials_listed ON credentials (issued_at, id)
    WHERE public_register = 1 AND revoked = 0 AND replaced_by IS NULL;
