//! An engineer's evidence as a page: the files, their digests and who verified them, with a
//! verify button for the staff who may. Uploads go through the API.

use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::evidence::{self as service, EvidenceView, Reach};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Redirect;

#[derive(Template)]
#[template(path = "evidence.html")]
struct EvidencePage<'a> {
    c: Chrome<'a>,
    engineer: String,
    items: Vec<EvidenceView>,
    may_verify: bool,
    csrf_token: String,
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
    Path(id): Path<String>,
) -> PageResult {
    let reach = service::reach(&state, &user, &id)
        .await
        .map_err(PageError::from_api)?;
    let items = service::list(&state, &user, &id)
        .await
        .map_err(PageError::from_api)?;
    render(EvidencePage {
        c: Chrome::new(&state, lang, &format!("/engineers/{id}/evidence"), ""),
        engineer: id,
        items,
        may_verify: reach == Reach::Staff,
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
    })
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
