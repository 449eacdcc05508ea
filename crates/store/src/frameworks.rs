//! Qualification frameworks and their levels.

use crate::codec::{self, Entry, code};
use crate::error::{OrConflict, agreements_named, quoted, taken};
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError, agreements};
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::{BTreeMap, BTreeSet};
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
        // The whole list counts itself.
        let total = if page == Page::ALL {
            rows.len() as u64
        } else {
            let (total,): (i64,) =
                sqlx::query_as("SELECT COUNT(*) FROM frameworks WHERE retired_at IS NULL")
                    .fetch_one(&self.pool)
                    .await?;
            codec::count(total)
        };
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut levels = levels_of(&mut *self.pool.acquire().await?, &ids).await?;
        let items = rows
            .into_iter()
            .map(|r| {
                let own = levels.remove(&r.id).unwrap_or_default();
                r.into_framework(own)
            })
            .collect::<Result<_>>()?;
        Ok(Paged { items, total })
    }

    /// The framework `id` with its levels, unless it is unknown or retired.
    pub async fn framework(&self, id: &str) -> Result<Option<Framework>> {
        active(&mut *self.pool.acquire().await?, id).await
    }
}

/// The framework `id` unless retired, read on `conn` so that a write sees its own transaction.
async fn active(conn: &mut AnyConnection, id: &str) -> Result<Option<Framework>> {
    let row: Option<Row> = sqlx::query_as(sql!(
        "SELECT {COLUMNS} FROM frameworks WHERE id = $1 AND retired_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let levels = levels_of(conn, &[id]).await?.remove(id).unwrap_or_default();
    row.into_framework(levels).map(Some)
}

async fn levels_of(conn: &mut AnyConnection, ids: &[&str]) -> Result<BTreeMap<String, Vec<Level>>> {
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
    for row in query.fetch_all(conn).await? {
        out.entry(row.framework_id).or_default().push(Level {
            names: codec::read_text("levels.names", &row.names)?,
            rank: u32::try_from(row.rank).unwrap_or(0),
            id: row.id,
        });
    }
    Ok(out)
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
        insert_level(conn, &f.id, level).await?;
    }
    Ok(())
}

async fn insert_level(conn: &mut AnyConnection, framework: &str, level: &Level) -> Result<()> {
    sqlx::query("INSERT INTO levels (framework_id, id, rank, names) VALUES ($1, $2, $3, $4)")
        .bind(framework)
        .bind(&level.id)
        .bind(i64::from(level.rank))
        .bind(codec::text(&level.names))
        .execute(conn)
        .await?;
    Ok(())
}

impl Write {
    /// Adds a framework with its levels, ranked in the order given (lowest first). Its id
    /// must be new: a retired framework keeps its id for the rules that still name it.
    pub async fn create_framework(&mut self, f: &Framework) -> Result<()> {
        match codec::entry(self.conn(), "frameworks", &f.id).await? {
            Entry::Missing => {}
            e => return Err(taken("framework", &f.id, e == Entry::Retired)),
        }
        check_levels(f)?;
        check_owner(self.conn(), f).await?;
        let mut f = f.clone();
        f.rank_levels();
        insert(self.conn(), &f).await.or_conflict(|| {
            format!(
                "framework `{}` names an owner or levels the register cannot take",
                f.id
            )
        })?;
        let subject = format!("framework:{}", f.id);
        self.audit("framework.create", &subject, json!({ "after": f }))
            .await
    }

    /// Replaces a framework's names, kind, jurisdiction, owner, sample flag and levels.
    /// Levels may be added, renamed and reordered (ranks follow the order given); a level
    /// that a recognition rule names may not go away, or the rule would mean nothing.
    pub async fn update_framework(&mut self, f: &Framework) -> Result<()> {
        let before = active(self.conn(), &f.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("framework `{}`", f.id)))?;
        check_levels(f)?;
        if f.owner != before.owner {
            check_owner(self.conn(), f).await?;
        }
        let mut after = f.clone();
        after.rank_levels();
        check_removals(self.conn(), &before, &after).await?;
        sqlx::query(
            "UPDATE frameworks SET names = $2, kind = $3, jurisdiction = $4, owner = $5, sample = $6
             WHERE id = $1",
        )
        .bind(&after.id)
        .bind(codec::text(&after.names))
        .bind(after.kind.code())
        .bind(after.jurisdiction.code())
        .bind(&after.owner)
        .bind(codec::flag(after.sample))
        .execute(self.conn())
        .await?;
        write_levels(self.conn(), &before, &after).await?;
        let subject = format!("framework:{}", after.id);
        self.audit(
            "framework.update",
            &subject,
            json!({ "before": before, "after": after }),
        )
        .await
    }

    /// Withdraws a framework, keeping it for history. Refused while a rule of an agreement
    /// that has not expired recognises from it or grants one of its levels.
    pub async fn retire_framework(&mut self, id: &str) -> Result<()> {
        let f = active(self.conn(), id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("framework `{id}`")))?;
        let binding = agreements::unexpired(
            self.conn(),
            "EXISTS (SELECT 1 FROM recognition_rules r WHERE r.agreement_id = a.id
                AND (r.from_framework = $1
                     OR (r.to_society = $2
                         AND r.to_level IN (SELECT l.id FROM levels l WHERE l.framework_id = $1))))",
            &[Some(id), f.owner.as_deref()],
        )
        .await?;
        if !binding.is_empty() {
            return Err(StoreError::Conflict(format!(
                "framework `{id}` is used by the recognition rules of {} not yet expired; change those rules or expire the agreements first",
                agreements_named(&binding),
            )));
        }
        codec::retire(self, "frameworks", "framework", id).await
    }
}

