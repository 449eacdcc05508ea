//! "Where is my qualification recognised, at what level, and what is missing?" — one
//! qualification against every agreement in force at once.

use super::decision::evaluate_profile;
use super::{CompileError, CompiledVersion, Decision, Facts, HeldQualification, RequirementSet};
use crate::{Agreement, Catalogue, Date};

/// Compiles the version in force of every agreement in force, in the order given, for
/// [`self_check`]. Letters of intent, drafts, suspended and expired agreements recognise
/// nobody and are left out.
pub fn compile_in_force(
    agreements: &[Agreement],
    catalogue: &Catalogue,
) -> Result<Vec<CompiledVersion>, CompileError> {
    agreements
        .iter()
        .filter_map(|a| {
            a.version_in_force()
                .map(|v| CompiledVersion::of_agreement(a, v.number, catalogue))
        })
        .collect()
}

/// One decision per (agreement, target society) that a rule leads to from the
/// qualification's framework in the qualification's specialty, in the order of `versions`
/// and of their targets. Nothing is met yet: the decisions show everything still to do.
/// A refused or lapsed qualification reaches nothing.
pub fn self_check(
    versions: &[CompiledVersion],
    facts: &Facts,
    qualification: &HeldQualification,
    today: Date,
) -> Vec<Decision> {
    if !qualification.status.is_live() {
        return Vec::new();
    }
    let mut rows = Vec::new();
    for version in versions {
        if version.specialty != qualification.specialty {
            continue;
        }
        let profile = version.profile(facts, qualification, today);
        for t in 0..version.targets.len() {
            if version.reaches(t, profile.framework) {
                let met = RequirementSet::NONE;
                rows.push(evaluate_profile(version, t, &profile, qualification, met));
            }
        }
    }
    rows
}
