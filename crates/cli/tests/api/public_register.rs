//! The public register lists consenting holders only, found by any script or certificate id.

use crate::helpers::{As, apps, demo_certificate, urlencode};
use serde_json::json;

#[tokio::test]
async fn the_register_lists_only_consenting_holders_and_finds_them_in_any_script() {
    for app in apps(true).await {
        let empty = app.json("/api/v1/register").await;
        assert_eq!(empty["total"], 0, "{app}: nobody consented yet");
        let admin = app.login("hk.admin@wanqiao.example").await;
        let credential = demo_certificate(&app, &admin).await;

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
        for q in ["陈示例", "陳示例", "chan", credential.as_str()] {
            let found = app
                .json(&format!("/api/v1/register?q={}", urlencode(q)))
                .await;
            assert_eq!(found["total"], 1, "{app}: `{q}`");
            assert_eq!(
                found["items"][0]["credential"],
                credential.as_str(),
                "{app}"
            );
        }
        let none = app.json("/api/v1/register?q=nobody-at-all").await;
        assert_eq!(none["total"], 0, "{app}");
        let other = app.json("/api/v1/register?specialty=civil").await;
        assert_eq!(other["total"], 0, "{app}: filtered by specialty");
        let page = app.page("/register?lang=en&q=chan", &[]).await;
        assert!(
            page.contains("Chan Sample") && page.contains(&format!("/verify/{credential}")),
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
        assert_eq!(revoked.status, 200, "{app}");
        assert_eq!(
            app.json("/api/v1/register").await["total"],
            0,
            "{app}: revoked certificates leave the register"
        );
        app.stop().await;
    }
}
