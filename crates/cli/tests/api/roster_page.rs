//! The society admins' roster-import page: an upload becomes a background job whose page
//! follows it to the end, with the error report to download; only the society's admins and
//! platform admins reach it.

use crate::helpers::{As, Reply, Session, TestApp, apps, wanqiao};
use std::time::Duration;
use wanqiao_store::roster_jobs::{JobStatus, NewRosterJob, RosterJob};

const BOUNDARY: &str = "roster-page-boundary-5b2e";

/// A `multipart/form-data` body as a browser sends the roster form: the CSRF token first,
/// then the text fields, then the file.
fn form_body(csrf: &str, fields: &[(&str, &str)], file: Option<(&str, &[u8])>) -> Vec<u8> {
    let mut body = Vec::new();
    let mut part = |name: &str, filename: Option<&str>, value: &[u8]| {
        let disposition = match filename {
            Some(f) => {
                format!("form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv")
            }
            None => format!("form-data; name=\"{name}\""),
        };
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(value);
        body.extend_from_slice(b"\r\n");
    };
    part("csrf_token", None, csrf.as_bytes());
    for (k, v) in fields {
        part(k, None, v.as_bytes());
    }
    if let Some((name, bytes)) = file {
        part("file", Some(name), bytes);
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

/// Posts the roster form with the session cookie only: the CSRF token travels in the form.
async fn upload(
    app: &TestApp,
    session: &Session,
    fields: &[(&str, &str)],
    file: Option<(&str, &[u8])>,
) -> Reply {
    let response = app
        .http
        .post(app.url("/admin/roster?lang=en"))
        .header("cookie", &session.cookie)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .body(form_body(&session.csrf, fields, file))
        .send()
        .await
        .unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

async fn page(app: &TestApp, session: &Session, path: &str) -> Reply {
    app.send("GET", path, As::Browser(session), None).await
}

/// The job a form post started, from the page it sends the browser to.
fn job_of(app: &TestApp, reply: &Reply) -> String {
    assert_eq!(reply.status, 303, "{app}: {}", reply.body);
    let location = reply.header("location");
    location
        .strip_prefix("/admin/roster/")
        .unwrap_or_else(|| panic!("{app}: sent to {location}"))
        .to_string()
}

/// Waits for the job to end, following its page as a browser would.
async fn finished(app: &TestApp, session: &Session, job: &str) -> (RosterJob, String) {
    for _ in 0..240 {
        let reply = page(app, session, &format!("/admin/roster/{job}?lang=en")).await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        let stored = app.server.store.roster_job(job).await.unwrap().unwrap();
        if !stored.status.is_unfinished() {
            let reply = page(app, session, &format!("/admin/roster/{job}?lang=en")).await;
            return (stored, reply.body);
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{app}: the job {job} did not finish within a minute");
}

/// Every cell of a CSV text, quotes understood.
fn csv_cells(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let (mut row, mut cell, mut quoted, mut chars) =
        (Vec::new(), String::new(), false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut cell)),
            ('\n', false) => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            ('\r', false) => {}
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// A synthetic roster of `rows` members of `society`, from the generator.
fn roster(society: &str, rows: usize) -> String {
    let (code, out, err) = wanqiao(&[
        "demo",
        "roster",
        "--rows",
        &rows.to_string(),
        "--seed",
        "5",
        "--society",
        society,
    ]);
    assert_eq!(code, 0, "{err}");
    out
}

async fn engineer_count(app: &TestApp, admin: &Session) -> u64 {
    let reply = app
        .send("GET", "/api/v1/engineers?limit=1", As::Browser(admin), None)
        .await;
    assert_eq!(reply.status, 200, "{app}: {}", reply.body);
    reply.json()["total"].as_u64().unwrap()
}

#[tokio::test]
async fn an_upload_runs_to_the_end_with_its_report() {
    for app in apps(true).await {
        let admin = app.login("hk.admin@wanqiao.example").await;
        let form = page(&app, &admin, "/admin/roster?lang=en").await;
        assert_eq!(form.status, 200, "{app}: {}", form.body);
        // The token is the form's first field, as the CSRF check of uploads needs.
        let form_html = &form.body[form.body.find("enctype=\"multipart/form-data\"").unwrap()..];
        let first_input = &form_html[form_html.find("<input").unwrap()..];
        assert!(
            first_input.starts_with("<input type=\"hidden\" name=\"csrf_token\""),
            "{app}"
        );
        assert!(
            form.body.contains("href=\"/admin/roster\""),
            "{app}: the navigation links it"
        );

        // 200 good members, and four bad rows: a duplicate, an unknown framework and two
        // cells a spreadsheet would run as formulas.
        let mut text = roster("hk-building-em", 200);
        let second = text.lines().nth(2).unwrap().to_string();
        text.push_str(&second);
        text.push('\n');
        text.push_str("BAD-1,陈大文,陳大文,Chan Tai Man,,=1+1,member,building,,,good,,,,,,,,\n");
        text.push_str("BAD-2,陈大文,陳大文,Chan Tai Man,,hk-building-em-grade,@SUM(A1),building,,,good,,,,,,,,\n");
        text.push_str("BAD-3,陈大文,陳大文,Chan Tai Man,,hk-building-em-grade,member,building,+2026-01-01,,good,,,,,,,,\n");
        let platform = app.login("admin@wanqiao.example").await;
        let before = engineer_count(&app, &platform).await;

        let reply = upload(&app, &admin, &[], Some(("members.csv", text.as_bytes()))).await;
        let job = job_of(&app, &reply);
        let (stored, body) = finished(&app, &admin, &job).await;
        assert_eq!(stored.status, JobStatus::Done, "{app}: {body}");
        assert_eq!(stored.society, "hk-building-em");
        assert_eq!(stored.file_name, "members.csv");
        assert_eq!(
            (
                stored.counts.rows_read,
                stored.counts.imported,
                stored.counts.rejected
            ),
            (204, 200, 4),
            "{app}"
        );
        assert_eq!(stored.inserted, 200, "{app}");
        assert!(
            !body.contains("http-equiv=\"refresh\""),
            "{app}: a finished job stops refreshing"
        );
        assert!(
            body.contains("200 rows imported, 4 rejected"),
            "{app}: {body}"
        );
        assert!(body.contains("<progress"), "{app}");
        assert_eq!(engineer_count(&app, &platform).await, before + 200, "{app}");

        let report = page(&app, &admin, &format!("/admin/roster/{job}/report.csv")).await;
        assert_eq!(report.status, 200, "{app}");
        assert!(
            report.header("content-type").starts_with("text/csv"),
            "{app}"
        );
        assert!(
            report
                .header("content-disposition")
                .starts_with("attachment;"),
            "{app}"
        );
        let cells = csv_cells(report.body.trim_start_matches('\u{feff}'));
        assert_eq!(cells[0], ["line", "column", "message"], "{app}");
        for row in &cells {
            for cell in row {
                assert!(
                    !cell.starts_with(['=', '+', '-', '@']),
                    "{app}: the report cell {cell:?} would run as a formula"
                );
            }
        }
        let lines: Vec<&str> = cells[1..].iter().map(|r| r[0].as_str()).collect();
        for line in ["202", "203", "204", "205"] {
            assert!(
                lines.contains(&line),
                "{app}: no problem reported on line {line}"
            );
        }
        assert_eq!(app.audit_count("roster.job_start").await, 1, "{app}");
        assert_eq!(app.audit_count("roster.job_done").await, 1, "{app}");

        // The list shows the import.
        let list = page(&app, &admin, "/admin/roster?lang=en").await;
        assert!(list.body.contains(&format!("/admin/roster/{job}")), "{app}");

        // A dry run checks and writes nothing.
        let clean = roster("hk-building-em", 30);
        let reply = upload(
            &app,
            &admin,
            &[("dry_run", "1")],
            Some(("check.csv", clean.as_bytes())),
        )
        .await;
        let job = job_of(&app, &reply);
        let (stored, body) = finished(&app, &admin, &job).await;
        assert_eq!(stored.status, JobStatus::Done, "{app}: {body}");
        assert!(stored.dry_run && stored.counts.imported == 30, "{app}");
        assert!(body.contains("Nothing was written"), "{app}: {body}");
        assert_eq!(engineer_count(&app, &platform).await, before + 200, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_bad_header_fails_clearly_and_writes_nothing() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let before = engineer_count(&app, &admin).await;
        let file = "member_number,nickname,framework,level\nM-1,Ah Man,cn-title,engineer\n";
        // A platform admin names the society.
        let reply = upload(&app, &admin, &[], Some(("bad.csv", file.as_bytes()))).await;
        assert_eq!(reply.status, 422, "{app}: {}", reply.body);
        assert!(reply.body.contains("Choose the society"), "{app}");
        let reply = upload(
            &app,
            &admin,
            &[("society", "gd-civil-structural")],
            Some(("bad.csv", file.as_bytes())),
        )
        .await;
        let job = job_of(&app, &reply);
        let (stored, body) = finished(&app, &admin, &job).await;
        assert_eq!(stored.status, JobStatus::Failed, "{app}");
        assert_eq!(stored.failure, "header", "{app}");
        for said in [
            "The first row is not a roster header.",
            "Unknown columns: nickname.",
            "Missing required columns: specialty.",
            "No name column",
            "Nothing was written.",
        ] {
            assert!(body.contains(said), "{app}: `{said}` not in {body}");
        }
        assert!(!body.contains("report.csv"), "{app}");
        assert_eq!(engineer_count(&app, &admin).await, before, "{app}");
        assert_eq!(app.audit_count("roster.job_failed").await, 1, "{app}");

        // No file, and an empty one, are sent back at once.
        let reply = upload(&app, &admin, &[("society", "gdes")], None).await;
        assert_eq!(reply.status, 422, "{app}");
        assert!(reply.body.contains("Choose the roster file"), "{app}");
        let reply = upload(
            &app,
            &admin,
            &[("society", "gdes")],
            Some(("empty.csv", b"")),
        )
        .await;
        assert_eq!(reply.status, 422, "{app}");
        assert!(reply.body.contains("is empty"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn only_the_society_admins_and_platform_admins_reach_it() {
    for app in apps(true).await {
        let hk = app.login("hk.admin@wanqiao.example").await;
        let reply = upload(
            &app,
            &hk,
            &[],
            Some(("members.csv", roster("hk-building-em", 5).as_bytes())),
        )
        .await;
        let job = job_of(&app, &reply);
        finished(&app, &hk, &job).await;
        let job_page = format!("/admin/roster/{job}");
        let report = format!("/admin/roster/{job}/report.csv");

        // Everyone else without a society to administer is refused.
        for email in [
            "engineer.gd@wanqiao.example",
            "gdes.reviewer@wanqiao.example",
            "gd.attestor@wanqiao.example",
        ] {
            let s = app.login(email).await;
            for path in ["/admin/roster", job_page.as_str(), report.as_str()] {
                assert_eq!(
                    page(&app, &s, path).await.status,
                    403,
                    "{app} {email} {path}"
                );
            }
            let file = roster("gdes", 3);
            let reply = upload(
                &app,
                &s,
                &[("society", "gdes")],
                Some(("m.csv", file.as_bytes())),
            )
            .await;
            assert_eq!(reply.status, 403, "{app} {email}");
            assert!(
                !page(&app, &s, "/")
                    .await
                    .body
                    .contains("href=\"/admin/roster\""),
                "{app}"
            );
        }
        let anonymous = app.get(&job_page).await;
        assert_eq!(anonymous.status, 303, "{app}");
        assert!(anonymous.header("location").starts_with("/login"), "{app}");

        // Another society's admin sees neither the job nor its report, cannot import for
        // that society, and does not find the job in their list.
        let mo = app.login("mo.admin@wanqiao.example").await;
        assert_eq!(page(&app, &mo, &job_page).await.status, 403, "{app}");
        assert_eq!(page(&app, &mo, &report).await.status, 403, "{app}");
        let file = roster("hk-building-em", 3);
        let reply = upload(
            &app,
            &mo,
            &[("society", "hk-building-em")],
            Some(("m.csv", file.as_bytes())),
        )
        .await;
        assert_eq!(reply.status, 403, "{app}");
        let list = page(&app, &mo, "/admin/roster").await;
        assert_eq!(list.status, 200, "{app}");
        assert!(!list.body.contains(&job_page), "{app}");

        // A platform admin sees every society's jobs.
        let admin = app.login("admin@wanqiao.example").await;
        assert_eq!(page(&app, &admin, &job_page).await.status, 200, "{app}");
        assert_eq!(app.audit_count("roster.job_start").await, 1, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_running_job_refreshes_and_one_its_server_left_is_marked_failed() {
    for app in apps(true).await {
        let store = &app.server.store;
        let admin = app.login("hk.admin@wanqiao.example").await;
        let user = store
            .user_id_by_email("hk.admin@wanqiao.example")
            .await
            .unwrap()
            .unwrap();
        let job_at = |at: jiff::Timestamp| {
            let user = user.clone();
            async move {
                let mut w = store.write(user, at).await.unwrap();
                let id = w
                    .create_roster_job(&NewRosterJob {
                        society: "hk-building-em",
                        file_name: "big.csv",
                        sheet: None,
                        dry_run: false,
                    })
                    .await
                    .unwrap();
                w.commit().await.unwrap();
                store.roster_job_running(&id, at).await.unwrap();
                id
            }
        };

        // A job running now: its page refreshes itself every two seconds.
        let running = job_at(jiff::Timestamp::now()).await;
        let body = page(&app, &admin, &format!("/admin/roster/{running}?lang=en"))
            .await
            .body;
        assert!(
            body.contains(r#"<meta http-equiv="refresh" content="2">"#),
            "{app}: {body}"
        );
        assert!(body.contains("Running"), "{app}");

        // A job whose heartbeat stopped ten minutes ago: its server stopped mid-way.
        let left = job_at(jiff::Timestamp::now() - jiff::SignedDuration::from_mins(10)).await;
        let body = page(&app, &admin, &format!("/admin/roster/{left}?lang=en"))
            .await
            .body;
        assert!(!body.contains("http-equiv=\"refresh\""), "{app}");
        assert!(body.contains("The import was interrupted"), "{app}: {body}");
        let stored = store.roster_job(&left).await.unwrap().unwrap();
        assert_eq!(stored.status, JobStatus::Failed, "{app}");
        assert_eq!(stored.failure, "interrupted", "{app}");
        assert_eq!(app.audit_count("roster.job_abandoned").await, 1, "{app}");
        // The running one is left running.
        let stored = store.roster_job(&running).await.unwrap().unwrap();
        assert_eq!(stored.status, JobStatus::Running, "{app}");
        app.stop().await;
    }
}
