//! Applications for recognition: created by the engineer, attested by the home society,
//! decided by the host society, each step checked against the workflow and the caller's role.

use crate::service::notifications::{self, Kind};
use crate::service::recognition;
use crate::{ApiError, AppState};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use wanqiao_domain::calendar::Calendar;
use wanqiao_domain::deadlines::{self, Calendars, OnOverdue, Standing, Step};
use wanqiao_domain::engine::{Decision, Facts, HeldQualification, self_check};
use wanqiao_domain::engineer::{EngineerProfile, Qualification};
use wanqiao_domain::workflow::{
    self, Action, AppealOutcome, Details, Parties, State, WorkflowError,
};
use wanqiao_domain::{Catalogue, Date, Jurisdiction, Principal, Requirement};
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::applications::{
    Application, ApplicationFilter, Event, NewApplication, Transition,
};
use wanqiao_store::{Page, Paged};

/// An application with its history and what the caller may do next.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationView {
    #[serde(flatten)]
    pub application: Application,
    pub history: Vec<Event>,
    /// The actions the caller may take now.
    pub allowed_actions: Vec<Action>,
    /// The clock of the current step; `null` when nothing is timed.
    pub deadline: Option<Standing>,
    /// What the application costs per currency, and the receipts recorded.
    pub fees: crate::service::fees::FeeSummary,
    /// The recognition certificate its approval issued (`GET /api/v1/credentials/{id}`).
    pub credential_id: Option<String>,
}

/// An application in a list, with its clock as it stands today.
#[derive(Debug, Clone, Serialize)]
pub struct ApplicationItem {
    #[serde(flatten)]
    pub application: Application,
    pub deadline: Option<Standing>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewApplicationInput {
    /// The engineer profile; defaults to the caller's own.
    #[serde(default)]
    pub engineer: Option<String>,
    pub qualification: String,
    pub host_society: String,
    /// Must match the qualification's specialty when given.
    #[serde(default)]
    pub specialty: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransitionInput {
    pub action: String,
    #[serde(default)]
    pub note: String,
    #[serde(default)]
    pub reason_codes: Vec<String>,
    /// For `approve_with_conditions`; defaults to the requirements the engine found outstanding.
    #[serde(default)]
    pub conditions: Option<Vec<Requirement>>,
    /// For `fulfil_condition`.
    #[serde(default)]
    pub condition: Option<Requirement>,
    /// For `decide_appeal`.
    #[serde(default)]
    pub appeal_outcome: Option<AppealOutcome>,
}

/// Whether the caller may see the application: its applicant, the staff of either society,
/// or a platform admin.
fn may_see(me: &Principal, a: &Application, applicant: Option<&str>) -> bool {
    let staff = |s: &str| {
        me.grants
            .iter()
            .any(|g| g.role.is_society_role() && g.society.as_deref() == Some(s))
    };
    me.is_platform_admin()
        || applicant == Some(me.user_id.as_str())
        || staff(&a.host_society)
        || a.home_society.as_deref().is_some_and(staff)
}

async fn owner_of(state: &AppState, a: &Application) -> Result<Option<String>, ApiError> {
    Ok(state.store.engineer_user(&a.engineer).await?)
}

fn parties<'a>(a: &'a Application, applicant: Option<&'a str>) -> Parties<'a> {
    Parties {
        applicant,
        home_society: a.home_society.as_deref(),
        host_society: &a.host_society,
        rejected_by: a.rejected_by.as_deref(),
    }
}

fn allowed_for(me: &Principal, a: &Application, applicant: Option<&str>) -> Vec<Action> {
    let p = parties(a, applicant);
    a.state
        .actions()
        .into_iter()
        .filter(|act| workflow::may_act(me, *act, &p).is_ok())
        .collect()
}

async fn view(
    state: &AppState,
    me: &Principal,
    a: Application,
    catalogue: &Catalogue,
) -> Result<ApplicationView, ApiError> {
    let applicant = owner_of(state, &a).await?;
    if !may_see(me, &a, applicant.as_deref()) {
        return Err(ApiError::forbidden(
            "this application concerns other societies and another engineer",
        ));
    }
    let history = state.store.application_history(&a.id).await?;
    let allowed_actions = allowed_for(me, &a, applicant.as_deref());
    let deadline = standing(catalogue, &a, state.today());
    let draft_agreement = if a.agreement.is_none() {
        recognition::agreements_in_force(state)
            .await?
            .into_iter()
            .find(|x| x.specialty == a.specialty && x.parties.contains(&a.host_society))
            .map(|x| x.id)
    } else {
        None
    };
    let fees = crate::service::fees::summary(state, &a, draft_agreement).await?;
    let credential_id = state.store.credential_of_application(&a.id).await?;
    Ok(ApplicationView {
        credential_id,
        application: a,
        history,
        allowed_actions,
        deadline,
        fees,
    })
}

pub async fn get(state: &AppState, me: &Principal, id: &str) -> Result<ApplicationView, ApiError> {
    let catalogue = state.store.catalogue().await?;
    get_in(state, me, id, &catalogue).await
}

/// The same, the catalogue already read.
pub async fn get_in(
    state: &AppState,
    me: &Principal,
    id: &str,
    catalogue: &Catalogue,
) -> Result<ApplicationView, ApiError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or_else(|| ApiError::not_found("application", id))?;
    view(state, me, a, catalogue).await
}

/// Applications the caller is concerned with: their own, or their societies'.
pub async fn list(
    state: &AppState,
    me: &Principal,
    mut filter: ApplicationFilter,
    page: Page,
) -> Result<Paged<Application>, ApiError> {
    if !me.is_platform_admin() {
        let staff = me.staff_societies();
        if let Some(asked) = &filter.societies
            && !asked.iter().all(|s| staff.contains(s))
        {
            return Err(ApiError::forbidden(
                "you see the applications of your own societies only",
            ));
        }
        if filter.societies.is_none() {
            if staff.is_empty() {
                let own = state.store.engineer_of_user(&me.user_id).await?;
                filter.engineer = Some(own.unwrap_or_else(|| "-".into()));
            } else {
                filter.societies = Some(staff);
            }
        }
    }
    Ok(state.store.applications(&filter, page).await?)
}

/// The calendar of a society's region; an unknown society counts weekends only.
fn calendar_of(catalogue: &Catalogue, society: Option<&str>) -> Option<&'static Calendar> {
    let s = catalogue.societies.get(society?)?;
    Some(Calendar::of(s.jurisdiction))
}

