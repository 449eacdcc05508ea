//! Discipline and revocation alerts about engineers, and the staff a society notifies.

use crate::codec::{self, code};
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store};
use serde::Serialize;
use serde_json::json;
use wanqiao_domain::Role;
use wanqiao_domain::alerts::AlertKind;

/// An alert as stored.
#[derive(Debug, Clone, Serialize)]
pub struct Alert {
    pub id: String,
    pub engineer: String,
    /// The society whose admin raised it.
    pub society: String,
    pub kind: AlertKind,
    pub statement: String,
    pub raised_by: String,
    pub raised_at: String,
}

type Row = (String, String, String, String, String, String, String);

const COLUMNS: &str = "id, engineer_id, society_id, kind, statement, raised_by, raised_at";

fn to_alert(r: Row) -> Result<Alert> {
    Ok(Alert {
        kind: code("alerts.kind", &r.3, AlertKind::parse)?,
        id: r.0,
        engineer: r.1,
        society: r.2,
        statement: r.4,
        raised_by: r.5,
        raised_at: r.6,
    })
}

impl Store {
    /// Alerts about engineers who apply to, or hold a qualification certified by, one of
    /// `societies` (any engineer when `None`), newest first.
    pub async fn alerts(&self, societies: Option<&[String]>) -> Result<Vec<Alert>> {
        let rows: Vec<Row> = match societies {
            None => {
                sqlx::query_as(sql!(
                    "SELECT {COLUMNS} FROM alerts ORDER BY raised_at DESC, id"
                ))
                .fetch_all(&self.pool)
                .await?
            }
            Some([]) => Vec::new(),
            Some(list) => {
                let ph = codec::placeholders(1, list.len());
                let mut q = sqlx::query_as::<_, Row>(sql!(
                    "SELECT {COLUMNS} FROM alerts WHERE engineer_id IN (
                         SELECT engineer_id FROM applications
                          WHERE host_society_id IN ({ph}) OR home_society_id IN ({ph})
                         UNION SELECT engineer_id FROM qualifications WHERE society_id IN ({ph}))
                     ORDER BY raised_at DESC, id"
                ));
                for s in list {
                    q = q.bind(s);
                }
                q.fetch_all(&self.pool).await?
            }
        };
        rows.into_iter().map(to_alert).collect()
    }

    /// Alerts about one engineer, newest first.
    pub async fn alerts_about(&self, engineer: &str) -> Result<Vec<Alert>> {
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM alerts WHERE engineer_id = $1 ORDER BY raised_at DESC, id"
        ))
        .bind(engineer)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_alert).collect()
    }

    /// The societies concerned with an engineer: those they apply to or from, and those
    /// that certified a qualification they hold.
    pub async fn societies_concerned(&self, engineer: &str) -> Result<Vec<String>> {
        let rows: Vec<(String,)> = sqlx::query_as(
            "SELECT host_society_id FROM applications WHERE engineer_id = $1
             UNION SELECT home_society_id FROM applications WHERE engineer_id = $1 AND home_society_id IS NOT NULL
             UNION SELECT society_id FROM qualifications WHERE engineer_id = $1 AND society_id IS NOT NULL",
        )
        .bind(engineer)
        .fetch_all(&self.pool)
        .await?;
        let mut out: Vec<String> = rows.into_iter().map(|r| r.0).collect();
        out.sort();
        out.dedup();
        Ok(out)
    }
}

/// An alert to raise.
#[derive(Debug, Clone)]
pub struct NewAlert<'a> {
    pub engineer: &'a str,
    pub society: &'a str,
    pub kind: AlertKind,
    pub statement: &'a str,
}

impl Write {
    /// Raises an alert, with an `alert.raise` audit event.
    pub async fn raise_alert(&mut self, a: &NewAlert<'_>) -> Result<String> {
        let id = new_id();
        let at = codec::instant(self.now());
        let actor = self.actor().to_string();
        sqlx::query(
            "INSERT INTO alerts (id, engineer_id, society_id, kind, statement, raised_by, raised_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&id)
        .bind(a.engineer)
        .bind(a.society)
        .bind(a.kind.code())
        .bind(a.statement)
        .bind(&actor)
        .bind(&at)
        .execute(self.conn())
        .await?;
        self.audit(
            "alert.raise",
            &format!("engineer:{}", a.engineer),
            json!({ "alert": id, "society": a.society, "kind": a.kind.code() }),
        )
        .await?;
        Ok(id)
    }

    /// The e-mail addresses of enabled accounts holding one of `roles` in `society`, to
    /// notify when it must act.
    pub async fn staff_emails(&mut self, society: &str, roles: &[Role]) -> Result<Vec<String>> {
        if roles.is_empty() {
            return Ok(Vec::new());
        }
        let ph = codec::placeholders(2, roles.len());
        let mut q = sqlx::query_as::<_, (String,)>(sql!(
            "SELECT DISTINCT u.email FROM users u JOIN role_grants g ON g.user_id = u.id
             WHERE g.society_id = $1 AND g.role IN ({ph}) AND u.disabled_at IS NULL
             ORDER BY u.email"
        ))
        .bind(society);
        for r in roles {
            q = q.bind(r.code());
        }
        Ok(q.fetch_all(self.conn())
            .await?
            .into_iter()
            .map(|r| r.0)
            .collect())
    }

    /// The e-mail address of an account, seen from inside this transaction.
    pub async fn email_of_user(&mut self, user_id: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT email FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(self.conn())
            .await?;
        Ok(row.map(|r| r.0))
    }
}
