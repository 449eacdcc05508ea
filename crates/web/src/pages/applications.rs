//! Applications for people: the engineer applies and follows the timeline; the home society
//! attests; the host society reviews and decides, each from a queue.

use super::listing::{self, Column, Pager, Sort};
use super::portal::{MultipartForm, read_multipart};
use super::portal_evidence::{refusal, store_upload};
use super::recognition::{DecisionView, agreement_titles, decision_view, level_name};
use super::{Chrome, Lang, PageResult, render};
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::params::Params;
use crate::service::applications::{self as service, NewApplicationInput, TransitionInput};
use crate::service::fees;
use crate::{ApiError, AppState, Tr, views};
use askama::Template;
use axum::Form;
use axum::extract::multipart::Multipart;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::engine::Decision;
use wanqiao_domain::workflow::{Action, AppealOutcome, State as Stage};
use wanqiao_domain::{Catalogue, LocalizedText, Requirement};
use wanqiao_store::applications::{Application, ApplicationFilter, ApplicationOrder};

/// A row of a list or queue.
pub struct Item {
    pub id: String,
    pub engineer: String,
    pub route: String,
    pub specialty: String,
    pub state: String,
    pub state_class: &'static str,
    pub updated: String,
}

fn state_class(s: Stage) -> &'static str {
    match s {
        Stage::Approved => "in-force",
        Stage::Rejected | Stage::AttestationRefused | Stage::Withdrawn => "other",
        _ => "intent",
    }
}

fn society(tr: &Tr, catalogue: &Catalogue, id: &str) -> String {
    views::name(tr.locale, catalogue.societies.get(id).map(|s| &s.names), id).to_string()
}

/// A row for `a`, its engineer's names as a list read them (see
/// [`Application::engineer_names`]) or as given.
pub(super) fn item(
    tr: &Tr<'_>,
    catalogue: &Catalogue,
    a: &Application,
    names: Option<&LocalizedText>,
) -> Item {
    let engineer = names
        .or(a.engineer_names.as_ref())
        .map(|names| {
            let n = names.get(tr.locale).to_string();
            if n.trim().is_empty() {
                names.en.clone()
            } else {
                n
            }
        })
        .unwrap_or_default();
    let home = a
        .home_society
        .as_deref()
        .map(|h| society(tr, catalogue, h))
        .unwrap_or_else(|| "—".into());
    Item {
        id: a.id.clone(),
        engineer,
        route: format!("{home} → {}", society(tr, catalogue, &a.host_society)),
        specialty: views::name(
            tr.locale,
            catalogue.specialties.get(&a.specialty).map(|s| &s.names),
            &a.specialty,
        )
        .to_string(),
        state: tr.t(&format!("application-state-{}", a.state.code())),
        state_class: state_class(a.state),
        updated: tr.date_of(&a.updated_at),
    }
}

#[derive(Template)]
#[template(path = "applications.html")]
struct ListPage<'a> {
    c: Chrome<'a>,
    filters: Vec<(String, String, bool)>,
    items: Vec<Item>,
    can_apply: bool,
    /// Whether a state is chosen, so an empty list can offer to show every state.
    filtered: bool,
    sort: Sort,
    pager: Pager,
}

/// The orders the list offers, its usual one first.
const LIST_ORDER: [Column; 3] = [
    listing::desc("updated"),
    listing::asc("state"),
    listing::asc("specialty"),
];

/// The reader's applications, or their societies' queue, filtered by state.
pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, _): PageUser,
    q: Params,
) -> PageResult {
    let chosen = q.get("state").and_then(Stage::parse);
    let state_code = chosen.map(Stage::code).unwrap_or_default();
    let sort = Sort::parse(&q, &LIST_ORDER, "/applications", &[("state", state_code)]);
    let order = match sort.column {
        "state" => ApplicationOrder::State,
        "specialty" => ApplicationOrder::Specialty,
        _ => ApplicationOrder::Updated,
    };
    let filter = ApplicationFilter {
        state: chosen,
        order: (!sort.is_default()).then_some((order, sort.descending)),
        ..ApplicationFilter::default()
    };
    let page_asked = listing::page_of(&q);
    let page = service::list(&state, &me, filter, page_asked)
        .await
        .map_err(PageError::from_api)?;
    let catalogue = state.store.catalogue().await?;
    let can_apply = state.store.engineer_of_user(&me.user_id).await?.is_some();
    let c = Chrome::new(&state, lang, "/applications", "nav-applications");
    let items = page
        .items
        .iter()
        .map(|a| item(&c.tr, &catalogue, a, None))
        .collect();
    let mut filters = vec![(
        "/applications".to_string(),
        c.tr.t("filter-all"),
        chosen.is_none(),
    )];
    for s in [
        Stage::Submitted,
        Stage::Attested,
        Stage::UnderReview,
        Stage::InfoRequested,
        Stage::ConditionallyApproved,
        Stage::Appealed,
        Stage::Approved,
        Stage::Rejected,
    ] {
        filters.push((
            format!("/applications?state={}", s.code()),
            c.tr.t(&format!("application-state-{}", s.code())),
            chosen == Some(s),
        ));
    }
    let keep: Vec<(&str, &str)> = [("state", state_code)]
        .into_iter()
        .chain(sort.params())
        .collect();
    let pager = Pager::new(&c.tr, "/applications", &keep, page_asked, page.total);
    render(ListPage {
        c,
        filters,
        items,
        can_apply,
        filtered: chosen.is_some(),
        sort,
        pager,
    })
}

