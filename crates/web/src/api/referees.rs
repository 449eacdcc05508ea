//! Referees through the API; the rules live in [`crate::service::referees`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::referees::{self as service, RefereeInput, RefereeView};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;

pub fn routes() -> Routes {
    Routes::new()
        .get("/applications/{id}/referees", list)
        .post("/applications/{id}/referees", add)
}

async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<Vec<RefereeView>>, ApiError> {
    Ok(Json(service::list(&s, &me, &id).await?))
}

async fn add(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<RefereeInput>,
) -> Result<(StatusCode, Json<RefereeView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(service::add(&s, &me, &id, b).await?),
    ))
}
