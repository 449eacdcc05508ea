//! The fast answer: which rule wins and what it grants, without reasons or trace, so that
//! impact analysis over a million engineers allocates nothing per engineer.

use super::checks::Checks;
use super::{CompiledRule, CompiledVersion, OutcomeKind, Profile, RequirementSet, Standing};
use std::cmp::Reverse;

/// What a version grants one profile at one target society.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Verdict {
    pub kind: OutcomeKind,
    /// Index of the winning rule in the version.
    pub rule: Option<u32>,
    /// Rank of the level granted in the target society's ladder; 0 when ineligible.
    pub level_rank: u32,
    /// Requirements of the winning rule not yet met.
    pub outstanding: RequirementSet,
    /// Rules towards the target that start from the qualification's framework, in the
    /// agreement's specialty: 0 means the version does not speak of this qualification.
    pub considered: u32,
}

impl Verdict {
    /// Nothing considered, nothing granted.
    pub const NOTHING: Verdict = Verdict {
        kind: OutcomeKind::Ineligible,
        rule: None,
        level_rank: 0,
        outstanding: RequirementSet::NONE,
        considered: 0,
    };

    /// How good the verdict is, to compare it with another (see [`Standing`]).
    pub fn standing(&self) -> Standing {
        Standing {
            level_rank: self.level_rank,
            kind: self.kind,
        }
    }
}

/// How a passing rule ranks against another: the highest level first, then nothing
/// outstanding over something, then fewer requirements outstanding. On a tie the rule
/// listed first wins, so the answer never depends on anything but the version.
fn preference(rule: &CompiledRule, kind: OutcomeKind, outstanding: RequirementSet) -> impl Ord {
    (rule.to_rank, kind, Reverse(outstanding.len()))
}

impl CompiledVersion {
    /// The verdict of this version for `profile` at `self.targets()[target]`, with the
    /// requirements in `met` already done. Refused and lapsed qualifications, and those in
    /// another specialty, get [`Verdict::NOTHING`]: no rule is considered for them.
    pub fn verdict(&self, target: usize, profile: &Profile, met: RequirementSet) -> Verdict {
        let mut verdict = Verdict::NOTHING;
        if !profile.status.is_live() || !profile.in_specialty {
            return verdict;
        }
        let mut best = None;
        for rule in &self.targets[target].rules {
            if rule.framework != profile.framework {
                continue;
            }
            verdict.considered += 1;
            if !Checks::of(rule, profile).all_pass() {
                continue;
            }
            let outstanding = rule.requires.without(met);
            let kind = if outstanding.is_empty() {
                OutcomeKind::Eligible
            } else {
                OutcomeKind::Conditional
            };
            let key = preference(rule, kind, outstanding);
            if best.as_ref().is_none_or(|b| key > *b) {
                best = Some(key);
                verdict.kind = kind;
                verdict.rule = Some(rule.index);
                verdict.level_rank = rule.to_rank;
                verdict.outstanding = outstanding;
            }
        }
        verdict
    }
}
