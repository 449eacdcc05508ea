//! The two EdDSA cryptosuites and what differs between them: how documents become bytes.

use crate::error::{Error, Result};
use crate::{jcs, jsonld, rdfc};
use serde_json::Value;
use sha2::{Digest, Sha256};

/// A Data Integrity cryptosuite this crate signs and verifies with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Cryptosuite {
    /// RDF Dataset Canonicalization: the default, and what the reference JS verifier checks.
    EddsaRdfc2022,
    /// JSON Canonicalization Scheme: much cheaper, for verifiers that do not do JSON-LD.
    EddsaJcs2022,
}

impl Cryptosuite {
    /// The `cryptosuite` value of a proof.
    pub fn name(self) -> &'static str {
        match self {
            Cryptosuite::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Cryptosuite::EddsaJcs2022 => "eddsa-jcs-2022",
        }
    }

    /// Parses a `cryptosuite` value; anything else is [`Error::UnknownCryptosuite`].
    pub fn parse(name: &str) -> Result<Cryptosuite> {
        match name {
            "eddsa-rdfc-2022" => Ok(Cryptosuite::EddsaRdfc2022),
            "eddsa-jcs-2022" => Ok(Cryptosuite::EddsaJcs2022),
            other => Err(Error::UnknownCryptosuite(other.to_string())),
        }
    }

    /// The canonical form of a document or proof configuration.
    pub fn canonicalize(self, document: &Value) -> Result<String> {
        match self {
            Cryptosuite::EddsaRdfc2022 => rdfc::canonicalize(jsonld::to_rdf(document)?),
            Cryptosuite::EddsaJcs2022 => Ok(jcs::canonicalize(document)),
        }
    }

    /// The signed message: SHA-256 of the canonical proof configuration followed by SHA-256
    /// of the canonical unsecured document (the two digests joined, 64 bytes).
    pub fn hash_data(self, unsecured: &Value, proof_config: &Value) -> Result<[u8; 64]> {
        let mut out = [0u8; 64];
        out[..32].copy_from_slice(&Sha256::digest(self.canonicalize(proof_config)?.as_bytes()));
        out[32..].copy_from_slice(&Sha256::digest(self.canonicalize(unsecured)?.as_bytes()));
        Ok(out)
    }
}
