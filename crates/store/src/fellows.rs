//! Honorary fellows (荣誉会士).

use crate::codec;
use crate::{Page, Paged, Result, Store};
use sqlx::AnyConnection;
use wanqiao_domain::Fellow;

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    society_id: String,
    names: String,
    citation: String,
    appointed_on: String,
    sample: i64,
}

impl Row {
    fn into_fellow(self) -> Result<Fellow> {
        Ok(Fellow {
            names: codec::read_text("fellows.names", &self.names)?,
            citation: codec::read_text("fellows.citation", &self.citation)?,
            appointed_on: codec::read_day("fellows.appointed_on", &self.appointed_on)?,
            sample: self.sample != 0,
            id: self.id,
            society: self.society_id,
        })
    }
}

impl Store {
    /// Most recently appointed first.
    pub async fn fellows(&self, society: Option<&str>, page: Page) -> Result<Paged<Fellow>> {
        let (total,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM fellows WHERE ($1 IS NULL OR society_id = $1)")
                .bind(society)
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<Row> = sqlx::query_as(
            "SELECT id, society_id, names, citation, appointed_on, sample FROM fellows
             WHERE ($1 IS NULL OR society_id = $1)
             ORDER BY appointed_on DESC, id LIMIT $2 OFFSET $3",
        )
        .bind(society)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged {
            items: rows
                .into_iter()
                .map(Row::into_fellow)
                .collect::<Result<_>>()?,
            total: codec::count(total),
        })
    }
}

pub(crate) async fn insert(conn: &mut AnyConnection, f: &Fellow) -> Result<()> {
    sqlx::query(
        "INSERT INTO fellows (id, society_id, names, citation, appointed_on, sample)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&f.id)
    .bind(&f.society)
    .bind(codec::text(&f.names))
    .bind(codec::text(&f.citation))
    .bind(f.appointed_on.to_string())
    .bind(codec::flag(f.sample))
    .execute(conn)
    .await?;
    Ok(())
}
