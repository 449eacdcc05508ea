//! Proof options and the proof configuration that is hashed with the document.

use super::suite::Cryptosuite;
use crate::error::{Error, Result};
use crate::time;
use jiff::Timestamp;
use serde_json::{Map, Value, json};

/// `assertionMethod`, the purpose of credential proofs.
pub const ASSERTION_METHOD: &str = "assertionMethod";
/// `authentication`, the purpose of presentation proofs.
pub const AUTHENTICATION: &str = "authentication";

/// What a new proof says about itself, before it is signed.
#[derive(Debug, Clone)]
pub struct ProofOptions {
    pub cryptosuite: Cryptosuite,
    /// The key's verification method id, e.g. `did:web:…#z6Mk…` or `did:key:z6Mk…#z6Mk…`.
    pub verification_method: String,
    pub proof_purpose: String,
    pub created: Option<Timestamp>,
    pub expires: Option<Timestamp>,
    /// An id for the proof, needed when later proofs chain to it.
    pub id: Option<String>,
    /// Ids of the proofs this one endorses (a proof chain); empty for a plain proof.
    pub previous_proof: Vec<String>,
    pub challenge: Option<String>,
    pub domain: Option<String>,
}

impl ProofOptions {
    /// Options for a credential proof with the given suite, key and creation time.
    pub fn assertion(
        cryptosuite: Cryptosuite,
        verification_method: &str,
        created: Timestamp,
    ) -> Self {
        ProofOptions {
            cryptosuite,
            verification_method: verification_method.to_string(),
            proof_purpose: ASSERTION_METHOD.to_string(),
            created: Some(created),
            expires: None,
            id: None,
            previous_proof: Vec::new(),
            challenge: None,
            domain: None,
        }
    }

    /// The proof object without `proofValue` (and without `@context`).
    pub fn to_proof(&self) -> Map<String, Value> {
        let mut proof = Map::new();
        if let Some(id) = &self.id {
            proof.insert("id".into(), json!(id));
        }
        proof.insert("type".into(), json!("DataIntegrityProof"));
        proof.insert("cryptosuite".into(), json!(self.cryptosuite.name()));
        if let Some(created) = self.created {
            proof.insert("created".into(), json!(time::format(created)));
        }
        if let Some(expires) = self.expires {
            proof.insert("expires".into(), json!(time::format(expires)));
        }
        proof.insert("verificationMethod".into(), json!(self.verification_method));
        proof.insert("proofPurpose".into(), json!(self.proof_purpose));
        match self.previous_proof.as_slice() {
            [] => {}
            [one] => {
                proof.insert("previousProof".into(), json!(one));
            }
            many => {
                proof.insert("previousProof".into(), json!(many));
            }
        }
        if let Some(challenge) = &self.challenge {
            proof.insert("challenge".into(), json!(challenge));
        }
        if let Some(domain) = &self.domain {
            proof.insert("domain".into(), json!(domain));
        }
        proof
    }
}

/// The proof configuration that is hashed: the proof minus `proofValue`, with the document's
/// `@context` (the rdfc suite always uses the document's; jcs keeps the proof's own, which
/// must be a prefix of the document's).
pub fn proof_config(
    suite: Cryptosuite,
    proof: &Map<String, Value>,
    document: &Value,
) -> Result<Value> {
    let mut config = proof.clone();
    config.remove("proofValue");
    let doc_context = document.get("@context");
    match (suite, config.get("@context"), doc_context) {
        (Cryptosuite::EddsaJcs2022, Some(own), Some(doc)) => {
            if !is_prefix(own, doc) {
                return Err(Error::Malformed(
                    "the proof's @context is not a prefix of the document's".into(),
                ));
            }
        }
        (_, _, Some(doc)) => {
            config.insert("@context".into(), doc.clone());
        }
        (_, _, None) => {}
    }
    Ok(Value::Object(config))
}

fn is_prefix(own: &Value, doc: &Value) -> bool {
    let as_list = |v: &Value| match v {
        Value::Array(items) => items.clone(),
        other => vec![other.clone()],
    };
    let (own, doc) = (as_list(own), as_list(doc));
    own.len() <= doc.len() && own.iter().zip(&doc).all(|(a, b)| a == b)
}

/// The previous proofs a chained proof names, looked up by id among all the proofs.
pub fn previous_proofs(proof: &Map<String, Value>, all: &[Value]) -> Result<Option<Value>> {
    let ids: Vec<&str> = match proof.get("previousProof") {
        None => return Ok(None),
        Some(Value::String(id)) => vec![id.as_str()],
        Some(Value::Array(ids)) => ids
            .iter()
            .map(|i| {
                i.as_str()
                    .ok_or_else(|| Error::Malformed("previousProof ids must be strings".into()))
            })
            .collect::<Result<_>>()?,
        Some(_) => {
            return Err(Error::Malformed(
                "previousProof must be a string or array".into(),
            ));
        }
    };
    let mut found = Vec::new();
    for id in ids {
        let p = all
            .iter()
            .find(|p| p.get("id").and_then(Value::as_str) == Some(id))
            .ok_or_else(|| Error::MissingPreviousProof(id.to_string()))?;
        found.push(p.clone());
    }
    Ok(Some(Value::Array(found)))
}

/// The document's proofs as a list (a single proof or a proof set).
pub fn proofs_of(document: &Value) -> Vec<Value> {
    match document.get("proof") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
    }
}

/// The document as signed by a proof: without `proof`, or with the chained previous proofs.
pub fn unsecured(document: &Value, previous: Option<Value>) -> Result<Value> {
    let mut map = document
        .as_object()
        .ok_or_else(|| Error::Malformed("a credential must be a JSON object".into()))?
        .clone();
    map.remove("proof");
    if let Some(previous) = previous {
        map.insert("proof".into(), previous);
    }
    Ok(Value::Object(map))
}
