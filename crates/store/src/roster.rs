//! Society rosters: a society's members, imported in batches from its own member list.
//!
//! Each (society, member number) is one engineer whose id is derived from the pair, and so
//! are the ids of the qualification, experience, CPD and education rows the roster gives
//! them. A batch therefore writes every table with multi-row `INSERT … ON CONFLICT … DO
//! UPDATE` statements and never looks anything up first; importing the same rows again
//! finds every member's row digest unchanged and writes nothing but the batch's audit event.

use crate::codec;
use crate::secret::hex;
use crate::write::append_audit;
use crate::{Engine, Result, Store};
use jiff::Timestamp;
use jiff::tz::{Offset, TimeZone};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use sqlx::any::AnyArguments;
use sqlx::pool::PoolConnection;
use sqlx::query::Query;
use sqlx::{Any, AnyConnection, Connection, Executor};
use std::collections::{HashMap, HashSet};
use wanqiao_domain::Date;
use wanqiao_domain::engineer::QualificationStatus;
use wanqiao_domain::roster::{Known, RosterRow};

/// Bound parameters one statement may carry: SQLite's limit (PostgreSQL allows 65,535).
const MAX_PARAMETERS: usize = 32_766;
/// Rows per statement, at most: beyond a few hundred, longer statements gain nothing.
const MAX_ROWS_PER_STATEMENT: usize = 500;

/// What one batch did to the society's members.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct BatchOutcome {
    /// Members the roster names for the first time.
    pub inserted: u64,
    /// Members whose row differs from the one imported last.
    pub updated: u64,
    /// Members whose row is the one imported last: nothing was written for them.
    pub unchanged: u64,
}

impl BatchOutcome {
    pub fn add(&mut self, other: BatchOutcome) {
        self.inserted += other.inserted;
        self.updated += other.updated;
        self.unchanged += other.unchanged;
    }
}

/// Where a batch comes from, for its audit event.
#[derive(Debug, Clone, Serialize)]
pub struct BatchSource<'a> {
    /// The file's name (without its folder).
    pub file: &'a str,
    /// 1 for the file's first batch.
    pub batch: u64,
    /// The file lines (or sheet rows) the batch's rows came from.
    pub first_line: u64,
    pub last_line: u64,
}

/// The engineer id of a society's member, the same on every import: `r`, a tag of the
/// society (8 hexadecimal digits of a digest of its id), `.`, and the member number with `/`
/// written as `.` (which member numbers never hold, so no two members share an id).
///
/// The member number is kept in clear on purpose: a roster sorted by member number then
/// inserts ids in order, so every index keyed by an engineer id grows at its end and a
/// batch touches a few pages of each. With random ids each batch would rewrite pages all
/// over every such index, and an import would slow down as the register grows.
pub fn member_engineer_id(society: &str, member_number: &str) -> String {
    let tag = Sha256::digest(format!("wanqiao roster\n{society}").as_bytes());
    let mut id = String::with_capacity(10 + member_number.len());
    id.push('r');
    id.push_str(&hex(&tag[..4]));
    id.push('.');
    id.extend(
        member_number
            .chars()
            .map(|c| if c == '/' { '.' } else { c }),
    );
    id
}

/// A digest of everything a row says, to recognise a row imported before.
fn row_digest(row: &RosterRow) -> String {
    let mut h = Sha256::new();
    let day = |d: Option<Date>| d.map(|d| d.to_string()).unwrap_or_default();
    let (since, employer) = row
        .experience
        .as_ref()
        .map(|(d, e)| (d.to_string(), e.as_str()))
        .unwrap_or_default();
    let (hours, until) = row
        .cpd
        .map(|(h, d)| (h.to_string(), day(d)))
        .unwrap_or_default();
    let education = row.education.as_ref().map(|e| {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            e.degree,
            e.institution,
            e.year,
            e.accreditation.code()
        )
    });
    for field in [
        row.member_number.as_str(),
        &row.names.zh_hans,
        &row.names.zh_hant,
        &row.names.en,
        row.names.pt.as_deref().unwrap_or("\u{0}"),
        &row.framework,
        &row.level,
        &row.specialty,
        &day(row.awarded_on),
        &row.certificate_number,
        row.standing.code(),
        &since,
        employer,
        &hours,
        &until,
        education.as_deref().unwrap_or("\u{0}"),
    ] {
        h.update(field.as_bytes());
        h.update([0x1e]);
    }
    hex(&h.finalize()[..16])
}

