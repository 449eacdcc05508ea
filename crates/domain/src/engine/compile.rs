//! Turning an agreement version into its compiled form, refusing what cannot be evaluated.

use super::compiled::Source;
use super::{
    CompiledRule, CompiledTarget, CompiledVersion, FrameworkKey, Ladders, MAX_CPD_WINDOW_YEARS,
};
use crate::{Agreement, AgreementVersion, Catalogue, Education, Framework, RecognitionRule};

/// What a version is compiled for: the agreement it belongs to, which fixes the specialty
/// every rule speaks of and the societies that may recognise.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    pub agreement: &'a str,
    pub specialty: &'a str,
    pub parties: &'a [String],
}

impl<'a> Scope<'a> {
    /// The scope of one of `agreement`'s versions.
    pub fn of(agreement: &'a Agreement) -> Self {
        Scope {
            agreement: &agreement.id,
            specialty: &agreement.specialty,
            parties: &agreement.parties,
        }
    }
}

/// A rule that names something the catalogue cannot rank. Agreements that passed
/// [`Catalogue::check_agreement`] compile, except for a CPD window longer than
/// [`MAX_CPD_WINDOW_YEARS`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CompileError {
    #[error("agreement `{agreement}` has no version {version}")]
    NoSuchVersion { agreement: String, version: u32 },
    #[error("rule {rule}: unknown framework `{framework}`")]
    UnknownFramework { rule: usize, framework: String },
    #[error("rule {rule}: unknown level `{level}` in framework `{framework}`")]
    UnknownLevel {
        rule: usize,
        framework: String,
        level: String,
    },
    #[error("rule {rule}: society `{society}` is not a party to the agreement")]
    NotAParty { rule: usize, society: String },
    #[error("rule {rule}: no ladder kept by `{society}` has the level `{level}`")]
    UnknownTargetLevel {
        rule: usize,
        society: String,
        level: String,
    },
    #[error(
        "rule {rule}: `{society}` recognises into two ladders (`{first}` and `{second}`), whose ranks cannot be compared"
    )]
    MixedLadders {
        rule: usize,
        society: String,
        first: String,
        second: String,
    },
    #[error("rule {rule}: a CPD window of {years} years (1 to {MAX_CPD_WINDOW_YEARS} allowed)")]
    CpdWindow { rule: usize, years: u32 },
    #[error("rule {rule}: the levels of `{framework}` carry no rank (see Framework::rank_levels)")]
    Unranked { rule: usize, framework: String },
}

impl CompiledVersion {
    /// Compiles `version` of the agreement described by `scope`, with ranks from
    /// `catalogue` (whose levels must carry their ranks, see [`Framework::rank_levels`]).
    pub fn compile(
        scope: Scope<'_>,
        version: &AgreementVersion,
        catalogue: &Catalogue,
    ) -> Result<CompiledVersion, CompileError> {
        let ladders = Ladders::new(catalogue);
        let mut compiled = CompiledVersion {
            agreement: scope.agreement.to_string(),
            version: version.number,
            specialty: scope.specialty.to_string(),
            targets: Vec::new(),
            sources: Vec::new(),
            rules: version.rules.clone(),
        };
        for (i, rule) in version.rules.iter().enumerate() {
            let (key, from) = source_rank(&ladders, i, rule)?;
            compiled.add_source(key, from);
            let (ladder, to_rank) = target_rank(catalogue, scope, i, rule)?;
            let target = compiled.target_for(i, &rule.to.society, ladder)?;
            target
                .rules
                .push(compile_rule(i, rule, key, from, to_rank)?);
        }
        Ok(compiled)
    }

    /// Compiles the version numbered `number` of `agreement`.
    pub fn of_agreement(
        agreement: &Agreement,
        number: u32,
        catalogue: &Catalogue,
    ) -> Result<CompiledVersion, CompileError> {
        let version = agreement
            .versions
            .iter()
            .find(|v| v.number == number)
            .ok_or_else(|| CompileError::NoSuchVersion {
                agreement: agreement.id.clone(),
                version: number,
            })?;
        Self::compile(Scope::of(agreement), version, catalogue)
    }

