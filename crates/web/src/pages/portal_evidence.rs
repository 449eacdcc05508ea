//! Uploading evidence from the evidence page: a multipart form (its first field the CSRF
//! token, checked before the upload is read), limits shown before and refusals explained
//! after, in the reader's language, with nothing stored when refused.

use super::Lang;
use super::evidence::{Upload, render_page};
use super::portal::{MultipartForm, local_path, read_multipart};
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::evidence as service;
use crate::{ApiError, AppState, Tr};
use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use wanqiao_domain::Principal;

/// The largest file accepted, in whole megabytes, for messages.
pub fn max_mb(state: &AppState) -> u32 {
    u32::try_from(state.evidence.max_bytes / (1024 * 1024)).unwrap_or(u32::MAX)
}

/// Why an upload was refused, in the reader's words, with the status to answer.
pub fn refusal(tr: &Tr, state: &AppState, e: &ApiError) -> (StatusCode, String) {
    match e {
        ApiError::PayloadTooLarge { .. } => (
            StatusCode::PAYLOAD_TOO_LARGE,
            tr.t1("evidence-error-too-large", "mb", max_mb(state)),
        ),
        ApiError::UnsupportedFile(_) => (
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            tr.t("evidence-error-type"),
        ),
        ApiError::Invalid { fields, .. } => {
            let field = fields.first().map_or("", |f| f.name.as_str());
            let id = match field {
                "title" => "evidence-error-title",
                "file" => "evidence-error-empty",
                _ => "evidence-error-malformed",
            };
            (StatusCode::UNPROCESSABLE_ENTITY, tr.t(id))
        }
        _ => (StatusCode::BAD_REQUEST, tr.t("evidence-error-malformed")),
    }
}

/// Stores the file a multipart form carries, after every check the API makes; the form's
/// own problems (no file chosen, a file past the limit) are refused the same way.
pub async fn store_upload(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    form: &MultipartForm,
) -> Result<(), ApiError> {
    if form.too_large {
        return Err(ApiError::PayloadTooLarge {
            limit: state.evidence.max_bytes,
        });
    }
    let Some(file) = &form.file else {
        return Err(ApiError::invalid("file", "choose a file"));
    };
    service::upload(state, me, engineer, form.text("title"), file).await?;
    Ok(())
}

/// `POST /engineers/{id}/evidence`.
pub async fn upload(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(me, identity): PageUser,
    Path(id): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, PageError> {
    // Only those who keep the evidence upload; others are refused before the file is read.
    service::keep(&state, &me, &id)
        .await
        .map_err(PageError::from_api)?;
    let read = match multipart {
        Ok(m) => read_multipart(m, state.evidence.max_bytes).await,
        Err(_) => Err(ApiError::MalformedBody("not a multipart form".into())),
    };
    let (form, result) = match read {
        Ok(form) => {
            let result = store_upload(&state, &me, &id, &form).await;
            (form, result)
        }
        Err(e) => (MultipartForm::default(), Err(e)),
    };
    match result {
        Ok(()) => {
            let next = local_path(form.text("next"))
                .map_or_else(|| format!("/engineers/{id}/evidence"), str::to_string);
            Ok(Redirect::to(&next).into_response())
        }
        Err(ApiError::Store(e)) => Err(PageError::Store(e)),
        Err(ApiError::Forbidden(_)) => Err(PageError::Forbidden),
        Err(e) => {
            let tr = state.i18n.tr(lang.0);
            let (status, message) = refusal(&tr, &state, &e);
            let upload = Upload {
                title: form.text("title").to_string(),
                next: form.text("next").to_string(),
                error: Some(message),
            };
            render_page(&state, lang, &me, &identity, &id, upload, status).await
        }
    }
}

/// `POST /engineers/{id}/evidence/{evidence}/remove`.
pub async fn remove(
    State(state): State<AppState>,
    PageUser(me, _): PageUser,
    Path((id, evidence)): Path<(String, String)>,
) -> Result<Redirect, PageError> {
    service::remove(&state, &me, &id, &evidence)
        .await
        .map_err(PageError::from_api)?;
    Ok(Redirect::to(&format!("/engineers/{id}/evidence")))
}
