//! Exchange activities of the societies' working groups (工作小组).

use crate::codec::{self, code};
use crate::{Page, Paged, Result, Store};
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wanqiao_domain::{Activity, ActivityKind};

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    held_on: String,
    kind: String,
    titles: String,
    notes: Option<String>,
    sample: i64,
}

impl Store {
    /// Most recent first.
    pub async fn activities(&self, society: Option<&str>, page: Page) -> Result<Paged<Activity>> {
        const WHERE: &str = "($1 IS NULL OR EXISTS (SELECT 1 FROM activity_societies s
                               WHERE s.activity_id = a.id AND s.society_id = $1))";
        let (total,): (i64,) =
            sqlx::query_as(sql!("SELECT COUNT(*) FROM activities a WHERE {WHERE}"))
                .bind(society)
                .fetch_one(&self.pool)
                .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT id, held_on, kind, titles, notes, sample FROM activities a WHERE {WHERE}
             ORDER BY held_on DESC, id LIMIT $2 OFFSET $3"
        ))
        .bind(society)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        let mut members = self.activity_societies(&rows).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                Ok(Activity {
                    held_on: codec::read_day("activities.held_on", &r.held_on)?,
                    titles: codec::read_text("activities.titles", &r.titles)?,
                    notes: codec::read_opt_text("activities.notes", r.notes.as_deref())?,
                    societies: members.remove(&r.id).unwrap_or_default(),
                    kind: code("activities.kind", &r.kind, ActivityKind::parse)?,
                    sample: r.sample != 0,
                    id: r.id,
                })
            })
            .collect::<Result<_>>()?;
        Ok(Paged {
            items,
            total: codec::count(total),
        })
    }

    async fn activity_societies(&self, rows: &[Row]) -> Result<BTreeMap<String, Vec<String>>> {
        if rows.is_empty() {
            return Ok(BTreeMap::new());
        }
        let sql = sql!(
            "SELECT activity_id, society_id FROM activity_societies
             WHERE activity_id IN ({}) ORDER BY activity_id, society_id",
            codec::placeholders(1, rows.len())
        );
        let mut query = sqlx::query_as::<_, (String, String)>(sql);
        for r in rows {
            query = query.bind(r.id.as_str());
        }
        let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (activity, society) in query.fetch_all(&self.pool).await? {
            out.entry(activity).or_default().push(society);
        }
        Ok(out)
    }
}

pub(crate) async fn insert(conn: &mut AnyConnection, a: &Activity) -> Result<()> {
    sqlx::query(
        "INSERT INTO activities (id, held_on, kind, titles, notes, sample)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(&a.id)
    .bind(a.held_on.to_string())
    .bind(a.kind.code())
    .bind(codec::text(&a.titles))
    .bind(codec::opt_text(&a.notes))
    .bind(codec::flag(a.sample))
    .execute(&mut *conn)
    .await?;
    for society in &a.societies {
        sqlx::query("INSERT INTO activity_societies (activity_id, society_id) VALUES ($1, $2)")
            .bind(&a.id)
            .bind(society)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
