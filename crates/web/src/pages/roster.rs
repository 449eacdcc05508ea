//! The roster-import page of society admins: upload a CSV or XLSX roster, which the server
//! imports in the background, then follow the job's progress on a page that refreshes itself
//! (no JavaScript) and download its error report.
//!
//! Platform admins import for any society, society admins for theirs; nobody else opens
//! these pages. The upload is streamed to a temporary file as it arrives (never held in
//! memory) and the importer streams it from there; this route alone accepts bodies up to
//! [`UPLOAD_LIMIT`].

use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::routes::Routes;
use crate::service::roster_jobs::{self as jobs, TempUpload, Upload};
use askama::Template;
use axum::extract::multipart::{Field, Multipart, MultipartRejection};
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde_json::Value;
use tokio::io::AsyncWriteExt;
use wanqiao_domain::Principal;
use wanqiao_domain::roster::Column;
use wanqiao_store::Page;
use wanqiao_store::roster_jobs::{JobStatus, RosterJob};
use wanqiao_store::societies::SocietyFilter;

/// The largest upload the roster form takes: a roster of about 250,000 members as CSV.
/// Larger rosters go in with `wanqiao import roster` on the server, or in several files.
pub const UPLOAD_LIMIT: usize = 64 * 1024 * 1024;

/// Jobs listed under the form.
const RECENT: u32 = 20;

/// Text fields of the form are short; anything longer is refused, not read on.
const FIELD_LIMIT: usize = 1024;

pub fn routes() -> Routes {
    let mut upload_route = Routes::new().post("/admin/roster", upload);
    upload_route.router = upload_route
        .router
        .layer(DefaultBodyLimit::max(UPLOAD_LIMIT));
    upload_route.merge(
        Routes::new()
            .get("/admin/roster", form)
            .get("/admin/roster/{job}", job)
            .get("/admin/roster/{job}/report.csv", report),
    )
}

/// Only platform admins and society admins open these pages.
fn allowed(me: &Principal) -> Result<(), PageError> {
    if jobs::may_import(me) {
        Ok(())
    } else {
        Err(PageError::Forbidden)
    }
}

/// The societies' names in the reader's language, by id.
async fn society_names(
    state: &AppState,
    tr: &crate::Tr<'_>,
) -> Result<Vec<(String, String)>, PageError> {
    let all = state
        .store
        .societies(&SocietyFilter::default(), Page::ALL)
        .await?;
    Ok(all
        .items
        .into_iter()
        .map(|s| {
            let name = s.names.get(tr.locale).to_string();
            (s.id, name)
        })
        .collect())
}

fn name_of<'a>(names: &'a [(String, String)], id: &'a str) -> &'a str {
    names
        .iter()
        .find(|(s, _)| s == id)
        .map_or(id, |(_, n)| n.as_str())
}

fn status_label(tr: &crate::Tr<'_>, status: JobStatus) -> String {
    tr.t(match status {
        JobStatus::Queued => "roster-status-queued",
        JobStatus::Running => "roster-status-running",
        JobStatus::Done => "roster-status-done",
        JobStatus::Failed => "roster-status-failed",
    })
}

/// The badge's look: green when done, amber while under way, red when failed.
fn status_class(status: JobStatus) -> &'static str {
    match status {
        JobStatus::Queued | JobStatus::Running => "intent",
        JobStatus::Done => "in-force",
        JobStatus::Failed => "disabled",
    }
}

// ----- The form and the recent imports -------------------------------------------------

pub struct SocietyChoice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

pub struct JobRow {
    pub href: String,
    pub file_name: String,
    pub society: String,
    pub status: String,
    pub status_class: &'static str,
    pub dry_run: bool,
    pub rows_read: String,
    pub imported: String,
    pub rejected: String,
    pub created: String,
}

#[derive(Template)]
#[template(path = "roster.html")]
struct FormPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    societies: Vec<SocietyChoice>,
    /// One society only: chosen without asking.
    single_society: Option<SocietyChoice>,
    columns: String,
    limit_mb: usize,
    jobs: Vec<JobRow>,
    error: Option<String>,
}