/// The calendars an application's clocks count in: the applicant and the home society in the
/// home region (the host's when there is no home society), the host society in its own.
fn calendars(catalogue: &Catalogue, a: &Application) -> Calendars<'static> {
    let host = calendar_of(catalogue, Some(&a.host_society))
        .unwrap_or_else(|| Calendar::of(Jurisdiction::Intl));
    let home = calendar_of(catalogue, a.home_society.as_deref()).unwrap_or(host);
    Calendars { home, host }
}

fn standing(catalogue: &Catalogue, a: &Application, today: Date) -> Option<Standing> {
    a.clock.map(|c| c.standing(today, calendars(catalogue, a)))
}

/// The same list with each application's clock as it stands today, for the API.
pub async fn list_items(
    state: &AppState,
    me: &Principal,
    mut filter: ApplicationFilter,
    page: Page,
) -> Result<Paged<ApplicationItem>, ApiError> {
    let today = state.today();
    filter.today = Some(today);
    let found = list(state, me, filter, page).await?;
    Ok(Paged {
        items: with_deadlines(state, found.items, today).await?,
        total: found.total,
    })
}

/// The applications with where each stands against its deadline on `today`.
async fn with_deadlines(
    state: &AppState,
    applications: Vec<Application>,
    today: Date,
) -> Result<Vec<ApplicationItem>, ApiError> {
    let catalogue = state.store.catalogue().await?;
    Ok(applications
        .into_iter()
        .map(|a| ApplicationItem {
            deadline: standing(&catalogue, &a, today),
            application: a,
        })
        .collect())
}

