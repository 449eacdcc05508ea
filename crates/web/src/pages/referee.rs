//! The public page a referee reaches by their single-use link: the statement, and a form to
//! confirm or decline it. A used, expired or unknown link shows a clear page and records
//! nothing.

use super::{Chrome, Lang};
use crate::AppState;
use crate::auth::{Identity, Via, cookies};
use crate::error::PageError;
use crate::service::referees::{self as service, Link};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use wanqiao_store::referees::{Answer, RefereeRequest};
use wanqiao_store::secret::{new_token, same};

/// The double-submit cookie of the referee form, for readers without a session.
const REFEREE_CSRF: &str = "wanqiao_referee_csrf";

#[derive(Template)]
#[template(path = "referee.html")]
struct RefereePage<'a> {
    c: Chrome<'a>,
    request: RefereeRequest,
    token: String,
    csrf_token: String,
    /// The answer form has no messages: either answer is accepted.
    errors: super::form::Errors,
}

#[derive(Template)]
#[template(path = "referee_done.html")]
struct DonePage<'a> {
    c: Chrome<'a>,
    title: String,
    message: String,
    outcome: &'static str,
}

fn here(token: &str) -> String {
    format!("/referees/{token}")
}

/// The page for a link that leads nowhere, or an answer just recorded.
fn done(
    state: &AppState,
    lang: Lang,
    token: &str,
    outcome: &'static str,
) -> Result<Response, PageError> {
    let c = Chrome::new(state, lang, &here(token), "");
    let status = match outcome {
        "unknown" => StatusCode::NOT_FOUND,
        "used" | "expired" => StatusCode::GONE,
        _ => StatusCode::OK,
    };
    let page = DonePage {
        title: c.tr.t(&format!("referee-{outcome}-title")),
        message: c.tr.t(&format!("referee-{outcome}-body")),
        outcome,
        c,
    };
    Ok((status, Html(page.render()?)).into_response())
}

fn closed(link: &Link) -> &'static str {
    match link {
        Link::Used => "used",
        Link::Expired => "expired",
        Link::Unknown => "unknown",
        Link::Open(_) => "open",
    }
}

pub async fn page(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    Path(token): Path<String>,
) -> Result<Response, PageError> {
    let link = service::open(&state, &token)
        .await
        .map_err(PageError::from_api)?;
    let Link::Open(request) = link else {
        return done(&state, lang, &token, closed(&link));
    };
    // A signed-in reader's form carries their session's token, which the identity layer
    // checks; anyone else gets a double-submit cookie, as on the sign-in page.
    let (csrf_token, cookie) = match identity.csrf_token() {
        Some(t) => (t.to_string(), None),
        None => {
            let t = new_token();
            let cookie = cookies::set(REFEREE_CSRF, &t, 3600, state.auth.secure_cookies);
            (t, Some(cookie))
        }
    };
    let page = RefereePage {
        c: Chrome::new(&state, lang, &here(&token), ""),
        request: *request,
        token,
        csrf_token,
        errors: super::form::Errors::default(),
    };
    let mut response = Html(page.render()?).into_response();
    response.headers_mut().insert(
        header::REFERRER_POLICY,
        "no-referrer".parse().expect("valid"),
    );
    if let Some(cookie) = cookie {
        response.headers_mut().append(header::SET_COOKIE, cookie);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct AnswerForm {
    csrf_token: String,
    answer: String,
    #[serde(default)]
    comment: String,
}

pub async fn answer(
    State(state): State<AppState>,
    lang: Lang,
    identity: Identity,
    headers: HeaderMap,
    Path(token): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, PageError> {
    // With a session, the identity layer has already checked the session's token.
    if !matches!(identity.via, Via::Session { .. }) {
        let expected = cookies::get(&headers, REFEREE_CSRF).unwrap_or_default();
        if expected.is_empty() || !same(expected, &form.csrf_token) {
            return Err(PageError::Csrf);
        }
    }
    let answer = match form.answer.as_str() {
        "confirm" => Answer::Confirmed,
        "decline" => Answer::Declined,
        _ => return Err(PageError::Refused("answer confirm or decline".into())),
    };
    let link = service::answer(&state, &token, answer, &form.comment)
        .await
        .map_err(PageError::from_api)?;
    let outcome = match (&link, answer) {
        (Link::Open(_), Answer::Confirmed) => "confirmed",
        (Link::Open(_), Answer::Declined) => "declined",
        (other, _) => closed(other),
    };
    let mut response = done(&state, lang, &token, outcome)?;
    let clear = cookies::set(REFEREE_CSRF, "", 0, state.auth.secure_cookies);
    response.headers_mut().append(header::SET_COOKIE, clear);
    Ok(response)
}