/// One form for one action possible now.
pub struct ActionForm {
    pub action: &'static str,
    pub label: String,
    pub needs_reasons: bool,
    pub conditions: bool,
    /// Asking for information, and answering it, say what in the note.
    pub note_required: bool,
    /// The answer to a request for information may carry a file of evidence.
    pub file: bool,
    pub fulfil: Vec<(String, String)>,
    pub appeal: bool,
    pub danger: bool,
}

pub struct EventView {
    pub at: String,
    pub action: String,
    pub state: String,
    pub note: String,
    pub reasons: Vec<String>,
}

#[derive(Template)]
#[template(path = "application.html")]
struct DetailPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    item: Item,
    qualification: String,
    agreement: Option<(String, u32)>,
    decision: Option<DecisionView>,
    outstanding: Vec<String>,
    history: Vec<EventView>,
    actions: Vec<ActionForm>,
    reason_choices: Vec<(String, String)>,
    /// The fees due before a decision, per currency, and the receipts recorded.
    fees: String,
    payments: Vec<String>,
    /// The engineer's evidence, verified once for every application.
    evidence: Vec<EvidenceRow>,
    engineer_id: String,
    referees: Vec<RefereeRow>,
    error: Option<String>,
    /// The error is the service's own English sentence, not a message of the page.
    error_raw: bool,
    /// The conditions a conditional approval may set: (code, words, ticked), those the
    /// engine found outstanding ticked.
    condition_choices: Vec<(String, String, bool)>,
    /// The reader keeps the engineer's evidence (the applicant, a platform admin).
    keeps_evidence: bool,
    /// The reader may open the engineer's profile (the applicant, the certifying society's
    /// staff, platform admins).
    sees_profile: bool,
    /// The largest file accepted, in whole megabytes.
    max_mb: u32,
}

pub struct EvidenceRow {
    pub id: String,
    pub title: String,
    pub kind: String,
    pub size_kb: i64,
    pub verified: Option<String>,
}

pub struct RefereeRow {
    pub name: String,
    pub email: String,
    pub status: String,
    pub age: Option<String>,
    pub fresh: bool,
}

/// The total of the fees due, or that there is none, in the reader's language.
fn fee_text(
    tr: &Tr<'_>,
    totals: &std::collections::BTreeMap<wanqiao_domain::fees::Currency, u64>,
) -> String {
    if totals.is_empty() {
        tr.t("fees-free")
    } else {
        format!("{}: {}", tr.t("fees-total"), fees::totals_text(totals))
    }
}

/// The reason codes a refusal can cite, as the engine names them.
const REASONS: [&str; 6] = [
    "level_below_minimum",
    "experience_short",
    "education_not_accredited",
    "cpd_short",
    "not_in_good_standing",
    "requirement_outstanding",
];

