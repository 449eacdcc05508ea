//! The certificate for people: the printable bilingual certificate (never an identity
//! number), the certificate's own `id` URL by `Accept`, the holder's consent to the public
//! register, and a correction that re-issues and revokes the old one with a pointer.

use crate::helpers::{As, Reply, Session, TestApp, apps, demo_certificate};
use serde_json::{Value, json};
use wanqiao_domain::engineer::mask;

/// The certificate of the approved demo application to hk-building-em (engineer.gd's).
async fn demo_credential(app: &TestApp) -> String {
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
        .expect("the approved application has a certificate")
}

/// The page text with askama's escapes undone, to look for names in it.
fn unescape(html: &str) -> String {
    html.replace("&amp;", "&")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
}

/// The `@value` of a language map in `tag`.
fn in_language(map: &Value, tag: &str) -> String {
    map.as_array()
        .unwrap()
        .iter()
        .find(|v| v["@language"] == tag)
        .and_then(|v| v["@value"].as_str())
        .unwrap()
        .to_string()
}

async fn verify(app: &TestApp, vc: &Value) -> (u16, Value) {
    let reply = app
        .send(
            "POST",
            "/api/v1/credentials/verify",
            As::Nobody,
            Some(json!({ "verifiableCredential": vc, "options": { "checks": ["proof", "credentialStatus"] } })),
        )
        .await;
    (reply.status, reply.json())
}