/// How a statement's parameters are written. PostgreSQL needs `$n`; SQLite takes `$n` too,
/// but looks each numbered name up in a list, so a statement with thousands of them spends
/// its time there (quadratic in their number), while plain `?` parameters bind in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marks {
    Numbered,
    Positional,
}

impl Marks {
    fn of(conn: &AnyConnection) -> Marks {
        if conn.backend_name().eq_ignore_ascii_case("sqlite") {
            Marks::Positional
        } else {
            Marks::Numbered
        }
    }

    fn push(self, out: &mut String, n: usize) {
        match self {
            Marks::Numbered => {
                out.push('$');
                out.push_str(&n.to_string());
            }
            Marks::Positional => out.push('?'),
        }
    }

    /// `a, b, c` for `n` values.
    fn list(self, n: usize) -> String {
        let mut out = String::with_capacity(n * 6);
        for i in 0..n {
            if i > 0 {
                out.push_str(", ");
            }
            self.push(&mut out, i + 1);
        }
        out
    }

    /// `(…), (…)` for `rows` rows of `width` values.
    fn rows(self, width: usize, rows: usize) -> String {
        let mut out = String::with_capacity(rows * width * 7);
        for r in 0..rows {
            if r > 0 {
                out.push_str(", ");
            }
            out.push('(');
            for c in 0..width {
                if c > 0 {
                    out.push_str(", ");
                }
                self.push(&mut out, r * width + c + 1);
            }
            out.push(')');
        }
        out
    }
}

type AnyQuery = Query<'static, Any, AnyArguments>;

