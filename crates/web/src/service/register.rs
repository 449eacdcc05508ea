//! Writing the register: societies, specialties, frameworks with their levels, and
//! agreements through their lifecycle. Each function checks the caller's permission, checks
//! the entry against the register, and writes it in one audited transaction.

use crate::error::FieldError;
use crate::{ApiError, AppState};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wanqiao_domain::catalogue::Problem;
use wanqiao_domain::lifecycle::Step;
use wanqiao_domain::{Agreement, Framework, LocalizedText, Principal, Society, Specialty, slug};

/// Applies an RFC 7396 merge patch: objects merge key by key, `null` removes, anything else
/// replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (key, value) in p {
                if value.is_null() {
                    t.remove(key);
                } else {
                    merge_patch(t.entry(key.clone()).or_insert(Value::Null), value);
                }
            }
        }
        (target, patch) => *target = patch.clone(),
    }
}

/// `current` with `patch` merged in, read back as the entry type, keeping its id.
pub fn patched<T: Serialize + DeserializeOwned>(
    current: &T,
    patch: &Value,
    id: &str,
) -> Result<T, ApiError> {
    if !patch.is_object() {
        return Err(ApiError::MalformedBody(
            "a patch is a JSON object of the fields to change".into(),
        ));
    }
    if patch.get("id").is_some_and(|v| v.as_str() != Some(id)) {
        return Err(ApiError::invalid(
            "id",
            "an entry's id cannot change; create a new entry instead",
        ));
    }
    let mut value = serde_json::to_value(current).expect("register entries serialise");
    merge_patch(&mut value, patch);
    serde_json::from_value(value).map_err(|e| ApiError::Invalid {
        message: e.to_string(),
        fields: Vec::new(),
    })
}

fn problems(list: Vec<Problem>) -> ApiError {
    let fields: Vec<FieldError> = list
        .iter()
        .map(|p| FieldError {
            name: p.field.to_string(),
            message: p.message.clone(),
        })
        .collect();
    let message = list
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ");
    ApiError::Invalid { message, fields }
}

fn check_id(id: &str) -> Result<(), ApiError> {
    slug::check(id).map_err(|m| ApiError::invalid("id", m))
}

fn check_names(field: &str, text: &LocalizedText) -> Result<(), ApiError> {
    match text.missing() {
        Some(locale) => Err(ApiError::invalid(
            &format!("{field}.{locale}"),
            "every name is needed in Simplified Chinese, Traditional Chinese and English",
        )),
        None => Ok(()),
    }
}

fn platform_only(me: &Principal) -> Result<(), ApiError> {
    if me.may_manage_register() {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "only platform admins change this part of the register",
        ))
    }
}

fn check_society(s: &Society) -> Result<(), ApiError> {
    check_id(&s.id)?;
    check_names("names", &s.names)?;
    if s.abbreviation.trim().is_empty() {
        return Err(ApiError::invalid(
            "abbreviation",
            "give the society's abbreviation",
        ));
    }
    Ok(())
}

pub async fn create_society(
    state: &AppState,
    me: &Principal,
    s: Society,
) -> Result<Society, ApiError> {
    platform_only(me)?;
    check_society(&s)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.create_society(&s).await?;
    w.commit().await?;
    Ok(s)
}

/// A society admin keeps their society's profile; its role, region and sample flag are the
/// platform's to set.
pub async fn update_society(
    state: &AppState,
    me: &Principal,
    id: &str,
    patch: &Value,
) -> Result<Society, ApiError> {
    if !me.may_manage_society(id) {
        return Err(ApiError::forbidden(
            "you may change your own society's profile only",
        ));
    }
    let current = state
        .store
        .society(id)
        .await?
        .ok_or_else(|| ApiError::not_found("society", id))?;
    let next: Society = patched(&current, patch, id)?;
    let reserved = next.role != current.role
        || next.jurisdiction != current.jurisdiction
        || next.sample != current.sample;
    if reserved && !me.may_manage_register() {
        return Err(ApiError::forbidden(
            "only platform admins change a society's role, region or sample flag",
        ));
    }
    check_society(&next)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.update_society(&next).await?;
    w.commit().await?;
    Ok(next)
}

pub async fn retire_society(state: &AppState, me: &Principal, id: &str) -> Result<(), ApiError> {
    platform_only(me)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.retire_society(id).await?;
    w.commit().await?;
    Ok(())
}

fn check_specialty(s: &Specialty) -> Result<(), ApiError> {
    check_id(&s.id)?;
    check_names("names", &s.names)?;
    if s.batch == 0 {
        return Err(ApiError::invalid(
            "batch",
            "pilot batches are numbered from 1",
        ));
    }
    Ok(())
}

pub async fn create_specialty(
    state: &AppState,
    me: &Principal,
    s: Specialty,
) -> Result<Specialty, ApiError> {
    platform_only(me)?;
    check_specialty(&s)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.create_specialty(&s).await?;
    w.commit().await?;
    Ok(s)
}

pub async fn update_specialty(
    state: &AppState,
    me: &Principal,
    id: &str,
    patch: &Value,
) -> Result<Specialty, ApiError> {
    platform_only(me)?;
    let current = state
        .store
        .specialty(id)
        .await?
        .ok_or_else(|| ApiError::not_found("specialty", id))?;
    let next: Specialty = patched(&current, patch, id)?;
    check_specialty(&next)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.update_specialty(&next).await?;
    w.commit().await?;
    Ok(next)
}

