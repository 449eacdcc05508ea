//! An agreement's lifecycle panel: where it stands, its versions, and one small form for each
//! step it allows now (`Agreement::allowed_steps`). The step itself is the service's
//! (`step_agreement`); a refused step comes back to the panel with the reason.

use super::admin_register::{Caller, Choice, Errors, Fields, Shown, explain, today};
use super::societies::status_class;
use super::{Chrome, Lang};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::register as service;
use crate::{ApiError, AppState, Tr, views};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use wanqiao_domain::{Agreement, Step, VersionStatus};

/// One input of a step's form.
pub struct StepField {
    /// `date`, `version` or `notes`.
    pub kind: &'static str,
    /// The form field, e.g. `effective_from`.
    pub name: &'static str,
    /// The element id, unique on the page: `{step}-{name}`.
    pub id: String,
    pub label: String,
    pub hint: Option<String>,
    pub value: String,
    pub required: bool,
    pub choices: Vec<Choice>,
}

/// The form of one step allowed now.
pub struct StepForm {
    pub code: &'static str,
    pub title: String,
    pub lead: String,
    pub button: String,
    /// Steps that stop recognition are marked as such.
    pub danger: bool,
    pub fields: Vec<StepField>,
}

pub struct VersionRow {
    pub number: u32,
    /// A draft: its rules are edited in the agreement's file, its impact analysed first.
    pub draft: bool,
    pub status: String,
    pub status_class: &'static str,
    pub effective_from: String,
    pub rules: usize,
    pub notes: Option<String>,
}

#[derive(Template)]
#[template(path = "register_agreement_panel.html")]
struct PanelPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    id: String,
    title: String,
    status: String,
    status_class: &'static str,
    kind: String,
    specialty: String,
    signed_on: String,
    effective_from: String,
    effective_until: String,
    versions: Vec<VersionRow>,
    steps: Vec<StepForm>,
    errors: Errors,
}

fn step_title(tr: &Tr, code: &str) -> String {
    tr.t(&format!("reg-step-{code}"))
}

/// The inputs of step `code`: what was typed when it was the step sent, else suggestions.
fn step_fields(
    tr: &Tr,
    a: &Agreement,
    code: &'static str,
    sent: &Fields,
    today: &str,
) -> Vec<StepField> {
    let mine = sent.is("action", code);
    let value = |name: &str, suggestion: &str| {
        if mine {
            sent.get(name).to_string()
        } else {
            suggestion.to_string()
        }
    };
    let field = |kind, name: &'static str, label: &str, required, suggestion: &str| StepField {
        kind,
        name,
        id: format!("{code}-{name}"),
        label: tr.t(label),
        hint: None,
        value: value(name, suggestion),
        required,
        choices: Vec::new(),
    };
    let date = |name: &'static str, label: &str| field("date", name, label, true, today);
    let version = || {
        let drafts: Vec<u32> = a
            .versions
            .iter()
            .filter(|v| v.status == VersionStatus::Draft && !v.rules.is_empty())
            .map(|v| v.number)
            .collect();
        let latest = drafts.last().map(ToString::to_string).unwrap_or_default();
        let chosen = value("version", &latest);
        let mut f = field(
            "version",
            "version",
            "reg-step-field-version",
            true,
            &latest,
        );
        f.choices = drafts
            .iter()
            .map(|n| Choice {
                value: n.to_string(),
                label: tr.t1("agreement-version", "number", *n),
                selected: n.to_string() == chosen,
            })
            .collect();
        f
    };
    match code {
        "sign_intent" => {
            let mut f = field("date", "signed_on", "col-signed-on", false, "");
            f.hint = Some(tr.t("reg-step-signed-on-hint"));
            vec![f]
        }
        "bring_into_force" | "put_version_in_force" => vec![
            version(),
            date("effective_from", "agreement-effective-from"),
        ],
        "expire" => vec![date("on", "reg-step-field-on")],
        "draft_version" => {
            let mut f = field("notes", "notes", "reg-step-field-notes", false, "");
            f.hint = Some(tr.t("reg-step-notes-hint"));
            vec![f]
        }
        _ => Vec::new(),
    }
}

