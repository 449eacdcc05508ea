//! Clocks (issue 5, item 3) with an injected clock: deadlines counted in working days of each
//! region's calendar, paused while the applicant owes information, and an overdue decision's
//! trigger (escalation, or the deemed outcome an agreement configures) applied by the sweep.

use crate::helpers::{As, Session, TestApp, TestDb, engines};
use jiff::Timestamp;
use serde_json::{Value, json};
use std::sync::{Arc, Mutex};
use wanqiao::server::Running;
use wanqiao_domain::{Grant, Role};
use wanqiao_web::{AuthConfig, Clock};

/// A clock the test sets by hand.
struct ManualClock(Mutex<Timestamp>);

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        *self.0.lock().unwrap()
    }
}

impl ManualClock {
    /// 10:00 in the Greater Bay Area on `day`.
    fn set(&self, day: &str) {
        *self.0.lock().unwrap() = format!("{day}T02:00:00Z").parse().unwrap();
    }
}

/// The demo platform on `engine`, with the clock at `day`.
async fn start(engine: crate::helpers::Engine, day: &str) -> (TestApp, Arc<ManualClock>) {
    let db = TestDb::new(engine).await;
    let clock = Arc::new(ManualClock(Mutex::new(Timestamp::now())));
    clock.set(day);
    let server = Running::start_with(
        &db.url,
        "127.0.0.1:0".parse().unwrap(),
        true,
        AuthConfig::default(),
        clock.clone(),
    )
    .await
    .unwrap();
    (TestApp::wrap(engine, server, db), clock)
}

