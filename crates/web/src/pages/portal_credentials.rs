//! Changing a certificate's status from its page: its issuer's reviewers and admins suspend,
//! reinstate or revoke it, saying why. The rules are the service's, the same as the API's;
//! the change takes effect in the issuer's status lists at once.

use super::Lang;
use super::certificate::credential_page;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::credentials::{self as service, StatusInput};
use crate::{ApiError, AppState};
use axum::Form;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::Role;

#[derive(Deserialize)]
pub struct StatusForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    reason: String,
}

/// `POST /credentials/{id}/status`: `action` is `suspend`, `reinstate` or `revoke`.
pub async fn change(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let (purpose, value) = match form.action.as_str() {
        "suspend" => ("suspension", true),
        "reinstate" => ("suspension", false),
        "revoke" => ("revocation", true),
        _ => return Err(PageError::NotFound),
    };
    let cred = state
        .store
        .credential(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    if !(me.holds(Role::Reviewer, &cred.society_id)
        || me.holds(Role::SocietyAdmin, &cred.society_id))
    {
        return Err(PageError::Forbidden);
    }
    let tr = state.i18n.tr(lang.0);
    let reason = form.reason.trim().to_string();
    let (status, message) = if cred.revoked {
        (StatusCode::CONFLICT, tr.t("cert-change-final"))
    } else if value && reason.is_empty() {
        // Whoever checks the certificate later reads why it stopped counting.
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            tr.t("cert-change-reason-needed"),
        )
    } else {
        let input = StatusInput {
            purpose: purpose.to_string(),
            value,
            reason: reason.clone(),
        };
        match service::set_status(&state, &me, &id, input).await {
            Ok(_) => return Ok(Redirect::to(&format!("/credentials/{id}")).into_response()),
            Err(ApiError::Invalid { .. }) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                tr.t("cert-change-reason-long"),
            ),
            Err(ApiError::Conflict { .. }) => (StatusCode::CONFLICT, tr.t("cert-change-final")),
            Err(e) => return Err(PageError::from_api(e)),
        }
    };
    let page = credential_page(
        &state,
        lang,
        &identity,
        cred,
        Some((form.action, reason, message)),
    )
    .await?;
    Ok((status, page).into_response())
}
