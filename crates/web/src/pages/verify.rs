//! The public verification page: paste a certificate, or follow a certificate's QR link
//! (`/verify/{id}`), and see whether it verifies, why not, and what it says.

use super::credential::{Content, content};
use super::form::Errors;
use super::{Chrome, Lang, PageResult, render};
use crate::error::PageError;
use crate::service::credentials::{self as service, Finding};
use crate::{AppState, Tr};
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
    /// The paste form has no messages of its own: the outcome above it says what failed.
    errors: Errors,
}

/// A finding of a verification in the reader's language, with the verifier's own detail,
/// in English, for whoever must fix the certificate.
pub struct FindingView {
    pub code: String,
    pub text: String,
    pub detail: String,
}

impl FindingView {
    pub fn of(tr: &Tr, f: Finding) -> FindingView {
        let id = format!("verify-finding-{}", f.code);
        let text = tr.t(&id);
        FindingView {
            // A code this page does not know yet still says something true.
            text: if text == id {
                tr.t("verify-finding-other")
            } else {
                text
            },
            code: f.code,
            detail: f.message,
        }
    }
}

/// A verification's result as the page shows it.
struct Outcome {
    verified: bool,
    /// No status list was consulted: the status is unknown, never "valid".
    status_unknown: bool,
    checks: Vec<String>,
    errors: Vec<FindingView>,
    warnings: Vec<FindingView>,
    content: Option<Content>,
    /// Where this platform's copy can be downloaded, for `/verify/{id}`.
    download: Option<String>,
    /// The certificate that corrected this one, for `/verify/{id}`.
    replaced_by: Option<String>,
}

fn outcome(report: service::Report, tr: &Tr, download: Option<String>) -> Outcome {
    Outcome {
        verified: report.verified,
        status_unknown: report.errors.iter().any(|e| e.code == "status_unavailable"),
        checks: report.checks,
        errors: report
            .errors
            .into_iter()
            .map(|f| FindingView::of(tr, f))
            .collect(),
        warnings: report
            .warnings
            .into_iter()
            .map(|f| FindingView::of(tr, f))
            .collect(),
        content: report.credential.as_ref().map(|vc| {
            let mut c = content(vc, tr.locale);
            c.valid_from = tr.date_of(&c.valid_from);
            if !c.valid_until.is_empty() {
                c.valid_until = tr.date_of(&c.valid_until);
            }
            c
        }),
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
        errors: Errors::default(),
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
    let result = outcome(report, &state.i18n.tr(lang.0), None);
    page(&state, lang, "/verify", form.credential, Some(result))
}

pub async fn one(State(state): State<AppState>, lang: Lang, Path(id): Path<String>) -> PageResult {
    let c = state
        .store
        .credential(&id)
        .await?
        .ok_or(PageError::NotFound)?;
    let report = service::verify(&state, c.document, true).await;
    let mut result = outcome(
        report,
        &state.i18n.tr(lang.0),
        Some(format!("/api/v1/credentials/{id}")),
    );
    result.replaced_by = c.replaced_by;
    page(
        &state,
        lang,
        &format!("/verify/{id}"),
        String::new(),
        Some(result),
    )
}
