//! `POST /api/v1/auth/signup`: the sign-up page's twin, for apps. The rules, throttling and
//! the answer for an address that already has an account are the service's
//! ([`crate::service::signup`]).

use crate::auth::{Identity, cookies};
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::signup::{self as service, Outcome, SignupInput};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use wanqiao_domain::Principal;

pub fn routes() -> Routes {
    Routes::new().post("/auth/signup", signup)
}

/// A new account, signed in as `POST /auth/login` signs in, with its engineer profile.
#[derive(Serialize)]
struct SignedUp {
    csrf_token: String,
    expires_at: String,
    user: Principal,
    engineer: String,
}

/// What every sign-up that did not create an account hears: nothing about whether the
/// address has one.
#[derive(Serialize)]
struct CheckEmail {
    status: &'static str,
    detail: &'static str,
}

/// 201 with the session (cookie and CSRF token) for a new account; 202 with "check your
/// email" when the address already has one (its owner is told); 422 naming every field at
/// fault; 429 when throttled.
async fn signup(
    State(state): State<AppState>,
    identity: Identity,
    JsonBody(input): JsonBody<SignupInput>,
) -> Result<Response, ApiError> {
    match service::sign_up(&state, &input, &identity.client).await? {
        Outcome::Created {
            token,
            csrf_token,
            user_id,
            engineer_id,
            expires_at,
            ..
        } => {
            let user = state
                .store
                .principal(&user_id)
                .await?
                .ok_or_else(|| ApiError::not_found("user", &user_id))?;
            let cookie = cookies::set(
                cookies::SESSION,
                &token,
                state.auth.session_lifetime.as_secs(),
                state.auth.secure_cookies,
            );
            let body = SignedUp {
                csrf_token,
                expires_at: expires_at.to_string(),
                user,
                engineer: engineer_id,
            };
            Ok((StatusCode::CREATED, [(header::SET_COOKIE, cookie)], Json(body)).into_response())
        }
        Outcome::CheckEmail => Ok((
            StatusCode::ACCEPTED,
            Json(CheckEmail {
                status: "check_email",
                detail: "check your email for what to do next, or sign in if you already have an account",
            }),
        )
            .into_response()),
        Outcome::Throttled { retry_after } => Err(ApiError::TooManyRequests { retry_after }),
    }
}
