//! Errors of the web layer, each mapped once to its HTTP answer: RFC 9457 problem documents
//! for the API, localized error pages for people.

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thiserror::Error;
use wanqiao_store::StoreError;

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{what} `{id}` does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("there is no API resource at this path; see /api/v1 for the list")]
    NoRoute,
    #[error("query parameter `{name}` is invalid: {message}")]
    BadParameter { name: String, message: String },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One field or parameter at fault, so clients can point at it.
#[derive(Debug, Serialize)]
pub struct FieldError {
    pub name: String,
    pub message: String,
}

#[derive(Debug, Serialize)]
struct Problem {
    #[serde(rename = "type")]
    kind: String,
    title: &'static str,
    status: u16,
    detail: String,
    code: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    errors: Vec<FieldError>,
}

impl ApiError {
    pub fn not_found(what: &'static str, id: &str) -> ApiError {
        ApiError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        match self {
            ApiError::NotFound { .. } | ApiError::NoRoute => {
                (StatusCode::NOT_FOUND, "not_found", "Not found")
            }
            ApiError::BadParameter { .. } => (
                StatusCode::BAD_REQUEST,
                "bad_parameter",
                "Invalid parameter",
            ),
            ApiError::Store(StoreError::Conflict(_)) => {
                (StatusCode::CONFLICT, "conflict", "Conflict")
            }
            ApiError::Store(StoreError::Database(sqlx_error)) if is_unavailable(sqlx_error) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "Service unavailable",
            ),
            ApiError::Store(_) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Internal error",
            ),
        }
    }
}

fn is_unavailable(e: &wanqiao_store::SqlxError) -> bool {
    matches!(
        e,
        wanqiao_store::SqlxError::PoolTimedOut
            | wanqiao_store::SqlxError::PoolClosed
            | wanqiao_store::SqlxError::Io(_)
    )
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, code, title) = self.parts();
        let detail = if status.is_server_error() {
            // The details stay in the log; the client gets no internals.
            tracing::error!(error = %self, "request failed");
            "The server could not complete the request. It has been logged; please try again later."
                .to_string()
        } else {
            self.to_string()
        };
        let errors = match &self {
            ApiError::BadParameter { name, message } => vec![FieldError {
                name: name.clone(),
                message: message.clone(),
            }],
            _ => Vec::new(),
        };
        let body = Problem {
            kind: format!("/problems/{code}"),
            title,
            status: status.as_u16(),
            detail,
            code,
            errors,
        };
        let mut response = (status, Json(body)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            header::HeaderValue::from_static("application/problem+json"),
        );
        response
    }
}

/// Why a page could not be shown; the page layer renders it in the reader's language.
#[derive(Debug, Error)]
pub enum PageError {
    #[error("page not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template failed: {0}")]
    Render(#[from] askama::Error),
}

/// Marks a response as a failed page, for the page layer to dress.
#[derive(Debug, Clone, Copy)]
pub struct PageFailure(pub StatusCode);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = match &self {
            PageError::NotFound => StatusCode::NOT_FOUND,
            PageError::Store(StoreError::Database(e)) if is_unavailable(e) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        if status.is_server_error() {
            tracing::error!(error = %self, "page failed");
        }
        let mut response = status.into_response();
        response.extensions_mut().insert(PageFailure(status));
        response
    }
}
