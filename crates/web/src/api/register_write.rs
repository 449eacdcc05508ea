//! Writing the register through the API; the rules live in [`crate::service::register`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::register as service;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::Value;
use wanqiao_domain::{Agreement, Framework, Society, Specialty, Step};

pub fn routes() -> Routes {
    Routes::new()
        .post("/societies", create_society)
        .patch("/societies/{id}", update_society)
        .delete("/societies/{id}", retire_society)
        .post("/specialties", create_specialty)
        .patch("/specialties/{id}", update_specialty)
        .delete("/specialties/{id}", retire_specialty)
        .post("/frameworks", create_framework)
        .patch("/frameworks/{id}", update_framework)
        .delete("/frameworks/{id}", retire_framework)
        .post("/agreements", create_agreement)
        .patch("/agreements/{id}", update_agreement)
        .post("/agreements/{id}/transitions", step_agreement)
}

type Created<T> = Result<(StatusCode, Json<T>), ApiError>;

async fn create_society(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<Society>,
) -> Created<Society> {
    Ok((
        StatusCode::CREATED,
        Json(service::create_society(&s, &me, b).await?),
    ))
}

async fn update_society(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<Value>,
) -> Result<Json<Society>, ApiError> {
    Ok(Json(service::update_society(&s, &me, &id, &patch).await?))
}

async fn retire_society(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    service::retire_society(&s, &me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn create_specialty(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<Specialty>,
) -> Created<Specialty> {
    Ok((
        StatusCode::CREATED,
        Json(service::create_specialty(&s, &me, b).await?),
    ))
}

async fn update_specialty(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<Value>,
) -> Result<Json<Specialty>, ApiError> {
    Ok(Json(service::update_specialty(&s, &me, &id, &patch).await?))
}

async fn retire_specialty(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    service::retire_specialty(&s, &me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn create_framework(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<Framework>,
) -> Created<Framework> {
    Ok((
        StatusCode::CREATED,
        Json(service::create_framework(&s, &me, b).await?),
    ))
}

async fn update_framework(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<Value>,
) -> Result<Json<Framework>, ApiError> {
    Ok(Json(service::update_framework(&s, &me, &id, &patch).await?))
}

async fn retire_framework(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    service::retire_framework(&s, &me, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn create_agreement(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<Agreement>,
) -> Created<Agreement> {
    Ok((
        StatusCode::CREATED,
        Json(service::create_agreement(&s, &me, b).await?),
    ))
}

async fn update_agreement(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<Value>,
) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(service::update_agreement(&s, &me, &id, &patch).await?))
}

async fn step_agreement(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(step): JsonBody<Step>,
) -> Result<Json<Agreement>, ApiError> {
    Ok(Json(service::step_agreement(&s, &me, &id, &step).await?))
}
