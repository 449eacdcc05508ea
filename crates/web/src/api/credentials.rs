//! Recognition certificates through the API: reading one (public: a certificate is meant
//! to be shown), changing its status, and verifying any certificate offered.

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::credentials::{self as service, Report, StatusInput, StatusView};
use crate::service::holder;
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use serde_json::Value;

/// Verification reads documents up to twice the credential limit, so a document over the
/// limit gets the verification answer `too_large` rather than a bare 413.
const VERIFY_BODY_BYTES: usize = 2 * wanqiao_credentials::input::MAX_DOCUMENT_BYTES;

pub fn routes() -> Routes {
    Routes::new()
        .get("/credentials/{id}", one)
        .patch("/credentials/{id}", settings)
        .post("/credentials/{id}/status", status)
        .post("/credentials/{id}/correct", correct)
        .post(
            "/credentials/verify",
            verify.layer(DefaultBodyLimit::max(VERIFY_BODY_BYTES)),
        )
}

async fn one(State(s): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, ApiError> {
    Ok(Json(service::get(&s, &id).await?.document))
}

async fn status(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<StatusInput>,
) -> Result<Json<StatusView>, ApiError> {
    Ok(Json(service::set_status(&s, &me, &id, input).await?))
}

/// The holder's settings: `{"public_register": bool}`.
async fn settings(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<holder::SettingsInput>,
) -> Result<Json<holder::SettingsView>, ApiError> {
    Ok(Json(holder::set_settings(&s, &me, &id, input).await?))
}

/// Re-issues the certificate and revokes the old one with a pointer to the new one.
async fn correct(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<holder::CorrectInput>,
) -> Result<(StatusCode, Json<holder::Correction>), ApiError> {
    let done = holder::correct(&s, &me, &id, input).await?;
    Ok((StatusCode::CREATED, Json(done)))
}

/// 200 when verified, 400 with the reasons when not; never a server error for bad input.
async fn verify(
    State(s): State<AppState>,
    body: Result<Bytes, axum::extract::rejection::BytesRejection>,
) -> (StatusCode, Json<Report>) {
    let report = match body {
        Ok(bytes) => service::verify_request(&s, &bytes).await,
        Err(e) => Report {
            verified: false,
            checks: Vec::new(),
            warnings: Vec::new(),
            errors: vec![service::Finding {
                code: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    "too_large".into()
                } else {
                    "malformed".into()
                },
                message: e.body_text(),
            }],
            credential: None,
        },
    };
    let status = if report.verified {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    (status, Json(report))
}
