//! Issued recognition certificates and their status bits. The signed documents are built
//! and verified in the web layer; this crate keeps them, assigns nothing by itself, and
//! records every issue and status change with its audit event.

use crate::codec;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use wanqiao_domain::LocalizedText;

/// A stored certificate.
#[derive(Debug, Clone, Serialize)]
pub struct Credential {
    pub id: String,
    pub application_id: String,
    pub society_id: String,
    /// The signed credential.
    pub document: serde_json::Value,
    pub revocation_index: u64,
    pub suspension_index: u64,
    pub revoked: bool,
    pub suspended: bool,
    pub status_reason: String,
    pub status_changed_at: Option<String>,
    pub issued_at: String,
    /// The holder consents to list it on the public register.
    pub public_register: bool,
    /// The certificate that corrected (and so revoked) this one.
    pub replaced_by: Option<String>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    application_id: String,
    society_id: String,
    document: String,
    revocation_index: i64,
    suspension_index: i64,
    revoked: i64,
    suspended: i64,
    status_reason: String,
    status_changed_at: Option<String>,
    issued_at: String,
    public_register: i64,
    replaced_by: Option<String>,
}

const COLUMNS: &str =
    "id, application_id, society_id, document, revocation_index, suspension_index,
    revoked, suspended, status_reason, status_changed_at, issued_at, public_register, replaced_by";

fn to_credential(r: Row) -> Result<Credential> {
    Ok(Credential {
        document: serde_json::from_str(&r.document)
            .map_err(|e| StoreError::Corrupt(format!("credentials.document: {e}")))?,
        id: r.id,
        application_id: r.application_id,
        society_id: r.society_id,
        revocation_index: u64::try_from(r.revocation_index).unwrap_or(0),
        suspension_index: u64::try_from(r.suspension_index).unwrap_or(0),
        revoked: r.revoked != 0,
        suspended: r.suspended != 0,
        status_reason: r.status_reason,
        status_changed_at: r.status_changed_at,
        issued_at: r.issued_at,
        public_register: r.public_register != 0,
        replaced_by: r.replaced_by,
    })
}

/// Which status list a bit belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Revocation,
    Suspension,
}

impl Purpose {
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            Purpose::Revocation => ("revocation_index", "revoked"),
            Purpose::Suspension => ("suspension_index", "suspended"),
        }
    }
}

/// A certificate to record, already signed.
#[derive(Debug, Clone)]
pub struct NewCredential<'a> {
    pub id: &'a str,
    pub application_id: &'a str,
    pub society_id: &'a str,
    pub document: &'a serde_json::Value,
    pub revocation_index: u64,
    pub suspension_index: u64,
}

/// What a certificate says, read in the transaction that approves the application.
#[derive(Debug, Clone)]
pub struct CertificateFacts {
    pub application_id: String,
    pub holder: LocalizedText,
    pub host_society: String,
    pub host_names: LocalizedText,
    pub home_society: Option<String>,
    pub home_names: Option<LocalizedText>,
    pub specialty: String,
    pub specialty_names: LocalizedText,
    pub framework: String,
    pub framework_names: LocalizedText,
    pub level: String,
    pub level_names: LocalizedText,
    pub agreement: Option<String>,
    pub agreement_titles: Option<LocalizedText>,
    pub agreement_version: Option<u32>,
    /// The frozen evaluation (the engine's decision), as JSON.
    pub evaluation: Option<serde_json::Value>,
}

fn index(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

impl Store {
    pub async fn credential(&self, id: &str) -> Result<Option<Credential>> {
        let row: Option<Row> =
            sqlx::query_as(sql!("SELECT {COLUMNS} FROM credentials WHERE id = $1"))
                .bind(id)
                .fetch_optional(&self.pool)
                .await?;
        row.map(to_credential).transpose()
    }

    /// The certificate an application's approval issued, or the one that last corrected it.
    pub async fn credential_of_application(&self, application: &str) -> Result<Option<String>> {
        let row: Option<(String,)> = sqlx::query_as(
            "SELECT id FROM credentials WHERE application_id = $1 AND replaced_by IS NULL
             ORDER BY issued_at DESC, id LIMIT 1",
        )
        .bind(application)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| r.0))
    }

    /// The certificates of the engineer profile linked to `user`, newest first.
    pub async fn credentials_of_user(&self, user: &str) -> Result<Vec<Credential>> {
        let cols = COLUMNS
            .split(',')
            .map(|c| format!("c.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ");
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT {cols} FROM credentials c
             JOIN applications a ON a.id = c.application_id
             JOIN engineers e ON e.id = a.engineer_id
             WHERE e.user_id = $1
             ORDER BY c.issued_at DESC, c.id"
        ))
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(to_credential).collect()
    }

    /// The account of the engineer a certificate was issued to, when they have one.
    pub async fn credential_holder(&self, id: &str) -> Result<Option<String>> {
        let row: Option<(Option<String>,)> = sqlx::query_as(
            "SELECT e.user_id FROM credentials c
             JOIN applications a ON a.id = c.application_id
             JOIN engineers e ON e.id = a.engineer_id
             WHERE c.id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.and_then(|r| r.0))
    }

    /// What the certificate of `application` says, from the current data.
    pub async fn certificate_facts(&self, application: &str) -> Result<CertificateFacts> {
        let mut conn = self.pool.acquire().await?;
        read_facts(&mut conn, application).await
    }

    /// The indexes set in `society`'s list for `purpose`: what its status list shows.
    pub async fn status_bits(&self, society: &str, purpose: Purpose) -> Result<Vec<u64>> {
        let (column, flag) = purpose.columns();
        let rows: Vec<(i64,)> = sqlx::query_as(sql!(
            "SELECT {column} FROM credentials WHERE society_id = $1 AND {flag} = 1 ORDER BY {column}"
        ))
        .bind(society)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| u64::try_from(r.0).ok())
            .collect())
    }
}

