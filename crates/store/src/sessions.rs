//! Server-side sessions: the cookie holds a random token, the database its digest, so any
//! server process sharing the database recognises it and a stolen database row is useless.

use crate::codec;
use crate::write::Write;
use crate::{Result, Store};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use wanqiao_domain::Principal;

/// A live session.
#[derive(Debug, Clone)]
pub struct Session {
    pub principal: Principal,
    pub csrf_token: String,
    pub expires_at: Timestamp,
}

/// Sessions record activity at most this often, so reading pages does not mean writing.
const TOUCH_EVERY: SignedDuration = SignedDuration::from_secs(60);

impl Store {
    /// The session for `token_hash` if it is neither past its absolute end nor idle for
    /// longer than `idle`, and its user is enabled; notes the activity.
    pub async fn session(
        &self,
        token_hash: &str,
        now: Timestamp,
        idle: SignedDuration,
    ) -> Result<Option<Session>> {
        let row: Option<(String, String, String, String)> = sqlx::query_as(
            "SELECT s.user_id, s.csrf_token, s.last_seen_at, s.expires_at
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND u.disabled_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some((user_id, csrf_token, last_seen, expires)) = row else {
            return Ok(None);
        };
        let last_seen = codec::read_instant("sessions.last_seen_at", &last_seen)?;
        let expires_at = codec::read_instant("sessions.expires_at", &expires)?;
        if now >= expires_at || now.duration_since(last_seen) > idle {
            sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
            return Ok(None);
        }
        if now.duration_since(last_seen) > TOUCH_EVERY {
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2")
                .bind(codec::instant(now))
                .bind(token_hash)
                .execute(&self.pool)
                .await?;
        }
        let Some(principal) = self.principal(&user_id).await? else {
            return Ok(None);
        };
        Ok(Some(Session {
            principal,
            csrf_token,
            expires_at,
        }))
    }
}

impl Write {
    /// Opens a session after a successful sign-in, and records the sign-in.
    pub async fn open_session(
        &mut self,
        user_id: &str,
        token_hash: &str,
        csrf_token: &str,
        expires_at: Timestamp,
        client: &str,
    ) -> Result<()> {
        let now = codec::instant(self.now());
        sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
            .bind(&now)
            .execute(self.conn())
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at)
             VALUES ($1, $2, $3, $4, $4, $5)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(csrf_token)
        .bind(&now)
        .bind(codec::instant(expires_at))
        .execute(self.conn())
        .await?;
        self.audit(
            "auth.login",
            &format!("user:{user_id}"),
            json!({ "client": client }),
        )
        .await
    }

    /// Ends a session; answers whether there was one.
    pub async fn close_session(&mut self, token_hash: &str) -> Result<bool> {
        let row: Option<(String,)> =
            sqlx::query_as("DELETE FROM sessions WHERE token_hash = $1 RETURNING user_id")
                .bind(token_hash)
                .fetch_optional(self.conn())
                .await?;
        if let Some((user_id,)) = &row {
            self.audit("auth.logout", &format!("user:{user_id}"), json!({}))
                .await?;
        }
        Ok(row.is_some())
    }
}
