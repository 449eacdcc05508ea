//! The W3C VC-API endpoints at the root: issuing by a society admin's API token with either
//! cryptosuite and a status entry, verifying credentials (also sent as a JSON string) and
//! presentations (challenge and domain), and changing a credential's status.

use crate::helpers::{As, TestApp, apps};
use ed25519_dalek::SigningKey;
use serde_json::{Value, json};
use wanqiao_credentials::did::did_key_method;
use wanqiao_credentials::proof::{AUTHENTICATION, Cryptosuite, ProofOptions, sign};

const V2: &str = "https://www.w3.org/ns/credentials/v2";
const HK_DID: &str = "did:web:127.0.0.1%3A8080:societies:hk-building-em";

/// An API token of the demo account `email`, made through the API.
async fn token(app: &TestApp, email: &str) -> String {
    let session = app.login(email).await;
    let reply = app
        .send(
            "POST",
            "/api/v1/auth/tokens",
            As::Browser(&session),
            Some(json!({ "name": "vc-api" })),
        )
        .await;
    assert_eq!(reply.status, 201, "{app}: {}", reply.body);
    reply.json()["token"].as_str().unwrap().to_string()
}

fn credential(issuer: Value) -> Value {
    json!({
        "@context": [V2],
        "id": "urn:uuid:5e1c3f3a-57a6-4c2b-9a53-6b3ad2d1d0a1",
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2025-01-01T00:00:00Z",
        "credentialSubject": { "id": "did:example:holder" }
    })
}

async fn issue(app: &TestApp, token: &str, body: Value) -> (u16, Value) {
    let reply = app
        .send("POST", "/credentials/issue", As::Token(token), Some(body))
        .await;
    assert!(reply.status < 500, "{app}: {}", reply.body);
    (reply.status, reply.json())
}

async fn verify(app: &TestApp, vc: Value) -> (u16, Value) {
    let reply = app
        .send(
            "POST",
            "/credentials/verify",
            As::Nobody,
            Some(json!({ "verifiableCredential": vc, "options": {} })),
        )
        .await;
    assert!(reply.status < 500, "{app}: {}", reply.body);
    (reply.status, reply.json())
}

fn codes(report: &Value) -> String {
    report["errors"]
        .as_array()
        .map(|e| {
            e.iter()
                .map(|f| f["code"].as_str().unwrap_or_default().to_string())
                .collect::<Vec<_>>()
                .join(",")
        })
        .unwrap_or_default()
}