impl Write {
    /// The indexes `society` already assigned in its list for `purpose`.
    pub async fn taken_status_indexes(
        &mut self,
        society: &str,
        purpose: Purpose,
    ) -> Result<std::collections::HashSet<u64>> {
        let (column, _) = purpose.columns();
        let rows: Vec<(i64,)> = sqlx::query_as(sql!(
            "SELECT {column} FROM credentials WHERE society_id = $1"
        ))
        .bind(society)
        .fetch_all(self.conn())
        .await?;
        Ok(rows
            .into_iter()
            .filter_map(|r| u64::try_from(r.0).ok())
            .collect())
    }

    /// Records an issued certificate, names it on its application, and audits it.
    pub async fn insert_credential(&mut self, c: &NewCredential<'_>) -> Result<()> {
        let now = codec::instant(self.now());
        sqlx::query(
            "INSERT INTO credentials (id, application_id, society_id, document, revocation_index, suspension_index, issued_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(c.id)
        .bind(c.application_id)
        .bind(c.society_id)
        .bind(c.document.to_string())
        .bind(index(c.revocation_index))
        .bind(index(c.suspension_index))
        .bind(&now)
        .execute(self.conn())
        .await?;
        sqlx::query("UPDATE applications SET credential_id = $1 WHERE id = $2")
            .bind(c.id)
            .bind(c.application_id)
            .execute(self.conn())
            .await?;
        self.audit(
            "credential.issue",
            &format!("credential:{}", c.id),
            json!({ "application": c.application_id, "society": c.society_id }),
        )
        .await
    }

    /// Sets or clears a certificate's revocation or suspension bit, with its reason, audited
    /// as `credential.revoke`, `credential.unrevoke`, `credential.suspend` or
    /// `credential.unsuspend`. Returns whether the bit changed.
    pub async fn set_credential_status(
        &mut self,
        id: &str,
        purpose: Purpose,
        value: bool,
        reason: &str,
    ) -> Result<bool> {
        let (_, flag) = purpose.columns();
        let now = codec::instant(self.now());
        let changed = sqlx::query(sql!(
            "UPDATE credentials SET {flag} = $1, status_reason = $2, status_changed_at = $3
             WHERE id = $4 AND {flag} <> $1"
        ))
        .bind(codec::flag(value))
        .bind(reason)
        .bind(&now)
        .bind(id)
        .execute(self.conn())
        .await?
        .rows_affected()
            > 0;
        if changed {
            let action = match (purpose, value) {
                (Purpose::Revocation, true) => "credential.revoke",
                (Purpose::Revocation, false) => "credential.unrevoke",
                (Purpose::Suspension, true) => "credential.suspend",
                (Purpose::Suspension, false) => "credential.unsuspend",
            };
            self.audit(
                action,
                &format!("credential:{id}"),
                json!({ "reason": reason }),
            )
            .await?;
        }
        Ok(changed)
    }

    /// What the certificate of `application` says, as this transaction sees it.
    pub async fn certificate_facts(&mut self, application: &str) -> Result<CertificateFacts> {
        read_facts(self.conn(), application).await
    }

    /// Records the holder's consent (or its withdrawal) to list a certificate on the public
    /// register, audited as `credential.consent`.
    pub async fn set_public_register(&mut self, id: &str, listed: bool) -> Result<()> {
        sqlx::query("UPDATE credentials SET public_register = $1 WHERE id = $2")
            .bind(codec::flag(listed))
            .bind(id)
            .execute(self.conn())
            .await?;
        self.audit(
            "credential.consent",
            &format!("credential:{id}"),
            json!({ "public_register": listed }),
        )
        .await
    }

    /// Revokes `old` as corrected by `new`, with the pointer to it, audited as
    /// `credential.correct`. Returns false when `old` was already revoked or replaced.
    pub async fn replace_credential(&mut self, old: &str, new: &str, reason: &str) -> Result<bool> {
        let now = codec::instant(self.now());
        let changed = sqlx::query(
            "UPDATE credentials SET revoked = 1, replaced_by = $1, status_reason = $2,
                 status_changed_at = $3
             WHERE id = $4 AND revoked = 0 AND replaced_by IS NULL",
        )
        .bind(new)
        .bind(reason)
        .bind(&now)
        .bind(old)
        .execute(self.conn())
        .await?
        .rows_affected()
            > 0;
        if changed {
            self.audit(
                "credential.correct",
                &format!("credential:{old}"),
                json!({ "replaced_by": new, "reason": reason }),
            )
            .await?;
        }
        Ok(changed)
    }

    /// The names of a framework level (the recognised level), as this transaction sees them.
    pub async fn level_names(
        &mut self,
        framework: &str,
        level: &str,
    ) -> Result<Option<LocalizedText>> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT names FROM levels WHERE framework_id = $1 AND id = $2")
                .bind(framework)
                .bind(level)
                .fetch_optional(self.conn())
                .await?;
        row.map(|r| codec::read_text("levels.names", &r.0))
            .transpose()
    }
}

