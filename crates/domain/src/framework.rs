//! Qualification frameworks: ordered ladders of levels kept by a society or a statutory body.

use crate::{Jurisdiction, LocalizedText};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FrameworkKind {
    /// Mainland professional titles (职称).
    Title,
    /// A society's membership grades.
    Membership,
    /// A statutory registration (e.g. a registered professional engineer).
    Registration,
}

impl FrameworkKind {
    pub fn code(self) -> &'static str {
        match self {
            FrameworkKind::Title => "title",
            FrameworkKind::Membership => "membership",
            FrameworkKind::Registration => "registration",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Title, Self::Membership, Self::Registration]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

/// One rung of a ladder. Rank orders the rungs within their framework only: comparing ranks
/// of two frameworks means nothing, which is exactly why agreements exist.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Level {
    pub id: String,
    pub names: LocalizedText,
    /// Position in the ladder, 1 for the lowest; filled from the order in data files.
    #[serde(default)]
    pub rank: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub names: LocalizedText,
    pub kind: FrameworkKind,
    pub jurisdiction: Jurisdiction,
    /// The society that keeps the ladder, when a society does (membership grades).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default)]
    pub sample: bool,
    /// Lowest first.
    #[serde(alias = "level")]
    pub levels: Vec<Level>,
}

impl Framework {
    pub fn level(&self, id: &str) -> Option<&Level> {
        self.levels.iter().find(|l| l.id == id)
    }

    /// Gives every level its rank from its position, lowest first.
    pub fn rank_levels(&mut self) {
        for (i, level) in self.levels.iter_mut().enumerate() {
            level.rank = i as u32 + 1;
        }
    }
}
