//! Audited writes: every change to the platform happens in one transaction that also
//! appends its audit event, so there is never a change without its trace, nor a trace of a
//! change that did not happen.

use crate::codec;
use crate::secret::sha256_hex;
use crate::{Engine, Result, Store};
use jiff::Timestamp;
use serde_json::Value;
use sqlx::{Any, AnyConnection, Transaction};

/// Who acts: a user id, or a named system actor such as `cli` or `demo`.
pub type Actor = String;

/// An open write transaction.
pub struct Write {
    pub(crate) tx: Transaction<'static, Any>,
    actor: Actor,
    now: Timestamp,
}

impl Store {
    /// Starts a write on behalf of `actor` at `now`. On SQLite the transaction takes the
    /// write lock at once, so concurrent writers queue instead of failing mid-way.
    pub async fn write(&self, actor: impl Into<Actor>, now: Timestamp) -> Result<Write> {
        crate::db::counted(1);
        let tx = match self.engine() {
            Engine::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => {
                // Writers queue on the audit chain's head from the start, so the checks a
                // write makes still hold when it commits, as under SQLite's single writer.
                let mut tx = self.pool.begin().await?;
                sqlx::query("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
        Ok(Write {
            tx,
            actor: actor.into(),
            now,
        })
    }
}

/// The fields an event's hash covers, in a fixed order.
pub(crate) fn event_hash(
    prev_hash: &str,
    seq: i64,
    at: &str,
    actor: &str,
    action: &str,
    subject: &str,
    digest: &str,
) -> String {
    sha256_hex(
        format!("{prev_hash}\n{seq}\n{at}\n{actor}\n{action}\n{subject}\n{digest}").as_bytes(),
    )
}

impl Write {
    pub fn now(&self) -> Timestamp {
        self.now
    }

    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The transaction's connection, for one statement (counted as one).
    pub(crate) fn conn(&mut self) -> &mut sqlx::AnyConnection {
        crate::db::counted(1);
        &mut self.tx
    }

    /// Appends an audit event to the chain, inside this transaction. `detail` says what
    /// changed and must never hold a secret.
    pub async fn audit(&mut self, action: &str, subject: &str, detail: Value) -> Result<()> {
        append_audit(&mut self.tx, &self.actor, self.now, action, subject, detail).await
    }

    pub async fn commit(self) -> Result<()> {
        crate::db::counted(1);
        self.tx.commit().await?;
        Ok(())
    }
}

/// Appends an audit event to the chain on `conn`, which must be inside the transaction that
/// makes the change (a [`Write`]'s, or a roster import's on its own connection).
pub(crate) async fn append_audit(
    conn: &mut AnyConnection,
    actor: &str,
    now: Timestamp,
    action: &str,
    subject: &str,
    detail: Value,
) -> Result<()> {
    crate::db::counted(3);
    let (seq, prev_hash): (i64, String) =
        sqlx::query_as("UPDATE audit_head SET seq = seq + 1 WHERE id = 1 RETURNING seq, hash")
            .fetch_one(&mut *conn)
            .await?;
    let at = codec::instant(now);
    let detail = detail.to_string();
    let digest = sha256_hex(detail.as_bytes());
    let hash = event_hash(&prev_hash, seq, &at, actor, action, subject, &digest);
    sqlx::query(
        "INSERT INTO audit_events (seq, at, actor, action, subject, detail, digest, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(seq)
    .bind(&at)
    .bind(actor)
    .bind(action)
    .bind(subject)
    .bind(&detail)
    .bind(&digest)
    .bind(&prev_hash)
    .bind(&hash)
    .execute(&mut *conn)
    .await?;
    sqlx::query("UPDATE audit_head SET hash = $1 WHERE id = 1")
        .bind(&hash)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
