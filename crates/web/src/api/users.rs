//! Managing accounts: platform admins manage everyone, society admins their own society.

use crate::auth::ApiUser;
use crate::json::JsonBody;
use crate::params::Params;
use crate::routes::Routes;
use crate::{ApiError, AppState};
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use wanqiao_domain::{Grant, Principal, Role};
use wanqiao_store::Paged;
use wanqiao_store::secret::hash_password;
use wanqiao_store::users::{User, UserFilter};

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

/// The shortest password accepted: long passphrases beat complexity rules.
pub const MIN_PASSWORD_CHARS: usize = 12;

async fn list(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    q: Params,
) -> Result<Json<Paged<User>>, ApiError> {
    let page = q.page()?;
    let mut filter = UserFilter {
        query: q.get("q").map(str::to_string),
        societies: q.get("society").map(|s| vec![s.to_string()]),
    };
    if !me.is_platform_admin() {
        let mine: Vec<String> = me.administered().into_iter().map(str::to_string).collect();
        if mine.is_empty() {
            return Err(ApiError::forbidden(
                "only platform and society admins manage users",
            ));
        }
        match &filter.societies {
            Some(asked) if !asked.iter().all(|s| mine.contains(s)) => {
                return Err(ApiError::forbidden(
                    "you manage the users of your own society only",
                ));
            }
            Some(_) => {}
            None => filter.societies = Some(mine),
        }
    }
    Ok(Json(state.store.users(&filter, page).await?))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GrantBody {
    role: String,
    #[serde(default)]
    society: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct NewUser {
    email: String,
    display_name: String,
    #[serde(default)]
    password: Option<String>,
    #[serde(default)]
    grants: Vec<GrantBody>,
}

/// Turns a requested grant into one the caller may give, or says why not.
async fn checked_grant(
    state: &AppState,
    me: &Principal,
    body: &GrantBody,
) -> Result<Grant, ApiError> {
    let role = Role::parse(&body.role).ok_or_else(|| {
        ApiError::invalid(
            "role",
            format!(
                "`{}` is not a role; use platform_admin, society_admin, reviewer, attestor or engineer",
                body.role
            ),
        )
    })?;
    let grant =
        Grant::new(role, body.society.clone()).map_err(|m| ApiError::invalid("society", m))?;
    if let Some(society) = &grant.society
        && state.store.society(society).await?.is_none()
    {
        return Err(ApiError::invalid(
            "society",
            format!("unknown society `{society}`"),
        ));
    }
    if !me.may_change_grant(&grant) {
        return Err(ApiError::forbidden(
            "you may give and take roles only within a society you administer",
        ));
    }
    Ok(grant)
}

pub fn check_password(password: &str) -> Result<(), ApiError> {
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(ApiError::invalid(
            "password",
            format!(
                "use at least {MIN_PASSWORD_CHARS} characters; a phrase of several words is easiest"
            ),
        ));
    }
    Ok(())
}

pub fn check_email(email: &str) -> Result<(), ApiError> {
    let email = email.trim();
    let plausible = email.len() <= 254
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.')
        })
        && !email.contains(char::is_whitespace);
    if plausible {
        Ok(())
    } else {
        Err(ApiError::invalid("email", "this is not an email address"))
    }
}

