//! Accounts and API tokens from the command line, for the first administrator and for
//! scripts.

use crate::CliError;
use std::io::Read;
use wanqiao_domain::{Grant, Role};
use wanqiao_store::secret::{hash_password, new_token, sha256_hex};
use wanqiao_store::{Store, StoreError};

/// Who the command line acts as in the audit log.
const ACTOR: &str = "cli";

fn now() -> jiff::Timestamp {
    jiff::Timestamp::now()
}

/// Creates an account with one role, its password read from standard input.
pub async fn add_user(
    store: &Store,
    email: &str,
    name: Option<&str>,
    role: &str,
    society: Option<&str>,
    password: &str,
) -> Result<String, CliError> {
    let role = Role::parse(role).ok_or_else(|| {
        CliError::Usage(format!(
            "`{role}` is not a role; use platform_admin, society_admin, reviewer, attestor or engineer"
        ))
    })?;
    let grant = Grant::new(role, society.map(str::to_string)).map_err(CliError::Usage)?;
    if let Some(s) = &grant.society
        && store.society(s).await?.is_none()
    {
        return Err(CliError::Usage(format!("unknown society `{s}`")));
    }
    let password = checked_password(password)?;
    let name = name.unwrap_or_else(|| email.split('@').next().unwrap_or(email));
    let mut w = store.write(ACTOR, now()).await?;
    let id = w
        .create_user(email, name, Some(&hash_password(password)), &[grant])
        .await?;
    w.commit().await?;
    Ok(id)
}

/// The password without its final newline, if long enough.
fn checked_password(password: &str) -> Result<&str, CliError> {
    let password = password.trim_end_matches(['\n', '\r']);
    if password.chars().count() < 12 {
        return Err(CliError::Usage(
            "the password needs at least 12 characters; a phrase of several words is easiest"
                .into(),
        ));
    }
    Ok(password)
}

/// Sets a new password for the account with `email`.
pub async fn set_password(store: &Store, email: &str, password: &str) -> Result<(), CliError> {
    let password = checked_password(password)?;
    let user = store
        .user_id_by_email(email)
        .await?
        .ok_or_else(|| CliError::Usage(format!("no account has the email {email}")))?;
    let mut w = store.write(ACTOR, now()).await?;
    w.set_password(&user, &hash_password(password)).await?;
    w.commit().await?;
    Ok(())
}

/// Reads a password from standard input, so it never appears in the shell history.
pub fn read_password() -> Result<String, CliError> {
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|source| CliError::Io {
            path: "standard input".into(),
            source,
        })?;
    Ok(password)
}

/// Creates an API token for the account with `email`; returns (id, token).
pub async fn create_token(
    store: &Store,
    email: &str,
    name: &str,
) -> Result<(String, String), CliError> {
    let user = store
        .user_id_by_email(email)
        .await?
        .ok_or_else(|| CliError::Usage(format!("no account has the email {email}")))?;
    let token = new_token();
    let mut w = store.write(ACTOR, now()).await?;
    let id = w
        .create_token(&user, name, &sha256_hex(token.as_bytes()))
        .await?;
    w.commit().await?;
    Ok((id, token))
}

pub async fn revoke_token(store: &Store, id: &str) -> Result<(), CliError> {
    let mut w = store.write(ACTOR, now()).await?;
    if !w.revoke_token(id).await? {
        return Err(CliError::Store(StoreError::NotFound(format!(
            "a live token with id `{id}`"
        ))));
    }
    w.commit().await?;
    Ok(())
}
