//! Alerts, fees, notifications of the workflow and the staff's queues (issue 5, items 7–11).

use crate::helpers::{As, TestApp, apps, clear_applications};
use serde_json::{Value, json};

/// Chan's demo qualification in building (certified by gd-building-services).
async fn building(app: &TestApp) -> (String, String) {
    let store = &app.server.store;
    let user = store
        .user_id_by_email("engineer.gd@wanqiao.example")
        .await
        .unwrap()
        .unwrap();
    let engineer = store.engineer_of_user(&user).await.unwrap().unwrap();
    let profile = store.engineer(&engineer).await.unwrap().unwrap();
    let q = profile
        .qualifications
        .into_iter()
        .find(|q| q.specialty == "building")
        .unwrap()
        .id;
    (engineer, q)
}

fn inbox_links(v: &Value) -> Vec<String> {
    v["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["link"].as_str().map(str::to_string))
        .collect()
}

#[tokio::test]
async fn fees_show_before_submitting_notifications_reach_who_acts_and_payments_are_kept() {
    for app in apps(true).await {
        clear_applications(&app, "engineer.gd@wanqiao.example").await;
        let (_, q) = building(&app).await;
        let chan = app.login("engineer.gd@wanqiao.example").await;
        // The choices page shows the fees of each choice before anything is submitted.
        let page = app
            .page("/applications/new", &[("cookie", &chan.cookie)])
            .await;
        assert!(page.contains("HKD 2,400"), "{app}: {page}");
        let created = app
            .send(
                "POST",
                "/api/v1/applications",
                As::Browser(&chan),
                Some(json!({ "qualification": q, "host_society": "hk-building-em" })),
            )
            .await;
        assert_eq!(created.status, 201, "{app}: {}", created.body);
        let a = created.json();
        let id = a["id"].as_str().unwrap().to_string();
        // gd-building-services attests for CNY 300, hk-building-em assesses for HKD 2,400.
        assert_eq!(
            a["fees"]["totals"],
            json!({ "CNY": 300, "HKD": 2400 }),
            "{app}"
        );
        assert_eq!(a["fees"]["agreement"], "building-2020", "{app}");
        let page = app
            .page(&format!("/applications/{id}"), &[("cookie", &chan.cookie)])
            .await;
        assert!(
            page.contains("HKD 2,400 + CNY 300") || page.contains("CNY 300"),
            "{app}"
        );

        let submit = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&chan),
                Some(json!({ "action": "submit" })),
            )
            .await;
        assert_eq!(submit.status, 200, "{app}: {}", submit.body);
        // The home society's attestor finds it in their inbox, API and page.
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let inbox = app
            .send("GET", "/api/v1/inbox", As::Browser(&attestor), None)
            .await
            .json();
        let link = format!("/applications/{id}");
        assert!(inbox_links(&inbox).contains(&link), "{app}: {inbox}");
        let page = app.page("/inbox", &[("cookie", &attestor.cookie)]).await;
        assert!(page.contains(&link), "{app}");
        // Attesting tells the host society's reviewers.
        let attest = app
            .send(
                "POST",
                &format!("/api/v1/applications/{id}/transitions"),
                As::Browser(&attestor),
                Some(json!({ "action": "attest" })),
            )
            .await;
        assert_eq!(attest.status, 200, "{app}: {}", attest.body);
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let inbox = app
            .send("GET", "/api/v1/inbox", As::Browser(&reviewer), None)
            .await
            .json();
        assert!(inbox_links(&inbox).contains(&link), "{app}: {inbox}");

        // Staff of the society paid record a payment; others may not; bad input changes nothing.
        let pay = |who, body: Value| {
            let app = &app;
            let id = id.clone();
            async move {
                app.send(
                    "POST",
                    &format!("/api/v1/applications/{id}/payments"),
                    who,
                    Some(body),
                )
                .await
            }
        };
        let before = app.audit_count("payment.record").await;
        let paid = pay(
            As::Browser(&attestor),
            json!({ "step": "attestation", "amount": 300, "currency": "CNY", "reference": "GD-R-0001" }),
        )
        .await;
        assert_eq!(paid.status, 201, "{app}: {}", paid.body);
        assert_eq!(paid.json()["society"], "gd-building-services");
        let hk = app.login("hk.admin@wanqiao.example").await;
        let refused = pay(
            As::Browser(&hk),
            json!({ "step": "attestation", "amount": 300, "currency": "CNY", "reference": "X" }),
        )
        .await;
        assert_eq!(refused.status, 403, "{app}: {}", refused.body);
        let bad = pay(
            As::Browser(&hk),
            json!({ "step": "assessment", "amount": 2400, "currency": "USD", "reference": "X" }),
        )
        .await;
        assert_eq!(bad.status, 422, "{app}: {}", bad.body);
        let ok = pay(
            As::Browser(&hk),
            json!({ "step": "assessment", "amount": 2400, "currency": "HKD", "reference": "HK-77" }),
        )
        .await;
        assert_eq!(ok.status, 201, "{app}: {}", ok.body);
        assert_eq!(app.audit_count("payment.record").await, before + 2, "{app}");
        let a = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(&chan),
                None,
            )
            .await
            .json();
        assert_eq!(a["fees"]["payments"].as_array().unwrap().len(), 2, "{app}");
        let page = app
            .page(&format!("/applications/{id}"), &[("cookie", &chan.cookie)])
            .await;
        assert!(page.contains("HK-77"), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn alerts_reach_every_society_concerned_and_only_them() {
    for app in apps(true).await {
        let (engineer, _) = building(&app).await;
        let hk = app.login("hk.admin@wanqiao.example").await;
        let before = app.audit_count("alert.raise").await;
        let raise = |who, body: Value| {
            let app = &app;
            async move { app.send("POST", "/api/v1/alerts", who, Some(body)).await }
        };
        let raised = raise(
            As::Browser(&hk),
            json!({ "engineer": engineer, "kind": "falsified_documents", "statement": "A forged project list was found." }),
        )
        .await;
        assert_eq!(raised.status, 201, "{app}: {}", raised.body);
        assert_eq!(raised.json()["society"], "hk-building-em");
        assert_eq!(app.audit_count("alert.raise").await, before + 1, "{app}");
        // Bad input and the wrong people change nothing.
        let bad = raise(
            As::Browser(&hk),
            json!({ "engineer": engineer, "kind": "warning", "statement": "x" }),
        )
        .await;
        assert_eq!(bad.status, 422, "{app}: {}", bad.body);
        let reviewer = app.login("gdes.reviewer@wanqiao.example").await;
        let refused = raise(
            As::Browser(&reviewer),
            json!({ "engineer": engineer, "kind": "suspension", "statement": "x" }),
        )
        .await;
        assert_eq!(refused.status, 403, "{app}: {}", refused.body);
        let unrelated = app.login("consulting.admin@wanqiao.example").await;
        let refused = raise(
            As::Browser(&unrelated),
            json!({ "engineer": engineer, "kind": "suspension", "statement": "x" }),
        )
        .await;
        assert_eq!(refused.status, 422, "{app}: {}", refused.body);
        assert_eq!(app.audit_count("alert.raise").await, before + 1, "{app}");

        let statements = |v: Value| -> Vec<String> {
            v.as_array()
                .unwrap()
                .iter()
                .map(|a| a["statement"].as_str().unwrap().to_string())
                .collect()
        };
        // The home society that certified the qualification sees it; an unrelated one does not.
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let seen = app
            .send("GET", "/api/v1/alerts", As::Browser(&attestor), None)
            .await;
        assert_eq!(seen.status, 200, "{app}: {}", seen.body);
        assert!(
            statements(seen.json()).contains(&"A forged project list was found.".to_string()),
            "{app}"
        );
        let none = app
            .send("GET", "/api/v1/alerts", As::Browser(&unrelated), None)
            .await
            .json();
        assert!(statements(none).is_empty(), "{app}");
        let chan = app.login("engineer.gd@wanqiao.example").await;
        let refused = app
            .send("GET", "/api/v1/alerts", As::Browser(&chan), None)
            .await;
        assert_eq!(refused.status, 403, "{app}");
        // The demo alert from Macao, and this one, for platform admins.
        let admin = app.login("admin@wanqiao.example").await;
        let all = app
            .send("GET", "/api/v1/alerts", As::Browser(&admin), None)
            .await
            .json();
        assert!(all.as_array().unwrap().len() >= 2, "{app}: {all}");
        let page = app
            .page("/admin/alerts", &[("cookie", &attestor.cookie)])
            .await;
        assert!(page.contains("A forged project list was found."), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_demo_queues_have_content_sorted_by_deadline_with_overdue_items() {
    for app in apps(true).await {
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let page = app
            .page(
                "/queues/attestation",
                &[("cookie", &attestor.cookie), ("accept-language", "en")],
            )
            .await;
        assert!(page.contains("/applications/"), "{app}: {page}");
        assert!(page.contains("badge disabled\">Overdue"), "{app}: {page}");
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let page = app
            .page(
                "/queues/review",
                &[("cookie", &reviewer.cookie), ("accept-language", "en")],
            )
            .await;
        assert!(page.contains("/applications/"), "{app}");
        assert!(page.contains("badge disabled\">Overdue"), "{app}");
        let hk = app.login("hk.admin@wanqiao.example").await;
        let page = app
            .page(
                "/admin/overdue",
                &[("cookie", &hk.cookie), ("accept-language", "en")],
            )
            .await;
        assert!(page.contains("/applications/"), "{app}");
        // The API agrees: some demo applications are overdue.
        let admin = app.login("admin@wanqiao.example").await;
        let overdue = app
            .send(
                "GET",
                "/api/v1/applications?overdue=true",
                As::Browser(&admin),
                None,
            )
            .await
            .json();
        assert!(overdue["total"].as_u64().unwrap() >= 2, "{app}: {overdue}");
        let chan = app.login("engineer.gd@wanqiao.example").await;
        let refused = app
            .send("GET", "/queues/review", As::Browser(&chan), None)
            .await;
        assert_eq!(refused.status, 403, "{app}");
        app.stop().await;
    }
}
