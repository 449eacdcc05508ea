//! Societies of the register.

use crate::codec::{self, code};
use crate::{Page, Paged, Result, Store};
use sqlx::AnyConnection;
use wanqiao_domain::{Jurisdiction, Society, SocietyRole};

/// Narrows a list of societies; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct SocietyFilter {
    pub jurisdiction: Option<Jurisdiction>,
    pub role: Option<SocietyRole>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    names: String,
    abbreviation: String,
    jurisdiction: String,
    role: String,
    sample: i64,
    website: Option<String>,
    founded_on: Option<String>,
    supervised_by: Option<String>,
    working_group_contact: Option<String>,
}

impl Row {
    fn into_society(self) -> Result<Society> {
        Ok(Society {
            names: codec::read_text("societies.names", &self.names)?,
            jurisdiction: code("societies.jurisdiction", &self.jurisdiction, |s| {
                s.parse().ok()
            })?,
            role: code("societies.role", &self.role, SocietyRole::parse)?,
            sample: self.sample != 0,
            founded_on: codec::read_opt_day("societies.founded_on", self.founded_on.as_deref())?,
            supervised_by: codec::read_opt_text(
                "societies.supervised_by",
                self.supervised_by.as_deref(),
            )?,
            id: self.id,
            abbreviation: self.abbreviation,
            website: self.website,
            working_group_contact: self.working_group_contact,
        })
    }
}

const COLUMNS: &str = "id, names, abbreviation, jurisdiction, role, sample, website, founded_on, supervised_by, working_group_contact";
const WHERE: &str =
    "retired_at IS NULL AND ($1 IS NULL OR jurisdiction = $1) AND ($2 IS NULL OR role = $2)";

impl Store {
    /// The coordinator first, then signatories, then consulting societies, by region.
    pub async fn societies(&self, filter: &SocietyFilter, page: Page) -> Result<Paged<Society>> {
        let jurisdiction = filter.jurisdiction.map(|j| j.code().to_string());
        let role = filter.role.map(|r| r.code().to_string());
        let (total,): (i64,) = sqlx::query_as(sql!("SELECT COUNT(*) FROM societies WHERE {WHERE}"))
            .bind(jurisdiction.clone())
            .bind(role.clone())
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM societies WHERE {WHERE}
             ORDER BY CASE role WHEN 'coordinator' THEN 0 WHEN 'signatory' THEN 1 ELSE 2 END,
                      jurisdiction, abbreviation, id
             LIMIT $3 OFFSET $4"
        ))
        .bind(jurisdiction)
        .bind(role)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged {
            items: rows
                .into_iter()
                .map(Row::into_society)
                .collect::<Result<_>>()?,
            total: codec::count(total),
        })
    }

    pub async fn society(&self, id: &str) -> Result<Option<Society>> {
        let row: Option<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM societies WHERE id = $1 AND retired_at IS NULL"
        ))
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Row::into_society).transpose()
    }
}

pub(crate) async fn insert(conn: &mut AnyConnection, s: &Society) -> Result<()> {
    sqlx::query(sql!(
        "INSERT INTO societies ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)"
    ))
    .bind(&s.id)
    .bind(codec::text(&s.names))
    .bind(&s.abbreviation)
    .bind(s.jurisdiction.code())
    .bind(s.role.code())
    .bind(codec::flag(s.sample))
    .bind(&s.website)
    .bind(codec::day(&s.founded_on))
    .bind(codec::opt_text(&s.supervised_by))
    .bind(&s.working_group_contact)
    .execute(conn)
    .await?;
    Ok(())
}
