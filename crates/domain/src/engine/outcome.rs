//! The three answers the engine gives, and how two answers compare.

use serde::{Deserialize, Serialize};

/// Whether an agreement recognises a qualification. Ordered worst to best, so that
/// `Eligible > Conditional > Ineligible`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// No rule's hard conditions all pass.
    Ineligible,
    /// A rule passes, but compensation measures it asks for are still outstanding.
    Conditional,
    /// A rule passes and nothing is outstanding.
    Eligible,
}

impl OutcomeKind {
    /// Every kind, best first, for tests and for whoever lists them.
    pub const ALL: [OutcomeKind; 3] = [Self::Eligible, Self::Conditional, Self::Ineligible];

    /// The stable code, the same as in JSON and in the Fluent id `outcome-{code}`.
    pub fn code(self) -> &'static str {
        match self {
            Self::Eligible => "eligible",
            Self::Conditional => "conditional",
            Self::Ineligible => "ineligible",
        }
    }
}

/// How good an outcome is for the engineer: first the level recognised (its rank in the
/// target society's ladder, 0 when none), then the kind. The level comes first because the
/// engine grants the highest level whose hard conditions pass: comparing in the same order
/// it chooses is what makes the engine monotone (more experience, CPD, a higher held level
/// or accredited education never give a lower standing). Conditional Member therefore
/// stands above eligible Graduate, and eligible Member above conditional Member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Standing {
    pub level_rank: u32,
    pub kind: OutcomeKind,
}

impl Standing {
    pub const NONE: Standing = Standing {
        level_rank: 0,
        kind: OutcomeKind::Ineligible,
    };
}
