//! A certificate after its issue, as its holder and its issuer's staff handle it: the
//! holder's own list and their consent to the public register, and a correction that
//! re-issues the certificate from the application's current data and revokes the old one
//! with a pointer to the new one.

use crate::service::credentials::get;
use crate::service::issuing::issue_for_application;
use crate::{ApiError, AppState};
use serde::{Deserialize, Serialize};
use wanqiao_domain::Principal;
use wanqiao_domain::access::Role;
use wanqiao_store::credentials::Credential;

/// The holder's settings for one certificate.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SettingsInput {
    pub public_register: bool,
}

/// A certificate's settings and status, as the API answers them.
#[derive(Debug, Clone, Serialize)]
pub struct SettingsView {
    pub id: String,
    pub public_register: bool,
    pub revoked: bool,
    pub suspended: bool,
    pub replaced_by: Option<String>,
}

impl From<Credential> for SettingsView {
    fn from(c: Credential) -> SettingsView {
        SettingsView {
            id: c.id,
            public_register: c.public_register,
            revoked: c.revoked,
            suspended: c.suspended,
            replaced_by: c.replaced_by,
        }
    }
}

/// The signed-in reader's own certificates, newest first.
pub async fn mine(state: &AppState, me: &Principal) -> Result<Vec<Credential>, ApiError> {
    Ok(state.store.credentials_of_user(&me.user_id).await?)
}

/// Whether `me` holds the certificate `id`.
pub async fn is_holder(state: &AppState, me: &Principal, id: &str) -> Result<bool, ApiError> {
    Ok(state.store.credential_holder(id).await?.as_deref() == Some(me.user_id.as_str()))
}

/// Sets the holder's consent to list the certificate on the public register; the holder
/// only.
pub async fn set_settings(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: SettingsInput,
) -> Result<SettingsView, ApiError> {
    get(state, id).await?;
    if !is_holder(state, me, id).await? {
        return Err(ApiError::forbidden(
            "only the holder of a certificate may change its settings",
        ));
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_public_register(id, input.public_register).await?;
    w.commit().await?;
    Ok(get(state, id).await?.into())
}

/// What a correction answers: the old certificate, now revoked, and its replacement.
#[derive(Debug, Clone, Serialize)]
pub struct Correction {
    pub old: SettingsView,
    pub new: SettingsView,
    /// The replacement's `id` URL.
    pub credential_url: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectInput {
    #[serde(default)]
    pub reason: String,
}

/// Re-issues a certificate from its application's current data and revokes the old one with
/// a pointer to the new one, in one transaction; by a reviewer or admin of the issuing
/// society.
pub async fn correct(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: CorrectInput,
) -> Result<Correction, ApiError> {
    let c = get(state, id).await?;
    if !(me.holds(Role::Reviewer, &c.society_id) || me.holds(Role::SocietyAdmin, &c.society_id)) {
        return Err(ApiError::forbidden(format!(
            "only a reviewer or admin of `{}`, which issued this certificate, may correct it",
            c.society_id
        )));
    }
    let reason = input.reason.trim();
    if reason.chars().count() > 2000 {
        return Err(ApiError::invalid(
            "reason",
            "a reason is at most 2000 characters",
        ));
    }
    if c.revoked || c.replaced_by.is_some() {
        return Err(ApiError::conflict(
            "this certificate was revoked or already corrected; correct its replacement",
            Vec::new(),
        ));
    }
    let reason = if reason.is_empty() {
        "corrected"
    } else {
        reason
    };
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let new = issue_for_application(&mut w, &state.issuing, &c.application_id).await?;
    if !w.replace_credential(id, &new, reason).await? {
        return Err(ApiError::conflict(
            "this certificate was revoked or corrected meanwhile",
            Vec::new(),
        ));
    }
    w.commit().await?;
    // The old certificate is now revoked: its issuer's cached status lists are stale.
    state.issuing.forget_lists(&c.society_id);
    Ok(Correction {
        old: get(state, id).await?.into(),
        credential_url: state.issuing.credential_url(&new),
        new: get(state, &new).await?.into(),
    })
}
