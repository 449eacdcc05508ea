//! Qualification frameworks and their levels.

use crate::codec::{self, code};
use crate::{Page, Paged, Result, Store};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wanqiao_domain::{Framework, FrameworkKind, Level};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    names: String,
    kind: String,
    jurisdiction: String,
    owner: Option<String>,
    sample: i64,
}

#[derive(sqlx::FromRow)]
struct LevelRow {
    framework_id: String,
    id: String,
    rank: i64,
    names: String,
}

impl Row {
    fn into_framework(self, levels: Vec<Level>) -> Result<Framework> {
        Ok(Framework {
            names: codec::read_text("frameworks.names", &self.names)?,
            kind: code("frameworks.kind", &self.kind, FrameworkKind::parse)?,
            jurisdiction: code("frameworks.jurisdiction", &self.jurisdiction, |s| {
                s.parse().ok()
            })?,
            sample: self.sample != 0,
            id: self.id,
            owner: self.owner,
            levels,
        })
    }
}

const COLUMNS: &str = "id, names, kind, jurisdiction, owner, sample";

impl Store {
    /// Statutory ladders first, then societies' grades; each with its levels lowest first.
    pub async fn frameworks(&self, page: Page) -> Result<Paged<Framework>> {
        let (total,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM frameworks WHERE retired_at IS NULL")
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM frameworks WHERE retired_at IS NULL
             ORDER BY CASE kind WHEN 'title' THEN 0 WHEN 'registration' THEN 1 ELSE 2 END,
                      jurisdiction, id
             LIMIT $1 OFFSET $2"
        ))
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut levels = self.levels_of(&ids).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let own = levels.remove(&r.id).unwrap_or_default();
                r.into_framework(own)
            })
            .collect::<Result<_>>()?;
        Ok(Paged {
            items,
            total: codec::count(total),
        })
    }

    pub async fn framework(&self, id: &str) -> Result<Option<Framework>> {
        let row: Option<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM frameworks WHERE id = $1 AND retired_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else { return Ok(None) };
        let levels = self.levels_of(&[id]).await?.remove(id).unwrap_or_default();
        row.into_framework(levels).map(Some)
    }

    async fn levels_of(&self, ids: &[&str]) -> Result<BTreeMap<String, Vec<Level>>> {
        if ids.is_empty() {
            return Ok(BTreeMap::new());
        }
        let sql = sql!(
            "SELECT framework_id, id, rank, names FROM levels
             WHERE framework_id IN ({}) ORDER BY framework_id, rank",
            codec::placeholders(1, ids.len())
        );
        let mut query = sqlx::query_as::<_, LevelRow>(sql);
        for id in ids {
            query = query.bind(*id);
        }
        let mut out: BTreeMap<String, Vec<Level>> = BTreeMap::new();
        for row in query.fetch_all(&self.pool).await? {
            out.entry(row.framework_id).or_default().push(Level {
                names: codec::read_text("levels.names", &row.names)?,
                rank: u32::try_from(row.rank).unwrap_or(0),
                id: row.id,
            });
        }
        Ok(out)
    }
}

pub(crate) async fn insert(conn: &mut AnyConnection, f: &Framework) -> Result<()> {
    sqlx::query(sql!(
        "INSERT INTO frameworks ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"
    ))
    .bind(&f.id)
    .bind(codec::text(&f.names))
    .bind(f.kind.code())
    .bind(f.jurisdiction.code())
    .bind(&f.owner)
    .bind(codec::flag(f.sample))
    .execute(&mut *conn)
    .await?;
    for level in &f.levels {
        sqlx::query("INSERT INTO levels (framework_id, id, rank, names) VALUES ($1, $2, $3, $4)")
            .bind(&f.id)
            .bind(&level.id)
            .bind(i64::from(level.rank))
            .bind(codec::text(&level.names))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
