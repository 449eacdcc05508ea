//! Managing accounts: platform admins manage everyone, society admins the accounts of their
//! own societies. The permission rules themselves are methods of [`Principal`]; this module
//! applies them to each operation and keeps the platform from losing its last admin.

use crate::{ApiError, AppState};
use wanqiao_domain::{Grant, Principal, Role};
use wanqiao_store::secret::hash_password;
use wanqiao_store::users::{User, UserFilter, UserOrder};
use wanqiao_store::{Page, Paged};

/// The shortest password accepted: long passphrases beat complexity rules.
pub const MIN_PASSWORD_CHARS: usize = 12;

/// The longest display name accepted.
pub const MAX_NAME_CHARS: usize = 100;

/// Which accounts to list.
#[derive(Debug, Clone, Default)]
pub struct UserQuery {
    /// Part of an email address or name.
    pub text: Option<String>,
    /// Only accounts holding a role in this society.
    pub society: Option<String>,
    pub page: Page,
    /// The order of the list and whether it is reversed; `None` is by email.
    pub order: Option<(UserOrder, bool)>,
}

/// A role to give or take away, as asked: not yet checked.
#[derive(Debug, Clone, Default)]
pub struct GrantInput {
    pub role: String,
    pub society: Option<String>,
}

/// A new account, as asked: not yet checked.
#[derive(Debug, Clone, Default)]
pub struct NewUser {
    pub email: String,
    pub display_name: String,
    /// Without a password the account exists but cannot sign in yet.
    pub password: Option<String>,
    pub grants: Vec<GrantInput>,
}

/// Changes refused because of the account's state rather than the caller's rights or the
/// input's form. Each has one English sentence for the API and one message id for pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    NotHeld,
    LastPlatformAdmin,
    OwnAccount,
    AlreadyDisabled,
    AlreadyEnabled,
}

impl Refusal {
    const ALL: [Refusal; 5] = [
        Refusal::NotHeld,
        Refusal::LastPlatformAdmin,
        Refusal::OwnAccount,
        Refusal::AlreadyDisabled,
        Refusal::AlreadyEnabled,
    ];

    /// What the API says.
    pub fn message(self) -> &'static str {
        match self {
            Refusal::NotHeld => "the account does not hold this role",
            Refusal::LastPlatformAdmin => {
                "this is the last enabled platform admin; make someone else platform admin first"
            }
            Refusal::OwnAccount => "you cannot disable or enable your own account",
            Refusal::AlreadyDisabled => "the account is already disabled",
            Refusal::AlreadyEnabled => "the account is already enabled",
        }
    }

    /// The Fluent id of what pages say.
    pub fn message_id(self) -> &'static str {
        match self {
            Refusal::NotHeld => "admin-refusal-not-held",
            Refusal::LastPlatformAdmin => "admin-refusal-last-platform-admin",
            Refusal::OwnAccount => "admin-refusal-own-account",
            Refusal::AlreadyDisabled => "admin-refusal-already-disabled",
            Refusal::AlreadyEnabled => "admin-refusal-already-enabled",
        }
    }

    /// The refusal an error carries, if it is one of these.
    pub fn of(error: &ApiError) -> Option<Refusal> {
        match error {
            ApiError::Conflict { message, .. } => {
                Refusal::ALL.into_iter().find(|r| r.message() == message)
            }
            _ => None,
        }
    }
}

impl From<Refusal> for ApiError {
    fn from(r: Refusal) -> ApiError {
        ApiError::conflict(r.message(), Vec::new())
    }
}

/// Whether the caller manages any accounts at all.
pub fn manages_users(me: &Principal) -> bool {
    me.is_platform_admin() || !me.administered().is_empty()
}

