//! Verifying the Data Integrity proofs of a document: every proof of a proof set, each
//! chained proof over the proofs it names.

use super::config::{previous_proofs, proof_config, proofs_of, unsecured};
use super::suite::Cryptosuite;
use crate::did::{DidResolver, resolve_key};
use crate::error::{Error, Result};
use crate::multibase::decode_base58btc;
use crate::time;
use ed25519_dalek::Signature;
use jiff::{SignedDuration, Timestamp};
use serde_json::{Map, Value};

/// Proofs created this much in the future still verify (issuer and verifier clocks differ).
const CLOCK_SKEW: SignedDuration = SignedDuration::from_mins(5);

/// What a verifier expects of the proofs.
pub struct ProofExpectations<'a> {
    /// `assertionMethod` for credentials, `authentication` for presentations.
    pub purpose: &'a str,
    pub now: Timestamp,
    pub resolver: &'a dyn DidResolver,
    pub challenge: Option<&'a str>,
    pub domain: Option<&'a str>,
}

/// The outcome for one proof.
#[derive(Debug, Clone)]
pub struct ProofOutcome {
    pub id: Option<String>,
    pub cryptosuite: Option<String>,
    pub verification_method: Option<String>,
    pub result: Result<()>,
}

/// Verifies every proof of the document; an absent proof is one [`Error::NoProof`] outcome.
pub fn verify_proofs(document: &Value, expect: &ProofExpectations) -> Vec<ProofOutcome> {
    let proofs = proofs_of(document);
    if proofs.is_empty() {
        return vec![ProofOutcome {
            id: None,
            cryptosuite: None,
            verification_method: None,
            result: Err(Error::NoProof),
        }];
    }
    proofs
        .iter()
        .map(|proof| {
            let field = |k: &str| proof.get(k).and_then(Value::as_str).map(str::to_string);
            ProofOutcome {
                id: field("id"),
                cryptosuite: field("cryptosuite"),
                verification_method: field("verificationMethod"),
                result: verify_one(document, proof, &proofs, expect),
            }
        })
        .collect()
}

fn verify_one(
    document: &Value,
    proof: &Value,
    all: &[Value],
    expect: &ProofExpectations,
) -> Result<()> {
    let proof = proof
        .as_object()
        .ok_or_else(|| Error::Malformed("a proof must be an object".into()))?;
    let text = |k: &str| proof.get(k).and_then(Value::as_str);
    let proof_type = text("type").unwrap_or_default();
    if proof_type != "DataIntegrityProof" {
        return Err(Error::UnknownCryptosuite(proof_type.to_string()));
    }
    let suite = Cryptosuite::parse(text("cryptosuite").unwrap_or_default())?;
    let purpose = text("proofPurpose").unwrap_or_default();
    if purpose != expect.purpose {
        return Err(Error::WrongProofPurpose {
            expected: expect.purpose.to_string(),
            found: purpose.to_string(),
        });
    }
    check_times(proof, expect.now)?;
    check_binding(proof, expect)?;
    let signature = signature(text("proofValue"))?;
    let method = text("verificationMethod")
        .ok_or_else(|| Error::Malformed("proof without verificationMethod".into()))?;
    let key = resolve_key(method, expect.purpose, expect.resolver)?;
    let unsecured = unsecured(document, previous_proofs(proof, all)?)?;
    let config = proof_config(suite, proof, document)?;
    let message = suite.hash_data(&unsecured, &config)?;
    key.verify_strict(&message, &signature)
        .map_err(|_| Error::InvalidSignature)
}

fn check_times(proof: &Map<String, Value>, now: Timestamp) -> Result<()> {
    if let Some(created) = proof.get("created") {
        let text = created.as_str().unwrap_or_default();
        if time::parse("created", text)? > now + CLOCK_SKEW {
            return Err(Error::NotYetValid(text.to_string()));
        }
    }
    if let Some(expires) = proof.get("expires") {
        let text = expires.as_str().unwrap_or_default();
        if time::parse("expires", text)? < now {
            return Err(Error::Expired(text.to_string()));
        }
    }
    Ok(())
}

/// A presentation proof must carry the challenge and domain the verifier asked for.
fn check_binding(proof: &Map<String, Value>, expect: &ProofExpectations) -> Result<()> {
    for (field, wanted) in [("challenge", expect.challenge), ("domain", expect.domain)] {
        if let Some(wanted) = wanted
            && proof.get(field).and_then(Value::as_str) != Some(wanted)
        {
            return Err(Error::Malformed(format!("proof {field} does not match")));
        }
    }
    Ok(())
}

fn signature(proof_value: Option<&str>) -> Result<Signature> {
    let bytes = decode_base58btc(
        proof_value.ok_or_else(|| Error::Malformed("proof without proofValue".into()))?,
    )?;
    let bytes: [u8; 64] = bytes
        .try_into()
        .map_err(|_| Error::Encoding("an Ed25519 signature is 64 bytes".into()))?;
    Ok(Signature::from_bytes(&bytes))
}
