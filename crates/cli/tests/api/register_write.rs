//! Writing the register: permitted changes are audited; invalid data and impossible steps are
//! refused with the field or state named, and change nothing.

use crate::helpers::{As, TestApp, apps, assert_problem};
use serde_json::{Value, json};
use wanqiao_store::audit::ChainReport;

async fn snapshot(app: &TestApp) -> (Value, Value, usize) {
    let societies = app.json("/api/v1/societies?limit=500").await;
    let agreements = app.json("/api/v1/agreements?limit=500").await;
    let events = app.audit_count("").await;
    (societies, agreements, events)
}

fn names(en: &str) -> Value {
    json!({ "zh-Hans": "名称", "zh-Hant": "名稱", "en": en })
}

#[tokio::test]
async fn invalid_register_data_is_refused_naming_the_field_and_changes_nothing() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let before = snapshot(&app).await;
        let cases = [
            (
                "/api/v1/societies",
                json!({ "id": "x-soc", "names": { "zh-Hans": "甲", "zh-Hant": "", "en": "X" },
                        "abbreviation": "X", "jurisdiction": "HK", "role": "consulting" }),
                "names.zh-Hant",
            ),
            (
                "/api/v1/societies",
                json!({ "id": "Bad Id", "names": names("X"), "abbreviation": "X", "jurisdiction": "HK", "role": "consulting" }),
                "id",
            ),
            (
                "/api/v1/agreements",
                json!({ "id": "x-agreement", "kind": "agreement", "status": "draft", "specialty": "alchemy",
                        "parties": ["gdes", "hk-building-em"], "titles": names("X") }),
                "specialty",
            ),
            (
                "/api/v1/agreements",
                json!({ "id": "x-agreement", "kind": "agreement", "status": "draft", "specialty": "building",
                        "parties": ["gdes", "hk-building-em"], "titles": names("X"),
                        "versions": [{ "number": 1, "status": "draft", "rules": [{
                            "from": { "framework": "cn-title", "min_level": "engineer" },
                            "to": { "society": "hk-nowhere", "level": "member" } }] }] }),
                "version[0].rule[0].to.society",
            ),
        ];
        for (path, body, field) in cases {
            let r = app
                .send("POST", path, As::Browser(&admin), Some(body))
                .await;
            assert_eq!(r.status, 422, "{app} {path}: {}", r.body);
            let named = r.json()["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["name"] == field);
            assert!(named, "{app}: `{field}` not named in {}", r.body);
        }
        let rename = app
            .send(
                "PATCH",
                "/api/v1/societies/gdes",
                As::Browser(&admin),
                Some(json!({ "id": "other" })),
            )
            .await;
        assert_eq!(rename.status, 422, "{app}");
        assert_eq!(snapshot(&app).await, before, "{app}: nothing changed");
        app.stop().await;
    }
}

