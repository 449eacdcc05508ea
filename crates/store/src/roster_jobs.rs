//! Roster imports run as background jobs from the society admins' page.
//!
//! The job's state lives in the database, not in the server that runs it, so any server over
//! the same database shows its progress. A running job refreshes its heartbeat
//! (`updated_at`) every second; one whose heartbeat has gone stale was left behind by a server
//! that stopped, and is marked failed ([`Write::fail_stale_roster_jobs`]).
//!
//! Starting and finishing a job are audited writes. The progress counters in between are
//! bookkeeping, not a change to the platform's data (each batch the import commits carries
//! its own audit event), so they are written straight to the pool, as session activity is.

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::{Value, json};

/// Where a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum JobStatus {
    /// Waiting for its turn (imports run one or two at a time per server).
    Queued,
    Running,
    Done,
    Failed,
}

impl JobStatus {
    pub const ALL: [JobStatus; 4] = [
        JobStatus::Queued,
        JobStatus::Running,
        JobStatus::Done,
        JobStatus::Failed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            JobStatus::Queued => "queued",
            JobStatus::Running => "running",
            JobStatus::Done => "done",
            JobStatus::Failed => "failed",
        }
    }

    pub fn parse(s: &str) -> Option<JobStatus> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }

    /// Queued or running: its page keeps refreshing.
    pub fn is_unfinished(self) -> bool {
        matches!(self, JobStatus::Queued | JobStatus::Running)
    }
}

/// A job as stored (without its report, which may be large: see
/// [`Store::roster_job_report`]).
#[derive(Debug, Clone, Serialize)]
pub struct RosterJob {
    pub id: String,
    pub society: String,
    pub started_by: String,
    pub file_name: String,
    pub sheet: Option<String>,
    pub dry_run: bool,
    pub status: JobStatus,
    pub counts: JobCounts,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub encoding: String,
    /// Why it failed, as a message code, and the message's arguments.
    pub failure: String,
    pub failure_args: Value,
    pub has_report: bool,
    pub created_at: Timestamp,
    pub started_at: Option<Timestamp>,
    /// The heartbeat while unfinished; when it finished, after.
    pub updated_at: Timestamp,
    pub finished_at: Option<Timestamp>,
}

/// How far a job has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct JobCounts {
    pub rows_read: u64,
    /// Rows written, or found valid by a dry run.
    pub imported: u64,
    pub rejected: u64,
    pub batches: u64,
    /// How far into the file, of `size`, in `unit`s.
    pub position: u64,
    pub size: u64,
    /// `bytes` (CSV) or `rows` (XLSX).
    pub unit: &'static str,
}

impl Default for JobCounts {
    /// Nothing read yet, of a file of unknown size counted in bytes.
    fn default() -> Self {
        JobCounts {
            rows_read: 0,
            imported: 0,
            rejected: 0,
            batches: 0,
            position: 0,
            size: 0,
            unit: "bytes",
        }
    }
}

/// A job about to be queued.
#[derive(Debug, Clone)]
pub struct NewRosterJob<'a> {
    pub society: &'a str,
    pub file_name: &'a str,
    pub sheet: Option<&'a str>,
    pub dry_run: bool,
}

/// How a job ended.
#[derive(Debug, Clone)]
pub enum JobEnd<'a> {
    Done {
        counts: JobCounts,
        inserted: u64,
        updated: u64,
        unchanged: u64,
        encoding: &'a str,
        report: &'a str,
    },
    Failed {
        counts: JobCounts,
        failure: &'a str,
        args: Value,
        /// The report as far as it was written, when there is one.
        report: Option<&'a str>,
    },
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    society_id: String,
    started_by: String,
    file_name: String,
    sheet: Option<String>,
    dry_run: i64,
    status: String,
    rows_read: i64,
    rows_imported: i64,
    rows_rejected: i64,
    batches: i64,
    position: i64,
    size: i64,
    unit: String,
    inserted: i64,
    updated: i64,
    unchanged: i64,
    encoding: String,
    failure: String,
    failure_args: String,
    has_report: i64,
    created_at: String,
    started_at: Option<String>,
    updated_at: String,
    finished_at: Option<String>,
}

const COLUMNS: &str = "id, society_id, started_by, file_name, sheet, dry_run, status, rows_read, \
     rows_imported, rows_rejected, batches, position, size, unit, inserted, updated, unchanged, \
     encoding, failure, failure_args, \
     CAST(CASE WHEN report IS NULL THEN 0 ELSE 1 END AS BIGINT) AS has_report, \
     created_at, started_at, updated_at, finished_at";

fn unit_code(unit: &str) -> &'static str {
    if unit == "rows" { "rows" } else { "bytes" }
}

