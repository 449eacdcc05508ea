//! Credentials issued through the VC-API (`POST /credentials/issue`): signed documents with no
//! application behind them, and the one status bit each may hold in its issuer's revocation
//! or suspension list. Every issue and status change is audited.

use crate::codec;
use crate::credentials::Purpose;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use serde_json::json;

/// A credential issued through the VC-API.
#[derive(Debug, Clone)]
pub struct ApiCredential {
    pub id: String,
    pub society_id: String,
    pub document: serde_json::Value,
    /// The list its status entry is in, with its index, when it has one.
    pub status: Option<(Purpose, u64)>,
    /// Whether its status bit is set (revoked or suspended).
    pub status_set: bool,
}

/// A credential to record.
#[derive(Debug)]
pub struct NewApiCredential<'a> {
    pub id: &'a str,
    pub society_id: &'a str,
    pub document: &'a serde_json::Value,
    pub status: Option<(Purpose, u64)>,
}

fn purpose_code(p: Purpose) -> &'static str {
    match p {
        Purpose::Revocation => "revocation",
        Purpose::Suspension => "suspension",
    }
}

type Row = (String, String, String, Option<String>, Option<i64>, i64);

fn to_credential(r: Row) -> Result<ApiCredential> {
    let (id, society_id, document, purpose, index, set) = r;
    let status = match (purpose.as_deref(), index) {
        (Some("revocation"), Some(i)) => Some((Purpose::Revocation, u64::try_from(i).unwrap_or(0))),
        (Some("suspension"), Some(i)) => Some((Purpose::Suspension, u64::try_from(i).unwrap_or(0))),
        _ => None,
    };
    Ok(ApiCredential {
        document: serde_json::from_str(&document)
            .map_err(|e| StoreError::Corrupt(format!("api_credentials.document: {e}")))?,
        id,
        society_id,
        status,
        status_set: set != 0,
    })
}

impl Store {
    pub async fn api_credential(&self, id: &str) -> Result<Option<ApiCredential>> {
        let row: Option<Row> = sqlx::query_as(
            "SELECT id, society_id, document, status_purpose, status_index, status_set
             FROM api_credentials WHERE id = $1 OR vc_id = $1
             ORDER BY issued_at DESC, id LIMIT 1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(to_credential).transpose()
    }

    /// The indexes set in `society`'s list for `purpose` by VC-API credentials.
    pub async fn api_status_bits(&self, society: &str, purpose: Purpose) -> Result<Vec<u64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT status_index FROM api_credentials
             WHERE society_id = $1 AND status_purpose = $2 AND status_set = 1
               AND status_index IS NOT NULL",
        )
        .bind(society)
        .bind(purpose_code(purpose))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| u64::try_from(r.0).ok())
            .collect())
    }
}

impl Write {
    /// The indexes VC-API credentials of `society` hold in its list for `purpose`.
    pub async fn api_taken_status_indexes(
        &mut self,
        society: &str,
        purpose: Purpose,
    ) -> Result<std::collections::HashSet<u64>> {
        let rows: Vec<(i64,)> = sqlx::query_as(
            "SELECT status_index FROM api_credentials
             WHERE society_id = $1 AND status_purpose = $2 AND status_index IS NOT NULL",
        )
        .bind(society)
        .bind(purpose_code(purpose))
        .fetch_all(self.conn())
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| u64::try_from(r.0).ok())
            .collect())
    }

    /// Records a credential issued through the VC-API, audited as `credential.api_issue`.
    pub async fn insert_api_credential(&mut self, c: &NewApiCredential<'_>) -> Result<()> {
        let now = codec::instant(self.now());
        let actor = self.actor().to_string();
        sqlx::query(
            "INSERT INTO api_credentials (id, society_id, vc_id, document, status_purpose, status_index, issued_by, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(c.id)
        .bind(c.society_id)
        .bind(c.document.get("id").and_then(serde_json::Value::as_str))
        .bind(c.document.to_string())
        .bind(c.status.map(|(p, _)| purpose_code(p)))
        .bind(c.status.map(|(_, i)| i64::try_from(i).unwrap_or(i64::MAX)))
        .bind(&actor)
        .bind(&now)
        .execute(self.conn())
        .await?;
        self.audit(
            "credential.api_issue",
            &format!("credential:{}", c.id),
            json!({ "society": c.society_id, "status": c.status.map(|(p, _)| purpose_code(p)) }),
        )
        .await
    }

    /// Sets or clears the status bit of a VC-API credential (by its stored id), audited like the certificates'
    /// (`credential.revoke`, `credential.suspend`, `credential.unsuspend`, …). Returns
    /// whether the bit changed.
    pub async fn set_api_credential_status(
        &mut self,
        id: &str,
        value: bool,
        reason: &str,
    ) -> Result<bool> {
        let now = codec::instant(self.now());
        let changed = sqlx::query(
            "UPDATE api_credentials SET status_set = $1, status_reason = $2, status_changed_at = $3
             WHERE id = $4 AND status_set <> $1 AND status_purpose IS NOT NULL",
        )
        .bind(codec::flag(value))
        .bind(reason)
        .bind(&now)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected()
            > 0;
        if changed {
            let purpose: Option<(Option<String>,)> =
                sqlx::query_as("SELECT status_purpose FROM api_credentials WHERE id = $1")
                    .bind(id)
                    .fetch_optional(self.conn())
                    .await?;
            let purpose = purpose.and_then(|p| p.0).unwrap_or_default();
            let action = match (purpose.as_str(), value) {
                ("revocation", true) => "credential.revoke",
                ("revocation", false) => "credential.unrevoke",
                (_, true) => "credential.suspend",
                (_, false) => "credential.unsuspend",
            };
            self.audit(
                action,
                &format!("credential:{id}"),
                json!({ "reason": reason }),
            )
            .await?;
        }
        Ok(changed)
    }
}
