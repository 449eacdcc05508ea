//! The public register of recognised engineers: only certificates whose holders consented,
//! and never a revoked or replaced one.

use crate::codec;
use crate::search::{self, Found, Needle};
use crate::{Page, Result, Store};
use serde::Serialize;
use wanqiao_domain::LocalizedText;

/// One listed recognition.
#[derive(Debug, Clone, Serialize)]
pub struct Listed {
    pub credential: String,
    pub holder: LocalizedText,
    pub host_society: String,
    pub specialty: String,
    /// The level recognised, as the engine's evaluation named it.
    pub level: Option<String>,
    pub issued_at: String,
    pub suspended: bool,
}

/// What to look for; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct RegisterQuery {
    /// A name in any script (or part of one), or a certificate id (or its beginning): see
    /// [`crate::search`].
    pub text: Option<String>,
    pub specialty: Option<String>,
    pub society: Option<String>,
    /// The order asked for and whether it is reversed; `None` is the usual one (below).
    pub order: Option<(RegisterOrder, bool)>,
}

/// What the register can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegisterOrder {
    /// When the certificate was issued.
    Issued,
    /// The holder's name in Latin letters, the one every entry has.
    Name,
    /// The specialty.
    Specialty,
}

impl RegisterOrder {
    /// The `ORDER BY` list, from fixed column names only.
    fn sql(by: RegisterOrder, descending: bool) -> String {
        let dir = if descending { "DESC" } else { "ASC" };
        match by {
            RegisterOrder::Issued => format!("c.issued_at {dir}, c.id {dir}"),
            RegisterOrder::Name => format!("lower(e.name_en) {dir}, c.id"),
            RegisterOrder::Specialty => format!("a.specialty_id {dir}, lower(e.name_en), c.id"),
        }
    }
}

type Row = (
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    Option<String>,
    String,
    i64,
);

/// Listed certificates only, exactly as consented: never a revoked or replaced one. The
/// search indexes hold listed certificates only as well (migration 0012); the condition is
/// repeated here so the register never depends on them for who may appear.
const LISTED: &str = "c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL";

impl Store {
    /// With a text: exact matches (a whole name, the certificate id) first, then by English
    /// name (or the order asked for). Without one: most recent first (or the order asked for). Counts stop at [`search::COUNT_CAP`].
    pub async fn public_register(&self, q: &RegisterQuery, page: Page) -> Result<Found<Listed>> {
        let needle = q.text.as_deref().and_then(Needle::parse);
        let (bound, exact) = search::bind_parts(needle.as_ref(), self.engine());
        // $1: the needle as bound, $2: as text, $3: specialty, $4: society.
        let chosen = q
            .order
            .map(|(by, descending)| RegisterOrder::sql(by, descending));
        let (source, order) = match needle {
            Some(_) => (
                search::register_hits(self.engine()).to_string(),
                format!(
                    "CASE WHEN c.id = $2 OR lower(e.name_en) = $2 OR e.name_zh_hans = $2
                      OR e.name_zh_hant = $2 OR lower(COALESCE(e.name_pt, '')) = $2 THEN 0 ELSE 1 END,
                 {}",
                    chosen.unwrap_or_else(|| "e.name_en, c.id".to_string())
                ),
            ),
            None => (
                "credentials c WHERE ($1 IS NULL OR $1 IS NOT NULL) AND".to_string(),
                chosen.unwrap_or_else(|| "c.issued_at DESC, c.id DESC".to_string()),
            ),
        };
        let from_where = format!(
            "FROM {source} {LISTED}
               AND ($2 IS NULL OR $2 IS NOT NULL)
               AND ($3 IS NULL OR EXISTS (SELECT 1 FROM applications sa WHERE sa.id = c.application_id AND sa.specialty_id = $3))
               AND ($4 IS NULL OR c.society_id = $4)"
        );
        let (total,): (i64,) = sqlx::query_as(sql!("{}", search::capped_count_sql(&from_where)))
            .bind(&bound)
            .bind(&exact)
            .bind(&q.specialty)
            .bind(&q.society)
            .fetch_one(&self.pool)
            .await?;
        let (total, total_exact) = search::capped(total);
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT c.id, e.name_zh_hans, e.name_zh_hant, e.name_en, e.name_pt, c.society_id,
                    a.specialty_id, a.evaluation, c.issued_at, c.suspended
             FROM (SELECT c.id, c.application_id, c.society_id, c.issued_at, c.suspended
                   {from_where}) c
             JOIN applications a ON a.id = c.application_id
             JOIN engineers e ON e.id = a.engineer_id
             ORDER BY {order} LIMIT $5 OFFSET $6"
        ))
        .bind(&bound)
        .bind(&exact)
        .bind(&q.specialty)
        .bind(&q.society)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        let items = rows
            .into_iter()
            .map(
                |(
                    credential,
                    zh_hans,
                    zh_hant,
                    en,
                    pt,
                    host,
                    specialty,
                    evaluation,
                    issued_at,
                    suspended,
                )| Listed {
                    level: evaluation
                        .and_then(|e| serde_json::from_str::<serde_json::Value>(&e).ok())
                        .and_then(|e| e["level"]["id"].as_str().map(str::to_string)),
                    credential,
                    holder: LocalizedText {
                        zh_hans,
                        zh_hant,
                        en,
                        pt,
                    },
                    host_society: host,
                    specialty,
                    issued_at,
                    suspended: suspended != 0,
                },
            )
            .collect();
        Ok(Found {
            items,
            total,
            total_exact,
        })
    }
}
