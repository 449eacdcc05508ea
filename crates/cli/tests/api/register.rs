//! The public register through the JSON API.

use crate::helpers::{apps, assert_problem};
use serde_json::Value;
use std::collections::BTreeSet;

fn items(v: &Value) -> &Vec<Value> {
    v["items"].as_array().expect("items is a list")
}

fn strings<'a>(v: &'a Value, key: &str) -> BTreeSet<&'a str> {
    items(v).iter().filter_map(|i| i[key].as_str()).collect()
}

#[tokio::test]
async fn societies_are_the_coordinator_and_seventeen_across_three_regions() {
    for app in apps(true).await {
        let all = app.json("/api/v1/societies?limit=100").await;
        assert_eq!(all["total"], 18, "{app}");
        assert_eq!(items(&all).len(), 18, "{app}");
        assert_eq!(
            strings(&all, "jurisdiction"),
            BTreeSet::from(["GD", "HK", "MO"]),
            "{app}"
        );
        let count = |role: &str| items(&all).iter().filter(|s| s["role"] == role).count();
        assert_eq!(count("coordinator"), 1, "{app}");
        assert_eq!(count("signatory"), 11, "{app}");
        assert_eq!(count("consulting"), 6, "{app}");
        for s in items(&all) {
            for key in ["id", "abbreviation", "jurisdiction", "role"] {
                assert!(s[key].is_string(), "{app} society lacks {key}: {s}");
            }
            for locale in ["zh-Hans", "zh-Hant", "en"] {
                assert!(s["names"][locale].is_string(), "{app} {locale}: {s}");
            }
            assert!(s["sample"].is_boolean(), "{app}");
        }
        let coordinator = &items(&all)[0];
        assert_eq!(
            coordinator["role"], "coordinator",
            "{app}: coordinator first"
        );
        assert_eq!(coordinator["names"]["zh-Hans"], "广东省工程师学会", "{app}");
        assert_eq!(coordinator["founded_on"], "2020-07-11", "{app}");
        assert_eq!(coordinator["sample"], false, "{app}");

        let one = app.json("/api/v1/societies/gdes").await;
        assert_eq!(one["abbreviation"], coordinator["abbreviation"], "{app}");

        let hk = app.json("/api/v1/societies?jurisdiction=HK").await;
        assert!(
            items(&hk).iter().all(|s| s["jurisdiction"] == "HK"),
            "{app}"
        );
        let signatories = app.json("/api/v1/societies?role=signatory").await;
        assert_eq!(signatories["total"], 11, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn agreements_are_in_force_in_four_specialties_with_a_letter_of_intent_for_electrical() {
    for app in apps(true).await {
        let specialties = app.json("/api/v1/specialties").await;
        assert!(specialties["total"].as_u64().unwrap() >= 6, "{app}");
        for s in items(&specialties) {
            assert!(s["id"].is_string() && s["batch"].is_u64(), "{app}: {s}");
            assert!(s["names"]["zh-Hant"].is_string(), "{app}: {s}");
        }
        let batch_one = items(&specialties)
            .iter()
            .filter(|s| s["batch"] == 1)
            .count();
        assert_eq!(batch_one, 5, "{app}: five batch-1 pilot specialties");

        let in_force = app.json("/api/v1/agreements?status=in-force").await;
        assert_eq!(strings(&in_force, "specialty").len(), 4, "{app}");
        let signatories: BTreeSet<String> =
            items(&app.json("/api/v1/societies?role=signatory").await)
                .iter()
                .map(|s| s["id"].as_str().unwrap().to_string())
                .collect();
        let parties: BTreeSet<String> = items(&in_force)
            .iter()
            .flat_map(|a| a["parties"].as_array().unwrap())
            .map(|p| p.as_str().unwrap().to_string())
            .filter(|p| p != "gdes")
            .collect();
        assert_eq!(
            parties, signatories,
            "{app}: the 11 signatories are parties"
        );
        for a in items(&in_force) {
            for key in ["id", "kind", "status", "specialty", "signed_on"] {
                assert!(a[key].is_string(), "{app} agreement lacks {key}: {a}");
            }
            assert_eq!(a["kind"], "agreement", "{app}");
        }

        let intents = app.json("/api/v1/agreements?kind=letter-of-intent").await;
        assert_eq!(intents["total"], 1, "{app}");
        assert_eq!(items(&intents)[0]["specialty"], "electrical", "{app}");
        assert_eq!(items(&intents)[0]["status"], "intent", "{app}");

        let id = items(&in_force)[0]["id"].as_str().unwrap().to_string();
        let detail = app.json(&format!("/api/v1/agreements/{id}")).await;
        let versions = detail["versions"].as_array().expect("versions");
        let live: Vec<_> = versions
            .iter()
            .filter(|v| v["status"] == "in-force")
            .collect();
        assert_eq!(live.len(), 1, "{app}");
        let rules = live[0]["rules"].as_array().expect("rules");
        assert!(rules.len() >= 2, "{app}");
        for r in rules {
            assert!(r["from"]["framework"].is_string(), "{app}: {r}");
            assert!(r["to"]["society"].is_string(), "{app}: {r}");
        }

        let by_society = app.json("/api/v1/agreements?society=gdes").await;
        assert_eq!(
            by_society["total"], 5,
            "{app}: the coordinator is party to all five"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn frameworks_fellows_activities_and_health() {
    for app in apps(true).await {
        let frameworks = app.json("/api/v1/frameworks?limit=100").await;
        let titles = items(&frameworks)
            .iter()
            .find(|f| f["id"] == "cn-title")
            .expect("the mainland title ladder");
        let levels: Vec<&str> = titles["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["names"]["zh-Hans"].as_str().unwrap())
            .collect();
        assert_eq!(
            levels,
            [
                "技术员",
                "助理工程师",
                "工程师",
                "高级工程师",
                "正高级工程师"
            ],
            "{app}"
        );
        let ranks: Vec<u64> = titles["levels"]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l["rank"].as_u64().unwrap())
            .collect();
        assert_eq!(ranks, [1, 2, 3, 4, 5], "{app}");
        assert!(
            items(&frameworks)
                .iter()
                .any(|f| f["kind"] == "registration"),
            "{app}: a statutory registration"
        );
        let one = app.json("/api/v1/frameworks/cn-title").await;
        assert_eq!(one["levels"].as_array().unwrap().len(), 5, "{app}");

        let fellows = app.json("/api/v1/fellows").await;
        assert!(fellows["total"].as_u64().unwrap() >= 1, "{app}");
        let activities = app.json("/api/v1/activities").await;
        assert!(activities["total"].as_u64().unwrap() >= 1, "{app}");
        assert!(
            items(&activities)
                .iter()
                .any(|a| a["held_on"] == "2020-07-11" && a["sample"] == false),
            "{app}: the signing ceremony"
        );
        let jurisdictions = app.json("/api/v1/jurisdictions").await;
        assert_eq!(jurisdictions["total"], 4, "{app}");

        let health = app.get("/healthz").await;
        assert_eq!(health.status, 200, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn lists_page_with_limit_and_offset() {
    for app in apps(true).await {
        let all = app.json("/api/v1/societies?limit=500").await;
        let first = app.json("/api/v1/societies?limit=5").await;
        let second = app.json("/api/v1/societies?limit=5&offset=5").await;
        let beyond = app.json("/api/v1/societies?offset=1000").await;
        assert_eq!(items(&first).len(), 5, "{app}");
        assert_eq!(first["total"], 18, "{app}: total counts the whole list");
        assert_eq!(items(&second)[0], items(&all)[5], "{app}");
        assert!(items(&beyond).is_empty(), "{app}");
        assert_eq!(beyond["total"], 18, "{app}");
        let default = app.json("/api/v1/specialties").await;
        assert_eq!(
            items(&default).len() as u64,
            default["total"].as_u64().unwrap(),
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_paging_and_filters_are_refused_naming_the_parameter() {
    for app in apps(true).await {
        let cases = [
            ("/api/v1/societies?limit=abc", "limit"),
            ("/api/v1/societies?limit=0", "limit"),
            ("/api/v1/societies?limit=501", "limit"),
            ("/api/v1/agreements?offset=-1", "offset"),
            ("/api/v1/fellows?offset=1.5", "offset"),
            ("/api/v1/societies?jurisdiction=TW", "jurisdiction"),
            ("/api/v1/societies?role=king", "role"),
            ("/api/v1/agreements?status=signed", "status"),
            ("/api/v1/agreements?kind=memo", "kind"),
        ];
        for (path, name) in cases {
            let reply = app.get(path).await;
            assert_problem(&app, &reply, 400, &format!("`{name}`"));
            let body = reply.json();
            assert_eq!(body["code"], "bad_parameter", "{app} {path}");
            assert_eq!(body["errors"][0]["name"], name, "{app} {path}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn unknown_ids_and_routes_are_404_problems() {
    for app in apps(true).await {
        for path in [
            "/api/v1/societies/no-such-society",
            "/api/v1/specialties/alchemy",
            "/api/v1/frameworks/nothing",
            "/api/v1/agreements/2099-imaginary",
            "/api/v1/not-a-resource",
        ] {
            let reply = app.get(path).await;
            assert_eq!(reply.status, 404, "{app} {path}");
            assert_eq!(
                reply.header("content-type"),
                "application/problem+json",
                "{app} {path}"
            );
            assert_eq!(reply.json()["code"], "not_found", "{app} {path}");
        }
        let reply = app.get("/api/v1/societies/no-such-society").await;
        assert_problem(&app, &reply, 404, "no-such-society");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_empty_register_answers_with_empty_lists() {
    for app in apps(false).await {
        let societies = app.json("/api/v1/societies").await;
        assert_eq!(societies["total"], 0, "{app}");
        assert!(items(&societies).is_empty(), "{app}");
        let agreements = app.json("/api/v1/agreements").await;
        assert_eq!(agreements["total"], 0, "{app}");
        let home = app.page("/", &[]).await;
        assert!(home.contains("<html lang=\"zh-Hans\">"), "{app}");
        app.stop().await;
    }
}
