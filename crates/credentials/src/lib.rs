//! Wanqiao's verifiable recognition certificates: W3C Verifiable Credentials secured with
//! Data Integrity EdDSA proofs (`eddsa-rdfc-2022` and `eddsa-jcs-2022`), Bitstring Status
//! Lists, did:web and did:key, and Ed25519 keys encrypted at rest.
//!
//! Everything is offline: JSON-LD contexts are bundled ([`jsonld::bundled`]), did:web
//! documents come from a [`did::DidResolver`] the caller supplies, and randomness and the
//! clock are passed in.

pub mod credential;
pub mod did;
pub mod error;
pub mod input;
pub mod jcs;
pub mod jsonld;
pub mod keys;
pub mod multibase;
pub mod multikey;
pub mod proof;
pub mod rdf;
pub mod rdfc;
pub mod status_list;
mod time;

pub use credential::{Verification, VerifyOptions, issue, verify, verify_bytes};
pub use error::{Error, Result};