async fn form(app: &TestApp, path: &str, who: &Session, fields: &[(&str, &str)]) -> Reply {
    let response = app
        .http
        .post(app.url(path))
        .header("cookie", &who.cookie)
        .header("x-csrf-token", &who.csrf)
        .form(fields)
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
async fn the_printable_certificate_is_bilingual_with_a_qr_code_and_no_identity_number() {
    for app in apps(true).await {
        let id = demo_credential(&app).await;
        let vc = app.json(&format!("/api/v1/credentials/{id}")).await;
        let level = &vc["credentialSubject"]["achievement"]["name"];
        let forbidden = ["DEMO00000001", "DEMO00000002", "DEMO00000003"]
            .map(|n| [n.to_string(), mask(n)])
            .concat();
        for lang in ["zh-Hans", "en"] {
            let page = app
                .page(
                    &format!("/credentials/{id}/certificate"),
                    &[("accept-language", lang)],
                )
                .await;
            let text = unescape(&page);
            // Both languages side by side, whatever the reader's language.
            for (tag, name) in [("zh-Hans", "陈示例"), ("en", "Chan Sample")] {
                assert!(text.contains(name), "{app} {lang}: no {name}");
                let level = in_language(level, tag);
                assert!(text.contains(&level), "{app} {lang}: no level {level}");
            }
            assert!(page.contains("<svg"), "{app} {lang}: no QR code");
            assert!(page.contains(&format!("/verify/{id}")), "{app} {lang}");
            assert!(!page.contains("style="), "{app} {lang}: inline style");
            assert!(!page.contains("<script"), "{app} {lang}: script");
            assert!(page.contains("data-status=\"active\""), "{app} {lang}");
            for f in &forbidden {
                assert!(!page.contains(f.as_str()), "{app} {lang}: shows {f}");
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn the_credential_id_url_answers_json_or_html_by_accept() {
    for app in apps(true).await {
        let id = demo_credential(&app).await;
        let path = format!("/credentials/{id}");
        for accept in ["application/json", "application/vc"] {
            let reply = app.get_with(&path, &[("accept", accept)]).await;
            assert_eq!(reply.status, 200, "{app} {accept}: {}", reply.body);
            assert!(
                reply.header("content-type").starts_with(accept),
                "{app} {accept}: {}",
                reply.header("content-type")
            );
            let vc = reply.json();
            assert!(
                vc["id"].as_str().unwrap().ends_with(&path),
                "{app}: {}",
                vc["id"]
            );
            assert!(vc["proof"].is_object(), "{app}");
            assert!(reply.header("vary").contains("Accept"), "{app}");
        }
        let html = app
            .page(&path, &[("accept", "text/html"), ("accept-language", "en")])
            .await;
        assert!(html.contains("data-verified=\"true\""), "{app}");
        assert!(html.contains(&format!("{path}/certificate")), "{app}");
        assert!(html.contains(&format!("{path}/download")), "{app}");

        let download = app.get(&format!("{path}/download")).await;
        assert_eq!(download.status, 200, "{app}");
        assert!(
            download
                .header("content-disposition")
                .starts_with("attachment"),
            "{app}"
        );
        assert_eq!(download.json()["id"], json!(app_url(&app, &path)), "{app}");

        assert_eq!(
            app.get("/credentials/no-such-id").await.status,
            404,
            "{app}"
        );
        app.stop().await;
    }
}

/// The `id` URL a certificate of this platform has.
fn app_url(_app: &TestApp, path: &str) -> String {
    format!("{}{path}", wanqiao_web::issuing::DEFAULT_PUBLIC_URL)
}

#[tokio::test]
async fn only_the_holder_consents_to_the_public_register() {
    for app in apps(true).await {
        let id = demo_credential(&app).await;
        assert!(
            !app.server
                .store
                .credential(&id)
                .await
                .unwrap()
                .unwrap()
                .public_register,
            "{app}: listed by default"
        );
        let holder = app.login("engineer.gd@wanqiao.example").await;
        let other = app.login("engineer.hk@wanqiao.example").await;
        let admin = app.login("hk.admin@wanqiao.example").await;
        let path = format!("/api/v1/credentials/{id}");

        // My certificates lists it, with its links and the consent box unticked.
        let mine = app
            .page(
                "/account/certificates",
                &[("cookie", &holder.cookie), ("accept-language", "en")],
            )
            .await;
        assert!(mine.contains(&format!("certificate-{id}")), "{app}");
        assert!(
            mine.contains(&format!("/credentials/{id}/certificate")),
            "{app}"
        );
        assert!(
            mine.contains(&format!("/credentials/{id}/download")),
            "{app}"
        );
        assert!(
            mine.contains("href=\"/account/certificates\""),
            "{app}: nav entry"
        );
        assert!(!mine.contains(" checked"), "{app}");
        let theirs = app
            .page("/account/certificates", &[("cookie", &other.cookie)])
            .await;
        assert!(!theirs.contains(&format!("certificate-{id}")), "{app}");

        for who in [&other, &admin] {
            let reply = app
                .send(
                    "PATCH",
                    &path,
                    As::Browser(who),
                    Some(json!({ "public_register": true })),
                )
                .await;
            assert_eq!(reply.status, 403, "{app}: {}", reply.body);
            let page = form(
                &app,
                &format!("/account/certificates/{id}/consent"),
                who,
                &[("public_register", "on")],
            )
            .await;
            assert_eq!(page.status, 403, "{app}");
        }
        let reply = app
            .send(
                "PATCH",
                &path,
                As::Browser(&holder),
                Some(json!({ "public_register": true })),
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        assert_eq!(reply.json()["public_register"], true, "{app}");
        let bad = app
            .send(
                "PATCH",
                &path,
                As::Browser(&holder),
                Some(json!({ "public_register": "yes" })),
            )
            .await;
        assert!(
            bad.status == 400 || bad.status == 422,
            "{app}: {}",
            bad.body
        );

        // The page form: ticked, then unticked.
        let mine = app
            .page("/account/certificates", &[("cookie", &holder.cookie)])
            .await;
        assert!(mine.contains(" checked"), "{app}");
        let page = form(
            &app,
            &format!("/account/certificates/{id}/consent"),
            &holder,
            &[],
        )
        .await;
        assert_eq!(page.status, 303, "{app}: {}", page.body);
        assert!(
            !app.server
                .store
                .credential(&id)
                .await
                .unwrap()
                .unwrap()
                .public_register,
            "{app}"
        );
        let page = form(
            &app,
            &format!("/account/certificates/{id}/consent"),
            &holder,
            &[("public_register", "on")],
        )
        .await;
        assert_eq!(page.status, 303, "{app}");
        assert!(
            app.server
                .store
                .credential(&id)
                .await
                .unwrap()
                .unwrap()
                .public_register,
            "{app}"
        );
        assert_eq!(app.audit_count("credential.consent").await, 3, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_correction_reissues_and_revokes_the_old_certificate_with_a_pointer() {
    for app in apps(true).await {
        let old = demo_credential(&app).await;
        let path = format!("/api/v1/credentials/{old}/correct");
        let body = json!({ "reason": "name spelt wrong" });
        for email in [
            "gdes.reviewer@wanqiao.example",
            "engineer.gd@wanqiao.example",
        ] {
            let who = app.login(email).await;
            let reply = app
                .send("POST", &path, As::Browser(&who), Some(body.clone()))
                .await;
            assert_eq!(reply.status, 403, "{app} {email}: {}", reply.body);
        }
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let reply = app
            .send("POST", &path, As::Browser(&reviewer), Some(body.clone()))
            .await;
        assert_eq!(reply.status, 201, "{app}: {}", reply.body);
        let done = reply.json();
        let new = done["new"]["id"].as_str().unwrap().to_string();
        assert_ne!(new, old, "{app}");
        assert_eq!(done["old"]["revoked"], true, "{app}");
        assert_eq!(done["old"]["replaced_by"], json!(new), "{app}");
        assert_eq!(app.audit_count("credential.correct").await, 1, "{app}");

        // The old one says revoked everywhere, with the pointer; the new one verifies.
        let old_vc = app.json(&format!("/api/v1/credentials/{old}")).await;
        let (status, report) = verify(&app, &old_vc).await;
        assert_eq!(status, 400, "{app}: {report}");
        assert!(report.to_string().contains("revoked"), "{app}: {report}");
        let new_vc = app.json(&format!("/api/v1/credentials/{new}")).await;
        let (status, report) = verify(&app, &new_vc).await;
        assert_eq!(status, 200, "{app}: {report}");
        assert_eq!(
            new_vc["credentialSubject"]["name"],
            old_vc["credentialSubject"]["name"]
        );

        let verify_page = app
            .page(&format!("/verify/{old}"), &[("accept-language", "en")])
            .await;
        assert!(verify_page.contains("data-verified=\"false\""), "{app}");
        assert!(verify_page.contains(&format!("/verify/{new}")), "{app}");
        let certificate = app
            .page(&format!("/credentials/{old}/certificate"), &[])
            .await;
        assert!(certificate.contains("data-status=\"revoked\""), "{app}");
        assert!(
            certificate.contains(&format!("/credentials/{new}/certificate")),
            "{app}"
        );
        let record = app.page(&format!("/credentials/{old}"), &[]).await;
        assert!(record.contains(&format!("/credentials/{new}")), "{app}");

        // The application names the new one; the old one cannot be corrected again.
        assert_eq!(demo_credential(&app).await, new, "{app}");
        let again = app
            .send("POST", &path, As::Browser(&reviewer), Some(body.clone()))
            .await;
        assert_eq!(again.status, 409, "{app}: {}", again.body);
        app.stop().await;
    }
}

#[tokio::test]
async fn revoking_a_certificate_raises_an_alert_for_the_societies_concerned() {
    use crate::helpers::As;
    for app in crate::helpers::apps(true).await {
        let admin = app.login("hk.admin@wanqiao.example").await;
        let credential = demo_certificate(&app, &admin).await;
        let before = app
            .send("GET", "/api/v1/alerts", As::Browser(&admin), None)
            .await
            .json();
        let count = |v: &serde_json::Value| {
            v.as_array()
                .map_or_else(|| v["items"].as_array().map_or(0, Vec::len), Vec::len)
        };
        let r = app
            .send(
                "POST",
                &format!("/api/v1/credentials/{credential}/status"),
                As::Browser(&admin),
                Some(serde_json::json!({ "purpose": "revocation", "value": true, "reason": "Struck off the home register" })),
            )
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        let after = app
            .send("GET", "/api/v1/alerts", As::Browser(&admin), None)
            .await;
        assert_eq!(
            count(&after.json()),
            count(&before) + 1,
            "{app}: {}",
            after.body
        );
        assert!(
            after.body.contains("striking_off") && after.body.contains("Struck off"),
            "{app}: {}",
            after.body
        );
        let attestor = app.login("gd.attestor@wanqiao.example").await;
        let home = app
            .send("GET", "/api/v1/alerts", As::Browser(&attestor), None)
            .await;
        assert!(
            home.body.contains(&credential),
            "{app}: the home society sees it too: {}",
            home.body
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn a_deployment_can_sign_certificates_with_eddsa_jcs_2022() {
    use crate::helpers::{As, TestApp, TestDb, engines};
    use std::sync::Arc;
    use wanqiao_credentials::proof::Cryptosuite;
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let issuing =
            wanqiao_web::issuing::Issuing::ephemeral().with_cryptosuite(Cryptosuite::EddsaJcs2022);
        let server = wanqiao::server::Running::start_with_issuing(
            &db.url,
            "127.0.0.1:0".parse().unwrap(),
            true,
            wanqiao_web::AuthConfig::default(),
            Arc::new(wanqiao_web::SystemClock),
            issuing,
        )
        .await
        .unwrap();
        let app = TestApp::wrap(engine, server, db);
        let admin = app.login("hk.admin@wanqiao.example").await;
        let credential = demo_certificate(&app, &admin).await;
        let vc = app.json(&format!("/api/v1/credentials/{credential}")).await;
        let proof = if vc["proof"].is_array() {
            vc["proof"][0].clone()
        } else {
            vc["proof"].clone()
        };
        assert_eq!(proof["cryptosuite"], "eddsa-jcs-2022", "{app}");
        let verified = app
            .send(
                "POST",
                "/api/v1/credentials/verify",
                As::Nobody,
                Some(serde_json::json!({ "verifiableCredential": vc, "options": { "checks": ["proof", "credentialStatus"] } })),
            )
            .await;
        assert_eq!(verified.status, 200, "{app}: {}", verified.body);
        app.stop().await;
    }
}
