//! The JSON API, `/api/v1`.

mod alerts;
mod applications;
mod audit;
mod auth;
mod credentials;
mod engineers;
pub(crate) mod evidence;
mod fees;
mod inbox;
mod recognition;
mod referees;
mod register;
mod register_write;
mod signup;
pub mod users;
mod vc_api;

use crate::routes::Routes;
use crate::{ApiError, AppState};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::IntoResponse;

pub fn routes() -> Routes {
    register::routes()
        .merge(register_write::routes())
        .merge(auth::routes())
        .merge(signup::routes())
        .merge(users::routes())
        .merge(engineers::routes())
        .merge(recognition::routes())
        .merge(applications::routes())
        .merge(audit::routes())
        .merge(evidence::routes())
        .merge(referees::routes())
        .merge(inbox::routes())
        .merge(credentials::routes())
        .merge(alerts::routes())
        .merge(fees::routes())
}

pub fn health_routes() -> Routes {
    Routes::new().get("/healthz", health)
}

/// DID documents and status lists, at the URLs verifiers fetch them from.
pub fn credential_documents() -> Routes {
    vc_api::routes()
}

pub async fn no_route() -> ApiError {
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
