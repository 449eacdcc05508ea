//! Receipts of fees paid offline, recorded by staff; the rules live in
//! [`crate::service::fees`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::fees::{self as service, PaymentInput};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use wanqiao_store::fees::Payment;

pub fn routes() -> Routes {
    Routes::new().post("/applications/{id}/payments", record)
}

async fn record(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<PaymentInput>,
) -> Result<(StatusCode, Json<Payment>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(service::record(&s, &me, &id, b).await?),
    ))
}