/// Every application of `filter` in any of `stages` (all of them when `None`), one read per
/// stage: a queue of a few states reads just those, not a society's whole history.
pub async fn items_in_stages(
    state: &AppState,
    me: &Principal,
    mut filter: ApplicationFilter,
    stages: Option<&[State]>,
) -> Result<Vec<ApplicationItem>, ApiError> {
    let today = state.today();
    filter.today = Some(today);
    let wanted: Vec<Option<State>> = match stages {
        Some(stages) => stages.iter().copied().map(Some).collect(),
        None => vec![None],
    };
    let mut read = Vec::new();
    for stage in wanted {
        let filter = ApplicationFilter {
            state: stage,
            ..filter.clone()
        };
        read.extend(list(state, me, filter, Page::ALL).await?.items);
    }
    with_deadlines(state, read, today).await
}

/// The decision of the agreement in force that leads this qualification to the host society.
async fn evaluate(
    state: &AppState,
    profile: &EngineerProfile,
    q: &Qualification,
    host: &str,
) -> Result<Decision, ApiError> {
    let catalogue = state.store.catalogue().await?;
    let agreements = recognition::agreements_in_force(state).await?;
    let versions = recognition::compiled(&agreements, &catalogue)?;
    let today = state.today();
    let facts = Facts::of_profile(profile, today);
    let held = HeldQualification::from(q);
    if let Some(d) = self_check(&versions, &facts, &held, today)
        .into_iter()
        .find(|d| d.society == host)
    {
        return Ok(d);
    }
    let existing: Vec<String> = agreements
        .iter()
        .filter(|a| a.specialty == q.specialty && a.parties.iter().any(|p| p == host))
        .map(|a| a.id.clone())
        .collect();
    let all: Vec<String> = state
        .store
        .agreements(
            &AgreementFilter {
                specialty: Some(q.specialty.clone()),
                ..AgreementFilter::default()
            },
            Page::ALL,
        )
        .await?
        .items
        .into_iter()
        .map(|a| format!("{} ({})", a.id, a.status.code()))
        .collect();
    let message = if existing.is_empty() {
        format!(
            "no agreement in force leads from this qualification to `{host}` in {}; agreements in this specialty: {}",
            q.specialty,
            if all.is_empty() {
                "none".to_string()
            } else {
                all.join(", ")
            }
        )
    } else {
        format!(
            "the agreements in force with `{host}` ({}) have no rule for this qualification",
            existing.join(", ")
        )
    };
    Err(ApiError::invalid("host_society", message))
}

pub async fn create(
    state: &AppState,
    me: &Principal,
    input: NewApplicationInput,
) -> Result<ApplicationView, ApiError> {
    let engineer = match &input.engineer {
        Some(e) => e.clone(),
        None => state
            .store
            .engineer_of_user(&me.user_id)
            .await?
            .ok_or_else(|| ApiError::invalid("engineer", "create your engineer profile first"))?,
    };
    let profile = state
        .store
        .engineer(&engineer)
        .await?
        .ok_or_else(|| ApiError::not_found("engineer", &engineer))?;
    if profile.user_id.as_deref() != Some(me.user_id.as_str()) {
        return Err(ApiError::forbidden("engineers apply for themselves"));
    }
    let q = profile
        .qualifications
        .iter()
        .find(|q| q.id == input.qualification)
        .ok_or_else(|| ApiError::invalid("qualification", "not a qualification of this profile"))?;
    if !q.status.is_live() {
        return Err(ApiError::invalid(
            "qualification",
            format!("the qualification is {}", q.status.code()),
        ));
    }
    if input.specialty.as_ref().is_some_and(|s| *s != q.specialty) {
        return Err(ApiError::invalid(
            "specialty",
            format!("the qualification is in `{}`", q.specialty),
        ));
    }
    if state.store.society(&input.host_society).await?.is_none() {
        return Err(ApiError::invalid(
            "host_society",
            format!("unknown society `{}`", input.host_society),
        ));
    }
    evaluate(state, &profile, q, &input.host_society).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .create_application(&NewApplication {
            engineer: &engineer,
            qualification: &q.id,
            specialty: &q.specialty,
            home_society: q.society.as_deref(),
            host_society: &input.host_society,
        })
        .await?;
    w.commit().await?;
    get(state, me, &id).await
}