async fn detail_page(
    state: &AppState,
    lang: Lang,
    me: &wanqiao_domain::Principal,
    identity: &Identity,
    id: &str,
    error: Option<String>,
    error_raw: bool,
) -> PageResult {
    let catalogue = state.store.catalogue().await?;
    let view = service::get_in(state, me, id, &catalogue)
        .await
        .map_err(PageError::from_api)?;
    let c = Chrome::new(
        state,
        lang,
        &format!("/applications/{id}"),
        "nav-applications",
    );
    let tr = &c.tr;
    let a = &view.application;
    // The agreements' titles name the decision, when the engine made one.
    let titles = match a.evaluation {
        Some(_) => agreement_titles(state).await?,
        None => Default::default(),
    };
    let profile = state.store.engineer(&a.engineer).await?;
    let access = match &profile {
        Some(p) => crate::service::engineers::access(me, p),
        None => Err(ApiError::not_found("engineer", &a.engineer)),
    };
    let names = profile.as_ref().map(|p| p.names.clone());
    let qualification = profile
        .and_then(|p| {
            p.qualifications
                .into_iter()
                .find(|q| q.id == a.qualification)
        })
        .map(|q| level_name(&catalogue, tr.locale, &q.framework, &q.level))
        .unwrap_or_default();
    let decision = a
        .evaluation
        .clone()
        .and_then(|e| serde_json::from_value::<Decision>(e).ok())
        .map(|d| decision_view(tr, &catalogue, &titles, &d, String::new(), false));
    let requirement = |r: &Requirement| views::requirement(tr, *r);
    let engine_outstanding = a
        .evaluation
        .clone()
        .and_then(|e| serde_json::from_value::<Decision>(e).ok())
        .map(|d| d.outstanding)
        .unwrap_or_default();
    let mut condition_choices: Vec<(String, String, bool)> = engine_outstanding
        .iter()
        .map(|r| (r.to_string(), requirement(r), true))
        .collect();
    for r in [
        Requirement::AptitudeTest,
        Requirement::ProfessionalInterview,
        Requirement::LocalRegulationsBriefing,
        Requirement::AdaptationPeriod { months: 12 },
    ] {
        if !engine_outstanding.iter().any(|o| o.code() == r.code()) {
            condition_choices.push((r.to_string(), requirement(&r), false));
        }
    }
    let actions = view
        .allowed_actions
        .iter()
        .map(|act| ActionForm {
            action: act.code(),
            label: tr.t(&format!("application-action-{}", act.code())),
            needs_reasons: act.needs_reasons(),
            conditions: *act == Action::ApproveWithConditions,
            note_required: matches!(act, Action::RequestInfo | Action::ProvideInfo),
            file: *act == Action::ProvideInfo,
            fulfil: if *act == Action::FulfilCondition {
                a.outstanding
                    .iter()
                    .map(|r| (r.to_string(), requirement(r)))
                    .collect()
            } else {
                Vec::new()
            },
            appeal: *act == Action::DecideAppeal,
            danger: matches!(
                act,
                Action::Reject | Action::RefuseAttestation | Action::Withdraw
            ),
        })
        .collect();
    let history = view
        .history
        .iter()
        .map(|e| EventView {
            at: tr.date_time(&e.at),
            action: tr.t(&format!("application-action-{}", e.action)),
            state: tr.t(&format!("application-state-{}", e.to_state)),
            note: e.note.clone(),
            reasons: e
                .reason_codes
                .iter()
                .map(|r| tr.t(&format!("application-reason-{r}")))
                .collect(),
        })
        .collect();
    let sees_profile = access.is_ok();
    let reach = crate::service::evidence::reach_by(state, me, &a.engineer, access).await;
    let keeps_evidence = reach
        .as_ref()
        .is_ok_and(|r| *r == crate::service::evidence::Reach::Keep);
    let evidence = match reach {
        Ok(_) => crate::service::evidence::reached(state, &a.engineer)
            .await
            .unwrap_or_default(),
        Err(_) => Vec::new(),
    }
    .into_iter()
    .map(|e| EvidenceRow {
        verified: e.evidence.verified_at.as_ref().map(|at| {
            tr.targs(
                "application-verified-by",
                &[
                    (
                        "name",
                        e.verified_by_name.clone().unwrap_or_default().into(),
                    ),
                    ("date", tr.date_of(at).into()),
                ],
            )
        }),
        id: e.evidence.id,
        title: e.evidence.title,
        kind: e.evidence.media_type,
        size_kb: (e.evidence.size + 1023) / 1024,
    })
    .collect();
    let referees = crate::service::referees::of_seen(state, &view)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|r| RefereeRow {
            status: tr.t(&format!("application-referee-{}", r.status)),
            age: r.age_days.map(|d| {
                tr.t1(
                    "application-referee-age",
                    "days",
                    u64::try_from(d).unwrap_or(0),
                )
            }),
            fresh: r.fresh,
            name: r.name,
            email: r.email,
        })
        .collect();
    let page = DetailPage {
        evidence,
        engineer_id: a.engineer.clone(),
        referees,
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        item: item(tr, &catalogue, a, names.as_ref()),
        qualification,
        agreement: a.agreement.clone().zip(a.agreement_version),
        decision,
        outstanding: a.outstanding.iter().map(requirement).collect(),
        history,
        actions,
        reason_choices: REASONS
            .iter()
            .map(|r| (r.to_string(), tr.t(&format!("application-reason-{r}"))))
            .collect(),
        fees: fee_text(tr, &view.fees.totals),
        payments: view
            .fees
            .payments
            .iter()
            .map(|p| {
                format!(
                    "{} · {} {} · {} {} · {}",
                    tr.t(&format!("fees-step-{}", p.step.code())),
                    p.currency.code(),
                    p.amount,
                    tr.t("fees-reference"),
                    p.reference,
                    tr.date_of(&p.recorded_at)
                )
            })
            .collect(),
        error,
        error_raw,
        condition_choices,
        keeps_evidence,
        sees_profile,
        max_mb: super::portal_evidence::max_mb(state),
        c,
    };
    render(page)
}