fn to_job(r: Row) -> Result<RosterJob> {
    let instant = |column: &str, raw: &str| codec::read_instant(column, raw);
    let opt_instant = |column: &str, raw: Option<&str>| raw.map(|r| instant(column, r)).transpose();
    Ok(RosterJob {
        status: codec::code("roster_jobs.status", &r.status, JobStatus::parse)?,
        counts: JobCounts {
            rows_read: codec::count(r.rows_read),
            imported: codec::count(r.rows_imported),
            rejected: codec::count(r.rows_rejected),
            batches: codec::count(r.batches),
            position: codec::count(r.position),
            size: codec::count(r.size),
            unit: unit_code(&r.unit),
        },
        inserted: codec::count(r.inserted),
        updated: codec::count(r.updated),
        unchanged: codec::count(r.unchanged),
        failure_args: serde_json::from_str(&r.failure_args)
            .map_err(|e| StoreError::Corrupt(format!("roster_jobs.failure_args: {e}")))?,
        created_at: instant("roster_jobs.created_at", &r.created_at)?,
        started_at: opt_instant("roster_jobs.started_at", r.started_at.as_deref())?,
        updated_at: instant("roster_jobs.updated_at", &r.updated_at)?,
        finished_at: opt_instant("roster_jobs.finished_at", r.finished_at.as_deref())?,
        id: r.id,
        society: r.society_id,
        started_by: r.started_by,
        file_name: r.file_name,
        sheet: r.sheet,
        dry_run: r.dry_run != 0,
        encoding: r.encoding,
        failure: r.failure,
        has_report: r.has_report != 0,
    })
}