pub async fn retire_specialty(state: &AppState, me: &Principal, id: &str) -> Result<(), ApiError> {
    platform_only(me)?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.retire_specialty(id).await?;
    w.commit().await?;
    Ok(())
}

async fn check_framework(state: &AppState, f: &mut Framework) -> Result<(), ApiError> {
    check_id(&f.id)?;
    check_names("names", &f.names)?;
    if f.levels.is_empty() {
        return Err(ApiError::invalid(
            "levels",
            "a framework needs at least one level, lowest first",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for (i, level) in f.levels.iter().enumerate() {
        slug::check(&level.id).map_err(|m| ApiError::invalid(&format!("levels[{i}].id"), m))?;
        check_names(&format!("levels[{i}].names"), &level.names)?;
        if !seen.insert(level.id.clone()) {
            return Err(ApiError::invalid(
                &format!("levels[{i}].id"),
                format!("level `{}` is listed twice", level.id),
            ));
        }
    }
    if let Some(owner) = &f.owner
        && state.store.society(owner).await?.is_none()
    {
        return Err(ApiError::invalid(
            "owner",
            format!("unknown society `{owner}`"),
        ));
    }
    f.rank_levels();
    Ok(())
}

fn framework_allowed(me: &Principal, owner: Option<&str>) -> Result<(), ApiError> {
    if me.may_manage_framework(owner) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "a society's ladder is kept by its admins, and statutory ladders by platform admins",
        ))
    }
}

pub async fn create_framework(
    state: &AppState,
    me: &Principal,
    mut f: Framework,
) -> Result<Framework, ApiError> {
    framework_allowed(me, f.owner.as_deref())?;
    check_framework(state, &mut f).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.create_framework(&f).await?;
    w.commit().await?;
    Ok(f)
}

pub async fn update_framework(
    state: &AppState,
    me: &Principal,
    id: &str,
    patch: &Value,
) -> Result<Framework, ApiError> {
    let current = state
        .store
        .framework(id)
        .await?
        .ok_or_else(|| ApiError::not_found("framework", id))?;
    framework_allowed(me, current.owner.as_deref())?;
    let mut next: Framework = patched(&current, patch, id)?;
    framework_allowed(me, next.owner.as_deref())?;
    check_framework(state, &mut next).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.update_framework(&next).await?;
    w.commit().await?;
    Ok(next)
}

pub async fn retire_framework(state: &AppState, me: &Principal, id: &str) -> Result<(), ApiError> {
    let current = state
        .store
        .framework(id)
        .await?
        .ok_or_else(|| ApiError::not_found("framework", id))?;
    framework_allowed(me, current.owner.as_deref())?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.retire_framework(id).await?;
    w.commit().await?;
    Ok(())
}

async fn check_agreement(state: &AppState, a: &Agreement) -> Result<(), ApiError> {
    let found = state.store.catalogue().await?.check_agreement(a);
    if found.is_empty() {
        Ok(())
    } else {
        Err(problems(found))
    }
}

pub async fn create_agreement(
    state: &AppState,
    me: &Principal,
    a: Agreement,
) -> Result<Agreement, ApiError> {
    platform_only(me)?;
    check_agreement(state, &a).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.create_agreement(&a).await?;
    w.commit().await?;
    Ok(a)
}

/// Changes an agreement's particulars; its status, kind and versions change only through
/// [`step_agreement`], so the lifecycle cannot be skipped.
pub async fn update_agreement(
    state: &AppState,
    me: &Principal,
    id: &str,
    patch: &Value,
) -> Result<Agreement, ApiError> {
    platform_only(me)?;
    for field in ["status", "kind", "versions", "version"] {
        if patch.get(field).is_some() {
            return Err(ApiError::invalid(
                field,
                "status, kind and versions change through POST /api/v1/agreements/{id}/transitions",
            ));
        }
    }
    let current = state
        .store
        .agreement(id)
        .await?
        .ok_or_else(|| ApiError::not_found("agreement", id))?;
    let next: Agreement = patched(&current, patch, id)?;
    check_agreement(state, &next).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.save_agreement(&next, "agreement.update").await?;
    w.commit().await?;
    Ok(next)
}

/// One step of an agreement's lifecycle; a step not possible from the current status is a
/// conflict that names the status and the steps that are possible.
pub async fn step_agreement(
    state: &AppState,
    me: &Principal,
    id: &str,
    step: &Step,
) -> Result<Agreement, ApiError> {
    platform_only(me)?;
    let current = state
        .store
        .agreement(id)
        .await?
        .ok_or_else(|| ApiError::not_found("agreement", id))?;
    let next = current.apply(step).map_err(|e| {
        ApiError::conflict(
            format!("{} (the agreement is {})", e.message, e.status.code()),
            e.allowed.iter().map(|s| s.to_string()).collect(),
        )
    })?;
    check_agreement(state, &next).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.save_agreement(&next, &format!("agreement.{}", step.code()))
        .await?;
    w.commit().await?;
    Ok(next)
}
