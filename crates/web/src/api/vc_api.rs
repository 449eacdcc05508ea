//! Documents verifiers fetch at stable URLs outside the API: each society's DID document
//! (`did:web:HOST:societies:ID` resolves to `/societies/ID/did.json`) and its signed
//! Bitstring Status Lists; and the W3C VC-API endpoints at the root, for interoperability
//! (the W3C test suites post to `/credentials/issue`, `/credentials/verify`,
//! `/presentations/verify` and `/credentials/status`). Errors are problem documents;
//! verification answers 200 when verified and 400 with the reasons when not.

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::credentials::{Finding, Report, verify_request};
use crate::service::issuing;
use crate::service::vc_api::{self as service, StatusAnswer};
use crate::{ApiError, AppState};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::handler::Handler;
use axum::http::StatusCode;
use serde_json::{Value, json};
use wanqiao_credentials::status_list::StatusPurpose;

/// Verification reads documents up to twice the credential limit, so a document over the
/// limit gets the verification answer `too_large` rather than a bare 413.
const VERIFY_BODY_BYTES: usize = 2 * wanqiao_credentials::input::MAX_DOCUMENT_BYTES;

pub fn routes() -> Routes {
    Routes::new()
        .get("/societies/{id}/did.json", did_document)
        .get("/status-lists/{society}/{purpose}", status_list)
        .post("/credentials/issue", issue)
        .post(
            "/credentials/verify",
            verify.layer(DefaultBodyLimit::max(VERIFY_BODY_BYTES)),
        )
        .post(
            "/presentations/verify",
            verify_presentation.layer(DefaultBodyLimit::max(VERIFY_BODY_BYTES)),
        )
        .post("/credentials/status", status)
}

/// 201 `{"verifiableCredential": …}`, signed by the issuing society's current key.
async fn issue(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Value>), ApiError> {
    let signed = service::issue(&s, &me, &body).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "verifiableCredential": signed })),
    ))
}

async fn status(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(body): JsonBody<Value>,
) -> Result<Json<StatusAnswer>, ApiError> {
    Ok(Json(service::set_status(&s, &me, &body).await?))
}

/// A body that could not be read, as a verification answer.
fn unreadable(e: &BytesRejection) -> Report {
    Report {
        verified: false,
        checks: Vec::new(),
        warnings: Vec::new(),
        errors: vec![Finding {
            code: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
                "too_large".into()
            } else {
                "malformed".into()
            },
            message: e.body_text(),
        }],
        credential: None,
    }
}

fn answer(report: Report) -> (StatusCode, Json<Report>) {
    let status = if report.verified {
        StatusCode::OK
    } else {
        StatusCode::BAD_REQUEST
    };
    (status, Json(report))
}

/// The same verification as `POST /api/v1/credentials/verify`.
async fn verify(
    State(s): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> (StatusCode, Json<Report>) {
    answer(match body {
        Ok(bytes) => verify_request(&s, &bytes).await,
        Err(e) => unreadable(&e),
    })
}

async fn verify_presentation(
    State(s): State<AppState>,
    body: Result<Bytes, BytesRejection>,
) -> (StatusCode, Json<Report>) {
    answer(match body {
        Ok(bytes) => service::verify_presentation(&s, &bytes).await,
        Err(e) => unreadable(&e),
    })
}

async fn did_document(
    State(s): State<AppState>,
    Path(id): Path<String>,
) -> Result<Json<Value>, ApiError> {
    issuing::did_document(&s.store, &s.issuing, &id)
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("society", &id))
}

async fn status_list(
    State(s): State<AppState>,
    Path((society, purpose)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let purpose =
        StatusPurpose::parse(&purpose).map_err(|_| ApiError::not_found("status list", &purpose))?;
    issuing::status_list(&s.store, &s.issuing, &society, purpose, s.now())
        .await?
        .map(Json)
        .ok_or_else(|| ApiError::not_found("society", &society))
}
