//! Evidence verified once, referees through single-use links, and the outbox.

use crate::helpers::{As, Reply, TestApp, TestDb, apps, engines};
use jiff::{SignedDuration, Timestamp};
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use wanqiao::server::Running;
use wanqiao_store::applications::{ApplicationFilter, NewApplication};
use wanqiao_store::secret::sha256_hex;
use wanqiao_store::{Page, Store};
use wanqiao_web::{AuthConfig, Clock};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";

/// Sends one file as `multipart/form-data`, the way a browser form does.
async fn upload(
    app: &TestApp,
    path: &str,
    who: &crate::helpers::Session,
    title: &str,
    bytes: &[u8],
) -> Reply {
    let boundary = "wanqiao-test-boundary-91c3";
    let mut body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n{title}\r\n--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"upload.bin\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let response = app
        .http
        .post(app.url(path))
        .header("cookie", &who.cookie)
        .header("x-csrf-token", &who.csrf)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

async fn user(store: &Store, email: &str) -> String {
    store.user_id_by_email(email).await.unwrap().unwrap()
}

/// engineer.gd's profile, and an application of theirs hosted by hk-building-em.
async fn engineer_and_application(store: &Store) -> (String, String) {
    let owner = user(store, "engineer.gd@wanqiao.example").await;
    let engineer = store.engineer_of_user(&owner).await.unwrap().unwrap();
    let existing = store
        .applications(
            &ApplicationFilter {
                engineer: Some(engineer.clone()),
                societies: Some(vec!["hk-building-em".into()]),
                ..ApplicationFilter::default()
            },
            Page::ALL,
        )
        .await
        .unwrap();
    if let Some(a) = existing.items.iter().find(|a| !a.state.is_final()) {
        return (engineer, a.id.clone());
    }
    let profile = store.engineer(&engineer).await.unwrap().unwrap();
    let building = profile
        .qualifications
        .iter()
        .find(|q| q.specialty == "building" && q.status.is_live())
        .unwrap();
    let mut w = store.write("test", Timestamp::now()).await.unwrap();
    let id = w
        .create_application(&NewApplication {
            engineer: &engineer,
            qualification: &building.id,
            specialty: "building",
            home_society: building.society.as_deref(),
            host_society: "hk-building-em",
        })
        .await
        .unwrap();
    w.commit().await.unwrap();
    (engineer, id)
}

#[tokio::test]
async fn evidence_is_kept_once_checked_by_content_and_verified_once() {
    for app in apps(true).await {
        let store = app.server.store.clone();
        let (engineer, _) = engineer_and_application(&store).await;
        let me = app.login("engineer.gd@wanqiao.example").await;
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let base = format!("/api/v1/engineers/{engineer}/evidence");
        let blobs = store.evidence_blob_count().await.unwrap();

        let r = upload(&app, &base, &me, "Degree certificate", PDF).await;
        assert_eq!(r.status, 201, "{app}: {}", r.body);
        let file = r.json();
        assert_eq!(file["media_type"], "application/pdf", "{app}");
        assert_eq!(file["sha256"], sha256_hex(PDF), "{app}");
        assert_eq!(file["size"], PDF.len(), "{app}");
        assert_eq!(file["verified"], false, "{app}");
        let id = file["id"].as_str().unwrap().to_string();

        let list = app.send("GET", &base, As::Browser(&me), None).await.json();
        assert_eq!(list.as_array().unwrap().len(), 1, "{app}: {list}");
        assert_eq!(list[0]["title"], "Degree certificate", "{app}");

        let d = app
            .send(
                "GET",
                &format!("{base}/{id}/content"),
                As::Browser(&me),
                None,
            )
            .await;
        assert_eq!(d.status, 200, "{app}");
        assert_eq!(d.header("content-type"), "application/pdf", "{app}");
        assert!(
            d.header("content-disposition").starts_with("attachment"),
            "{app}"
        );
        assert_eq!(d.header("x-content-type-options"), "nosniff", "{app}");
        assert_eq!(d.body.as_bytes(), PDF, "{app}");

        // Refused content stores nothing: not HTML, not SVG, not a script, not too much.
        let audits = app.audit_count("evidence.add").await;
        for (bad, why) in [
            (
                &b"<!doctype html><html><script>alert(1)</script></html>"[..],
                "HTML",
            ),
            (
                b"<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>",
                "SVG",
            ),
            (b"#!/bin/sh\necho hi\n", "script"),
            (b"MZ\x90\x00\x03\x00\x00\x00", "executable"),
        ] {
            let r = upload(&app, &base, &me, why, bad).await;
            crate::helpers::assert_problem(&app, &r, 415, "PDF, PNG, JPEG or WebP");
        }
        let mut big = b"%PDF-1.7\n".to_vec();
        big.resize(10 * 1024 * 1024 + 1, b'x');
        let r = upload(&app, &base, &me, "Too big", &big).await;
        crate::helpers::assert_problem(&app, &r, 413, "larger than");
        assert_eq!(app.audit_count("evidence.add").await, audits, "{app}");
        let list = app.send("GET", &base, As::Browser(&me), None).await.json();
        assert_eq!(list.as_array().unwrap().len(), 1, "{app}: {list}");
        assert_eq!(
            store.evidence_blob_count().await.unwrap(),
            blobs + 1,
            "{app}"
        );

        // The engineer does not verify their own file; the certifying society's attestor
        // does, once, and the host society's reviewer sees it verified.
        let verify = format!("{base}/{id}/verify");
        let r = app.send("POST", &verify, As::Browser(&me), None).await;
        assert_eq!(r.status, 403, "{app}: {}", r.body);
        let seen = app
            .send("GET", &base, As::Browser(&reviewer), None)
            .await
            .json();
        assert_eq!(seen[0]["verified"], false, "{app}");
        let r = app
            .send("POST", &verify, As::Browser(&attestor), None)
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        let attestor_id = user(&store, "gd.attestor@wanqiao.example").await;
        let seen = app
            .send("GET", &base, As::Browser(&reviewer), None)
            .await
            .json();
        assert_eq!(seen[0]["verified"], true, "{app}");
        assert_eq!(seen[0]["verified_by"], attestor_id.as_str(), "{app}");
        assert!(seen[0]["verified_at"].is_string(), "{app}");
        assert!(seen[0]["verified_by_name"].is_string(), "{app}");
        let r = app
            .send("POST", &verify, As::Browser(&reviewer), None)
            .await;
        crate::helpers::assert_problem(&app, &r, 409, "already verified");
        let d = app
            .send(
                "GET",
                &format!("{base}/{id}/content"),
                As::Browser(&reviewer),
                None,
            )
            .await;
        assert_eq!(d.status, 200, "{app}");
        let page = app
            .page(
                &format!("/engineers/{engineer}/evidence"),
                &[("cookie", reviewer.cookie.as_str())],
            )
            .await;
        assert!(page.contains("Degree certificate"), "{app}");

        // Only the engineer removes it; its content goes with it.
        let r = app
            .send(
                "DELETE",
                &format!("{base}/{id}"),
                As::Browser(&reviewer),
                None,
            )
            .await;
        assert_eq!(r.status, 403, "{app}");
        let r = app
            .send("DELETE", &format!("{base}/{id}"), As::Browser(&me), None)
            .await;
        assert_eq!(r.status, 204, "{app}: {}", r.body);
        assert_eq!(store.evidence_blob_count().await.unwrap(), blobs, "{app}");
        app.stop().await;
    }
}

/// A clock the test moves by hand.
struct ManualClock(Mutex<Timestamp>);

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

impl ManualClock {
    fn advance(&self, by: SignedDuration) {
        *self.0.lock().unwrap() += by;
    }
}

/// Log output captured while a test runs.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

async fn login(app: &TestApp, email: &str) -> crate::helpers::Session {
    app.login(email).await
}

fn token_of(notification: &Value) -> String {
    let link = notification["args"]["link"].as_str().unwrap();
    link.strip_prefix("/referees/").unwrap().to_string()
}

/// Opens a referee link anonymously: the page, and its double-submit cookie.
async fn open_link(app: &TestApp, token: &str) -> (Reply, Option<String>) {
    let r = app.get(&format!("/referees/{token}")).await;
    let cookie = r
        .headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("wanqiao_referee_csrf="))
        .map(|c| c.split(';').next().unwrap().to_string());
    (r, cookie)
}

