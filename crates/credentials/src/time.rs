//! XML Schema dateTime values as the specifications write them (`2023-02-24T23:36:38Z`).

use crate::error::{Error, Result};
use jiff::Timestamp;

/// Parses a dateTime property; a malformed date is a malformed credential.
pub fn parse(field: &str, text: &str) -> Result<Timestamp> {
    text.parse::<Timestamp>()
        .map_err(|_| Error::Malformed(format!("{field} is not a valid dateTime: {text:?}")))
}

/// Formats an instant to whole seconds in UTC, as issuers conventionally write `created`.
pub fn format(at: Timestamp) -> String {
    at.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}
