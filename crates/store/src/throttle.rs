//! Failed sign-ins, counted per account and per client address to slow down guessing.

use crate::codec;
use crate::write::Write;
use crate::{Result, Store};
use jiff::Timestamp;
use serde_json::json;

impl Store {
    /// How many failures `key` has had since `since`, and when the oldest of them was.
    pub async fn login_failures(
        &self,
        key: &str,
        since: Timestamp,
    ) -> Result<(u32, Option<Timestamp>)> {
        let (n, oldest): (i64, Option<String>) = sqlx::query_as(
            "SELECT COUNT(*), MIN(at) FROM login_failures WHERE key = $1 AND at > $2",
        )
        .bind(key)
        .bind(codec::instant(since))
        .fetch_one(&self.pool)
        .await?;
        let oldest = oldest
            .map(|t| codec::read_instant("login_failures.at", &t))
            .transpose()?;
        Ok((u32::try_from(n).unwrap_or(u32::MAX), oldest))
    }
}

impl Write {
    /// Records a failed or refused sign-in under each key, with its audit event. The email
    /// tried is kept in the audit only as the account it names, if any.
    pub async fn record_login_failure(
        &mut self,
        keys: &[String],
        user_id: Option<&str>,
        reason: &str,
        client: &str,
    ) -> Result<()> {
        let now = codec::instant(self.now());
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(&now)
                .execute(self.conn())
                .await?;
        }
        let subject = user_id.map_or_else(|| "user:unknown".to_string(), |u| format!("user:{u}"));
        self.audit(
            "auth.login_failed",
            &subject,
            json!({ "reason": reason, "client": client }),
        )
        .await
    }

    /// Counts one attempt under each key, for the limits on sign-ups, which share the
    /// sign-in counters' table and window. The attempt itself is audited by what it does.
    pub async fn record_attempt(&mut self, keys: &[String]) -> Result<()> {
        let now = codec::instant(self.now());
        for key in keys {
            sqlx::query("INSERT INTO login_failures (key, at) VALUES ($1, $2)")
                .bind(key)
                .bind(&now)
                .execute(self.conn())
                .await?;
        }
        Ok(())
    }

    /// Forgets an account's failures after it signs in, and drops failures older than
    /// `before` everywhere.
    pub async fn clear_login_failures(&mut self, key: &str, before: Timestamp) -> Result<()> {
        sqlx::query("DELETE FROM login_failures WHERE key = $1 OR at <= $2")
            .bind(key)
            .bind(codec::instant(before))
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