async fn create(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    JsonBody(body): JsonBody<NewUser>,
) -> Result<(StatusCode, Json<User>), ApiError> {
    if !me.is_platform_admin() && me.administered().is_empty() {
        return Err(ApiError::forbidden(
            "only platform and society admins add users",
        ));
    }
    check_email(&body.email)?;
    let name = body.display_name.trim();
    if name.is_empty() || name.chars().count() > 100 {
        return Err(ApiError::invalid(
            "display_name",
            "give a name of 1 to 100 characters",
        ));
    }
    if let Some(p) = &body.password {
        check_password(p)?;
    }
    let mut grants = Vec::new();
    for g in &body.grants {
        grants.push(checked_grant(&state, &me, g).await?);
    }
    if !me.may_manage_user(&grants) {
        return Err(ApiError::invalid(
            "grants",
            "give the new account at least one role in a society you administer",
        ));
    }
    let hash = body.password.as_deref().map(hash_password);
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .create_user(&body.email, name, hash.as_deref(), &grants)
        .await?;
    w.commit().await?;
    let user = state
        .store
        .user(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("user", &id))?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// The account `id`, if the caller may manage it (or it is their own).
async fn managed(state: &AppState, me: &Principal, id: &str) -> Result<User, ApiError> {
    let user = state
        .store
        .user(id)
        .await?
        .ok_or_else(|| ApiError::not_found("user", id))?;
    if user.id == me.user_id || me.may_manage_user(&user.grants) {
        Ok(user)
    } else {
        Err(ApiError::forbidden(
            "this account belongs to another society",
        ))
    }
}

async fn one(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    Ok(Json(managed(&state, &me, &id).await?))
}

async fn grant(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<GrantBody>,
) -> Result<Json<User>, ApiError> {
    let user = state
        .store
        .user(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("user", &id))?;
    let grant = checked_grant(&state, &me, &body).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.grant_role(&user.id, &grant).await?;
    w.commit().await?;
    Ok(Json(state.store.user(&id).await?.unwrap_or(user)))
}

async fn withdraw(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
    q: Params,
) -> Result<Json<User>, ApiError> {
    let body = GrantBody {
        role: q.get("role").unwrap_or_default().to_string(),
        society: q.get("society").map(str::to_string),
    };
    let grant = checked_grant(&state, &me, &body).await?;
    let user = managed(&state, &me, &id).await?;
    if !user.grants.contains(&grant) {
        return Err(ApiError::conflict(
            "the account does not hold this role",
            Vec::new(),
        ));
    }
    if grant.role == Role::PlatformAdmin {
        keep_a_platform_admin(&state, &user.id).await?;
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.withdraw_role(&user.id, &grant).await?;
    w.commit().await?;
    Ok(Json(state.store.user(&id).await?.unwrap_or(user)))
}

/// The platform must never lose its last enabled platform admin.
async fn keep_a_platform_admin(state: &AppState, leaving: &str) -> Result<(), ApiError> {
    let all = state
        .store
        .users(&UserFilter::default(), wanqiao_store::Page::ALL)
        .await?;
    let others = all.items.iter().any(|u| {
        u.id != leaving && !u.disabled && u.grants.iter().any(|g| g.role == Role::PlatformAdmin)
    });
    if others {
        Ok(())
    } else {
        Err(ApiError::conflict(
            "this is the last enabled platform admin; make someone else platform admin first",
            Vec::new(),
        ))
    }
}

async fn set_disabled(
    state: AppState,
    me: Principal,
    id: String,
    disabled: bool,
) -> Result<Json<User>, ApiError> {
    let user = managed(&state, &me, &id).await?;
    if user.id == me.user_id {
        return Err(ApiError::conflict(
            "you cannot disable or enable your own account",
            Vec::new(),
        ));
    }
    if user.disabled == disabled {
        let state_word = if disabled { "disabled" } else { "enabled" };
        return Err(ApiError::conflict(
            format!("the account is already {state_word}"),
            Vec::new(),
        ));
    }
    if disabled && user.grants.iter().any(|g| g.role == Role::PlatformAdmin) {
        keep_a_platform_admin(&state, &user.id).await?;
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_disabled(&user.id, disabled).await?;
    w.commit().await?;
    Ok(Json(state.store.user(&id).await?.unwrap_or(user)))
}

async fn disable(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    set_disabled(state, me, id, true).await
}

async fn enable(
    State(state): State<AppState>,
    ApiUser(me, _): ApiUser,
    Path(id): Path<String>,
) -> Result<Json<User>, ApiError> {
    set_disabled(state, me, id, false).await
}
