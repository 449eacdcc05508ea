//! The trace of one rule: every condition it sets, checked, so that an engineer or a
//! reviewer can see exactly why a rule did or did not grant its level.

use super::checks::Checks;
use super::{
    CompiledRule, CompiledVersion, Condition, ConditionCheck, HeldQualification, Profile,
    RequirementSet,
};
use serde::{Deserialize, Serialize};

/// One rule considered for a decision: one that leads to the target society from the
/// qualification's framework, in an agreement of the qualification's specialty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleTrace {
    /// Position of the rule in the version.
    pub rule: u32,
    /// The level the rule grants, with its rank in the target society's ladder.
    pub to_level: String,
    pub to_rank: u32,
    /// The level passes: the rule speaks to this qualification.
    pub applies: bool,
    /// Every hard condition passes: the rule could grant its level.
    pub passed: bool,
    /// The rule the decision rests on.
    pub chosen: bool,
    /// Level and good standing always; experience, education and CPD when the
    /// rule sets them; then each requirement, met or not.
    pub conditions: Vec<ConditionCheck>,
}

impl RuleTrace {
    pub(crate) fn build(
        version: &CompiledVersion,
        rule: &CompiledRule,
        profile: &Profile,
        q: &HeldQualification,
        met: RequirementSet,
    ) -> RuleTrace {
        let checks = Checks::of(rule, profile);
        let written = version.rule(rule.index);
        let mut conditions = Vec::with_capacity(6 + rule.requires.len() as usize);
        let mut push = |condition, passed| conditions.push(ConditionCheck { condition, passed });
        push(
            Condition::Level {
                framework: written.from.framework.clone(),
                expected: written.from.min_level.clone(),
                actual: q.level.clone(),
            },
            checks.level,
        );
        if rule.min_experience_months > 0 {
            push(
                Condition::Experience {
                    expected: written.min_experience_years,
                    actual: profile.experience_years(),
                },
                checks.experience,
            );
        }
        if rule.accredited {
            push(
                Condition::Education {
                    expected: true,
                    actual: profile.accredited,
                },
                checks.education,
            );
        }
        if rule.cpd_years > 0 {
            push(
                Condition::Cpd {
                    expected: rule.cpd_hours,
                    actual: profile.cpd.within(rule.cpd_years),
                    within_years: rule.cpd_years,
                },
                checks.cpd,
            );
        }
        push(
            Condition::GoodStanding {
                expected: true,
                actual: profile.good_standing,
            },
            checks.good_standing,
        );
        for requirement in rule.requires.iter() {
            let met = met.contains(requirement);
            push(Condition::Requirement { requirement, met }, met);
        }
        RuleTrace {
            rule: rule.index,
            to_level: written.to.level.clone(),
            to_rank: rule.to_rank,
            applies: checks.applies(),
            passed: checks.all_pass(),
            chosen: false,
            conditions,
        }
    }
}
