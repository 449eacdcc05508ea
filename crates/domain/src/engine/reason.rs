//! Why an outcome is what it is, as stable codes with parameters: the same code in JSON, in
//! the Fluent id and in tests, so a reason can be shown, counted and translated.

use super::{Arg, Message};
use crate::Requirement;
use serde::{Deserialize, Serialize};

/// One reason, serialized as `{"code": "experience_short", "required_years": 5,
/// "actual_years": 3}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "code", rename_all = "snake_case", deny_unknown_fields)]
pub enum Reason {
    /// The home society refused to attest the qualification: nothing is evaluated.
    QualificationRefused,
    /// The qualification is no longer held: nothing is evaluated.
    QualificationLapsed,
    /// No rule of the version leads from the qualification's framework to the society.
    FrameworkNotCovered {
        framework: String,
        society: String,
    },
    /// The qualification is in another specialty than the agreement.
    SpecialtyMismatch {
        required_specialty: String,
        actual_specialty: String,
    },
    LevelBelowMinimum {
        framework: String,
        required_level: String,
        actual_level: String,
    },
    /// Whole years of experience in the agreement's specialty.
    ExperienceShort {
        required_years: u32,
        actual_years: u32,
    },
    EducationNotAccredited,
    CpdShort {
        required_hours: u32,
        actual_hours: u32,
        within_years: u32,
    },
    NotInGoodStanding,
    /// A compensation measure still to be met: what makes an outcome conditional.
    RequirementOutstanding {
        requirement: Requirement,
    },
}

impl Reason {
    /// Every reason code, for tests and for whoever lists them.
    pub const CODES: [&'static str; 10] = [
        "qualification_refused",
        "qualification_lapsed",
        "framework_not_covered",
        "specialty_mismatch",
        "level_below_minimum",
        "experience_short",
        "education_not_accredited",
        "cpd_short",
        "not_in_good_standing",
        "requirement_outstanding",
    ];

    /// The stable snake_case code, as in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Reason::QualificationRefused => "qualification_refused",
            Reason::QualificationLapsed => "qualification_lapsed",
            Reason::FrameworkNotCovered { .. } => "framework_not_covered",
            Reason::SpecialtyMismatch { .. } => "specialty_mismatch",
            Reason::LevelBelowMinimum { .. } => "level_below_minimum",
            Reason::ExperienceShort { .. } => "experience_short",
            Reason::EducationNotAccredited => "education_not_accredited",
            Reason::CpdShort { .. } => "cpd_short",
            Reason::NotInGoodStanding => "not_in_good_standing",
            Reason::RequirementOutstanding { .. } => "requirement_outstanding",
        }
    }
}

/// The variables naming a requirement: its code, and its months for an adaptation period.
pub(crate) fn requirement_args(r: Requirement) -> Vec<(&'static str, Arg)> {
    let mut args = vec![("requirement", Arg::Code(r.code()))];
    if let Some(months) = r.months() {
        args.push(("months", Arg::Number(months)));
    }
    args
}

impl Message for Reason {
    fn message_id(&self) -> &'static str {
        match self {
            Reason::QualificationRefused => "reason-qualification_refused",
            Reason::QualificationLapsed => "reason-qualification_lapsed",
            Reason::FrameworkNotCovered { .. } => "reason-framework_not_covered",
            Reason::SpecialtyMismatch { .. } => "reason-specialty_mismatch",
            Reason::LevelBelowMinimum { .. } => "reason-level_below_minimum",
            Reason::ExperienceShort { .. } => "reason-experience_short",
            Reason::EducationNotAccredited => "reason-education_not_accredited",
            Reason::CpdShort { .. } => "reason-cpd_short",
            Reason::NotInGoodStanding => "reason-not_in_good_standing",
            Reason::RequirementOutstanding { .. } => "reason-requirement_outstanding",
        }
    }

    fn message_args(&self) -> Vec<(&'static str, Arg)> {
        match self {
            Reason::QualificationRefused
            | Reason::QualificationLapsed
            | Reason::EducationNotAccredited
            | Reason::NotInGoodStanding => Vec::new(),
            Reason::FrameworkNotCovered { framework, society } => vec![
                ("framework", Arg::Framework(framework.clone())),
                ("society", Arg::Society(society.clone())),
            ],
            Reason::SpecialtyMismatch {
                required_specialty,
                actual_specialty,
            } => vec![
                (
                    "required_specialty",
                    Arg::Specialty(required_specialty.clone()),
                ),
                ("actual_specialty", Arg::Specialty(actual_specialty.clone())),
            ],
            Reason::LevelBelowMinimum {
                framework,
                required_level,
                actual_level,
            } => vec![
                ("framework", Arg::Framework(framework.clone())),
                ("required_level", level(framework, required_level)),
                ("actual_level", level(framework, actual_level)),
            ],
            Reason::ExperienceShort {
                required_years,
                actual_years,
            } => vec![
                ("required_years", Arg::Number(*required_years)),
                ("actual_years", Arg::Number(*actual_years)),
            ],
            Reason::CpdShort {
                required_hours,
                actual_hours,
                within_years,
            } => vec![
                ("required_hours", Arg::Number(*required_hours)),
                ("actual_hours", Arg::Number(*actual_hours)),
                ("within_years", Arg::Number(*within_years)),
            ],
            Reason::RequirementOutstanding { requirement } => requirement_args(*requirement),
        }
    }
}

pub(crate) fn level(framework: &str, level: &str) -> Arg {
    Arg::Level {
        framework: framework.to_string(),
        level: level.to_string(),
    }
}
