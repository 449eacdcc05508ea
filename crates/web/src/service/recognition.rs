//! The questions the rule engine answers: where is a qualification recognised (self-check),
//! what would a qualification get (what-if), and whom would a draft version change (impact).

use crate::service::engineers::{self, Access};
use crate::{ApiError, AppState};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use wanqiao_domain::engine::{
    CompiledVersion, Decision, Facts, HeldQualification, Impact, ImpactError, Ladders,
    compile_in_force, self_check,
};
use wanqiao_domain::engineer::{EngineerProfile, QualificationStatus};
use wanqiao_domain::fees::Fee;
use wanqiao_domain::{Agreement, Catalogue, Date, LocalizedText, Principal, Role, VersionStatus};

/// One answer of the self-check: a decision, and the qualification it stands on.
#[derive(Debug, Clone, Serialize)]
pub struct Row {
    pub qualification: String,
    pub framework: String,
    pub level: String,
    pub specialty: String,
    /// True when the qualification is only claimed: its home society has not attested it.
    pub unattested: bool,
    pub decision: Decision,
}

#[derive(Debug, Clone, Serialize)]
pub struct SelfCheck {
    pub engineer: String,
    #[serde(with = "wanqiao_domain::date")]
    pub today: Date,
    pub rows: Vec<Row>,
    /// The titles of the agreements in force the answers were drawn from, by id.
    #[serde(skip)]
    pub titles: BTreeMap<String, LocalizedText>,
    /// Their fee schedules, by id.
    #[serde(skip)]
    pub fees: BTreeMap<String, Vec<Fee>>,
}

/// Every agreement in force, with its versions and rules.
pub async fn agreements_in_force(state: &AppState) -> Result<Vec<Agreement>, ApiError> {
    Ok(state.store.agreements_in_force().await?)
}

/// The versions in force of `agreements`, compiled once for this answer.
pub fn compiled(
    agreements: &[Agreement],
    catalogue: &Catalogue,
) -> Result<Vec<CompiledVersion>, ApiError> {
    compile_in_force(agreements, catalogue).map_err(|e| {
        tracing::error!(error = %e, "an agreement in force does not compile");
        ApiError::conflict(
            format!("an agreement in force cannot be evaluated: {e}"),
            Vec::new(),
        )
    })
}

async fn in_force(
    state: &AppState,
    catalogue: &Catalogue,
) -> Result<Vec<CompiledVersion>, ApiError> {
    compiled(&agreements_in_force(state).await?, catalogue)
}

