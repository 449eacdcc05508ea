//! Documents verifiers fetch at stable URLs outside the API: each society's DID document
//! (`did:web:HOST:societies:ID` resolves to `/societies/ID/did.json`) and its signed
//! Bitstring Status Lists.

use crate::routes::Routes;
use crate::service::issuing;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde_json::Value;
use wanqiao_credentials::status_list::StatusPurpose;

pub fn routes() -> Routes {
    Routes::new()
        .get("/societies/{id}/did.json", did_document)
        .get("/status-lists/{society}/{purpose}", status_list)
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
