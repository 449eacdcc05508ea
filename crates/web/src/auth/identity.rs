//! Resolving the caller of each request, and enforcing CSRF protection for writes made with a
//! session cookie.

use super::{cookies, multipart_csrf};
use crate::AppState;
use crate::error::{ApiError, PageError};
use axum::body::{Body, to_bytes};
use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::net::SocketAddr;
use wanqiao_domain::Principal;
use wanqiao_store::secret::{same, sha256_hex};

/// How the caller proved who they are.
#[derive(Debug, Clone)]
pub enum Via {
    Anonymous,
    /// A browser session; writes must carry its CSRF token.
    Session {
        token_hash: String,
        csrf_token: String,
    },
    /// An API token in `Authorization: Bearer`.
    Token,
}

/// The caller of one request.
#[derive(Debug, Clone)]
pub struct Identity {
    pub principal: Option<Principal>,
    pub via: Via,
    /// The client's address, for throttling and the audit log.
    pub client: String,
}

impl Identity {
    pub fn csrf_token(&self) -> Option<&str> {
        match &self.via {
            Via::Session { csrf_token, .. } => Some(csrf_token),
            _ => None,
        }
    }
}

fn is_api(path: &str) -> bool {
    path.starts_with("/api/")
}

/// Resolves the caller; refuses a bad bearer token with 401 at once, and a cookie-session
/// write without the session's CSRF token with 403.
pub async fn layer(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let client = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_else(|| "unknown".into());
    let api = is_api(request.uri().path());
    let now = state.now();
    let headers = request.headers();

    let mut stale_cookie = false;
    let identity = if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let token = auth
            .to_str()
            .ok()
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or_default();
        let found = match state
            .store
            .token_principal(&sha256_hex(token.as_bytes()), now)
            .await
        {
            Ok(found) => found,
            Err(e) => return ApiError::from(e).into_response(),
        };
        let Some(principal) = found else {
            audit_refused_token(&state, &client).await;
            return ApiError::Unauthorized(
                "the API token is unknown, revoked, or its account is disabled".into(),
            )
            .into_response();
        };
        Identity {
            principal: Some(principal),
            via: Via::Token,
            client,
        }
    } else if let Some(cookie) = cookies::get(headers, cookies::SESSION) {
        let token_hash = sha256_hex(cookie.as_bytes());
        match state
            .store
            .session(&token_hash, now, state.auth.session_idle)
            .await
        {
            Ok(Some(session)) => Identity {
                principal: Some(session.principal),
                via: Via::Session {
                    token_hash,
                    csrf_token: session.csrf_token,
                },
                client,
            },
            Ok(None) => {
                stale_cookie = true;
                Identity {
                    principal: None,
                    via: Via::Anonymous,
                    client,
                }
            }
            Err(e) if api => return ApiError::from(e).into_response(),
            Err(e) => return PageError::from(e).into_response(),
        }
    } else {
        Identity {
            principal: None,
            via: Via::Anonymous,
            client,
        }
    };

    let request = match check_csrf(&identity, request).await {
        Ok(request) => request,
        Err(response) => {
            audit_refusal(
                &state,
                &identity,
                "auth.csrf_refused",
                response.status().as_u16(),
            )
            .await;
            return response;
        }
    };
    let mut request = request;
    request.extensions_mut().insert(identity);
    let mut response = next.run(request).await;
    if stale_cookie {
        response.headers_mut().append(
            header::SET_COOKIE,
            cookies::set(cookies::SESSION, "", 0, state.auth.secure_cookies),
        );
    }
    response
}

/// A use of an unknown or revoked token is itself a security event.
async fn audit_refused_token(state: &AppState, client: &str) {
    let result = async {
        let mut w = state.store.write("anonymous", state.now()).await?;
        w.audit(
            "auth.token_refused",
            "token:unknown",
            json!({ "client": client }),
        )
        .await?;
        w.commit().await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, "could not audit a refused token");
    }
}

