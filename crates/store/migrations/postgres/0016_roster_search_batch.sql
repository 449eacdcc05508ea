-- Roster imports index search by the batch on SQLite (its migration 0016 lets an import's
-- transaction skip the per-row search triggers and index the batch with one statement per
-- index at its end). PostgreSQL's search indexes are GIN indexes the engine keeps itself, so
-- nothing changes here; this file keeps both engines' migrations numbered alike.
SELECT 1;