pub async fn act(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: TransitionInput,
) -> Result<ApplicationView, ApiError> {
    let a = state
        .store
        .application(id)
        .await?
        .ok_or_else(|| ApiError::not_found("application", id))?;
    let applicant = owner_of(state, &a).await?;
    if !may_see(me, &a, applicant.as_deref()) {
        return Err(ApiError::forbidden(
            "this application concerns other societies and another engineer",
        ));
    }
    let allowed: Vec<String> = allowed_for(me, &a, applicant.as_deref())
        .iter()
        .map(|x| x.code().to_string())
        .collect();
    let action = Action::parse(&input.action).ok_or_else(|| {
        ApiError::invalid(
            "action",
            format!(
                "`{}` is not an action; possible now: {}",
                input.action,
                allowed.join(", ")
            ),
        )
    })?;
    // A possible action taken by the wrong person is a 403; an impossible one a 409, below.
    if let Err(why) = workflow::may_act(me, action, &parties(&a, applicant.as_deref()))
        && a.state.actions().contains(&action)
    {
        return Err(ApiError::Forbidden(format!(
            "{why}; you may: {}",
            none_if_empty(&allowed)
        )));
    }
    let mut frozen = None;
    let profile;
    let evaluation = if action == Action::Submit {
        profile = state
            .store
            .engineer(&a.engineer)
            .await?
            .ok_or_else(|| ApiError::not_found("engineer", &a.engineer))?;
        let q = profile
            .qualifications
            .iter()
            .find(|q| q.id == a.qualification)
            .ok_or_else(|| {
                ApiError::invalid(
                    "qualification",
                    "the qualification was removed from the profile",
                )
            })?;
        Some(evaluate(state, &profile, q, &a.host_society).await?)
    } else {
        None
    };
    if let Some(d) = &evaluation {
        frozen = Some((
            d.agreement.clone(),
            d.version,
            serde_json::to_value(d).expect("decisions serialise"),
        ));
    }
    let stored_evaluation: Option<Decision> = a
        .evaluation
        .clone()
        .and_then(|e| serde_json::from_value(e).ok());
    let details = Details {
        reason_codes: input.reason_codes.clone(),
        conditions: input
            .conditions
            .clone()
            .unwrap_or_else(|| stored_evaluation.map(|d| d.outstanding).unwrap_or_default()),
        condition: input.condition,
        appeal_outcome: input.appeal_outcome,
    };
    let decision =
        workflow::decide(a.state, &a.outstanding, action, &details).map_err(|e| match e {
            WorkflowError::WrongState {
                state: s, action, ..
            } => ApiError::conflict(
                format!(
                    "`{action}` is not possible while the application is {s}; you may: {}",
                    none_if_empty(&allowed)
                ),
                allowed.clone(),
            ),
            WorkflowError::Invalid(m) => ApiError::Invalid {
                message: m,
                fields: Vec::new(),
            },
        })?;
    if input.note.chars().count() > 4000 {
        return Err(ApiError::invalid(
            "note",
            "a note is at most 4000 characters",
        ));
    }
    let today = state.today();
    if action == Action::Appeal
        && let Some(window) = a.clock.filter(|c| c.step == Step::Appeal)
        && today > window.due_on
    {
        return Err(ApiError::conflict(
            format!(
                "the window to appeal closed on {}; the rejection stands",
                window.due_on
            ),
            Vec::new(),
        ));
    }
    // Submission freezes the agreement's deadlines with its version.
    let rules = match &frozen {
        Some((agreement, _, _)) => state
            .store
            .agreement(agreement)
            .await?
            .map(|x| x.deadlines)
            .unwrap_or_default(),
        None => a.deadlines,
    };
    let catalogue = state.store.catalogue().await?;
    let clock = deadlines::clock_after(
        a.clock.as_ref(),
        a.state,
        decision.state,
        today,
        &rules,
        calendars(&catalogue, &a),
    );
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.transition_application(
        id,
        &Transition {
            action,
            from: a.state,
            to: decision.state,
            revision: a.revision,
            outstanding: &decision.outstanding,
            note: input.note.trim(),
            reason_codes: &input.reason_codes,
            frozen: frozen.as_ref().map(|(a, v, e)| (a.as_str(), *v, e.clone())),
        },
    )
    .await?;
    w.set_application_clock(id, clock, frozen.is_some().then_some(&rules))
        .await?;
    notify_next(&mut w, &a, applicant.as_deref(), action, decision.state).await?;
    // Approval issues the recognition certificate in the same transaction.
    if decision.state == State::Approved {
        crate::service::issuing::issue_for_application(&mut w, &state.issuing, id).await?;
    }
    w.commit().await?;
    notifications::deliver_pending(state).await;
    get(state, me, id).await
}

