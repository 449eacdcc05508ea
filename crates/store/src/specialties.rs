//! Specialties of the register.

use crate::codec::{self, code};
use crate::{Page, Paged, Result, Store};
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
        let (total,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM specialties WHERE retired_at IS NULL")
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM specialties WHERE retired_at IS NULL
             ORDER BY batch, sample, id LIMIT $1 OFFSET $2"
        ))
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged {
            items: rows
                .into_iter()
                .map(Row::into_specialty)
                .collect::<Result<_>>()?,
            total: codec::count(total),
        })
    }

    pub async fn specialty(&self, id: &str) -> Result<Option<Specialty>> {
        let row: Option<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM specialties WHERE id = $1 AND retired_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Row::into_specialty).transpose()
    }
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
