//! The JSON-LD contexts bundled with the crate: nothing is ever fetched from the network, and
//! a context URL not listed here is refused with [`Error::UnknownContext`].

use crate::error::{Error, Result};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every bundled context: the URL it is published at and its text.
const CONTEXTS: &[(&str, &str)] = &[
    (
        "https://www.w3.org/2018/credentials/v1",
        include_str!("../../contexts/credentials-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/v2",
        include_str!("../../contexts/credentials-v2.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/examples/v2",
        include_str!("../../contexts/credentials-examples-v2.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v1",
        include_str!("../../contexts/data-integrity-v1.jsonld"),
    ),
    (
        "https://w3id.org/security/data-integrity/v2",
        include_str!("../../contexts/data-integrity-v2.jsonld"),
    ),
    (
        "https://w3id.org/security/multikey/v1",
        include_str!("../../contexts/multikey-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/did/v1",
        include_str!("../../contexts/did-v1.jsonld"),
    ),
    (
        "https://w3id.org/did/v1",
        include_str!("../../contexts/did-v1.jsonld"),
    ),
    (
        "https://www.w3.org/ns/credentials/status/v1",
        include_str!("../../contexts/status-list-v1.jsonld"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        include_str!("../../contexts/open-badges-v3p0-3.0.3.json"),
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context.json",
        include_str!("../../contexts/open-badges-v3p0-3.0.0.json"),
    ),
    // Used by the W3C vc-di-eddsa "employ" test vector.
    (
        "https://w3id.org/citizenship/v4rc1",
        include_str!("../../contexts/citizenship-v4rc1.jsonld"),
    ),
];

/// The URL of the VC Data Model 2.0 context.
pub const CREDENTIALS_V2: &str = "https://www.w3.org/ns/credentials/v2";
/// The URL of the VC Data Model 1.1 context.
pub const CREDENTIALS_V1: &str = "https://www.w3.org/2018/credentials/v1";
/// The URL of the Open Badges 3.0 context Wanqiao issues with (the latest 3.0.x).
pub const OPEN_BADGES_V3: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The URL of the DID v1 context.
pub const DID_V1: &str = "https://www.w3.org/ns/did/v1";
/// The URL of the Multikey v1 context.
pub const MULTIKEY_V1: &str = "https://w3id.org/security/multikey/v1";

fn parsed() -> &'static HashMap<&'static str, Value> {
    static PARSED: OnceLock<HashMap<&'static str, Value>> = OnceLock::new();
    PARSED.get_or_init(|| {
        CONTEXTS
            .iter()
            .map(|(url, text)| {
                let doc: Value = serde_json::from_str(text).expect("bundled context is JSON");
                (*url, doc["@context"].clone())
            })
            .collect()
    })
}

/// The `@context` value of a bundled context document.
pub fn context(url: &str) -> Result<&'static Value> {
    parsed()
        .get(url)
        .ok_or_else(|| Error::UnknownContext(url.to_string()))
}

/// The URLs of all bundled contexts, for documentation and diagnostics.
pub fn urls() -> impl Iterator<Item = &'static str> {
    CONTEXTS.iter().map(|(url, _)| *url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bundled_context_parses_and_unknown_urls_are_refused() {
        for url in urls() {
            assert!(context(url).unwrap().is_object(), "{url}");
        }
        assert_eq!(
            context("https://example.org/ctx").unwrap_err().code(),
            "unknown_context"
        );
    }
}
