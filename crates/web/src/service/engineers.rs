//! Engineer profiles: engineers keep their own; society staff see their members'; platform
//! admins see and keep everyone's. Standing is set by societies and platform admins, never by
//! the engineer.

use crate::{ApiError, AppState};
use serde::Deserialize;
use wanqiao_domain::engineer::{
    CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, IdKind, Qualification,
    QualificationStatus, Standing,
};
use wanqiao_domain::{LocalizedText, Principal, Role};
use wanqiao_store::Page;
use wanqiao_store::engineers::{EngineerFilter, EngineerSummary, EntryKind, Particulars};
use wanqiao_store::search::Found;

/// The engineers the caller may see, matching `text` (a name in any script or part of one,
/// a member number or a certificate id) when given.
pub async fn list(
    state: &AppState,
    me: &Principal,
    text: Option<&str>,
    page: Page,
) -> Result<Found<EngineerSummary>, ApiError> {
    let mut filter = if me.is_platform_admin() {
        EngineerFilter::default()
    } else {
        let staff = me.staff_societies();
        if staff.is_empty() {
            EngineerFilter {
                user_id: Some(me.user_id.clone()),
                ..EngineerFilter::default()
            }
        } else {
            EngineerFilter {
                societies: Some(staff),
                ..EngineerFilter::default()
            }
        }
    };
    filter.text = text.map(str::to_string);
    Ok(state.store.engineers(&filter, page).await?)
}

/// What the caller may do with a profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// The engineer themself, or a platform admin.
    Keep,
    /// Staff of a society that certified one of the engineer's qualifications.
    See,
}

pub async fn open(
    state: &AppState,
    me: &Principal,
    id: &str,
) -> Result<(EngineerProfile, Access), ApiError> {
    let profile = state
        .store
        .engineer(id)
        .await?
        .ok_or_else(|| ApiError::not_found("engineer", id))?;
    let access = access(me, &profile)?;
    Ok((profile, access))
}

/// What the caller may do with a profile already read, as [`open`] judges it: staff see
/// the profiles whose qualifications their society certified.
pub fn access(me: &Principal, profile: &EngineerProfile) -> Result<Access, ApiError> {
    if me.is_platform_admin() || profile.user_id.as_deref() == Some(me.user_id.as_str()) {
        return Ok(Access::Keep);
    }
    let staff = me.staff_societies();
    let member = profile
        .qualifications
        .iter()
        .any(|q| q.society.as_ref().is_some_and(|s| staff.contains(s)));
    if member {
        return Ok(Access::See);
    }
    Err(ApiError::forbidden(
        "this profile belongs to another engineer; society staff see their own members' profiles",
    ))
}

