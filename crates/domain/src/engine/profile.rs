//! One qualification and the facts about its holder, reduced to the numbers rules compare.

use super::{CpdHours, Facts, FrameworkKey, HeldQualification, HeldRank};
use crate::Date;
use crate::engineer::QualificationStatus;

/// What the rules of an agreement look at, as of one day and in the agreement's specialty.
/// Small and `Copy`, so a population of a million profiles is one dense array and
/// evaluating a rule against one is a handful of integer comparisons.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Profile {
    pub framework: FrameworkKey,
    /// Rank of the held level in its framework; 0 when the level is not on the ladder.
    pub level_rank: u32,
    pub status: QualificationStatus,
    /// Whether the qualification is in the agreement's specialty.
    pub in_specialty: bool,
    /// Months of experience in the agreement's specialty.
    pub experience_months: u32,
    pub accredited: bool,
    pub good_standing: bool,
    pub cpd: CpdHours,
}

impl Profile {
    /// Reduces `facts` and `qualification` for an agreement in `specialty`, judged on
    /// `today`; `held` is the qualification's framework and level already resolved (by
    /// [`super::Ladders::held`] or [`super::CompiledVersion::held`]).
    pub fn new(
        facts: &Facts,
        qualification: &HeldQualification,
        held: HeldRank,
        specialty: &str,
        today: Date,
    ) -> Self {
        Profile {
            framework: held.framework,
            level_rank: held.rank,
            status: qualification.status,
            in_specialty: qualification.specialty == specialty,
            experience_months: facts.experience_months(specialty),
            accredited: facts.accredited_education,
            good_standing: facts.good_standing,
            cpd: CpdHours::new(&facts.cpd, today),
        }
    }

    /// Whole years of experience, as people count them (4 years and 11 months is 4 years).
    pub fn experience_years(&self) -> u32 {
        self.experience_months / 12
    }
}
