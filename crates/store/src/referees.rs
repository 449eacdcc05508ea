//! Referees named on an application, and their answers through single-use links.

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use jiff::Timestamp;
use serde::Serialize;
use serde_json::json;

/// A referee request as stored. The link's token is never kept, only its digest.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct RefereeRequest {
    pub id: String,
    pub application_id: String,
    pub email: String,
    pub name: String,
    pub statement: String,
    pub created_at: String,
    pub expires_at: String,
    /// `pending`, `confirmed` or `declined`.
    pub status: String,
    pub answered_at: Option<String>,
    pub comment: String,
}

const COLUMNS: &str = "id, application_id, email, name, statement, created_at, expires_at, status, answered_at, comment";

/// A new request, before it is written.
#[derive(Debug, Clone)]
pub struct NewRefereeRequest<'a> {
    pub application: &'a str,
    pub email: &'a str,
    pub name: &'a str,
    pub statement: &'a str,
    pub token_hash: &'a str,
    pub expires_at: Timestamp,
}

/// What happened to an answer given through a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Confirmed,
    Declined,
}

impl Answer {
    pub fn code(self) -> &'static str {
        match self {
            Answer::Confirmed => "confirmed",
            Answer::Declined => "declined",
        }
    }
}

impl Store {
    /// The requests of an application, oldest first.
    pub async fn referee_requests(&self, application: &str) -> Result<Vec<RefereeRequest>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM referee_requests WHERE application_id = $1 ORDER BY created_at, id"
        ))
        .bind(application)
        .fetch_all(&self.pool)
        .await?)
    }

    /// The request a link's token digest opens, whatever its state.
    pub async fn referee_request_by_token(
        &self,
        token_hash: &str,
    ) -> Result<Option<RefereeRequest>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM referee_requests WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?)
    }
}

impl Write {
    pub async fn add_referee_request(&mut self, r: &NewRefereeRequest<'_>) -> Result<String> {
        let id = new_id();
        let now = codec::instant(self.now());
        sqlx::query(
            "INSERT INTO referee_requests (id, application_id, email, name, statement, token_hash, created_at, expires_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(r.application)
        .bind(r.email)
        .bind(r.name)
        .bind(r.statement)
        .bind(r.token_hash)
        .bind(&now)
        .bind(codec::instant(r.expires_at))
        .execute(self.conn())
        .await?;
        // The referee's email is personal data the applicant gave; the token never appears.
        self.audit(
            "referee.request",
            &format!("application:{}", r.application),
            json!({ "id": id, "name": r.name, "expires_at": codec::instant(r.expires_at) }),
        )
        .await?;
        Ok(id)
    }

    /// Records the answer through a link, once and before it expires. A used, expired or
    /// unknown link changes nothing and is refused.
    pub async fn answer_referee_request(
        &mut self,
        token_hash: &str,
        answer: Answer,
        comment: &str,
    ) -> Result<RefereeRequest> {
        let now = codec::instant(self.now());
        let done = sqlx::query(
            "UPDATE referee_requests SET status = $1, answered_at = $2, comment = $3
             WHERE token_hash = $4 AND status = 'pending' AND expires_at > $2",
        )
        .bind(answer.code())
        .bind(&now)
        .bind(comment)
        .bind(token_hash)
        .execute(self.conn())
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::Conflict(
                "this referee link was already used or has expired".into(),
            ));
        }
        let r: RefereeRequest = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM referee_requests WHERE token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_one(self.conn())
        .await?;
        self.audit(
            &format!("referee.{}", answer.code()),
            &format!("application:{}", r.application_id),
            json!({ "id": r.id }),
        )
        .await?;
        Ok(r)
    }

    /// Moves a request's expiry, for operators extending a link (and tests ageing one).
    pub async fn set_referee_expiry(&mut self, id: &str, expires_at: Timestamp) -> Result<()> {
        let at = codec::instant(expires_at);
        let done = sqlx::query("UPDATE referee_requests SET expires_at = $1 WHERE id = $2")
            .bind(&at)
            .bind(id)
            .execute(self.conn())
            .await?
            .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound(format!("referee request `{id}`")));
        }
        self.audit(
            "referee.expiry",
            &format!("referee:{id}"),
            json!({ "expires_at": at }),
        )
        .await
    }
}