/// The accounts the caller may manage: everyone for platform admins, the members of their
/// societies for society admins.
pub async fn list(
    state: &AppState,
    me: &Principal,
    query: &UserQuery,
) -> Result<Paged<User>, ApiError> {
    let mut filter = UserFilter {
        query: query.text.clone(),
        societies: query.society.clone().map(|s| vec![s]),
        order: query.order,
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
    Ok(state.store.users(&filter, query.page).await?)
}

/// Turns a requested grant into one the caller may give, or says why not.
async fn checked_grant(
    state: &AppState,
    me: &Principal,
    input: &GrantInput,
) -> Result<Grant, ApiError> {
    let role = Role::parse(&input.role).ok_or_else(|| {
        ApiError::invalid(
            "role",
            format!(
                "`{}` is not a role; use platform_admin, society_admin, reviewer, attestor or engineer",
                input.role
            ),
        )
    })?;
    let grant =
        Grant::new(role, input.society.clone()).map_err(|m| ApiError::invalid("society", m))?;
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

/// Creates an account with its first roles, each of which the caller must be allowed to give.
pub async fn create(state: &AppState, me: &Principal, input: &NewUser) -> Result<User, ApiError> {
    if !manages_users(me) {
        return Err(ApiError::forbidden(
            "only platform and society admins add users",
        ));
    }
    check_email(&input.email)?;
    let name = input.display_name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::invalid(
            "display_name",
            format!("give a name of 1 to {MAX_NAME_CHARS} characters"),
        ));
    }
    if let Some(p) = &input.password {
        check_password(p)?;
    }
    let mut grants = Vec::new();
    for g in &input.grants {
        grants.push(checked_grant(state, me, g).await?);
    }
    if !me.may_manage_user(&grants) {
        return Err(ApiError::invalid(
            "grants",
            "give the new account at least one role in a society you administer",
        ));
    }
    let hash = input.password.as_deref().map(hash_password);
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .create_user(&input.email, name, hash.as_deref(), &grants)
        .await?;
    w.commit().await?;
    state
        .store
        .user(&id)
        .await?
        .ok_or_else(|| ApiError::not_found("user", &id))
}

/// The account `id`, if the caller may manage it (or it is their own).
pub async fn get(state: &AppState, me: &Principal, id: &str) -> Result<User, ApiError> {
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

/// Gives the account `id` a role; giving one it already holds changes nothing.
pub async fn grant(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: &GrantInput,
) -> Result<User, ApiError> {
    // Only accounts the caller manages may gain roles from them: otherwise a society admin
    // could pull another society's member into theirs and lock that society's admin out.
    let user = get(state, me, id).await?;
    let grant = checked_grant(state, me, input).await?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.grant_role(&user.id, &grant).await?;
    w.commit().await?;
    Ok(state.store.user(id).await?.unwrap_or(user))
}

/// Takes a role away from the account `id`, never the last enabled platform admin's.
pub async fn withdraw(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: &GrantInput,
) -> Result<User, ApiError> {
    let grant = checked_grant(state, me, input).await?;
    let user = get(state, me, id).await?;
    if !user.grants.contains(&grant) {
        return Err(Refusal::NotHeld.into());
    }
    if grant.role == Role::PlatformAdmin {
        keep_a_platform_admin(state, &user.id).await?;
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.withdraw_role(&user.id, &grant).await?;
    w.commit().await?;
    Ok(state.store.user(id).await?.unwrap_or(user))
}

/// The platform must never lose its last enabled platform admin.
async fn keep_a_platform_admin(state: &AppState, leaving: &str) -> Result<(), ApiError> {
    let all = state.store.users(&UserFilter::default(), Page::ALL).await?;
    let others = all.items.iter().any(|u| {
        u.id != leaving && !u.disabled && u.grants.iter().any(|g| g.role == Role::PlatformAdmin)
    });
    if others {
        Ok(())
    } else {
        Err(Refusal::LastPlatformAdmin.into())
    }
}

/// Disables (ending its sessions and stopping its tokens) or re-enables the account `id`.
pub async fn set_disabled(
    state: &AppState,
    me: &Principal,
    id: &str,
    disabled: bool,
) -> Result<User, ApiError> {
    let user = get(state, me, id).await?;
    if user.id == me.user_id {
        return Err(Refusal::OwnAccount.into());
    }
    if user.disabled == disabled {
        return Err(if disabled {
            Refusal::AlreadyDisabled
        } else {
            Refusal::AlreadyEnabled
        }
        .into());
    }
    if disabled && user.grants.iter().any(|g| g.role == Role::PlatformAdmin) {
        keep_a_platform_admin(state, &user.id).await?;
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_disabled(&user.id, disabled).await?;
    w.commit().await?;
    Ok(state.store.user(id).await?.unwrap_or(user))
}

/// Changes the caller's own password after checking the current one.
pub async fn change_password(
    state: &AppState,
    me: &Principal,
    current: &str,
    new: &str,
) -> Result<(), ApiError> {
    let record = state.store.login_record(&me.email).await?;
    let hash = record.as_ref().and_then(|r| r.password_hash.as_deref());
    if !wanqiao_store::secret::verify_password(current, hash) {
        return Err(ApiError::invalid(
            "current_password",
            "the current password is not correct",
        ));
    }
    check_password(new).map_err(|_| {
        ApiError::invalid(
            "new_password",
            format!(
                "use at least {MIN_PASSWORD_CHARS} characters; a phrase of several words is easiest"
            ),
        )
    })?;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_password(&me.user_id, &wanqiao_store::secret::hash_password(new))
        .await?;
    w.commit().await?;
    Ok(())
}
