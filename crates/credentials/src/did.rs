//! DIDs: did:key (resolved locally, always) and did:web (documents built here for Wanqiao's
//! own societies; others come from a [`DidResolver`] the caller supplies, as this crate never
//! touches the network).

use crate::error::{Error, Result};
use crate::jsonld::bundled::{DID_V1, MULTIKEY_V1};
use crate::multikey::{decode_public, encode_public};
use ed25519_dalek::VerifyingKey;
use serde_json::{Value, json};
use std::collections::HashMap;

/// Supplies DID documents for DID methods other than did:key.
pub trait DidResolver {
    /// The DID document of `did`; [`Error::UnknownKey`] when it cannot be had.
    fn resolve(&self, did: &str) -> Result<Value>;
}

/// A resolver that knows only did:key (which needs no resolver at all).
pub struct NoResolver;

impl DidResolver for NoResolver {
    fn resolve(&self, did: &str) -> Result<Value> {
        Err(Error::UnknownKey(format!("cannot resolve {did} offline")))
    }
}

/// DID documents held in memory: the platform's own societies, or `--did-doc FILE`.
#[derive(Debug, Default, Clone)]
pub struct StaticResolver {
    documents: HashMap<String, Value>,
}

impl StaticResolver {
    /// Adds a DID document under its `id`.
    pub fn with(mut self, document: Value) -> Result<Self> {
        let id = document
            .get("id")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Malformed("a DID document needs an id".into()))?
            .to_string();
        self.documents.insert(id, document);
        Ok(self)
    }
}

impl DidResolver for StaticResolver {
    fn resolve(&self, did: &str) -> Result<Value> {
        self.documents
            .get(did)
            .cloned()
            .ok_or_else(|| Error::UnknownKey(format!("unknown DID {did}")))
    }
}

/// The did:key of an Ed25519 public key.
pub fn did_key(key: &VerifyingKey) -> String {
    format!("did:key:{}", encode_public(key))
}

/// The verification method id of a did:key (`did:key:z6Mk…#z6Mk…`).
pub fn did_key_method(key: &VerifyingKey) -> String {
    let multikey = encode_public(key);
    format!("did:key:{multikey}#{multikey}")
}

/// The did:web of a society hosted by the platform at `public_url`:
/// `did:web:HOST[%3APORT][:PATH…]:societies:ID`.
pub fn did_web(public_url: &str, society_id: &str) -> Result<String> {
    let rest = public_url
        .strip_prefix("https://")
        .or_else(|| public_url.strip_prefix("http://"))
        .ok_or_else(|| Error::Malformed(format!("public URL must be http(s): {public_url}")))?;
    let (authority, path) = rest.split_once('/').unwrap_or((rest, ""));
    if authority.is_empty() || !authority.bytes().all(safe_char_or_colon) {
        return Err(Error::Malformed(format!("invalid host in {public_url}")));
    }
    if society_id.is_empty() || !society_id.bytes().all(safe_char) {
        return Err(Error::Malformed(format!(
            "invalid society id {society_id:?}"
        )));
    }
    let mut did = format!("did:web:{}", authority.replace(':', "%3A"));
    for segment in path.split('/').filter(|s| !s.is_empty()) {
        if !segment.bytes().all(safe_char) {
            return Err(Error::Malformed(format!("invalid path in {public_url}")));
        }
        did.push(':');
        did.push_str(segment);
    }
    did.push_str(":societies:");
    did.push_str(society_id);
    Ok(did)
}

fn safe_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_')
}

fn safe_char_or_colon(b: u8) -> bool {
    safe_char(b) || b == b':'
}

