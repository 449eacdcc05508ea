//! The alerts page for society staff: discipline and revocation alerts about engineers who
//! apply to or hold a qualification of their societies, and, for society admins, a form to
//! raise one. It works without JavaScript.

use super::form::{Choice, Errors, Fields};
use super::{Chrome, Lang, PageResult, render};
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::service::alerts::{self as service, AlertView, NewAlertInput};
use crate::{ApiError, AppState};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::Principal;
use wanqiao_domain::alerts::AlertKind;

pub struct AlertRow {
    pub engineer: String,
    pub society: String,
    pub kind: String,
    pub statement: String,
    pub raised_at: String,
}

#[derive(Template)]
#[template(path = "admin_alerts.html")]
struct AlertsPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    rows: Vec<AlertRow>,
    /// The societies the reader may raise an alert for; empty hides the form.
    societies: Vec<Choice>,
    kinds: Vec<Choice>,
    /// The form as sent, when it comes back refused.
    form: Fields,
    errors: Errors,
}

async fn alerts_page(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    form: Fields,
    errors: Errors,
) -> PageResult {
    if !service::may_read(me) {
        return Err(PageError::Forbidden);
    }
    let found: Vec<AlertView> = service::list(state, me)
        .await
        .map_err(PageError::from_api)?;
    let c = Chrome::new(state, lang, "/admin/alerts", "nav-alerts");
    let catalogue = state.store.catalogue().await?;
    let society_name = |id: &str| {
        crate::views::name(
            c.tr.locale,
            catalogue.societies.get(id).map(|s| &s.names),
            id,
        )
        .to_string()
    };
    let rows = found
        .into_iter()
        .map(|v| AlertRow {
            engineer: v.engineer_name,
            society: society_name(&v.alert.society),
            kind: c.tr.t(&format!("alert-kind-{}", v.alert.kind.code())),
            statement: v.alert.statement,
            raised_at: c.tr.date_of(&v.alert.raised_at),
        })
        .collect();
    let kinds = Choice::list(
        &form,
        "kind",
        AlertKind::ALL
            .iter()
            .map(|k| {
                (
                    k.code().to_string(),
                    c.tr.t(&format!("alert-kind-{}", k.code())),
                )
            })
            .collect(),
    );
    let societies = Choice::list(
        &form,
        "society",
        me.administered()
            .iter()
            .map(|s| (s.to_string(), society_name(s)))
            .collect(),
    );
    render(AlertsPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        rows,
        societies,
        kinds,
        form,
        errors,
        c,
    })
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
) -> PageResult {
    alerts_page(
        &state,
        lang,
        &me,
        &identity,
        Fields::default(),
        Errors::default(),
    )
    .await
}

#[derive(Deserialize)]
pub struct AlertForm {
    engineer: String,
    kind: String,
    statement: String,
    #[serde(default)]
    society: Option<String>,
}

pub async fn raise(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Form(form): Form<AlertForm>,
) -> Result<Response, PageError> {
    let sent = Fields::new(vec![
        ("engineer".into(), form.engineer.clone()),
        ("kind".into(), form.kind.clone()),
        ("statement".into(), form.statement.clone()),
        ("society".into(), form.society.clone().unwrap_or_default()),
    ]);
    let engineer = form.engineer.trim().to_string();
    let input = NewAlertInput {
        engineer: engineer.clone(),
        kind: form.kind,
        statement: form.statement,
        society: form.society.filter(|s| !s.is_empty()),
    };
    match service::raise(&state, &me, input).await {
        Ok(_) => Ok(Redirect::to("/admin/alerts").into_response()),
        Err(ApiError::Forbidden(_)) => Err(PageError::Forbidden),
        Err(ApiError::Invalid { fields, .. }) => {
            let tr = state.i18n.tr(lang.0);
            let mut errors = Errors::default();
            for f in &fields {
                let id = match f.name.as_str() {
                    "society" => "alerts-error-society",
                    "kind" => "alerts-error-kind",
                    "statement" => "alerts-error-statement",
                    _ if state.store.engineer(&engineer).await?.is_none() => {
                        "alerts-error-engineer-unknown"
                    }
                    _ => "alerts-error-engineer-unconcerned",
                };
                let field = if f.name == "society" || f.name == "kind" || f.name == "statement" {
                    f.name.as_str()
                } else {
                    "engineer"
                };
                errors.add(field, tr.t(id));
            }
            let page = alerts_page(&state, lang, &me, &identity, sent, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
