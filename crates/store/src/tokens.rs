//! API tokens for scripts and integrations: shown once, stored as a digest, revocable.

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;
use wanqiao_domain::Principal;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct TokenInfo {
    pub id: String,
    pub user_id: String,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
    pub revoked_at: Option<String>,
}

const COLUMNS: &str = "id, user_id, name, created_at, last_used_at, revoked_at";

impl Store {
    /// The user behind a live token; `None` when revoked, unknown or its user disabled.
    pub async fn token_principal(
        &self,
        token_hash: &str,
        now: Timestamp,
    ) -> Result<Option<Principal>> {
        let row: Option<(String, String, Option<String>)> = sqlx::query_as(
            "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some((id, user_id, last_used)) = row else {
            return Ok(None);
        };
        let stale = match last_used {
            None => true,
            Some(t) => {
                now.duration_since(codec::read_instant("api_tokens.last_used_at", &t)?)
                    > jiff::SignedDuration::from_secs(60)
            }
        };
        if stale {
            sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                .bind(codec::instant(now))
                .bind(&id)
                .execute(&self.pool)
                .await?;
        }
        self.principal(&user_id).await
    }

    pub async fn tokens_of(&self, user_id: &str) -> Result<Vec<TokenInfo>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY created_at DESC, id"
        ))
        .bind(user_id)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn token(&self, id: &str) -> Result<Option<TokenInfo>> {
        Ok(
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM api_tokens WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?,
        )
    }
}

impl Write {
    /// Records a new token for `user_id` by its digest; returns the token's id.
    pub async fn create_token(
        &mut self,
        user_id: &str,
        name: &str,
        token_hash: &str,
    ) -> Result<String> {
        let id = new_id();
        let now = codec::instant(self.now());
        sqlx::query(
            "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(user_id)
        .bind(name.trim())
        .bind(token_hash)
        .bind(&now)
        .execute(self.conn())
        .await?;
        self.audit(
            "token.create",
            &format!("user:{user_id}"),
            json!({ "token": id, "name": name.trim() }),
        )
        .await?;
        Ok(id)
    }

    /// Revokes a token; answers whether a live token was revoked.
    pub async fn revoke_token(&mut self, id: &str) -> Result<bool> {
        let now = codec::instant(self.now());
        let row: Option<(String,)> = sqlx::query_as(
            "UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING user_id",
        )
        .bind(&now)
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        if let Some((user_id,)) = &row {
            self.audit(
                "token.revoke",
                &format!("user:{user_id}"),
                json!({ "token": id }),
            )
            .await?;
        }
        Ok(row.is_some())
    }
}
