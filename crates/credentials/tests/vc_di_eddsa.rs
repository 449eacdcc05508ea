//! The W3C vc-di-eddsa test vectors, both cryptosuites: canonical forms byte for byte,
//! hashes, signatures (Ed25519 is deterministic, so signing reproduces `proofValue`), and
//! verification of the signed documents, proof sets and proof chains.

mod support;

use serde_json::Value;
use sha2::{Digest, Sha256};
use support::{json, now, text};
use wanqiao_credentials::did::NoResolver;
use wanqiao_credentials::multikey::decode_secret;
use wanqiao_credentials::proof::{
    ASSERTION_METHOD, Cryptosuite, ProofExpectations, ProofOptions, proof_config, sign,
    verify_proofs,
};

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks every intermediate file of one cryptosuite folder.
fn check_steps(suite: Cryptosuite, unsigned: &str, dir: &str, suffix: &str) {
    let doc = json(&format!("vc-di-eddsa/{unsigned}"));
    let config = json(&format!("vc-di-eddsa/{dir}/proofConfig{suffix}.json"));
    let canon_doc = suite.canonicalize(&doc).unwrap();
    assert_eq!(
        canon_doc,
        text(&format!("vc-di-eddsa/{dir}/canonDoc{suffix}.txt"))
    );
    let canon_proof = suite.canonicalize(&config).unwrap();
    assert_eq!(
        canon_proof,
        text(&format!("vc-di-eddsa/{dir}/proofCanon{suffix}.txt"))
    );
    let doc_hash = hex(&Sha256::digest(canon_doc.as_bytes()));
    let proof_hash = hex(&Sha256::digest(canon_proof.as_bytes()));
    assert_eq!(
        doc_hash,
        text(&format!("vc-di-eddsa/{dir}/docHash{suffix}.txt")).trim()
    );
    assert_eq!(
        proof_hash,
        text(&format!("vc-di-eddsa/{dir}/proofHash{suffix}.txt")).trim()
    );
    let combined = suite.hash_data(&doc, &config).unwrap();
    assert_eq!(
        hex(&combined),
        text(&format!("vc-di-eddsa/{dir}/combinedHash{suffix}.txt")).trim()
    );
}

/// Signs the unsigned document with the vector's options and compares with the signed file.
fn check_signing(suite: Cryptosuite, unsigned: &str, dir: &str, suffix: &str) {
    let keys = json("vc-di-eddsa/keyPair.json");
    let key = decode_secret(keys["privateKeyMultibase"].as_str().unwrap()).unwrap();
    let config = json(&format!("vc-di-eddsa/{dir}/proofConfig{suffix}.json"));
    let mut options = ProofOptions::assertion(
        suite,
        config["verificationMethod"].as_str().unwrap(),
        config["created"].as_str().unwrap().parse().unwrap(),
    );
    options.proof_purpose = ASSERTION_METHOD.into();
    let signed = sign(&json(&format!("vc-di-eddsa/{unsigned}")), &options, &key).unwrap();
    let expected = json(&format!("vc-di-eddsa/{dir}/signed{suffix}.json"));
    assert_eq!(signed, expected);
    let proof_value = signed["proof"]["proofValue"].as_str().unwrap();
    assert_eq!(
        proof_value,
        text(&format!("vc-di-eddsa/{dir}/sigBTC58{suffix}.txt")).trim()
    );
    let raw = wanqiao_credentials::multibase::decode_base58btc(proof_value).unwrap();
    assert_eq!(
        hex(&raw),
        text(&format!("vc-di-eddsa/{dir}/sigHex{suffix}.txt")).trim()
    );
}

fn expect() -> ProofExpectations<'static> {
    ProofExpectations {
        purpose: ASSERTION_METHOD,
        now: now(),
        resolver: &NoResolver,
        challenge: None,
        domain: None,
    }
}

fn verifies(doc: &Value) -> Vec<Result<(), String>> {
    verify_proofs(doc, &expect())
        .into_iter()
        .map(|o| o.result.map_err(|e| e.code().to_string()))
        .collect()
}

#[test]
fn rdfc_alumni_steps_signature_and_verification() {
    check_steps(
        Cryptosuite::EddsaRdfc2022,
        "unsigned.json",
        "eddsa-rdfc-2022",
        "DataInt",
    );
    check_signing(
        Cryptosuite::EddsaRdfc2022,
        "unsigned.json",
        "eddsa-rdfc-2022",
        "DataInt",
    );
    assert_eq!(
        verifies(&json("vc-di-eddsa/eddsa-rdfc-2022/signedDataInt.json")),
        [Ok(())]
    );
}

