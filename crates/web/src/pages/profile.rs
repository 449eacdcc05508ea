//! An engineer's profile as pages: their particulars, qualifications held, education,
//! experience and CPD, each a list with a form to add to it and a button to remove from it.
//!
//! The engineer keeps their own at `/account/profile`; platform admins keep anyone's at
//! `/engineers/{id}/profile`, where the staff of a society that certified one of the
//! engineer's qualifications read it and attest (or refuse) what was claimed. Every rule is
//! the service's ([`crate::service::engineers`]), the same the API applies.

use super::form::{Choice, Errors, Fields};
use super::{Chrome, Lang};
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::service::engineers::{self as service, Access, Entry, IdentityInput, ProfileInput};
use crate::{ApiError, AppState, Tr, views};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::engineer::{
    Accreditation, CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, IdKind,
    Qualification, QualificationStatus, Standing,
};
use wanqiao_domain::{Catalogue, Date, LocalizedText, Principal, Role};
use wanqiao_store::engineers::EntryKind;

/// The forms of the page, by the name their fields' ids and messages start with.
const PARTICULARS: &str = "particulars";
const QUALIFICATION: &str = "qualification";
const EDUCATION: &str = "education";
const EXPERIENCE: &str = "experience";
const CPD: &str = "cpd";

pub struct QualificationRow {
    pub id: String,
    pub title: String,
    pub specialty: String,
    pub society: String,
    pub awarded_on: String,
    pub number: String,
    pub status: String,
    pub status_class: &'static str,
    /// The reader may attest or refuse it now.
    pub attestable: bool,
}

pub struct EducationRow {
    pub id: String,
    pub degree: String,
    pub institution: String,
    pub year: i32,
    pub accreditation: String,
}

pub struct ExperienceRow {
    pub id: String,
    pub specialty: String,
    pub employer: String,
    pub period: String,
}

pub struct CpdRow {
    pub id: String,
    pub hours: u32,
    pub completed_on: String,
    pub activity: String,
}

#[derive(Template)]
#[template(path = "profile.html")]
struct ProfilePage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    engineer_id: String,
    /// The reader keeps this profile (it is theirs, or they are a platform admin).
    keeps: bool,
    /// It is the reader's own profile.
    own: bool,
    welcome: bool,
    heading: String,
    names: LocalizedText,
    identity: Option<String>,
    id_kinds: Vec<Choice>,
    standing: String,
    /// Platform admins set the standing; engineers only read it.
    standings: Vec<Choice>,
    qualifications: Vec<QualificationRow>,
    /// The qualifications table has buttons: to remove, or to attest.
    q_actions: bool,
    education: Vec<EducationRow>,
    experience: Vec<ExperienceRow>,
    cpd: Vec<CpdRow>,
    levels: Vec<Choice>,
    q_specialties: Vec<Choice>,
    societies: Vec<Choice>,
    x_specialties: Vec<Choice>,
    accreditations: Vec<Choice>,
    /// Which form was sent and refused, and what was typed in it.
    form: &'static str,
    sent: Fields,
    errors: Errors,
    /// Dates lie in the past: the attributes of a date input, optional and required.
    date_attrs: String,
    date_attrs_required: String,
}

impl ProfilePage<'_> {
    /// What was typed in field `name` of `form`, when that form comes back refused.
    fn v(&self, form: &str, name: &str) -> &str {
        if self.form == form {
            self.sent.get(name)
        } else {
            ""
        }
    }
}

#[derive(Template)]
#[template(path = "profile_new.html")]
struct NewProfilePage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// Only engineers have a profile of their own; staff are told so.
    may_create: bool,
    names: LocalizedText,
    errors: Errors,
}

/// Where the profile's pages live for this reader.
fn home(me: &Principal, profile: &EngineerProfile) -> String {
    if profile.user_id.as_deref() == Some(me.user_id.as_str()) {
        "/account/profile".to_string()
    } else {
        format!("/engineers/{}/profile", profile.id)
    }
}

fn is_engineer(me: &Principal) -> bool {
    me.grants.iter().any(|g| g.role == Role::Engineer)
}

