//! The rule engine through the API and pages: self-check, what-if and impact analysis, on
//! every database engine.

use crate::helpers::{As, TestApp, apps, assert_problem};
use serde_json::{Value, json};
use std::collections::BTreeSet;

async fn profile_of(app: &TestApp, email: &str) -> String {
    let user = app
        .server
        .store
        .user_id_by_email(email)
        .await
        .unwrap()
        .unwrap();
    app.server
        .store
        .engineer_of_user(&user)
        .await
        .unwrap()
        .unwrap()
}

fn outcomes(rows: &Value) -> BTreeSet<String> {
    rows.as_array()
        .unwrap()
        .iter()
        .map(|r| r["decision"]["outcome"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_demo_engineer_sees_every_outcome_in_every_language() {
    for app in apps(true).await {
        let me = app.login("engineer.gd@wanqiao.example").await;
        let id = profile_of(&app, "engineer.gd@wanqiao.example").await;
        let answer = app
            .send(
                "GET",
                &format!("/api/v1/engineers/{id}/recognition-options"),
                As::Browser(&me),
                None,
            )
            .await;
        assert_eq!(answer.status, 200, "{app}: {}", answer.body);
        let rows = &answer.json()["rows"];
        assert_eq!(
            outcomes(rows),
            BTreeSet::from([
                "eligible".to_string(),
                "conditional".into(),
                "ineligible".into()
            ]),
            "{app}"
        );
        for row in rows.as_array().unwrap() {
            let d = &row["decision"];
            match d["outcome"].as_str().unwrap() {
                "ineligible" => assert!(!d["reasons"].as_array().unwrap().is_empty(), "{app}"),
                "conditional" => assert!(!d["outstanding"].as_array().unwrap().is_empty(), "{app}"),
                _ => assert!(d["level"]["id"].is_string(), "{app}"),
            }
            assert!(
                !d["trace"].as_array().unwrap().is_empty(),
                "{app}: every decision explains itself"
            );
        }
        for (lang, words) in [
            (
                "zh-Hans",
                [
                    "我的资格可以在哪里获得认可？",
                    "符合资格",
                    "有条件符合",
                    "不符合",
                ],
            ),
            (
                "zh-Hant",
                [
                    "我的資格可以在哪裏獲得認可？",
                    "符合資格",
                    "有條件符合",
                    "不符合",
                ],
            ),
            (
                "en",
                [
                    "Where is my qualification recognised?",
                    "Eligible",
                    "Conditional",
                    "Not eligible",
                ],
            ),
        ] {
            let page = app
                .get_with(
                    &format!("/engineers/{id}/recognition?lang={lang}"),
                    &[("cookie", &me.cookie)],
                )
                .await;
            assert_eq!(page.status, 200, "{app} {lang}");
            for w in words {
                assert!(page.body.contains(w), "{app} {lang}: `{w}` missing");
            }
        }
        let mine = app
            .get_with("/account/recognition", &[("cookie", &me.cookie)])
            .await;
        assert_eq!(mine.status, 303, "{app}");
        assert!(
            mine.header("location")
                .ends_with(&format!("/engineers/{id}/recognition")),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn rows_on_a_claimed_qualification_are_marked_and_others_profiles_are_closed() {
    for app in apps(true).await {
        let lee = app.login("engineer.hk@wanqiao.example").await;
        let lee_id = profile_of(&app, "engineer.hk@wanqiao.example").await;
        let answer = app
            .send(
                "GET",
                &format!("/api/v1/engineers/{lee_id}/recognition-options"),
                As::Browser(&lee),
                None,
            )
            .await
            .json();
        let rows = answer["rows"].as_array().unwrap();
        assert!(!rows.is_empty(), "{app}");
        assert!(
            rows.iter().all(|r| r["unattested"] == true),
            "{app}: {answer}"
        );

        let chan = app.login("engineer.gd@wanqiao.example").await;
        let other = app
            .send(
                "GET",
                &format!("/api/v1/engineers/{lee_id}/recognition-options"),
                As::Browser(&chan),
                None,
            )
            .await;
        assert_problem(&app, &other, 403, "another engineer");
        let page = app
            .get_with(
                &format!("/engineers/{lee_id}/recognition"),
                &[("cookie", &chan.cookie)],
            )
            .await;
        assert_eq!(page.status, 403, "{app}");
        app.stop().await;
    }
}

fn what_if(
    framework: &str,
    level: &str,
    specialty: &str,
    years: u32,
    accredited: bool,
    cpd: u32,
    good: bool,
) -> Value {
    json!({
        "framework": framework, "level": level, "specialty": specialty,
        "experience_years": years, "accredited": accredited, "cpd_hours": cpd, "good_standing": good
    })
}

#[tokio::test]
async fn what_if_works_without_an_account_and_names_every_reason() {
    for app in apps(true).await {
        let ask = |body: Value| {
            app.send(
                "POST",
                "/api/v1/recognition/what-if",
                As::Nobody,
                Some(body),
            )
        };
        let codes = |answer: &Value, society: &str| -> BTreeSet<String> {
            answer["rows"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["society"] == society)
                .flat_map(|d| d["reasons"].as_array().unwrap().iter())
                .map(|r| r["code"].as_str().unwrap().to_string())
                .collect()
        };
        let strong = ask(what_if(
            "cn-title", "engineer", "building", 8, true, 120, true,
        ))
        .await;
        assert_eq!(strong.status, 200, "{app}: {}", strong.body);
        let strong = strong.json();
        assert!(
            codes(&strong, "mo-construction").contains("requirement_outstanding"),
            "{app}"
        );

        let cases = [
            (
                what_if(
                    "cn-title",
                    "assistant-engineer",
                    "building",
                    8,
                    true,
                    120,
                    true,
                ),
                "level_below_minimum",
            ),
            (
                what_if("cn-title", "engineer", "building", 2, true, 120, true),
                "experience_short",
            ),
            (
                what_if("cn-title", "engineer", "building", 8, false, 120, true),
                "education_not_accredited",
            ),
            (
                what_if("cn-title", "engineer", "building", 8, true, 10, true),
                "cpd_short",
            ),
            (
                what_if("cn-title", "engineer", "building", 8, true, 120, false),
                "not_in_good_standing",
            ),
        ];
        for (body, code) in cases {
            let answer = ask(body.clone()).await.json();
            assert!(
                codes(&answer, "mo-construction").contains(code),
                "{app} {code}: {answer}"
            );
            let ineligible = answer["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["society"] == "mo-construction" && d["outcome"] == "ineligible");
            assert!(ineligible, "{app} {code}");
        }
        let eligible = ask(what_if(
            "cn-title",
            "assistant-engineer",
            "computing-it",
            2,
            false,
            0,
            true,
        ))
        .await
        .json();
        assert!(
            eligible["rows"]
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d["outcome"] == "eligible"),
            "{app}: {eligible}"
        );

        let refusals = [
            (
                what_if("no-such-ladder", "engineer", "building", 5, true, 0, true),
                "framework",
            ),
            (
                what_if("cn-title", "wizard", "building", 5, true, 0, true),
                "level",
            ),
            (
                what_if("cn-title", "engineer", "alchemy", 5, true, 0, true),
                "specialty",
            ),
            (
                what_if("cn-title", "engineer", "building", 200, true, 0, true),
                "experience_years",
            ),
            (
                what_if("cn-title", "engineer", "building", 5, true, 99_999, true),
                "cpd_hours",
            ),
        ];
        for (body, field) in refusals {
            let r = ask(body).await;
            assert_eq!(r.status, 422, "{app} {field}: {}", r.body);
            assert_eq!(r.json()["errors"][0]["name"], field, "{app}");
        }
        let negative = ask(json!({ "framework": "cn-title", "level": "engineer", "specialty": "building", "experience_years": -3 })).await;
        assert_eq!(negative.status, 422, "{app}: negative years");

        let page = app
            .get("/what-if?qualification=cn-title/engineer&specialty=building&experience_years=8&cpd_hours=120&accredited=yes&good_standing=yes&lang=en")
            .await;
        assert_eq!(page.status, 200, "{app}");
        assert!(page.body.contains("Conditional"), "{app}");
        let bad = app
            .get("/what-if?qualification=cn-title/wizard&specialty=building&lang=en")
            .await;
        assert!(
            bad.body.contains("wizard"),
            "{app}: the error names the level"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn impact_analysis_of_a_draft_counts_and_refuses_versions_in_force() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let r = app
            .send(
                "GET",
                "/api/v1/agreements/building-2020/versions/2/impact",
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        let report = r.json();
        assert_eq!(report["draft_version"], 2, "{app}");
        assert_eq!(report["in_force_version"], 1, "{app}");
        assert!(
            report["engineers"].as_u64().unwrap() >= 2,
            "{app}: the demo engineers in building"
        );
        let targets = report["targets"].as_array().unwrap();
        assert!(!targets.is_empty(), "{app}");
        for t in targets {
            let sum = |c: &Value| {
                c["eligible"].as_u64().unwrap()
                    + c["conditional"].as_u64().unwrap()
                    + c["ineligible"].as_u64().unwrap()
            };
            assert_eq!(sum(&t["draft"]), t["reached"].as_u64().unwrap(), "{app}");
            let changes = t["improved"]["count"].as_u64().unwrap()
                + t["worsened"]["count"].as_u64().unwrap()
                + t["unchanged"]["count"].as_u64().unwrap();
            assert_eq!(changes, t["reached"].as_u64().unwrap(), "{app}");
        }
        let in_force = app
            .send(
                "GET",
                "/api/v1/agreements/building-2020/versions/1/impact",
                As::Browser(&admin),
                None,
            )
            .await;
        assert_problem(&app, &in_force, 409, "in-force");
        let missing = app
            .send(
                "GET",
                "/api/v1/agreements/building-2020/versions/9/impact",
                As::Browser(&admin),
                None,
            )
            .await;
        assert_eq!(missing.status, 404, "{app}");
        let reviewer = app.login("gdes.reviewer@wanqiao.example").await;
        let refused = app
            .send(
                "GET",
                "/api/v1/agreements/building-2020/versions/2/impact",
                As::Browser(&reviewer),
                None,
            )
            .await;
        assert_eq!(refused.status, 403, "{app}");
        let party_admin = app.login("hk.admin@wanqiao.example").await;
        let page = app
            .get_with(
                "/admin/agreements/building-2020/versions/2/impact?lang=en",
                &[("cookie", &party_admin.cookie)],
            )
            .await;
        assert_eq!(page.status, 200, "{app}");
        assert!(page.body.contains("<svg"), "{app}: a chart");
        assert!(page.body.contains("Impact of draft version 2"), "{app}");
        app.stop().await;
    }
}
