//! Engineer profiles and what they hold.

use crate::codec::{self, code};
use crate::secret::{hex, new_id, new_token};
use crate::write::Write;
use crate::{Page, Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use wanqiao_domain::LocalizedText;
use wanqiao_domain::engineer::{
    Accreditation, CpdRecord, EducationEntry, EngineerProfile, ExperienceEntry, IdKind,
    IdentityDocument, Qualification, QualificationStatus, Standing, mask, normalize_id_number,
};

/// An engineer as lists show them.
#[derive(Debug, Clone, Serialize)]
pub struct EngineerSummary {
    pub id: String,
    pub names: LocalizedText,
    pub standing: Standing,
    pub qualifications: u64,
}

/// Narrows a list of engineers; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct EngineerFilter {
    /// Engineers holding a qualification certified by one of these societies.
    pub societies: Option<Vec<String>>,
    /// The engineer profile of this account.
    pub user_id: Option<String>,
    /// A name in any script (or part of one), a member number or a certificate id: see
    /// [`crate::search`].
    pub text: Option<String>,
}

/// The most ids one statement of [`Store::engineer_names`] binds, well under every engine's
/// limit on parameters.
const NAMES_AT_ONCE: usize = 500;

/// The particulars of a profile, as written by its owner or an administrator.
#[derive(Debug, Clone)]
pub struct Particulars {
    pub names: LocalizedText,
    pub standing: Standing,
    /// A new identity document, as given: only its kind, mask and digest are kept.
    pub identity: Option<(IdKind, String)>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    user_id: Option<String>,
    name_zh_hans: String,
    name_zh_hant: String,
    name_en: String,
    name_pt: Option<String>,
    id_kind: Option<String>,
    id_masked: Option<String>,
    standing: String,
}

const COLUMNS: &str =
    "id, user_id, name_zh_hans, name_zh_hant, name_en, name_pt, id_kind, id_masked, standing";

impl Row {
    fn names(&self) -> LocalizedText {
        LocalizedText {
            zh_hans: self.name_zh_hans.clone(),
            zh_hant: self.name_zh_hant.clone(),
            en: self.name_en.clone(),
            pt: self.name_pt.clone(),
        }
    }
}

