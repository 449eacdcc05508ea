//! Roster imports as background jobs of the server that received the upload: the importer of
//! [`super::roster`] run in a task, its progress written to the job's row every second, and
//! its ending (the counts and the error report, or why it failed) recorded for any server to
//! show.
//!
//! The state is the database's, never this process's: a job whose heartbeat stops (its
//! server stopped or crashed) is marked failed by whoever next looks at it, with a message
//! saying that re-running the same file completes it (whole batches were committed, and the
//! import is idempotent).

use super::roster::{self as importer, ImportError, Options, Progress, Summary, Unit};
use crate::AppState;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;
use wanqiao_domain::Principal;
use wanqiao_store::StoreError;
use wanqiao_store::roster_jobs::{JobCounts, JobEnd, NewRosterJob, RosterJob};

/// Imports one server runs at once; more wait their turn, queued. Each import already
/// overlaps reading with writing, and the database takes one writer at a time (SQLite), so
/// running several at once would only make each slower.
static TURNS: Semaphore = Semaphore::const_new(1);

/// How often a job writes its progress, which is also its heartbeat.
const BEAT: Duration = Duration::from_secs(1);

/// A job whose heartbeat is older than this was left by a server that stopped.
pub const STALE_AFTER: SignedDuration = SignedDuration::from_secs(30);

/// The most of an error report kept with a job (about 100,000 problems); the rest are
/// counted, and the report says how many it leaves out.
pub const MAX_REPORT_BYTES: usize = 8 * 1024 * 1024;

/// An uploaded file waiting in the temporary folder; removed when dropped, so it goes away
/// whether the job finishes, fails or is never started.
#[derive(Debug)]
pub struct TempUpload {
    path: PathBuf,
}

impl TempUpload {
    /// A new, unique path in the system's temporary folder (the file is created by the
    /// caller).
    pub fn new() -> TempUpload {
        let name = format!("wanqiao-roster-{}.upload", wanqiao_store::secret::new_id());
        TempUpload {
            path: std::env::temp_dir().join(name),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Removes uploads a stopped server left behind (a job's own upload is removed when it
    /// ends, but not by a process that was killed). Any older than a day is one: no import
    /// of an upload runs that long.
    fn remove_leftovers() {
        let Ok(entries) = std::fs::read_dir(std::env::temp_dir()) else {
            return;
        };
        let day = Duration::from_secs(24 * 3600);
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            let old = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|t| t.elapsed().ok())
                .is_some_and(|age| age > day);
            if old && name.starts_with("wanqiao-roster-") && name.ends_with(".upload") {
                let _ = std::fs::remove_file(entry.path());
            }
        }
    }
}

impl Default for TempUpload {
    fn default() -> Self {
        TempUpload::new()
    }
}

impl Drop for TempUpload {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_file(&self.path)
            && e.kind() != io::ErrorKind::NotFound
        {
            tracing::warn!(path = %self.path.display(), error = %e, "cannot remove an uploaded roster");
        }
    }
}

/// What to import: the stored upload and the form's choices.
#[derive(Debug)]
pub struct Upload {
    pub file: TempUpload,
    /// The file's name on the uploader's computer, for the pages.
    pub file_name: String,
    pub society: String,
    pub sheet: Option<String>,
    pub dry_run: bool,
}

/// Who may import rosters, and for which societies: platform admins for any society,
/// society admins for theirs.
pub fn may_import(me: &Principal) -> bool {
    me.is_platform_admin() || !me.administered().is_empty()
}

/// Queues the import (an audited write) and starts it in the background; answers the job.
pub async fn start(state: &AppState, me: &Principal, upload: Upload) -> Result<String, StoreError> {
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .create_roster_job(&NewRosterJob {
            society: &upload.society,
            file_name: &upload.file_name,
            sheet: upload.sheet.as_deref(),
            dry_run: upload.dry_run,
        })
        .await?;
    w.commit().await?;
    tokio::spawn(run(state.clone(), id.clone(), me.user_id.clone(), upload));
    tokio::task::spawn_blocking(TempUpload::remove_leftovers);
    Ok(id)
}

