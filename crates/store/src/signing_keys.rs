//! Issuing societies' Ed25519 keys, kept sealed under the platform's master key. This crate
//! stores the sealed text and the public Multikey only; sealing and opening happen in the
//! web layer, which holds the master key.

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store};
use serde_json::json;

/// One key of a society, current (`retired_at` empty) or rotated out.
#[derive(Clone, sqlx::FromRow)]
pub struct SigningKey {
    pub id: String,
    pub society_id: String,
    /// The public key as a Multikey (`z6Mk…`).
    pub public_key: String,
    /// The private key sealed under the master key (`wqkey1.…`).
    pub sealed: String,
    pub created_at: String,
    pub retired_at: Option<String>,
}

impl std::fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SigningKey")
            .field("id", &self.id)
            .field("society_id", &self.society_id)
            .field("public_key", &self.public_key)
            .field("created_at", &self.created_at)
            .field("retired_at", &self.retired_at)
            .finish_non_exhaustive()
    }
}

const COLUMNS: &str = "id, society_id, public_key, sealed, created_at, retired_at";

impl Store {
    /// Every key of `society`, oldest first.
    pub async fn signing_keys(&self, society: &str) -> Result<Vec<SigningKey>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM signing_keys WHERE society_id = $1 ORDER BY created_at, id"
        ))
        .bind(society)
        .fetch_all(&self.pool)
        .await?)
    }
}

impl Write {
    /// Every key of `society`, oldest first, as this transaction sees them.
    pub async fn signing_keys(&mut self, society: &str) -> Result<Vec<SigningKey>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM signing_keys WHERE society_id = $1 ORDER BY created_at, id"
        ))
        .bind(society)
        .fetch_all(self.conn())
        .await?)
    }

    /// Makes a new current key for `society`, retiring the previous one (which stays listed,
    /// so what it signed keeps verifying). Audited with the public key only.
    pub async fn add_signing_key(
        &mut self,
        society: &str,
        public_key: &str,
        sealed: &str,
    ) -> Result<String> {
        let id = new_id();
        let now = codec::instant(self.now());
        let retired = sqlx::query(
            "UPDATE signing_keys SET retired_at = $1 WHERE society_id = $2 AND retired_at IS NULL",
        )
        .bind(&now)
        .bind(society)
        .execute(self.conn())
        .await?
        .rows_affected();
        sqlx::query(
            "INSERT INTO signing_keys (id, society_id, public_key, sealed, created_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(&id)
        .bind(society)
        .bind(public_key)
        .bind(sealed)
        .bind(&now)
        .execute(self.conn())
        .await?;
        let action = if retired > 0 {
            "signing_key.rotate"
        } else {
            "signing_key.create"
        };
        self.audit(
            action,
            &format!("society:{society}"),
            json!({ "key": id, "public_key": public_key }),
        )
        .await?;
        Ok(id)
    }
}