/// Tells whoever must act next, inside the transition's write: the home society's attestors
/// and admins after a submission, the host society's reviewers when the application comes
/// to them, the applicant when they owe information or a decision was taken.
async fn notify_next(
    w: &mut wanqiao_store::Write,
    a: &Application,
    applicant: Option<&str>,
    action: Action,
    to: State,
) -> Result<(), ApiError> {
    use wanqiao_domain::Role;
    let (recipients, kind, next) = match to {
        State::Submitted => match &a.home_society {
            Some(home) => (
                w.staff_emails(home, &[Role::Attestor, Role::SocietyAdmin])
                    .await?,
                Kind::ActionNeeded,
                Action::Attest.code(),
            ),
            None => return Ok(()),
        },
        State::Attested => (
            w.staff_emails(&a.host_society, &[Role::Reviewer]).await?,
            Kind::ActionNeeded,
            Action::StartReview.code(),
        ),
        State::UnderReview if action == Action::ProvideInfo => (
            w.staff_emails(&a.host_society, &[Role::Reviewer]).await?,
            Kind::ActionNeeded,
            "review",
        ),
        State::Appealed => (
            w.staff_emails(&a.host_society, &[Role::Reviewer]).await?,
            Kind::ActionNeeded,
            Action::DecideAppeal.code(),
        ),
        State::InfoRequested | State::Approved | State::ConditionallyApproved | State::Rejected => {
            let email = match applicant {
                Some(u) => w.email_of_user(u).await?,
                None => None,
            };
            let kind = if to == State::InfoRequested {
                Kind::ActionNeeded
            } else {
                Kind::Decided
            };
            let next = if to == State::InfoRequested {
                Action::ProvideInfo.code()
            } else {
                to.code()
            };
            (email.into_iter().collect(), kind, next)
        }
        _ => return Ok(()),
    };
    for r in recipients {
        let mut args = notifications::action_needed_args(&a.id, next);
        args["state"] = serde_json::Value::String(to.code().to_string());
        notifications::notify(w, &r, kind, args).await?;
    }
    Ok(())
}

fn none_if_empty(list: &[String]) -> String {
    if list.is_empty() {
        "nothing at this stage".into()
    } else {
        list.join(", ")
    }
}

/// What one sweep did.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SweepReport {
    /// The day the sweep judged on.
    pub today: Option<Date>,
    /// Applications escalated to their host society's admins.
    pub escalated: Vec<String>,
    /// Applications given their agreement's deemed outcome.
    pub deemed: Vec<String>,
}

/// The system's name in histories and the audit trail.
pub const SYSTEM: &str = "system";