impl Store {
    /// A whole profile.
    pub async fn engineer(&self, id: &str) -> Result<Option<EngineerProfile>> {
        let row: Option<Row> =
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM engineers WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        let Some(row) = row else { return Ok(None) };
        let identity = match (&row.id_kind, &row.id_masked) {
            (Some(kind), Some(masked)) => Some(IdentityDocument {
                kind: code("engineers.id_kind", kind, IdKind::parse)?,
                masked: masked.clone(),
            }),
            _ => None,
        };
        let education: Vec<(String, String, String, i64, String)> = sqlx::query_as(
            "SELECT id, degree, institution, year, accreditation FROM engineer_education WHERE engineer_id = $1 ORDER BY year, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let experience: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(
            "SELECT id, specialty_id, started_on, ended_on, employer FROM engineer_experience WHERE engineer_id = $1 ORDER BY started_on, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let cpd: Vec<(String, i64, String, String)> = sqlx::query_as(
            "SELECT id, hours, completed_on, activity FROM engineer_cpd WHERE engineer_id = $1 ORDER BY completed_on, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        type QRow = (
            String,
            String,
            String,
            String,
            Option<String>,
            Option<String>,
            String,
            String,
        );
        let qualifications: Vec<QRow> = sqlx::query_as(
            "SELECT id, framework_id, level_id, specialty_id, society_id, awarded_on, certificate_number, status
             FROM qualifications WHERE engineer_id = $1 ORDER BY specialty_id, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        Ok(Some(EngineerProfile {
            names: row.names(),
            standing: code("engineers.standing", &row.standing, Standing::parse)?,
            identity,
            education: education
                .into_iter()
                .map(|(id, degree, institution, year, acc)| {
                    Ok(EducationEntry {
                        id,
                        degree,
                        institution,
                        year: i32::try_from(year).unwrap_or_default(),
                        accreditation: code(
                            "engineer_education.accreditation",
                            &acc,
                            Accreditation::parse,
                        )?,
                    })
                })
                .collect::<Result<_>>()?,
            experience: experience
                .into_iter()
                .map(|(id, specialty, started, ended, employer)| {
                    Ok(ExperienceEntry {
                        id,
                        specialty,
                        started_on: codec::read_day("engineer_experience.started_on", &started)?,
                        ended_on: codec::read_opt_day(
                            "engineer_experience.ended_on",
                            ended.as_deref(),
                        )?,
                        employer,
                    })
                })
                .collect::<Result<_>>()?,
            cpd: cpd
                .into_iter()
                .map(|(id, hours, on, activity)| {
                    Ok(CpdRecord {
                        id,
                        hours: u32::try_from(hours).unwrap_or_default(),
                        completed_on: codec::read_day("engineer_cpd.completed_on", &on)?,
                        activity,
                    })
                })
                .collect::<Result<_>>()?,
            qualifications: qualifications
                .into_iter()
                .map(
                    |(id, framework, level, specialty, society, awarded, number, status)| {
                        Ok(Qualification {
                            id,
                            framework,
                            level,
                            specialty,
                            society,
                            awarded_on: codec::read_opt_day(
                                "qualifications.awarded_on",
                                awarded.as_deref(),
                            )?,
                            certificate_number: number,
                            status: code(
                                "qualifications.status",
                                &status,
                                QualificationStatus::parse,
                            )?,
                        })
                    },
                )
                .collect::<Result<_>>()?,
            id: row.id,
            user_id: row.user_id,
        }))
    }

    /// The names of the engineers `ids` (unknown ids left out), in a statement per
    /// [`NAMES_AT_ONCE`] ids: lists show many engineers and need nothing else of them.
    pub async fn engineer_names(&self, ids: &[&str]) -> Result<BTreeMap<String, LocalizedText>> {
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        let mut out = BTreeMap::new();
        for chunk in ids.chunks(NAMES_AT_ONCE) {
            let mut q = sqlx::query_as::<_, (String, String, String, String, Option<String>)>(
                sql!(
                    "SELECT id, name_zh_hans, name_zh_hant, name_en, name_pt FROM engineers WHERE id IN ({})",
                    codec::placeholders(1, chunk.len())
                ),
            );
            for id in chunk {
                q = q.bind(*id);
            }
            for (id, zh_hans, zh_hant, en, pt) in q.fetch_all(&self.pool).await? {
                let names = LocalizedText {
                    zh_hans,
                    zh_hant,
                    en,
                    pt,
                };
                out.insert(id, names);
            }
        }
        Ok(out)
    }

    /// The account of the profile `id`: `None` when it has none or is unknown.
    pub async fn engineer_user(&self, id: &str) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> =
            sqlx::query_as("SELECT user_id FROM engineers WHERE id = $1")
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// Whether one of `societies` certified a qualification of the engineer, or is the home
    /// or host society of one of the engineer's applications: one statement.
    pub async fn engineer_concerns(&self, engineer: &str, societies: &[String]) -> Result<bool> {
        if societies.is_empty() {
            return Ok(false);
        }
        let list = codec::placeholders(2, societies.len());
        let mut q = sqlx::query_as::<_, (i64,)>(sql!(
            "SELECT COUNT(*) FROM (
                SELECT id FROM qualifications WHERE engineer_id = $1 AND society_id IN ({list})
                UNION ALL
                SELECT id FROM applications WHERE engineer_id = $1
                  AND (host_society_id IN ({list}) OR home_society_id IN ({list}))
             ) concerned"
        ))
        .bind(engineer);
        for s in societies {
            q = q.bind(s);
        }
        Ok(q.fetch_one(&self.pool).await?.0 > 0)
    }

    /// The profile of an account, if it has one.
    pub async fn engineer_of_user(&self, user_id: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as("SELECT id FROM engineers WHERE user_id = $1")
            .bind(user_id)
            .fetch_optional(&self.pool)
            .await?;
        Ok(row.map(|r| r.0))
    }

    /// By English name, then id; with a text, its exact matches first. Counts stop at
    /// [`crate::search::COUNT_CAP`].
    pub async fn engineers(
        &self,
        filter: &EngineerFilter,
        page: Page,
    ) -> Result<crate::search::Found<EngineerSummary>> {
        self.search_engineers(filter, page).await
    }
}