fn may_attest(me: &Principal, q: &Qualification) -> bool {
    let society = q.society.as_deref().unwrap_or_default();
    q.status == QualificationStatus::Claimed
        && !society.is_empty()
        && (me.is_platform_admin()
            || me.holds(Role::Attestor, society)
            || me.holds(Role::SocietyAdmin, society))
}

fn society_name(tr: &Tr, catalogue: &Catalogue, id: &str) -> String {
    views::name(tr.locale, catalogue.societies.get(id).map(|s| &s.names), id).to_string()
}

fn specialty_name(tr: &Tr, catalogue: &Catalogue, id: &str) -> String {
    views::name(
        tr.locale,
        catalogue.specialties.get(id).map(|s| &s.names),
        id,
    )
    .to_string()
}

/// The options of a select, the one typed (in the refused form `form`) chosen.
fn choices(
    page_form: &str,
    sent: &Fields,
    form: &str,
    name: &str,
    options: Vec<(String, String)>,
) -> Vec<Choice> {
    let empty = Fields::default();
    Choice::list(if page_form == form { sent } else { &empty }, name, options)
}

struct Shown {
    form: &'static str,
    sent: Fields,
    errors: Errors,
    status: StatusCode,
    welcome: bool,
}

impl Shown {
    fn fresh(welcome: bool) -> Shown {
        Shown {
            form: "",
            sent: Fields::default(),
            errors: Errors::default(),
            status: StatusCode::OK,
            welcome,
        }
    }

    fn refused(form: &'static str, sent: Fields, errors: Errors) -> Shown {
        Shown {
            form,
            sent,
            errors,
            status: StatusCode::UNPROCESSABLE_ENTITY,
            welcome: false,
        }
    }
}

