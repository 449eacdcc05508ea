//! The hard conditions of one rule against one profile: the single place where the engine
//! decides pass or fail, shared by the fast verdict and the traced decision so they cannot
//! disagree.

use super::{CompiledRule, Profile};

/// Pass or fail of each hard condition. A rule applies when the level passes; it grants its
/// level when every one passes. (The framework, the specialty and the target society decide
/// which rules are considered at all, before any condition is checked.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Checks {
    pub level: bool,
    pub experience: bool,
    pub education: bool,
    pub cpd: bool,
    pub good_standing: bool,
}

impl Checks {
    #[inline]
    pub fn of(rule: &CompiledRule, p: &Profile) -> Checks {
        Checks {
            level: p.level_rank >= rule.min_rank,
            experience: p.experience_months >= rule.min_experience_months,
            education: !rule.accredited || p.accredited,
            cpd: rule.cpd_years == 0 || p.cpd.within(rule.cpd_years) >= rule.cpd_hours,
            good_standing: p.good_standing,
        }
    }

    /// Whether the rule applies to the qualification's level at all.
    pub fn applies(self) -> bool {
        self.level
    }

    #[inline]
    pub fn all_pass(self) -> bool {
        self.applies() && self.experience && self.education && self.cpd && self.good_standing
    }
}