    fn add_source(&mut self, key: FrameworkKey, framework: &Framework) {
        if self.sources.iter().all(|s| s.key != key) {
            self.sources.push(Source {
                id: framework.id.clone(),
                key,
                levels: framework
                    .levels
                    .iter()
                    .map(|l| (l.id.clone(), l.rank))
                    .collect(),
            });
        }
    }

    fn target_for(
        &mut self,
        rule: usize,
        society: &str,
        ladder: &str,
    ) -> Result<&mut CompiledTarget, CompileError> {
        let i = match self.target_index(society) {
            Some(i) => i,
            None => {
                self.targets.push(CompiledTarget {
                    society: society.to_string(),
                    framework: ladder.to_string(),
                    rules: Vec::new(),
                });
                self.targets.len() - 1
            }
        };
        let target = &mut self.targets[i];
        if target.framework != ladder {
            return Err(CompileError::MixedLadders {
                rule,
                society: society.to_string(),
                first: target.framework.clone(),
                second: ladder.to_string(),
            });
        }
        Ok(target)
    }
}

fn source_rank<'c>(
    ladders: &Ladders<'c>,
    i: usize,
    rule: &RecognitionRule,
) -> Result<(FrameworkKey, &'c Framework), CompileError> {
    let (key, framework) =
        ladders
            .framework(&rule.from.framework)
            .ok_or_else(|| CompileError::UnknownFramework {
                rule: i,
                framework: rule.from.framework.clone(),
            })?;
    match framework.level(&rule.from.min_level) {
        None => Err(CompileError::UnknownLevel {
            rule: i,
            framework: framework.id.clone(),
            level: rule.from.min_level.clone(),
        }),
        Some(level) if level.rank == 0 => Err(CompileError::Unranked {
            rule: i,
            framework: framework.id.clone(),
        }),
        Some(_) => Ok((key, framework)),
    }
}

/// The ladder the target society keeps with `to.level` on it, and the level's rank there.
fn target_rank<'c>(
    catalogue: &'c Catalogue,
    scope: Scope<'_>,
    i: usize,
    rule: &RecognitionRule,
) -> Result<(&'c str, u32), CompileError> {
    let society = &rule.to.society;
    if !scope.parties.contains(society) {
        return Err(CompileError::NotAParty {
            rule: i,
            society: society.clone(),
        });
    }
    let found = catalogue
        .frameworks
        .values()
        .filter(|f| f.owner.as_deref() == Some(society.as_str()))
        .find_map(|f| f.level(&rule.to.level).map(|l| (f.id.as_str(), l.rank)));
    match found {
        None => Err(CompileError::UnknownTargetLevel {
            rule: i,
            society: society.clone(),
            level: rule.to.level.clone(),
        }),
        Some((ladder, 0)) => Err(CompileError::Unranked {
            rule: i,
            framework: ladder.to_string(),
        }),
        Some(found) => Ok(found),
    }
}

fn compile_rule(
    i: usize,
    rule: &RecognitionRule,
    framework: FrameworkKey,
    from: &Framework,
    to_rank: u32,
) -> Result<CompiledRule, CompileError> {
    let (cpd_hours, cpd_years) = match rule.cpd {
        None => (0, 0),
        Some(c) if (1..=MAX_CPD_WINDOW_YEARS).contains(&c.within_years) => {
            (c.hours, c.within_years)
        }
        Some(c) => {
            return Err(CompileError::CpdWindow {
                rule: i,
                years: c.within_years,
            });
        }
    };
    Ok(CompiledRule {
        index: i as u32,
        framework,
        min_rank: from.level(&rule.from.min_level).map_or(0, |l| l.rank),
        to_rank,
        min_experience_months: rule.min_experience_years.saturating_mul(12),
        accredited: rule.education == Education::Accredited,
        cpd_hours,
        cpd_years,
        requires: rule.requires.iter().copied().collect(),
    })
}
