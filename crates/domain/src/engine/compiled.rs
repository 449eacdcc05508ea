//! An agreement version's rules in the form the engine evaluates: integers, grouped by the
//! society that recognises.

use super::{Facts, FrameworkKey, HeldQualification, HeldRank, Profile, RequirementSet};
use crate::{Date, RecognitionRule};

/// One rule with every id resolved: ranks in place of level ids, months in place of years,
/// bits in place of requirement names. 40 bytes, so a version's rules sit in a cache line
/// or two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CompiledRule {
    /// Position of the rule in the version (`version.rule[index]` in the file).
    pub index: u32,
    pub framework: FrameworkKey,
    /// Rank of `from.min_level` in the source framework.
    pub min_rank: u32,
    /// Rank of `to.level` in the target society's own ladder.
    pub to_rank: u32,
    pub min_experience_months: u32,
    pub accredited: bool,
    /// CPD hours asked for within `cpd_years` years; `cpd_years` is 0 when the rule asks none.
    pub cpd_hours: u32,
    pub cpd_years: u32,
    pub requires: RequirementSet,
}

/// The rules of a version that lead to one society, in the order the version lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledTarget {
    pub society: String,
    /// The society's own ladder, in which `to_rank` is counted.
    pub framework: String,
    pub rules: Vec<CompiledRule>,
}

/// A framework that rules of the version start from, kept so that a qualification can be
/// resolved without the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub id: String,
    pub key: FrameworkKey,
    /// Level ids with their ranks.
    pub levels: Vec<(String, u32)>,
}

/// An agreement version ready for evaluation: built once by [`CompiledVersion::compile`],
/// then used for any number of engineers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledVersion {
    pub(crate) agreement: String,
    pub(crate) version: u32,
    pub(crate) specialty: String,
    pub(crate) targets: Vec<CompiledTarget>,
    pub(crate) sources: Vec<Source>,
    pub(crate) rules: Vec<RecognitionRule>,
}

impl CompiledVersion {
    /// The agreement's id, carried into every decision so a snapshot names its source.
    pub fn agreement(&self) -> &str {
        &self.agreement
    }

    /// The version's number within its agreement.
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The agreement's specialty: the only one its rules speak of.
    pub fn specialty(&self) -> &str {
        &self.specialty
    }

    /// Every society the version recognises into, in order of first mention.
    pub fn targets(&self) -> &[CompiledTarget] {
        &self.targets
    }

    /// The position of `society` among [`Self::targets`].
    pub fn target_index(&self, society: &str) -> Option<usize> {
        self.targets.iter().position(|t| t.society == society)
    }

    /// The rule as written, for traces and messages.
    pub fn rule(&self, index: u32) -> &RecognitionRule {
        &self.rules[index as usize]
    }

    /// The qualification's framework key and level rank, as far as this version's rules
    /// know the framework; an unknown framework matches none of them.
    pub fn held(&self, q: &HeldQualification) -> HeldRank {
        match self.sources.iter().find(|s| s.id == q.framework) {
            Some(s) => HeldRank {
                framework: s.key,
                rank: s
                    .levels
                    .iter()
                    .find(|(id, _)| *id == q.level)
                    .map_or(0, |(_, rank)| *rank),
            },
            None => HeldRank::UNKNOWN,
        }
    }

    /// The profile this version's rules look at.
    pub fn profile(&self, facts: &Facts, q: &HeldQualification, today: Date) -> Profile {
        Profile::new(facts, q, self.held(q), &self.specialty, today)
    }

    /// Whether any rule towards `target` starts from `framework`.
    pub fn reaches(&self, target: usize, framework: FrameworkKey) -> bool {
        self.targets[target]
            .rules
            .iter()
            .any(|r| r.framework == framework)
    }
}
