//! Agreements (互认协议) and letters of intent (意向书) between societies, with versions.

use crate::deadlines::Deadlines;
use crate::fees::Fee;
use crate::{Date, LocalizedText, RecognitionRule};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementKind {
    Agreement,
    LetterOfIntent,
}

impl AgreementKind {
    pub fn code(self) -> &'static str {
        match self {
            AgreementKind::Agreement => "agreement",
            AgreementKind::LetterOfIntent => "letter-of-intent",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Agreement, Self::LetterOfIntent]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

/// Lifecycle of an agreement: draft → intent → in force → suspended | expired.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AgreementStatus {
    Draft,
    Intent,
    InForce,
    Suspended,
    Expired,
}

impl AgreementStatus {
    pub const ALL: [AgreementStatus; 5] = [
        Self::Draft,
        Self::Intent,
        Self::InForce,
        Self::Suspended,
        Self::Expired,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Intent => "intent",
            Self::InForce => "in-force",
            Self::Suspended => "suspended",
            Self::Expired => "expired",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum VersionStatus {
    /// Being drafted; recognises nobody yet, but can be analysed for its impact.
    Draft,
    /// The one version that recognises applicants today.
    InForce,
    /// Replaced by a later version; kept because applications froze it.
    Superseded,
}

impl VersionStatus {
    pub fn code(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::InForce => "in-force",
            Self::Superseded => "superseded",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Draft, Self::InForce, Self::Superseded]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgreementVersion {
    pub number: u32,
    pub status: VersionStatus,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_from: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(default, alias = "rule")]
    pub rules: Vec<RecognitionRule>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agreement {
    pub id: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub specialty: String,
    pub parties: Vec<String>,
    pub titles: LocalizedText,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub signed_on: Option<Date>,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_from: Option<Date>,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub effective_until: Option<Date>,
    #[serde(default)]
    pub sample: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LocalizedText>,
    #[serde(default, alias = "version")]
    pub versions: Vec<AgreementVersion>,
    /// The clocks of applications under this agreement; the defaults when the file has no
    /// `[deadlines]` table.
    #[serde(default)]
    pub deadlines: Deadlines,
    /// What each society charges for each step; none when the file has no `[[fee]]`.
    #[serde(default, alias = "fee", skip_serializing_if = "Vec::is_empty")]
    pub fees: Vec<Fee>,
}

impl Agreement {
    /// The version that recognises applicants now, if the agreement is in force.
    pub fn version_in_force(&self) -> Option<&AgreementVersion> {
        (self.status == AgreementStatus::InForce)
            .then(|| {
                self.versions
                    .iter()
                    .find(|v| v.status == VersionStatus::InForce)
            })
            .flatten()
    }
}
