//! Search by name in any script, member number and certificate id: the admin engineer search
//! (`/api/v1/engineers?q=`, `/admin/engineers`) and the public register. Queries of one or
//! two characters (and numbers) match the beginning of a name or number; three or more match
//! anywhere, case-insensitively.

use crate::helpers::{As, Session, TestApp, apps, urlencode};
use serde_json::{Value, json};
use std::collections::BTreeSet;

/// Creates a profile kept by the platform; its id.
async fn engineer(app: &TestApp, admin: &Session, names: Value) -> String {
    let reply = app
        .send(
            "POST",
            "/api/v1/engineers",
            As::Browser(admin),
            Some(json!({ "names": names })),
        )
        .await;
    assert_eq!(reply.status, 201, "{app}: {}", reply.body);
    reply.json()["id"].as_str().unwrap().to_string()
}

/// The English names the search finds, as `who` sees them.
async fn found(app: &TestApp, who: &Session, q: &str) -> (Vec<String>, Value) {
    let reply = app
        .send(
            "GET",
            &format!("/api/v1/engineers?q={}", urlencode(q)),
            As::Browser(who),
            None,
        )
        .await;
    assert_eq!(reply.status, 200, "{app} `{q}`: {}", reply.body);
    let body = reply.json();
    let names = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["names"]["en"].as_str().unwrap_or_default().to_string())
        .collect();
    (names, body)
}

fn set(names: &[String]) -> BTreeSet<&str> {
    names.iter().map(String::as_str).collect()
}

#[tokio::test]
async fn engineers_are_found_by_any_script_member_number_and_certificate() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        let wong = engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "王伟明", "zh-Hant": "王偉明", "en": "Wong Wai Ming" }),
        )
        .await;
        engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "陈明", "zh-Hant": "陳明", "en": "Chan Ming" }),
        )
        .await;
        engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "李小王", "zh-Hant": "李小王", "en": "Lee Siu Wong" }),
        )
        .await;
        engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "若昂", "zh-Hant": "若昂", "en": "Joao Silva", "pt": "João da Silva" }),
        )
        .await;
        engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "", "zh-Hant": "", "en": "Percent_Under O'Brien" }),
        )
        .await;

        let cases: [(&str, &[&str]); 16] = [
            // One and two characters: the beginning of a name (a surname; a whole two-character
            // name), never the middle.
            ("王", &["Wong Wai Ming"]),
            ("王伟", &["Wong Wai Ming"]),
            ("陈明", &["Chan Ming"]),
            ("陳明", &["Chan Ming"]),
            ("伟明", &[]),
            // Three characters or more: anywhere, in every script.
            ("王偉明", &["Wong Wai Ming"]),
            ("小王", &[]),
            ("李小王", &["Lee Siu Wong"]),
            ("wai", &["Wong Wai Ming"]),
            ("WONG", &["Wong Wai Ming", "Lee Siu Wong", "Wong Sample"]),
            ("siu wong", &["Lee Siu Wong"]),
            ("joão", &["Joao Silva"]),
            ("da silva", &["Joao Silva"]),
            // Input is text, never SQL or a pattern.
            ("%", &[]),
            ("_under", &["Percent_Under O'Brien"]),
            ("' OR 1=1 --", &[]),
        ];
        for (q, expected) in cases {
            let (names, body) = found(&app, &admin, q).await;
            let expected: BTreeSet<&str> = expected.iter().copied().collect();
            assert_eq!(set(&names), expected, "{app} `{q}`: {body}");
            assert_eq!(body["total"], expected.len(), "{app} `{q}`");
            assert_eq!(body["total_exact"], true, "{app} `{q}`");
        }
        for q in ["_", "__", "%%", "\"", "o'b", "\\"] {
            let (names, _) = found(&app, &admin, q).await;
            assert!(
                names.iter().all(|n| n == "Percent_Under O'Brien"),
                "{app} `{q}`: {names:?}"
            );
        }

        // An exact match comes first: "Wong Wai Ming" before "Lee Siu Wong"… and a whole name
        // before names that merely contain it.
        let other = engineer(
            &app,
            &admin,
            json!({ "zh-Hans": "", "zh-Hant": "", "en": "Aaron Wong Wai Ming" }),
        )
        .await;
        let (names, _) = found(&app, &admin, "wong wai ming").await;
        assert_eq!(names, ["Wong Wai Ming", "Aaron Wong Wai Ming"], "{app}");
        let (names, _) = found(&app, &admin, "wong").await;
        assert_eq!(
            names,
            [
                "Aaron Wong Wai Ming",
                "Lee Siu Wong",
                "Wong Sample",
                "Wong Wai Ming"
            ],
            "{app}: by English name"
        );

        // A renamed engineer is found by the new name only.
        let renamed = app
            .send(
                "PATCH",
                &format!("/api/v1/engineers/{other}"),
                As::Browser(&admin),
                Some(json!({ "names": { "zh-Hans": "欧阳文", "zh-Hant": "歐陽文", "en": "Au Yeung Man" } })),
            )
            .await;
        assert_eq!(renamed.status, 200, "{app}: {}", renamed.body);
        assert_eq!(
            found(&app, &admin, "欧阳").await.0,
            ["Au Yeung Man"],
            "{app}"
        );
        assert!(
            !found(&app, &admin, "aaron")
                .await
                .0
                .contains(&"Aaron Wong Wai Ming".to_string()),
            "{app}"
        );

        // Member numbers, exactly or by their beginning, in any case.
        member(&app, "hk-building-em", "HKBEM-004217", &wong).await;
        for q in ["HKBEM-004217", "hkbem-0042", "HKBEM-00421"] {
            assert_eq!(
                found(&app, &admin, q).await.0,
                ["Wong Wai Ming"],
                "{app} `{q}`"
            );
        }
        assert!(found(&app, &admin, "004217").await.0.is_empty(), "{app}");

        // Society staff find only the engineers holding a qualification of their society.
        let hk = app.login("hk.admin@wanqiao.example").await;
        assert!(found(&app, &hk, "王").await.0.is_empty(), "{app}");
        let (names, _) = found(&app, &hk, "sample").await;
        assert_eq!(names, ["Lee Sample"], "{app}: hk-building-em's member only");
        let added = app
            .send(
                "POST",
                &format!("/api/v1/engineers/{wong}/qualifications"),
                As::Browser(&admin),
                Some(json!({
                    "framework": "hk-rpe", "level": "registered", "specialty": "building",
                    "society": "hk-building-em", "certificate_number": "RPE-TEST-1"
                })),
            )
            .await;
        assert_eq!(added.status, 201, "{app}: {}", added.body);
        assert_eq!(found(&app, &hk, "王").await.0, ["Wong Wai Ming"], "{app}");

        // The page: the same search, with links to the engineer's pages; staff only.
        let page = app
            .send(
                "GET",
                "/admin/engineers?lang=en&q=%E7%8E%8B",
                As::Browser(&hk),
                None,
            )
            .await;
        assert_eq!(page.status, 200, "{app}");
        assert!(
            page.body.contains("Wong Wai Ming")
                && page
                    .body
                    .contains(&format!("/engineers/{wong}/recognition"))
                && !page.body.contains("Lee Siu Wong"),
            "{app}"
        );
        let engineer = app.login("engineer.gd@wanqiao.example").await;
        let refused = app
            .send("GET", "/admin/engineers", As::Browser(&engineer), None)
            .await;
        assert_eq!(refused.status, 403, "{app}");
        app.stop().await;
    }
}

