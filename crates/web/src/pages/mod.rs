//! Server-rendered pages for people: they work without JavaScript and speak the reader's
//! language.

mod agreements;
mod home;
mod people;
mod societies;
mod specialties;

use crate::error::{PageError, PageFailure};
use crate::i18n::{self, PAGE_LOCALES};
use crate::params::Params;
use crate::{AppState, Tr};
use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use std::convert::Infallible;
use wanqiao_domain::Locale;

pub fn routes(state: AppState) -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/societies", get(societies::list))
        .route("/societies/{id}", get(societies::detail))
        .route("/specialties", get(specialties::list))
        .route("/agreements", get(agreements::list))
        .route("/agreements/{id}", get(agreements::detail))
        .route("/fellows", get(people::fellows))
        .route("/activities", get(people::activities))
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state, page_layer))
}

type PageResult = Result<Html<String>, PageError>;

async fn not_found() -> PageError {
    PageError::NotFound
}

/// The reader's language, chosen by the page layer.
#[derive(Debug, Clone, Copy)]
pub struct Lang(pub Locale);

impl<S: Send + Sync> FromRequestParts<S> for Lang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(parts
            .extensions
            .get::<Lang>()
            .copied()
            .unwrap_or(Lang(Locale::ZhHans)))
    }
}

/// What every page shows around its content: the language, the navigation, where we are.
pub struct Chrome<'a> {
    pub tr: Tr<'a>,
    /// The current path, for the language switcher.
    pub here: String,
    /// The navigation entry to mark as current.
    pub nav: &'static str,
}

impl<'a> Chrome<'a> {
    pub fn new(state: &'a AppState, lang: Lang, here: &str, nav: &'static str) -> Chrome<'a> {
        Chrome {
            tr: state.i18n.tr(lang.0),
            here: here.to_string(),
            nav,
        }
    }

    /// Languages offered by the switcher: (tag, own name, is current).
    pub fn languages(&self) -> Vec<(&'static str, &'static str, bool)> {
        PAGE_LOCALES
            .iter()
            .map(|l| {
                let own = match l {
                    Locale::ZhHans => "简体中文",
                    Locale::ZhHant => "繁體中文",
                    _ => "English",
                };
                (l.tag(), own, *l == self.tr.locale)
            })
            .collect()
    }

    pub fn nav_items(&self) -> Vec<(&'static str, &'static str, bool)> {
        [
            ("/", "nav-home"),
            ("/societies", "nav-societies"),
            ("/specialties", "nav-specialties"),
            ("/agreements", "nav-agreements"),
            ("/fellows", "nav-fellows"),
            ("/activities", "nav-activities"),
        ]
        .into_iter()
        .map(|(href, id)| (href, id, id == self.nav))
        .collect()
    }
}

fn render(page: impl Template) -> PageResult {
    Ok(Html(page.render()?))
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    c: Chrome<'a>,
    status: u16,
    title: String,
    message: String,
}

/// Chooses the language for the request, remembers an explicit choice in a cookie, and
/// dresses failed pages in the reader's language.
async fn page_layer(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let (locale, chosen) = choose_locale(&request);
    let path = request.uri().path().to_string();
    request.extensions_mut().insert(Lang(locale));

    let mut response = next.run(request).await;
    if let Some(PageFailure(status)) = response.extensions().get::<PageFailure>().copied() {
        response = error_page(&state, Lang(locale), &path, status);
    }
    if let Some(l) = chosen {
        let cookie = format!("lang={}; Path=/; Max-Age=31536000; SameSite=Lax", l.tag());
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response.headers_mut().insert(
        header::VARY,
        HeaderValue::from_static("Accept-Language, Cookie"),
    );
    response
}

/// The page language, and the language explicitly asked for with `?lang=`, if any.
fn choose_locale(request: &Request) -> (Locale, Option<Locale>) {
    let params = Params::parse(request.uri().query().unwrap_or_default());
    let header = |name| {
        request
            .headers()
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let cookie = header(header::COOKIE).and_then(|c| {
        c.split(';')
            .filter_map(|kv| kv.trim().split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v)
    });
    let locale = i18n::negotiate(params.get("lang"), cookie, header(header::ACCEPT_LANGUAGE));
    let chosen = params
        .get("lang")
        .and_then(Locale::from_tag)
        .filter(|l| PAGE_LOCALES.contains(l));
    (locale, chosen)
}

fn error_page(state: &AppState, lang: Lang, path: &str, status: StatusCode) -> Response {
    let c = Chrome::new(state, lang, path, "");
    let (title, message) = if status == StatusCode::NOT_FOUND {
        (
            c.tr.t("error-not-found-title"),
            c.tr.t("error-not-found-body"),
        )
    } else {
        (c.tr.t("error-server-title"), c.tr.t("error-server-body"))
    };
    let page = ErrorPage {
        c,
        status: status.as_u16(),
        title,
        message,
    };
    match page.render() {
        Ok(html) => (status, Html(html)).into_response(),
        Err(e) => {
            tracing::error!(error = %e, "error page failed to render");
            status.into_response()
        }
    }
}