async fn panel(
    state: &AppState,
    caller: &Caller,
    id: &str,
    sent: &Fields,
    shown: Shown,
) -> Result<Response, PageError> {
    if !caller.me.may_manage_register() {
        return Err(PageError::Forbidden);
    }
    let a = state
        .store
        .agreement(id)
        .await?
        .ok_or(PageError::NotFound)?;
    let catalogue = state.store.catalogue().await?;
    let c = caller.chrome(state, &format!("/admin/agreements/{id}"));
    let tr = &c.tr;
    let today = today(state).to_string();
    let steps = a
        .allowed_steps()
        .into_iter()
        .map(|code| StepForm {
            code,
            title: step_title(tr, code),
            lead: tr.t(&format!("reg-step-{code}-lead")),
            button: tr.t(&format!("reg-step-{code}-button")),
            danger: matches!(code, "suspend" | "expire"),
            fields: step_fields(tr, &a, code, sent, &today),
        })
        .collect();
    let versions = a
        .versions
        .iter()
        .rev()
        .map(|v| VersionRow {
            number: v.number,
            draft: v.status == VersionStatus::Draft,
            status: views::version_status(tr, v.status),
            status_class: match v.status {
                VersionStatus::InForce => "in-force",
                VersionStatus::Draft => "intent",
                VersionStatus::Superseded => "other",
            },
            effective_from: tr.opt_date(&v.effective_from),
            rules: v.rules.len(),
            notes: v.notes.clone(),
        })
        .collect();
    let page = PanelPage {
        csrf_token: caller.csrf_token.clone(),
        id: a.id.clone(),
        title: a.titles.get(tr.locale).to_string(),
        status: views::agreement_status(tr, a.status),
        status_class: status_class(a.status),
        kind: views::agreement_kind(tr, a.kind),
        specialty: views::name(
            tr.locale,
            catalogue.specialties.get(&a.specialty).map(|s| &s.names),
            &a.specialty,
        )
        .to_string(),
        signed_on: tr.opt_date(&a.signed_on),
        effective_from: tr.opt_date(&a.effective_from),
        effective_until: tr.opt_date(&a.effective_until),
        versions,
        steps,
        errors: shown.errors,
        c,
    };
    Ok((shown.status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    panel(&state, &caller, &id, &Fields::default(), Shown::fresh()).await
}

/// The step the form asks for, or the messages for the fields it could not read.
fn read_step(tr: &Tr, f: &Fields) -> Result<Step, Errors> {
    let code = f.text("action");
    let mut errors = Errors::default();
    let mut date = |name: &str, required: bool| {
        let key = format!("{code}-{name}");
        match f.opt(name) {
            None if required => {
                errors.add(&key, tr.t("reg-error-date-required"));
                None
            }
            None => None,
            Some(raw) => match wanqiao_domain::date::parse(&raw) {
                Ok(d) => Some(d),
                Err(_) => {
                    errors.add(&key, tr.t("reg-error-date"));
                    None
                }
            },
        }
    };
    let step = match code.as_str() {
        // Without a date, the signing keeps the date recorded, if any.
        "sign_intent" => Some(Step::SignIntent {
            signed_on: date("signed_on", false),
        }),
        "bring_into_force" | "put_version_in_force" => {
            let from = date("effective_from", true);
            let version = f.text("version").parse::<u32>().ok();
            if version.is_none() {
                errors.add(&format!("{code}-version"), tr.t("reg-error-choose"));
            }
            match (version, from, code.as_str()) {
                (Some(version), Some(effective_from), "bring_into_force") => {
                    Some(Step::BringIntoForce {
                        version,
                        effective_from,
                    })
                }
                (Some(version), Some(effective_from), _) => Some(Step::PutVersionInForce {
                    version,
                    effective_from,
                }),
                _ => None,
            }
        }
        "suspend" => Some(Step::Suspend {}),
        "resume" => Some(Step::Resume {}),
        "expire" => date("on", true).map(|on| Step::Expire { on }),
        "draft_version" => Some(Step::DraftVersion {
            rules: None,
            notes: f.opt("notes"),
        }),
        _ => {
            errors.add_top(tr.t("reg-step-unknown"));
            None
        }
    };
    match step {
        Some(step) if errors.is_empty() => Ok(step),
        _ => Err(errors),
    }
}

/// A step refused by the lifecycle: what was asked, why not, and what is possible instead.
fn refusal(tr: &Tr, code: &str, message: String, allowed: &[String]) -> Shown {
    let mut errors = Errors::default();
    errors.add_top(tr.t1("reg-step-refused", "step", step_title(tr, code)));
    errors.add_top(tr.t1("reg-refused", "reason", message));
    errors.add_top(if allowed.is_empty() {
        tr.t("reg-step-none")
    } else {
        let names: Vec<String> = allowed.iter().map(|s| step_title(tr, s)).collect();
        tr.t1("reg-step-allowed", "steps", names.join(" · "))
    });
    Shown {
        errors,
        status: StatusCode::CONFLICT,
    }
}

pub async fn step(
    State(state): State<AppState>,
    lang: Lang,
    user: PageUser,
    Path(id): Path<String>,
    Form(pairs): Form<Vec<(String, String)>>,
) -> Result<Response, PageError> {
    let caller = Caller::new(lang, user);
    if !caller.me.may_manage_register() {
        return Err(PageError::Forbidden);
    }
    let f = Fields::new(pairs);
    let tr = caller.tr(&state);
    let shown = match read_step(&tr, &f) {
        Err(errors) => Shown::invalid(errors),
        Ok(step) => match service::step_agreement(&state, &caller.me, &id, &step).await {
            Ok(_) => return Ok(Redirect::to(&format!("/admin/agreements/{id}")).into_response()),
            Err(ApiError::Conflict { message, allowed }) => {
                refusal(&tr, step.code(), message, &allowed)
            }
            Err(e) => explain(&tr, e, |_| None)?,
        },
    };
    panel(&state, &caller, &id, &f, shown).await
}
