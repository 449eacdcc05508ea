//! The web face of Wanqiao: the JSON API under `/api/v1` and the server-rendered pages.
//!
//! `main` stays thin: [`app`] builds the whole router from an [`AppState`], so the tests
//! serve exactly what production serves.

mod api;
mod assets;
pub mod auth;
mod charts;
mod error;
mod i18n;
mod json;
mod pages;
mod params;
mod routes;
mod security;
mod service;
mod state;
mod views;

pub use error::ApiError;
pub use i18n::{I18n, Tr};
pub use routes::RouteInfo;
pub use service::applications::{SweepReport, sweep, sweep_every_minute};
pub use service::issuing::{self, Issuing};
pub use service::roster;
pub use state::{AppState, AuthConfig, Clock, SystemClock};

use axum::Router;
use axum::extract::DefaultBodyLimit;
use routes::Routes;

/// Largest request body accepted anywhere; uploads get their own limit where they exist.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// Every route, in its part of the application: the API with its problem-document 404, and
/// the pages with their language layer and 404 page.
fn build(state: &AppState) -> Routes {
    Routes::new()
        .nest("/api/v1", api::routes(), |r| r.fallback(api::no_route))
        .merge(api::health_routes())
        .merge(api::credential_documents())
        .merge(assets::routes())
        .merge({
            let pages = pages::routes();
            Routes {
                router: pages::finish(pages.router, state.clone()),
                list: pages.list,
            }
        })
}

/// The whole application.
pub fn app(state: AppState) -> Router {
    build(&state)
        .router
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::identity::layer,
        ))
        .layer(axum::middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            count_queries,
        ))
        .with_state(state)
}

/// Test-only (see [`AppState::query_count_header`]): the SQL statements a request ran, from
/// the sign-in check to the last byte of the page, as `X-Query-Count`.
async fn count_queries(
    axum::extract::State(state): axum::extract::State<AppState>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if !state.query_count_header {
        return next.run(request).await;
    }
    let (mut response, n) = wanqiao_store::count_queries(next.run(request)).await;
    response
        .headers_mut()
        .insert("x-query-count", axum::http::HeaderValue::from(n));
    response
}

/// Every route the application serves, for the access tests.
pub fn route_list() -> Vec<RouteInfo> {
    let mut list = Routes::new()
        .nest("/api/v1", api::routes(), |r| r)
        .merge(api::health_routes())
        .merge(api::credential_documents())
        .merge(assets::routes())
        .merge(pages::routes())
        .list;
    list.sort();
    list
}
