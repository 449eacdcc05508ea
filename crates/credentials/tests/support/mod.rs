//! Shared helpers for the integration tests: the W3C vectors on disk and a fixed clock.

#![allow(dead_code)]

use serde_json::Value;
use std::path::PathBuf;

pub fn vectors() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/test-vectors")
}

pub fn json(path: &str) -> Value {
    serde_json::from_str(&text(path)).unwrap()
}

pub fn text(path: &str) -> String {
    std::fs::read_to_string(vectors().join(path)).unwrap()
}

pub fn now() -> jiff::Timestamp {
    "2026-11-29T00:00:00Z".parse().unwrap()
}

pub fn certificate() -> Value {
    serde_json::from_str(include_str!("../data/recognition-certificate.json")).unwrap()
}
