//! Secrets handled the way they must be: passwords as argon2id hashes, tokens as random
//! values whose SHA-256 digest alone is stored.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use sha2::{Digest, Sha256};
use std::sync::LazyLock;

/// Hashes a password with argon2id and a fresh random salt, in PHC string form.
pub fn hash_password(password: &str) -> String {
    Argon2::default()
        .hash_password(password.as_bytes())
        .expect("argon2id hashing with default parameters cannot fail")
        .to_string()
}

/// A hash of no password anyone knows, verified against when an account does not exist so
/// that a wrong email and a wrong password take the same time.
static DECOY: LazyLock<String> = LazyLock::new(|| hash_password(&new_token()));

/// Whether `password` matches `hash`. `None` (no such user, or no password set) still does
/// the full work and answers false.
pub fn verify_password(password: &str, hash: Option<&str>) -> bool {
    let argon = Argon2::default();
    match hash {
        Some(h) => argon.verify_password(password.as_bytes(), h).is_ok(),
        None => {
            let _ = argon.verify_password(password.as_bytes(), DECOY.as_str());
            false
        }
    }
}

/// 256 random bits, hex-encoded: session cookies, API tokens, CSRF tokens.
pub fn new_token() -> String {
    hex(&random::<32>())
}

/// 128 random bits, hex-encoded: identifiers that must not be guessable.
pub fn new_id() -> String {
    hex(&random::<16>())
}

fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    getrandom::fill(&mut bytes).expect("the operating system provides randomness");
    bytes
}

/// SHA-256 of `data`, hex-encoded.
pub fn sha256_hex(data: &[u8]) -> String {
    hex(&Sha256::digest(data))
}

pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(DIGITS[usize::from(b >> 4)] as char);
        out.push(DIGITS[usize::from(b & 0xf)] as char);
    }
    out
}

/// Compares two secrets in time independent of where they differ.
pub fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_only_against_their_hash() {
        let h = hash_password("correct horse");
        assert!(h.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", Some(&h)));
        assert!(!verify_password("wrong", Some(&h)));
        assert!(!verify_password("correct horse", None));
    }

    #[test]
    fn tokens_are_random_and_hex() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(sha256_hex(b"abc").len(), 64);
        assert!(same("abc", "abc") && !same("abc", "abd") && !same("abc", "ab"));
    }
}
