//! Signing in and out, and the reader's own account with its API tokens.

use super::form::Errors;
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::login::{Outcome, sign_in};
use crate::auth::{Identity, PageUser, Via, cookies};
use crate::error::PageError;
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::Principal;
use wanqiao_store::secret::{new_token, same, sha256_hex};

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    next: String,
    email: String,
    errors: Errors,
}

/// Only paths on this site are followed after sign-in, never another host.
fn local_path(next: Option<&str>) -> String {
    next.filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.contains('\\'))
        .unwrap_or("/account")
        .to_string()
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

fn login_response(
    state: &AppState,
    page: LoginPage,
    status: StatusCode,
) -> Result<Response, PageError> {
    let cookie = cookies::set(
        cookies::LOGIN_CSRF,
        &page.csrf_token,
        3600,
        state.auth.secure_cookies,
    );
    let html = page.render()?;
    Ok((
        status,
        [(header::SET_COOKIE, cookie)],
        axum::response::Html(html),
    )
        .into_response())
}

pub async fn login_form(
    State(state): State<AppState>,
    lang: Lang,
    axum::extract::Query(q): axum::extract::Query<NextQuery>,
) -> Result<Response, PageError> {
    let page = LoginPage {
        c: Chrome::new(&state, lang, "/login", "nav-login"),
        csrf_token: new_token(),
        next: local_path(q.next.as_deref()),
        email: String::new(),
        errors: Errors::default(),
    };
    login_response(&state, page, StatusCode::OK)
}

#[derive(Deserialize)]
pub struct LoginForm {
    email: String,
    password: String,
    csrf_token: String,
    next: Option<String>,
}

pub async fn login(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let expected = cookies::get(&headers, cookies::LOGIN_CSRF).unwrap_or_default();
    if expected.is_empty() || !same(expected, &form.csrf_token) {
        return Err(PageError::Csrf);
    }
    let next = local_path(form.next.as_deref());
    let (error, status) =
        match sign_in(&state, &form.email, &form.password, &identity.client).await? {
            Outcome::SignedIn { token, .. } => {
                let session = cookies::set(
                    cookies::SESSION,
                    &token,
                    state.auth.session_lifetime.as_secs(),
                    state.auth.secure_cookies,
                );
                let clear = cookies::set(cookies::LOGIN_CSRF, "", 0, state.auth.secure_cookies);
                let mut response = Redirect::to(&next).into_response();
                response.headers_mut().append(header::SET_COOKIE, session);
                response.headers_mut().append(header::SET_COOKIE, clear);
                return Ok(response);
            }
            Outcome::Refused => (
                state.i18n.tr(lang.0).t("login-refused"),
                StatusCode::UNAUTHORIZED,
            ),
            Outcome::Throttled { retry_after } => (
                state
                    .i18n
                    .tr(lang.0)
                    .t1("login-throttled", "minutes", retry_after.div_ceil(60)),
                StatusCode::TOO_MANY_REQUESTS,
            ),
        };
    let mut errors = Errors::default();
    errors.add_top(error);
    let page = LoginPage {
        c: Chrome::new(&state, lang, "/login", "nav-login"),
        csrf_token: new_token(),
        next,
        email: form.email,
        errors,
    };
    login_response(&state, page, status)
}

pub async fn logout(
    State(state): State<AppState>,
    identity: Identity,
) -> Result<Response, PageError> {
    if let (Via::Session { token_hash, .. }, Some(p)) = (&identity.via, &identity.principal) {
        let mut w = state.store.write(p.user_id.clone(), state.now()).await?;
        w.close_session(token_hash).await?;
        w.commit().await?;
    }
    let clear = cookies::set(cookies::SESSION, "", 0, state.auth.secure_cookies);
    Ok(([(header::SET_COOKIE, clear)], Redirect::to("/")).into_response())
}

#[derive(Template)]
#[template(path = "account.html")]
struct AccountPage<'a> {
    c: Chrome<'a>,
    user: Principal,
    roles: Vec<String>,
    csrf_token: String,
    tokens: Vec<TokenRow>,
    new_token: Option<String>,
    /// The token form has no messages; its field is still named by the form macros.
    no_errors: Errors,
    password_errors: Errors,
}