pub async fn detail(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    detail_page(&state, lang, &me, &identity, &id, None, false).await
}

/// The fields of an action form: urlencoded, or multipart when the answer to a request for
/// information carries a file (its first field the CSRF token, checked before it is read).
async fn action_form(
    state: &AppState,
    request: axum::extract::Request,
) -> Result<(Vec<(String, String)>, Option<MultipartForm>), ApiError> {
    use axum::extract::FromRequest;
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if multipart {
        let m = Multipart::from_request(request, state)
            .await
            .map_err(|e| ApiError::MalformedBody(e.body_text()))?;
        let form = read_multipart(m, state.evidence.max_bytes).await?;
        Ok((form.fields.clone(), Some(form)))
    } else {
        let body = axum::body::to_bytes(request.into_body(), crate::MAX_BODY_BYTES)
            .await
            .map_err(|_| ApiError::PayloadTooLarge {
                limit: crate::MAX_BODY_BYTES,
            })?;
        Ok((
            form_urlencoded::parse(&body)
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect(),
            None,
        ))
    }
}

/// An action form; several reason codes arrive as repeated `reason_codes` fields. An answer
/// to a request for information may attach a file, stored as evidence (checked like any
/// upload) just before the answer is recorded.
pub async fn act(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    request: axum::extract::Request,
) -> Result<Response, PageError> {
    let tr = state.i18n.tr(lang.0);
    let (pairs, upload) = match action_form(&state, request).await {
        Ok(read) => read,
        Err(e) => {
            let (status, message) = refusal(&tr, &state, &e);
            let page = detail_page(&state, lang, &me, &identity, &id, Some(message), false).await?;
            return Ok((status, page).into_response());
        }
    };
    let mut input = TransitionInput::default();
    for (k, v) in pairs {
        match k.as_str() {
            "action" => input.action = v,
            "note" => input.note = v,
            "reason_codes" => input.reason_codes.push(v),
            "condition" => input.condition = v.parse().ok(),
            "conditions" => input
                .conditions
                .get_or_insert_with(Vec::new)
                .extend(v.parse::<Requirement>().ok()),
            "appeal_outcome" => {
                input.appeal_outcome = match v.as_ref() {
                    "dismiss" => Some(AppealOutcome::Dismiss),
                    _ => Some(AppealOutcome::Reopen),
                }
            }
            _ => {}
        }
    }
    let action = Action::parse(&input.action);
    let note_required = matches!(action, Some(Action::RequestInfo | Action::ProvideInfo));
    if note_required && input.note.trim().is_empty() {
        let message = tr.t(if action == Some(Action::RequestInfo) {
            "application-error-request-note"
        } else {
            "application-error-answer-note"
        });
        let page = detail_page(&state, lang, &me, &identity, &id, Some(message), false).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    // A file goes with an answer only, and only once the answer is possible now. It is kept
    // on the profile in its own write: should the answer then be refused (someone acted in
    // between), the file stays with the engineer's evidence, where it belongs anyway.
    if let Some(form) = upload.filter(|f| f.file.is_some() || f.too_large) {
        let view = service::get(&state, &me, &id)
            .await
            .map_err(PageError::from_api)?;
        if action == Some(Action::ProvideInfo)
            && view.allowed_actions.contains(&Action::ProvideInfo)
        {
            let engineer = view.application.engineer.clone();
            if let Err(e) = store_upload(&state, &me, &engineer, &form).await {
                if let ApiError::Store(s) = e {
                    return Err(PageError::Store(s));
                }
                let (status, message) = refusal(&tr, &state, &e);
                let page =
                    detail_page(&state, lang, &me, &identity, &id, Some(message), false).await?;
                return Ok((status, page).into_response());
            }
        }
    }
    match service::act(&state, &me, &id, input).await {
        Ok(_) => Ok(Redirect::to(&format!("/applications/{id}")).into_response()),
        Err(ApiError::Forbidden(_)) => Err(PageError::Forbidden),
        Err(
            e @ (ApiError::Conflict { .. }
            | ApiError::Invalid { .. }
            | ApiError::Store(wanqiao_store::StoreError::Conflict(_))),
        ) => {
            let status = if matches!(e, ApiError::Invalid { .. }) {
                StatusCode::UNPROCESSABLE_ENTITY
            } else {
                StatusCode::CONFLICT
            };
            let message = super::refusals::of_action(&tr, &e, action);
            let page = detail_page(&state, lang, &me, &identity, &id, Some(message), false).await?;
            Ok((status, page).into_response())
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}

#[derive(Template)]
#[template(path = "application_new.html")]
struct NewPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    /// (qualification, host, label, what the engine says, the fees due).
    choices: Vec<(String, String, String, DecisionView, String)>,
    error: Option<String>,
    /// Whether the reader keeps an engineer profile to apply with.
    has_profile: bool,
}

/// Where the reader could apply: every (qualification, host society) the self-check reaches,
/// with what the engine says, before anything is submitted.
pub async fn new_form(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
) -> PageResult {
    new_page(&state, lang, &me, &identity, None).await
}

async fn new_page(
    state: &AppState,
    lang: Lang,
    me: &wanqiao_domain::Principal,
    identity: &Identity,
    error: Option<String>,
) -> PageResult {
    let Some(id) = state.store.engineer_of_user(&me.user_id).await? else {
        // No profile yet: the page says where to start one.
        return render(NewPage {
            c: Chrome::new(state, lang, "/applications/new", "nav-applications"),
            csrf_token: String::new(),
            choices: Vec::new(),
            error,
            has_profile: false,
        });
    };
    let (profile, _, check, catalogue) = crate::service::recognition::for_engineer(state, me, &id)
        .await
        .map_err(PageError::from_api)?;
    let titles = &check.titles;
    let c = Chrome::new(state, lang, "/applications/new", "nav-applications");
    let mut choices = Vec::with_capacity(check.rows.len());
    for r in &check.rows {
        let q = level_name(&catalogue, c.tr.locale, &r.framework, &r.level);
        let view = decision_view(
            &c.tr,
            &catalogue,
            titles,
            &r.decision,
            q.clone(),
            r.unattested,
        );
        let home = profile
            .qualifications
            .iter()
            .find(|x| x.id == r.qualification)
            .and_then(|x| x.society.clone());
        let (_, totals) = match check.fees.get(&r.decision.agreement) {
            Some(schedule) => fees::due_under(schedule, home.as_deref(), &r.decision.society),
            None => fees::due(
                state,
                &r.decision.agreement,
                home.as_deref(),
                &r.decision.society,
            )
            .await
            .map_err(PageError::from_api)?,
        };
        let fee = fee_text(&c.tr, &totals);
        choices.push((
            r.qualification.clone(),
            r.decision.society.clone(),
            q,
            view,
            fee,
        ));
    }
    render(NewPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        choices,
        error,
        has_profile: true,
        c,
    })
}

#[derive(Deserialize)]
pub struct ApplyForm {
    choice: String,
}

pub async fn create(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Form(form): Form<ApplyForm>,
) -> Result<Response, PageError> {
    let (qualification, host) = form.choice.split_once('|').unwrap_or_default();
    let input = NewApplicationInput {
        engineer: None,
        qualification: qualification.to_string(),
        host_society: host.to_string(),
        specialty: None,
    };
    match service::create(&state, &me, input).await {
        Ok(view) => {
            Ok(Redirect::to(&format!("/applications/{}", view.application.id)).into_response())
        }
        Err(ApiError::Forbidden(_)) => Err(PageError::Forbidden),
        Err(
            e
            @ (ApiError::Invalid { .. } | ApiError::Store(wanqiao_store::StoreError::Conflict(_))),
        ) => {
            let message = super::refusals::of_new(&state.i18n.tr(lang.0), &e);
            let page = new_page(&state, lang, &me, &identity, Some(message)).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
