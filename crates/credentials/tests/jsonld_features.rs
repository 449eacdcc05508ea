//! JSON-LD features beyond the W3C vectors: VC 1.1 credentials, DID documents, presentations
//! (a `@context: null` scoped context and `@graph` containers), `@json` literals and lists.

mod support;

use ed25519_dalek::SigningKey;
use serde_json::{Value, json};
use support::{certificate, now};
use wanqiao_credentials::did::{NoResolver, did_key_method, did_web_document};
use wanqiao_credentials::jsonld::to_rdf;
use wanqiao_credentials::proof::{
    AUTHENTICATION, Cryptosuite, ProofExpectations, ProofOptions, sign, verify_proofs,
};
use wanqiao_credentials::rdfc::canonicalize;
use wanqiao_credentials::{VerifyOptions, issue, verify};

fn canon(doc: &Value) -> String {
    canonicalize(to_rdf(doc).unwrap()).unwrap()
}

#[test]
fn a_vc_1_1_credential_issues_and_verifies() {
    let key = SigningKey::from_bytes(&[5; 32]);
    let vc = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"],
        "id": "urn:uuid:0b1c",
        "type": ["VerifiableCredential"],
        "issuer": did_key_method(&key.verifying_key()).split('#').next().unwrap(),
        "issuanceDate": "2025-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:holder"}
    });
    let options = ProofOptions::assertion(
        Cryptosuite::EddsaRdfc2022,
        &did_key_method(&key.verifying_key()),
        now(),
    );
    let signed = issue(&vc, &options, &key).unwrap();
    assert!(
        verify(
            &signed,
            &VerifyOptions {
                now: now(),
                resolver: &NoResolver
            }
        )
        .verified()
    );
    assert!(canon(&vc).contains("<https://www.w3.org/2018/credentials#issuanceDate> \"2025-01-01T00:00:00Z\"^^<http://www.w3.org/2001/XMLSchema#dateTime>"));
}

#[test]
fn did_documents_expand() {
    let key = SigningKey::from_bytes(&[5; 32]).verifying_key();
    let doc = did_web_document("did:web:wanqiao.example:societies:gdes", &[key]);
    let nquads = canon(&doc);
    assert!(
        nquads.contains("<https://w3id.org/security#assertionMethod>"),
        "{nquads}"
    );
    assert!(
        nquads.contains("<https://w3id.org/security#Multikey>"),
        "{nquads}"
    );
}

#[test]
fn a_presentation_with_an_embedded_credential_signs_and_verifies() {
    let key = SigningKey::from_bytes(&[6; 32]);
    let method = did_key_method(&key.verifying_key());
    let credential = issue(
        &certificate(),
        &ProofOptions::assertion(Cryptosuite::EddsaRdfc2022, &method, now()),
        &key,
    )
    .unwrap();
    let vp = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": "did:example:holder",
        "verifiableCredential": [credential]
    });
    let nquads = canon(&vp);
    // The credential and its proof each sit in their own named graph.
    let graphs: std::collections::BTreeSet<&str> = nquads
        .lines()
        .filter_map(|l| l.strip_suffix(" .")?.rsplit_once(' ').map(|(_, g)| g))
        .filter(|g| g.starts_with("_:"))
        .collect();
    assert_eq!(graphs.len(), 2, "{nquads}");
    let mut options = ProofOptions::assertion(Cryptosuite::EddsaRdfc2022, &method, now());
    options.proof_purpose = AUTHENTICATION.into();
    options.challenge = Some("c-123".into());
    options.domain = Some("wanqiao.example".into());
    let signed = sign(&vp, &options, &key).unwrap();
    let expect = |challenge| ProofExpectations {
        purpose: AUTHENTICATION,
        now: now(),
        resolver: &NoResolver,
        challenge: Some(challenge),
        domain: Some("wanqiao.example"),
    };
    assert!(verify_proofs(&signed, &expect("c-123"))[0].result.is_ok());
    assert_eq!(
        verify_proofs(&signed, &expect("other"))[0]
            .result
            .as_ref()
            .unwrap_err()
            .code(),
        "malformed"
    );
}

#[test]
fn json_literals_lists_and_numbers_follow_json_ld() {
    let doc = json!({
        "@context": [
            "https://www.w3.org/ns/credentials/v2",
            {"@vocab": "https://ex.example/#", "data": {"@id": "https://ex.example/#data", "@type": "@json"},
             "steps": {"@id": "https://ex.example/#steps", "@container": "@list"}}
        ],
        "id": "urn:x",
        "data": {"b": [1, 2.5], "a": "é"},
        "steps": ["one", 2, true, 1.5],
        "label": {"@value": "Grüezi", "@language": "de-CH"}
    });
    let nquads = canon(&doc);
    assert!(nquads.contains(r#"<urn:x> <https://ex.example/#data> "{\"a\":\"é\",\"b\":[1,2.5]}"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> ."#), "{nquads}");
    assert!(
        nquads.contains(r#""1.5E0"^^<http://www.w3.org/2001/XMLSchema#double>"#),
        "{nquads}"
    );
    assert!(
        nquads.contains(r#""2"^^<http://www.w3.org/2001/XMLSchema#integer>"#),
        "{nquads}"
    );
    assert!(nquads.contains(r#""Grüezi"@de-ch"#), "{nquads}");
    assert!(nquads.contains("<http://www.w3.org/1999/02/22-rdf-syntax-ns#rest> <http://www.w3.org/1999/02/22-rdf-syntax-ns#nil>"), "{nquads}");
}

#[test]
fn protected_terms_cannot_be_redefined_and_unsupported_features_are_named() {
    let redefine = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", {"name": "https://evil.example/name"}],
        "name": "x"
    });
    assert_eq!(to_rdf(&redefine).unwrap_err().code(), "invalid_context");
    let reverse =
        json!({"@context": {"knows": {"@reverse": "https://ex.example/knows"}}, "knows": "x"});
    assert_eq!(to_rdf(&reverse).unwrap_err().code(), "unsupported_jsonld");
    let relative_type =
        json!({"@context": "https://www.w3.org/ns/credentials/v2", "type": "Unknown"});
    assert_eq!(to_rdf(&relative_type).unwrap_err().code(), "undefined_term");
}
