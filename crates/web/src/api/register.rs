//! The public register: societies, specialties, frameworks, agreements, fellows, activities.

use crate::params::Params;
use crate::routes::Routes;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use serde::Serialize;
use wanqiao_domain::{
    Activity, Agreement, AgreementKind, AgreementStatus, Fellow, Framework, Jurisdiction, Society,
    SocietyRole, Specialty,
};
use wanqiao_store::Paged;
use wanqiao_store::agreements::{AgreementFilter, AgreementSummary};
use wanqiao_store::societies::SocietyFilter;

type ApiResult<T> = Result<Json<T>, ApiError>;

pub fn routes() -> Routes {
    Routes::new()
        .get("/jurisdictions", jurisdictions)
        .get("/societies", societies)
        .get("/societies/{id}", society)
        .get("/specialties", specialties)
        .get("/specialties/{id}", specialty)
        .get("/frameworks", frameworks)
        .get("/frameworks/{id}", framework)
        .get("/agreements", agreements)
        .get("/agreements/{id}", agreement)
        .get("/fellows", fellows)
        .get("/activities", activities)
        .get("/register", public_register)
}

#[derive(Serialize)]
struct JurisdictionItem {
    code: Jurisdiction,
}

async fn jurisdictions() -> Json<Paged<JurisdictionItem>> {
    let items: Vec<_> = Jurisdiction::ALL
        .into_iter()
        .map(|code| JurisdictionItem { code })
        .collect();
    Json(Paged {
        total: items.len() as u64,
        items,
    })
}

async fn societies(State(s): State<AppState>, q: Params) -> ApiResult<Paged<Society>> {
    let filter = SocietyFilter {
        jurisdiction: q.code("jurisdiction", |v| v.parse().ok(), "GD, HK, MO, INTL")?,
        role: q.code(
            "role",
            SocietyRole::parse,
            "coordinator, signatory, consulting",
        )?,
    };
    Ok(Json(s.store.societies(&filter, q.page()?).await?))
}

async fn society(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Society> {
    let found = s.store.society(&id).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found("society", &id))
}

async fn specialties(State(s): State<AppState>, q: Params) -> ApiResult<Paged<Specialty>> {
    Ok(Json(s.store.specialties(q.page()?).await?))
}

async fn specialty(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Specialty> {
    let found = s.store.specialty(&id).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found("specialty", &id))
}

async fn frameworks(State(s): State<AppState>, q: Params) -> ApiResult<Paged<Framework>> {
    Ok(Json(s.store.frameworks(q.page()?).await?))
}

async fn framework(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Framework> {
    let found = s.store.framework(&id).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found("framework", &id))
}

async fn agreements(State(s): State<AppState>, q: Params) -> ApiResult<Paged<AgreementSummary>> {
    let filter = AgreementFilter {
        status: q.code(
            "status",
            AgreementStatus::parse,
            "draft, intent, in-force, suspended, expired",
        )?,
        kind: q.code("kind", AgreementKind::parse, "agreement, letter-of-intent")?,
        specialty: q.get("specialty").map(str::to_string),
        society: q.get("society").map(str::to_string),
    };
    Ok(Json(s.store.agreements(&filter, q.page()?).await?))
}

async fn agreement(State(s): State<AppState>, Path(id): Path<String>) -> ApiResult<Agreement> {
    let found = s.store.agreement(&id).await?;
    found
        .map(Json)
        .ok_or_else(|| ApiError::not_found("agreement", &id))
}

async fn fellows(State(s): State<AppState>, q: Params) -> ApiResult<Paged<Fellow>> {
    Ok(Json(s.store.fellows(q.get("society"), q.page()?).await?))
}

async fn activities(State(s): State<AppState>, q: Params) -> ApiResult<Paged<Activity>> {
    Ok(Json(s.store.activities(q.get("society"), q.page()?).await?))
}

/// Recognised engineers who consented to be listed; searchable by name in any script or by
/// certificate id, and by specialty or host society. `total_exact` is false when more than
/// `total` matched (counts stop at 1,000).
async fn public_register(
    State(s): State<AppState>,
    q: Params,
) -> ApiResult<wanqiao_store::search::Found<wanqiao_store::public_register::Listed>> {
    let query = wanqiao_store::public_register::RegisterQuery {
        text: q.get("q").map(str::to_string),
        specialty: q.get("specialty").map(str::to_string),
        society: q.get("society").map(str::to_string),
        order: None,
    };
    Ok(Json(s.store.public_register(&query, q.page()?).await?))
}
