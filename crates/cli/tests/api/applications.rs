//! The application workflow end to end: draft to approved, rejection and appeal, conditional
//! approval, and every refusal of the bad-input table, on every engine.

use crate::helpers::{As, Session, TestApp, apps, assert_problem};
use serde_json::{Value, json};

/// The demo engineer Chan's qualification in `specialty`.
async fn qualification(app: &TestApp, specialty: &str) -> String {
    let user = app
        .server
        .store
        .user_id_by_email("engineer.gd@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let id = app
        .server
        .store
        .engineer_of_user(&user)
        .await
        .unwrap()
        .unwrap();
    let profile = app.server.store.engineer(&id).await.unwrap().unwrap();
    profile
        .qualifications
        .into_iter()
        .find(|q| q.specialty == specialty)
        .unwrap()
        .id
}

async fn apply(app: &TestApp, chan: &Session, host: &str) -> Value {
    let q = qualification(app, "building").await;
    let r = app
        .send(
            "POST",
            "/api/v1/applications",
            As::Browser(chan),
            Some(json!({ "qualification": q, "host_society": host })),
        )
        .await;
    assert_eq!(r.status, 201, "{app}: {}", r.body);
    r.json()
}

async fn act(app: &TestApp, who: &Session, id: &str, body: Value) -> Value {
    let r = app
        .send(
            "POST",
            &format!("/api/v1/applications/{id}/transitions"),
            As::Browser(who),
            Some(body.clone()),
        )
        .await;
    assert_eq!(r.status, 200, "{app} {body}: {}", r.body);
    r.json()
}

struct Cast {
    chan: Session,
    attestor: Session,
    reviewer: Session,
    host_admin: Session,
}

async fn cast(app: &TestApp) -> Cast {
    crate::helpers::clear_applications(app, "engineer.gd@wanqiao.example").await;
    Cast {
        chan: app.login("engineer.gd@wanqiao.example").await,
        attestor: app.login("gd.attestor@wanqiao.example").await,
        reviewer: app.login("hk.reviewer@wanqiao.example").await,
        host_admin: app.login("hk.admin@wanqiao.example").await,
    }
}

/// Through submission, attestation and the start of review.
async fn to_review(app: &TestApp, c: &Cast, host: &str, reviewer: &Session) -> String {
    let created = apply(app, &c.chan, host).await;
    let id = created["id"].as_str().unwrap().to_string();
    assert_eq!(created["state"], "draft", "{app}");
    let submitted = act(app, &c.chan, &id, json!({ "action": "submit" })).await;
    assert_eq!(submitted["state"], "submitted", "{app}");
    assert_eq!(
        submitted["agreement"], "building-2020",
        "{app}: the version in force is frozen"
    );
    assert_eq!(submitted["agreement_version"], 1, "{app}");
    assert!(
        submitted["evaluation"]["trace"].is_array(),
        "{app}: with the engine's evaluation"
    );
    let attested = act(
        app,
        &c.attestor,
        &id,
        json!({ "action": "attest", "note": "Records checked" }),
    )
    .await;
    assert_eq!(attested["state"], "attested", "{app}");
    let review = act(app, reviewer, &id, json!({ "action": "start_review" })).await;
    assert_eq!(review["state"], "under_review", "{app}");
    id
}

#[tokio::test]
async fn an_application_goes_from_draft_to_approved() {
    for app in apps(true).await {
        let c = cast(&app).await;
        let id = to_review(&app, &c, "hk-building-em", &c.reviewer).await;
        let asked = act(
            &app,
            &c.reviewer,
            &id,
            json!({ "action": "request_info", "note": "Please add your project list" }),
        )
        .await;
        assert_eq!(asked["state"], "info_requested", "{app}");
        let answered = act(
            &app,
            &c.chan,
            &id,
            json!({ "action": "provide_info", "note": "Attached" }),
        )
        .await;
        assert_eq!(answered["state"], "under_review", "{app}");
        let done = act(&app, &c.reviewer, &id, json!({ "action": "approve" })).await;
        assert_eq!(done["state"], "approved", "{app}");
        assert!(
            done["allowed_actions"].as_array().unwrap().is_empty(),
            "{app}"
        );
        let history: Vec<&str> = done["history"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap())
            .collect();
        assert_eq!(
            history,
            [
                "create",
                "submit",
                "attest",
                "start_review",
                "request_info",
                "provide_info",
                "approve"
            ],
            "{app}"
        );
        let filter = wanqiao_store::audit::AuditFilter {
            subject: Some(format!("application:{id}")),
            ..Default::default()
        };
        let events = app
            .server
            .store
            .audit_events(&filter, wanqiao_store::Page::ALL)
            .await
            .unwrap();
        assert_eq!(events.total, 7, "{app}: every step audited");
        let mine = app
            .send("GET", "/api/v1/applications", As::Browser(&c.chan), None)
            .await
            .json();
        assert!(
            mine["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == id.as_str()),
            "{app}"
        );
        let host = app
            .send(
                "GET",
                "/api/v1/applications?state=approved",
                As::Browser(&c.host_admin),
                None,
            )
            .await
            .json();
        assert!(
            host["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == id.as_str()),
            "{app}"
        );
        let other = app.login("gdes.reviewer@wanqiao.example").await;
        let theirs = app
            .send("GET", "/api/v1/applications", As::Browser(&other), None)
            .await
            .json();
        assert!(
            !theirs["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == id.as_str()),
            "{app}: scoped"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_rejection_is_appealed_and_approved_by_another_reviewer() {
    for app in apps(true).await {
        let c = cast(&app).await;
        let id = to_review(&app, &c, "hk-building-em", &c.reviewer).await;
        let bare = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&c.reviewer),
                Some(json!({ "action": "reject" })),
            )
            .await;
        assert_problem(&app, &bare, 422, "reason code");
        let rejected = act(&app, &c.reviewer, &id, json!({ "action": "reject", "reason_codes": ["experience_short"], "note": "Needs a project list" })).await;
        assert_eq!(rejected["state"], "rejected", "{app}");
        let appealed = act(
            &app,
            &c.chan,
            &id,
            json!({ "action": "appeal", "note": "My experience is documented" }),
        )
        .await;
        assert_eq!(appealed["state"], "appealed", "{app}");
        let same = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&c.reviewer),
                Some(json!({ "action": "decide_appeal", "appeal_outcome": "reopen" })),
            )
            .await;
        assert_problem(&app, &same, 403, "other than the one who rejected");
        let reopened = act(
            &app,
            &c.host_admin,
            &id,
            json!({ "action": "decide_appeal", "appeal_outcome": "reopen" }),
        )
        .await;
        assert_eq!(reopened["state"], "under_review", "{app}");
        let approved = act(&app, &c.host_admin, &id, json!({ "action": "approve" })).await;
        assert_eq!(approved["state"], "approved", "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_conditional_approval_becomes_approval_once_the_aptitude_test_is_passed() {
    for app in apps(true).await {
        let c = cast(&app).await;
        let macao = app.login("mo.admin@wanqiao.example").await;
        let id = to_review(&app, &c, "mo-construction", &macao).await;
        let conditional = act(
            &app,
            &macao,
            &id,
            json!({ "action": "approve_with_conditions", "conditions": ["aptitude-test"] }),
        )
        .await;
        assert_eq!(conditional["state"], "conditionally_approved", "{app}");
        assert_eq!(
            conditional["outstanding"],
            json!(["aptitude-test"]),
            "{app}"
        );
        let wrong = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&macao),
                Some(
                    json!({ "action": "fulfil_condition", "condition": "professional-interview" }),
                ),
            )
            .await;
        assert_eq!(wrong.status, 422, "{app}: not an outstanding condition");
        let passed = act(
            &app,
            &macao,
            &id,
            json!({ "action": "fulfil_condition", "condition": "aptitude-test" }),
        )
        .await;
        assert_eq!(passed["state"], "approved", "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_inputs_are_refused_and_change_nothing() {
    for app in apps(true).await {
        let c = cast(&app).await;
        let created = apply(&app, &c.chan, "hk-building-em").await;
        let id = created["id"].as_str().unwrap().to_string();
        let events_before = app.audit_count("application.").await;

        let early = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&c.chan),
                Some(json!({ "action": "appeal" })),
            )
            .await;
        assert_problem(&app, &early, 409, "draft");
        assert!(
            early.json()["allowed"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a == "submit"),
            "{app}: {}",
            early.body
        );

        let stranger = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&c.reviewer),
                Some(json!({ "action": "submit" })),
            )
            .await;
        assert_eq!(stranger.status, 403, "{app}");

        let q = qualification(&app, "building").await;
        let twice = app
            .send(
                "POST",
                "/api/v1/applications",
                As::Browser(&c.chan),
                Some(json!({ "qualification": q, "host_society": "hk-building-em" })),
            )
            .await;
        assert_problem(&app, &twice, 409, "already in progress");

        let nowhere = app
            .send(
                "POST",
                "/api/v1/applications",
                As::Browser(&c.chan),
                Some(json!({ "qualification": q, "host_society": "gd-quality-eng" })),
            )
            .await;
        assert_problem(&app, &nowhere, 422, "building-2020");

        let unknown = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&c.chan),
                Some(json!({ "action": "bribe" })),
            )
            .await;
        assert_eq!(unknown.status, 422, "{app}");

        let other = app.login("engineer.hk@wanqiao.example").await;
        let peek = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(&other),
                None,
            )
            .await;
        assert_eq!(peek.status, 403, "{app}");

        let after = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(&c.chan),
                None,
            )
            .await
            .json();
        assert_eq!(after["state"], "draft", "{app}");
        assert_eq!(after["history"].as_array().unwrap().len(), 1, "{app}");
        assert_eq!(
            app.audit_count("application.").await,
            events_before,
            "{app}: nothing changed"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn two_reviewers_deciding_at_once_leave_exactly_one_decision() {
    for app in apps(true).await {
        let c = cast(&app).await;
        let id = to_review(&app, &c, "hk-building-em", &c.reviewer).await;
        let path = format!("/api/v1/applications/{id}/transitions");
        let (a, b) = tokio::join!(
            app.send(
                "POST",
                &path,
                As::Browser(&c.reviewer),
                Some(json!({ "action": "approve" }))
            ),
            app.send(
                "POST",
                &path,
                As::Browser(&c.host_admin),
                Some(json!({ "action": "reject", "reason_codes": ["cpd_short"] }))
            ),
        );
        let statuses = [a.status, b.status];
        assert!(
            statuses.contains(&200) && statuses.contains(&409),
            "{app}: {statuses:?} {} {}",
            a.body,
            b.body
        );
        let after = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(&c.reviewer),
                None,
            )
            .await
            .json();
        let decisions = after["history"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "approve" || e["action"] == "reject")
            .count();
        assert_eq!(decisions, 1, "{app}");
        app.stop().await;
    }
}