#[tokio::test]
async fn society_admins_issue_with_either_suite_and_anyone_verifies() {
    for app in apps(true).await {
        let admin = token(&app, "hk.admin@wanqiao.example").await;
        for (suite, issuer) in [
            ("eddsa-rdfc-2022", json!(HK_DID)),
            ("eddsa-jcs-2022", json!({ "id": HK_DID })),
        ] {
            let (status, body) = issue(
                &app,
                &admin,
                json!({ "credential": credential(issuer), "options": { "cryptosuite": suite } }),
            )
            .await;
            assert_eq!(status, 201, "{app} {suite}: {body}");
            let vc = body["verifiableCredential"].clone();
            assert_eq!(vc["proof"]["cryptosuite"], suite, "{app}");
            assert!(
                vc["proof"]["verificationMethod"]
                    .as_str()
                    .unwrap()
                    .starts_with(HK_DID),
                "{app}"
            );
            let (status, report) = verify(&app, vc.clone()).await;
            assert_eq!(status, 200, "{app} {suite}: {report}");
            assert_eq!(report["verified"], true, "{app}");

            // Sent as a JSON string, it verifies the same.
            let (status, report) = verify(&app, json!(vc.to_string())).await;
            assert_eq!(status, 200, "{app} {suite} as a string: {report}");

            // Tampered, it does not.
            let mut tampered = vc.clone();
            tampered["credentialSubject"]["id"] = json!("did:example:someone-else");
            let (status, report) = verify(&app, tampered).await;
            assert_eq!(status, 400, "{app} {suite}: {report}");
            assert_eq!(report["verified"], false, "{app}");
            assert!(
                codes(&report).contains("invalid_signature"),
                "{app}: {report}"
            );
        }

        // A VC 1.1 credential, and a proof set: the signed credential signed again.
        let v1 = json!({
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential"],
            "issuer": HK_DID,
            "issuanceDate": "2025-01-01T00:00:00Z",
            "credentialSubject": { "id": "did:example:holder" }
        });
        let (status, body) = issue(&app, &admin, json!({ "credential": v1 })).await;
        assert_eq!(status, 201, "{app}: {body}");
        let once = body["verifiableCredential"].clone();
        let (status, report) = verify(&app, once.clone()).await;
        assert_eq!(status, 200, "{app} VC 1.1: {report}");
        let (status, body) = issue(
            &app,
            &admin,
            json!({ "credential": once, "options": { "cryptosuite": "eddsa-jcs-2022" } }),
        )
        .await;
        assert_eq!(status, 201, "{app}: {body}");
        let twice = body["verifiableCredential"].clone();
        assert_eq!(twice["proof"].as_array().map(Vec::len), Some(2), "{app}");
        let (status, report) = verify(&app, twice.clone()).await;
        assert_eq!(status, 200, "{app} proof set: {report}");
        let mut broken = twice;
        broken["proof"][0]["proofValue"] = json!(
            "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKods5D2UAUL5n2Brbx"
        );
        assert_eq!(verify(&app, broken).await.0, 400, "{app}");

        // Without an issuer, the one society the admin runs issues.
        let mut anonymous = credential(json!(HK_DID));
        anonymous.as_object_mut().unwrap().remove("issuer");
        let (status, body) = issue(&app, &admin, json!({ "credential": anonymous })).await;
        assert_eq!(status, 201, "{app}: {body}");
        assert_eq!(body["verifiableCredential"]["issuer"], HK_DID, "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_credentials_are_refused_and_only_the_society_admin_issues() {
    for app in apps(true).await {
        let admin = token(&app, "hk.admin@wanqiao.example").await;

        let mut undefined = credential(json!(HK_DID));
        undefined["@context"] = json!([V2, "https://www.w3.org/ns/credentials/examples/v2"]);
        undefined["type"] = json!(["VerifiableCredential", "RecognitionCertificate"]);
        let mut undefined_term = credential(json!(HK_DID));
        undefined_term["@context"] = json!(["https://www.w3.org/2018/credentials/v1"]);
        undefined_term["credentialSubject"]["hkid"] = json!("A123456(7)");
        let mut no_subject = credential(json!(HK_DID));
        no_subject
            .as_object_mut()
            .unwrap()
            .remove("credentialSubject");
        for (what, vc) in [
            ("an undefined term", undefined_term),
            ("no credentialSubject", no_subject),
        ] {
            let (status, body) = issue(&app, &admin, json!({ "credential": vc })).await;
            assert!(
                status == 400 || status == 422,
                "{app} {what}: {status} {body}"
            );
        }
        let (status, body) = issue(
            &app,
            &admin,
            json!({ "credential": credential(json!(HK_DID)), "options": { "cryptosuite": "ecdsa-rdfc-2019" } }),
        )
        .await;
        assert_eq!(status, 422, "{app}: {body}");

        // Another society's issuer, another role, or no token at all.
        let other = credential(json!("did:web:127.0.0.1%3A8080:societies:gdes"));
        assert_eq!(
            issue(&app, &admin, json!({ "credential": other })).await.0,
            403,
            "{app}"
        );
        for email in [
            "gdes.reviewer@wanqiao.example",
            "engineer.gd@wanqiao.example",
        ] {
            let t = token(&app, email).await;
            let body = json!({ "credential": credential(json!(HK_DID)) });
            assert_eq!(issue(&app, &t, body).await.0, 403, "{app} {email}");
        }
        let reply = app
            .send(
                "POST",
                "/credentials/issue",
                As::Nobody,
                Some(json!({ "credential": credential(json!(HK_DID)) })),
            )
            .await;
        assert_eq!(reply.status, 401, "{app}: {}", reply.body);
        assert_eq!(
            reply.header("content-type"),
            "application/problem+json",
            "{app}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn status_entries_are_added_and_revocation_by_token_shows_everywhere() {
    for app in apps(true).await {
        let admin = token(&app, "hk.admin@wanqiao.example").await;
        let mut without_id = credential(json!(HK_DID));
        without_id.as_object_mut().unwrap().remove("id");
        let (status, body) = issue(
            &app,
            &admin,
            json!({
                "credential": without_id,
                "options": { "credentialStatus": { "type": "BitstringStatusListEntry" } }
            }),
        )
        .await;
        assert_eq!(status, 201, "{app}: {body}");
        let vc = body["verifiableCredential"].clone();
        assert!(
            vc["id"].as_str().unwrap().starts_with("urn:uuid:"),
            "{app}: a credential with a status entry gets an id to name it by"
        );
        let entry = &vc["credentialStatus"];
        assert_eq!(entry["type"], "BitstringStatusListEntry", "{app}");
        assert_eq!(entry["statusPurpose"], "revocation", "{app}");
        assert!(entry["statusListIndex"].is_string(), "{app}: {entry}");
        assert_eq!(verify(&app, vc.clone()).await.0, 200, "{app}");

        // A reviewer of another society may not change it; the issuer's admin may.
        let change = json!({
            "credentialId": vc["id"],
            "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "revoked" }]
        });
        let outsider = token(&app, "gdes.reviewer@wanqiao.example").await;
        let reply = app
            .send(
                "POST",
                "/credentials/status",
                As::Token(&outsider),
                Some(change.clone()),
            )
            .await;
        assert_eq!(reply.status, 403, "{app}: {}", reply.body);
        let reply = app
            .send(
                "POST",
                "/credentials/status",
                As::Token(&admin),
                Some(change),
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        assert_eq!(reply.json()["revoked"], true, "{app}");

        let (status, report) = verify(&app, vc.clone()).await;
        assert_eq!(status, 400, "{app}: {report}");
        assert!(codes(&report).contains("revoked"), "{app}: {report}");
        // The served list shows the bit too.
        let index: usize = entry["statusListIndex"].as_str().unwrap().parse().unwrap();
        let list = app.json("/status-lists/hk-building-em/revocation").await;
        let bits = wanqiao_credentials::status_list::StatusList::decode(
            list["credentialSubject"]["encodedList"].as_str().unwrap(),
        )
        .unwrap();
        assert!(bits.get(index).unwrap(), "{app}");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_demo_certificate_is_revoked_through_the_vc_api_status_endpoint() {
    for app in apps(true).await {
        let admin = token(&app, "hk.admin@wanqiao.example").await;
        let id = demo_certificate(&app).await;
        let vc = app.json(&format!("/api/v1/credentials/{id}")).await;
        assert_eq!(verify(&app, vc.clone()).await.0, 200, "{app}");
        let reply = app
            .send(
                "POST",
                "/credentials/status",
                As::Token(&admin),
                Some(json!({
                    "credentialId": vc["id"],
                    "credentialStatus": [{ "type": "BitstringStatusListEntry", "status": "suspended" }]
                })),
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        assert_eq!(reply.json()["suspended"], true, "{app}");
        let (status, report) = verify(&app, vc).await;
        assert_eq!(status, 400, "{app}: {report}");
        assert!(codes(&report).contains("suspended"), "{app}: {report}");
        app.stop().await;
    }
}

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
        .unwrap()
        .items;
    for a in approved {
        if let Some(id) = app
            .server
            .store
            .credential_of_application(&a.id)
            .await
            .unwrap()
        {
            return id;
        }
    }
    panic!("{app}: the demo has an approved application with a certificate");
}

/// A presentation of `vc` by a did:key holder, for `challenge` and `domain`.
fn present(vc: &Value, challenge: &str, domain: &str) -> Value {
    let holder = SigningKey::from_bytes(&[7; 32]);
    let method = did_key_method(&holder.verifying_key());
    let vp = json!({
        "@context": [V2],
        "type": ["VerifiablePresentation"],
        "holder": method.split('#').next().unwrap(),
        "verifiableCredential": [vc],
    });
    let mut options =
        ProofOptions::assertion(Cryptosuite::EddsaRdfc2022, &method, jiff::Timestamp::now());
    options.proof_purpose = AUTHENTICATION.into();
    options.challenge = Some(challenge.into());
    options.domain = Some(domain.into());
    sign(&vp, &options, &holder).unwrap()
}

#[tokio::test]
async fn presentations_verify_with_their_challenge_and_domain_only() {
    for app in apps(true).await {
        let id = demo_certificate(&app).await;
        let vc = app.json(&format!("/api/v1/credentials/{id}")).await;
        let vp = present(&vc, "c-123", "verifier.example");
        let check = |challenge: &str, domain: &str, vp: &Value| {
            json!({
                "verifiablePresentation": vp,
                "options": { "challenge": challenge, "domain": domain }
            })
        };
        let reply = app
            .send(
                "POST",
                "/presentations/verify",
                As::Nobody,
                Some(check("c-123", "verifier.example", &vp)),
            )
            .await;
        assert_eq!(reply.status, 200, "{app}: {}", reply.body);
        assert_eq!(reply.json()["verified"], true, "{app}");
        for (challenge, domain) in [("c-999", "verifier.example"), ("c-123", "evil.example")] {
            let reply = app
                .send(
                    "POST",
                    "/presentations/verify",
                    As::Nobody,
                    Some(check(challenge, domain, &vp)),
                )
                .await;
            assert_eq!(
                reply.status, 400,
                "{app} {challenge} {domain}: {}",
                reply.body
            );
        }
        // A tampered credential inside a well-signed presentation fails too.
        let mut forged = vc.clone();
        forged["credentialSubject"]["name"] = json!("Someone Else");
        let vp = present(&forged, "c-123", "verifier.example");
        let reply = app
            .send(
                "POST",
                "/presentations/verify",
                As::Nobody,
                Some(check("c-123", "verifier.example", &vp)),
            )
            .await;
        assert_eq!(reply.status, 400, "{app}: {}", reply.body);
        assert!(
            reply.body.contains("invalid_signature"),
            "{app}: {}",
            reply.body
        );
        app.stop().await;
    }
}
