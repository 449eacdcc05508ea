//! Managing accounts over the API. The rules live in [`crate::service::users`]; these
//! handlers read the request, call the service and answer with JSON.

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::params::Params;
use crate::routes::Routes;
use crate::service::users::{self as service, GrantInput, NewUser, UserQuery};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use wanqiao_store::Paged;
use wanqiao_store::users::User;

pub fn routes() -> Routes {
    Routes::new()
        .get("/users", list)
        .post("/users", create)
        .get("/users/{id}", one)
        .post("/users/{id}/grants", grant)
        .delete("/users/{id}/grants", withdraw)
        .post("/users/{id}/disable", disable)
        .post("/users/{id}/enable", enable)
}

async fn list(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    q: Params,
) -> Result<Json<Paged<User>>, ApiError> {
    let query = UserQuery {
        page: q.page()?,
        text: q.get("q").map(str::to_string),
        society: q.get("society").map(str::to_string),
        order: None,
    };
    Ok(Json(service::list(&state, &me, &query).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantBody {
    role: String,
    #[serde(default)]
    society: Option<String>,
}

impl From<GrantBody> for GrantInput {
    fn from(b: GrantBody) -> GrantInput {
        GrantInput {
            role: b.role,
            society: b.society,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUserBody {
    email: String,
    display_name: String,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    grants: Vec<GrantBody>,
}

async fn create(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(body): JsonBody<NewUserBody>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    let input = NewUser {
        email: body.email,
        display_name: body.display_name,
        password: body.password,
        grants: body.grants.into_iter().map(GrantInput::from).collect(),
    };
    let user = service::create(&state, &me, &input).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

async fn one(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(service::get(&state, &me, &id).await?))
}

async fn grant(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<GrantBody>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(service::grant(&state, &me, &id, &body.into()).await?))
}

/// `DELETE /users/{id}/grants?role=…&society=…`
async fn withdraw(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    q: Params,
) -> Result<Json<User>, ApiError> {
    let input = GrantInput {
        role: q.get("role").unwrap_or_default().to_string(),
        society: q.get("society").map(str::to_string),
    };
    Ok(Json(service::withdraw(&state, &me, &id, &input).await?))
}

async fn disable(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(service::set_disabled(&state, &me, &id, true).await?))
}

async fn enable(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(service::set_disabled(&state, &me, &id, false).await?))
}
