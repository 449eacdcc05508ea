//! Societies of the register.

use crate::codec::{self, Entry, code};
use crate::error::{agreements_named, taken};
use crate::write::Write;
use crate::{Page, Paged, Result, Store, StoreError, agreements};
use serde_json::json;
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
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM societies WHERE {WHERE}
             ORDER BY CASE role WHEN 'coordinator' THEN 0 WHEN 'signatory' THEN 1 ELSE 2 END,
                      jurisdiction, abbreviation, id
             LIMIT $3 OFFSET $4"
        ))
        .bind(jurisdiction.clone())
        .bind(role.clone())
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        // The whole list counts itself.
        let total = if page == Page::ALL {
            rows.len() as u64
        } else {
            let (total,): (i64,) =
                sqlx::query_as(sql!("SELECT COUNT(*) FROM societies WHERE {WHERE}"))
                    .bind(jurisdiction)
                    .bind(role)
                    .fetch_one(&self.pool)
                    .await?;
            codec::count(total)
        };
        Ok(Paged {
            items: rows
                .into_iter()
                .map(Row::into_society)
                .collect::<Result<_>>()?,
            total,
        })
    }

    /// The society `id`, unless it is unknown or retired.
    pub async fn society(&self, id: &str) -> Result<Option<Society>> {
        active(&mut *self.pool.acquire().await?, id).await
    }
}

/// The society `id` unless retired, read on `conn` so that a write sees its own transaction.
async fn active(conn: &mut AnyConnection, id: &str) -> Result<Option<Society>> {
    let row: Option<Row> = sqlx::query_as(sql!(
        "SELECT {COLUMNS} FROM societies WHERE id = $1 AND retired_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(Row::into_society).transpose()
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

impl Write {
    /// Adds a society to the register. Its id must be new: a retired society keeps its id,
    /// because agreements and the audit log still name it.
    pub async fn create_society(&mut self, s: &Society) -> Result<()> {
        match codec::entry(self.conn(), "societies", &s.id).await? {
            Entry::Missing => {}
            e => return Err(taken("society", &s.id, e == Entry::Retired)),
        }
        insert(self.conn(), s).await?;
        let subject = format!("society:{}", s.id);
        self.audit("society.create", &subject, json!({ "after": s }))
            .await
    }

    /// Replaces every field of a society but its id; a retired society is no longer edited.
    pub async fn update_society(&mut self, s: &Society) -> Result<()> {
        let before = active(self.conn(), &s.id)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("society `{}`", s.id)))?;
        sqlx::query(
            "UPDATE societies SET names = $2, abbreviation = $3, jurisdiction = $4, role = $5,
                 sample = $6, website = $7, founded_on = $8, supervised_by = $9,
                 working_group_contact = $10
             WHERE id = $1",
        )
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
        .execute(self.conn())
        .await?;
        let subject = format!("society:{}", s.id);
        self.audit(
            "society.update",
            &subject,
            json!({ "before": before, "after": s }),
        )
        .await
    }

    /// Withdraws a society from the register, keeping it for history. Refused while it is a
    /// party to an agreement that has not expired: that agreement still binds it.
    pub async fn retire_society(&mut self, id: &str) -> Result<()> {
        if codec::entry(self.conn(), "societies", id).await? != Entry::Active {
            return Err(StoreError::NotFound(format!("society `{id}`")));
        }
        let binding = agreements::unexpired(
            self.conn(),
            "EXISTS (SELECT 1 FROM agreement_parties p WHERE p.agreement_id = a.id AND p.society_id = $1)",
            &[Some(id)],
        )
        .await?;
        if !binding.is_empty() {
            return Err(StoreError::Conflict(format!(
                "society `{id}` is a party to {} that {} not expired; expire {} first",
                agreements_named(&binding),
                if binding.len() == 1 { "has" } else { "have" },
                if binding.len() == 1 { "it" } else { "them" },
            )));
        }
        codec::retire(self, "societies", "society", id).await
    }
}
