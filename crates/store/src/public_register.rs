//! The public register of recognised engineers: only certificates whose holders consented,
//! and never a revoked or replaced one.

use crate::codec;
use crate::{Page, Paged, Result, Store};
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
    /// Part of a name in any script, or a whole certificate id.
    pub text: Option<String>,
    pub specialty: Option<String>,
    pub society: Option<String>,
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

const FROM: &str = "FROM credentials c
    JOIN applications a ON a.id = c.application_id
    JOIN engineers e ON e.id = a.engineer_id
    WHERE c.public_register = 1 AND c.revoked = 0 AND c.replaced_by IS NULL
      AND ($1 IS NULL OR c.id = $2 OR LOWER(e.name_en) LIKE $1 OR e.name_zh_hans LIKE $1
           OR e.name_zh_hant LIKE $1 OR LOWER(COALESCE(e.name_pt, '')) LIKE $1)
      AND ($3 IS NULL OR a.specialty_id = $3)
      AND ($4 IS NULL OR c.society_id = $4)";

impl Store {
    /// Most recent first.
    pub async fn public_register(&self, q: &RegisterQuery, page: Page) -> Result<Paged<Listed>> {
        let text = q.text.as_ref().map(|t| t.trim()).filter(|t| !t.is_empty());
        let pattern = text.map(|t| format!("%{}%", t.to_lowercase()));
        let exact = text.map(str::to_string);
        let (total,): (i64,) = sqlx::query_as(sql!("SELECT COUNT(*) {FROM}"))
            .bind(&pattern)
            .bind(&exact)
            .bind(&q.specialty)
            .bind(&q.society)
            .fetch_one(&self.pool)
            .await?;
        let rows: Vec<Row> = sqlx::query_as(sql!(
            "SELECT c.id, e.name_zh_hans, e.name_zh_hant, e.name_en, e.name_pt, c.society_id,
                    a.specialty_id, a.evaluation, c.issued_at, c.suspended
             {FROM} ORDER BY c.issued_at DESC, c.id LIMIT $5 OFFSET $6"
        ))
        .bind(&pattern)
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
        Ok(Paged {
            items,
            total: codec::count(total),
        })
    }
}
