//! The JSON API, `/api/v1`.

mod register;

use crate::{ApiError, AppState};
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;

pub fn routes() -> Router<AppState> {
    register::routes().fallback(no_route)
}

pub fn health_routes() -> Router<AppState> {
    Router::new().route("/healthz", get(health))
}

async fn no_route() -> ApiError {
    ApiError::NoRoute
}

/// 200 when the database answers, 503 otherwise, for load balancers and monitors.
async fn health(State(state): State<AppState>) -> impl IntoResponse {
    match state.store.ping().await {
        Ok(()) => (StatusCode::OK, "ok"),
        Err(e) => {
            tracing::error!(error = %e, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}