/// The counters as the job's row keeps them.
fn counts(p: &Progress) -> JobCounts {
    JobCounts {
        rows_read: p.rows_read,
        imported: p.imported,
        rejected: p.rejected,
        batches: p.batches,
        position: p.position,
        size: p.size,
        unit: match p.unit {
            Unit::Bytes => "bytes",
            Unit::Rows => "rows",
        },
    }
}

/// Runs the job to its end: waits its turn, imports with the progress written every second,
/// and records how it ended.
async fn run(state: AppState, id: String, actor: String, upload: Upload) {
    let latest: Arc<Mutex<Option<JobCounts>>> = Arc::default();
    let mut work = {
        let (state, id, latest) = (state.clone(), id.clone(), Arc::clone(&latest));
        let actor = actor.clone();
        tokio::spawn(async move {
            let _turn = TURNS.acquire().await;
            state.store.roster_job_running(&id, state.now()).await?;
            let options = Options {
                society: upload.society.clone(),
                actor,
                sheet: upload.sheet.clone(),
                batch_size: importer::DEFAULT_BATCH_SIZE,
                dry_run: upload.dry_run,
                today: state.today(),
            };
            let report = CappedReport::new(MAX_REPORT_BYTES);
            let result = importer::import(
                &state.store,
                upload.file.path(),
                &options,
                Some(report),
                move |p: &Progress| {
                    *latest.lock().unwrap_or_else(|e| e.into_inner()) = Some(counts(p));
                },
            )
            .await;
            drop(upload);
            result
        })
    };
    // The import runs in a task of its own: on SQLite, a progress write waiting for the
    // database must never hold up the batch that holds it.
    let mut beat = tokio::time::interval(BEAT);
    let result = loop {
        tokio::select! {
            result = &mut work => break result,
            _ = beat.tick() => {
                let now = *latest.lock().unwrap_or_else(|e| e.into_inner());
                if let Err(e) = state.store.roster_job_progress(&id, now.as_ref(), state.now()).await {
                    tracing::warn!(job = %id, error = %e, "cannot record a roster import's progress");
                }
            }
        }
    };
    let last = latest
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .unwrap_or_default();
    let end = match result {
        Ok(Ok((summary, report))) => Ok((summary, report.map(CappedReport::finish))),
        Ok(Err(e)) => Err(e),
        Err(e) => Err(ImportError::Stopped(e.to_string())),
    };
    if let Err(e) = finish(&state, &id, &actor, last, end).await {
        tracing::error!(job = %id, error = %e, "cannot record how a roster import ended");
    }
}

/// Records the job's ending, in an audited write.
async fn finish(
    state: &AppState,
    id: &str,
    actor: &str,
    last: JobCounts,
    end: Result<(Summary, Option<String>), ImportError>,
) -> Result<(), StoreError> {
    let mut w = state.store.write(actor.to_string(), state.now()).await?;
    match end {
        Ok((summary, report)) => {
            let counts = JobCounts {
                rows_read: summary.rows_read,
                imported: summary.imported,
                rejected: summary.rejected,
                batches: summary.batches,
                position: last.size.max(last.position),
                ..last
            };
            w.finish_roster_job(
                id,
                &JobEnd::Done {
                    counts,
                    inserted: summary.outcome.inserted,
                    updated: summary.outcome.updated,
                    unchanged: summary.outcome.unchanged,
                    encoding: summary.encoding,
                    report: report.as_deref().unwrap_or_default(),
                },
            )
            .await?;
        }
        Err(e) => {
            if e.may_have_written() {
                tracing::error!(job = %id, error = %e, "a roster import stopped");
            }
            let (failure, args) = failure(&e);
            w.finish_roster_job(
                id,
                &JobEnd::Failed {
                    counts: last,
                    failure,
                    args,
                    report: None,
                },
            )
            .await?;
        }
    }
    w.commit().await
}