fn signed(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    pub async fn roster_job(&self, id: &str) -> Result<Option<RosterJob>> {
        let row: Option<Row> =
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM roster_jobs WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(to_job).transpose()
    }

    /// The latest jobs of `societies` (of every society when `None`), newest first.
    pub async fn roster_jobs(
        &self,
        societies: Option<&[String]>,
        limit: u32,
    ) -> Result<Vec<RosterJob>> {
        let rows: Vec<Row> = match societies {
            None => {
                sqlx::query_as(sql!(
                    "SELECT {COLUMNS} FROM roster_jobs ORDER BY created_at DESC, id LIMIT $1"
                ))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
            Some([]) => Vec::new(),
            Some(list) => {
                let ph = codec::placeholders(2, list.len());
                let mut q = sqlx::query_as::<_, Row>(sql!(
                    "SELECT {COLUMNS} FROM roster_jobs WHERE society_id IN ({ph})
                     ORDER BY created_at DESC, id LIMIT $1"
                ))
                .bind(i64::from(limit));
                for s in list {
                    q = q.bind(s);
                }
                q.fetch_all(&self.pool).await?
            }
        };
        rows.into_iter().map(to_job).collect()
    }

    /// The job's error report, once there is one.
    pub async fn roster_job_report(&self, id: &str) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT report FROM roster_jobs WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// The job has its turn: it runs from `now`.
    pub async fn roster_job_running(&self, id: &str, now: Timestamp) -> Result<()> {
        let at = codec::instant(now);
        sqlx::query(
            "UPDATE roster_jobs SET status = 'running', started_at = $2, updated_at = $2
             WHERE id = $1 AND status = 'queued'",
        )
        .bind(id)
        .bind(&at)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The job's progress and heartbeat, while it is unfinished; `None` refreshes the
    /// heartbeat only. Answers whether the job is still unfinished: a job marked failed
    /// meanwhile (its heartbeat was thought stale) is not brought back.
    pub async fn roster_job_progress(
        &self,
        id: &str,
        counts: Option<&JobCounts>,
        now: Timestamp,
    ) -> Result<bool> {
        let at = codec::instant(now);
        let done =
            match counts {
                None => {
                    sqlx::query(
                        "UPDATE roster_jobs SET updated_at = $2
                     WHERE id = $1 AND status IN ('queued', 'running')",
                    )
                    .bind(id)
                    .bind(&at)
                    .execute(&self.pool)
                    .await?
                }
                Some(c) => sqlx::query(
                    "UPDATE roster_jobs SET updated_at = $2, rows_read = $3, rows_imported = $4,
                            rows_rejected = $5, batches = $6, position = $7, size = $8, unit = $9
                     WHERE id = $1 AND status IN ('queued', 'running')",
                )
                .bind(id)
                .bind(&at)
                .bind(signed(c.rows_read))
                .bind(signed(c.imported))
                .bind(signed(c.rejected))
                .bind(signed(c.batches))
                .bind(signed(c.position))
                .bind(signed(c.size))
                .bind(c.unit)
                .execute(&self.pool)
                .await?,
            };
        Ok(done.rows_affected() > 0)
    }
}

impl Write {
    /// Queues a job for the acting user; audited as `roster.job_start`.
    pub async fn create_roster_job(&mut self, job: &NewRosterJob<'_>) -> Result<String> {
        let id = new_id();
        let at = codec::instant(self.now());
        let actor = self.actor().to_string();
        sqlx::query(
            "INSERT INTO roster_jobs (id, society_id, started_by, file_name, sheet, dry_run,
                                      status, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7)",
        )
        .bind(&id)
        .bind(job.society)
        .bind(&actor)
        .bind(job.file_name)
        .bind(job.sheet)
        .bind(codec::flag(job.dry_run))
        .bind(&at)
        .execute(self.conn())
        .await?;
        self.audit(
            "roster.job_start",
            &format!("roster_job:{id}"),
            json!({
                "society": job.society,
                "file": job.file_name,
                "sheet": job.sheet,
                "dry_run": job.dry_run,
            }),
        )
        .await?;
        Ok(id)
    }

    /// Records how an unfinished job ended; audited as `roster.job_done` or
    /// `roster.job_failed`. Answers false (and writes nothing) when the job had already
    /// finished, e.g. marked failed as stale.
    pub async fn finish_roster_job(&mut self, id: &str, end: &JobEnd<'_>) -> Result<bool> {
        let at = codec::instant(self.now());
        let (status, counts, report) = match end {
            JobEnd::Done { counts, report, .. } => ("done", counts, Some(*report)),
            JobEnd::Failed { counts, report, .. } => ("failed", counts, *report),
        };
        let (inserted, updated, unchanged, encoding) = match end {
            JobEnd::Done {
                inserted,
                updated,
                unchanged,
                encoding,
                ..
            } => (*inserted, *updated, *unchanged, *encoding),
            JobEnd::Failed { .. } => (0, 0, 0, ""),
        };
        let (failure, args) = match end {
            JobEnd::Failed { failure, args, .. } => (*failure, args.clone()),
            JobEnd::Done { .. } => ("", json!({})),
        };
        let changed = sqlx::query(
            "UPDATE roster_jobs SET status = $2, updated_at = $3, finished_at = $3,
                    rows_read = $4, rows_imported = $5, rows_rejected = $6, batches = $7,
                    position = $8, size = $9, unit = $10, inserted = $11, updated = $12,
                    unchanged = $13, encoding = $14, failure = $15, failure_args = $16,
                    report = $17
             WHERE id = $1 AND status IN ('queued', 'running')",
        )
        .bind(id)
        .bind(status)
        .bind(&at)
        .bind(signed(counts.rows_read))
        .bind(signed(counts.imported))
        .bind(signed(counts.rejected))
        .bind(signed(counts.batches))
        .bind(signed(counts.position))
        .bind(signed(counts.size))
        .bind(counts.unit)
        .bind(signed(inserted))
        .bind(signed(updated))
        .bind(signed(unchanged))
        .bind(encoding)
        .bind(failure)
        .bind(args.to_string())
        .bind(report)
        .execute(self.conn())
        .await?
        .rows_affected()
            > 0;
        if changed {
            self.audit(
                &format!("roster.job_{status}"),
                &format!("roster_job:{id}"),
                json!({
                    "rows_read": counts.rows_read,
                    "imported": counts.imported,
                    "rejected": counts.rejected,
                    "failure": failure,
                }),
            )
            .await?;
        }
        Ok(changed)
    }

    /// Marks failed every unfinished job whose heartbeat is older than `stale_before`: the
    /// server running it stopped. Audited as `roster.job_abandoned`, one event per job.
    /// Answers the jobs marked.
    pub async fn fail_stale_roster_jobs(&mut self, stale_before: Timestamp) -> Result<Vec<String>> {
        let at = codec::instant(self.now());
        let ids: Vec<(String,)> = sqlx::query_as(
            "UPDATE roster_jobs SET status = 'failed', failure = 'interrupted',
                    failure_args = '{}', finished_at = $1, updated_at = $1
             WHERE status IN ('queued', 'running') AND updated_at < $2
             RETURNING id",
        )
        .bind(&at)
        .bind(codec::instant(stale_before))
        .fetch_all(self.conn())
        .await?;
        let ids: Vec<String> = ids.into_iter().map(|r| r.0).collect();
        for id in &ids {
            self.audit(
                "roster.job_abandoned",
                &format!("roster_job:{id}"),
                json!({ "failure": "interrupted" }),
            )
            .await?;
        }
        Ok(ids)
    }
}
