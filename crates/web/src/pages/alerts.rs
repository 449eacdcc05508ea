//! The alerts page for society staff: discipline and revocation alerts about engineers who
//! apply to or hold a qualification of their societies, and, for society admins, a form to
//! raise one. It works without JavaScript.

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
    societies: Vec<String>,
    kinds: Vec<(&'static str, String)>,
    error: Option<String>,
}

async fn alerts_page(
    state: &AppState,
    lang: Lang,
    me: &Principal,
    identity: &Identity,
    error: Option<String>,
) -> PageResult {
    if !service::may_read(me) {
        return Err(PageError::Forbidden);
    }
    let found: Vec<AlertView> = service::list(state, me)
        .await
        .map_err(PageError::from_api)?;
    let c = Chrome::new(state, lang, "/admin/alerts", "nav-alerts");
    let rows = found
        .into_iter()
        .map(|v| AlertRow {
            engineer: v.engineer_name,
            society: v.alert.society,
            kind: c.tr.t(&format!("alert-kind-{}", v.alert.kind.code())),
            statement: v.alert.statement,
            raised_at: v.alert.raised_at.get(..10).unwrap_or_default().to_string(),
        })
        .collect();
    let kinds = AlertKind::ALL
        .iter()
        .map(|k| (k.code(), c.tr.t(&format!("alert-kind-{}", k.code()))))
        .collect();
    render(AlertsPage {
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        rows,
        societies: me.administered().iter().map(|s| s.to_string()).collect(),
        kinds,
        error,
        c,
    })
}

pub async fn list(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
) -> PageResult {
    alerts_page(&state, lang, &me, &identity, None).await
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
    let input = NewAlertInput {
        engineer: form.engineer.trim().to_string(),
        kind: form.kind,
        statement: form.statement,
        society: form.society.filter(|s| !s.is_empty()),
    };
    match service::raise(&state, &me, input).await {
        Ok(_) => Ok(Redirect::to("/admin/alerts").into_response()),
        Err(ApiError::Forbidden(_)) => Err(PageError::Forbidden),
        Err(e @ ApiError::Invalid { .. }) => {
            let page = alerts_page(&state, lang, &me, &identity, Some(e.to_string())).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