async fn form_page(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    error: Option<String>,
    chosen: &str,
) -> PageResult {
    allowed(me)?;
    let c = Chrome::new(state, lang, "/admin/roster", "nav-roster");
    let names = society_names(state, &c.tr).await?;
    let mine: Option<Vec<String>> = (!me.is_platform_admin())
        .then(|| me.administered().iter().map(|s| s.to_string()).collect());
    let mut listed = state.store.roster_jobs(mine.as_deref(), RECENT).await?;
    if jobs::fail_stale(state, &listed.iter().collect::<Vec<_>>()).await? {
        listed = state.store.roster_jobs(mine.as_deref(), RECENT).await?;
    }
    let mut societies: Vec<SocietyChoice> = names
        .iter()
        .filter(|(id, _)| me.may_manage_society(id))
        .map(|(id, name)| SocietyChoice {
            value: id.clone(),
            label: name.clone(),
            selected: id == chosen,
        })
        .collect();
    let single_society = (societies.len() == 1).then(|| societies.remove(0));
    let rows = listed
        .iter()
        .map(|j| JobRow {
            href: format!("/admin/roster/{}", j.id),
            file_name: j.file_name.clone(),
            society: name_of(&names, &j.society).to_string(),
            status: status_label(&c.tr, j.status),
            status_class: status_class(j.status),
            dry_run: j.dry_run,
            rows_read: c.tr.number(j.counts.rows_read),
            imported: c.tr.number(j.counts.imported),
            rejected: c.tr.number(j.counts.rejected),
            created: c.tr.date_time(&j.created_at.to_string()),
        })
        .collect();
    render(FormPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        societies,
        single_society,
        columns: Column::ALL.map(Column::name).join(","),
        limit_mb: UPLOAD_LIMIT / (1024 * 1024),
        jobs: rows,
        error,
        c,
    })
}

pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
) -> PageResult {
    form_page(&state, lang, &me, &identity, None, "").await
}

// ----- The upload ----------------------------------------------------------------------

/// The form as sent, the file already stored.
#[derive(Default)]
struct Sent {
    society: String,
    sheet: String,
    dry_run: bool,
    file: Option<(TempUpload, Option<String>, u64)>,
}

/// Why a form was sent back: a message key and the answer's status.
struct FormRefusal(&'static str, StatusCode);

impl FormRefusal {
    fn unreadable(e: &axum::extract::multipart::MultipartError) -> FormRefusal {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            FormRefusal("roster-error-too-large", StatusCode::PAYLOAD_TOO_LARGE)
        } else {
            FormRefusal("roster-error-upload", StatusCode::BAD_REQUEST)
        }
    }
}

/// A short text field, refused when longer than [`FIELD_LIMIT`].
async fn text(mut field: Field<'_>) -> Result<String, FormRefusal> {
    let mut bytes = Vec::new();
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| FormRefusal::unreadable(&e))?
    {
        if bytes.len() + chunk.len() > FIELD_LIMIT {
            return Err(FormRefusal("roster-error-upload", StatusCode::BAD_REQUEST));
        }
        bytes.extend_from_slice(&chunk);
    }
    String::from_utf8(bytes)
        .map_err(|_| FormRefusal("roster-error-upload", StatusCode::BAD_REQUEST))
}

/// The file's own name, as shown on pages: without any folder, control characters or
/// excess length; none when the form named no file (nothing was chosen).
fn display_name(raw: Option<&str>) -> Option<String> {
    let base = raw
        .unwrap_or_default()
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or_default();
    let clean: String = base.chars().filter(|c| !c.is_control()).take(200).collect();
    let clean = clean.trim();
    (!clean.is_empty()).then(|| clean.to_string())
}

/// Streams the file field to a temporary file: (the file, its name, its size).
async fn store_file(
    mut field: Field<'_>,
) -> Result<(TempUpload, Option<String>, u64), FormRefusal> {
    let name = display_name(field.file_name());
    let temp = TempUpload::new();
    let failed = |e: std::io::Error| {
        tracing::error!(error = %e, "cannot store an uploaded roster");
        FormRefusal("roster-error-upload", StatusCode::INTERNAL_SERVER_ERROR)
    };
    // A member roster is personal data: readable by this user only, and a new file (never
    // one planted in the shared temporary folder beforehand).
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    options.mode(0o600);
    let mut out = options.open(temp.path()).await.map_err(failed)?;
    let mut size = 0u64;
    while let Some(chunk) = field
        .chunk()
        .await
        .map_err(|e| FormRefusal::unreadable(&e))?
    {
        size += chunk.len() as u64;
        out.write_all(&chunk).await.map_err(failed)?;
    }
    out.flush().await.map_err(failed)?;
    Ok((temp, name, size))
}

async fn read_form(multipart: &mut Multipart) -> Result<Sent, FormRefusal> {
    let mut sent = Sent::default();
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| FormRefusal::unreadable(&e))?
    {
        match field.name().unwrap_or_default() {
            "society" => sent.society = text(field).await?.trim().to_string(),
            "sheet" => sent.sheet = text(field).await?.trim().to_string(),
            "dry_run" => sent.dry_run = !text(field).await?.is_empty(),
            "file" if sent.file.is_none() => sent.file = Some(store_file(field).await?),
            // The CSRF token (checked before the handler runs) and anything else.
            _ => {
                text(field).await?;
            }
        }
    }
    Ok(sent)
}

