//! Applications through the API; the rules live in [`crate::service::applications`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::params::Params;
use crate::routes::Routes;
use crate::service::applications::{
    self as service, ApplicationItem, ApplicationView, NewApplicationInput, SweepReport,
    TransitionInput,
};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use wanqiao_domain::workflow::State as AppStateCode;
use wanqiao_store::Paged;
use wanqiao_store::applications::ApplicationFilter;

pub fn routes() -> Routes {
    Routes::new()
        .get("/applications", list)
        .post("/applications", create)
        .get("/applications/{id}", one)
        .post("/applications/{id}/transitions", transition)
        .post("/applications/sweep", sweep)
}

async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    q: Params,
) -> Result<Json<Paged<ApplicationItem>>, ApiError> {
    let filter = ApplicationFilter {
        state: q.code(
            "state",
            AppStateCode::parse,
            "draft, submitted, attested, attestation_refused, under_review, info_requested, conditionally_approved, approved, rejected, appealed, withdrawn",
        )?,
        societies: q.get("society").map(|s| vec![s.to_string()]),
        overdue: q.code(
            "overdue",
            |v| match v {
                "true" => Some(true),
                "false" => Some(false),
                _ => None,
            },
            "true, false",
        )?,
        ..ApplicationFilter::default()
    };
    Ok(Json(service::list_items(&s, &me, filter, q.page()?).await?))
}

/// Applies the agreements' triggers to overdue decisions now, as the server's timer does
/// every minute; for platform admins, so that tests and operators need not wait.
async fn sweep(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
) -> Result<Json<SweepReport>, ApiError> {
    if !me.is_platform_admin() {
        return Err(ApiError::forbidden(
            "only platform admins run the sweep of overdue decisions",
        ));
    }
    Ok(Json(service::sweep(&s, s.now()).await?))
}

async fn create(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<NewApplicationInput>,
) -> Result<(StatusCode, Json<ApplicationView>), ApiError> {
    Ok((
        StatusCode::CREATED,
        Json(service::create(&s, &me, b).await?),
    ))
}

async fn one(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<ApplicationView>, ApiError> {
    Ok(Json(service::get(&s, &me, &id).await?))
}

async fn transition(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<TransitionInput>,
) -> Result<Json<ApplicationView>, ApiError> {
    Ok(Json(service::act(&s, &me, &id, b).await?))
}