async fn answer(app: &TestApp, token: &str, cookie: &str, answer: &str) -> Reply {
    let csrf = cookie.split_once('=').unwrap().1;
    let response = app
        .http
        .post(app.url(&format!("/referees/{token}")))
        .header("cookie", cookie)
        .form(&[
            ("csrf_token", csrf),
            ("answer", answer),
            ("comment", "Worked with them."),
        ])
        .send()
        .await
        .unwrap();
    Reply {
        status: response.status().as_u16(),
        headers: response.headers().clone(),
        body: response.text().await.unwrap(),
    }
}

#[tokio::test]
async fn referee_links_answer_once_and_expire() {
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let clock = Arc::new(ManualClock(Mutex::new(Timestamp::now())));
        let server = Running::start_with(
            &db.url,
            "127.0.0.1:0".parse().unwrap(),
            true,
            AuthConfig::default(),
            clock.clone(),
        )
        .await
        .unwrap();
        let app = TestApp::wrap(engine, server, db);
        let store = app.server.store.clone();
        let (_, application) = engineer_and_application(&store).await;
        let me = login(&app, "engineer.gd@wanqiao.example").await;
        let path = format!("/api/v1/applications/{application}/referees");
        let statement = "Led the building services design of a 30-storey hospital, 2015-2021.";

        // The delivery log names the kind and recipient, never the link's token.
        let captured = Captured::default();
        let writer = captured.clone();
        let subscriber = tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .with_writer(move || writer.clone())
            .finish();
        let guard = tracing::subscriber::set_default(subscriber);
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&me),
                Some(json!({ "email": "Referee.One@Example.org", "name": "Dr Lee", "statement": statement })),
            )
            .await;
        drop(guard);
        assert_eq!(r.status, 201, "{app}: {}", r.body);
        assert_eq!(r.json()["status"], "pending", "{app}");
        let sent = store.outbox_for("referee.one@example.org").await.unwrap();
        assert_eq!(sent.len(), 1, "{app}");
        let n = serde_json::to_value(&sent[0]).unwrap();
        assert_eq!(n["kind"], "referee_request", "{app}");
        assert!(n["user_id"].is_null(), "{app}");
        assert!(n["delivered_at"].is_string(), "{app}: {n}");
        let token = token_of(&n);
        let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        assert!(log.contains("referee_request"), "{app}: {log}");
        assert!(log.contains("referee.one@example.org"), "{app}: {log}");
        assert!(!log.contains(&token), "{app}: the token is in the log");
        // Only the digest of the token is stored.
        assert!(
            store
                .referee_request_by_token(&sha256_hex(token.as_bytes()))
                .await
                .unwrap()
                .is_some(),
            "{app}"
        );

        // The referee opens the link, and a forged form without the cookie is refused.
        let (page, cookie) = open_link(&app, &token).await;
        assert_eq!(page.status, 200, "{app}: {}", page.body);
        assert!(page.body.contains("30-storey hospital"), "{app}");
        let cookie = cookie.expect("a double-submit cookie");
        let forged = app
            .http
            .post(app.url(&format!("/referees/{token}")))
            .form(&[("csrf_token", "forged"), ("answer", "confirm")])
            .send()
            .await
            .unwrap();
        assert_eq!(forged.status().as_u16(), 403, "{app}");
        let r = answer(&app, &token, &cookie, "confirm").await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        assert!(r.body.contains("data-outcome=\"confirmed\""), "{app}");
        assert_eq!(app.audit_count("referee.confirmed").await, 1, "{app}");

        // A second use shows the clear page and records nothing.
        let list = app.send("GET", &path, As::Browser(&me), None).await.json();
        let answered_at = list[0]["answered_at"].clone();
        let r = answer(&app, &token, &cookie, "decline").await;
        assert_eq!(r.status, 410, "{app}");
        assert!(r.body.contains("data-outcome=\"used\""), "{app}");
        let (again, _) = open_link(&app, &token).await;
        assert_eq!(again.status, 410, "{app}");
        assert!(again.body.contains("data-outcome=\"used\""), "{app}");
        assert_eq!(app.audit_count("referee.declined").await, 0, "{app}");
        let list = app.send("GET", &path, As::Browser(&me), None).await.json();
        assert_eq!(list[0]["status"], "confirmed", "{app}");
        assert_eq!(list[0]["answered_at"], answered_at, "{app}");
        assert_eq!(list[0]["age_days"], 0, "{app}");
        assert_eq!(list[0]["fresh"], true, "{app}");
        let (unknown, _) = open_link(&app, "0123").await;
        assert_eq!(unknown.status, 404, "{app}");
        assert!(unknown.body.contains("data-outcome=\"unknown\""), "{app}");

        // A referee with an account finds the request in their inbox.
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&me),
                Some(json!({ "email": "hk.reviewer@wanqiao.example", "name": "Ms Wong", "statement": statement })),
            )
            .await;
        assert_eq!(r.status, 201, "{app}: {}", r.body);
        let reviewer = login(&app, "hk.reviewer@wanqiao.example").await;
        let inbox = app
            .send("GET", "/api/v1/inbox?lang=en", As::Browser(&reviewer), None)
            .await
            .json();
        assert_eq!(inbox["total"], 1, "{app}: {inbox}");
        assert_eq!(inbox["items"][0]["kind"], "referee_request", "{app}");
        assert!(
            inbox["items"][0]["subject"]
                .as_str()
                .unwrap()
                .contains("confirm"),
            "{app}: {inbox}"
        );
        let page = app
            .page("/inbox?lang=en", &[("cookie", reviewer.cookie.as_str())])
            .await;
        assert!(page.contains("asks you to confirm"), "{app}");
        let mine = app
            .send("GET", "/api/v1/inbox", As::Browser(&me), None)
            .await
            .json();
        assert_eq!(mine["total"], 0, "{app}");
        let second = store
            .outbox_for("hk.reviewer@wanqiao.example")
            .await
            .unwrap();
        let second_token = token_of(&serde_json::to_value(&second[0]).unwrap());

        // Fifteen days on, the unused link has expired and records nothing; a year on, the
        // confirmation is no longer fresh.
        clock.advance(SignedDuration::from_hours(24 * 15));
        let (expired, cookie) = open_link(&app, &second_token).await;
        assert_eq!(expired.status, 410, "{app}");
        assert!(expired.body.contains("data-outcome=\"expired\""), "{app}");
        assert!(cookie.is_none(), "{app}");
        let cookie = "wanqiao_referee_csrf=abc";
        let r = answer(&app, &second_token, cookie, "confirm").await;
        assert_eq!(r.status, 410, "{app}");
        assert!(r.body.contains("data-outcome=\"expired\""), "{app}");
        assert_eq!(app.audit_count("referee.confirmed").await, 1, "{app}");
        clock.advance(SignedDuration::from_hours(24 * 360));
        let me = login(&app, "engineer.gd@wanqiao.example").await;
        let list = app.send("GET", &path, As::Browser(&me), None).await.json();
        let by = |email: &str| {
            list.as_array()
                .unwrap()
                .iter()
                .find(|r| r["email"] == email)
                .unwrap()
                .clone()
        };
        assert_eq!(
            by("referee.one@example.org")["age_days"],
            375,
            "{app}: {list}"
        );
        assert_eq!(by("referee.one@example.org")["fresh"], false, "{app}");
        assert_eq!(
            by("hk.reviewer@wanqiao.example")["status"],
            "pending",
            "{app}"
        );
        let reviewer = login(&app, "hk.reviewer@wanqiao.example").await;
        let seen = app.send("GET", &path, As::Browser(&reviewer), None).await;
        assert_eq!(seen.status, 200, "{app}");
        let gdes = login(&app, "gdes.reviewer@wanqiao.example").await;
        let r = app.send("GET", &path, As::Browser(&gdes), None).await;
        assert_eq!(r.status, 403, "{app}");
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&reviewer),
                Some(json!({ "email": "x@example.org", "name": "X", "statement": "Y" })),
            )
            .await;
        assert_eq!(r.status, 403, "{app}");
        app.stop().await;
    }
}
