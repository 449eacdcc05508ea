//! The outbox: notifications written in the same transaction as the event that causes them,
//! delivered afterwards by an adapter (a log by default, e-mail where configured).

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Page, Paged, Result, Store};
use serde::Serialize;
use serde_json::{Value, json};

/// One notification. The text is a Fluent message id and its arguments, rendered in the
/// reader's language when shown or sent.
#[derive(Debug, Clone, Serialize)]
pub struct Notification {
    pub id: String,
    pub recipient: String,
    pub user_id: Option<String>,
    pub kind: String,
    pub message_id: String,
    pub args: Value,
    pub created_at: String,
    pub delivered_at: Option<String>,
    pub attempts: i64,
}

type Row = (
    String,
    String,
    Option<String>,
    String,
    String,
    String,
    String,
    Option<String>,
    i64,
);

const COLUMNS: &str =
    "id, recipient, user_id, kind, message_id, args, created_at, delivered_at, attempts";

fn to_notification(r: Row) -> Result<Notification> {
    Ok(Notification {
        args: serde_json::from_str(&r.5)
            .map_err(|e| crate::StoreError::Corrupt(format!("outbox.args: {e}")))?,
        id: r.0,
        recipient: r.1,
        user_id: r.2,
        kind: r.3,
        message_id: r.4,
        created_at: r.6,
        delivered_at: r.7,
        attempts: r.8,
    })
}

/// A notification to enqueue.
#[derive(Debug, Clone)]
pub struct NewNotification<'a> {
    /// An e-mail address; linked to its account when one exists.
    pub recipient: &'a str,
    pub kind: &'a str,
    pub message_id: &'a str,
    pub args: Value,
}

impl Store {
    /// What was sent to an account, newest first.
    pub async fn inbox(&self, user_id: &str, page: Page) -> Result<Paged<Notification>> {
        let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM outbox WHERE user_id = $1")
            .bind(user_id)
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM outbox WHERE user_id = $1 ORDER BY created_at DESC, id LIMIT $2 OFFSET $3"
        ))
        .bind(user_id)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged {
            items: rows
                .into_iter()
                .map(to_notification)
                .collect::<Result<_>>()?,
            total: codec::count(total),
        })
    }

    /// What was sent to an address, newest first, whether or not it has an account.
    pub async fn outbox_for(&self, recipient: &str) -> Result<Vec<Notification>> {
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM outbox WHERE recipient = $1 ORDER BY created_at DESC, id"
        ))
        .bind(recipient.trim().to_lowercase())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_notification).collect()
    }

    /// Notifications not delivered yet, oldest first.
    pub async fn outbox_pending(&self, limit: i64) -> Result<Vec<Notification>> {
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM outbox WHERE delivered_at IS NULL ORDER BY created_at, id LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_notification).collect()
    }
}

impl Write {
    /// Enqueues a notification inside this write, so it exists exactly when the event does.
    pub async fn enqueue(&mut self, n: &NewNotification<'_>) -> Result<String> {
        let id = new_id();
        let recipient = n.recipient.trim().to_lowercase();
        let user_id = self.user_id_by_email(&recipient).await?;
        sqlx::query(
            "INSERT INTO outbox (id, recipient, user_id, kind, message_id, args, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(&recipient)
        .bind(&user_id)
        .bind(n.kind)
        .bind(n.message_id)
        .bind(n.args.to_string())
        .bind(codec::instant(self.now()))
        .execute(self.conn())
        .await?;
        // The audit trail names the kind and the account, never the message's content,
        // which may carry a link's token.
        self.audit(
            "notification.enqueue",
            &format!("notification:{id}"),
            json!({ "kind": n.kind, "user_id": user_id }),
        )
        .await?;
        Ok(id)
    }

    /// Records a delivery attempt, and its success.
    pub async fn mark_delivery(&mut self, id: &str, delivered: bool) -> Result<()> {
        let at = delivered.then(|| codec::instant(self.now()));
        sqlx::query(
            "UPDATE outbox SET attempts = attempts + 1, delivered_at = COALESCE($1, delivered_at) WHERE id = $2",
        )
        .bind(&at)
        .bind(id)
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
