//! Small lexical checks on keywords, IRIs and language tags.

use crate::error::{Error, Result};

const KEYWORDS: &[&str] = &[
    "@base",
    "@container",
    "@context",
    "@direction",
    "@graph",
    "@id",
    "@import",
    "@included",
    "@index",
    "@json",
    "@language",
    "@list",
    "@nest",
    "@none",
    "@prefix",
    "@propagate",
    "@protected",
    "@reverse",
    "@set",
    "@type",
    "@value",
    "@version",
    "@vocab",
];

/// Whether the string is a JSON-LD keyword.
pub fn is_keyword(s: &str) -> bool {
    KEYWORDS.contains(&s)
}

/// `@` followed by letters only: reserved for future keywords, ignored by processors.
pub fn looks_like_keyword(s: &str) -> bool {
    s.len() > 1 && s.starts_with('@') && s[1..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// Whether the string starts with an IRI scheme (`scheme:`), i.e. is not a relative reference.
pub fn is_absolute_iri(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut bytes = scheme.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        && s.bytes().all(|b| b > 0x20 && !b"<>\"{}|^`\\".contains(&b))
}

/// Validates a BCP 47 language tag's shape and lowercases it, as jsonld.js does, so that
/// both implementations canonicalise the same string.
pub fn language_tag(tag: &str) -> Result<String> {
    let valid = !tag.is_empty()
        && tag.split('-').enumerate().all(|(i, part)| {
            (1..=8).contains(&part.len())
                && if i == 0 {
                    part.bytes().all(|b| b.is_ascii_alphabetic())
                } else {
                    part.bytes().all(|b| b.is_ascii_alphanumeric())
                }
        });
    if valid {
        Ok(tag.to_ascii_lowercase())
    } else {
        Err(Error::Malformed(format!("invalid language tag {tag:?}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_absolute_iris_and_language_tags() {
        assert!(is_absolute_iri("did:key:z6Mk"));
        assert!(is_absolute_iri("urn:uuid:1"));
        assert!(!is_absolute_iri("name"));
        assert!(!is_absolute_iri("1a:b"));
        assert!(!is_absolute_iri("https://x/ y"));
        assert!(!is_absolute_iri("https://x/>"));
        assert_eq!(language_tag("zh-Hans").unwrap(), "zh-hans");
        assert!(language_tag("en US").is_err());
    }
}
