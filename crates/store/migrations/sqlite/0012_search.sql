-- Search (issue 8): engineers by name in any script, member number or certificate id, at a
-- million engineers, and the public register by the same.
--
-- Each engineer (and each listed certificate) is indexed as one "search text": every name and
-- number preceded by the marker ꙮꙮ (U+A66E twice, a letter no name or number uses), joined by
-- spaces. The trigram index answers "contains" for queries of three characters or more. A
-- trigram cannot serve one or two characters, so short queries (and queries with digits,
-- which are numbers) are searched as marker + query: "ꙮꙮ王" is three characters, found by the
-- same index, and matches exactly the names (or numbers) that start with 王. Chinese names
-- are two to four characters: a one- or two-character query is a surname, or a surname and a
-- given name's first character, or a whole two-character name.
--
-- The indexes are contentless (rowids only) and kept in step by the triggers below, so every
-- writer (profile edits, roster imports, consent and revocation) updates them in its own
-- transaction. `crates/store/src/search.rs` builds the queries; its MARK must match this file.

CREATE VIRTUAL TABLE engineer_search USING fts5 (
    t, content = '', contentless_delete = 1, tokenize = 'trigram'
);

-- An engineer's names and member numbers.
CREATE TRIGGER engineers_search_insert AFTER INSERT ON engineers BEGIN
    INSERT INTO engineer_search (rowid, t) VALUES (new.rowid,
        'ꙮꙮ' || new.name_zh_hans || ' ꙮꙮ' || new.name_zh_hant || ' ꙮꙮ' || new.name_en
        || ' ꙮꙮ' || COALESCE(new.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = new.id), ''));
END;

CREATE TRIGGER engineers_search_update AFTER UPDATE OF name_zh_hans, name_zh_hant, name_en, name_pt
ON engineers BEGIN
    DELETE FROM engineer_search WHERE rowid = old.rowid;
    INSERT INTO engineer_search (rowid, t) VALUES (new.rowid,
        'ꙮꙮ' || new.name_zh_hans || ' ꙮꙮ' || new.name_zh_hant || ' ꙮꙮ' || new.name_en
        || ' ꙮꙮ' || COALESCE(new.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = new.id), ''));
END;

CREATE TRIGGER engineers_search_delete AFTER DELETE ON engineers BEGIN
    DELETE FROM engineer_search WHERE rowid = old.rowid;
END;

-- A roster import records members before their profiles (in the same transaction): the
-- profile's insert then indexes the numbers. A number added to, or taken from, an existing
-- profile re-indexes it here.
CREATE TRIGGER society_members_search_insert AFTER INSERT ON society_members BEGIN
    DELETE FROM engineer_search WHERE rowid = (SELECT rowid FROM engineers WHERE id = new.engineer_id);
    INSERT INTO engineer_search (rowid, t)
    SELECT e.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM engineers e WHERE e.id = new.engineer_id;
    DELETE FROM register_search WHERE rowid IN (
        SELECT c.rowid FROM applications a JOIN credentials c ON c.application_id = a.id
        WHERE a.engineer_id IN (new.engineer_id));
    INSERT INTO register_search (rowid, t)
    SELECT c.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM applications a JOIN credentials c ON c.application_id = a.id JOIN engineers e ON e.id = a.engineer_id
    WHERE a.engineer_id IN (new.engineer_id)
      AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;
END;

CREATE TRIGGER society_members_search_update AFTER UPDATE OF member_number, engineer_id
ON society_members BEGIN
    DELETE FROM engineer_search
    WHERE rowid IN (SELECT rowid FROM engineers WHERE id IN (old.engineer_id, new.engineer_id));
    INSERT INTO engineer_search (rowid, t)
    SELECT e.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM engineers e WHERE e.id IN (old.engineer_id, new.engineer_id);
    DELETE FROM register_search WHERE rowid IN (
        SELECT c.rowid FROM applications a JOIN credentials c ON c.application_id = a.id
        WHERE a.engineer_id IN (old.engineer_id, new.engineer_id));
    INSERT INTO register_search (rowid, t)
    SELECT c.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM applications a JOIN credentials c ON c.application_id = a.id JOIN engineers e ON e.id = a.engineer_id
    WHERE a.engineer_id IN (old.engineer_id, new.engineer_id)
      AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;