/// The HTTPS URL a did:web document is fetched from (did:web method specification §3.2).
pub fn did_web_url(did: &str) -> Result<String> {
    let rest = did
        .strip_prefix("did:web:")
        .ok_or_else(|| Error::Malformed(format!("not a did:web: {did}")))?;
    let mut parts = rest.split(':');
    let host = parts.next().unwrap_or_default().replace("%3A", ":");
    let path: Vec<&str> = parts.collect();
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

/// The DID document of a did:web issuer listing every key, current and rotated, as Multikey
/// verification methods allowed to assert credentials, so old certificates keep verifying.
pub fn did_web_document(did: &str, keys: &[VerifyingKey]) -> Value {
    let methods: Vec<Value> = keys
        .iter()
        .map(|k| {
            let multikey = encode_public(k);
            json!({
                "id": format!("{did}#{multikey}"),
                "type": "Multikey",
                "controller": did,
                "publicKeyMultibase": multikey,
            })
        })
        .collect();
    let ids: Vec<Value> = methods.iter().map(|m| m["id"].clone()).collect();
    json!({
        "@context": [DID_V1, MULTIKEY_V1],
        "id": did,
        "verificationMethod": methods,
        "assertionMethod": ids,
    })
}

/// The verification method id of one key of a did:web issuer.
pub fn did_web_method(did: &str, key: &VerifyingKey) -> String {
    format!("{did}#{}", encode_public(key))
}

/// Resolves a verification method to its Ed25519 key, checking that the DID document
/// authorises it for `purpose` (did:key authorises its one key for every purpose).
pub fn resolve_key(
    method: &str,
    purpose: &str,
    resolver: &dyn DidResolver,
) -> Result<VerifyingKey> {
    let (did, fragment) = method.split_once('#').unwrap_or((method, ""));
    if let Some(multikey) = did.strip_prefix("did:key:") {
        if !fragment.is_empty() && fragment != multikey {
            return Err(Error::UnknownKey(method.to_string()));
        }
        return decode_public(multikey);
    }
    let document = resolver.resolve(did)?;
    if document.get("id").and_then(Value::as_str) != Some(did) {
        return Err(Error::UnknownKey(format!("DID document is not for {did}")));
    }
    let matches = |id: &str| id == method || (id.starts_with('#') && id[1..] == *fragment);
    let vm = document
        .get("verificationMethod")
        .and_then(Value::as_array)
        .and_then(|methods| {
            methods
                .iter()
                .find(|m| m.get("id").and_then(Value::as_str).is_some_and(matches))
        })
        .ok_or_else(|| Error::UnknownKey(method.to_string()))?;
    let authorised = document
        .get(purpose)
        .and_then(Value::as_array)
        .is_some_and(|refs| {
            refs.iter().any(|r| match r {
                Value::String(id) => matches(id),
                other => other.get("id").and_then(Value::as_str).is_some_and(matches),
            })
        });
    if !authorised {
        return Err(Error::KeyNotAuthorised {
            key: method.to_string(),
            purpose: purpose.to_string(),
        });
    }
    if vm.get("controller").and_then(Value::as_str) != Some(did) {
        return Err(Error::UnknownKey(format!(
            "{method} is not controlled by {did}"
        )));
    }
    let multibase = vm
        .get("publicKeyMultibase")
        .and_then(Value::as_str)
        .ok_or_else(|| Error::UnknownKey(format!("{method} has no publicKeyMultibase")))?;
    decode_public(multibase)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    #[test]
    fn did_web_ids_encode_the_port_and_path() {
        assert_eq!(
            did_web("https://wanqiao.example:8443", "gdes").unwrap(),
            "did:web:wanqiao.example%3A8443:societies:gdes"
        );
        assert_eq!(
            did_web("https://gba.example/wq/", "hkie").unwrap(),
            "did:web:gba.example:wq:societies:hkie"
        );
        assert_eq!(
            did_web_url("did:web:wanqiao.example%3A8443:societies:gdes").unwrap(),
            "https://wanqiao.example:8443/societies/gdes/did.json"
        );
        assert!(did_web("https://x.example", "a/b").is_err());
    }

    #[test]
    fn rotated_keys_stay_resolvable_and_unlisted_keys_are_refused() {
        let old = SigningKey::from_bytes(&[1; 32]).verifying_key();
        let new = SigningKey::from_bytes(&[2; 32]).verifying_key();
        let stranger = SigningKey::from_bytes(&[3; 32]).verifying_key();
        let did = did_web("https://wanqiao.example:8443", "gdes").unwrap();
        let resolver = StaticResolver::default()
            .with(did_web_document(&did, &[old, new]))
            .unwrap();
        for key in [old, new] {
            let method = did_web_method(&did, &key);
            assert_eq!(
                resolve_key(&method, "assertionMethod", &resolver).unwrap(),
                key
            );
            assert_eq!(
                resolve_key(&method, "authentication", &resolver)
                    .unwrap_err()
                    .code(),
                "key_not_authorised"
            );
        }
        let method = did_web_method(&did, &stranger);
        assert_eq!(
            resolve_key(&method, "assertionMethod", &resolver)
                .unwrap_err()
                .code(),
            "unknown_key"
        );
        let other = did_web_method("did:web:elsewhere.example", &old);
        assert_eq!(
            resolve_key(&other, "assertionMethod", &resolver)
                .unwrap_err()
                .code(),
            "unknown_key"
        );
        assert_eq!(
            resolve_key(&did_key_method(&old), "assertionMethod", &NoResolver).unwrap(),
            old
        );
    }
}
