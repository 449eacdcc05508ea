//! Discipline and revocation alerts through the API; the rules live in
//! [`crate::service::alerts`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::alerts::{self as service, AlertView, NewAlertInput};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;

pub fn routes() -> Routes {
    Routes::new().get("/alerts", list).post("/alerts", raise)
}

async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
) -> Result<Json<Vec<AlertView>>, ApiError> {
    Ok(Json(service::list(&s, &me).await?))
}

async fn raise(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<NewAlertInput>,
) -> Result<(StatusCode, Json<AlertView>), ApiError> {
    Ok((StatusCode::CREATED, Json(service::raise(&s, &me, b).await?)))
}