/// Writes made with a session cookie must prove they come from our own pages: the session's
/// CSRF token in the `X-CSRF-Token` header, in the `csrf_token` field of a form, or as the
/// first part of a `multipart/form-data` form (uploads), which is checked without reading
/// the upload that follows.
async fn check_csrf(identity: &Identity, request: Request) -> Result<Request, Response> {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    );
    let Some(expected) = identity.csrf_token().filter(|_| !safe) else {
        return Ok(request);
    };
    let api = is_api(request.uri().path());
    let refuse = || {
        if api {
            ApiError::forbidden(
                "this write was made with a session cookie but without its CSRF token: send it in the X-CSRF-Token header",
            )
            .into_response()
        } else {
            PageError::Csrf.into_response()
        }
    };
    if let Some(sent) = request.headers().get("x-csrf-token") {
        return if sent.to_str().is_ok_and(|s| same(s, expected)) {
            Ok(request)
        } else {
            Err(refuse())
        };
    }
    let content_type = request
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if let Some(boundary) = multipart_csrf::boundary(content_type) {
        let (parts, body) = request.into_parts();
        return match multipart_csrf::check(body, &boundary, expected).await {
            Ok(body) => Ok(Request::from_parts(parts, body)),
            Err(_) => Err(refuse()),
        };
    }
    if !content_type.starts_with("application/x-www-form-urlencoded") {
        return Err(refuse());
    }
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, crate::MAX_BODY_BYTES).await {
        Ok(b) => b,
        Err(_) => {
            return Err(ApiError::PayloadTooLarge {
                limit: crate::MAX_BODY_BYTES,
            }
            .into_response());
        }
    };
    let sent = form_urlencoded::parse(&bytes)
        .find(|(k, _)| k == "csrf_token")
        .map(|(_, v)| v.into_owned());
    if sent.is_some_and(|s| same(&s, expected)) {
        Ok(Request::from_parts(parts, Body::from(bytes)))
    } else {
        Err(refuse())
    }
}

fn identity(parts: &Parts) -> Identity {
    parts
        .extensions
        .get::<Identity>()
        .cloned()
        .unwrap_or(Identity {
            principal: None,
            via: Via::Anonymous,
            client: "unknown".into(),
        })
}

/// A signed-in caller of the API; anonymous callers get 401.
pub struct ApiUser(pub Principal, pub Identity);

impl<S: Send + Sync> FromRequestParts<S> for ApiUser {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let id = identity(parts);
        match id.principal.clone() {
            Some(p) => Ok(ApiUser(p, id)),
            None => Err(ApiError::Unauthorized(
                "sign in first: POST /api/v1/auth/login, or send an API token as Authorization: Bearer".into(),
            )),
        }
    }
}

/// A signed-in reader of a page; anonymous readers are sent to the sign-in page and back.
pub struct PageUser(pub Principal, pub Identity);

impl<S: Send + Sync> FromRequestParts<S> for PageUser {
    type Rejection = PageError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let id = identity(parts);
        match id.principal.clone() {
            Some(p) => Ok(PageUser(p, id)),
            None => Err(PageError::SignIn {
                next: parts
                    .uri
                    .path_and_query()
                    .map(|p| p.as_str().to_string())
                    .unwrap_or_else(|| "/".into()),
            }),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Identity {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(identity(parts))
    }
}

/// A write with a session but without its CSRF token may be a forged request: worth a trace.
async fn audit_refusal(state: &AppState, identity: &Identity, action: &str, status: u16) {
    let actor = identity
        .principal
        .as_ref()
        .map_or_else(|| "anonymous".to_string(), |p| p.user_id.clone());
    let result = async {
        let mut w = state.store.write(actor.clone(), state.now()).await?;
        w.audit(
            action,
            &format!("user:{actor}"),
            json!({ "client": identity.client, "status": status }),
        )
        .await?;
        w.commit().await
    }
    .await;
    if let Err(e) = result {
        tracing::error!(error = %e, "could not audit a refused request");
    }
}
