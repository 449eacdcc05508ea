//! Signing in and out, the caller's own account, and API tokens.

use crate::auth::login::{Outcome, sign_in};
use crate::auth::{ApiUser, Identity, Via, cookies};
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use wanqiao_domain::Principal;
use wanqiao_store::secret::{new_token, sha256_hex};
use wanqiao_store::tokens::TokenInfo;

pub fn routes() -> Routes {
    Routes::new()
        .post("/auth/login", login)
        .post("/auth/logout", logout)
        .get("/auth/me", me)
        .get("/auth/tokens", tokens)
        .post("/auth/tokens", create_token)
        .delete("/auth/tokens/{id}", revoke_token)
        .post("/auth/password", change_password)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PasswordChange {
    current_password: String,
    new_password: String,
}

/// Changes the caller's own password; every session of the account ends, this one too.
async fn change_password(
    State(state): State<AppState>,
    ApiUser(user, _): ApiUser,
    JsonBody(body): JsonBody<PasswordChange>,
) -> Result<Response, ApiError> {
    crate::service::users::change_password(
        &state,
        &user,
        &body.current_password,
        &body.new_password,
    )
    .await?;
    let cookie = cookies::set(cookies::SESSION, "", 0, state.auth.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Credentials {
    email: String,
    password: String,
}

#[derive(Serialize)]
struct SignedIn {
    csrf_token: String,
    expires_at: String,
    user: Principal,
}

async fn login(
    State(state): State<AppState>,
    identity: Identity,
    JsonBody(c): JsonBody<Credentials>,
) -> Result<Response, ApiError> {
    match sign_in(&state, &c.email, &c.password, &identity.client).await? {
        Outcome::SignedIn {
            token,
            csrf_token,
            user_id,
            expires_at,
        } => {
            let user = state
                .store
                .principal(&user_id)
                .await?
                .ok_or_else(|| ApiError::Unauthorized("the account is disabled".into()))?;
            let cookie = cookies::set(
                cookies::SESSION,
                &token,
                state.auth.session_lifetime.as_secs(),
                state.auth.secure_cookies,
            );
            let body = SignedIn {
                csrf_token,
                expires_at: expires_at.to_string(),
                user,
            };
            Ok(([(header::SET_COOKIE, cookie)], Json(body)).into_response())
        }
        Outcome::Refused => Err(ApiError::Unauthorized(
            "the email or password is not correct, or the account is disabled".into(),
        )),
        Outcome::Throttled { retry_after } => Err(ApiError::TooManyRequests { retry_after }),
    }
}

async fn logout(State(state): State<AppState>, identity: Identity) -> Result<Response, ApiError> {
    if let Via::Session { token_hash, .. } = &identity.via {
        let actor = identity
            .principal
            .as_ref()
            .map_or("anonymous".to_string(), |p| p.user_id.clone());
        let mut w = state.store.write(actor, state.now()).await?;
        w.close_session(token_hash).await?;
        w.commit().await?;
    }
    let cookie = cookies::set(cookies::SESSION, "", 0, state.auth.secure_cookies);
    Ok((StatusCode::NO_CONTENT, [(header::SET_COOKIE, cookie)]).into_response())
}

#[derive(Serialize)]
struct Me {
    user: Principal,
    #[serde(skip_serializing_if = "Option::is_none")]
    csrf_token: Option<String>,
}

async fn me(ApiUser(user, identity): ApiUser) -> Json<Me> {
    Json(Me {
        csrf_token: identity.csrf_token().map(str::to_string),
        user,
    })
}

#[derive(Serialize)]
struct TokenList {
    items: Vec<TokenInfo>,
    total: usize,
}

async fn tokens(
    State(state): State<AppState>,
    ApiUser(user, _): ApiUser,
) -> Result<Json<TokenList>, ApiError> {
    let items = state.store.tokens_of(&user.user_id).await?;
    Ok(Json(TokenList {
        total: items.len(),
        items,
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewToken {
    name: String,
}

/// The token itself, shown this once.
#[derive(Serialize)]
struct CreatedToken {
    id: String,
    name: String,
    token: String,
}

async fn create_token(
    State(state): State<AppState>,
    ApiUser(user, _): ApiUser,
    JsonBody(body): JsonBody<NewToken>,
) -> Result<(StatusCode, Json<CreatedToken>), ApiError> {
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid(
            "name",
            "give the token a name of 1 to 100 characters",
        ));
    }
    let token = new_token();
    let mut w = state.store.write(user.user_id.clone(), state.now()).await?;
    let id = w
        .create_token(&user.user_id, name, &sha256_hex(token.as_bytes()))
        .await?;
    w.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedToken {
            id,
            name: name.to_string(),
            token,
        }),
    ))
}

async fn revoke_token(
    State(state): State<AppState>,
    ApiUser(user, _): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    let token = state.store.token(&id).await?;
    let Some(token) = token.filter(|t| t.user_id == user.user_id || user.is_platform_admin())
    else {
        return Err(ApiError::not_found("token", &id));
    };
    if token.revoked_at.is_some() {
        return Err(ApiError::conflict(
            "the token is already revoked",
            Vec::new(),
        ));
    }
    let mut w = state.store.write(user.user_id.clone(), state.now()).await?;
    w.revoke_token(&id).await?;
    w.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}
