//! The two multibase encodings the specifications use: base58btc (`z…`, proof values and
//! Multikeys) and base64url without padding (`u…`, status lists).

use crate::error::{Error, Result};
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// Encodes bytes as multibase base58btc: `z` followed by the base58 (Bitcoin alphabet) text.
pub fn encode_base58btc(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(1 + bytes.len() * 138 / 100 + 1);
    out.push('z');
    out.push_str(&bs58::encode(bytes).into_string());
    out
}

/// Decodes multibase base58btc text; any other multibase prefix is an encoding error.
pub fn decode_base58btc(text: &str) -> Result<Vec<u8>> {
    let body = text
        .strip_prefix('z')
        .ok_or_else(|| Error::Encoding("expected multibase base58btc ('z' prefix)".into()))?;
    bs58::decode(body)
        .into_vec()
        .map_err(|e| Error::Encoding(format!("base58btc: {e}")))
}

/// Encodes bytes as multibase base64url without padding: `u` followed by the text.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::from("u");
    URL_SAFE_NO_PAD.encode_string(bytes, &mut out);
    out
}

/// Decodes multibase base64url text (`u` prefix, no padding).
pub fn decode_base64url(text: &str) -> Result<Vec<u8>> {
    let body = text
        .strip_prefix('u')
        .ok_or_else(|| Error::Encoding("expected multibase base64url ('u' prefix)".into()))?;
    URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|e| Error::Encoding(format!("base64url: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_other_prefixes() {
        let bytes = [0u8, 1, 2, 250, 255];
        assert_eq!(decode_base58btc(&encode_base58btc(&bytes)).unwrap(), bytes);
        assert_eq!(decode_base64url(&encode_base64url(&bytes)).unwrap(), bytes);
        assert!(decode_base58btc("u123").is_err());
        assert!(decode_base64url("z123").is_err());
        assert!(decode_base58btc("z0OIl").is_err());
    }
}
