//! Signing up as an engineer: one form, checked all at once, with each problem next to its
//! field; on success the engineer is signed in and sent to their profile.
//!
//! The form has no session yet, so it carries the same double-submit token as the sign-in
//! form (the `LOGIN_CSRF` cookie, repeated in a hidden field).

use super::form::{Choice, Errors};
use super::{Chrome, Lang};
use crate::AppState;
use crate::auth::{Identity, cookies};
use crate::error::PageError;
use crate::service::signup::{self as service, Outcome, SignupInput};
use crate::service::users::MIN_PASSWORD_CHARS;
use crate::{ApiError, Tr};
use askama::Template;
use axum::Form;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use wanqiao_domain::{Locale, LocalizedText};
use wanqiao_store::secret::{new_token, same};

/// Where a new engineer lands: their profile, to add what the self-check needs.
const LANDING: &str = "/account/profile?welcome=1";

/// The form as typed, passwords excepted: they are never sent back.
#[derive(Debug, Default, Deserialize)]
pub struct SignupForm {
    #[serde(default)]
    csrf_token: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    password_confirmation: String,
    #[serde(default)]
    name_zh_hans: String,
    #[serde(default)]
    name_zh_hant: String,
    #[serde(default)]
    name_en: String,
    #[serde(default)]
    language: String,
}

#[derive(Template)]
#[template(path = "signup.html")]
struct SignupPage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    form: SignupForm,
    languages: Vec<Choice>,
    min_password: u32,
    errors: Errors,
}

#[derive(Template)]
#[template(path = "signup_check_email.html")]
struct CheckEmailPage<'a> {
    c: Chrome<'a>,
    email: String,
}

fn languages(chosen: &str, fallback: Locale) -> Vec<Choice> {
    let chosen = Locale::from_tag(chosen).unwrap_or(fallback);
    [
        (Locale::ZhHans, "简体中文"),
        (Locale::ZhHant, "繁體中文"),
        (Locale::En, "English"),
    ]
    .into_iter()
    .map(|(l, own)| Choice {
        value: l.tag().to_string(),
        label: own.to_string(),
        selected: l == chosen,
    })
    .collect()
}

/// The form, with a fresh double-submit token in its cookie.
fn form_response(
    state: &AppState,
    lang: Lang,
    form: SignupForm,
    errors: Errors,
    status: StatusCode,
) -> Result<Response, PageError> {
    let csrf_token = new_token();
    let cookie = cookies::set(
        cookies::LOGIN_CSRF,
        &csrf_token,
        3600,
        state.auth.secure_cookies,
    );
    let locale = lang.0;
    let page = SignupPage {
        c: Chrome::new(state, lang, "/signup", "nav-signup"),
        csrf_token,
        languages: languages(&form.language, locale),
        form: SignupForm {
            password: String::new(),
            password_confirmation: String::new(),
            ..form
        },
        min_password: u32::try_from(MIN_PASSWORD_CHARS).unwrap_or(u32::MAX),
        errors,
    };
    Ok((status, [(header::SET_COOKIE, cookie)], Html(page.render()?)).into_response())
}

/// `GET /signup`; someone already signed in goes to their profile instead.
pub async fn form(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
) -> Result<Response, PageError> {
    if identity.principal.is_some() {
        return Ok(Redirect::to("/account/profile").into_response());
    }
    form_response(
        &state,
        lang,
        SignupForm::default(),
        Errors::default(),
        StatusCode::OK,
    )
}

/// The page's message for a field the service refused.
fn field_message(tr: &Tr, field: &str) -> String {
    match field {
        "email" => tr.t("signup-error-email"),
        "password" => tr.t1("signup-error-password", "min", MIN_PASSWORD_CHARS),
        "password_confirmation" => tr.t("signup-error-confirmation"),
        "names" => tr.t("signup-error-names"),
        _ => tr.t("signup-error-language"),
    }
}

/// `POST /signup`.
pub async fn submit(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    headers: HeaderMap,
    Form(form): Form<SignupForm>,
) -> Result<Response, PageError> {
    let expected = cookies::get(&headers, cookies::LOGIN_CSRF).unwrap_or_default();
    if expected.is_empty() || !same(expected, &form.csrf_token) {
        return Err(PageError::Csrf);
    }
    let input = SignupInput {
        email: form.email.clone(),
        password: form.password.clone(),
        password_confirmation: form.password_confirmation.clone(),
        names: LocalizedText {
            zh_hans: form.name_zh_hans.clone(),
            zh_hant: form.name_zh_hant.clone(),
            en: form.name_en.clone(),
            pt: None,
        },
        language: Some(form.language.clone()),
    };
    let tr = state.i18n.tr(lang.0);
    match service::sign_up(&state, &input, &identity.client).await {
        Ok(Outcome::Created {
            token, language, ..
        }) => {
            let secure = state.auth.secure_cookies;
            let mut response = Redirect::to(LANDING).into_response();
            let h = response.headers_mut();
            h.append(
                header::SET_COOKIE,
                cookies::set(
                    cookies::SESSION,
                    &token,
                    state.auth.session_lifetime.as_secs(),
                    secure,
                ),
            );
            h.append(
                header::SET_COOKIE,
                cookies::set(cookies::LOGIN_CSRF, "", 0, secure),
            );
            // The language chosen is remembered as the switcher remembers it.
            if let Some(l) = language
                && let Ok(v) = HeaderValue::from_str(&format!(
                    "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
                    l.tag()
                ))
            {
                h.append(header::SET_COOKIE, v);
            }
            Ok(response)
        }
        Ok(Outcome::CheckEmail) => {
            let page = CheckEmailPage {
                c: Chrome::new(&state, lang, "/signup", "nav-signup"),
                email: form.email.trim().to_string(),
            };
            let clear = cookies::set(cookies::LOGIN_CSRF, "", 0, state.auth.secure_cookies);
            Ok((
                StatusCode::OK,
                [(header::SET_COOKIE, clear)],
                Html(page.render()?),
            )
                .into_response())
        }
        Ok(Outcome::Throttled { retry_after }) => {
            let mut errors = Errors::default();
            errors.add_top(tr.t1("signup-throttled", "minutes", retry_after.div_ceil(60)));
            form_response(&state, lang, form, errors, StatusCode::TOO_MANY_REQUESTS)
        }
        Err(ApiError::Invalid { fields, .. }) => {
            let mut errors = Errors::default();
            for f in &fields {
                if !errors.has(&f.name) {
                    errors.add(&f.name, field_message(&tr, &f.name));
                }
            }
            form_response(&state, lang, form, errors, StatusCode::UNPROCESSABLE_ENTITY)
        }
        Err(e) => Err(PageError::from_api(e)),
    }
}