/// An API token as the account page lists it, its times in the reader's way of writing.
pub struct TokenRow {
    pub id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: String,
    pub revoked: bool,
}

async fn account_page(
    state: &AppState,
    lang: Lang,
    user: Principal,
    identity: &Identity,
    new_token: Option<String>,
    password_errors: Errors,
) -> PageResult {
    let catalogue = state.store.catalogue().await?;
    let c = Chrome::new(state, lang, "/account", "nav-account");
    let tokens = state
        .store
        .tokens_of(&user.user_id)
        .await?
        .into_iter()
        .map(|t| TokenRow {
            created_at: c.tr.date_time(&t.created_at),
            last_used_at: c
                .tr
                .date_time(t.last_used_at.as_deref().unwrap_or_default()),
            revoked: t.revoked_at.is_some(),
            id: t.id,
            name: t.name,
        })
        .collect();
    let roles = user
        .grants
        .iter()
        .map(|g| {
            let role = c.tr.t(&format!("role-name-{}", g.role.code()));
            match &g.society {
                Some(s) => {
                    let name = catalogue
                        .societies
                        .get(s)
                        .map_or(s.as_str(), |x| x.names.get(c.tr.locale));
                    format!("{role} · {name}")
                }
                None => role,
            }
        })
        .collect();
    render(AccountPage {
        c,
        user,
        roles,
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        tokens,
        new_token,
        no_errors: Errors::default(),
        password_errors,
    })
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
) -> PageResult {
    account_page(&state, lang, user, &identity, None, Errors::default()).await
}

#[derive(Deserialize)]
pub struct TokenForm {
    name: String,
}

pub async fn create_token(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
    Form(form): Form<TokenForm>,
) -> PageResult {
    let name: String = form.name.trim().chars().take(100).collect();
    let name = if name.is_empty() {
        "—".to_string()
    } else {
        name
    };
    let token = new_token();
    let mut w = state.store.write(user.user_id.clone(), state.now()).await?;
    w.create_token(&user.user_id, &name, &sha256_hex(token.as_bytes()))
        .await?;
    w.commit().await?;
    account_page(
        &state,
        lang,
        user,
        &identity,
        Some(token),
        Errors::default(),
    )
    .await
}

pub async fn revoke_token(
    State(state): State<AppState>,
    PageUser(user, _): PageUser,
    Path(id): Path<String>,
) -> Result<Redirect, PageError> {
    let token = state.store.token(&id).await?;
    if token.is_none_or(|t| t.user_id != user.user_id) {
        return Err(PageError::NotFound);
    }
    let mut w = state.store.write(user.user_id.clone(), state.now()).await?;
    w.revoke_token(&id).await?;
    w.commit().await?;
    Ok(Redirect::to("/account"))
}

#[derive(Deserialize)]
pub struct PasswordForm {
    current_password: String,
    new_password: String,
}

/// Changes the reader's password; every session ends, so they sign in again with it.
pub async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
    Form(form): Form<PasswordForm>,
) -> Result<Response, PageError> {
    let result = crate::service::users::change_password(
        &state,
        &user,
        &form.current_password,
        &form.new_password,
    )
    .await;
    match result {
        Ok(()) => {
            let clear = cookies::set(cookies::SESSION, "", 0, state.auth.secure_cookies);
            Ok((
                [(header::SET_COOKIE, clear)],
                Redirect::to("/login?next=/account"),
            )
                .into_response())
        }
        Err(crate::ApiError::Invalid { fields, .. }) => {
            let field = fields.first().map(|f| f.name.as_str()).unwrap_or_default();
            let (field, id) = if field == "current_password" {
                ("current_password", "password-current-wrong")
            } else {
                ("new_password", "password-too-short")
            };
            let mut errors = Errors::default();
            errors.add(field, state.i18n.tr(lang.0).t(id));
            let page = account_page(&state, lang, user, &identity, None, errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