pub fn rows(versions: &[CompiledVersion], profile: &EngineerProfile, today: Date) -> Vec<Row> {
    let facts = Facts::of_profile(profile, today);
    profile
        .qualifications
        .iter()
        .filter(|q| q.status.is_live())
        .flat_map(|q| {
            let held = HeldQualification::from(q);
            self_check(versions, &facts, &held, today)
                .into_iter()
                .map(|decision| Row {
                    qualification: q.id.clone(),
                    framework: q.framework.clone(),
                    level: q.level.clone(),
                    specialty: q.specialty.clone(),
                    unattested: q.status == QualificationStatus::Claimed,
                    decision,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Where the engineer's qualifications are recognised, for the engineer and for the staff
/// who may see the profile.
pub async fn for_engineer(
    state: &AppState,
    me: &Principal,
    id: &str,
) -> Result<(EngineerProfile, Access, SelfCheck, Catalogue), ApiError> {
    let (profile, access) = engineers::open(state, me, id).await?;
    let catalogue = state.store.catalogue().await?;
    let agreements = agreements_in_force(state).await?;
    let versions = compiled(&agreements, &catalogue)?;
    let today = state.today();
    let check = SelfCheck {
        engineer: profile.id.clone(),
        today,
        rows: rows(&versions, &profile, today),
        titles: agreements
            .iter()
            .map(|a| (a.id.clone(), a.titles.clone()))
            .collect(),
        fees: agreements.into_iter().map(|a| (a.id, a.fees)).collect(),
    };
    Ok((profile, access, check, catalogue))
}

/// A hypothetical qualification and record, for anyone, without an account.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WhatIf {
    pub framework: String,
    pub level: String,
    pub specialty: String,
    #[serde(default)]
    pub experience_years: u32,
    #[serde(default)]
    pub accredited: bool,
    /// CPD hours completed recently (counted in every window the rules use).
    #[serde(default)]
    pub cpd_hours: u32,
    #[serde(default = "yes")]
    pub good_standing: bool,
}

fn yes() -> bool {
    true
}

/// The most years of experience and CPD hours taken seriously: beyond that the input is a
/// typing mistake.
pub const MAX_YEARS: u32 = 60;
pub const MAX_CPD_HOURS: u32 = 2000;

fn check_what_if(w: &WhatIf, catalogue: &Catalogue) -> Result<(), ApiError> {
    let framework = catalogue.frameworks.get(&w.framework).ok_or_else(|| {
        ApiError::invalid("framework", format!("unknown framework `{}`", w.framework))
    })?;
    if framework.level(&w.level).is_none() {
        return Err(ApiError::invalid(
            "level",
            format!("unknown level `{}` in `{}`", w.level, w.framework),
        ));
    }
    if !catalogue.specialties.contains_key(&w.specialty) {
        return Err(ApiError::invalid(
            "specialty",
            format!("unknown specialty `{}`", w.specialty),
        ));
    }
    if w.experience_years > MAX_YEARS {
        return Err(ApiError::invalid(
            "experience_years",
            format!("from 0 to {MAX_YEARS} years"),
        ));
    }
    if w.cpd_hours > MAX_CPD_HOURS {
        return Err(ApiError::invalid(
            "cpd_hours",
            format!("from 0 to {MAX_CPD_HOURS} hours"),
        ));
    }
    Ok(())
}

pub async fn what_if(state: &AppState, w: &WhatIf) -> Result<(Vec<Decision>, Catalogue), ApiError> {
    let catalogue = state.store.catalogue().await?;
    check_what_if(w, &catalogue)?;
    let versions = in_force(state, &catalogue).await?;
    let today = state.today();
    let facts = Facts {
        experience: vec![wanqiao_domain::engine::Experience {
            specialty: w.specialty.clone(),
            months: w.experience_years * 12,
        }],
        accredited_education: w.accredited,
        cpd: vec![wanqiao_domain::engine::CpdEntry {
            date: today,
            hours: w.cpd_hours,
        }],
        good_standing: w.good_standing,
    };
    let held = HeldQualification {
        framework: w.framework.clone(),
        level: w.level.clone(),
        specialty: w.specialty.clone(),
        status: QualificationStatus::Attested,
    };
    Ok((self_check(&versions, &facts, &held, today), catalogue))
}

/// Who may analyse an agreement's drafts: platform admins and the parties' admins.
fn may_analyse(me: &Principal, a: &Agreement) -> bool {
    me.is_platform_admin() || a.parties.iter().any(|p| me.holds(Role::SocietyAdmin, p))
}

/// How a draft version would change the outcomes of every engineer holding a qualification in
/// the agreement's specialty certified by one of its parties.
pub async fn impact(
    state: &AppState,
    me: &Principal,
    id: &str,
    number: u32,
) -> Result<(Agreement, Impact, Catalogue), ApiError> {
    let agreement = state
        .store
        .agreement(id)
        .await?
        .ok_or_else(|| ApiError::not_found("agreement", id))?;
    if !may_analyse(me, &agreement) {
        return Err(ApiError::forbidden(
            "impact analysis is for platform admins and the parties' admins",
        ));
    }
    let version = agreement
        .versions
        .iter()
        .find(|v| v.number == number)
        .ok_or_else(|| ApiError::not_found("version", &number.to_string()))?;
    if version.status != VersionStatus::Draft {
        return Err(ApiError::conflict(
            format!(
                "version {number} is {}; only a draft version is analysed for its impact",
                version.status.code()
            ),
            Vec::new(),
        ));
    }
    let catalogue = state.store.catalogue().await?;
    let compile = |n: u32| {
        CompiledVersion::of_agreement(&agreement, n, &catalogue).map_err(|e| {
            ApiError::conflict(format!("version {n} cannot be evaluated: {e}"), Vec::new())
        })
    };
    let draft = compile(number)?;
    let current = match agreement
        .versions
        .iter()
        .find(|v| v.status == VersionStatus::InForce)
    {
        Some(v) => Some(compile(v.number)?),
        None => None,
    };
    let today = state.today();
    let population = state
        .store
        .impact_population(
            &agreement.specialty,
            &agreement.parties,
            &Ladders::new(&catalogue),
            today,
        )
        .await?;
    let report = wanqiao_domain::engine::impact(&draft, current.as_ref(), &population)
        .map_err(|e: ImpactError| ApiError::conflict(e.to_string(), Vec::new()))?;
    Ok((agreement, report, catalogue))
}