/// What the certificate of `application` says, read on `conn`.
async fn read_facts(conn: &mut sqlx::AnyConnection, application: &str) -> Result<CertificateFacts> {
    #[derive(sqlx::FromRow)]
    struct F {
        id: String,
        name_zh_hans: String,
        name_zh_hant: String,
        name_en: String,
        host_society_id: String,
        host_names: String,
        home_society_id: Option<String>,
        home_names: Option<String>,
        specialty_id: String,
        specialty_names: String,
        framework_id: String,
        framework_names: String,
        level_id: String,
        level_names: String,
        agreement_id: Option<String>,
        agreement_titles: Option<String>,
        agreement_version: Option<i64>,
        evaluation: Option<String>,
    }
    let f: Option<F> = sqlx::query_as(
        "SELECT a.id, e.name_zh_hans, e.name_zh_hant, e.name_en,
                a.host_society_id, hs.names AS host_names,
                a.home_society_id, ho.names AS home_names,
                a.specialty_id, sp.names AS specialty_names,
                q.framework_id, fw.names AS framework_names,
                q.level_id, lv.names AS level_names,
                a.agreement_id, ag.titles AS agreement_titles, a.agreement_version, a.evaluation
         FROM applications a
         JOIN engineers e ON e.id = a.engineer_id
         JOIN societies hs ON hs.id = a.host_society_id
         LEFT JOIN societies ho ON ho.id = a.home_society_id
         JOIN specialties sp ON sp.id = a.specialty_id
         JOIN qualifications q ON q.id = a.qualification_id
         JOIN frameworks fw ON fw.id = q.framework_id
         JOIN levels lv ON lv.framework_id = q.framework_id AND lv.id = q.level_id
         LEFT JOIN agreements ag ON ag.id = a.agreement_id
         WHERE a.id = $1",
    )
    .bind(application)
    .fetch_optional(&mut *conn)
    .await?;
    let f = f.ok_or_else(|| StoreError::NotFound(format!("application `{application}`")))?;
    Ok(CertificateFacts {
        application_id: f.id,
        holder: LocalizedText {
            zh_hans: f.name_zh_hans,
            zh_hant: f.name_zh_hant,
            en: f.name_en,
            pt: None,
        },
        host_names: codec::read_text("societies.names", &f.host_names)?,
        host_society: f.host_society_id,
        home_names: codec::read_opt_text("societies.names", f.home_names.as_deref())?,
        home_society: f.home_society_id,
        specialty_names: codec::read_text("specialties.names", &f.specialty_names)?,
        specialty: f.specialty_id,
        framework_names: codec::read_text("frameworks.names", &f.framework_names)?,
        framework: f.framework_id,
        level_names: codec::read_text("levels.names", &f.level_names)?,
        level: f.level_id,
        agreement_titles: codec::read_opt_text("agreements.titles", f.agreement_titles.as_deref())?,
        agreement: f.agreement_id,
        agreement_version: f.agreement_version.and_then(|v| u32::try_from(v).ok()),
        evaluation: f
            .evaluation
            .map(|e| serde_json::from_str(&e))
            .transpose()
            .map_err(|e| StoreError::Corrupt(format!("applications.evaluation: {e}")))?,
    })
}
