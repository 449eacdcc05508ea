//! Data Integrity proofs (W3C VC Data Integrity 1.0) with the EdDSA cryptosuites
//! `eddsa-rdfc-2022` and `eddsa-jcs-2022`: signing, proof sets, proof chains, verification.

mod config;
mod sign;
mod suite;
mod verify;

pub use config::{ASSERTION_METHOD, AUTHENTICATION, ProofOptions, proof_config};
pub use sign::{create_proof, sign};
pub use suite::Cryptosuite;
pub use verify::{ProofExpectations, ProofOutcome, verify_proofs};
