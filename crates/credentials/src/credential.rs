//! Credential-level rules around the proofs: the shape of a VC (1.1 or 2.0), its validity
//! period, issuing (which refuses undefined terms), and the full verification result.

use crate::did::DidResolver;
use crate::error::{Error, Result};
use crate::jsonld::bundled::{self, CREDENTIALS_V1, CREDENTIALS_V2};
use crate::proof::{
    ASSERTION_METHOD, ProofExpectations, ProofOptions, ProofOutcome, verify_proofs,
};
use crate::{input, jsonld, proof, time};
use ed25519_dalek::SigningKey;
use jiff::Timestamp;
use serde_json::Value;

/// Checks what every credential must have: a VC context first (and only bundled contexts),
/// the `VerifiableCredential` type, an issuer and a subject.
pub fn check_shape(credential: &Value) -> Result<()> {
    let map = credential
        .as_object()
        .ok_or_else(|| Error::Malformed("a credential must be a JSON object".into()))?;
    let contexts = match map.get("@context") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(one @ Value::String(_)) => std::slice::from_ref(one),
        _ => return Err(Error::UnknownContext("missing @context".into())),
    };
    match contexts.first().and_then(Value::as_str) {
        Some(CREDENTIALS_V2 | CREDENTIALS_V1) => {}
        other => {
            return Err(Error::UnknownContext(format!(
                "the first context must be the VC context, found {}",
                other.unwrap_or("(none)")
            )));
        }
    }
    for url in contexts.iter().filter_map(Value::as_str) {
        bundled::context(url)?;
    }
    let types = match map.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if !types.contains(&"VerifiableCredential") {
        return Err(Error::Malformed(
            "type must include VerifiableCredential".into(),
        ));
    }
    let issuer = match map.get("issuer") {
        Some(Value::String(s)) => Some(s.as_str()),
        Some(other) => other.get("id").and_then(Value::as_str),
        None => None,
    };
    if issuer.is_none_or(str::is_empty) {
        return Err(Error::Malformed("a credential needs an issuer".into()));
    }
    match map.get("credentialSubject") {
        Some(Value::Object(s)) if !s.is_empty() => Ok(()),
        Some(Value::Array(s)) if !s.is_empty() => Ok(()),
        _ => Err(Error::Malformed(
            "a credential needs a credentialSubject".into(),
        )),
    }
}

/// The issuer's id (`issuer` as a string or as `{ "id": … }`).
pub fn issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer")? {
        Value::String(s) => Some(s),
        other => other.get("id")?.as_str(),
    }
}

/// Checks the validity period: `validFrom`/`validUntil` (2.0) or
/// `issuanceDate`/`expirationDate` (1.1).
pub fn check_validity(credential: &Value, now: Timestamp) -> Result<()> {
    for field in ["validFrom", "issuanceDate"] {
        if let Some(text) = credential.get(field).and_then(Value::as_str)
            && time::parse(field, text)? > now
        {
            return Err(Error::NotYetValid(text.to_string()));
        }
    }
    for field in ["validUntil", "expirationDate"] {
        if let Some(text) = credential.get(field).and_then(Value::as_str)
            && time::parse(field, text)? < now
        {
            return Err(Error::Expired(text.to_string()));
        }
    }
    Ok(())
}

/// Signs a credential after checking its shape and that every term and type is defined by
/// a bundled context (whichever cryptosuite is used), so nothing is issued that a JSON-LD
/// verifier would read differently.
pub fn issue(credential: &Value, options: &ProofOptions, key: &SigningKey) -> Result<Value> {
    check_shape(credential)?;
    input::check_depth(credential)?;
    let mut unsecured = credential.clone();
    if let Some(map) = unsecured.as_object_mut() {
        map.remove("proof");
    }
    jsonld::to_rdf(&unsecured)?;
    proof::sign(credential, options, key)
}

/// Everything a verifier needs besides the credential.
pub struct VerifyOptions<'a> {
    pub now: Timestamp,
    pub resolver: &'a dyn DidResolver,
}

/// The result of verifying a credential: each proof's outcome and the credential's own errors.
#[derive(Debug, Clone)]
pub struct Verification {
    pub proofs: Vec<ProofOutcome>,
    /// Errors about the credential itself (shape, validity period, parsing).
    pub errors: Vec<Error>,
}

impl Verification {
    /// Verified when there is at least one proof, every proof verifies, and nothing else failed.
    pub fn verified(&self) -> bool {
        self.errors.is_empty()
            && !self.proofs.is_empty()
            && self.proofs.iter().all(|p| p.result.is_ok())
    }

    /// Every error, credential-level first, for reporting.
    pub fn all_errors(&self) -> impl Iterator<Item = &Error> {
        self.errors
            .iter()
            .chain(self.proofs.iter().filter_map(|p| p.result.as_ref().err()))
    }

    fn failed(error: Error) -> Verification {
        Verification {
            proofs: Vec::new(),
            errors: vec![error],
        }
    }
}

/// Verifies a credential received as bytes (size and nesting limits applied first).
pub fn verify_bytes(bytes: &[u8], options: &VerifyOptions) -> Verification {
    match input::parse(bytes) {
        Ok(credential) => verify(&credential, options),
        Err(e) => Verification::failed(e),
    }
}

/// Verifies a credential: its shape, its validity period and all of its proofs. Status is
/// checked separately, as it needs the status list credential.
pub fn verify(credential: &Value, options: &VerifyOptions) -> Verification {
    if let Err(e) = input::check_depth(credential).and_then(|()| check_shape(credential)) {
        return Verification::failed(e);
    }
    let errors = check_validity(credential, options.now)
        .err()
        .into_iter()
        .collect();
    let expect = ProofExpectations {
        purpose: ASSERTION_METHOD,
        now: options.now,
        resolver: options.resolver,
        challenge: None,
        domain: None,
    };
    Verification {
        proofs: verify_proofs(credential, &expect),
        errors,
    }
}
