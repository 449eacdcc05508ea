//! Engineer profiles through the API; the rules live in [`crate::service::engineers`].

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::params::Params;
use crate::routes::Routes;
use crate::service::engineers::{self as service, Entry, ProfileInput};
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use wanqiao_domain::engineer::{
    CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, Qualification, QualificationStatus,
};
use wanqiao_store::engineers::{EngineerSummary, EntryKind};
use wanqiao_store::search::Found;

pub fn routes() -> Routes {
    Routes::new()
        .get("/engineers", list)
        .post("/engineers", create)
        .get("/engineers/{id}", one)
        .patch("/engineers/{id}", update)
        .post("/engineers/{id}/education", add_education)
        .post("/engineers/{id}/experience", add_experience)
        .post("/engineers/{id}/cpd", add_cpd)
        .post("/engineers/{id}/qualifications", add_qualification)
        .delete("/engineers/{id}/{kind}/{entry}", remove_entry)
        .post(
            "/engineers/{id}/qualifications/{qualification}/attest",
            attest,
        )
        .post(
            "/engineers/{id}/qualifications/{qualification}/refuse",
            refuse,
        )
}

type Profile = Result<Json<EngineerProfile>, ApiError>;
type Created = Result<(StatusCode, Json<EngineerProfile>), ApiError>;

/// `?q=` finds by name in any script (or part of one), member number or certificate id;
/// `total_exact` is false when more than `total` matched (counts stop at 1,000).
async fn list(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    q: Params,
) -> Result<Json<Found<EngineerSummary>>, ApiError> {
    Ok(Json(service::list(&s, &me, q.get("q"), q.page()?).await?))
}

async fn create(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(b): JsonBody<ProfileInput>,
) -> Created {
    Ok((
        StatusCode::CREATED,
        Json(service::create(&s, &me, b).await?),
    ))
}

async fn one(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Profile {
    Ok(Json(service::open(&s, &me, &id).await?.0))
}

async fn update(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(b): JsonBody<ProfileInput>,
) -> Profile {
    Ok(Json(service::update(&s, &me, &id, b).await?))
}

async fn add(s: AppState, me: wanqiao_domain::Principal, id: String, entry: Entry) -> Created {
    Ok((
        StatusCode::CREATED,
        Json(service::add_entry(&s, &me, &id, entry).await?),
    ))
}

async fn add_education(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(e): JsonBody<EducationEntry>,
) -> Created {
    add(s, me, id, Entry::Education(e)).await
}

async fn add_experience(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(e): JsonBody<ExperienceEntry>,
) -> Created {
    add(s, me, id, Entry::Experience(e)).await
}

async fn add_cpd(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(e): JsonBody<CpdRecord>,
) -> Created {
    add(s, me, id, Entry::Cpd(e)).await
}

async fn add_qualification(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(e): JsonBody<Qualification>,
) -> Created {
    add(s, me, id, Entry::Qualification(e)).await
}

async fn remove_entry(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, kind, entry)): Path<(String, String, String)>,
) -> Result<StatusCode, ApiError> {
    let kind = match kind.as_str() {
        "education" => EntryKind::Education,
        "experience" => EntryKind::Experience,
        "cpd" => EntryKind::Cpd,
        "qualifications" => EntryKind::Qualification,
        _ => return Err(ApiError::NoRoute),
    };
    service::remove_entry(&s, &me, &id, kind, &entry).await?;
    Ok(StatusCode::NO_CONTENT)
}

async fn attest(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, q)): Path<(String, String)>,
) -> Profile {
    Ok(Json(
        service::attest(&s, &me, &id, &q, QualificationStatus::Attested).await?,
    ))
}

async fn refuse(
    State(s): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path((id, q)): Path<(String, String)>,
) -> Profile {
    Ok(Json(
        service::attest(&s, &me, &id, &q, QualificationStatus::Refused).await?,
    ))
}