#[tokio::test]
async fn impossible_lifecycle_steps_are_conflicts_naming_the_state() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let before = snapshot(&app).await;
        let r = app
            .send(
                "POST",
                "/api/v1/agreements/electrical-intent-2020/transitions",
                As::Browser(&admin),
                Some(json!({ "action": "suspend" })),
            )
            .await;
        assert_problem(&app, &r, 409, "intent");
        let allowed: Vec<&str> = r.json()["allowed"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap())
            .collect::<Vec<_>>()
            .into_iter()
            .map(|s| Box::leak(s.to_string().into_boxed_str()) as &str)
            .collect();
        assert!(allowed.contains(&"expire"), "{app}: {allowed:?}");
        let retire = app
            .send(
                "DELETE",
                "/api/v1/societies/hk-building-em",
                As::Browser(&admin),
                None,
            )
            .await;
        assert_problem(&app, &retire, 409, "building-2020");
        let unknown_step = app
            .send(
                "POST",
                "/api/v1/agreements/building-2020/transitions",
                As::Browser(&admin),
                Some(json!({ "action": "abolish" })),
            )
            .await;
        assert_eq!(unknown_step.status, 422, "{app}");
        let status_patch = app
            .send(
                "PATCH",
                "/api/v1/agreements/building-2020",
                As::Browser(&admin),
                Some(json!({ "status": "expired" })),
            )
            .await;
        assert_problem(&app, &status_patch, 422, "transitions");
        assert_eq!(snapshot(&app).await, before, "{app}: nothing changed");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_agreement_goes_through_its_whole_lifecycle_with_every_step_audited() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let created = app
            .send(
                "POST",
                "/api/v1/agreements",
                As::Browser(&admin),
                Some(json!({
                    "id": "quality-2026", "kind": "agreement", "status": "draft", "specialty": "quality",
                    "parties": ["gdes", "mo-construction"], "titles": names("Quality"),
                    "versions": [{ "number": 1, "status": "draft", "rules": [{
                        "from": { "framework": "cn-title", "min_level": "engineer" },
                        "to": { "society": "mo-construction", "level": "ordinary-a" },
                        "min_experience_years": 5, "requires": ["adaptation-period:6"] }] }]
                })),
            )
            .await;
        assert_eq!(created.status, 201, "{app}: {}", created.body);
        let path = "/api/v1/agreements/quality-2026/transitions";
        let steps = [
            (
                json!({ "action": "sign_intent", "signed_on": "2026-11-01" }),
                "intent",
            ),
            (
                json!({ "action": "bring_into_force", "version": 1, "effective_from": "2026-12-01" }),
                "in-force",
            ),
            (
                json!({ "action": "draft_version", "notes": "tighter CPD" }),
                "in-force",
            ),
            (
                json!({ "action": "put_version_in_force", "version": 2, "effective_from": "2027-01-01" }),
                "in-force",
            ),
            (json!({ "action": "suspend" }), "suspended"),
            (json!({ "action": "resume" }), "in-force"),
            (json!({ "action": "expire", "on": "2030-12-31" }), "expired"),
        ];
        for (step, status) in steps {
            let r = app
                .send("POST", path, As::Browser(&admin), Some(step.clone()))
                .await;
            assert_eq!(r.status, 200, "{app} {step}: {}", r.body);
            assert_eq!(r.json()["status"], status, "{app} {step}");
        }
        let detail = app.json("/api/v1/agreements/quality-2026").await;
        let versions = detail["versions"].as_array().unwrap();
        assert_eq!(versions.len(), 2, "{app}");
        assert_eq!(versions[0]["status"], "superseded", "{app}");
        assert_eq!(
            app.audit_count("agreement.").await,
            8,
            "{app}: create + 7 steps"
        );
        let chain = app.server.store.verify_audit(|_, _| {}).await.unwrap();
        assert!(
            matches!(chain, ChainReport::Intact { .. }),
            "{app}: {chain:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn society_admins_keep_their_profile_and_ladder_but_not_their_role() {
    for app in apps(true).await {
        let hk = app.login("hk.admin@wanqiao.example").await;
        let own = app
            .send(
                "PATCH",
                "/api/v1/societies/hk-building-em",
                As::Browser(&hk),
                Some(json!({ "working_group_contact": "wg2@hk-building-em.example.org" })),
            )
            .await;
        assert_eq!(own.status, 200, "{app}: {}", own.body);
        let promote = app
            .send(
                "PATCH",
                "/api/v1/societies/hk-building-em",
                As::Browser(&hk),
                Some(json!({ "role": "coordinator" })),
            )
            .await;
        assert_problem(&app, &promote, 403, "platform admins");
        let other = app
            .send(
                "PATCH",
                "/api/v1/societies/gdes",
                As::Browser(&hk),
                Some(json!({ "abbreviation": "X" })),
            )
            .await;
        assert_eq!(other.status, 403, "{app}");
        let statutory = app
            .send(
                "PATCH",
                "/api/v1/frameworks/cn-title",
                As::Browser(&hk),
                Some(json!({ "names": { "en": "Titles" } })),
            )
            .await;
        assert_eq!(statutory.status, 403, "{app}");
        let society = app.json("/api/v1/societies/hk-building-em").await;
        assert_eq!(society["role"], "signatory", "{app}");
        assert_eq!(
            society["working_group_contact"], "wg2@hk-building-em.example.org",
            "{app}"
        );
        app.stop().await;
    }
}
