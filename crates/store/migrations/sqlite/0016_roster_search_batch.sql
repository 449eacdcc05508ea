-- Roster imports index search by the batch (`crates/store/src/roster.rs`). The triggers of
-- 0012 index an engineer row by row: a roster batch of thousands of members ran their
-- statements thousands of times, half of the import's time. While a transaction holds the
-- row of `search_deferred`, the triggers an import fires (a member recorded, an engineer
-- written) skip their work; the import then indexes the batch's engineers with one statement
-- per index, deletes the row and commits. The row lives and dies inside the import's
-- transaction, so no other writer ever sees it, and every other write still indexes row by
-- row.
CREATE TABLE search_deferred (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);

DROP TRIGGER engineers_search_insert;
CREATE TRIGGER engineers_search_insert AFTER INSERT ON engineers
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    INSERT INTO engineer_search (rowid, t) VALUES (new.rowid,
        'ꙮꙮ' || new.name_zh_hans || ' ꙮꙮ' || new.name_zh_hant || ' ꙮꙮ' || new.name_en
        || ' ꙮꙮ' || COALESCE(new.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = new.id), ''));
END;

DROP TRIGGER engineers_search_update;
CREATE TRIGGER engineers_search_update AFTER UPDATE OF name_zh_hans, name_zh_hant, name_en, name_pt
ON engineers WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
    DELETE FROM engineer_search WHERE rowid = old.rowid;
    INSERT INTO engineer_search (rowid, t) VALUES (new.rowid,
        'ꙮꙮ' || new.name_zh_hans || ' ꙮꙮ' || new.name_zh_hant || ' ꙮꙮ' || new.name_en
        || ' ꙮꙮ' || COALESCE(new.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = new.id), ''));
END;

DROP TRIGGER engineers_register_update;
CREATE TRIGGER engineers_register_update AFTER UPDATE OF name_zh_hans, name_zh_hant, name_en, name_pt
ON engineers WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
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

DROP TRIGGER society_members_search_insert;
CREATE TRIGGER society_members_search_insert AFTER INSERT ON society_members
WHEN NOT EXISTS (SELECT 1 FROM search_deferred) BEGIN
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