/// Why an import failed, as the message code the pages translate and its arguments.
fn failure(e: &ImportError) -> (&'static str, Value) {
    let list = |names: &[String]| names.join(", ");
    match e {
        ImportError::UnknownSociety(s) => ("unknown-society", json!({ "society": s })),
        ImportError::Empty => ("empty", json!({})),
        ImportError::NoRows => ("no-rows", json!({})),
        ImportError::Header(h) => (
            "header",
            json!({
                "unknown": list(&h.unknown),
                "missing": h.missing.join(", "),
                "repeated": list(&h.repeated),
                "no_name": h.no_name,
            }),
        ),
        ImportError::Encoding(_) => ("encoding", json!({})),
        ImportError::SeveralSheets { names } => {
            ("several-sheets", json!({ "sheets": list(names) }))
        }
        ImportError::NoSuchSheet { sheet, names } => (
            "no-such-sheet",
            json!({ "sheet": sheet, "sheets": list(names) }),
        ),
        ImportError::Workbook(_) => ("workbook", json!({})),
        ImportError::SheetOfCsv => ("sheet-of-csv", json!({})),
        _ => ("server", json!({ "written": e.may_have_written() })),
    }
}

/// Marks failed the unfinished jobs among `jobs` whose server stopped (their heartbeat is
/// stale), with every other such job; answers whether any was marked, so the caller reads
/// them afresh.
pub async fn fail_stale(state: &AppState, jobs: &[&RosterJob]) -> Result<bool, StoreError> {
    let now = state.now();
    let stale_before = now - STALE_AFTER;
    if !jobs
        .iter()
        .any(|j| j.status.is_unfinished() && j.updated_at < stale_before)
    {
        return Ok(false);
    }
    let mut w = state.store.write("roster-jobs", now).await?;
    let marked = w.fail_stale_roster_jobs(stale_before).await?;
    w.commit().await?;
    Ok(!marked.is_empty())
}

/// Rows per second over the job's run so far.
pub fn rate(job: &RosterJob, now: Timestamp) -> u64 {
    let Some(started) = job.started_at else {
        return 0;
    };
    let until = job.finished_at.unwrap_or(now);
    let seconds = until.duration_since(started).as_secs_f64();
    if seconds < 0.5 {
        return 0;
    }
    (job.counts.rows_read as f64 / seconds).round() as u64
}

/// The error report as it is written, kept up to a limit: whole lines only, the rest counted
/// so the report can say how many problems it leaves out.
struct CappedReport {
    kept: Vec<u8>,
    limit: usize,
    full: bool,
    /// Lines left out once full.
    dropped: u64,
}

impl CappedReport {
    fn new(limit: usize) -> CappedReport {
        CappedReport {
            kept: Vec::new(),
            limit,
            full: false,
            dropped: 0,
        }
    }

    /// The report's text; a last row says how many problems were left out, if any.
    fn finish(mut self) -> String {
        if self.dropped > 0 {
            let note = format!(
                ",,\"{} more problem(s) are not listed: correct the rows above and import the file again to see them\"\n",
                self.dropped
            );
            self.kept.extend_from_slice(note.as_bytes());
        }
        String::from_utf8_lossy(&self.kept).into_owned()
    }
}

impl io::Write for CappedReport {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.full {
            self.dropped += buf.iter().filter(|b| **b == b'\n').count() as u64;
            return Ok(buf.len());
        }
        self.kept.extend_from_slice(buf);
        if self.kept.len() > self.limit {
            let cut = self.kept[..self.limit]
                .iter()
                .rposition(|b| *b == b'\n')
                .map_or(0, |i| i + 1);
            self.dropped += self.kept[cut..].iter().filter(|b| **b == b'\n').count() as u64;
            self.kept.truncate(cut);
            self.full = true;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::CappedReport;
    use std::io::Write;

    #[test]
    fn a_capped_report_keeps_whole_lines_and_counts_the_rest() {
        let mut r = CappedReport::new(26);
        r.write_all(b"line,column,message\n2,a,b\n").unwrap();
        r.write_all(b"3,c,d\n4,e,f\n").unwrap();
        let text = r.finish();
        assert!(text.starts_with("line,column,message\n2,a,b\n"), "{text}");
        assert!(!text.contains("3,c,d"), "{text}");
        assert!(text.contains("2 more problem(s)"), "{text}");

        let mut r = CappedReport::new(1000);
        r.write_all(b"line,column,message\n").unwrap();
        assert_eq!(r.finish(), "line,column,message\n");
    }
}
