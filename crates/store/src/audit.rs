//! Reading and verifying the audit log.

use crate::codec;
use crate::write::event_hash;
use crate::{Page, Paged, Result, Store};
use serde::Serialize;

/// One event as stored.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct AuditEvent {
    pub seq: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub subject: String,
    pub detail: String,
    pub digest: String,
    pub prev_hash: String,
    pub hash: String,
}

/// Narrows the audit list; `None` means any.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<String>,
    /// Matches the action exactly or as a prefix ending in a dot: `auth.` finds all sign-ins.
    pub action: Option<String>,
    pub subject: Option<String>,
}

/// The outcome of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainReport {
    Intact {
        events: u64,
    },
    /// The first event whose stored fields no longer match the chain, and why.
    Broken {
        seq: i64,
        reason: String,
    },
}

const COLUMNS: &str = "seq, at, actor, action, subject, detail, digest, prev_hash, hash";
const WHERE: &str = "($1 IS NULL OR actor = $1)
    AND ($2 IS NULL OR action = $2 OR action LIKE $3)
    AND ($4 IS NULL OR subject = $4)";

impl Store {
    /// Newest first.
    pub async fn audit_events(
        &self,
        filter: &AuditFilter,
        page: Page,
    ) -> Result<Paged<AuditEvent>> {
        let prefix = filter
            .action
            .as_ref()
            .map(|a| format!("{}%", a.trim_end_matches('%')));
        let (total,): (i64,) =
            sqlx::query_as(sql!("SELECT COUNT(*) FROM audit_events WHERE {WHERE}"))
                .bind(&filter.actor)
                .bind(&filter.action)
                .bind(&prefix)
                .bind(&filter.subject)
                .fetch_one(&self.pool)
                .await?;
        let items = sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM audit_events WHERE {WHERE} ORDER BY seq DESC LIMIT $5 OFFSET $6"
        ))
        .bind(&filter.actor)
        .bind(&filter.action)
        .bind(&prefix)
        .bind(&filter.subject)
        .bind(codec::limit(page))
        .bind(codec::offset(page))
        .fetch_all(&self.pool)
        .await?;
        Ok(Paged {
            items,
            total: codec::count(total),
        })
    }

    /// Walks the whole chain in order, recomputing every hash.
    pub async fn verify_audit(&self, mut progress: impl FnMut(u64, u64)) -> Result<ChainReport> {
        const BATCH: i64 = 2000;
        let (total,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM audit_events")
            .fetch_one(&self.pool)
            .await?;
        let (head_seq, head_hash): (i64, String) =
            sqlx::query_as("SELECT seq, hash FROM audit_head WHERE id = 1")
                .fetch_one(&self.pool)
                .await?;
        let mut expected_prev = "0".repeat(64);
        let mut expected_seq = 1i64;
        let mut checked = 0u64;
        loop {
            let batch: Vec<AuditEvent> = sqlx::query_as(sql!(
                "SELECT {COLUMNS} FROM audit_events WHERE seq >= $1 ORDER BY seq LIMIT $2"
            ))
            .bind(expected_seq)
            .bind(BATCH)
            .fetch_all(&self.pool)
            .await?;
            if batch.is_empty() {
                break;
            }
            for e in &batch {
                if let Some(reason) = check_event(e, expected_seq, &expected_prev) {
                    return Ok(ChainReport::Broken { seq: e.seq, reason });
                }
                expected_prev = e.hash.clone();
                expected_seq += 1;
                checked += 1;
            }
            progress(checked, codec::count(total));
        }
        if head_seq != expected_seq - 1 || head_hash != expected_prev {
            return Ok(ChainReport::Broken {
                seq: expected_seq,
                reason: format!(
                    "the chain ends at event {} but its head records event {head_seq}: events were removed",
                    expected_seq - 1
                ),
            });
        }
        Ok(ChainReport::Intact { events: checked })
    }
}

fn check_event(e: &AuditEvent, seq: i64, prev: &str) -> Option<String> {
    if e.seq != seq {
        return Some(format!("event {seq} is missing"));
    }
    if e.prev_hash != prev {
        return Some("it does not link to the event before it".into());
    }
    if crate::secret::sha256_hex(e.detail.as_bytes()) != e.digest {
        return Some("its recorded change does not match its digest".into());
    }
    let hash = event_hash(
        prev, e.seq, &e.at, &e.actor, &e.action, &e.subject, &e.digest,
    );
    (hash != e.hash).then(|| "its fields do not match its hash".into())
}

impl Store {
    /// Whether any event with `action` was ever recorded, e.g. whether demo data was loaded.
    pub async fn has_event(&self, action: &str) -> Result<bool> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT seq FROM audit_events WHERE action = $1 LIMIT 1")
                .bind(action)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.is_some())
    }
}
