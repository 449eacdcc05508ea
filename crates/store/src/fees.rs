//! Fee schedules, kept beside their agreement, and receipts of payments recorded on an
//! application.

use crate::codec::{self, code};
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;
use wanqiao_domain::fees::{Currency, Fee, FeeStep};

/// An agreement's fee schedule (see `agreements::read`); empty when it charges nothing.
pub(crate) async fn agreement_fees(conn: &mut AnyConnection, id: &str) -> Result<Vec<Fee>> {
    let raw: Option<(Option<String>,)> =
        sqlx::query_as("SELECT fees FROM agreements WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    read_fees(raw.and_then(|r| r.0).as_deref())
}

/// An agreement's fee schedule as stored; none when NULL.
pub(crate) fn read_fees(raw: Option<&str>) -> Result<Vec<Fee>> {
    raw.map(serde_json::from_str)
        .transpose()
        .map_err(|e| StoreError::Corrupt(format!("agreements.fees: {e}")))
        .map(Option::unwrap_or_default)
}

/// Stores an agreement's fee schedule; none as NULL.
pub(crate) async fn set_agreement_fees(
    conn: &mut AnyConnection,
    id: &str,
    fees: &[Fee],
) -> Result<()> {
    let json = (!fees.is_empty()).then(|| serde_json::to_string(fees).expect("fees serialise"));
    sqlx::query("UPDATE agreements SET fees = $1 WHERE id = $2")
        .bind(json)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A receipt: a payment recorded for one step of an application.
#[derive(Debug, Clone, Serialize)]
pub struct Payment {
    pub id: String,
    pub society: String,
    pub step: FeeStep,
    pub amount: u32,
    pub currency: Currency,
    pub reference: String,
    pub recorded_by: String,
    pub recorded_at: String,
}

/// A payment to record.
#[derive(Debug, Clone)]
pub struct NewPayment<'a> {
    pub application: &'a str,
    pub society: &'a str,
    pub step: FeeStep,
    pub amount: u32,
    pub currency: Currency,
    pub reference: &'a str,
}

type Row = (String, String, String, i64, String, String, String, String);

impl Store {
    /// The payments recorded on an application, oldest first.
    pub async fn payments(&self, application: &str) -> Result<Vec<Payment>> {
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, society_id, step, amount, currency, reference, recorded_by, recorded_at
             FROM payments WHERE application_id = $1 ORDER BY recorded_at, id",
        )
        .bind(application)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|r| {
                Ok(Payment {
                    id: r.0,
                    society: r.1,
                    step: code("payments.step", &r.2, FeeStep::parse)?,
                    amount: u32::try_from(r.3)
                        .map_err(|e| StoreError::Corrupt(format!("payments.amount: {e}")))?,
                    currency: code("payments.currency", &r.4, Currency::parse)?,
                    reference: r.5,
                    recorded_by: r.6,
                    recorded_at: r.7,
                })
            })
            .collect()
    }

    /// An agreement's fee schedule.
    pub async fn agreement_fees(&self, id: &str) -> Result<Vec<Fee>> {
        let mut conn = self.pool.acquire().await?;
        agreement_fees(&mut conn, id).await
    }
}

impl Write {
    /// Records a payment received for a step, with a `payment.record` audit event.
    pub async fn record_payment(&mut self, p: &NewPayment<'_>) -> Result<String> {
        let id = new_id();
        let at = codec::instant(self.now());
        let actor = self.actor().to_string();
        sqlx::query(
            "INSERT INTO payments (id, application_id, society_id, step, amount, currency, reference, recorded_by, recorded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&id)
        .bind(p.application)
        .bind(p.society)
        .bind(p.step.code())
        .bind(i64::from(p.amount))
        .bind(p.currency.code())
        .bind(p.reference)
        .bind(&actor)
        .bind(&at)
        .execute(self.conn())
        .await?;
        self.audit(
            "payment.record",
            &format!("application:{}", p.application),
            json!({ "payment": id, "society": p.society, "step": p.step.code(), "amount": p.amount, "currency": p.currency.code(), "reference": p.reference }),
        )
        .await?;
        Ok(id)
    }
}
