//! Bitstring Status List v1.0: revocation and suspension lists as GZIP-compressed bitstrings
//! in multibase base64url, the status list credential, and the entry a credential carries.

use crate::error::{Error, Result};
use crate::jsonld::bundled::CREDENTIALS_V2;
use crate::multibase::{decode_base64url, encode_base64url};
use crate::time;
use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use jiff::Timestamp;
use serde_json::{Value, json};
use std::io::{Read, Write};

/// The specification's minimum list length (16 KB), so one position reveals nothing.
pub const MIN_BITS: usize = 131_072;
/// Decompressed lists larger than this are refused (a GZIP bomb would be cheap to send).
const MAX_BYTES: usize = 16 * 1024 * 1024;

/// What a list records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusPurpose {
    Revocation,
    Suspension,
}

impl StatusPurpose {
    /// The `statusPurpose` value.
    pub fn as_str(self) -> &'static str {
        match self {
            StatusPurpose::Revocation => "revocation",
            StatusPurpose::Suspension => "suspension",
        }
    }

    /// Parses a `statusPurpose` value.
    pub fn parse(text: &str) -> Result<StatusPurpose> {
        match text {
            "revocation" => Ok(StatusPurpose::Revocation),
            "suspension" => Ok(StatusPurpose::Suspension),
            other => Err(Error::StatusList(format!(
                "unsupported status purpose {other:?}"
            ))),
        }
    }
}

/// A bitstring; index 0 is the most significant bit of the first byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusList {
    bytes: Vec<u8>,
}

impl StatusList {
    /// An all-clear list of `bits` entries (at least [`MIN_BITS`], a multiple of 8).
    pub fn new(bits: usize) -> Result<StatusList> {
        if bits < MIN_BITS || !bits.is_multiple_of(8) {
            return Err(Error::StatusList(format!(
                "a list has at least {MIN_BITS} bits, in whole bytes"
            )));
        }
        Ok(StatusList {
            bytes: vec![0; bits / 8],
        })
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.bytes.len() * 8
    }

    /// Whether the list has no entries (never true for a valid list).
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn position(&self, index: usize) -> Result<(usize, u8)> {
        if index >= self.len() {
            return Err(Error::StatusList(format!("index {index} outside the list")));
        }
        Ok((index / 8, 0x80 >> (index % 8)))
    }

    /// The status bit at `index`.
    pub fn get(&self, index: usize) -> Result<bool> {
        let (byte, mask) = self.position(index)?;
        Ok(self.bytes[byte] & mask != 0)
    }

    /// Sets or clears the status bit at `index`.
    pub fn set(&mut self, index: usize, value: bool) -> Result<()> {
        let (byte, mask) = self.position(index)?;
        if value {
            self.bytes[byte] |= mask;
        } else {
            self.bytes[byte] &= !mask;
        }
        Ok(())
    }

    /// The `encodedList` text: multibase base64url (no padding) of the GZIP stream.
    pub fn encode(&self) -> String {
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&self.bytes).expect("writing to memory");
        encode_base64url(&gz.finish().expect("writing to memory"))
    }

    /// Parses an `encodedList`, refusing lists below the minimum or above the size limit.
    pub fn decode(encoded: &str) -> Result<StatusList> {
        let compressed = decode_base64url(encoded)?;
        let mut bytes = Vec::new();
        GzDecoder::new(compressed.as_slice())
            .take(MAX_BYTES as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| Error::StatusList(format!("not a GZIP stream: {e}")))?;
        if bytes.len() > MAX_BYTES {
            return Err(Error::StatusList("list too large".into()));
        }
        if bytes.len() * 8 < MIN_BITS {
            return Err(Error::StatusList("list shorter than 131072 bits".into()));
        }
        Ok(StatusList { bytes })
    }
}

/// Picks a random unused index, so positions reveal nothing about issuing order. `random`
/// returns uniformly random 64-bit values (the caller's CSPRNG); `taken` says whether an
/// index is already assigned.
pub fn random_index(
    len: usize,
    taken: impl Fn(usize) -> bool,
    random: &mut dyn FnMut() -> u64,
) -> Result<usize> {
    if len == 0 {
        return Err(Error::StatusList("empty list".into()));
    }
    for _ in 0..64 {
        let index = (random() % len as u64) as usize;
        if !taken(index) {
            return Ok(index);
        }
    }
    // Nearly full: scan from a random start instead of drawing forever.
    let start = (random() % len as u64) as usize;
    (0..len)
        .map(|i| (start + i) % len)
        .find(|&i| !taken(i))
        .ok_or_else(|| Error::StatusList("the list is full".into()))
}

