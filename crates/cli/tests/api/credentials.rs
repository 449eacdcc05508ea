//! Recognition certificates end to end: approval issues one, it verifies by the API, on the
//! page and with the CLI; suspension, revocation and key rotation; and every kind of bad
//! input gets "not verified" with its specific error, never a server error.

use crate::helpers::{As, TestApp, TestDb, engines, wanqiao};
use ed25519_dalek::SigningKey;
use serde_json::{Value, json};
use std::path::PathBuf;
use std::sync::Arc;
use wanqiao::server::Running;
use wanqiao_credentials::did::{did_key, did_key_method};
use wanqiao_credentials::keys::MasterKey;
use wanqiao_credentials::proof::{Cryptosuite, ProofOptions};
use wanqiao_domain::workflow::State;
use wanqiao_store::applications::ApplicationFilter;

/// An app issuing under a master key kept in a file, so the CLI can rotate its keys.
async fn start(engine: crate::helpers::Engine) -> (TestApp, PathBuf) {
    let db = TestDb::new(engine).await;
    let key_file = std::env::temp_dir().join(format!(
        "wanqiao-test-{}-{}.master-key",
        std::process::id(),
        wanqiao_store::secret::new_id()
    ));
    let master = MasterKey::from_bytes(wanqiao_web::issuing::random_bytes::<32>());
    std::fs::write(&key_file, master.to_hex()).unwrap();
    let issuing =
        wanqiao_web::Issuing::new(master, wanqiao_web::issuing::DEFAULT_PUBLIC_URL).unwrap();
    let server = Running::start_with_issuing(
        &db.url,
        "127.0.0.1:0".parse().unwrap(),
        true,
        wanqiao_web::AuthConfig::default(),
        Arc::new(wanqiao_web::SystemClock),
        issuing,
    )
    .await
    .unwrap();
    (TestApp::wrap(engine, server, db), key_file)
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
    assert!(reply.status < 500, "{app}: {}", reply.body);
    (reply.status, reply.json())
}

fn codes(report: &Value) -> Vec<String> {
    report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["code"].as_str().unwrap().to_string())
        .collect()
}

async fn expect_error(app: &TestApp, vc: &Value, code: &str) {
    let (status, report) = verify(app, vc).await;
    assert_eq!(status, 400, "{app} {code}: {report}");
    assert_eq!(report["verified"], false, "{app}");
    assert!(
        codes(&report).iter().any(|c| c == code),
        "{app}: want {code} in {report}"
    );
}

async fn applications_in(app: &TestApp, state: State, host: &str) -> Vec<String> {
    let filter = ApplicationFilter {
        state: Some(state),
        societies: Some(vec![host.to_string()]),
        ..ApplicationFilter::default()
    };
    app.server
        .store
        .applications(&filter, wanqiao_store::Page::ALL)
        .await
        .unwrap()
        .items
        .into_iter()
        .filter(|a| a.host_society == host)
        .map(|a| a.id)
        .collect()
}

