//! The web face of Wanqiao: the JSON API under `/api/v1` and the server-rendered pages.
//!
//! `main` stays thin: [`app`] builds the whole router from an [`AppState`], so the tests
//! serve exactly what production serves.

mod api;
mod assets;
pub mod auth;
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
        .with_state(state)
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
