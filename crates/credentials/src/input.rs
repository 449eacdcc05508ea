//! Parsing untrusted input with a size limit and a nesting limit, so hostile documents are
//! refused with a specific error before any processing.

use crate::error::{Error, Result};
use crate::jsonld::MAX_DEPTH;
use serde_json::Value;

/// Documents larger than this are refused (a certificate is a few kilobytes).
pub const MAX_DOCUMENT_BYTES: usize = 1024 * 1024;

/// Parses a JSON document within the size and depth limits.
pub fn parse(bytes: &[u8]) -> Result<Value> {
    if bytes.len() > MAX_DOCUMENT_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_DOCUMENT_BYTES,
        });
    }
    let value: Value = serde_json::from_slice(bytes).map_err(|e| {
        if e.to_string().contains("recursion limit") {
            Error::TooDeep(MAX_DEPTH)
        } else {
            Error::Malformed(format!("not JSON: {e}"))
        }
    })?;
    check_depth(&value)?;
    Ok(value)
}

/// Refuses values nested deeper than [`MAX_DEPTH`].
pub fn check_depth(value: &Value) -> Result<()> {
    fn depth(value: &Value, level: usize) -> Result<()> {
        if level > MAX_DEPTH {
            return Err(Error::TooDeep(MAX_DEPTH));
        }
        match value {
            Value::Array(items) => items.iter().try_for_each(|v| depth(v, level + 1)),
            Value::Object(map) => map.values().try_for_each(|v| depth(v, level + 1)),
            _ => Ok(()),
        }
    }
    depth(value, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_hostile_input_with_specific_errors() {
        assert_eq!(parse(b"{nope").unwrap_err().code(), "malformed");
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(parse(deep.as_bytes()).unwrap_err().code(), "too_deep");
        let deeper = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert_eq!(parse(deeper.as_bytes()).unwrap_err().code(), "too_deep");
        let big = vec![b' '; MAX_DOCUMENT_BYTES + 1];
        assert_eq!(parse(&big).unwrap_err().code(), "too_large");
    }
}