/// A ladder needs rungs, each named once.
fn check_levels(f: &Framework) -> Result<()> {
    if f.levels.is_empty() {
        return Err(StoreError::Conflict(format!(
            "framework `{}` has no levels; a ladder needs at least one",
            f.id
        )));
    }
    let mut seen = BTreeSet::new();
    match f.levels.iter().find(|l| !seen.insert(&l.id)) {
        Some(twice) => Err(StoreError::Conflict(format!(
            "framework `{}` lists level `{}` twice",
            f.id, twice.id
        ))),
        None => Ok(()),
    }
}

/// The society keeping a ladder must be in the register (and not retired).
async fn check_owner(conn: &mut AnyConnection, f: &Framework) -> Result<()> {
    let Some(owner) = &f.owner else { return Ok(()) };
    if codec::entry(conn, "societies", owner).await? == Entry::Active {
        return Ok(());
    }
    Err(StoreError::Conflict(format!(
        "framework `{}` names owner `{owner}`, which is not a society of the register",
        f.id
    )))
}

/// Refuses an update that takes away a level a recognition rule names: as the level a rule
/// recognises from, or as the level a rule grants in the society that keeps the ladder (a
/// new owner takes every level away from the old one).
async fn check_removals(
    conn: &mut AnyConnection,
    before: &Framework,
    after: &Framework,
) -> Result<()> {
    let removed: Vec<&str> = before
        .levels
        .iter()
        .filter(|l| after.level(&l.id).is_none())
        .map(|l| l.id.as_str())
        .collect();
    let mut named = rules_naming(
        conn,
        "from_framework",
        "from_min_level",
        &before.id,
        &removed,
    )
    .await?;
    if let Some(owner) = &before.owner {
        let lost: Vec<&str> = if after.owner == before.owner {
            removed
        } else {
            before.levels.iter().map(|l| l.id.as_str()).collect()
        };
        named.extend(rules_naming(conn, "to_society", "to_level", owner, &lost).await?);
    }
    if named.is_empty() {
        return Ok(());
    }
    let levels: BTreeSet<String> = named.iter().map(|(level, _)| level.clone()).collect();
    let used_by: BTreeSet<String> = named.into_iter().map(|(_, agreement)| agreement).collect();
    Err(StoreError::Conflict(format!(
        "framework `{}` would lose {} {} that recognition rules of {} name; keep {} (names and place in the ladder may change) or change those rules first",
        before.id,
        if levels.len() == 1 { "level" } else { "levels" },
        quoted(&levels.iter().cloned().collect::<Vec<_>>()),
        agreements_named(&used_by.into_iter().collect::<Vec<_>>()),
        if levels.len() == 1 { "it" } else { "them" },
    )))
}

/// (level, agreement) for every rule whose `key_column` is `key` and whose `level_column` is
/// one of `levels`.
async fn rules_naming(
    conn: &mut AnyConnection,
    key_column: &str,
    level_column: &str,
    key: &str,
    levels: &[&str],
) -> Result<Vec<(String, String)>> {
    if levels.is_empty() {
        return Ok(Vec::new());
    }
    let sql = sql!(
        "SELECT DISTINCT {level_column}, agreement_id FROM recognition_rules
         WHERE {key_column} = $1 AND {level_column} IN ({})",
        codec::placeholders(2, levels.len())
    );
    let mut query = sqlx::query_as::<_, (String, String)>(sql).bind(key);
    for level in levels {
        query = query.bind(*level);
    }
    Ok(query.fetch_all(conn).await?)
}

/// Brings the stored levels of `before` to those of `after`: removed levels go, kept ones
/// take their new rank and names, new ones are added. Ranks are first moved out of the way,
/// because each rank is unique within a framework at every moment.
async fn write_levels(
    conn: &mut AnyConnection,
    before: &Framework,
    after: &Framework,
) -> Result<()> {
    for gone in before
        .levels
        .iter()
        .filter(|l| after.level(&l.id).is_none())
    {
        sqlx::query("DELETE FROM levels WHERE framework_id = $1 AND id = $2")
            .bind(&before.id)
            .bind(&gone.id)
            .execute(&mut *conn)
            .await?;
    }
    let shift = i64::try_from(before.levels.len() + after.levels.len()).unwrap_or(i64::MAX / 2);
    sqlx::query("UPDATE levels SET rank = rank + $2 WHERE framework_id = $1")
        .bind(&before.id)
        .bind(shift)
        .execute(&mut *conn)
        .await?;
    for level in &after.levels {
        if before.level(&level.id).is_none() {
            insert_level(conn, &after.id, level).await?;
            continue;
        }
        sqlx::query("UPDATE levels SET rank = $3, names = $4 WHERE framework_id = $1 AND id = $2")
            .bind(&after.id)
            .bind(&level.id)
            .bind(i64::from(level.rank))
            .bind(codec::text(&level.names))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}
