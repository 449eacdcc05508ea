//! Round trips and bad input on a realistic recognition certificate (VC 2.0 + Open Badges 3.0).

mod support;

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};
use support::{certificate, json as vector, now};
use wanqiao_credentials::did::{
    NoResolver, StaticResolver, did_key_method, did_web, did_web_document, did_web_method,
};
use wanqiao_credentials::proof::{Cryptosuite, ProofOptions};
use wanqiao_credentials::status_list::{
    MIN_BITS, StatusEntry, StatusList, StatusListCredential, StatusPurpose,
};
use wanqiao_credentials::{Verification, VerifyOptions, issue, verify, verify_bytes};

fn key(n: u8) -> SigningKey {
    SigningKey::from_bytes(&[n; 32])
}

fn did() -> String {
    did_web("https://wanqiao.example", "gdes").unwrap()
}

fn resolver(keys: &[u8]) -> StaticResolver {
    let keys: Vec<_> = keys.iter().map(|n| key(*n).verifying_key()).collect();
    StaticResolver::default()
        .with(did_web_document(&did(), &keys))
        .unwrap()
}

fn signed(suite: Cryptosuite, n: u8) -> Value {
    let options = ProofOptions::assertion(
        suite,
        &did_web_method(&did(), &key(n).verifying_key()),
        "2026-03-01T00:00:00Z".parse().unwrap(),
    );
    issue(&certificate(), &options, &key(n)).unwrap()
}

fn codes(v: &Verification) -> Vec<&'static str> {
    v.all_errors().map(|e| e.code()).collect()
}

fn check(doc: &Value, resolver: &StaticResolver) -> Verification {
    verify(
        doc,
        &VerifyOptions {
            now: now(),
            resolver,
        },
    )
}

#[test]
fn both_suites_issue_and_verify_and_old_keys_verify_after_rotation() {
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let old = signed(suite, 1);
        let v = check(&old, &resolver(&[1]));
        assert!(v.verified(), "{suite:?}: {:?}", codes(&v));
        // Rotation: key 2 is new, key 1 stays in the DID document.
        let rotated = resolver(&[1, 2]);
        assert!(check(&old, &rotated).verified());
        assert!(check(&signed(suite, 2), &rotated).verified());
        // Dropping the old key from the DID document makes old certificates unverifiable.
        assert_eq!(codes(&check(&old, &resolver(&[2]))), ["unknown_key"]);
    }
}

#[test]
fn tampering_anywhere_breaks_the_signature() {
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        let doc = signed(suite, 1);
        let r = resolver(&[1]);
        let mut subject = doc.clone();
        subject["credentialSubject"]["achievement"]["fieldOfStudy"] = json!("civil");
        let mut issuer = doc.clone();
        issuer["issuer"]["name"][2]["@value"] = json!("Another Society");
        let mut proof = doc.clone();
        proof["proof"]["created"] = json!("2026-03-02T00:00:00Z");
        let mut language = doc.clone();
        language["name"][2]["@language"] = json!("fr");
        for tampered in [subject, issuer, proof, language] {
            assert_eq!(
                codes(&check(&tampered, &r)),
                ["invalid_signature"],
                "{suite:?}"
            );
        }
    }
}

#[test]
fn bad_input_is_refused_with_a_specific_error() {
    let doc = signed(Cryptosuite::EddsaRdfc2022, 1);
    let r = resolver(&[1]);
    let with = |f: &dyn Fn(&mut Value)| {
        let mut d = doc.clone();
        f(&mut d);
        codes(&check(&d, &r))
    };
    assert_eq!(
        with(&|d| d["proof"]["cryptosuite"] = json!("ecdsa-rdfc-2019")),
        ["unknown_cryptosuite"]
    );
    assert_eq!(
        with(&|d| d["proof"]["type"] = json!("Ed25519Signature2020")),
        ["unknown_cryptosuite"]
    );
    assert_eq!(
        with(&|d| d["proof"]["proofPurpose"] = json!("authentication")),
        ["wrong_proof_purpose"]
    );
    assert_eq!(
        with(&|d| d["@context"][1] = json!("https://example.org/unknown/v1")),
        ["unknown_context"]
    );
    assert_eq!(
        with(&|d| {
            d.as_object_mut().unwrap().remove("@context");
        }),
        ["unknown_context"]
    );
    assert_eq!(
        with(&|d| {
            d.as_object_mut().unwrap().remove("proof");
        }),
        ["no_proof"]
    );
    assert_eq!(
        with(&|d| d["proof"]["proofValue"] = json!("zzz")),
        ["bad_encoding"]
    );
    assert_eq!(
        with(&|d| d["proof"]["verificationMethod"] = json!("did:web:elsewhere.example#k")),
        ["unknown_key"]
    );
    assert_eq!(
        with(&|d| d["validFrom"] = json!("2027-01-01T00:00:00Z")),
        ["not_yet_valid", "invalid_signature"]
    );
    assert_eq!(
        with(&|d| d["credentialSubject"]["nickname"] = json!("x")),
        ["undefined_term"]
    );
    // A valid proof by a key the DID document does not list.
    let stranger = issue(
        &certificate(),
        &ProofOptions::assertion(
            Cryptosuite::EddsaRdfc2022,
            &did_web_method(&did(), &key(9).verifying_key()),
            now(),
        ),
        &key(9),
    )
    .unwrap();
    assert_eq!(codes(&check(&stranger, &r)), ["unknown_key"]);
    // The right key under an unknown did:key (wrong key).
    let wrong = issue(
        &certificate(),
        &ProofOptions::assertion(
            Cryptosuite::EddsaRdfc2022,
            &did_key_method(&key(2).verifying_key()),
            now(),
        ),
        &key(3),
    )
    .unwrap();
    assert_eq!(
        codes(&verify(
            &wrong,
            &VerifyOptions {
                now: now(),
                resolver: &NoResolver
            }
        )),
        ["invalid_signature"]
    );
    // Malformed, deep and large input.
    let opts = VerifyOptions {
        now: now(),
        resolver: &r,
    };
    assert_eq!(
        codes(&verify_bytes(b"{\"@context\": ", &opts)),
        ["malformed"]
    );
    let deep = format!("{{\"a\":{}1{}}}", "[".repeat(200), "]".repeat(200));
    assert_eq!(codes(&verify_bytes(deep.as_bytes(), &opts)), ["too_deep"]);
    let big = format!("{{\"a\":\"{}\"}}", "x".repeat(2 * 1024 * 1024));
    assert_eq!(codes(&verify_bytes(big.as_bytes(), &opts)), ["too_large"]);
}