END;

CREATE TRIGGER society_members_search_delete AFTER DELETE ON society_members BEGIN
    DELETE FROM engineer_search WHERE rowid = (SELECT rowid FROM engineers WHERE id = old.engineer_id);
    INSERT INTO engineer_search (rowid, t)
    SELECT e.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM engineers e WHERE e.id = old.engineer_id;
    DELETE FROM register_search WHERE rowid IN (
        SELECT c.rowid FROM applications a JOIN credentials c ON c.application_id = a.id
        WHERE a.engineer_id IN (old.engineer_id));
    INSERT INTO register_search (rowid, t)
    SELECT c.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM applications a JOIN credentials c ON c.application_id = a.id JOIN engineers e ON e.id = a.engineer_id
    WHERE a.engineer_id IN (old.engineer_id)
      AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;
END;

INSERT INTO engineer_search (rowid, t)
SELECT e.rowid,
    'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
    || ' ꙮꙮ' || COALESCE(e.name_pt, '')
    || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                 FROM society_members m WHERE m.engineer_id = e.id), '')
FROM engineers e;

-- The public register: one entry per listed certificate (the holder consented; neither
-- revoked nor replaced), keyed by the certificate's rowid, holding the holder's names, the
-- certificate id and the holder's member numbers (kept by the society_members triggers
-- above). Searching this small index instead of every engineer keeps a common
-- surname from touching a hundred thousand profiles to find a few hundred listed ones.
CREATE VIRTUAL TABLE register_search USING fts5 (
    t, content = '', contentless_delete = 1, tokenize = 'trigram'
);

CREATE TRIGGER credentials_register_insert AFTER INSERT ON credentials
WHEN new.public_register = 1 AND new.revoked = 0 AND new.replaced_by IS NULL BEGIN
    INSERT INTO register_search (rowid, t)
    SELECT new.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || new.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM applications a JOIN engineers e ON e.id = a.engineer_id
    WHERE a.id = new.application_id;
END;

CREATE TRIGGER credentials_register_update AFTER UPDATE OF public_register, revoked, replaced_by
ON credentials BEGIN
    DELETE FROM register_search WHERE rowid = old.rowid;
    INSERT INTO register_search (rowid, t)
    SELECT new.rowid,
        'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || new.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')
    FROM applications a JOIN engineers e ON e.id = a.engineer_id
    WHERE a.id = new.application_id
      AND new.public_register = 1 AND new.revoked = 0 AND new.replaced_by IS NULL;
END;

CREATE TRIGGER credentials_register_delete AFTER DELETE ON credentials BEGIN
    DELETE FROM register_search WHERE rowid = old.rowid;
END;

CREATE TRIGGER engineers_register_update AFTER UPDATE OF name_zh_hans, name_zh_hant, name_en, name_pt
ON engineers BEGIN
    DELETE FROM register_search WHERE rowid IN (
        SELECT c.rowid FROM applications a JOIN credentials c ON c.application_id = a.id
        WHERE a.engineer_id = new.id);
    INSERT INTO register_search (rowid, t)
    SELECT c.rowid,
        'ꙮꙮ' || new.name_zh_hans || ' ꙮꙮ' || new.name_zh_hant || ' ꙮꙮ' || new.name_en
        || ' ꙮꙮ' || COALESCE(new.name_pt, '') || ' ꙮꙮ' || c.id
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = new.id), '')
    FROM applications a JOIN credentials c ON c.application_id = a.id
    WHERE a.engineer_id = new.id
      AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;
END;

INSERT INTO register_search (rowid, t)
SELECT c.rowid,
    'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
    || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
    || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                 FROM society_members m WHERE m.engineer_id = e.id), '')
FROM credentials c JOIN applications a ON a.id = c.application_id JOIN engineers e ON e.id = a.engineer_id
WHERE c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL;

-- Lists in name order, and the register's newest first, without sorting the whole table.
CREATE INDEX engineers_name ON engineers (name_en, id);
CREATE INDEX credentials_listed ON credentials (issued_at, id)
    WHERE public_register = 1 AND revoked = 0 AND replaced_by IS NULL;
