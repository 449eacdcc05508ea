//! The rule engine's answers through the API; the work is in [`crate::service::recognition`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::routes::Routes;
use crate::service::recognition::{self as service, SelfCheck, WhatIf};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use wanqiao_domain::engine::{Decision, Impact};

pub fn routes() -> Routes {
    Routes::new()
        .get("/engineers/{id}/recognition-options", options)
        .post("/recognition/what-if", what_if)
        .get("/agreements/{id}/versions/{number}/impact", impact)
}

async fn options(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<SelfCheck>, ApiError> {
    Ok(Json(service::for_engineer(&s, &me, &id).await?.2))
}

#[derive(Serialize)]
struct WhatIfAnswer {
    #[serde(with = "wanqiao_domain::date")]
    today: wanqiao_domain::Date,
    rows: Vec<Decision>,
}

/// Open to everyone: no account is needed to ask what a qualification would get.
async fn what_if(
    State(s): State<AppState>,
    JsonBody(w): JsonBody<WhatIf>,
) -> Result<Json<WhatIfAnswer>, ApiError> {
    let (rows, _) = service::what_if(&s, &w).await?;
    Ok(Json(WhatIfAnswer {
        today: s.today(),
        rows,
    }))
}

async fn impact(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, number)): Path<(String, String)>,
) -> Result<Json<Impact>, ApiError> {
    let number: u32 = number
        .parse()
        .map_err(|_| ApiError::not_found("version", &number))?;
    Ok(Json(service::impact(&s, &me, &id, number).await?.1))
}
