//! The mechanism's people and events beside its agreements.

use crate::{Date, LocalizedText};
use serde::{Deserialize, Serialize};

/// An honorary fellow (荣誉会士) appointed by a society.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fellow {
    pub id: String,
    pub society: String,
    pub names: LocalizedText,
    pub citation: LocalizedText,
    #[serde(with = "crate::date")]
    pub appointed_on: Date,
    #[serde(default)]
    pub sample: bool,
}

/// An exchange activity of the societies' working groups (工作小组).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Activity {
    pub id: String,
    #[serde(with = "crate::date")]
    pub held_on: Date,
    pub kind: ActivityKind,
    pub titles: LocalizedText,
    pub societies: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<LocalizedText>,
    #[serde(default)]
    pub sample: bool,
}

/// What kind of exchange an activity was; a closed list so every kind has a name in every
/// language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActivityKind {
    Signing,
    Meeting,
    Consultation,
    Seminar,
    Forum,
    Visit,
    Training,
    Exchange,
}

impl ActivityKind {
    pub const ALL: [ActivityKind; 8] = [
        Self::Signing,
        Self::Meeting,
        Self::Consultation,
        Self::Seminar,
        Self::Forum,
        Self::Visit,
        Self::Training,
        Self::Exchange,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::Signing => "signing",
            Self::Meeting => "meeting",
            Self::Consultation => "consultation",
            Self::Seminar => "seminar",
            Self::Forum => "forum",
            Self::Visit => "visit",
            Self::Training => "training",
            Self::Exchange => "exchange",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == s)
    }
}
