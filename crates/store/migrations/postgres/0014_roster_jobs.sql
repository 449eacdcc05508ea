-- Roster imports started from the society admins' page (/admin/roster), each run as a
-- background task of the server that received the upload. Their state lives here, not in
-- that process, so any server over the same database shows a job's progress; and a job whose
-- server stopped is told by its heartbeat (`updated_at`, refreshed every second while it is
-- queued or runs) going stale, and is marked failed.
CREATE TABLE roster_jobs (
    id            TEXT PRIMARY KEY,
    society_id    TEXT NOT NULL REFERENCES societies (id),
    started_by    TEXT NOT NULL REFERENCES users (id),
    -- The uploaded file's own name, as the admin's computer called it (shown, never opened).
    file_name     TEXT NOT NULL,
    sheet         TEXT,
    dry_run       SMALLINT NOT NULL DEFAULT 0 CHECK (dry_run IN (0, 1)),
    status        TEXT NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    -- Data rows read, rows written (or found valid by a dry run), rows rejected, batches.
    rows_read     BIGINT NOT NULL DEFAULT 0,
    rows_imported BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    batches       BIGINT NOT NULL DEFAULT 0,
    -- How far into the file, of how much, in `unit`s (a CSV's bytes, a sheet's rows).
    position      BIGINT NOT NULL DEFAULT 0,
    size          BIGINT NOT NULL DEFAULT 0,
    unit          TEXT NOT NULL DEFAULT 'bytes' CHECK (unit IN ('bytes', 'rows')),
    -- Once done: members new to the roster, changed and unchanged; the file's encoding.
    inserted      BIGINT NOT NULL DEFAULT 0,
    updated       BIGINT NOT NULL DEFAULT 0,
    unchanged     BIGINT NOT NULL DEFAULT 0,
    encoding      TEXT NOT NULL DEFAULT '',
    -- Once failed: why, as a message code and its arguments (JSON), so the page says it in
    -- the reader's language.
    failure       TEXT NOT NULL DEFAULT '',
    failure_args  TEXT NOT NULL DEFAULT '{}',
    -- The row-level error report (CSV `line,column,message`, cells neutralised), once the
    -- import has read the whole file.
    report        TEXT,
    created_at    TEXT NOT NULL,
    started_at    TEXT,
    updated_at    TEXT NOT NULL,
    finished_at   TEXT
);
CREATE INDEX roster_jobs_society ON roster_jobs (society_id, created_at);
CREATE INDEX roster_jobs_unfinished ON roster_jobs (status, updated_at);
