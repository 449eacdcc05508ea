//! The web face of Wanqiao: the JSON API under `/api/v1` and the server-rendered pages.
//!
//! `main` stays thin: [`app`] builds the whole router from an [`AppState`], so the tests
//! serve exactly what production serves.

mod api;
mod assets;
mod error;
mod i18n;
mod pages;
mod params;
mod security;
mod state;
mod views;

pub use error::ApiError;
pub use i18n::{I18n, Tr};
pub use state::AppState;

use axum::Router;
use axum::extract::DefaultBodyLimit;

/// Largest request body accepted anywhere; uploads get their own limit where they exist.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The whole application.
pub fn app(state: AppState) -> Router {
    Router::new()
        .nest("/api/v1", api::routes())
        .merge(api::health_routes())
        .merge(pages::routes(state.clone()))
        .merge(assets::routes())
        .layer(axum::middleware::from_fn(security::headers))
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state)
}