impl Write {
    /// The key of identity-number digests, created on first use. Digests let the platform
    /// match one person across rosters without keeping the number.
    async fn digest_key(&mut self) -> Result<String> {
        let found: Option<(String,)> =
            sqlx::query_as("SELECT value FROM platform_secrets WHERE name = 'identity-digest-key'")
                .fetch_optional(self.conn())
                .await?;
        if let Some((key,)) = found {
            return Ok(key);
        }
        let key = new_token();
        sqlx::query(
            "INSERT INTO platform_secrets (name, value) VALUES ('identity-digest-key', $1)",
        )
        .bind(&key)
        .execute(self.conn())
        .await?;
        Ok(key)
    }

    async fn identity_columns(
        &mut self,
        identity: &Option<(IdKind, String)>,
    ) -> Result<(Option<String>, Option<String>, Option<String>)> {
        let Some((kind, number)) = identity else {
            return Ok((None, None, None));
        };
        let key = self.digest_key().await?;
        let mut h = Sha256::new();
        h.update(key.as_bytes());
        h.update(kind.code().as_bytes());
        h.update(normalize_id_number(number).as_bytes());
        Ok((
            Some(kind.code().to_string()),
            Some(mask(number)),
            Some(hex(&h.finalize())),
        ))
    }

    /// Creates a profile; an account has at most one.
    pub async fn create_engineer(
        &mut self,
        user_id: Option<&str>,
        p: &Particulars,
    ) -> Result<String> {
        if let Some(user) = user_id {
            let taken: Option<(String,)> =
                sqlx::query_as("SELECT id FROM engineers WHERE user_id = $1")
                    .bind(user)
                    .fetch_optional(self.conn())
                    .await?;
            if taken.is_some() {
                return Err(StoreError::Conflict(
                    "this account already has an engineer profile".into(),
                ));
            }
        }
        let id = new_id();
        let now = codec::instant(self.now());
        let (kind, masked, digest) = self.identity_columns(&p.identity).await?;
        sqlx::query(
            "INSERT INTO engineers (id, user_id, name_zh_hans, name_zh_hant, name_en, name_pt, id_kind, id_masked, id_digest, standing, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
        )
        .bind(&id)
        .bind(user_id)
        .bind(p.names.zh_hans.trim())
        .bind(p.names.zh_hant.trim())
        .bind(p.names.en.trim())
        .bind(&p.names.pt)
        .bind(&kind)
        .bind(&masked)
        .bind(&digest)
        .bind(p.standing.code())
        .bind(&now)
        .execute(self.conn())
        .await?;
        // The masked number is safe to record; the number itself never is.
        self.audit(
            "engineer.create",
            &format!("engineer:{id}"),
            json!({ "names": p.names, "identity": masked, "standing": p.standing }),
        )
        .await?;
        Ok(id)
    }

