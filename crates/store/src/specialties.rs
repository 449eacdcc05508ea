//! Specialties of the register.

use crate::codec::{self, Entry, code};
use crate::error::{OrConflict, agreements_named, taken};
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError, agreements};
use serde_json::json;
use sqlx::AnyConnection;
use wanqiao_domain::{Specialty, SpecialtyStatus};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    names: String,
    batch: i64,
    status: String,
    sample: i64,
}

impl Row {
    fn into_specialty(self) -> Result<Specialty> {
        Ok(Specialty {
            names: codec::read_text("specialties.names", &self.names)?,
            batch: u32::try_from(self.batch).unwrap_or(0),
            status: code("specialties.status", &self.status, SpecialtyStatus::parse)?,
            sample: self.sample != 0,
            id: self.id,
        })
    }
}

const COLUMNS: &str = "id, names, batch, status, sample";

impl Store {
    /// By pilot batch, then in the order they were added.
    pub async fn specialties(&self, page: Page) -> Result<Paged<Specialty>> {
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM specialties WHERE retired_at IS NULL
             ORDER BY batch, sample, id LIMIT $1 OFFSET $2"
        ))
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        // The whole list counts itself.
        let total = if page == Page::ALL {
            rows.len() as u64
        } else {
            let (total,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM specialties WHERE retired_at IS NULL")
                    .fetch_one(&self.pool)
                    .await?;
            codec::count(total)
        };
        Ok(Paged {
            items: rows
                .into_iter()
                .map(Row::into_specialty)
                .collect::<Result<_>>()?,
            total,
        })
    }

    /// The specialty `id`, unless it is unknown or retired.
    pub async fn specialty(&self, id: &str) -> Result<Option<Specialty>> {
        active(&mut *self.pool.acquire().await?, id).await
    }
}

/// The specialty `id` unless retired, read on `conn` so that a write sees its own transaction.
async fn active(conn: &mut AnyConnection, id: &str) -> Result<Option<Specialty>> {
    let row: Option<Row> = sqlx::query_as(sql!(
        "SELECT {COLUMNS} FROM specialties WHERE id = $1 AND retired_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(Row::into_specialty).transpose()
}

pub(crate) async fn insert(conn: &mut AnyConnection, s: &Specialty) -> Result<()> {
    sqlx::query(sql!(
        "INSERT INTO specialties ({COLUMNS}) VALUES ($1, $2, $3, $4, $5)"
    ))
    .bind(&s.id)
    .bind(codec::text(&s.names))
    .bind(i64::from(s.batch))
    .bind(s.status.code())
    .bind(codec::flag(s.sample))
    .execute(conn)
    .await?;
    Ok(())
}

impl Write {
    /// Opens a specialty. Its id must be new: a retired specialty keeps its id, because
    /// agreements and the audit log still name it.
    pub async fn create_specialty(&mut self, s: &Specialty) -> Result<()> {
        match codec::entry(self.conn(), "specialties", &s.id).await? {
            Entry::Missing => {}
            e => return Err(taken("specialty", &s.id, e == Entry::Retired)),
        }
        insert(self.conn(), s)
            .await
            .or_conflict(|| batch_refused(s))?;
        let subject = format!("specialty:{}", s.id);
        self.audit("specialty.create", &subject, json!({ "after": s }))
            .await
    }

    /// Replaces every field of a specialty but its id; a retired specialty is no longer edited.
    pub async fn update_specialty(&mut self, s: &Specialty) -> Result<()> {
        let before = active(self.conn(), &s.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("specialty `{}`", s.id)))?;
        sqlx::query(
            "UPDATE specialties SET names = $2, batch = $3, status = $4, sample = $5 WHERE id = $1",
        )
        .bind(&s.id)
        .bind(codec::text(&s.names))
        .bind(i64::from(s.batch))
        .bind(s.status.code())
        .bind(codec::flag(s.sample))
        .execute(self.conn())
        .await
        .or_conflict(|| batch_refused(s))?;
        let subject = format!("specialty:{}", s.id);
        self.audit(
            "specialty.update",
            &subject,
            json!({ "before": before, "after": s }),
        )
        .await
    }

    /// Withdraws a specialty, keeping it for history. Refused while an agreement that has not
    /// expired is about it.
    pub async fn retire_specialty(&mut self, id: &str) -> Result<()> {
        if codec::entry(self.conn(), "specialties", id).await? != Entry::Active {
            return Err(StoreError::NotFound(format!("specialty `{id}`")));
        }
        let binding =
            agreements::unexpired(self.conn(), "a.specialty_id = $1", &[Some(id)]).await?;
        if !binding.is_empty() {
            return Err(StoreError::Conflict(format!(
                "specialty `{id}` is the specialty of {} not yet expired; expire {} first",
                agreements_named(&binding),
                if binding.len() == 1 { "it" } else { "them" },
            )));
        }
        codec::retire(self, "specialties", "specialty", id).await
    }
}

/// The one constraint a specialty can break: batches are numbered from 1.
fn batch_refused(s: &Specialty) -> String {
    format!(
        "specialty `{}` has pilot batch {}; batches are numbered from 1",
        s.id, s.batch
    )
}
