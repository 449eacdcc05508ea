//! The public verification page: paste a certificate, or follow a certificate's QR link
//! (`/verify/{id}`), and see whether it verifies, why not, and what it says.

use super::credential::{Content, content};
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::error::PageError;
use crate::service::credentials::{self as service, Finding};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "verify.html")]
struct VerifyPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    pasted: String,
    result: Option<Outcome>,
}

/// A verification's result as the page shows it.
struct Outcome {
    verified: bool,
    /// No status list was consulted: the status is unknown, never "valid".
    status_unknown: bool,
    checks: Vec<String>,
    errors: Vec<Finding>,
    warnings: Vec<Finding>,
    content: Option<Content>,
    /// Where this platform's copy can be downloaded, for `/verify/{id}`.
    download: Option<String>,
    /// The certificate that corrected this one, for `/verify/{id}`.
    replaced_by: Option<String>,
}

fn outcome(report: service::Report, lang: &Lang, download: Option<String>) -> Outcome {
    Outcome {
        verified: report.verified,
        status_unknown: report.errors.iter().any(|e| e.code == "status_unavailable"),
        checks: report.checks,
        errors: report.errors,
        warnings: report.warnings,
        content: report.credential.as_ref().map(|vc| content(vc, lang.0)),
        download,
        replaced_by: None,
    }
}

fn page(
    state: &AppState,
    lang: Lang,
    here: &str,
    pasted: String,
    result: Option<Outcome>,
) -> PageResult {
    let csrf_token = lang
        .1
        .as_ref()
        .and_then(|v| v.csrf_token.clone())
        .unwrap_or_default();
    render(VerifyPage {
        c: Chrome::new(state, lang, here, "nav-verify"),
        csrf_token,
        pasted,
        result,
    })
}

pub async fn form(State(state): State<AppState>, lang: Lang) -> PageResult {
    page(&state, lang, "/verify", String::new(), None)
}

#[derive(Deserialize)]
pub struct PasteForm {
    #[serde(default)]
    credential: String,
}

pub async fn paste(
    State(state): State<AppState>,
    lang: Lang,
    Form(form): Form<PasteForm>,
) -> PageResult {
    let body = serde_json::json!({ "verifiableCredential": form.credential }).to_string();
    let report = service::verify_request(&state, body.as_bytes()).await;
    let result = outcome(report, &lang, None);
    page(&state, lang, "/verify", form.credential, Some(result))
}

pub async fn one(State(state): State<AppState>, lang: Lang, Path(id): Path<String>) -> PageResult {
    let c = state
        .store
        .credential(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    let report = service::verify(&state, c.document, true).await;
    let mut result = outcome(report, &lang, Some(format!("/api/v1/credentials/{id}")));
    result.replaced_by = c.replaced_by;
    page(
        &state,
        lang,
        &format!("/verify/{id}"),
        String::new(),
        Some(result),
    )
}