/// Starts an import from the form: stores the upload, queues the job and shows its page.
pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    allowed(&me)?;
    let refuse = |key: &'static str, status: StatusCode, chosen: String| {
        let state = state.clone();
        let (lang, me, identity) = (lang.clone(), me.clone(), identity.clone());
        async move {
            let c = Chrome::new(&state, lang.clone(), "/admin/roster", "nav-roster");
            let message = c.tr.t1(key, "limit", (UPLOAD_LIMIT / (1024 * 1024)) as u64);
            let page = form_page(&state, lang, &me, &identity, Some(message), &chosen).await?;
            Ok::<Response, PageError>((status, page).into_response())
        }
    };
    let Ok(mut multipart) = multipart else {
        return refuse(
            "roster-error-upload",
            StatusCode::BAD_REQUEST,
            String::new(),
        )
        .await;
    };
    let sent = match read_form(&mut multipart).await {
        Ok(sent) => sent,
        Err(FormRefusal(key, status)) => return refuse(key, status, String::new()).await,
    };
    let administered = me.administered();
    let society = if sent.society.is_empty() && administered.len() == 1 && !me.is_platform_admin() {
        administered[0].to_string()
    } else {
        sent.society.clone()
    };
    if society.is_empty() {
        return refuse(
            "roster-error-society",
            StatusCode::UNPROCESSABLE_ENTITY,
            society,
        )
        .await;
    }
    if !me.may_manage_society(&society) {
        return Err(PageError::Forbidden);
    }
    if state.store.society(&society).await?.is_none() {
        return refuse(
            "roster-error-society",
            StatusCode::UNPROCESSABLE_ENTITY,
            String::new(),
        )
        .await;
    }
    let (file, file_name) = match sent.file {
        Some((file, Some(name), size)) if size > 0 => (file, name),
        Some((_, Some(_), _)) => {
            return refuse(
                "roster-error-empty-file",
                StatusCode::UNPROCESSABLE_ENTITY,
                society,
            )
            .await;
        }
        _ => {
            return refuse(
                "roster-error-no-file",
                StatusCode::UNPROCESSABLE_ENTITY,
                society,
            )
            .await;
        }
    };
    let upload = Upload {
        file,
        file_name,
        society,
        sheet: Some(sent.sheet).filter(|s| !s.is_empty()),
        dry_run: sent.dry_run,
    };
    let id = jobs::start(&state, &me, upload).await?;
    Ok(Redirect::to(&format!("/admin/roster/{id}")).into_response())
}

// ----- One job -------------------------------------------------------------------------

/// A job the reader may see: it exists, and its society is theirs (or they run the
/// platform). A job left by a stopped server is marked failed first.
async fn visible_job(state: &AppState, me: &Principal, id: &str) -> Result<RosterJob, PageError> {
    allowed(me)?;
    let mut job = state
        .store
        .roster_job(id)
        .await?
        .ok_or(PageError::NotFound)?;
    if !me.may_manage_society(&job.society) {
        return Err(PageError::Forbidden);
    }
    if jobs::fail_stale(state, &[&job]).await? {
        job = state
            .store
            .roster_job(id)
            .await?
            .ok_or(PageError::NotFound)?;
    }
    Ok(job)
}

#[derive(Template)]
#[template(path = "roster_job.html")]
struct JobPage<'a> {
    c: Chrome<'a>,
    file_name: String,
    society: String,
    status: String,
    status_class: &'static str,
    /// Queued or running: the page refreshes itself.
    unfinished: bool,
    queued: bool,
    done: bool,
    dry_run: bool,
    /// `<progress>`'s value and maximum; none while the file's size is unknown.
    progress: Option<(u64, u64)>,
    percent: String,
    rows_read: String,
    imported: String,
    rejected: String,
    rate: String,
    started: String,
    finished: String,
    summary: String,
    outcome: String,
    encoding: String,
    report_href: Option<String>,
    failure: Vec<String>,
    nothing_written: bool,
}

