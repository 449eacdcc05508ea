//! The full answer for one qualification at one society: outcome, level, what is missing
//! and the trace that explains it — what an engineer and a reviewer read.

use super::reason::level;
use super::{
    Arg, CompiledVersion, Facts, HeldQualification, Message, OutcomeKind, Profile, Reason,
    RequirementSet, RuleTrace, Standing, Verdict,
};
use crate::engineer::QualificationStatus;
use crate::{Date, Requirement};
use serde::{Deserialize, Serialize};

/// The level recognised: its id and rank in the target society's own ladder `framework`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GrantedLevel {
    pub framework: String,
    pub id: String,
    pub rank: u32,
}

/// What one agreement version decides for one qualification at one target society.
/// Serializable as it stands, so an application can freeze it as its evaluation snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub agreement: String,
    pub version: u32,
    /// The target society.
    pub society: String,
    pub outcome: OutcomeKind,
    /// The level recognised; `None` when ineligible.
    pub level: Option<GrantedLevel>,
    /// Position of the winning rule in the version.
    pub rule: Option<u32>,
    /// Requirements of the winning rule still to be met; empty unless conditional.
    pub outstanding: Vec<Requirement>,
    /// Empty when eligible; the outstanding requirements when conditional; every failed
    /// hard condition of every rule considered (each once) when ineligible.
    pub reasons: Vec<Reason>,
    /// Every rule considered, in the order of the version.
    pub trace: Vec<RuleTrace>,
}

impl Decision {
    /// How good the decision is, to compare it with another (see [`Standing`]).
    pub fn standing(&self) -> Standing {
        Standing {
            level_rank: self.level.as_ref().map_or(0, |l| l.rank),
            kind: self.outcome,
        }
    }

    fn ineligible(version: &CompiledVersion, society: &str, reason: Reason) -> Decision {
        Decision {
            agreement: version.agreement.clone(),
            version: version.version,
            society: society.to_string(),
            outcome: OutcomeKind::Ineligible,
            level: None,
            rule: None,
            outstanding: Vec::new(),
            reasons: vec![reason],
            trace: Vec::new(),
        }
    }
}

/// Evaluates `qualification`, held by an engineer with `facts`, under `version` for
/// recognition by the society `target`, as of `today`, with the requirements in `met`
/// already done ([`RequirementSet::NONE`] when nothing is known to be).
///
/// Of the rules that lead from the qualification's framework to `target`, the one granting
/// the highest level whose hard conditions all pass wins; its requirements not yet met make
/// the outcome conditional. Refused and lapsed qualifications are not evaluated.
pub fn evaluate(
    facts: &Facts,
    qualification: &HeldQualification,
    version: &CompiledVersion,
    target: &str,
    today: Date,
    met: RequirementSet,
) -> Decision {
    match qualification.status {
        QualificationStatus::Refused => {
            return Decision::ineligible(version, target, Reason::QualificationRefused);
        }
        QualificationStatus::Lapsed => {
            return Decision::ineligible(version, target, Reason::QualificationLapsed);
        }
        QualificationStatus::Claimed | QualificationStatus::Attested => {}
    }
    let Some(t) = version.target_index(target) else {
        let reason = Reason::FrameworkNotCovered {
            framework: qualification.framework.clone(),
            society: target.to_string(),
        };
        return Decision::ineligible(version, target, reason);
    };
    let profile = version.profile(facts, qualification, today);
    evaluate_profile(version, t, &profile, qualification, met)
}

/// [`evaluate`] once the target is found and the profile built, for callers that evaluate
/// one profile at several targets.
pub(crate) fn evaluate_profile(
    version: &CompiledVersion,
    target: usize,
    profile: &Profile,
    qualification: &HeldQualification,
    met: RequirementSet,
) -> Decision {
    let society = &version.targets[target].society;
    if !profile.in_specialty {
        let reason = Reason::SpecialtyMismatch {
            required_specialty: version.specialty.clone(),
            actual_specialty: qualification.specialty.clone(),
        };
        return Decision::ineligible(version, society, reason);
    }
    let verdict = version.verdict(target, profile, met);
    if verdict.considered == 0 {
        let reason = Reason::FrameworkNotCovered {
            framework: qualification.framework.clone(),
            society: society.clone(),
        };
        return Decision::ineligible(version, society, reason);
    }
    let trace = version.targets[target]
        .rules
        .iter()
        .filter(|r| r.framework == profile.framework)
        .map(|r| RuleTrace::build(version, r, profile, qualification, met))
        .map(|mut rt| {
            rt.chosen = Some(rt.rule) == verdict.rule;
            rt
        })
        .collect();
    decide(version, target, verdict, trace)
}

/// The decision a verdict amounts to, with its trace and reasons.
fn decide(
    version: &CompiledVersion,
    target: usize,
    verdict: Verdict,
    trace: Vec<RuleTrace>,
) -> Decision {
    let society = &version.targets[target];
    let reasons = match verdict.kind {
        OutcomeKind::Eligible => Vec::new(),
        OutcomeKind::Conditional => verdict
            .outstanding
            .iter()
            .map(|requirement| Reason::RequirementOutstanding { requirement })
            .collect(),
        OutcomeKind::Ineligible => failures(&trace),
    };
    Decision {
        agreement: version.agreement.clone(),
        version: version.version,
        society: society.society.clone(),
        outcome: verdict.kind,
        level: verdict.rule.map(|r| GrantedLevel {
            framework: society.framework.clone(),
            id: version.rule(r).to.level.clone(),
            rank: verdict.level_rank,
        }),
        rule: verdict.rule,
        outstanding: verdict.outstanding.iter().collect(),
        reasons,
        trace,
    }
}

/// Every failed hard condition of every rule traced, each reason once, in trace order.
fn failures(trace: &[RuleTrace]) -> Vec<Reason> {
    let mut reasons: Vec<Reason> = Vec::new();
    let failed = trace
        .iter()
        .flat_map(|rt| &rt.conditions)
        .filter(|c| !c.passed && c.condition.is_hard());
    for check in failed {
        let reason = check.condition.failure();
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    reasons
}

/// The outcome as one sentence: `outcome-eligible` and so on, with the society and, when
/// one is recognised, the level.
impl Message for Decision {
    fn message_id(&self) -> &'static str {
        match self.outcome {
            OutcomeKind::Eligible => "outcome-eligible",
            OutcomeKind::Conditional => "outcome-conditional",
            OutcomeKind::Ineligible => "outcome-ineligible",
        }
    }

    fn message_args(&self) -> Vec<(&'static str, Arg)> {
        let mut args = vec![("society", Arg::Society(self.society.clone()))];
        if let Some(l) = &self.level {
            args.push(("level", level(&l.framework, &l.id)));
        }
        args
    }
}