/// Runs `head VALUES (…), (…) tail` over `items` in as few statements as the parameter
/// limit allows, binding each item's `width` values with `bind`.
async fn insert_many<T>(
    conn: &mut AnyConnection,
    head: &str,
    tail: &str,
    width: usize,
    items: &[T],
    bind: impl Fn(AnyQuery, &T) -> AnyQuery,
) -> Result<()> {
    let per_statement = (MAX_PARAMETERS / width).min(MAX_ROWS_PER_STATEMENT);
    let marks = Marks::of(conn);
    for chunk in items.chunks(per_statement) {
        let text = marks.rows(width, chunk.len());
        let mut q: AnyQuery = sqlx::query(sql!("{head} VALUES {text} {tail}"));
        for item in chunk {
            q = bind(q, item);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// Deletes the rows of `table` with these ids.
async fn delete_ids(conn: &mut AnyConnection, table: &str, ids: &[String]) -> Result<()> {
    let marks = Marks::of(conn);
    for chunk in ids.chunks(MAX_ROWS_PER_STATEMENT) {
        let list = marks.list(chunk.len());
        let mut q: AnyQuery = sqlx::query(sql!("DELETE FROM {table} WHERE id IN ({list})"));
        for id in chunk {
            q = q.bind(id.clone());
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

impl Store {
    /// What roster rows may refer to: the specialties and the levels of the frameworks in
    /// use (retired ones are not offered to new members).
    pub async fn roster_known(&self) -> Result<Known> {
        let specialties: Vec<(String,)> =
            sqlx::query_as("SELECT id FROM specialties WHERE retired_at IS NULL")
                .fetch_all(&self.pool)
                .await?;
        let levels: Vec<(String, String)> = sqlx::query_as(
            "SELECT l.framework_id, l.id FROM levels l
             JOIN frameworks f ON f.id = l.framework_id WHERE f.retired_at IS NULL",
        )
        .fetch_all(&self.pool)
        .await?;
        let mut known = Known {
            specialties: specialties.into_iter().map(|(s,)| s).collect(),
            levels: HashMap::new(),
        };
        for (framework, level) in levels {
            known.levels.entry(framework).or_default().insert(level);
        }
        Ok(known)
    }

    /// How many members the society's imported roster holds.
    pub async fn society_member_count(&self, society: &str) -> Result<u64> {
        let (n,): (i64,) =
            sqlx::query_as("SELECT COUNT(*) FROM society_members WHERE society_id = $1")
                .bind(society)
                .fetch_one(&self.pool)
                .await?;
        Ok(codec::count(n))
    }

    /// The engineer a society's member number stands for, if the roster has it.
    pub async fn society_member(
        &self,
        society: &str,
        member_number: &str,
    ) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT engineer_id FROM society_members WHERE society_id = $1 AND member_number = $2",
        )
        .bind(society)
        .bind(member_number)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    /// Opens a roster import: a connection of its own, tuned for bulk writes, on which
    /// [`RosterImport::batch`] writes each batch in its own transaction.
    pub async fn roster_import(&self) -> Result<RosterImport> {
        let mut conn = self.pool.acquire().await?;
        if self.engine() == Engine::Sqlite {
            // For this connection only: a page cache that holds the indexes a batch touches
            // (so they are not read again from the file batch after batch), temporary
            // b-trees in memory, and a checkpoint every 80 MB of log rather than 4 MB (pages
            // that several batches rewrite are copied into the database once). It is closed,
            // not pooled, when the import ends.
            conn.execute(IMPORT_PRAGMAS).await?;
        }
        Ok(RosterImport {
            conn: Some(conn),
            engine: self.engine(),
        })
    }
}

/// The pragmas of a SQLite roster import's connection.
const IMPORT_PRAGMAS: &str =
    "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 20000;";

/// A roster import in progress, holding its own connection (see [`Store::roster_import`]).
/// Dropping it, whether the import ended or was cancelled mid-batch, rolls back any batch in
/// flight and closes the connection.
pub struct RosterImport {
    conn: Option<PoolConnection<Any>>,
    engine: Engine,
}

impl Drop for RosterImport {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take() {
            // SQLite: the connection keeps its import pragmas, so it never goes back to the
            // pool (which opens another when needed). PostgreSQL: nothing to undo.
            match self.engine {
                Engine::Sqlite => drop(conn.detach()),
                Engine::Postgres => drop(conn),
            }
        }
    }
}

impl RosterImport {
    /// Imports one batch of a society's roster in one transaction with one audit event:
    /// either the whole batch is written, or none of it.
    pub async fn batch(
        &mut self,
        actor: &str,
        now: Timestamp,
        society: &str,
        rows: &[RosterRow],
        source: &BatchSource<'_>,
    ) -> Result<BatchOutcome> {
        let conn = self.conn.as_mut().expect("open until dropped");
        crate::db::counted(1);
        let mut tx = match self.engine {
            // The write lock at once, so concurrent writers queue instead of failing mid-way.
            Engine::Sqlite => conn.begin_with("BEGIN IMMEDIATE").await?,
            Engine::Postgres => {
                // Writers queue on the audit chain's head, as in `Store::write`.
                let mut tx = conn.begin().await?;
                sqlx::query("SELECT seq FROM audit_head WHERE id = 1 FOR UPDATE")
                    .execute(&mut *tx)
                    .await?;
                tx
            }
        };
        let outcome = upsert_roster(&mut tx, self.engine, now, society, rows).await?;
        append_audit(
            &mut tx,
            actor,
            now,
            "roster.import_batch",
            society,
            json!({
                "file": source.file,
                "batch": source.batch,
                "lines": [source.first_line, source.last_line],
                "rows": rows.len(),
                "inserted": outcome.inserted,
                "updated": outcome.updated,
                "unchanged": outcome.unchanged,
            }),
        )
        .await?;
        crate::db::counted(1);
        tx.commit().await?;
        Ok(outcome)
    }
}

/// A row about to be written, with its derived ids.
struct Member<'a> {
    row: &'a RosterRow,
    engineer: String,
    digest: String,
}

/// Upserts the rows as members of `society`, on `conn` inside the batch's transaction: each
/// becomes (or updates) an engineer with the qualification the roster states, attested by the
/// society, and the experience, CPD and education it gives. Member numbers must be distinct
/// within `rows`.
///
/// On SQLite the search indexes are written once for the whole batch at its end (migration
/// 0016): the row of `search_deferred`, held for the batch, tells the per-row triggers to
/// skip.
async fn upsert_roster(
    conn: &mut AnyConnection,
    engine: Engine,
    now: Timestamp,
    society: &str,
    rows: &[RosterRow],
) -> Result<BatchOutcome> {
    if rows.is_empty() {
        return Ok(BatchOutcome::default());
    }
    let deferred = engine == Engine::Sqlite;
    if deferred {
        sqlx::query("INSERT INTO search_deferred (id) VALUES (1)")
            .execute(&mut *conn)
            .await?;
    }
    let outcome = upsert_members(conn, now, society, rows).await?;
    if deferred {
        if let Some(ids) = &outcome.1 {
            index_search(conn, ids).await?;
        }
        sqlx::query("DELETE FROM search_deferred")
            .execute(&mut *conn)
            .await?;
    }
    Ok(outcome.0)
}

/// The search text of engineer `e` in `engineer_search`, as migration 0012 writes it.
const ENGINEER_SEARCH_TEXT: &str =
    "'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
        || ' ꙮꙮ' || COALESCE(e.name_pt, '')
        || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                     FROM society_members m WHERE m.engineer_id = e.id), '')";

/// Indexes the engineers written by a batch (`ids`, a JSON array) for search, as the
/// triggers of migration 0012 would have row by row: their own entries, and those of the
/// listed certificates they hold.
async fn index_search(conn: &mut AnyConnection, ids: &str) -> Result<()> {
    let batch = "SELECT value FROM json_each(?)";
    for statement in [
        format!(
            "DELETE FROM engineer_search WHERE rowid IN (SELECT rowid FROM engineers WHERE id IN ({batch}))"
        ),
        format!(
            "INSERT INTO engineer_search (rowid, t)
             SELECT e.rowid, {ENGINEER_SEARCH_TEXT} FROM engineers e WHERE e.id IN ({batch})"
        ),
        format!(
            "DELETE FROM register_search WHERE rowid IN (
                 SELECT c.rowid FROM applications a JOIN credentials c ON c.application_id = a.id
                 WHERE a.engineer_id IN ({batch}))"
        ),
        format!(
            "INSERT INTO register_search (rowid, t)
             SELECT c.rowid, 'ꙮꙮ' || e.name_zh_hans || ' ꙮꙮ' || e.name_zh_hant || ' ꙮꙮ' || e.name_en
                 || ' ꙮꙮ' || COALESCE(e.name_pt, '') || ' ꙮꙮ' || c.id
                 || COALESCE((SELECT ' ' || group_concat('ꙮꙮ' || m.member_number, ' ')
                              FROM society_members m WHERE m.engineer_id = e.id), '')
             FROM applications a JOIN credentials c ON c.application_id = a.id
                  JOIN engineers e ON e.id = a.engineer_id
             WHERE a.engineer_id IN ({batch})
               AND c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL"
        ),
    ] {
        sqlx::query(sql!("{statement}"))
            .bind(ids.to_string())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Writes the batch's rows (see [`upsert_roster`]): what it did, and the engineers it wrote
/// as a JSON array (`None` when every row was unchanged).
async fn upsert_members(
    conn: &mut AnyConnection,
    now: Timestamp,
    society: &str,
    rows: &[RosterRow],
) -> Result<(BatchOutcome, Option<String>)> {
    let at = codec::instant(now);
    // The day in the Greater Bay Area (UTC+8 all year), as the platform counts days.
    let today = TimeZone::fixed(Offset::constant(8)).to_datetime(now).date();
    let members: Vec<Member> = rows
        .iter()
        .map(|row| Member {
            engineer: member_engineer_id(society, &row.member_number),
            digest: row_digest(row),
            row,
        })
        .collect();
    crate::db::counted(1);

    // The members first: the answer says which rows are new or changed, and only those
    // are written further. The engineer reference is checked at commit.
    let mut changed: HashMap<String, i64> = HashMap::new();
    let per_statement = (MAX_PARAMETERS / 6).min(MAX_ROWS_PER_STATEMENT);
    let marks = Marks::of(conn);
    for chunk in members.chunks(per_statement) {
        let text = marks.rows(6, chunk.len());
        let mut q = sqlx::query_as::<_, (String, i64)>(sql!(
            "INSERT INTO society_members
                 (society_id, member_number, engineer_id, row_digest, created_at, updated_at)
             VALUES {text}
             ON CONFLICT (society_id, member_number) DO UPDATE SET
                 row_digest = excluded.row_digest,
                 revision = society_members.revision + 1,
                 updated_at = excluded.updated_at
             WHERE society_members.row_digest <> excluded.row_digest
             RETURNING member_number, revision"
        ));
        for m in chunk {
            q = q
                .bind(society.to_string())
                .bind(m.row.member_number.clone())
                .bind(m.engineer.clone())
                .bind(m.digest.clone())
                .bind(at.clone())
                .bind(at.clone());
        }
        changed.extend(q.fetch_all(&mut *conn).await?);
    }
    let written: Vec<&Member> = members
        .iter()
        .filter(|m| changed.contains_key(&m.row.member_number))
        .collect();
    let updated: HashSet<&str> = changed
        .iter()
        .filter(|(_, revision)| **revision > 1)
        .map(|(m, _)| m.as_str())
        .collect();
    let outcome = BatchOutcome {
        inserted: (changed.len() - updated.len()) as u64,
        updated: updated.len() as u64,
        unchanged: (members.len() - changed.len()) as u64,
    };
    if written.is_empty() {
        return Ok((outcome, None));
    }

    insert_many(
        conn,
        "INSERT INTO engineers (id, name_zh_hans, name_zh_hant, name_en, name_pt, standing, created_at, updated_at)",
        "ON CONFLICT (id) DO UPDATE SET
             name_zh_hans = excluded.name_zh_hans, name_zh_hant = excluded.name_zh_hant,
             name_en = excluded.name_en, name_pt = excluded.name_pt,
             standing = excluded.standing, updated_at = excluded.updated_at",
        8,
        &written,
        |q, m| {
            let n = &m.row.names;
            q.bind(m.engineer.clone())
                .bind(n.zh_hans.clone())
                .bind(n.zh_hant.clone())
                .bind(n.en.clone())
                .bind(n.pt.clone())
                .bind(m.row.standing.code())
                .bind(at.clone())
                .bind(at.clone())
        },
    )
    .await?;

    let attested = QualificationStatus::Attested.code();
    insert_many(
        conn,
        "INSERT INTO qualifications (id, engineer_id, framework_id, level_id, specialty_id, society_id, awarded_on, certificate_number, status)",
        "ON CONFLICT (id) DO UPDATE SET
             framework_id = excluded.framework_id, level_id = excluded.level_id,
             specialty_id = excluded.specialty_id, society_id = excluded.society_id,
             awarded_on = excluded.awarded_on, certificate_number = excluded.certificate_number,
             status = excluded.status",
        9,
        &written,
        |q, m| {
            q.bind(format!("{}-q", m.engineer))
                .bind(m.engineer.clone())
                .bind(m.row.framework.clone())
                .bind(m.row.level.clone())
                .bind(m.row.specialty.clone())
                .bind(society.to_string())
                .bind(m.row.awarded_on.map(|d| d.to_string()))
                .bind(m.row.certificate_number.clone())
                .bind(attested)
        },
    )
    .await?;

    // Experience, CPD and education: written where the row gives them, removed where an
    // updated row no longer does.
    let (with, without): (Vec<&Member>, Vec<&Member>) =
        written.iter().partition(|m| m.row.experience.is_some());
    insert_many(
        conn,
        "INSERT INTO engineer_experience (id, engineer_id, specialty_id, started_on, employer)",
        "ON CONFLICT (id) DO UPDATE SET
             specialty_id = excluded.specialty_id, started_on = excluded.started_on,
             employer = excluded.employer",
        5,
        &with,
        |q, m| {
            let (since, employer) = m.row.experience.as_ref().expect("partitioned");
            q.bind(format!("{}-x", m.engineer))
                .bind(m.engineer.clone())
                .bind(m.row.specialty.clone())
                .bind(since.to_string())
                .bind(employer.clone())
        },
    )
    .await?;
    let gone = stale(&without, &updated, "-x");
    delete_ids(conn, "engineer_experience", &gone).await?;

    let (with, without): (Vec<&Member>, Vec<&Member>) =
        written.iter().partition(|m| m.row.cpd.is_some());
    insert_many(
        conn,
        "INSERT INTO engineer_cpd (id, engineer_id, hours, completed_on, activity)",
        "ON CONFLICT (id) DO UPDATE SET
             hours = excluded.hours, completed_on = excluded.completed_on,
             activity = excluded.activity",
        5,
        &with,
        |q, m| {
            let (hours, until) = m.row.cpd.expect("partitioned");
            q.bind(format!("{}-c", m.engineer))
                .bind(m.engineer.clone())
                .bind(i64::from(hours))
                .bind(until.unwrap_or(today).to_string())
                .bind(format!("CPD reported in the roster of {society}"))
        },
    )
    .await?;
    let gone = stale(&without, &updated, "-c");
    delete_ids(conn, "engineer_cpd", &gone).await?;

    let (with, without): (Vec<&Member>, Vec<&Member>) =
        written.iter().partition(|m| m.row.education.is_some());
    insert_many(
        conn,
        "INSERT INTO engineer_education (id, engineer_id, degree, institution, year, accreditation)",
        "ON CONFLICT (id) DO UPDATE SET
             degree = excluded.degree, institution = excluded.institution,
             year = excluded.year, accreditation = excluded.accreditation",
        6,
        &with,
        |q, m| {
            let e = m.row.education.as_ref().expect("partitioned");
            q.bind(format!("{}-e", m.engineer))
                .bind(m.engineer.clone())
                .bind(e.degree.clone())
                .bind(e.institution.clone())
                .bind(i64::from(e.year))
                .bind(e.accreditation.code())
        },
    )
    .await?;
    let gone = stale(&without, &updated, "-e");
    delete_ids(conn, "engineer_education", &gone).await?;

    let ids: Vec<&str> = written.iter().map(|m| m.engineer.as_str()).collect();
    Ok((outcome, Some(json!(ids).to_string())))
}

/// Ids of the entries that updated members no longer have (new members have none to remove).
fn stale(without: &[&Member], updated: &HashSet<&str>, suffix: &str) -> Vec<String> {
    without
        .iter()
        .filter(|m| updated.contains(m.row.member_number.as_str()))
        .map(|m| format!("{}{suffix}", m.engineer))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_distinct_and_in_member_order() {
        let a = member_engineer_id("hkie", "M1");
        assert_eq!(a, member_engineer_id("hkie", "M1"));
        assert!(a.starts_with('r') && a.ends_with(".M1"), "{a}");
        assert_eq!(a.len(), 12);
        assert_ne!(a, member_engineer_id("hkie", "M2"));
        assert_ne!(a, member_engineer_id("gdes", "M1"));
        assert_eq!(
            member_engineer_id("hkie", "A/1").split_once('.').unwrap().1,
            "A.1"
        );
        assert!(member_engineer_id("hkie", "M-0009") < member_engineer_id("hkie", "M-0010"));
    }

    #[test]
    fn values_are_numbered_in_order() {
        assert_eq!(Marks::Numbered.rows(2, 2), "($1, $2), ($3, $4)");
        assert_eq!(Marks::Positional.rows(2, 2), "(?, ?), (?, ?)");
        assert_eq!(Marks::Numbered.list(3), "$1, $2, $3");
    }
}
