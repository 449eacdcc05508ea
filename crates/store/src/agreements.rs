//! Agreements, their parties, versions and recognition rules.

use crate::codec::{self, code};
use crate::error::{OrConflict, taken};
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use sqlx::AnyConnection;
use std::collections::BTreeMap;
use wanqiao_domain::{
    Agreement, AgreementKind, AgreementStatus, AgreementVersion, Cpd, Date, Education,
    LocalizedText, RecognitionRule, Requirement, RuleSource, RuleTarget, VersionStatus,
};

/// Narrows a list of agreements; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct AgreementFilter {
    pub status: Option<AgreementStatus>,
    pub kind: Option<AgreementKind>,
    pub specialty: Option<String>,
    /// Agreements this society is a party to.
    pub society: Option<String>,
}

/// An agreement as lists show it: everything but the rules.
#[derive(Debug, Clone, Serialize)]
pub struct AgreementSummary {
    pub id: String,
    pub kind: AgreementKind,
    pub status: AgreementStatus,
    pub specialty: String,
    pub parties: Vec<String>,
    pub titles: LocalizedText,
    #[serde(with = "wanqiao_domain::date::option")]
    pub signed_on: Option<Date>,
    #[serde(with = "wanqiao_domain::date::option")]
    pub effective_from: Option<Date>,
    #[serde(with = "wanqiao_domain::date::option")]
    pub effective_until: Option<Date>,
    pub sample: bool,
    /// The number of the version in force, when there is one.
    pub version_in_force: Option<u32>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    kind: String,
    status: String,
    specialty_id: String,
    titles: String,
    signed_on: Option<String>,
    effective_from: Option<String>,
    effective_until: Option<String>,
    sample: i64,
    notes: Option<String>,
    version_in_force: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct VersionRow {
    agreement_id: String,
    number: i64,
    status: String,
    effective_from: Option<String>,
    notes: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RuleRow {
    agreement_id: String,
    version_number: i64,
    from_framework: String,
    from_min_level: String,
    to_society: String,
    to_level: String,
    min_experience_years: i64,
    education: String,
    cpd_hours: Option<i64>,
    cpd_within_years: Option<i64>,
    requires: String,
}

fn small(n: i64) -> u32 {
    u32::try_from(n).unwrap_or(0)
}

impl Row {
    fn summary(&self, parties: Vec<String>) -> Result<AgreementSummary> {
        Ok(AgreementSummary {
            id: self.id.clone(),
            kind: code("agreements.kind", &self.kind, AgreementKind::parse)?,
            status: code("agreements.status", &self.status, AgreementStatus::parse)?,
            specialty: self.specialty_id.clone(),
            parties,
            titles: codec::read_text("agreements.titles", &self.titles)?,
            signed_on: codec::read_opt_day("agreements.signed_on", self.signed_on.as_deref())?,
            effective_from: codec::read_opt_day(
                "agreements.effective_from",
                self.effective_from.as_deref(),
            )?,
            effective_until: codec::read_opt_day(
                "agreements.effective_until",
                self.effective_until.as_deref(),
            )?,
            sample: self.sample != 0,
            version_in_force: self.version_in_force.map(small),
        })
    }
}

impl RuleRow {
    fn into_rule(self) -> Result<RecognitionRule> {
        let codes: Vec<String> = serde_json::from_str(&self.requires)
            .map_err(|e| StoreError::Corrupt(format!("recognition_rules.requires: {e}")))?;
        let requires = codes
            .iter()
            .map(|c| c.parse::<Requirement>().map_err(StoreError::Corrupt))
            .collect::<Result<_>>()?;
        let cpd = match (self.cpd_hours, self.cpd_within_years) {
            (Some(hours), Some(years)) => Some(Cpd {
                hours: small(hours),
                within_years: small(years),
            }),
            _ => None,
        };
        Ok(RecognitionRule {
            from: RuleSource {
                framework: self.from_framework,
                min_level: self.from_min_level,
            },
            to: RuleTarget {
                society: self.to_society,
                level: self.to_level,
            },
            min_experience_years: small(self.min_experience_years),
            education: code(
                "recognition_rules.education",
                &self.education,
                Education::parse,
            )?,
            cpd,
            requires,
        })
    }
}

const SELECT: &str = "SELECT a.id, a.kind, a.status, a.specialty_id, a.titles, a.signed_on,
        a.effective_from, a.effective_until, a.sample, a.notes,
        (SELECT MAX(v.number) FROM agreement_versions v
          WHERE v.agreement_id = a.id AND v.status = 'in-force') AS version_in_force
    FROM agreements a";
const WHERE: &str = "($1 IS NULL OR a.status = $1) AND ($2 IS NULL OR a.kind = $2)
    AND ($3 IS NULL OR a.specialty_id = $3)
    AND ($4 IS NULL OR EXISTS (SELECT 1 FROM agreement_parties p
                               WHERE p.agreement_id = a.id AND p.society_id = $4))";

impl Store {
    /// In force first, then letters of intent and the rest; newest signature first.
    pub async fn agreements(
        &self,
        filter: &AgreementFilter,
        page: Page,
    ) -> Result<Paged<AgreementSummary>> {
        let binds = [
            filter.status.map(|s| s.code().to_string()),
            filter.kind.map(|k| k.code().to_string()),
            filter.specialty.clone(),
            filter.society.clone(),
        ];
        let list_sql = sql!(
            "{SELECT} WHERE {WHERE}
             ORDER BY CASE a.status WHEN 'in-force' THEN 0 WHEN 'intent' THEN 1
                                    WHEN 'draft' THEN 2 WHEN 'suspended' THEN 3 ELSE 4 END,
                      a.signed_on DESC, a.id
             LIMIT $5 OFFSET $6"
        );
        let mut list = sqlx::query_as::<_, Row>(list_sql);
        for b in &binds {
            list = list.bind(b.clone());
        }
        let rows = list
            .bind(codec::limit(page))
            .bind(codec::offset(page))
            .fetch_all(&self.pool)
            .await?;
        // The whole list counts itself.
        let total = if page == Page::ALL {
            rows.len() as u64
        } else {
            let count_sql = sql!("SELECT COUNT(*) FROM agreements a WHERE {WHERE}");
            let mut count = sqlx::query_as::<_, (i64,)>(count_sql);
            for b in &binds {
                count = count.bind(b.clone());
            }
            codec::count(count.fetch_one(&self.pool).await?.0)
        };
        let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
        let mut parties = parties_of(&mut *self.pool.acquire().await?, &ids).await?;
        let items = rows
            .iter()
            .map(|r| r.summary(parties.remove(&r.id).unwrap_or_default()))
            .collect::<Result<_>>()?;
        Ok(Paged { items, total })
    }

    /// Every agreement in force with every version and rule, newest signature first, in a
    /// fixed number of statements.
    pub async fn agreements_in_force(&self) -> Result<Vec<Agreement>> {
        let mut conn = self.pool.acquire().await?;
        read_where(&mut conn, "a.status = $1", AgreementStatus::InForce.code()).await
    }

    /// One agreement with every version and rule.
    pub async fn agreement(&self, id: &str) -> Result<Option<Agreement>> {
        let mut conn = self.pool.acquire().await?;
        read(&mut conn, id).await
    }
}

/// One agreement with every version and rule, read on `conn` so that a write sees its own
/// transaction.
pub(crate) async fn read(conn: &mut AnyConnection, id: &str) -> Result<Option<Agreement>> {
    Ok(read_where(conn, "a.id = $1", id).await?.pop())
}

/// Every agreement `condition` (on `agreements a`, with `bind` as `$1`) finds, with every
/// version and rule, newest signature first: five statements on `conn`, however many match.
async fn read_where(
    conn: &mut AnyConnection,
    condition: &str,
    bind: &str,
) -> Result<Vec<Agreement>> {
    let rows: Vec<Row> = sqlx::query_as(sql!(
        "{SELECT} WHERE {condition} ORDER BY a.signed_on DESC, a.id"
    ))
    .bind(bind)
    .fetch_all(&mut *conn)
    .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<&str> = rows.iter().map(|r| r.id.as_str()).collect();
    let mut parties = parties_of(&mut *conn, &ids).await?;
    let matching = format!("SELECT a.id FROM agreements a WHERE {condition}");
    let versions: Vec<VersionRow> = sqlx::query_as(sql!(
        "SELECT agreement_id, number, status, effective_from, notes FROM agreement_versions
         WHERE agreement_id IN ({matching}) ORDER BY agreement_id, number"
    ))
    .bind(bind)
    .fetch_all(&mut *conn)
    .await?;
    let rules: Vec<RuleRow> = sqlx::query_as(sql!(
        "SELECT agreement_id, version_number, from_framework, from_min_level, to_society,
                to_level, min_experience_years, education, cpd_hours, cpd_within_years, requires
         FROM recognition_rules WHERE agreement_id IN ({matching})
         ORDER BY agreement_id, version_number, position"
    ))
    .bind(bind)
    .fetch_all(&mut *conn)
    .await?;
    let settings: Vec<(String, Option<String>, Option<String>)> = sqlx::query_as(sql!(
        "SELECT a.id, a.deadlines, a.fees FROM agreements a WHERE {condition}"
    ))
    .bind(bind)
    .fetch_all(&mut *conn)
    .await?;
    let mut settings: BTreeMap<String, (Option<String>, Option<String>)> = settings
        .into_iter()
        .map(|(id, deadlines, fees)| (id, (deadlines, fees)))
        .collect();
    let mut rules_by_version: BTreeMap<(String, i64), Vec<RecognitionRule>> = BTreeMap::new();
    for r in rules {
        rules_by_version
            .entry((r.agreement_id.clone(), r.version_number))
            .or_default()
            .push(r.into_rule()?);
    }
    let mut versions_of: BTreeMap<String, Vec<AgreementVersion>> = BTreeMap::new();
    for v in versions {
        let rules = rules_by_version
            .remove(&(v.agreement_id.clone(), v.number))
            .unwrap_or_default();
        versions_of
            .entry(v.agreement_id)
            .or_default()
            .push(AgreementVersion {
                number: small(v.number),
                status: code("agreement_versions.status", &v.status, VersionStatus::parse)?,
                effective_from: codec::read_opt_day(
                    "agreement_versions.effective_from",
                    v.effective_from.as_deref(),
                )?,
                notes: v.notes,
                rules,
            });
    }
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let summary = row.summary(parties.remove(&row.id).unwrap_or_default())?;
        let (deadlines, fees) = settings.remove(&row.id).unwrap_or_default();
        out.push(Agreement {
            versions: versions_of.remove(&summary.id).unwrap_or_default(),
            deadlines: crate::applications::read_deadlines(
                "agreements.deadlines",
                deadlines.as_deref(),
            )?,
            fees: crate::fees::read_fees(fees.as_deref())?,
            id: summary.id,
            kind: summary.kind,
            status: summary.status,
            specialty: summary.specialty,
            parties: summary.parties,
            titles: summary.titles,
            signed_on: summary.signed_on,
            effective_from: summary.effective_from,
            effective_until: summary.effective_until,
            sample: summary.sample,
            notes: codec::read_opt_text("agreements.notes", row.notes.as_deref())?,
        });
    }
    Ok(out)
}

async fn parties_of(
    conn: &mut AnyConnection,
    ids: &[&str],
) -> Result<BTreeMap<String, Vec<String>>> {
    if ids.is_empty() {
        return Ok(BTreeMap::new());
    }
    let sql = sql!(
        "SELECT agreement_id, society_id FROM agreement_parties
         WHERE agreement_id IN ({}) ORDER BY agreement_id, position",
        codec::placeholders(1, ids.len())
    );
    let mut query = sqlx::query_as::<_, (String, String)>(sql);
    for id in ids {
        query = query.bind(*id);
    }
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for (agreement, society) in query.fetch_all(&mut *conn).await? {
        out.entry(agreement).or_default().push(society);
    }
    Ok(out)
}

pub(crate) async fn insert(conn: &mut AnyConnection, a: &Agreement) -> Result<()> {
    sqlx::query(
        "INSERT INTO agreements (id, kind, status, specialty_id, titles, signed_on,
                                 effective_from, effective_until, sample, notes)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(&a.id)
    .bind(a.kind.code())
    .bind(a.status.code())
    .bind(&a.specialty)
    .bind(codec::text(&a.titles))
    .bind(codec::day(&a.signed_on))
    .bind(codec::day(&a.effective_from))
    .bind(codec::day(&a.effective_until))
    .bind(codec::flag(a.sample))
    .bind(codec::opt_text(&a.notes))
    .execute(&mut *conn)
    .await?;
    crate::applications::set_agreement_deadlines(&mut *conn, &a.id, &a.deadlines).await?;
    crate::fees::set_agreement_fees(&mut *conn, &a.id, &a.fees).await?;
    insert_parties(conn, a).await?;
    for v in &a.versions {
        insert_version(conn, &a.id, v).await?;
        insert_rules(conn, &a.id, v).await?;
    }
    Ok(())
}

/// Overwrites the stored agreement `before` with `after`, same id. Versions are updated in
/// place rather than deleted and inserted again, so whatever comes to refer to a version
/// (applications freeze the version they were submitted under) keeps referring to it.
async fn replace(conn: &mut AnyConnection, before: &Agreement, after: &Agreement) -> Result<()> {
    sqlx::query(
        "UPDATE agreements SET kind = $2, status = $3, specialty_id = $4, titles = $5,
             signed_on = $6, effective_from = $7, effective_until = $8, sample = $9, notes = $10
         WHERE id = $1",
    )
    .bind(&after.id)
    .bind(after.kind.code())
    .bind(after.status.code())
    .bind(&after.specialty)
    .bind(codec::text(&after.titles))
    .bind(codec::day(&after.signed_on))
    .bind(codec::day(&after.effective_from))
    .bind(codec::day(&after.effective_until))
    .bind(codec::flag(after.sample))
    .bind(codec::opt_text(&after.notes))
    .execute(&mut *conn)
    .await?;
    crate::applications::set_agreement_deadlines(&mut *conn, &after.id, &after.deadlines).await?;
    crate::fees::set_agreement_fees(&mut *conn, &after.id, &after.fees).await?;
    for table in ["agreement_parties", "recognition_rules"] {
        sqlx::query(sql!("DELETE FROM {table} WHERE agreement_id = $1"))
            .bind(&after.id)
            .execute(&mut *conn)
            .await?;
    }
    insert_parties(conn, after).await?;
    for gone in before
        .versions
        .iter()
        .filter(|v| !after.versions.iter().any(|w| w.number == v.number))
    {
        sqlx::query("DELETE FROM agreement_versions WHERE agreement_id = $1 AND number = $2")
            .bind(&after.id)
            .bind(i64::from(gone.number))
            .execute(&mut *conn)
            .await?;
    }
    for v in &after.versions {
        if before.versions.iter().any(|w| w.number == v.number) {
            update_version(conn, &after.id, v).await?;
        } else {
            insert_version(conn, &after.id, v).await?;
        }
        insert_rules(conn, &after.id, v).await?;
    }
    Ok(())
}

async fn insert_parties(conn: &mut AnyConnection, a: &Agreement) -> Result<()> {
    for (position, party) in a.parties.iter().enumerate() {
        sqlx::query(
            "INSERT INTO agreement_parties (agreement_id, society_id, position) VALUES ($1, $2, $3)",
        )
        .bind(&a.id)
        .bind(party)
        .bind(position as i64)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

async fn insert_version(
    conn: &mut AnyConnection,
    agreement: &str,
    v: &AgreementVersion,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO agreement_versions (agreement_id, number, status, effective_from, notes)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(agreement)
    .bind(i64::from(v.number))
    .bind(v.status.code())
    .bind(codec::day(&v.effective_from))
    .bind(&v.notes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn update_version(
    conn: &mut AnyConnection,
    agreement: &str,
    v: &AgreementVersion,
) -> Result<()> {
    sqlx::query(
        "UPDATE agreement_versions SET status = $3, effective_from = $4, notes = $5
         WHERE agreement_id = $1 AND number = $2",
    )
    .bind(agreement)
    .bind(i64::from(v.number))
    .bind(v.status.code())
    .bind(codec::day(&v.effective_from))
    .bind(&v.notes)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn insert_rules(
    conn: &mut AnyConnection,
    agreement: &str,
    v: &AgreementVersion,
) -> Result<()> {
    for (position, r) in v.rules.iter().enumerate() {
        let requires: Vec<String> = r.requires.iter().map(ToString::to_string).collect();
        sqlx::query(
            "INSERT INTO recognition_rules (agreement_id, version_number, position,
                 from_framework, from_min_level, to_society, to_level, min_experience_years,
                 education, cpd_hours, cpd_within_years, requires)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)",
        )
        .bind(agreement)
        .bind(i64::from(v.number))
        .bind(position as i64)
        .bind(&r.from.framework)
        .bind(&r.from.min_level)
        .bind(&r.to.society)
        .bind(&r.to.level)
        .bind(i64::from(r.min_experience_years))
        .bind(r.education.code())
        .bind(r.cpd.map(|c| i64::from(c.hours)))
        .bind(r.cpd.map(|c| i64::from(c.within_years)))
        .bind(serde_json::to_string(&requires).expect("codes serialise"))
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Ids of the agreements not yet expired that match `condition`, SQL about `a` (the
/// agreement) with `$1`, `$2`… bound to `binds` in order. Entries such agreements rely on
/// cannot be retired: an agreement that still binds its parties must keep making sense.
pub(crate) async fn unexpired(
    conn: &mut AnyConnection,
    condition: &str,
    binds: &[Option<&str>],
) -> Result<Vec<String>> {
    let mut query = sqlx::query_as::<_, (String,)>(sql!(
        "SELECT a.id FROM agreements a WHERE a.status <> 'expired' AND ({condition}) ORDER BY a.id"
    ));
    for b in binds {
        query = query.bind(*b);
    }
    let rows = query.fetch_all(conn).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

impl Write {
    /// Adds an agreement with its parties, versions and rules. The caller checks it against
    /// the register first (`Catalogue::check_agreement`); the database only guards the ids.
    pub async fn create_agreement(&mut self, a: &Agreement) -> Result<()> {
        let exists: Option<(i64,)> = sqlx::query_as("SELECT 1 FROM agreements WHERE id = $1")
            .bind(&a.id)
            .fetch_optional(self.conn())
            .await?;
        if exists.is_some() {
            return Err(taken("agreement", &a.id, false));
        }
        insert(self.conn(), a).await.or_conflict(|| refused(a))?;
        let subject = format!("agreement:{}", a.id);
        self.audit("agreement.create", &subject, json!({ "after": a }))
            .await
    }

    /// Replaces a stored agreement, versions and rules included, with `a`. `action` names the
    /// change in the audit log: `agreement.update` for an edit, or e.g.
    /// `agreement.bring_into_force` for a lifecycle step, so the log reads as the history of
    /// the agreement.
    pub async fn save_agreement(&mut self, a: &Agreement, action: &str) -> Result<()> {
        let before = read(self.conn(), &a.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("agreement `{}`", a.id)))?;
        replace(self.conn(), &before, a)
            .await
            .or_conflict(|| refused(a))?;
        let subject = format!("agreement:{}", a.id);
        self.audit(action, &subject, json!({ "before": before, "after": a }))
            .await
    }
}

/// Why the database refused an agreement the caller did not check against the register.
fn refused(a: &Agreement) -> String {
    format!(
        "agreement `{}` names a society, specialty or level the register does not hold, or lists a party or version twice; check it against the register and correct it",
        a.id
    )
}