/// Saves the certificate, the issuer's DID document and its status lists, and runs
/// `wanqiao verify` on them.
async fn cli_verify(app: &TestApp, vc: &Value, with_lists: bool) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("wanqiao-cli-{}", wanqiao_store::secret::new_id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("vc.json");
    std::fs::write(&file, vc.to_string()).unwrap();
    let did = app.json("/societies/hk-building-em/did.json").await;
    let did_file = dir.join("did.json");
    std::fs::write(&did_file, did.to_string()).unwrap();
    let mut args = vec![
        "verify".to_string(),
        file.display().to_string(),
        "--did-doc".into(),
        did_file.display().to_string(),
    ];
    if with_lists {
        for (i, entry) in vc["credentialStatus"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
        {
            let url = entry["statusListCredential"].as_str().unwrap();
            let path = url
                .strip_prefix(wanqiao_web::issuing::DEFAULT_PUBLIC_URL)
                .unwrap();
            let list = app.json(path).await;
            let f = dir.join(format!("list{i}.json"));
            std::fs::write(&f, list.to_string()).unwrap();
            args.push("--status-list".into());
            args.push(f.display().to_string());
        }
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (code, out, err) = wanqiao(&args);
    let _ = std::fs::remove_dir_all(&dir);
    (code, format!("{out}{err}"))
}

async fn page_of(app: &TestApp, id: &str) -> String {
    app.page(&format!("/verify/{id}"), &[("accept-language", "en")])
        .await
}

#[tokio::test]
async fn approval_issues_a_certificate_that_verifies_everywhere_until_revoked() {
    for engine in engines() {
        let (app, key_file) = start(engine).await;
        // The demo's approved application already carries its certificate.
        let approved = applications_in(&app, State::Approved, "hk-building-em").await;
        let demo_id = app
            .server
            .store
            .credential_of_application(&approved[0])
            .await
            .unwrap()
            .expect("the approved demo application has a certificate");
        let demo_vc = app.json(&format!("/api/v1/credentials/{demo_id}")).await;
        assert_eq!(verify(&app, &demo_vc).await.0, 200, "{app}");

        // Approving an application under review issues its certificate in the same step.
        let reviewer = app.login("hk.reviewer@wanqiao.example").await;
        let pending = applications_in(&app, State::UnderReview, "hk-building-em").await;
        let reply = app
            .send(
                "POST",
                &format!("/api/v1/applications/{}/transitions", pending[0]),
                As::Browser(&reviewer),
                Some(json!({ "action": "approve" })),
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        let id = reply.json()["credential_id"].as_str().unwrap().to_string();
        let vc = app.json(&format!("/api/v1/credentials/{id}")).await;
        assert_eq!(vc["type"][1], "OpenBadgeCredential", "{app}");
        assert_eq!(vc["proof"]["cryptosuite"], "eddsa-rdfc-2022", "{app}");
        assert_eq!(
            vc["issuer"]["id"], "did:web:127.0.0.1%3A8080:societies:hk-building-em",
            "{app}"
        );
        assert!(!vc.to_string().contains("id_masked"), "{app}");
        let (status, report) = verify(&app, &vc).await;
        assert_eq!(status, 200, "{app}: {report}");
        assert_eq!(report["verified"], true);
        assert!(
            page_of(&app, &id).await.contains("data-verified=\"true\""),
            "{app}"
        );
        let (code, out) = cli_verify(&app, &vc, true).await;
        assert_eq!(code, 0, "{app}: {out}");
        let (code, out) = cli_verify(&app, &vc, false).await;
        assert_eq!(code, 1, "{app}: {out}");
        assert!(out.contains("status unknown"), "{app}: {out}");

        // Status lists are big enough, signed, and served at their stable URLs.
        let list = app.json("/status-lists/hk-building-em/revocation").await;
        assert_eq!(list["type"][1], "BitstringStatusListCredential", "{app}");
        assert!(list["proof"].is_object(), "{app}");

        // Only the issuing society's reviewers and admins change the status.
        let status = |purpose: &str, value: bool| json!({ "purpose": purpose, "value": value, "reason": "test" });
        let path = format!("/api/v1/credentials/{id}/status");
        let other = app.login("gdes.reviewer@wanqiao.example").await;
        let refused = app
            .send(
                "POST",
                &path,
                As::Browser(&other),
                Some(status("revocation", true)),
            )
            .await;
        assert_eq!(refused.status, 403, "{app}");
        let anonymous = app
            .send("POST", &path, As::Nobody, Some(status("revocation", true)))
            .await;
        assert_eq!(anonymous.status, 401, "{app}");

        // Suspended, then not.
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&reviewer),
                Some(status("suspension", true)),
            )
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        expect_error(&app, &vc, "suspended").await;
        assert!(page_of(&app, &id).await.contains("suspended"), "{app}");
        let (code, out) = cli_verify(&app, &vc, true).await;
        assert!(code == 1 && out.contains("suspended"), "{app}: {out}");
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&reviewer),
                Some(status("suspension", false)),
            )
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        assert_eq!(verify(&app, &vc).await.0, 200, "{app}");

        // Revoked: everywhere.
        let r = app
            .send(
                "POST",
                &path,
                As::Browser(&reviewer),
                Some(status("revocation", true)),
            )
            .await;
        assert_eq!(r.status, 200, "{app}: {}", r.body);
        assert_eq!(app.audit_count("credential.revoke").await, 1, "{app}");
        expect_error(&app, &vc, "revoked").await;
        let page = page_of(&app, &id).await;
        assert!(
            page.contains("data-verified=\"false\"") && page.contains("revoked"),
            "{app}"
        );
        let (code, out) = cli_verify(&app, &vc, true).await;
        assert!(code == 1 && out.contains("revoked"), "{app}: {out}");
        // The demo certificate, in the same lists, is untouched.
        assert_eq!(verify(&app, &demo_vc).await.0, 200, "{app}");

        // After a key rotation, the old certificate still verifies and new ones use the new key.
        let (code, out, err) = wanqiao(&[
            "keys",
            "rotate",
            "--society",
            "hk-building-em",
            "--database-url",
            &app.db.url,
            "--master-key-file",
            &key_file.display().to_string(),
        ]);
        assert_eq!(code, 0, "{app}: {out}{err}");
        let did = app.json("/societies/hk-building-em/did.json").await;
        assert_eq!(
            did["verificationMethod"].as_array().unwrap().len(),
            2,
            "{app}"
        );
        assert_eq!(verify(&app, &demo_vc).await.0, 200, "{app}");
        let (code, out) = cli_verify(&app, &demo_vc, true).await;
        assert_eq!(code, 0, "{app}: {out}");
        let list = app.json("/status-lists/hk-building-em/suspension").await;
        assert_ne!(
            list["proof"]["verificationMethod"], demo_vc["proof"]["verificationMethod"],
            "{app}: the lists are signed with the new key"
        );
        let _ = std::fs::remove_file(&key_file);
        app.stop().await;
    }
}

