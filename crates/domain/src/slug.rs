//! Identifiers of register entries.

/// Why an identifier is refused, in words a data steward can act on.
pub fn check(id: &str) -> Result<(), String> {
    let ok_chars = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if id.is_empty() || id.len() > 64 {
        Err(format!("`{id}` must be 1 to 64 characters long"))
    } else if !ok_chars || id.starts_with('-') || id.ends_with('-') {
        Err(format!(
            "`{id}` may contain only lowercase letters, digits and inner hyphens"
        ))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slugs() {
        assert!(super::check("hk-sample-mc").is_ok());
        assert!(super::check("HK").is_err());
        assert!(super::check("-a").is_err());
        assert!(super::check("").is_err());
        assert!(super::check("a b").is_err());
    }
}
