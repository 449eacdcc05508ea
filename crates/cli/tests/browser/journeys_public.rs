//! Journey 4: a member of the public scans the QR code of a certificate, sees it verified,
//! and after its revocation sees it revoked.

use crate::harness::{Browser, Viewport, api_ok, journey};
use crate::helpers::TestApp;
use serde_json::json;
use std::sync::Arc;
use wanqiao_domain::Locale;

/// The certificate of the approved demo application to hk-building-em (Chan's).
async fn demo_certificate(app: &TestApp) -> String {
    let filter = wanqiao_store::applications::ApplicationFilter {
        state: Some(wanqiao_domain::workflow::State::Approved),
        ..Default::default()
    };
    let approved = app
        .server
        .store
        .applications(&filter, wanqiao_store::Page::ALL)
        .await
        .unwrap();
    let application = approved
        .items
        .iter()
        .find(|a| a.host_society == "hk-building-em")
        .expect("an approved demo application to hk-building-em");
    app.server
        .store
        .credential_of_application(&application.id)
        .await
        .unwrap()
        .expect("the approved demo application has a certificate")
}

/// Reads the QR code the way a phone would: from the pixels of the rendered code.
async fn scan_qr(b: &Browser) -> String {
    let png = b
        .find("svg.qr")
        .await
        .screenshot()
        .await
        .expect("a picture of the QR code");
    crate::qr::decode(&png)
}

async fn public_checks_a_certificate(b: Browser, app: Arc<TestApp>) {
    let id = demo_certificate(&app).await;
    let lang = b.lang();
    b.goto("/").await;
    b.switch_language(lang).await;

    // The certificate in the holder's hands: its QR code leads to the verify page.
    b.goto(&format!("/credentials/{id}/certificate")).await;
    let scanned = scan_qr(&b).await;
    assert_eq!(
        scanned,
        b.url(&format!("/verify/{id}")),
        "what the QR code says"
    );
    b.assert_text(&scanned).await; // the same link printed under the code

    b.goto(&scanned).await;
    b.assert_text(&b.t("verify-title")).await;
    b.assert_text(&b.t("verify-verified")).await;
    assert_eq!(
        b.attr("#verify-result", "data-verified").await.as_deref(),
        Some("true")
    );
    b.assert_text(&b.t("verify-holder")).await;

    // The issuing society revokes it (its reviewer, through the API).
    let reviewer = app.login("hk.reviewer@wanqiao.example").await;
    api_ok(
        &app,
        "POST",
        &format!("/api/v1/credentials/{id}/status"),
        &reviewer,
        Some(json!({ "purpose": "revocation", "value": true, "reason": "struck off the roll" })),
    )
    .await;

    // Scanning the same code again now says so.
    b.goto(&scanned).await;
    b.assert_text(&b.t("verify-not-verified")).await;
    b.assert_no_text(&b.t("verify-verified")).await;
    assert_eq!(
        b.attr("#verify-result", "data-verified").await.as_deref(),
        Some("false")
    );
    let reasons = b.find("#verify-errors").await.text().await.unwrap();
    assert!(reasons.contains("revoked"), "why it failed: {reasons}");

    // And the certificate itself shows the revocation in both its languages.
    b.goto(&format!("/credentials/{id}/certificate")).await;
    assert_eq!(
        b.attr("#certificate", "data-status").await.as_deref(),
        Some("revoked")
    );
    let status = b.find("#cert-status").await.text().await.unwrap();
    assert!(status.contains("Revoked"), "status line: {status}");
}

#[tokio::test]
async fn public_verifies_then_sees_revoked_zh_hans() {
    journey(
        "public",
        Locale::ZhHans,
        Viewport::Desktop,
        public_checks_a_certificate,
    )
    .await;
}

#[tokio::test]
async fn public_verifies_then_sees_revoked_en() {
    journey(
        "public",
        Locale::En,
        Viewport::Desktop,
        public_checks_a_certificate,
    )
    .await;
}

/// On a phone, as a QR code is mostly scanned, in the third language.
#[tokio::test]
async fn public_verifies_then_sees_revoked_zh_hant_phone() {
    journey(
        "public",
        Locale::ZhHant,
        Viewport::Phone,
        public_checks_a_certificate,
    )
    .await;
}
