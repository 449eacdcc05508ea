//! The catalogue's ladders indexed once, so that rules and qualifications meet as integers.

use super::HeldQualification;
use crate::{Catalogue, Framework};
use std::collections::HashMap;

/// A framework as a small integer: its position among the catalogue's frameworks (sorted by
/// id). Rules and qualifications resolved against the same catalogue compare by key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FrameworkKey(pub u32);

impl FrameworkKey {
    /// A framework the catalogue does not know: no compiled rule ever has it.
    pub const UNKNOWN: FrameworkKey = FrameworkKey(u32::MAX);
}

/// A held qualification's framework and level resolved: the key of its framework and the
/// rank of its level, 0 when the level is not a rung of that ladder (so it meets no
/// minimum).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldRank {
    pub framework: FrameworkKey,
    pub rank: u32,
}

impl HeldRank {
    /// A qualification in a framework nobody knows: no rule applies to it.
    pub const UNKNOWN: HeldRank = HeldRank {
        framework: FrameworkKey::UNKNOWN,
        rank: 0,
    };
}

/// Every ladder of a catalogue by framework id, for resolving many qualifications quickly
/// (a roster of a million engineers) and for compiling rules with the same keys.
#[derive(Debug, Clone, Default)]
pub struct Ladders<'c> {
    frameworks: HashMap<&'c str, (FrameworkKey, &'c Framework)>,
}

impl<'c> Ladders<'c> {
    /// Indexes every framework of `catalogue`.
    pub fn new(catalogue: &'c Catalogue) -> Self {
        let frameworks = catalogue
            .frameworks
            .values()
            .enumerate()
            .map(|(i, f)| (f.id.as_str(), (FrameworkKey(i as u32), f)))
            .collect();
        Ladders { frameworks }
    }

    /// The framework with this id and its key.
    pub fn framework(&self, id: &str) -> Option<(FrameworkKey, &'c Framework)> {
        self.frameworks.get(id).copied()
    }

    /// The rank of `level` in `framework`, with the framework's key.
    pub fn rank(&self, framework: &str, level: &str) -> HeldRank {
        match self.framework(framework) {
            Some((key, f)) => HeldRank {
                framework: key,
                rank: f.level(level).map_or(0, |l| l.rank),
            },
            None => HeldRank::UNKNOWN,
        }
    }

    /// The same for a held qualification.
    pub fn held(&self, q: &HeldQualification) -> HeldRank {
        self.rank(&q.framework, &q.level)
    }
}
