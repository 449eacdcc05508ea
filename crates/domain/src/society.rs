//! Science-and-technology societies (科技社团) that take part in the mechanism.

use crate::{Date, Jurisdiction, LocalizedText};
use serde::{Deserialize, Serialize};

/// What a society does in the mechanism. The coordinator (the Engineers Society) convenes
/// and keeps the platform; signatories have signed agreements; consulting societies took
/// part in the rounds of consultation and may sign later.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum SocietyRole {
    Coordinator,
    Signatory,
    Consulting,
}

impl SocietyRole {
    pub const ALL: [SocietyRole; 3] = [
        SocietyRole::Coordinator,
        SocietyRole::Signatory,
        SocietyRole::Consulting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SocietyRole::Coordinator => "coordinator",
            SocietyRole::Signatory => "signatory",
            SocietyRole::Consulting => "consulting",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Society {
    pub id: String,
    pub names: LocalizedText,
    pub abbreviation: String,
    pub jurisdiction: Jurisdiction,
    pub role: SocietyRole,
    /// True for entries the seed does not name: shown as "示例 / Sample", never as fact.
    #[serde(default)]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub website: Option<String>,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub founded_on: Option<Date>,
    /// The body the society is registered under, e.g. the provincial association.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supervised_by: Option<LocalizedText>,
    /// Contact of the society's working group (工作小组) for exchange with the others.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub working_group_contact: Option<String>,
}
