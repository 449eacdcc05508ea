//! Errors of the web layer, each mapped once to its HTTP answer: RFC 9457 problem documents
//! for the API, localized error pages for people.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Serialize;
use thiserror::Error;
use wanqiao_store::{SqlxError, StoreError};

#[derive(Debug, Error)]
pub enum ApiError {
    #[error("{what} `{id}` does not exist")]
    NotFound { what: &'static str, id: String },
    #[error("there is no API resource at this path")]
    NoRoute,
    #[error("query parameter `{name}` is invalid: {message}")]
    BadParameter { name: String, message: String },
    #[error("the request body is not valid: {0}")]
    MalformedBody(String),
    #[error("the request body must be JSON, sent with Content-Type: application/json")]
    UnsupportedMediaType,
    /// An uploaded file whose content is not of an accepted type.
    #[error("{0}")]
    UnsupportedFile(String),
    #[error("the request body is larger than the {limit} bytes accepted")]
    PayloadTooLarge { limit: usize },
    #[error("{message}")]
    Invalid {
        message: String,
        fields: Vec<FieldError>,
    },
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{message}")]
    Conflict {
        message: String,
        allowed: Vec<String>,
    },
    #[error("too many failed sign-ins; try again in {retry_after} seconds")]
    TooManyRequests { retry_after: u64 },
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// One field or parameter at fault, so clients can point at it.
#[derive(Debug, Clone, Serialize)]
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
    #[serde(skip_serializing_if = "Vec::is_empty")]
    allowed: Vec<String>,
}

impl ApiError {
    pub fn not_found(what: &'static str, id: &str) -> ApiError {
        ApiError::NotFound {
            what,
            id: id.to_string(),
        }
    }

    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::Forbidden(message.into())
    }

    pub fn invalid(field: &str, message: impl Into<String>) -> ApiError {
        let message = message.into();
        ApiError::Invalid {
            fields: vec![FieldError {
                name: field.to_string(),
                message: message.clone(),
            }],
            message: format!("`{field}`: {message}"),
        }
    }

    pub fn conflict(message: impl Into<String>, allowed: Vec<String>) -> ApiError {
        ApiError::Conflict {
            message: message.into(),
            allowed,
        }
    }

    fn parts(&self) -> (StatusCode, &'static str, &'static str) {
        use StatusCode as S;
        match self {
            ApiError::NotFound { .. }
            | ApiError::NoRoute
            | ApiError::Store(StoreError::NotFound(_)) => (S::NOT_FOUND, "not_found", "Not found"),
            ApiError::BadParameter { .. } => (S::BAD_REQUEST, "bad_parameter", "Invalid parameter"),
            ApiError::MalformedBody(_) => (S::BAD_REQUEST, "malformed_body", "Malformed body"),
            ApiError::UnsupportedMediaType | ApiError::UnsupportedFile(_) => (
                S::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported media type",
            ),
            ApiError::PayloadTooLarge { .. } => (
                S::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Payload too large",
            ),
            ApiError::Invalid { .. } => (S::UNPROCESSABLE_ENTITY, "invalid", "Invalid data"),
            ApiError::Unauthorized(_) => (S::UNAUTHORIZED, "unauthorized", "Sign-in required"),
            ApiError::Forbidden(_) => (S::FORBIDDEN, "forbidden", "Not allowed"),
            ApiError::Conflict { .. } | ApiError::Store(StoreError::Conflict(_)) => {
                (S::CONFLICT, "conflict", "Conflict")
            }
            ApiError::TooManyRequests { .. } => (
                S::TOO_MANY_REQUESTS,
                "too_many_requests",
                "Too many requests",
            ),
            ApiError::Store(StoreError::Database(e)) if is_unavailable(e) => {
                (S::SERVICE_UNAVAILABLE, "unavailable", "Service unavailable")
            }
            ApiError::Store(_) => (S::INTERNAL_SERVER_ERROR, "internal", "Internal error"),
        }
    }
}

pub fn is_unavailable(e: &SqlxError) -> bool {
    matches!(
        e,
        SqlxError::PoolTimedOut | SqlxError::PoolClosed | SqlxError::Io(_)
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
        let (errors, allowed) = match &self {
            ApiError::BadParameter { name, message } => (
                vec![FieldError {
                    name: name.clone(),
                    message: message.clone(),
                }],
                Vec::new(),
            ),
            ApiError::Invalid { fields, .. } => (fields.clone(), Vec::new()),
            ApiError::Conflict { allowed, .. } => (Vec::new(), allowed.clone()),
            _ => (Vec::new(), Vec::new()),
        };
        let body = Problem {
            kind: format!("/problems/{code}"),
            title,
            status: status.as_u16(),
            detail,
            code,
            errors,
            allowed,
        };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::TooManyRequests { retry_after } = self {
            headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        if status == StatusCode::UNAUTHORIZED {
            headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

/// Why a page could not be shown; the page layer renders it in the reader's language.
#[derive(Debug, Error)]
pub enum PageError {
    #[error("page not found")]
    NotFound,
    #[error("sign-in required")]
    SignIn { next: String },
    #[error("not allowed")]
    Forbidden,
    #[error("the form has expired")]
    Csrf,
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("template failed: {0}")]
    Render(#[from] askama::Error),
    /// A service refused the request for a reason the page did not anticipate.
    #[error("{0}")]
    Refused(String),
}

impl PageError {
    /// The page-side view of a service's refusal.
    pub fn from_api(e: ApiError) -> PageError {
        match e {
            ApiError::Forbidden(_) | ApiError::Unauthorized(_) => PageError::Forbidden,
            ApiError::NotFound { .. } | ApiError::NoRoute => PageError::NotFound,
            ApiError::Store(s) => PageError::Store(s),
            other => PageError::Refused(other.to_string()),
        }
    }
}

/// Marks a response as a failed page, for the page layer to dress.
#[derive(Debug, Clone, Copy)]
pub struct PageFailure(pub StatusCode);

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = match &self {
            PageError::SignIn { next } => {
                let target = format!(
                    "/login?next={}",
                    form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>()
                );
                return Redirect::to(&target).into_response();
            }
            PageError::NotFound | PageError::Store(StoreError::NotFound(_)) => {
                StatusCode::NOT_FOUND
            }
            PageError::Forbidden | PageError::Csrf => StatusCode::FORBIDDEN,
            PageError::Refused(_) => StatusCode::CONFLICT,
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