    pub async fn update_engineer(&mut self, id: &str, p: &Particulars) -> Result<()> {
        let now = codec::instant(self.now());
        let (kind, masked, digest) = self.identity_columns(&p.identity).await?;
        let done = sqlx::query(
            "UPDATE engineers SET name_zh_hans = $1, name_zh_hant = $2, name_en = $3, name_pt = $4, standing = $5,
                 id_kind = COALESCE($6, id_kind), id_masked = COALESCE($7, id_masked), id_digest = COALESCE($8, id_digest),
                 updated_at = $9
             WHERE id = $10",
        )
        .bind(p.names.zh_hans.trim())
        .bind(p.names.zh_hant.trim())
        .bind(p.names.en.trim())
        .bind(&p.names.pt)
        .bind(p.standing.code())
        .bind(&kind)
        .bind(&masked)
        .bind(&digest)
        .bind(&now)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound(format!("engineer `{id}`")));
        }
        self.audit(
            "engineer.update",
            &format!("engineer:{id}"),
            json!({ "names": p.names, "identity": masked, "standing": p.standing }),
        )
        .await
    }

    pub async fn add_education(&mut self, engineer: &str, e: &EducationEntry) -> Result<String> {
        let id = new_id();
        sqlx::query("INSERT INTO engineer_education (id, engineer_id, degree, institution, year, accreditation) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(engineer)
            .bind(e.degree.trim())
            .bind(e.institution.trim())
            .bind(i64::from(e.year))
            .bind(e.accreditation.code())
            .execute(self.conn())
            .await?;
        self.audit(
            "engineer.education.add",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "entry": e }),
        )
        .await?;
        Ok(id)
    }

    pub async fn add_experience(&mut self, engineer: &str, e: &ExperienceEntry) -> Result<String> {
        let id = new_id();
        sqlx::query("INSERT INTO engineer_experience (id, engineer_id, specialty_id, started_on, ended_on, employer) VALUES ($1, $2, $3, $4, $5, $6)")
            .bind(&id)
            .bind(engineer)
            .bind(&e.specialty)
            .bind(e.started_on.to_string())
            .bind(codec::day(&e.ended_on))
            .bind(e.employer.trim())
            .execute(self.conn())
            .await?;
        self.audit(
            "engineer.experience.add",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "entry": e }),
        )
        .await?;
        Ok(id)
    }

    pub async fn add_cpd(&mut self, engineer: &str, c: &CpdRecord) -> Result<String> {
        let id = new_id();
        sqlx::query("INSERT INTO engineer_cpd (id, engineer_id, hours, completed_on, activity) VALUES ($1, $2, $3, $4, $5)")
            .bind(&id)
            .bind(engineer)
            .bind(i64::from(c.hours))
            .bind(c.completed_on.to_string())
            .bind(c.activity.trim())
            .execute(self.conn())
            .await?;
        self.audit(
            "engineer.cpd.add",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "entry": c }),
        )
        .await?;
        Ok(id)
    }

    /// Records a qualification as claimed: only its certifying society attests it.
    pub async fn add_qualification(&mut self, engineer: &str, q: &Qualification) -> Result<String> {
        let id = new_id();
        sqlx::query(
            "INSERT INTO qualifications (id, engineer_id, framework_id, level_id, specialty_id, society_id, awarded_on, certificate_number, status)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'claimed')",
        )
        .bind(&id)
        .bind(engineer)
        .bind(&q.framework)
        .bind(&q.level)
        .bind(&q.specialty)
        .bind(&q.society)
        .bind(codec::day(&q.awarded_on))
        .bind(q.certificate_number.trim())
        .execute(self.conn())
        .await?;
        self.audit(
            "engineer.qualification.add",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "entry": q }),
        )
        .await?;
        Ok(id)
    }

    /// Removes an entry of a profile (`education`, `experience`, `cpd`, `qualification`).
    pub async fn remove_entry(&mut self, engineer: &str, kind: EntryKind, id: &str) -> Result<()> {
        let done = sqlx::query(sql!(
            "DELETE FROM {} WHERE id = $1 AND engineer_id = $2",
            kind.table()
        ))
        .bind(id)
        .bind(engineer)
        .execute(self.conn())
        .await?
        .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound(format!("{} `{id}`", kind.name())));
        }
        self.audit(
            &format!("engineer.{}.remove", kind.name()),
            &format!("engineer:{engineer}"),
            json!({ "id": id }),
        )
        .await
    }

    /// Attests, refuses or lapses a qualification.
    pub async fn set_qualification_status(
        &mut self,
        engineer: &str,
        id: &str,
        status: QualificationStatus,
    ) -> Result<()> {
        let done =
            sqlx::query("UPDATE qualifications SET status = $1 WHERE id = $2 AND engineer_id = $3")
                .bind(status.code())
                .bind(id)
                .bind(engineer)
                .execute(self.conn())
                .await?
                .rows_affected();
        if done == 0 {
            return Err(StoreError::NotFound(format!("qualification `{id}`")));
        }
        self.audit(
            "engineer.qualification.status",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "status": status }),
        )
        .await
    }
}

/// The parts of a profile kept as lists of entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EntryKind {
    Education,
    Experience,
    Cpd,
    Qualification,
}

impl EntryKind {
    fn table(self) -> &'static str {
        match self {
            EntryKind::Education => "engineer_education",
            EntryKind::Experience => "engineer_experience",
            EntryKind::Cpd => "engineer_cpd",
            EntryKind::Qualification => "qualifications",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            EntryKind::Education => "education",
            EntryKind::Experience => "experience",
            EntryKind::Cpd => "cpd",
            EntryKind::Qualification => "qualification",
        }
    }
}