#[test]
fn rdfc_employment_steps_signature_and_verification() {
    check_steps(
        Cryptosuite::EddsaRdfc2022,
        "employmentAuth.json",
        "eddsa-rdfc-2022/employ",
        "DataInt",
    );
    check_signing(
        Cryptosuite::EddsaRdfc2022,
        "employmentAuth.json",
        "eddsa-rdfc-2022/employ",
        "DataInt",
    );
    let signed = json("vc-di-eddsa/eddsa-rdfc-2022/employ/signedDataInt.json");
    assert_eq!(verifies(&signed), [Ok(())]);
}

#[test]
fn jcs_alumni_steps_signature_and_verification() {
    check_steps(
        Cryptosuite::EddsaJcs2022,
        "unsigned.json",
        "eddsa-jcs-2022",
        "JCS",
    );
    check_signing(
        Cryptosuite::EddsaJcs2022,
        "unsigned.json",
        "eddsa-jcs-2022",
        "JCS",
    );
    assert_eq!(
        verifies(&json("vc-di-eddsa/eddsa-jcs-2022/signedJCS.json")),
        [Ok(())]
    );
}

#[test]
fn proof_set_and_chain_configurations_canonicalise_and_verify() {
    let suite = Cryptosuite::EddsaRdfc2022;
    let doc = json("vc-di-eddsa/proof-set-chain/unsigned.json");
    for name in [
        "proofSetConfig1",
        "proofSetConfig2",
        "proofChainConfig1",
        "proofChainConfig2",
    ] {
        let config = json(&format!("vc-di-eddsa/proof-set-chain/{name}.json"));
        let config = proof_config(suite, config.as_object().unwrap(), &doc).unwrap();
        suite.canonicalize(&config).unwrap();
    }
    for temp in ["proofChainTempDoc1", "proofChainTempDoc2"] {
        suite
            .canonicalize(&json(&format!("vc-di-eddsa/proof-set-chain/{temp}.json")))
            .unwrap();
    }
    for (name, proofs) in [
        ("signedProofSet1", 1),
        ("signedProofSet2", 2),
        ("signedProofChain1", 3),
        ("signedProofChain2", 4),
    ] {
        let doc = json(&format!("vc-di-eddsa/proof-set-chain/{name}.json"));
        assert_eq!(verifies(&doc), vec![Ok(()); proofs], "{name}");
    }
}

#[test]
fn proof_sets_and_chains_are_reproduced_by_signing() {
    let keys = json("vc-di-eddsa/proof-set-chain/multiKeyPairs.json");
    let key = |n: u32| {
        decode_secret(
            keys[format!("keyPair{n}")]["privateKeyMultibase"]
                .as_str()
                .unwrap(),
        )
        .unwrap()
    };
    let options = |name: &str| {
        let c = json(&format!("vc-di-eddsa/proof-set-chain/{name}.json"));
        let mut o = ProofOptions::assertion(
            Cryptosuite::EddsaRdfc2022,
            c["verificationMethod"].as_str().unwrap(),
            c["created"].as_str().unwrap().parse().unwrap(),
        );
        o.id = c["id"].as_str().map(str::to_string);
        o.previous_proof = match &c["previousProof"] {
            Value::String(s) => vec![s.clone()],
            Value::Array(a) => a.iter().map(|v| v.as_str().unwrap().to_string()).collect(),
            _ => vec![],
        };
        o
    };
    let doc = json("vc-di-eddsa/proof-set-chain/unsigned.json");
    let set1 = sign(&doc, &options("proofSetConfig1"), &key(1)).unwrap();
    assert_eq!(
        set1,
        json("vc-di-eddsa/proof-set-chain/signedProofSet1.json")
            .as_object()
            .map(|m| {
                // signedProofSet1 holds its single proof in an array; compare the proof itself.
                let mut m = m.clone();
                if let Some(Value::Array(a)) = m.get("proof").cloned() {
                    m.insert("proof".into(), a[0].clone());
                }
                Value::Object(m)
            })
            .unwrap()
    );
    let set2 = sign(&set1, &options("proofSetConfig2"), &key(2)).unwrap();
    assert_eq!(
        set2,
        json("vc-di-eddsa/proof-set-chain/signedProofSet2.json")
    );
    let chain1 = sign(&set2, &options("proofChainConfig1"), &key(3)).unwrap();
    assert_eq!(
        chain1,
        json("vc-di-eddsa/proof-set-chain/signedProofChain1.json")
    );
    let chain2 = sign(&chain1, &options("proofChainConfig2"), &key(4)).unwrap();
    assert_eq!(
        chain2,
        json("vc-di-eddsa/proof-set-chain/signedProofChain2.json")
    );
}