async fn keep(state: &AppState, me: &Principal, id: &str) -> Result<EngineerProfile, ApiError> {
    match open(state, me, id).await? {
        (p, Access::Keep) => Ok(p),
        (_, Access::See) => Err(ApiError::forbidden(
            "only the engineer and platform admins change a profile",
        )),
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityInput {
    pub kind: String,
    pub number: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfileInput {
    #[serde(default)]
    pub names: Option<LocalizedText>,
    #[serde(default)]
    pub standing: Option<Standing>,
    #[serde(default)]
    pub identity: Option<IdentityInput>,
}

fn identity(input: &Option<IdentityInput>) -> Result<Option<(IdKind, String)>, ApiError> {
    let Some(i) = input else { return Ok(None) };
    let kind = IdKind::parse(&i.kind).ok_or_else(|| {
        ApiError::invalid(
            "identity.kind",
            "use mainland-id, hk-id, macao-id or passport",
        )
    })?;
    let n = i.number.trim();
    let plausible = (5..=24).contains(&n.chars().count())
        && n.chars()
            .all(|c| c.is_ascii_alphanumeric() || "()- ".contains(c));
    if !plausible {
        return Err(ApiError::invalid(
            "identity.number",
            "5 to 24 letters and digits, as printed on the document",
        ));
    }
    Ok(Some((kind, n.to_string())))
}

pub fn check_names(names: &LocalizedText) -> Result<(), ApiError> {
    let all = [&names.zh_hans, &names.zh_hant, &names.en];
    if all.iter().all(|n| n.trim().is_empty()) {
        return Err(ApiError::invalid(
            "names",
            "give the name in at least one script",
        ));
    }
    if all.iter().any(|n| n.chars().count() > 100) {
        return Err(ApiError::invalid(
            "names",
            "names are at most 100 characters",
        ));
    }
    Ok(())
}

/// Creates a profile: an engineer's own (one per account), or one kept by the platform.
pub async fn create(
    state: &AppState,
    me: &Principal,
    input: ProfileInput,
) -> Result<EngineerProfile, ApiError> {
    let own = !me.is_platform_admin();
    if own && !me.grants.iter().any(|g| g.role == Role::Engineer) {
        return Err(ApiError::forbidden(
            "engineers create their own profile; platform admins any",
        ));
    }
    if own && input.standing.is_some_and(|s| s != Standing::Good) {
        return Err(ApiError::forbidden(
            "standing is set by societies, not by the engineer",
        ));
    }
    let names = input.names.clone().unwrap_or_default();
    check_names(&names)?;
    let particulars = Particulars {
        names,
        standing: input.standing.unwrap_or(Standing::Good),
        identity: identity(&input.identity)?,
    };
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .create_engineer(own.then_some(me.user_id.as_str()), &particulars)
        .await?;
    w.commit().await?;
    Ok(state.store.engineer(&id).await?.expect("just created"))
}

pub async fn update(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: ProfileInput,
) -> Result<EngineerProfile, ApiError> {
    let current = keep(state, me, id).await?;
    if input.standing.is_some_and(|s| s != current.standing) && !me.is_platform_admin() {
        return Err(ApiError::forbidden(
            "standing is set by societies, not by the engineer",
        ));
    }
    let names = input.names.clone().unwrap_or(current.names.clone());
    check_names(&names)?;
    let particulars = Particulars {
        names,
        standing: input.standing.unwrap_or(current.standing),
        identity: identity(&input.identity)?,
    };
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.update_engineer(id, &particulars).await?;
    w.commit().await?;
    Ok(state.store.engineer(id).await?.expect("exists"))
}

/// An entry added to a profile.
#[derive(Debug)]
pub enum Entry {
    Education(EducationEntry),
    Experience(ExperienceEntry),
    Cpd(CpdRecord),
    Qualification(Qualification),
}

pub async fn add_entry(
    state: &AppState,
    me: &Principal,
    id: &str,
    entry: Entry,
) -> Result<EngineerProfile, ApiError> {
    keep(state, me, id).await?;
    let today = state.today();
    let catalogue = state.store.catalogue().await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    match entry {
        Entry::Education(e) => {
            if e.degree.trim().is_empty() || e.institution.trim().is_empty() {
                return Err(ApiError::invalid(
                    "degree",
                    "give the degree and the institution",
                ));
            }
            if !(1900..=i32::from(today.year()) + 6).contains(&e.year) {
                return Err(ApiError::invalid(
                    "year",
                    format!("a year from 1900 to {}", today.year() + 6),
                ));
            }
            w.add_education(id, &e).await?;
        }
        Entry::Experience(e) => {
            if !catalogue.specialties.contains_key(&e.specialty) {
                return Err(ApiError::invalid(
                    "specialty",
                    format!("unknown specialty `{}`", e.specialty),
                ));
            }
            if e.started_on > today
                || e.ended_on
                    .is_some_and(|end| end < e.started_on || end > today)
            {
                return Err(ApiError::invalid(
                    "ended_on",
                    "a period starts before it ends, and neither lies in the future",
                ));
            }
            if e.employer.trim().is_empty() {
                return Err(ApiError::invalid("employer", "name the employer"));
            }
            w.add_experience(id, &e).await?;
        }
        Entry::Cpd(c) => {
            if !(1..=1000).contains(&c.hours) {
                return Err(ApiError::invalid("hours", "between 1 and 1000 hours"));
            }
            if c.completed_on > today {
                return Err(ApiError::invalid(
                    "completed_on",
                    "CPD is recorded once completed",
                ));
            }
            w.add_cpd(id, &c).await?;
        }
        Entry::Qualification(q) => {
            let framework = catalogue.frameworks.get(&q.framework).ok_or_else(|| {
                ApiError::invalid("framework", format!("unknown framework `{}`", q.framework))
            })?;
            if framework.level(&q.level).is_none() {
                return Err(ApiError::invalid(
                    "level",
                    format!("unknown level `{}` in `{}`", q.level, q.framework),
                ));
            }
            if !catalogue.specialties.contains_key(&q.specialty) {
                return Err(ApiError::invalid(
                    "specialty",
                    format!("unknown specialty `{}`", q.specialty),
                ));
            }
            if let Some(s) = &q.society
                && !catalogue.societies.contains_key(s)
            {
                return Err(ApiError::invalid(
                    "society",
                    format!("unknown society `{s}`"),
                ));
            }
            w.add_qualification(id, &q).await?;
        }
    }
    w.commit().await?;
    Ok(state.store.engineer(id).await?.expect("exists"))
}

pub async fn remove_entry(
    state: &AppState,
    me: &Principal,
    id: &str,
    kind: EntryKind,
    entry: &str,
) -> Result<(), ApiError> {
    keep(state, me, id).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.remove_entry(id, kind, entry).await?;
    w.commit().await?;
    Ok(())
}

/// The certifying society confirms or refuses a claimed qualification.
pub async fn attest(
    state: &AppState,
    me: &Principal,
    id: &str,
    qualification: &str,
    status: QualificationStatus,
) -> Result<EngineerProfile, ApiError> {
    let profile = state
        .store
        .engineer(id)
        .await?
        .ok_or_else(|| ApiError::not_found("engineer", id))?;
    let q = profile
        .qualifications
        .iter()
        .find(|q| q.id == qualification)
        .ok_or_else(|| ApiError::not_found("qualification", qualification))?;
    let society = q.society.as_deref().unwrap_or_default();
    let allowed = me.is_platform_admin()
        || me.holds(Role::Attestor, society)
        || me.holds(Role::SocietyAdmin, society);
    if !allowed {
        return Err(ApiError::forbidden(
            "only the certifying society's attestors and admins attest a qualification",
        ));
    }
    if q.status != QualificationStatus::Claimed {
        return Err(ApiError::conflict(
            format!(
                "the qualification is {}; only a claimed one is attested or refused",
                q.status.code()
            ),
            Vec::new(),
        ));
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_qualification_status(id, qualification, status)
        .await?;
    w.commit().await?;
    Ok(state.store.engineer(id).await?.expect("exists"))
}