/// Applies, to each decision whose deadline passed before `now`'s day, what its agreement
/// says an overdue decision triggers, exactly once: an escalation flags it (and is not
/// repeated), a deemed outcome moves it out of the host society's hands. An appeal left
/// undecided is always escalated: silence does not decide an appeal.
pub async fn sweep(state: &AppState, now: Timestamp) -> Result<SweepReport, ApiError> {
    let today = bay_date(now);
    let mut report = SweepReport {
        today: Some(today),
        ..SweepReport::default()
    };
    let catalogue = state.store.catalogue().await?;
    for a in state.store.overdue_decisions(today).await? {
        let trigger = if a.state == State::Appealed {
            OnOverdue::Escalate
        } else {
            a.deadlines.on_overdue
        };
        let outcome = match trigger {
            OnOverdue::Escalate => escalate(state, now, &a).await,
            OnOverdue::DeemedApproval | OnOverdue::DeemedRefusal => {
                deem(state, now, today, &catalogue, &a, trigger).await
            }
        };
        match outcome {
            Ok(true) if trigger == OnOverdue::Escalate => report.escalated.push(a.id),
            Ok(true) => report.deemed.push(a.id),
            Ok(false) => {}
            // Someone decided meanwhile: nothing is overdue any more.
            Err(wanqiao_store::StoreError::Conflict(_)) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(report)
}

async fn escalate(
    state: &AppState,
    now: Timestamp,
    a: &Application,
) -> Result<bool, wanqiao_store::StoreError> {
    let mut w = state.store.write(SYSTEM, now).await?;
    let done = w.escalate_application(a).await?;
    w.commit().await?;
    Ok(done)
}

/// The deemed outcome, as `system`: from `attested` the review is opened first, so the
/// history reads as every other decision does.
async fn deem(
    state: &AppState,
    now: Timestamp,
    today: Date,
    catalogue: &Catalogue,
    a: &Application,
    trigger: OnOverdue,
) -> Result<bool, wanqiao_store::StoreError> {
    let due = a.clock.map(|c| c.due_on.to_string()).unwrap_or_default();
    let (last, reasons, note) = match trigger {
        OnOverdue::DeemedRefusal => (
            Action::Reject,
            vec!["deemed_refusal".to_string()],
            format!(
                "deemed refused: the host society did not decide by {due}, and this agreement treats silence as a refusal, which can be appealed"
            ),
        ),
        _ => (
            Action::Approve,
            Vec::new(),
            format!(
                "deemed approved: the host society did not decide by {due}, and this agreement treats silence as approval (tacit approval)"
            ),
        ),
    };
    let mut steps = Vec::new();
    if a.state == State::Attested {
        steps.push(Action::StartReview);
    }
    steps.push(last);
    let cals = calendars(catalogue, a);
    let mut w = state.store.write(SYSTEM, now).await?;
    let (mut from, mut revision, mut clock) = (a.state, a.revision, a.clock);
    for action in steps {
        let details = Details {
            reason_codes: reasons.clone(),
            ..Details::default()
        };
        let Ok(decision) = workflow::decide(from, &a.outstanding, action, &details) else {
            return Ok(false);
        };
        let next = deadlines::clock_after(
            clock.as_ref(),
            from,
            decision.state,
            today,
            &a.deadlines,
            cals,
        );
        let is_last = action == last;
        w.transition_application(
            &a.id,
            &Transition {
                action,
                from,
                to: decision.state,
                revision,
                outstanding: &decision.outstanding,
                note: if is_last { &note } else { "" },
                reason_codes: if is_last { &reasons } else { &[] },
                frozen: None,
            },
        )
        .await?;
        w.set_application_clock(&a.id, next, None).await?;
        (from, revision, clock) = (decision.state, revision + 1, next);
    }
    // A deemed approval issues the certificate like any other approval.
    if from == State::Approved {
        crate::service::issuing::issue_for_application(&mut w, &state.issuing, &a.id).await?;
    }
    w.commit().await?;
    Ok(true)
}

/// The day in the Greater Bay Area (UTC+8 all year) at `now`, as [`AppState::today`] counts.
fn bay_date(now: Timestamp) -> Date {
    let bay = jiff::tz::TimeZone::fixed(jiff::tz::Offset::constant(8));
    bay.to_datetime(now).date()
}

/// Runs [`sweep`] every minute until the task is dropped; the first run comes a minute after
/// start, so that a server that just started answers before it sweeps.
pub async fn sweep_every_minute(state: AppState) {
    let period = std::time::Duration::from_secs(60);
    let mut tick = tokio::time::interval_at(tokio::time::Instant::now() + period, period);
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tick.tick().await;
        match sweep(&state, state.now()).await {
            Ok(r) if r.escalated.is_empty() && r.deemed.is_empty() => {}
            Ok(r) => {
                tracing::info!(escalated = ?r.escalated, deemed = ?r.deemed, "overdue decisions swept")
            }
            Err(e) => tracing::warn!(error = %e, "the sweep of overdue decisions failed"),
        }
    }
}
