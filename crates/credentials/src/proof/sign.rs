//! Adding a Data Integrity proof to a document (a proof set when it already has proofs).

use super::config::{ProofOptions, previous_proofs, proof_config, proofs_of, unsecured};
use super::suite::Cryptosuite;
use crate::error::{Error, Result};
use crate::multibase::encode_base58btc;
use ed25519_dalek::{Signer, SigningKey};
use serde_json::{Value, json};

/// Signs `document` and returns it with the new proof added. Existing proofs stay (a proof
/// set); when the options name `previous_proof` ids, those proofs are signed over too (a
/// proof chain). With eddsa-rdfc-2022 an undefined term or type is an error, so nothing in
/// the document escapes the signature.
pub fn sign(document: &Value, options: &ProofOptions, key: &SigningKey) -> Result<Value> {
    let proof = create_proof(document, options, key)?;
    let mut secured = document.clone();
    let map = secured
        .as_object_mut()
        .ok_or_else(|| Error::Malformed("a credential must be a JSON object".into()))?;
    let mut all = proofs_of(document);
    all.push(proof);
    let proofs = if all.len() == 1 {
        all.pop().expect("one proof")
    } else {
        Value::Array(all)
    };
    map.insert("proof".into(), proofs);
    Ok(secured)
}

/// Creates the proof object alone (with `proofValue`).
pub fn create_proof(document: &Value, options: &ProofOptions, key: &SigningKey) -> Result<Value> {
    let mut proof = options.to_proof();
    let previous = previous_proofs(&proof, &proofs_of(document))?;
    let unsecured = unsecured(document, previous)?;
    if options.cryptosuite == Cryptosuite::EddsaJcs2022
        && let Some(context) = document.get("@context")
    {
        proof.insert("@context".into(), context.clone());
    }
    let config = proof_config(options.cryptosuite, &proof, document)?;
    let message = options.cryptosuite.hash_data(&unsecured, &config)?;
    let signature = key.sign(&message);
    proof.insert(
        "proofValue".into(),
        json!(encode_base58btc(&signature.to_bytes())),
    );
    Ok(Value::Object(proof))
}