/// The demo certificate re-signed by a did:key after `change`, without its proof.
fn resigned(vc: &Value, change: impl Fn(&mut Value)) -> Value {
    let key = SigningKey::from_bytes(&[7; 32]);
    let mut unsigned = vc.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    unsigned["issuer"]["id"] = json!(did_key(&key.verifying_key()));
    change(&mut unsigned);
    let options = ProofOptions::assertion(
        Cryptosuite::EddsaRdfc2022,
        &did_key_method(&key.verifying_key()),
        jiff::Timestamp::now() - jiff::SignedDuration::from_hours(24 * 800),
    );
    wanqiao_credentials::issue(&unsigned, &options, &key).unwrap()
}

#[tokio::test]
async fn bad_certificates_are_not_verified_with_their_specific_error() {
    for engine in engines() {
        let app = TestApp::start(engine, true).await;
        let approved = applications_in(&app, State::Approved, "hk-building-em").await;
        let id = app
            .server
            .store
            .credential_of_application(&approved[0])
            .await
            .unwrap()
            .unwrap();
        let vc = app.json(&format!("/api/v1/credentials/{id}")).await;
        let tamper = |f: &dyn Fn(&mut Value)| {
            let mut v = vc.clone();
            f(&mut v);
            v
        };

        let malformed = app
            .http
            .post(app.url("/api/v1/credentials/verify"))
            .header("content-type", "application/json")
            .body("{nope")
            .send()
            .await
            .unwrap();
        assert_eq!(malformed.status().as_u16(), 400, "{app}");
        let body: Value = malformed.json().await.unwrap();
        assert_eq!(codes(&body), ["malformed"], "{app}");

        expect_error(
            &app,
            &tamper(&|v| v["@context"][0] = json!("https://example.com/ctx")),
            "unknown_context",
        )
        .await;
        expect_error(
            &app,
            &tamper(&|v| {
                v.as_object_mut().unwrap().remove("@context");
            }),
            "unknown_context",
        )
        .await;
        expect_error(
            &app,
            &tamper(&|v| v["proof"]["cryptosuite"] = json!("eddsa-2099")),
            "unknown_cryptosuite",
        )
        .await;
        expect_error(
            &app,
            &tamper(&|v| v["credentialSubject"]["name"] = json!("Someone Else")),
            "invalid_signature",
        )
        .await;
        expect_error(
            &app,
            &tamper(&|v| v["proof"]["created"] = json!("2020-01-01T00:00:00Z")),
            "invalid_signature",
        )
        .await;
        expect_error(
            &app,
            &tamper(&|v| v["issuer"]["url"] = json!("https://forged.example")),
            "invalid_signature",
        )
        .await;
        // The wrong key: signed by another key claiming the society's verification method.
        let wrong = {
            let key = SigningKey::from_bytes(&[9; 32]);
            let mut unsigned = vc.clone();
            unsigned.as_object_mut().unwrap().remove("proof");
            let method = vc["proof"]["verificationMethod"].as_str().unwrap();
            let options =
                ProofOptions::assertion(Cryptosuite::EddsaRdfc2022, method, jiff::Timestamp::now());
            wanqiao_credentials::issue(&unsigned, &options, &key).unwrap()
        };
        expect_error(&app, &wrong, "invalid_signature").await;
        // An unknown DID of this platform.
        let unknown = tamper(&|v| {
            let method = v["proof"]["verificationMethod"]
                .as_str()
                .unwrap()
                .replace("hk-building-em", "nobody");
            v["proof"]["verificationMethod"] = json!(method);
            v["issuer"]["id"] = json!("did:web:127.0.0.1%3A8080:societies:nobody");
        });
        expect_error(&app, &unknown, "unknown_key").await;

        let no_status = |v: &mut Value| {
            v.as_object_mut().unwrap().remove("credentialStatus");
        };
        let fine = resigned(&vc, no_status);
        assert_eq!(
            verify(&app, &fine).await.0,
            200,
            "{app}: a did:key certificate verifies"
        );
        let later = resigned(&vc, |v| {
            no_status(v);
            v["validFrom"] = json!("2099-01-01T00:00:00Z");
        });
        expect_error(&app, &later, "not_yet_valid").await;
        let expired = resigned(&vc, |v| {
            no_status(v);
            v["validFrom"] = json!("2020-01-01T00:00:00Z");
            v["validUntil"] = json!("2021-01-01T00:00:00Z");
        });
        expect_error(&app, &expired, "expired").await;
        // A status entry in a list of another issuer (the society's, not this did:key's).
        let foreign = resigned(&vc, |_| {});
        expect_error(&app, &foreign, "status_list").await;
        // A status list that cannot be had: not verified.
        let unreachable = resigned(&vc, |v| {
            v["credentialStatus"][0]["statusListCredential"] =
                json!("https://elsewhere.example/list");
            v["credentialStatus"][0]["id"] = json!("https://elsewhere.example/list#1");
        });
        expect_error(&app, &unreachable, "status_unavailable").await;

        let big = tamper(&|v| v["credentialSubject"]["name"] = json!("x".repeat(1_100_000)));
        expect_error(&app, &big, "too_large").await;
        let mut deep = json!("bottom");
        for _ in 0..100 {
            deep = json!([deep]);
        }
        expect_error(
            &app,
            &tamper(&|v| v["credentialSubject"]["deep"] = deep.clone()),
            "too_deep",
        )
        .await;

        // The page says why, too.
        let page = app
            .http
            .post(app.url("/verify"))
            .header("accept-language", "en")
            .form(&[("credential", "{nope")])
            .send()
            .await
            .unwrap();
        assert_eq!(page.status().as_u16(), 200, "{app}");
        let html = page.text().await.unwrap();
        assert!(
            html.contains("data-verified=\"false\"") && html.contains("malformed"),
            "{app}"
        );
        app.stop().await;
    }
}