/// What a status list credential is made from (before it is signed).
pub struct StatusListCredential<'a> {
    /// The stable URL the credential is served at.
    pub id: &'a str,
    pub issuer: &'a str,
    pub purpose: StatusPurpose,
    pub list: &'a StatusList,
    pub valid_from: Timestamp,
    pub valid_until: Option<Timestamp>,
}

impl StatusListCredential<'_> {
    /// The unsigned `BitstringStatusListCredential` (VC Data Model 2.0).
    pub fn to_json(&self) -> Value {
        let mut vc = json!({
            "@context": [CREDENTIALS_V2],
            "id": self.id,
            "type": ["VerifiableCredential", "BitstringStatusListCredential"],
            "issuer": self.issuer,
            "validFrom": time::format(self.valid_from),
            "credentialSubject": {
                "id": format!("{}#list", self.id),
                "type": "BitstringStatusList",
                "statusPurpose": self.purpose.as_str(),
                "encodedList": self.list.encode(),
            }
        });
        if let Some(until) = self.valid_until {
            vc["validUntil"] = json!(time::format(until));
        }
        vc
    }
}

/// A credential's `BitstringStatusListEntry`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusEntry {
    pub purpose: StatusPurpose,
    pub index: usize,
    pub list_credential: String,
}

impl StatusEntry {
    /// The entry as JSON (`statusListIndex` is a string, as the specification requires).
    pub fn to_json(&self) -> Value {
        json!({
            "id": format!("{}#{}", self.list_credential, self.index),
            "type": "BitstringStatusListEntry",
            "statusPurpose": self.purpose.as_str(),
            "statusListIndex": self.index.to_string(),
            "statusListCredential": self.list_credential,
        })
    }

    /// Reads the entries of a credential's `credentialStatus` (one object or an array).
    pub fn read_all(credential: &Value) -> Result<Vec<StatusEntry>> {
        let items = match credential.get("credentialStatus") {
            None => return Ok(Vec::new()),
            Some(Value::Array(items)) => items.clone(),
            Some(one) => vec![one.clone()],
        };
        items.iter().map(StatusEntry::parse).collect()
    }

    fn parse(entry: &Value) -> Result<StatusEntry> {
        let text = |k: &str| {
            entry
                .get(k)
                .and_then(Value::as_str)
                .ok_or_else(|| Error::StatusList(format!("status entry without {k}")))
        };
        if text("type")? != "BitstringStatusListEntry" {
            return Err(Error::StatusList("not a BitstringStatusListEntry".into()));
        }
        Ok(StatusEntry {
            purpose: StatusPurpose::parse(text("statusPurpose")?)?,
            index: text("statusListIndex")?
                .parse()
                .map_err(|_| Error::StatusList("statusListIndex is not a number".into()))?,
            list_credential: text("statusListCredential")?.to_string(),
        })
    }

    /// The entry's bit in its (already verified) list credential. Fails closed: a list for
    /// another issuer, URL or purpose is an error, never "not revoked".
    pub fn check(&self, list_credential: &Value, credential_issuer: &str) -> Result<bool> {
        let issuer = match list_credential.get("issuer") {
            Some(Value::String(s)) => Some(s.as_str()),
            Some(other) => other.get("id").and_then(Value::as_str),
            None => None,
        };
        if issuer != Some(credential_issuer) {
            return Err(Error::StatusList(
                "the status list belongs to another issuer".into(),
            ));
        }
        if list_credential.get("id").and_then(Value::as_str) != Some(&self.list_credential) {
            return Err(Error::StatusList(
                "the status list is not the one the entry names".into(),
            ));
        }
        let subject = &list_credential["credentialSubject"];
        if subject.get("statusPurpose").and_then(Value::as_str) != Some(self.purpose.as_str()) {
            return Err(Error::StatusList(
                "the status list has another purpose".into(),
            ));
        }
        let encoded = subject
            .get("encodedList")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::StatusList("status list without encodedList".into()))?;
        StatusList::decode(encoded)?.get(self.index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_round_trip_through_the_encoding() {
        let mut list = StatusList::new(MIN_BITS).unwrap();
        list.set(3, true).unwrap();
        list.set(MIN_BITS - 1, true).unwrap();
        let decoded = StatusList::decode(&list.encode()).unwrap();
        assert_eq!(decoded.bytes[0], 0x10);
        assert!(decoded.get(3).unwrap() && decoded.get(MIN_BITS - 1).unwrap());
        assert!(!decoded.get(4).unwrap());
        assert!(decoded.get(MIN_BITS).is_err());
        assert!(StatusList::new(1024).is_err());
    }

    #[test]
    fn random_indexes_avoid_taken_positions() {
        let mut state = 7u64;
        let mut random = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            state >> 11
        };
        let index = random_index(16, |i| i != 9, &mut random).unwrap();
        assert_eq!(index, 9);
        assert!(random_index(16, |_| true, &mut random).is_err());
    }
}
