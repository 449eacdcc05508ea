//! Bulk writes for the scale dataset (`wanqiao demo scale`): applications with their
//! histories, written many rows per statement. The benchmarks need 100,000 applications
//! spread over two years, which one audited write per workflow step would take an hour to
//! make; here each batch is one transaction with one audit event naming how many rows it
//! wrote. Certificates and consents still go through the ordinary audited writes.

use crate::codec;
use crate::write::Write;
use crate::{Result, Store};
use serde_json::json;

/// An attested qualification held by an engineer, which an application can be made from.
#[derive(Debug, Clone)]
pub struct Held {
    pub qualification: String,
    pub engineer: String,
    pub specialty: String,
    pub society: String,
}

/// One step of an application's history.
#[derive(Debug, Clone)]
pub struct Step {
    pub at: String,
    pub actor: String,
    pub action: &'static str,
    pub from: Option<&'static str>,
    pub to: &'static str,
}

/// An application as it stands, with its history from creation.
#[derive(Debug, Clone)]
pub struct SyntheticApplication {
    pub id: String,
    pub held: Held,
    pub host_society: String,
    pub agreement: Option<(String, u32)>,
    pub state: &'static str,
    /// The step whose clock runs, and its due date, for applications awaiting someone.
    pub deadline: Option<(&'static str, String)>,
    pub steps: Vec<Step>,
}

/// Rows per multi-row statement: within SQLite's 32,766 bound parameters at 13 per row.
const ROWS_PER_STATEMENT: usize = 500;

impl Store {
    /// Up to `limit` attested qualifications in `specialties`, certified by a society, of
    /// engineers without an application yet, from the first id at or after `from` (ids are
    /// random, so this is a random sample).
    pub async fn held_qualifications(
        &self,
        specialties: &[String],
        from: &str,
        limit: u32,
    ) -> Result<Vec<Held>> {
        if specialties.is_empty() {
            return Ok(Vec::new());
        }
        let mut q = sqlx::query_as::<_, (String, String, String, String)>(sql!(
            "SELECT id, engineer_id, specialty_id, society_id FROM qualifications
             WHERE id >= $1 AND status = 'attested' AND society_id IS NOT NULL
               AND NOT EXISTS (SELECT 1 FROM applications a WHERE a.engineer_id = qualifications.engineer_id)
               AND specialty_id IN ({})
             ORDER BY id LIMIT ${}",
            codec::placeholders(3, specialties.len()),
            2
        ))
        .bind(from)
        .bind(i64::from(limit));
        for s in specialties {
            q = q.bind(s);
        }
        Ok(q.fetch_all(&self.pool)
            .await?
            .into_iter()
            .map(|(qualification, engineer, specialty, society)| Held {
                qualification,
                engineer,
                specialty,
                society,
            })
            .collect())
    }

    /// How many engineers the register holds (an exact count: for the command line only).
    pub async fn engineer_count(&self) -> Result<u64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM engineers")
            .fetch_one(&self.pool)
            .await?;
        Ok(codec::count(n))
    }
}

impl Write {
    /// Inserts applications and their histories, many rows per statement, with one
    /// `scale.applications` audit event. The dashboards' aggregates are not updated here:
    /// run [`Store::rebuild_reports`] after the last batch.
    pub async fn insert_synthetic_applications(
        &mut self,
        applications: &[SyntheticApplication],
    ) -> Result<()> {
        for chunk in applications.chunks(ROWS_PER_STATEMENT) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let b = i * 13;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${}, ${})",
                        b + 1,
                        b + 2,
                        b + 3,
                        b + 4,
                        b + 5,
                        b + 6,
                        b + 7,
                        b + 8,
                        b + 9,
                        b + 10,
                        b + 11,
                        b + 12,
                        b + 13
                    )
                })
                .collect();
            let mut q = sqlx::query(sql!(
                "INSERT INTO applications (id, engineer_id, qualification_id, specialty_id,
                     home_society_id, host_society_id, agreement_id, agreement_version, state,
                     created_at, updated_at, deadline_step, deadline_due_on)
                 VALUES {}",
                rows.join(", ")
            ));
            for a in chunk {
                let created = a.steps.first().map(|s| s.at.clone()).unwrap_or_default();
                let updated = a.steps.last().map(|s| s.at.clone()).unwrap_or_default();
                q = q
                    .bind(&a.id)
                    .bind(&a.held.engineer)
                    .bind(&a.held.qualification)
                    .bind(&a.held.specialty)
                    .bind(&a.held.society)
                    .bind(&a.host_society)
                    .bind(a.agreement.as_ref().map(|(id, _)| id.clone()))
                    .bind(a.agreement.as_ref().map(|(_, v)| i64::from(*v)))
                    .bind(a.state)
                    .bind(created)
                    .bind(updated)
                    .bind(a.deadline.as_ref().map(|(step, _)| *step))
                    .bind(a.deadline.as_ref().map(|(_, due)| due.clone()));
            }
            q.execute(self.conn()).await?;

            let steps: Vec<(&SyntheticApplication, usize, &Step)> = chunk
                .iter()
                .flat_map(|a| a.steps.iter().enumerate().map(move |(i, s)| (a, i, s)))
                .collect();
            for part in steps.chunks(ROWS_PER_STATEMENT * 2) {
                let rows: Vec<String> = (0..part.len())
                    .map(|i| {
                        let b = i * 7;
                        format!(
                            "(${}, ${}, ${}, ${}, ${}, ${}, ${})",
                            b + 1,
                            b + 2,
                            b + 3,
                            b + 4,
                            b + 5,
                            b + 6,
                            b + 7
                        )
                    })
                    .collect();
                let mut q = sqlx::query(sql!(
                    "INSERT INTO application_events (application_id, seq, at, actor, action, from_state, to_state)
                     VALUES {}",
                    rows.join(", ")
                ));
                for (a, i, s) in part {
                    q = q
                        .bind(&a.id)
                        .bind(i64::try_from(*i).unwrap_or(0) + 1)
                        .bind(&s.at)
                        .bind(&s.actor)
                        .bind(s.action)
                        .bind(s.from)
                        .bind(s.to);
                }
                q.execute(self.conn()).await?;
            }
        }
        self.audit(
            "scale.applications",
            "scale",
            json!({ "applications": applications.len() }),
        )
        .await
    }
}
