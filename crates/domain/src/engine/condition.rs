//! One line of a trace: a condition of a rule, what it expects, what the engineer has, and
//! whether that is enough.

use super::reason::{level, requirement_args};
use super::{Arg, Message, Reason};
use crate::Requirement;
use serde::{Deserialize, Serialize};

/// A condition with its expected and actual values. Figures are years (experience) and hours
/// (CPD); `bool`s say whether the engineer's education is accredited and whether they are in
/// good standing. A requirement is not a hard condition: not meeting it makes the outcome
/// conditional, not ineligible.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "condition", rename_all = "snake_case")]
pub enum Condition {
    /// `expected` is the rule's minimum level, `actual` the level held, both in `framework`.
    Level {
        framework: String,
        expected: String,
        actual: String,
    },
    Experience {
        expected: u32,
        actual: u32,
    },
    Education {
        expected: bool,
        actual: bool,
    },
    Cpd {
        expected: u32,
        actual: u32,
        within_years: u32,
    },
    GoodStanding {
        expected: bool,
        actual: bool,
    },
    Requirement {
        requirement: Requirement,
        met: bool,
    },
}

/// A condition and its result, e.g. `{"condition": "experience", "expected": 5,
/// "actual": 3, "passed": false}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConditionCheck {
    #[serde(flatten)]
    pub condition: Condition,
    pub passed: bool,
}

impl Condition {
    /// Every condition code, for tests and for whoever lists them.
    pub const CODES: [&'static str; 6] = [
        "level",
        "experience",
        "education",
        "cpd",
        "good_standing",
        "requirement",
    ];

    /// The stable snake_case code, as in JSON and in the Fluent id `condition-{code}`.
    pub fn code(&self) -> &'static str {
        match self {
            Condition::Level { .. } => "level",
            Condition::Experience { .. } => "experience",
            Condition::Education { .. } => "education",
            Condition::Cpd { .. } => "cpd",
            Condition::GoodStanding { .. } => "good_standing",
            Condition::Requirement { .. } => "requirement",
        }
    }

    /// Whether failing the condition stops the rule from granting anything.
    pub fn is_hard(&self) -> bool {
        !matches!(self, Condition::Requirement { .. })
    }

    /// The reason this condition gives when it fails.
    pub fn failure(&self) -> Reason {
        match self {
            Condition::Level {
                framework,
                expected,
                actual,
            } => Reason::LevelBelowMinimum {
                framework: framework.clone(),
                required_level: expected.clone(),
                actual_level: actual.clone(),
            },
            Condition::Experience { expected, actual } => Reason::ExperienceShort {
                required_years: *expected,
                actual_years: *actual,
            },
            Condition::Education { .. } => Reason::EducationNotAccredited,
            Condition::Cpd {
                expected,
                actual,
                within_years,
            } => Reason::CpdShort {
                required_hours: *expected,
                actual_hours: *actual,
                within_years: *within_years,
            },
            Condition::GoodStanding { .. } => Reason::NotInGoodStanding,
            Condition::Requirement { requirement, .. } => Reason::RequirementOutstanding {
                requirement: *requirement,
            },
        }
    }
}

impl Message for ConditionCheck {
    fn message_id(&self) -> &'static str {
        match self.condition {
            Condition::Level { .. } => "condition-level",
            Condition::Experience { .. } => "condition-experience",
            Condition::Education { .. } => "condition-education",
            Condition::Cpd { .. } => "condition-cpd",
            Condition::GoodStanding { .. } => "condition-good_standing",
            Condition::Requirement { .. } => "condition-requirement",
        }
    }

    /// Every condition message also gets `passed` (`yes` or `no`).
    fn message_args(&self) -> Vec<(&'static str, Arg)> {
        let mut args = match &self.condition {
            Condition::Level {
                framework,
                expected,
                actual,
            } => vec![
                ("framework", Arg::Framework(framework.clone())),
                ("expected", level(framework, expected)),
                ("actual", level(framework, actual)),
            ],
            Condition::Experience { expected, actual } => vec![
                ("expected", Arg::Number(*expected)),
                ("actual", Arg::Number(*actual)),
            ],
            Condition::Education { expected, actual }
            | Condition::GoodStanding { expected, actual } => vec![
                ("expected", Arg::yes_no(*expected)),
                ("actual", Arg::yes_no(*actual)),
            ],
            Condition::Cpd {
                expected,
                actual,
                within_years,
            } => vec![
                ("expected", Arg::Number(*expected)),
                ("actual", Arg::Number(*actual)),
                ("within_years", Arg::Number(*within_years)),
            ],
            Condition::Requirement { requirement, met } => {
                let mut args = requirement_args(*requirement);
                args.push(("met", Arg::yes_no(*met)));
                args
            }
        };
        args.push(("passed", Arg::yes_no(self.passed)));
        args
    }
}