#[test]
fn expiry_is_reported_and_undefined_terms_are_not_issued() {
    let doc = signed(Cryptosuite::EddsaJcs2022, 1);
    let later = VerifyOptions {
        now: "2032-01-01T00:00:00Z".parse().unwrap(),
        resolver: &resolver(&[1]),
    };
    assert_eq!(codes(&verify(&doc, &later)), ["expired"]);
    let options = ProofOptions::assertion(
        Cryptosuite::EddsaJcs2022,
        &did_key_method(&key(1).verifying_key()),
        now(),
    );
    let mut undefined = certificate();
    undefined["credentialSubject"]["hkid"] = json!("A123456(7)");
    assert_eq!(
        issue(&undefined, &options, &key(1)).unwrap_err().code(),
        "undefined_term"
    );
    let mut undefined_type = certificate();
    undefined_type["type"] = json!(["VerifiableCredential", "RecognitionCertificate"]);
    assert_eq!(
        issue(&undefined_type, &options, &key(1))
            .unwrap_err()
            .code(),
        "undefined_term"
    );
    let mut no_subject = certificate();
    no_subject
        .as_object_mut()
        .unwrap()
        .remove("credentialSubject");
    assert_eq!(
        issue(&no_subject, &options, &key(1)).unwrap_err().code(),
        "malformed"
    );
}

#[test]
fn status_lists_revoke_suspend_and_fail_closed() {
    let doc = signed(Cryptosuite::EddsaRdfc2022, 1);
    let entries = StatusEntry::read_all(&doc).unwrap();
    assert_eq!(entries.len(), 2);
    let mut revocation = StatusList::new(MIN_BITS).unwrap();
    let list_vc = |list: &StatusList, purpose: StatusPurpose, url: &str| {
        let unsigned = StatusListCredential {
            id: url,
            issuer: &did(),
            purpose,
            list,
            valid_from: now(),
            valid_until: None,
        }
        .to_json();
        let options = ProofOptions::assertion(
            Cryptosuite::EddsaRdfc2022,
            &did_web_method(&did(), &key(1).verifying_key()),
            now(),
        );
        issue(&unsigned, &options, &key(1)).unwrap()
    };
    let url = &entries[0].list_credential;
    let listed = list_vc(&revocation, StatusPurpose::Revocation, url);
    assert!(check(&listed, &resolver(&[1])).verified());
    assert!(!entries[0].check(&listed, &did()).unwrap());
    revocation.set(entries[0].index, true).unwrap();
    let revoked = list_vc(&revocation, StatusPurpose::Revocation, url);
    assert!(entries[0].check(&revoked, &did()).unwrap());
    assert_eq!(
        entries[0]
            .check(&revoked, "did:web:other.example")
            .unwrap_err()
            .code(),
        "status_list"
    );
    let suspension = list_vc(&revocation, StatusPurpose::Suspension, url);
    assert_eq!(
        entries[0].check(&suspension, &did()).unwrap_err().code(),
        "status_list"
    );
}

#[test]
fn the_specification_status_list_examples_decode() {
    let dir = "bitstring-status-list/examples";
    for name in [
        "status-list-credential",
        "status-list-credential-with-examples-context",
    ] {
        let vc = vector(&format!("{dir}/{name}.json"));
        let encoded = vc["credentialSubject"]["encodedList"].as_str().unwrap();
        let list = StatusList::decode(encoded).unwrap();
        assert_eq!(list.len(), 131_072);
        assert!((0..list.len()).all(|i| !list.get(i).unwrap()));
        wanqiao_credentials::jsonld::to_rdf(&vc).unwrap();
    }
    let entries = StatusEntry::read_all(&vector(&format!(
        "{dir}/credential-with-revocation-and-suspension-entries.json"
    )))
    .unwrap();
    assert_eq!(
        (entries[0].purpose, entries[0].index),
        (StatusPurpose::Revocation, 94567)
    );
    assert_eq!(
        (entries[1].purpose, entries[1].index),
        (StatusPurpose::Suspension, 23452)
    );
    let entries =
        StatusEntry::read_all(&vector(&format!("{dir}/revocable-credential.json"))).unwrap();
    assert_eq!(
        entries[0].list_credential,
        "https://example.com/credentials/status/3"
    );
    let list = StatusList::decode(encoded_example()).unwrap();
    let vc = vector(&format!("{dir}/status-list-credential.json"));
    assert!(!entries[0].check(&vc, "did:example:12345").unwrap());
    assert!(!list.get(94567).unwrap());
}

fn encoded_example() -> &'static str {
    "uH4sIAAAAAAAAA-3BMQEAAADCoPVPbQwfoAAAAAAAAAAAAAAAAAAAAIC3AYbSVKsAQAAA"
}
