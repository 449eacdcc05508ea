//! An engineer's evidence as a page: the files, their digests and who verified them, with a
//! verify button for the staff who may, and for the engineer an upload form (a multipart
//! form whose first field is the CSRF token; see `portal_evidence`) and remove buttons.

use super::{Chrome, Lang};
use crate::AppState;
use crate::auth::{Identity, PageUser};
use crate::error::PageError;
use crate::service::evidence::{self as service, EvidenceView, Reach};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};

#[derive(Template)]
#[template(path = "evidence.html")]
struct EvidencePage<'a> {
    c: Chrome<'a>,
    engineer: String,
    items: Vec<EvidenceView>,
    may_verify: bool,
    /// The engineer (or a platform admin): uploads and removes.
    keeps: bool,
    csrf_token: String,
    /// The largest file accepted, in whole megabytes.
    max_mb: u32,
    /// The upload form as sent, when it comes back refused.
    upload: Upload,
}

/// The upload form: the title typed, where to go after, and why it was refused.
#[derive(Debug, Default)]
pub struct Upload {
    pub title: String,
    pub next: String,
    pub error: Option<String>,
}

/// The page, with the upload form as sent and `status` (a refused upload's).
pub(super) async fn render_page(
    state: &AppState,
    lang: Lang,
    user: &wanqiao_domain::Principal,
    identity: &Identity,
    id: &str,
    upload: Upload,
    status: StatusCode,
) -> Result<Response, PageError> {
    let reach = service::reach(state, user, id)
        .await
        .map_err(PageError::from_api)?;
    let items = service::reached(state, id)
        .await
        .map_err(PageError::from_api)?;
    let page = EvidencePage {
        c: Chrome::new(state, lang, &format!("/engineers/{id}/evidence"), ""),
        engineer: id.to_string(),
        items,
        may_verify: reach == Reach::Staff,
        keeps: reach == Reach::Keep,
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        max_mb: super::portal_evidence::max_mb(state),
        upload,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
    Path(id): Path<String>,
    axum::extract::Query(q): axum::extract::Query<NextQuery>,
) -> Result<Response, PageError> {
    let upload = Upload {
        next: q.next.unwrap_or_default(),
        ..Upload::default()
    };
    render_page(&state, lang, &user, &identity, &id, upload, StatusCode::OK).await
}

/// Where to go after an upload, e.g. back to the application that asked for the file.
#[derive(serde::Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

pub async fn verify(
    State(state): State<AppState>,
    PageUser(user, _): PageUser,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<Redirect, PageError> {
    service::verify(&state, &user, &id, &evidence)
        .await
        .map_err(PageError::from_api)?;
    Ok(Redirect::to(&format!("/engineers/{id}/evidence")))
}
