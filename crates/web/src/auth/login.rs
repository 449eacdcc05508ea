//! Signing in, shared by the API and the sign-in page: throttled, audited, and equally slow
//! whether the email or the password is wrong.

use crate::AppState;
use jiff::Timestamp;
use wanqiao_store::StoreError;
use wanqiao_store::secret::{new_token, sha256_hex, verify_password};
use wanqiao_store::users::normalize_email;

pub enum Outcome {
    /// Signed in: the cookie value (shown to nobody else) and the session's CSRF token.
    SignedIn {
        token: String,
        csrf_token: String,
        user_id: String,
        expires_at: Timestamp,
    },
    /// Wrong email, wrong password or a disabled account: deliberately not told apart.
    Refused,
    /// Too many failures; try again after this many seconds.
    Throttled { retry_after: u64 },
}

pub async fn sign_in(
    state: &AppState,
    email: &str,
    password: &str,
    client: &str,
) -> Result<Outcome, StoreError> {
    let now = state.now();
    let cfg = &state.auth;
    let since = now - cfg.failure_window;
    let account_key = format!("account:{}", normalize_email(email));
    let client_key = format!("client:{client}");
    let record = state.store.login_record(email).await?;
    let user_id = record.as_ref().map(|r| r.user_id.clone());

    let mut retry_after = 0u64;
    for (key, limit) in [
        (&account_key, cfg.max_failures_per_account),
        (&client_key, cfg.max_failures_per_client),
    ] {
        let (count, oldest) = state.store.login_failures(key, since).await?;
        if count >= limit {
            let until = oldest.unwrap_or(now) + cfg.failure_window;
            let wait = until.duration_since(now).as_secs().max(1);
            retry_after = retry_after.max(u64::try_from(wait).unwrap_or(1));
        }
    }
    if retry_after > 0 {
        let mut w = state.store.write("anonymous", now).await?;
        w.record_login_failure(&[], user_id.as_deref(), "throttled", client)
            .await?;
        w.commit().await?;
        return Ok(Outcome::Throttled { retry_after });
    }

    let hash = record.as_ref().and_then(|r| r.password_hash.as_deref());
    let password_ok = verify_password(password, hash);
    let Some(record) = record.filter(|r| password_ok && !r.disabled) else {
        let reason = match (&user_id, password_ok) {
            (None, _) => "unknown email",
            (Some(_), true) => "account disabled",
            (Some(_), false) => "wrong password",
        };
        let mut w = state.store.write("anonymous", now).await?;
        w.record_login_failure(
            &[account_key, client_key],
            user_id.as_deref(),
            reason,
            client,
        )
        .await?;
        w.commit().await?;
        return Ok(Outcome::Refused);
    };

    let token = new_token();
    let csrf_token = new_token();
    let expires_at = now + cfg.session_lifetime;
    let mut w = state.store.write(record.user_id.clone(), now).await?;
    w.clear_login_failures(&account_key, since).await?;
    w.open_session(
        &record.user_id,
        &sha256_hex(token.as_bytes()),
        &csrf_token,
        expires_at,
        client,
    )
    .await?;
    w.commit().await?;
    Ok(Outcome::SignedIn {
        token,
        csrf_token,
        user_id: record.user_id,
        expires_at,
    })
}