/// What the page says about a failure, line by line, in the reader's language.
fn failure_lines(tr: &crate::Tr<'_>, code: &str, args: &Value) -> (Vec<String>, bool) {
    let arg = |name: &str| args[name].as_str().unwrap_or_default().to_string();
    let one = |key: &str| vec![tr.t(key)];
    match code {
        "unknown-society" => (
            vec![tr.t1("roster-failure-unknown-society", "society", arg("society"))],
            true,
        ),
        "empty" => (one("roster-failure-empty"), true),
        "no-rows" => (one("roster-failure-no-rows"), true),
        "header" => {
            let mut lines = vec![tr.t("roster-failure-header")];
            for (key, name) in [
                ("roster-failure-header-unknown", "unknown"),
                ("roster-failure-header-missing", "missing"),
                ("roster-failure-header-repeated", "repeated"),
            ] {
                let columns = arg(name);
                if !columns.is_empty() {
                    lines.push(tr.t1(key, "columns", columns));
                }
            }
            if args["no_name"].as_bool().unwrap_or(false) {
                lines.push(tr.t("roster-failure-header-no-name"));
            }
            (lines, true)
        }
        "encoding" => (one("roster-failure-encoding"), true),
        "several-sheets" => (
            vec![tr.t1("roster-failure-several-sheets", "sheets", arg("sheets"))],
            true,
        ),
        "no-such-sheet" => (
            vec![tr.targs(
                "roster-failure-no-such-sheet",
                &[
                    ("sheet", arg("sheet").into()),
                    ("sheets", arg("sheets").into()),
                ],
            )],
            true,
        ),
        "workbook" => (one("roster-failure-workbook"), true),
        "sheet-of-csv" => (one("roster-failure-sheet-of-csv"), true),
        "interrupted" => (one("roster-failure-interrupted"), false),
        _ => (one("roster-failure-server"), false),
    }
}

pub async fn job(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let job = visible_job(&state, &me, &id).await?;
    let c = Chrome::new(&state, lang, "/admin/roster", "nav-roster");
    let names = society_names(&state, &c.tr).await?;
    let tr = &c.tr;
    let n = |v: u64| tr.number(v);
    let counts = job.counts;
    let done = job.status == JobStatus::Done;
    let progress = (counts.size > 0 && job.status != JobStatus::Queued)
        .then(|| (counts.position.min(counts.size), counts.size))
        .or(done.then_some((1, 1)));
    let percent = progress
        .map(|(v, m)| format!("{}%", v * 100 / m.max(1)))
        .unwrap_or_default();
    let (failure, nothing_written) = if job.status == JobStatus::Failed {
        failure_lines(tr, &job.failure, &job.failure_args)
    } else {
        (Vec::new(), false)
    };
    let summary = match (done, job.dry_run) {
        (true, false) => tr.targs(
            "roster-job-done",
            &[
                ("imported", n(counts.imported).into()),
                ("rejected", n(counts.rejected).into()),
            ],
        ),
        (true, true) => tr.targs(
            "roster-job-dry-done",
            &[
                ("imported", n(counts.imported).into()),
                ("rejected", n(counts.rejected).into()),
            ],
        ),
        _ => String::new(),
    };
    let outcome = if done && !job.dry_run {
        tr.targs(
            "roster-job-outcome",
            &[
                ("inserted", n(job.inserted).into()),
                ("updated", n(job.updated).into()),
                ("unchanged", n(job.unchanged).into()),
            ],
        )
    } else {
        String::new()
    };
    let page = JobPage {
        file_name: job.file_name.clone(),
        society: name_of(&names, &job.society).to_string(),
        status: status_label(tr, job.status),
        status_class: status_class(job.status),
        unfinished: job.status.is_unfinished(),
        queued: job.status == JobStatus::Queued,
        done,
        dry_run: job.dry_run,
        progress,
        percent,
        rows_read: n(counts.rows_read),
        imported: n(counts.imported),
        rejected: n(counts.rejected),
        rate: tr.t1("roster-job-rate", "rate", n(jobs::rate(&job, state.now()))),
        started: job
            .started_at
            .map(|t| tr.date_time(&t.to_string()))
            .unwrap_or_else(|| "—".into()),
        finished: job
            .finished_at
            .map(|t| tr.date_time(&t.to_string()))
            .unwrap_or_else(|| "—".into()),
        summary,
        outcome,
        encoding: if done && !job.encoding.is_empty() {
            tr.t1("roster-job-encoding", "encoding", job.encoding.as_str())
        } else {
            String::new()
        },
        report_href: (job.has_report && counts.rejected > 0)
            .then(|| format!("/admin/roster/{}/report.csv", job.id)),
        failure,
        nothing_written,
        c,
    };
    render(page)
}

/// The job's error report, as a CSV attachment (with a byte-order mark, so spreadsheet
/// programs read it as UTF-8). Its cells were neutralised as it was written.
pub async fn report(
    State(state): State<AppState>,
    PageUser(me, _): PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let job = visible_job(&state, &me, &id).await?;
    let text = state
        .store
        .roster_job_report(&job.id)
        .await?
        .ok_or(PageError::NotFound)?;
    let mut response = format!("\u{feff}{text}").into_response();
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"roster-report-{}.csv\"", job.id);
    h.insert(
        header::CONTENT_DISPOSITION,
        HeaderValue::from_str(&disposition).unwrap_or(HeaderValue::from_static("attachment")),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("private, no-store"),
    );
    Ok(response)
}
