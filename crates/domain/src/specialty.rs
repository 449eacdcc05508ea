//! Specialties (专业领域) in which recognition is agreed.

use crate::LocalizedText;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SpecialtyStatus {
    /// In a pilot batch: agreements are being tried out.
    Pilot,
    /// Recognition is routine.
    Active,
}

impl SpecialtyStatus {
    pub fn code(self) -> &'static str {
        match self {
            SpecialtyStatus::Pilot => "pilot",
            SpecialtyStatus::Active => "active",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [SpecialtyStatus::Pilot, SpecialtyStatus::Active]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Specialty {
    pub id: String,
    pub names: LocalizedText,
    /// The pilot batch the specialty was opened in (第一批 = 1).
    pub batch: u32,
    pub status: SpecialtyStatus,
    #[serde(default)]
    pub sample: bool,
}