async fn render_profile(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    profile: EngineerProfile,
    access: Access,
    shown: Shown,
) -> Result<Response, PageError> {
    let catalogue = state.store.catalogue().await?;
    let here = home(me, &profile);
    let own = profile.user_id.as_deref() == Some(me.user_id.as_str());
    let c = Chrome::new(state, lang, &here, if own { "nav-profile" } else { "" });
    let tr = &c.tr;
    let sent = &shown.sent;
    let form = shown.form;
    let keeps = access == Access::Keep;
    let name = [
        profile.names.get(tr.locale),
        profile.names.en.as_str(),
        profile.names.zh_hans.as_str(),
        profile.names.zh_hant.as_str(),
    ]
    .into_iter()
    .find(|n| !n.trim().is_empty())
    .unwrap_or("—")
    .to_string();
    let heading = if own {
        tr.t("profile-title-own")
    } else {
        tr.t1("profile-title-of", "name", name)
    };
    let names = if form == PARTICULARS {
        LocalizedText {
            zh_hans: sent.get("name_zh_hans").to_string(),
            zh_hant: sent.get("name_zh_hant").to_string(),
            en: sent.get("name_en").to_string(),
            pt: None,
        }
    } else {
        profile.names.clone()
    };
    let qualifications = profile
        .qualifications
        .iter()
        .map(|q| QualificationRow {
            id: q.id.clone(),
            title: super::recognition::level_name(&catalogue, tr.locale, &q.framework, &q.level),
            specialty: specialty_name(tr, &catalogue, &q.specialty),
            society: q
                .society
                .as_deref()
                .map_or_else(|| "—".to_string(), |s| society_name(tr, &catalogue, s)),
            awarded_on: tr.opt_date(&q.awarded_on),
            number: q.certificate_number.clone(),
            status: tr.t(&format!("profile-qualification-{}", q.status.code())),
            status_class: match q.status {
                QualificationStatus::Attested => "in-force",
                QualificationStatus::Claimed => "intent",
                _ => "other",
            },
            attestable: may_attest(me, q),
        })
        .collect();
    let q_actions = keeps || profile.qualifications.iter().any(|q| may_attest(me, q));
    let education = profile
        .education
        .iter()
        .map(|e| EducationRow {
            id: e.id.clone(),
            degree: e.degree.clone(),
            institution: e.institution.clone(),
            year: e.year,
            accreditation: tr.t(&format!("profile-accreditation-{}", e.accreditation.code())),
        })
        .collect();
    let experience = profile
        .experience
        .iter()
        .map(|e| ExperienceRow {
            id: e.id.clone(),
            specialty: specialty_name(tr, &catalogue, &e.specialty),
            employer: e.employer.clone(),
            period: tr.targs(
                "profile-period",
                &[
                    ("from", tr.date(&e.started_on).into()),
                    (
                        "until",
                        e.ended_on
                            .as_ref()
                            .map_or_else(|| tr.t("profile-period-now"), |d| tr.date(d))
                            .into(),
                    ),
                ],
            ),
        })
        .collect();
    let cpd = profile
        .cpd
        .iter()
        .map(|r| CpdRow {
            id: r.id.clone(),
            hours: r.hours,
            completed_on: tr.date(&r.completed_on),
            activity: r.activity.clone(),
        })
        .collect();
    let levels = catalogue
        .frameworks
        .values()
        .flat_map(|f| {
            f.levels.iter().map(|l| {
                (
                    format!("{}/{}", f.id, l.id),
                    format!("{} · {}", f.names.get(tr.locale), l.names.get(tr.locale)),
                )
            })
        })
        .collect();
    let specialties: Vec<(String, String)> = catalogue
        .specialties
        .values()
        .map(|s| (s.id.clone(), s.names.get(tr.locale).to_string()))
        .collect();
    let societies = std::iter::once((String::new(), tr.t("profile-society-none")))
        .chain(
            catalogue
                .societies
                .values()
                .map(|s| (s.id.clone(), s.names.get(tr.locale).to_string())),
        )
        .collect();
    let page = ProfilePage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        engineer_id: profile.id.clone(),
        keeps,
        own,
        welcome: shown.welcome,
        heading,
        names,
        identity: profile.identity.as_ref().map(|d| {
            format!(
                "{} · {}",
                tr.t(&format!("profile-id-kind-{}", d.kind.code())),
                d.masked
            )
        }),
        id_kinds: choices(
            form,
            sent,
            PARTICULARS,
            "id_kind",
            IdKind::ALL
                .iter()
                .map(|k| {
                    (
                        k.code().to_string(),
                        tr.t(&format!("profile-id-kind-{}", k.code())),
                    )
                })
                .collect(),
        ),
        standing: tr.t(&format!("profile-standing-{}", profile.standing.code())),
        standings: if me.is_platform_admin() {
            Standing::ALL
                .iter()
                .map(|s| Choice {
                    value: s.code().to_string(),
                    label: tr.t(&format!("profile-standing-{}", s.code())),
                    selected: if form == PARTICULARS {
                        sent.is("standing", s.code())
                    } else {
                        *s == profile.standing
                    },
                })
                .collect()
        } else {
            Vec::new()
        },
        qualifications,
        q_actions,
        education,
        experience,
        cpd,
        levels: choices(form, sent, QUALIFICATION, "level", levels),
        q_specialties: choices(form, sent, QUALIFICATION, "specialty", specialties.clone()),
        societies: choices(form, sent, QUALIFICATION, "society", societies),
        x_specialties: choices(form, sent, EXPERIENCE, "specialty", specialties),
        accreditations: choices(
            form,
            sent,
            EDUCATION,
            "accreditation",
            Accreditation::ALL
                .iter()
                .map(|a| {
                    (
                        a.code().to_string(),
                        tr.t(&format!("profile-accreditation-{}", a.code())),
                    )
                })
                .collect(),
        ),
        form,
        sent: shown.sent,
        errors: shown.errors,
        date_attrs: format!(" max='{}'", state.today()),
        date_attrs_required: format!(" required max='{}'", state.today()),
        c,
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

async fn open(
    state: &AppState,
    me: &Principal,
    id: &str,
) -> Result<(EngineerProfile, Access), PageError> {
    service::open(state, me, id)
        .await
        .map_err(PageError::from_api)
}

#[derive(serde::Deserialize)]
pub struct WelcomeQuery {
    welcome: Option<String>,
}

/// `GET /account/profile`: the reader's own profile, or the way to start one.
pub async fn mine(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    axum::extract::Query(q): axum::extract::Query<WelcomeQuery>,
) -> Result<Response, PageError> {
    match state.store.engineer_of_user(&me.user_id).await? {
        Some(id) => {
            let (profile, access) = open(&state, &me, &id).await?;
            let welcome = q.welcome.is_some();
            render_profile(
                &state,
                lang,
                &me,
                &identity,
                profile,
                access,
                Shown::fresh(welcome),
            )
            .await
        }
        None => new_page(
            &state,
            lang,
            &me,
            &identity,
            LocalizedText::default(),
            Errors::default(),
            StatusCode::OK,
        ),
    }
}

fn new_page(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    names: LocalizedText,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let page = NewProfilePage {
        c: Chrome::new(state, lang, "/account/profile", "nav-profile"),
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        may_create: is_engineer(me) && !me.is_platform_admin(),
        names,
        errors,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn names_of(f: &Fields) -> LocalizedText {
    LocalizedText {
        zh_hans: f.get("name_zh_hans").to_string(),
        zh_hant: f.get("name_zh_hant").to_string(),
        en: f.get("name_en").to_string(),
        pt: None,
    }
}

/// `POST /account/profile`: an engineer without a profile starts theirs.
pub async fn create_mine(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    if !is_engineer(&me) || me.is_platform_admin() {
        return Err(PageError::Forbidden);
    }
    if state.store.engineer_of_user(&me.user_id).await?.is_some() {
        return Ok(Redirect::to("/account/profile").into_response());
    }
    let f = Fields::new(pairs);
    let input = ProfileInput {
        names: Some(names_of(&f)),
        ..ProfileInput::default()
    };
    match service::create(&state, &me, input).await {
        Ok(_) => Ok(Redirect::to("/account/profile?welcome=1").into_response()),
        Err(ApiError::Invalid { .. }) => {
            let mut errors = Errors::default();
            errors.add("names", state.i18n.tr(lang.0).t("signup-error-names"));
            new_page(
                &state,
                lang,
                &me,
                &identity,
                names_of(&f),
                errors,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}

/// `GET /engineers/{id}/profile`: the profile, for whoever may see it.
pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let (profile, access) = open(&state, &me, &id).await?;
    render_profile(
        &state,
        lang,
        &me,
        &identity,
        profile,
        access,
        Shown::fresh(false),
    )
    .await
}

/// The page's message for a field the service refused, by the form it was in.
fn message(tr: &Tr, field: &str, max_year: i32) -> String {
    match field {
        "names" => tr.t("signup-error-names"),
        "identity.kind" | "identity.number" => tr.t("profile-error-identity"),
        "degree" | "institution" => tr.t("profile-error-degree"),
        "year" => tr.t1("profile-error-year", "max", format!("{max_year}")),
        "specialty" => tr.t("profile-error-choose"),
        "framework" | "level" | "society" => tr.t("profile-error-choose"),
        "ended_on" | "started_on" => tr.t("profile-error-period"),
        "employer" => tr.t("profile-error-employer"),
        "hours" => tr.t("profile-error-hours"),
        "completed_on" => tr.t("profile-error-completed"),
        _ => tr.t("profile-error-fix"),
    }
}

/// The field of the page's form that a service field names.
fn page_field(form: &str, field: &str) -> String {
    let name = match field {
        "names" => "names",
        "identity.kind" | "identity.number" => "id_number",
        "framework" | "level" => "level",
        "institution" => "degree",
        other => other,
    };
    format!("{form}-{name}")
}

/// Shows the profile again with the service's refusal next to its field.
#[allow(clippy::too_many_arguments)]
async fn refused(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    id: &str,
    form: &'static str,
    f: Fields,
    e: ApiError,
) -> Result<Response, PageError> {
    let tr = state.i18n.tr(lang.0);
    let max_year = i32::from(state.today().year()) + 6;
    let mut errors = Errors::default();
    match e {
        ApiError::Invalid { fields, .. } => {
            for field in fields {
                errors.add(
                    &page_field(form, &field.name),
                    message(&tr, &field.name, max_year),
                );
            }
        }
        ApiError::Store(wanqiao_store::StoreError::Conflict(m)) => errors.add_top(m),
        other => return Err(PageError::from_api(other)),
    }
    let (profile, access) = open(state, me, id).await?;
    render_profile(
        state,
        lang,
        me,
        identity,
        profile,
        access,
        Shown::refused(form, f, errors),
    )
    .await
}

/// A form's fields by their names within the form: the page names each field after its
/// form (`education-degree`), so that every id on the page is unique and equal to its name.
fn unprefixed(form: &str, pairs: Vec<(String, String)>) -> Fields {
    let prefix = format!("{form}-");
    Fields::new(
        pairs
            .into_iter()
            .map(|(k, v)| match k.strip_prefix(&prefix) {
                Some(name) => (name.to_string(), v),
                None => (k, v),
            })
            .collect(),
    )
}

/// `POST /engineers/{id}/profile`: names, identity document and, for platform admins,
/// standing.
pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let f = unprefixed(PARTICULARS, pairs);
    let number = f.text("id_number");
    let input = ProfileInput {
        names: Some(names_of(&f)),
        standing: f.opt("standing").and_then(|s| Standing::parse(&s)),
        identity: (!number.is_empty()).then(|| IdentityInput {
            kind: f.text("id_kind"),
            number,
        }),
    };
    match service::update(&state, &me, &id, input).await {
        Ok(p) => Ok(Redirect::to(&home(&me, &p)).into_response()),
        Err(e @ (ApiError::Invalid { .. } | ApiError::Store(_))) => {
            refused(&state, lang, &me, &identity, &id, PARTICULARS, f, e).await
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}

/// A date typed in field `name`; `None` (with a message) when it is not one.
fn date(tr: &Tr, f: &Fields, form: &str, name: &str, errors: &mut Errors) -> Option<Date> {
    match wanqiao_domain::date::parse(&f.text(name)) {
        Ok(d) => Some(d),
        Err(_) => {
            errors.add(&format!("{form}-{name}"), tr.t("profile-error-date"));
            None
        }
    }
}

/// The entry a form describes, or the messages for the fields it could not read.
fn read_entry(tr: &Tr, kind: &str, f: &Fields) -> Result<(&'static str, Entry), Errors> {
    let mut errors = Errors::default();
    let entry = match kind {
        "education" => {
            let year = f.text("year").parse::<i32>().ok();
            if year.is_none() {
                errors.add("education-year", tr.t("profile-error-number"));
            }
            let accreditation = Accreditation::parse(&f.text("accreditation"));
            if accreditation.is_none() {
                errors.add("education-accreditation", tr.t("profile-error-choose"));
            }
            year.zip(accreditation).map(|(year, accreditation)| {
                (
                    EDUCATION,
                    Entry::Education(EducationEntry {
                        id: String::new(),
                        degree: f.text("degree"),
                        institution: f.text("institution"),
                        year,
                        accreditation,
                    }),
                )
            })
        }
        "experience" => {
            let started = date(tr, f, EXPERIENCE, "started_on", &mut errors);
            let ended = match f.opt("ended_on") {
                None => Some(None),
                Some(_) => date(tr, f, EXPERIENCE, "ended_on", &mut errors).map(Some),
            };
            started.zip(ended).map(|(started_on, ended_on)| {
                (
                    EXPERIENCE,
                    Entry::Experience(ExperienceEntry {
                        id: String::new(),
                        specialty: f.text("specialty"),
                        started_on,
                        ended_on,
                        employer: f.text("employer"),
                    }),
                )
            })
        }
        "cpd" => {
            let hours = f.text("hours").parse::<u32>().ok();
            if hours.is_none() {
                errors.add("cpd-hours", tr.t("profile-error-hours"));
            }
            let completed = date(tr, f, CPD, "completed_on", &mut errors);
            hours.zip(completed).map(|(hours, completed_on)| {
                (
                    CPD,
                    Entry::Cpd(CpdRecord {
                        id: String::new(),
                        hours,
                        completed_on,
                        activity: f.text("activity"),
                    }),
                )
            })
        }
        "qualifications" => {
            let level = f.text("level");
            let (framework, level) = level.split_once('/').unwrap_or_default();
            if level.is_empty() {
                errors.add("qualification-level", tr.t("profile-error-choose"));
            }
            let awarded = match f.opt("awarded_on") {
                None => Some(None),
                Some(_) => date(tr, f, QUALIFICATION, "awarded_on", &mut errors).map(Some),
            };
            awarded.map(|awarded_on| {
                (
                    QUALIFICATION,
                    Entry::Qualification(Qualification {
                        id: String::new(),
                        framework: framework.to_string(),
                        level: level.to_string(),
                        specialty: f.text("specialty"),
                        society: f.opt("society"),
                        awarded_on,
                        certificate_number: f
                            .text("certificate_number")
                            .chars()
                            .take(100)
                            .collect(),
                        status: QualificationStatus::Claimed,
                    }),
                )
            })
        }
        _ => None,
    };
    match entry {
        Some(e) if errors.is_empty() => Ok(e),
        _ => Err(errors),
    }
}

fn form_of(kind: &str) -> Option<&'static str> {
    match kind {
        "education" => Some(EDUCATION),
        "experience" => Some(EXPERIENCE),
        "cpd" => Some(CPD),
        "qualifications" => Some(QUALIFICATION),
        _ => None,
    }
}

/// `POST /engineers/{id}/profile/{kind}`: adds an entry to a list of the profile.
pub async fn add(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path((id, kind)): Path<(String, String)>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let Some(form) = form_of(&kind) else {
        return Err(PageError::NotFound);
    };
    // Only those who keep the profile add to it; others learn that before any message.
    let (profile, access) = open(&state, &me, &id).await?;
    if access != Access::Keep {
        return Err(PageError::Forbidden);
    }
    let f = unprefixed(form, pairs);
    let tr = state.i18n.tr(lang.0);
    let entry = match read_entry(&tr, &kind, &f) {
        Ok((_, entry)) => entry,
        Err(errors) => {
            return render_profile(
                &state,
                lang,
                &me,
                &identity,
                profile,
                access,
                Shown::refused(form, f, errors),
            )
            .await;
        }
    };
    match service::add_entry(&state, &me, &id, entry).await {
        Ok(p) => Ok(Redirect::to(&format!("{}#{form}", home(&me, &p))).into_response()),
        Err(e @ (ApiError::Invalid { .. } | ApiError::Store(_))) => {
            refused(&state, lang, &me, &identity, &id, form, f, e).await
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}

/// `POST /engineers/{id}/profile/{kind}/{entry}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    PageUser(me, _): PageUser,
    Path((id, kind, entry)): Path<(String, String, String)>,
) -> Result<Redirect, PageError> {
    let kind = match kind.as_str() {
        "education" => EntryKind::Education,
        "experience" => EntryKind::Experience,
        "cpd" => EntryKind::Cpd,
        "qualifications" => EntryKind::Qualification,
        _ => return Err(PageError::NotFound),
    };
    let (profile, _) = open(&state, &me, &id).await?;
    service::remove_entry(&state, &me, &id, kind, &entry)
        .await
        .map_err(PageError::from_api)?;
    Ok(Redirect::to(&home(&me, &profile)))
}

#[derive(serde::Deserialize)]
pub struct AttestForm {
    #[serde(default)]
    decision: String,
}

/// `POST /engineers/{id}/qualifications/{qualification}/attest`: the certifying society
/// confirms (`decision=attest`) or refuses (`decision=refuse`) a claimed qualification.
pub async fn attest(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path((id, qualification)): Path<(String, String)>,
    Form(form): Form<AttestForm>,
) -> Result<Response, PageError> {
    let status = match form.decision.as_str() {
        "refuse" => QualificationStatus::Refused,
        _ => QualificationStatus::Attested,
    };
    match service::attest(&state, &me, &id, &qualification, status).await {
        Ok(p) => Ok(Redirect::to(&format!("{}#qualification", home(&me, &p))).into_response()),
        Err(ApiError::Conflict { .. }) => {
            let (profile, access) = open(&state, &me, &id).await?;
            let mut errors = Errors::default();
            errors.add_top(state.i18n.tr(lang.0).t("profile-attest-conflict"));
            render_profile(
                &state,
                lang,
                &me,
                &identity,
                profile,
                access,
                Shown {
                    status: StatusCode::CONFLICT,
                    ..Shown::refused(QUALIFICATION, Fields::default(), errors)
                },
            )
            .await
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
