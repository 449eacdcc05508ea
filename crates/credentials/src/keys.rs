//! Issuer keys at rest: an Ed25519 private key sealed with XChaCha20-Poly1305 under a 32-byte
//! master key, serialised as one line of text for the database.

use crate::error::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::SigningKey;

/// Prefix of the sealed form; the version lets the format change later.
const PREFIX: &str = "wqkey1.";
/// Binds the ciphertext to its meaning, so it cannot be replayed as another kind of secret.
const AAD: &[u8] = b"wanqiao ed25519 issuer key v1";

/// The master key that encrypts issuer keys. Its `Debug` output hides the bytes.
#[derive(Clone)]
pub struct MasterKey([u8; 32]);

impl std::fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MasterKey(…)")
    }
}

impl MasterKey {
    /// A master key from 32 bytes (read from the master key file, or freshly generated).
    pub fn from_bytes(bytes: [u8; 32]) -> MasterKey {
        MasterKey(bytes)
    }

    /// Parses a master key file's content: 64 hexadecimal digits, surrounding space ignored.
    pub fn parse(text: &str) -> Result<MasterKey> {
        let text = text.trim();
        if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(Error::Encoding(
                "a master key is 64 hexadecimal digits".into(),
            ));
        }
        let mut bytes = [0u8; 32];
        for (i, byte) in bytes.iter_mut().enumerate() {
            *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).expect("checked hex");
        }
        Ok(MasterKey(bytes))
    }

    /// The file form accepted by [`MasterKey::parse`].
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(&self.0.into())
    }

    /// Encrypts a private key; `nonce` must be random (the caller's CSPRNG), never reused.
    pub fn seal(&self, key: &SigningKey, nonce: [u8; 24]) -> String {
        let sealed = self
            .cipher()
            .encrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: key.as_bytes(),
                    aad: AAD,
                },
            )
            .expect("encryption into memory");
        let mut bytes = nonce.to_vec();
        bytes.extend_from_slice(&sealed);
        format!("{PREFIX}{}", URL_SAFE_NO_PAD.encode(bytes))
    }

    /// Decrypts a sealed private key; a wrong master key or altered text is
    /// [`Error::KeyDecryption`].
    pub fn open(&self, sealed: &str) -> Result<SigningKey> {
        let body = sealed
            .strip_prefix(PREFIX)
            .ok_or_else(|| Error::Encoding("not a sealed Wanqiao key".into()))?;
        let bytes = URL_SAFE_NO_PAD
            .decode(body)
            .map_err(|_| Error::Encoding("sealed key is not base64url".into()))?;
        if bytes.len() != 24 + 32 + 16 {
            return Err(Error::Encoding("sealed key has the wrong length".into()));
        }
        let (nonce, ciphertext) = bytes.split_at(24);
        let nonce: [u8; 24] = nonce.try_into().expect("length checked");
        let seed = self
            .cipher()
            .decrypt(
                &XNonce::from(nonce),
                Payload {
                    msg: ciphertext,
                    aad: AAD,
                },
            )
            .map_err(|_| Error::KeyDecryption)?;
        let seed: [u8; 32] = seed.try_into().map_err(|_| Error::KeyDecryption)?;
        Ok(SigningKey::from_bytes(&seed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::Signer;

    #[test]
    fn sealed_keys_open_only_under_their_master_key() {
        let master = MasterKey::parse(&"ab".repeat(32)).unwrap();
        let key = SigningKey::from_bytes(&[9; 32]);
        let sealed = master.seal(&key, [4; 24]);
        assert!(sealed.starts_with("wqkey1."));
        let opened = master.open(&sealed).unwrap();
        let signature = opened.sign(b"certificate");
        key.verifying_key()
            .verify_strict(b"certificate", &signature)
            .unwrap();
        let other = MasterKey::from_bytes([1; 32]);
        assert_eq!(other.open(&sealed).unwrap_err().code(), "key_decryption");
        let mut tampered = sealed.clone().into_bytes();
        let last = tampered.len() - 2;
        tampered[last] = if tampered[last] == b'A' { b'B' } else { b'A' };
        let tampered = String::from_utf8(tampered).unwrap();
        assert!(master.open(&tampered).is_err());
        assert_eq!(MasterKey::parse(&master.to_hex()).unwrap().0, master.0);
        assert_eq!(format!("{master:?}"), "MasterKey(…)");
    }
}
