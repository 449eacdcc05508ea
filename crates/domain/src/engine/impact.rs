//! Impact analysis (DESIGN.md §1, §3): before a draft version takes effect, how many
//! engineers would it recognise, and whom would it treat better or worse than the version
//! in force?

use super::tally::{Tally, TargetTally};
use super::{CompiledVersion, Population, Profile, RequirementSet, Verdict};
use serde::{Deserialize, Serialize};
use std::thread;

/// Below this many profiles, threads cost more than they save.
const PER_THREAD_AT_LEAST: usize = 50_000;

/// Engineers by outcome kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct OutcomeCounts {
    pub eligible: u64,
    pub conditional: u64,
    pub ineligible: u64,
}

/// How many engineers a kind of change concerns, with the first few of them (by position
/// in the population) so an administrator can look at real cases.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Change {
    pub count: u64,
    pub examples: Vec<String>,
}

/// The analysis for one target society. An engineer counts here when a rule of either
/// version leads from their qualification's framework to this society in the agreement's
/// specialty (and the qualification is claimed or attested).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetImpact {
    pub society: String,
    pub reached: u64,
    pub draft: OutcomeCounts,
    pub in_force: OutcomeCounts,
    /// A higher level, or the same level with a better kind ([`super::Standing`]).
    pub improved: Change,
    pub worsened: Change,
    pub unchanged: Change,
}

/// A draft version against the version in force (or against nothing, for an agreement not
/// yet in force), over a population. Requirements are taken as not yet met.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Impact {
    pub agreement: String,
    pub draft_version: u32,
    pub in_force_version: Option<u32>,
    /// Qualifications in the population.
    pub engineers: u64,
    /// Qualifications reached at one target society or more.
    pub reached: u64,
    /// The draft's target societies, then those only the version in force has.
    pub targets: Vec<TargetImpact>,
}

/// Versions and population that do not belong together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImpactError {
    #[error("the draft is a version of `{draft}`, the version in force one of `{in_force}`")]
    AgreementMismatch { draft: String, in_force: String },
    #[error("the population was resolved for `{population}`, the agreement is in `{agreement}`")]
    SpecialtyMismatch {
        population: String,
        agreement: String,
    },
}

/// A target society with its position among each version's targets.
struct Target {
    society: String,
    draft: Option<usize>,
    in_force: Option<usize>,
}

/// Compares `draft` with `in_force` for every engineer of `population`, on all cores.
pub fn impact(
    draft: &CompiledVersion,
    in_force: Option<&CompiledVersion>,
    population: &Population,
) -> Result<Impact, ImpactError> {
    check(draft, in_force, population)?;
    let targets = targets(draft, in_force);
    let tally = count(draft, in_force, &targets, population.profiles());
    Ok(report(draft, in_force, population, targets, tally))
}

fn check(
    draft: &CompiledVersion,
    in_force: Option<&CompiledVersion>,
    population: &Population,
) -> Result<(), ImpactError> {
    if let Some(f) = in_force
        && f.agreement != draft.agreement
    {
        return Err(ImpactError::AgreementMismatch {
            draft: draft.agreement.clone(),
            in_force: f.agreement.clone(),
        });
    }
    if population.specialty() != draft.specialty {
        return Err(ImpactError::SpecialtyMismatch {
            population: population.specialty().to_string(),
            agreement: draft.specialty.clone(),
        });
    }
    Ok(())
}

fn targets(draft: &CompiledVersion, in_force: Option<&CompiledVersion>) -> Vec<Target> {
    let mut targets: Vec<Target> = draft
        .targets
        .iter()
        .enumerate()
        .map(|(i, t)| Target {
            society: t.society.clone(),
            draft: Some(i),
            in_force: in_force.and_then(|f| f.target_index(&t.society)),
        })
        .collect();
    for (i, t) in in_force.iter().flat_map(|f| f.targets.iter().enumerate()) {
        if draft.target_index(&t.society).is_none() {
            targets.push(Target {
                society: t.society.clone(),
                draft: None,
                in_force: Some(i),
            });
        }
    }
    targets
}

/// Splits the profiles over the available cores and merges the tallies in order.
fn count(
    draft: &CompiledVersion,
    in_force: Option<&CompiledVersion>,
    targets: &[Target],
    profiles: &[Profile],
) -> Tally {
    let cores = thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(profiles.len() / PER_THREAD_AT_LEAST).max(1);
    let chunk = profiles.len().div_ceil(threads).max(1);
    let tallies: Vec<Tally> = thread::scope(|s| {
        let handles: Vec<_> = profiles
            .chunks(chunk)
            .enumerate()
            .map(|(c, part)| s.spawn(move || count_part(draft, in_force, targets, part, c * chunk)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("an impact analysis thread panicked"))
            .collect()
    });
    let mut total = Tally::new(targets.len());
    tallies.into_iter().for_each(|t| total.merge(t));
    total
}

/// Counts `part`, whose first profile is at position `offset` in the population.
fn count_part(
    draft: &CompiledVersion,
    in_force: Option<&CompiledVersion>,
    targets: &[Target],
    part: &[Profile],
    offset: usize,
) -> Tally {
    let mut tally = Tally::new(targets.len());
    let none = RequirementSet::NONE;
    for (i, profile) in part.iter().enumerate() {
        if !profile.status.is_live() || !profile.in_specialty {
            continue;
        }
        let mut reached = false;
        for (target, t) in targets.iter().zip(&mut tally.targets) {
            let d = target
                .draft
                .map_or(Verdict::NOTHING, |i| draft.verdict(i, profile, none));
            let f = match (in_force, target.in_force) {
                (Some(v), Some(i)) => v.verdict(i, profile, none),
                _ => Verdict::NOTHING,
            };
            if d.considered > 0 || f.considered > 0 {
                reached = true;
                t.add(offset + i, &f, &d);
            }
        }
        tally.reached += u64::from(reached);
    }
    tally
}

fn report(
    draft: &CompiledVersion,
    in_force: Option<&CompiledVersion>,
    population: &Population,
    targets: Vec<Target>,
    tally: Tally,
) -> Impact {
    Impact {
        agreement: draft.agreement.clone(),
        draft_version: draft.version,
        in_force_version: in_force.map(|f| f.version),
        engineers: population.len() as u64,
        reached: tally.reached,
        targets: targets
            .into_iter()
            .zip(tally.targets)
            .map(|(t, counts)| target_impact(t.society, counts, population))
            .collect(),
    }
}

fn target_impact(society: String, t: TargetTally, population: &Population) -> TargetImpact {
    let counts = |c: [u64; 3]| OutcomeCounts {
        eligible: c[0],
        conditional: c[1],
        ineligible: c[2],
    };
    let [improved, worsened, unchanged] = t.examples.map(|examples| {
        examples
            .into_iter()
            .map(|i| population.engineer(i).to_string())
            .collect::<Vec<_>>()
    });
    TargetImpact {
        society,
        reached: t.reached,
        draft: counts(t.draft),
        in_force: counts(t.in_force),
        improved: Change {
            count: t.changes[0],
            examples: improved,
        },
        worsened: Change {
            count: t.changes[1],
            examples: worsened,
        },
        unchanged: Change {
            count: t.changes[2],
            examples: unchanged,
        },
    }
}