/// The demo engineer Chan's qualification in `specialty`.
async fn qualification(app: &TestApp, specialty: &str) -> String {
    let store = &app.server.store;
    let user = store
        .user_id_by_email("engineer.gd@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let id = store.engineer_of_user(&user).await.unwrap().unwrap();
    let profile = store.engineer(&id).await.unwrap().unwrap();
    profile
        .qualifications
        .into_iter()
        .find(|q| q.specialty == specialty)
        .unwrap()
        .id
}

/// Chan applies in `specialty` to `host` and submits; the application's id.
async fn submitted(app: &TestApp, specialty: &str, host: &str) -> String {
    let chan = app.login("engineer.gd@wanqiao.example").await;
    // The demo may hold a live application for the same pair: Chan withdraws it first.
    let mine = app
        .send(
            "GET",
            "/api/v1/applications?limit=500",
            As::Browser(&chan),
            None,
        )
        .await
        .json();
    for a in mine["items"].as_array().unwrap() {
        let live = !["approved", "rejected", "withdrawn", "attestation_refused"]
            .contains(&a["state"].as_str().unwrap());
        if live && a["host_society"] == host && a["specialty"] == specialty {
            act(app, &chan, a["id"].as_str().unwrap(), "withdraw").await;
        }
    }
    let q = qualification(app, specialty).await;
    let r = app
        .send(
            "POST",
            "/api/v1/applications",
            As::Browser(&chan),
            Some(json!({ "qualification": q, "host_society": host })),
        )
        .await;
    assert_eq!(r.status, 201, "{app}: {}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_string();
    act(app, &chan, &id, "submit").await;
    id
}

async fn act(app: &TestApp, who: &Session, id: &str, action: &str) -> Value {
    let r = app
        .send(
            "POST",
            &format!("/api/v1/applications/{id}/transitions"),
            As::Browser(who),
            Some(json!({ "action": action, "note": "" })),
        )
        .await;
    assert_eq!(r.status, 200, "{app} {action}: {}", r.body);
    r.json()
}

/// Signs in anew: sessions end after an hour of idleness, and the tests move days at a time.
async fn as_user(app: &TestApp, email: &str) -> Session {
    app.login(email).await
}

async fn one(app: &TestApp, who: &Session, id: &str) -> Value {
    let r = app
        .send(
            "GET",
            &format!("/api/v1/applications/{id}"),
            As::Browser(who),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{app}: {}", r.body);
    r.json()
}

/// The ids listed by `GET /api/v1/applications?overdue=…`, and their items.
async fn listed(app: &TestApp, who: &Session, overdue: bool) -> Vec<Value> {
    let r = app
        .send(
            "GET",
            &format!("/api/v1/applications?overdue={overdue}&limit=500"),
            As::Browser(who),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{app}: {}", r.body);
    r.json()["items"].as_array().unwrap().clone()
}

fn has(items: &[Value], id: &str) -> bool {
    items.iter().any(|i| i["id"] == id)
}

async fn sweep(app: &TestApp) -> Value {
    let admin = as_user(app, "admin@wanqiao.example").await;
    let r = app
        .send(
            "POST",
            "/api/v1/applications/sweep",
            As::Browser(&admin),
            None,
        )
        .await;
    assert_eq!(r.status, 200, "{app}: {}", r.body);
    r.json()
}

fn swept(report: &Value, what: &str, id: &str) -> bool {
    report[what].as_array().unwrap().iter().any(|x| x == id)
}

#[tokio::test]
async fn an_unattested_application_is_overdue_the_day_after_its_attest_deadline() {
    for engine in engines() {
        // Monday 27 April 2026. Twenty Guangdong working days on: 1–5 May are the Labour Day
        // holiday and Saturday 9 May is worked (调休), so the deadline is Wednesday 27 May,
        // where weekends alone would give Monday 25 May.
        let (app, clock) = start(engine, "2026-04-27").await;
        let id = submitted(&app, "building", "hk-building-em").await;
        let host = as_user(&app, "hk.admin@wanqiao.example").await;
        let a = one(&app, &host, &id).await;
        assert_eq!(
            a["deadline"],
            json!({ "step": "attest", "due_on": "2026-05-27", "working_days_left": 20, "overdue": false }),
            "{app}"
        );

        for day in ["2026-05-25", "2026-05-26", "2026-05-27"] {
            clock.set(day);
            let host = as_user(&app, "hk.admin@wanqiao.example").await;
            assert!(
                !has(&listed(&app, &host, true).await, &id),
                "{app}: not overdue on {day}"
            );
            let items = listed(&app, &host, false).await;
            let item = items.iter().find(|i| i["id"] == id.as_str()).unwrap();
            assert_eq!(item["deadline"]["overdue"], false, "{app} {day}");
        }
        let a = one(&app, &as_user(&app, "hk.admin@wanqiao.example").await, &id).await;
        assert_eq!(a["deadline"]["working_days_left"], 0, "{app}: the last day");

        clock.set("2026-05-28");
        let host = as_user(&app, "hk.admin@wanqiao.example").await;
        let overdue = listed(&app, &host, true).await;
        let item = overdue
            .iter()
            .find(|i| i["id"] == id.as_str())
            .unwrap_or_else(|| panic!("{app}: overdue on 28 May"));
        assert_eq!(item["deadline"]["overdue"], true, "{app}");
        assert_eq!(item["deadline"]["working_days_left"], -1, "{app}");
        assert!(!has(&listed(&app, &host, false).await, &id), "{app}");

        let bad = app
            .send(
                "GET",
                "/api/v1/applications?overdue=maybe",
                As::Browser(&host),
                None,
            )
            .await;
        assert_eq!(bad.status, 400, "{app}: {}", bad.body);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_request_for_information_pauses_the_decision_clock_until_answered() {
    for engine in engines() {
        let (app, clock) = start(engine, "2026-03-02").await;
        let id = submitted(&app, "building", "hk-building-em").await;
        let attestor = as_user(&app, "gd.attestor@wanqiao.example").await;
        act(&app, &attestor, &id, "attest").await;
        let reviewer = as_user(&app, "hk.reviewer@wanqiao.example").await;
        let a = act(&app, &reviewer, &id, "start_review").await;
        // Forty Hong Kong working days from Monday 2 March, past the Easter holidays.
        assert_eq!(a["deadline"]["step"], "decide", "{app}");
        assert_eq!(a["deadline"]["due_on"], "2026-04-30", "{app}");

        clock.set("2026-03-16");
        let reviewer = as_user(&app, "hk.reviewer@wanqiao.example").await;
        let a = act(&app, &reviewer, &id, "request_info").await;
        assert_eq!(
            a["deadline"],
            json!({ "step": "answer", "due_on": "2026-04-14", "working_days_left": 20,
                    "overdue": false, "paused_days_left": 30 }),
            "{app}: the applicant's 20 Guangdong working days (Qingming off); 30 kept for the host"
        );

        // Long after the original decision deadline, nothing is swept: the clock is paused.
        clock.set("2026-05-20");
        let report = sweep(&app).await;
        assert!(!swept(&report, "escalated", &id), "{app}: {report}");

        clock.set("2026-06-01");
        let chan = as_user(&app, "engineer.gd@wanqiao.example").await;
        let a = act(&app, &chan, &id, "provide_info").await;
        // The host's 30 working days resume: Tuen Ng (19 June) and 1 July are holidays.
        assert_eq!(
            a["deadline"],
            json!({ "step": "decide", "due_on": "2026-07-15", "working_days_left": 30, "overdue": false }),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_overdue_decision_is_escalated_exactly_once() {
    for engine in engines() {
        let (app, clock) = start(engine, "2026-03-02").await;
        let id = submitted(&app, "building", "hk-building-em").await;
        act(
            &app,
            &as_user(&app, "gd.attestor@wanqiao.example").await,
            &id,
            "attest",
        )
        .await;
        act(
            &app,
            &as_user(&app, "hk.reviewer@wanqiao.example").await,
            &id,
            "start_review",
        )
        .await;

        clock.set("2026-04-30");
        let report = sweep(&app).await;
        assert!(!swept(&report, "escalated", &id), "{app}: due today");

        clock.set("2026-05-01");
        let before = app.audit_count("application.escalated").await;
        let report = sweep(&app).await;
        assert!(swept(&report, "escalated", &id), "{app}: {report}");
        assert_eq!(
            app.audit_count("application.escalated").await,
            before + 1,
            "{app}"
        );
        let host = as_user(&app, "hk.admin@wanqiao.example").await;
        let a = one(&app, &host, &id).await;
        assert_eq!(
            a["state"], "under_review",
            "{app}: escalation decides nothing"
        );
        assert!(a["escalated_at"].is_string(), "{app}: {a}");
        let last = a["history"].as_array().unwrap().last().unwrap().clone();
        assert_eq!(last["action"], "escalate", "{app}");
        assert_eq!(last["actor"], "system", "{app}");
        assert!(
            has(&listed(&app, &host, true).await, &id),
            "{app}: still overdue"
        );

        clock.set("2026-05-04");
        let report = sweep(&app).await;
        assert!(!swept(&report, "escalated", &id), "{app}: only once");
        assert_eq!(
            app.audit_count("application.escalated").await,
            before + 1,
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn an_agreement_with_tacit_approval_approves_an_overdue_decision_as_system() {
    for engine in engines() {
        let (app, clock) = start(engine, "2026-03-02").await;
        // Staff for the computing societies, which the demo accounts do not cover.
        let store = &app.server.store;
        let mut w = store.write("test", Timestamp::now()).await.unwrap();
        for (email, role, society) in [
            (
                "gd.attestor@wanqiao.example",
                Role::Attestor,
                "gd-info-systems",
            ),
            (
                "hk.reviewer@wanqiao.example",
                Role::Reviewer,
                "hk-info-systems",
            ),
        ] {
            let user = w.user_id_by_email(email).await.unwrap().unwrap();
            let grant = Grant {
                role,
                society: Some(society.into()),
            };
            w.grant_role(&user, &grant).await.unwrap();
        }
        w.commit().await.unwrap();

        // computing-it-2020 decides in 30 working days, and silence approves.
        let id = submitted(&app, "computing-it", "hk-info-systems").await;
        let a = act(
            &app,
            &as_user(&app, "gd.attestor@wanqiao.example").await,
            &id,
            "attest",
        )
        .await;
        assert_eq!(a["deadline"]["due_on"], "2026-04-16", "{app}");

        clock.set("2026-04-16");
        assert!(!swept(&sweep(&app).await, "deemed", &id), "{app}");
        clock.set("2026-04-17");
        let report = sweep(&app).await;
        assert!(swept(&report, "deemed", &id), "{app}: {report}");
        assert!(!swept(&report, "escalated", &id), "{app}");

        let reviewer = as_user(&app, "hk.reviewer@wanqiao.example").await;
        let a = one(&app, &reviewer, &id).await;
        assert_eq!(a["state"], "approved", "{app}");
        assert!(a["deadline"].is_null(), "{app}: no clock once decided");
        let history = a["history"].as_array().unwrap();
        let tail: Vec<(&str, &str)> = history[history.len() - 2..]
            .iter()
            .map(|e| (e["action"].as_str().unwrap(), e["actor"].as_str().unwrap()))
            .collect();
        assert_eq!(
            tail,
            [("start_review", "system"), ("approve", "system")],
            "{app}"
        );
        let note = history.last().unwrap()["note"].as_str().unwrap();
        assert!(note.contains("deemed approved"), "{app}: {note}");
        assert!(
            !swept(&sweep(&app).await, "deemed", &id),
            "{app}: applied once"
        );
        app.stop().await;
    }
}