/// Records `number` as a member of `society` for `engineer`, as a roster import does.
async fn member(app: &TestApp, society: &str, number: &str, engineer: &str) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db.url).await.unwrap();
    conn.execute(
        sqlx::query(
            "INSERT INTO society_members (society_id, member_number, engineer_id, row_digest, created_at, updated_at)
             VALUES ($1, $2, $3, 'test', '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
        )
        .bind(society)
        .bind(number)
        .bind(engineer),
    )
    .await
    .unwrap_or_else(|e| panic!("{app}: {e}"));
    conn.close().await.unwrap();
}

/// The certificate ids the public register lists for `q`.
async fn listed(app: &TestApp, q: &str) -> Vec<String> {
    let found = app
        .json(&format!("/api/v1/register?q={}", urlencode(q)))
        .await;
    found["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["credential"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn the_register_finds_consenting_holders_only_in_any_script() {
    for app in apps(true).await {
        let admin = app.login("hk.admin@wanqiao.example").await;
        let approved = app
            .send(
                "GET",
                "/api/v1/applications?state=approved",
                As::Browser(&admin),
                None,
            )
            .await
            .json();
        let id = approved["items"][0]["id"].as_str().unwrap().to_string();
        let detail = app
            .send(
                "GET",
                &format!("/api/v1/applications/{id}"),
                As::Browser(&admin),
                None,
            )
            .await
            .json();
        let credential = detail["credential_id"].as_str().unwrap().to_string();

        // Before consent: not found by any name or by the certificate id.
        for q in ["陈", "陈示例", "chan", credential.as_str()] {
            assert!(listed(&app, q).await.is_empty(), "{app} `{q}`");
        }
        let chan = app.login("engineer.gd@wanqiao.example").await;
        let consent = app
            .send(
                "PATCH",
                &format!("/api/v1/credentials/{credential}"),
                As::Browser(&chan),
                Some(json!({ "public_register": true })),
            )
            .await;
        assert_eq!(consent.status, 200, "{app}: {}", consent.body);
        let prefix = &credential[..8];
        for q in [
            "陈",
            "陈示",
            "陳示例",
            "CHAN",
            "an sam",
            credential.as_str(),
            prefix,
        ] {
            assert_eq!(
                listed(&app, q).await,
                std::slice::from_ref(&credential),
                "{app} `{q}`"
            );
        }
        for q in [
            "示",
            "示例",
            "李",
            "%",
            "_",
            "' OR '1'='1",
            &credential[8..16],
        ] {
            assert!(listed(&app, q).await.is_empty(), "{app} `{q}`");
        }

        // A new name reaches the register at once.
        let platform = app.login("admin@wanqiao.example").await;
        let engineer_id = detail["engineer_id"]
            .as_str()
            .or_else(|| detail["engineer"].as_str())
            .unwrap_or_else(|| panic!("{app}: no engineer in {detail}"))
            .to_string();
        let renamed = app
            .send(
                "PATCH",
                &format!("/api/v1/engineers/{engineer_id}"),
                As::Browser(&platform),
                Some(json!({ "names": { "zh-Hans": "陈新名", "zh-Hant": "陳新名", "en": "Chan Newname" } })),
            )
            .await;
        assert_eq!(renamed.status, 200, "{app}: {}", renamed.body);
        assert_eq!(
            listed(&app, "newname").await,
            std::slice::from_ref(&credential),
            "{app}"
        );
        assert!(listed(&app, "陈示例").await.is_empty(), "{app}");

        // Withdrawn consent, then revocation: gone either way.
        let withdrawn = app
            .send(
                "PATCH",
                &format!("/api/v1/credentials/{credential}"),
                As::Browser(&chan),
                Some(json!({ "public_register": false })),
            )
            .await;
        assert_eq!(withdrawn.status, 200, "{app}: {}", withdrawn.body);
        assert!(listed(&app, "陈新名").await.is_empty(), "{app}");
        app.send(
            "PATCH",
            &format!("/api/v1/credentials/{credential}"),
            As::Browser(&chan),
            Some(json!({ "public_register": true })),
        )
        .await;
        assert_eq!(
            listed(&app, "陈新名").await,
            std::slice::from_ref(&credential),
            "{app}"
        );
        let revoked = app
            .send(
                "POST",
                &format!("/api/v1/credentials/{credential}/status"),
                As::Browser(&admin),
                Some(json!({ "purpose": "revocation", "value": true, "reason": "test" })),
            )
            .await;
        assert_eq!(revoked.status, 200, "{app}: {}", revoked.body);
        assert!(listed(&app, "陈新名").await.is_empty(), "{app}");
        assert!(listed(&app, &credential).await.is_empty(), "{app}");
        assert_eq!(app.json("/api/v1/register").await["total"], 0, "{app}");
        app.stop().await;
    }
}

/// Adds `n` engineers named 王 + a given name directly, as a large roster would.
async fn many_wangs(app: &TestApp, n: usize) {
    use sqlx::{Connection, Executor};
    sqlx::any::install_default_drivers();
    let mut conn = sqlx::AnyConnection::connect(&app.db.url).await.unwrap();
    let mut tx = conn.begin().await.unwrap();
    for i in 0..n {
        tx.execute(
            sqlx::query(
                "INSERT INTO engineers (id, name_zh_hans, name_zh_hant, name_en, created_at, updated_at)
                 VALUES ($1, $2, $2, $3, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')",
            )
            .bind(format!("wang{i:05}"))
            .bind(format!("王{}", char::from_u32(0x4e00 + i as u32).unwrap()))
            .bind(format!("Wang {i:05}")),
        )
        .await
        .unwrap_or_else(|e| panic!("{app}: {e}"));
    }
    tx.commit().await.unwrap();
    conn.close().await.unwrap();
}

#[tokio::test]
async fn past_a_thousand_matches_the_list_still_puts_the_exact_name_first() {
    for app in apps(true).await {
        let admin = app.login("admin@wanqiao.example").await;
        many_wangs(&app, 1_100).await;
        // Created last, so past the first thousand matches in index order.
        engineer(
            &app,
            &admin,
            json!({"zh-Hans": "王", "zh-Hant": "王", "en": "Wang"}),
        )
        .await;
        let (names, body) = found(&app, &admin, "王").await;
        assert_eq!(body["total"], 1000, "{app}: counted up to the cap");
        assert_eq!(body["total_exact"], false, "{app}");
        assert_eq!(
            names.first().map(String::as_str),
            Some("Wang"),
            "{app}: {names:?}"
        );
        assert!(
            names[1..].windows(2).all(|w| w[0] <= w[1]),
            "{app}: the rest by name: {names:?}"
        );
        app.stop().await;
    }
}
