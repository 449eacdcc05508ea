//! Multikey encoding of Ed25519 keys: `z6Mk…` public keys (multicodec 0xed01) and `z3u2…`
//! private seeds (multicodec 0x8026), as used by did:key and the W3C test vectors.

use crate::error::{Error, Result};
use crate::multibase::{decode_base58btc, encode_base58btc};
use ed25519_dalek::{SigningKey, VerifyingKey};

/// Multicodec varint prefix of an Ed25519 public key.
const ED25519_PUB: [u8; 2] = [0xed, 0x01];
/// Multicodec varint prefix of an Ed25519 private key (seed).
const ED25519_PRIV: [u8; 2] = [0x80, 0x26];

/// The `publicKeyMultibase` text of an Ed25519 public key.
pub fn encode_public(key: &VerifyingKey) -> String {
    let mut bytes = ED25519_PUB.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    encode_base58btc(&bytes)
}

/// Parses a `publicKeyMultibase`; only Ed25519 keys are accepted.
pub fn decode_public(text: &str) -> Result<VerifyingKey> {
    let bytes = decode_base58btc(text)?;
    let raw = bytes
        .strip_prefix(&ED25519_PUB)
        .ok_or_else(|| Error::UnknownKey(format!("not an Ed25519 multikey: {text}")))?;
    let raw: [u8; 32] = raw
        .try_into()
        .map_err(|_| Error::Encoding("Ed25519 public key must be 32 bytes".into()))?;
    VerifyingKey::from_bytes(&raw).map_err(|_| Error::UnknownKey("invalid Ed25519 point".into()))
}

/// The `secretKeyMultibase` text of an Ed25519 private key (its 32-byte seed).
pub fn encode_secret(key: &SigningKey) -> String {
    let mut bytes = ED25519_PRIV.to_vec();
    bytes.extend_from_slice(key.as_bytes());
    encode_base58btc(&bytes)
}

/// Parses a `secretKeyMultibase` (0x8026 ‖ 32-byte seed).
pub fn decode_secret(text: &str) -> Result<SigningKey> {
    let bytes = decode_base58btc(text)?;
    let raw = bytes
        .strip_prefix(&ED25519_PRIV)
        .ok_or_else(|| Error::Encoding("not an Ed25519 secret multikey".into()))?;
    let seed: [u8; 32] = raw
        .try_into()
        .map_err(|_| Error::Encoding("Ed25519 seed must be 32 bytes".into()))?;
    Ok(SigningKey::from_bytes(&seed))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vector_key_pair_matches() {
        let secret = decode_secret("z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq").unwrap();
        let public = encode_public(&secret.verifying_key());
        assert_eq!(public, "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2");
        assert_eq!(decode_public(&public).unwrap(), secret.verifying_key());
        assert_eq!(
            encode_secret(&secret),
            "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
        );
        assert!(decode_public("zDnaegE6RR3atJtHKwTRTWHsJ3kNHqFwv7n9YjTgmU7TyfU76").is_err());
    }
}
