//! Evidence, verified once: files kept on the engineer's profile (not on one application),
//! of an allowed type found by sniffing their content, verified by the staff of a society
//! concerned and shown as verified wherever the engineer applies.
//!
//! Who may do what: the engineer and platform admins upload, delete and download; staff of a
//! society that certified one of the engineer's qualifications, or that hosts one of their
//! applications, see, download and verify.

use crate::service::engineers::{self, Access};
use crate::service::notifications::{Delivery, LogDelivery};
use crate::{ApiError, AppState};
use jiff::SignedDuration;
use serde::Serialize;
use std::sync::Arc;
use wanqiao_domain::Principal;
use wanqiao_store::StoreError;
use wanqiao_store::evidence::{BlobStorage, DatabaseStorage, Evidence, NewEvidence};
use wanqiao_store::secret::sha256_hex;

/// The largest file accepted by default: 10 MB.
pub const DEFAULT_MAX_BYTES: usize = 10 * 1024 * 1024;

/// How long a referee link stays valid by default.
pub const REFEREE_LINK_DAYS: i64 = 14;

/// How long a referee's confirmation counts as fresh by default: 12 months.
pub const REFEREE_FRESH_DAYS: i64 = 365;

/// Evidence storage and limits, referee links and notification delivery, chosen at start-up.
#[derive(Clone)]
pub struct EvidenceConfig {
    /// The largest file accepted, in bytes.
    pub max_bytes: usize,
    /// Where file content lives; the database by default.
    pub storage: Arc<dyn BlobStorage>,
    /// How notifications leave the outbox; a log by default.
    pub delivery: Arc<dyn Delivery>,
    pub referee_link_lifetime: SignedDuration,
    pub referee_fresh_days: i64,
}

impl Default for EvidenceConfig {
    fn default() -> Self {
        EvidenceConfig {
            max_bytes: DEFAULT_MAX_BYTES,
            storage: Arc::new(DatabaseStorage),
            delivery: Arc::new(LogDelivery),
            referee_link_lifetime: SignedDuration::from_hours(24 * REFEREE_LINK_DAYS),
            referee_fresh_days: REFEREE_FRESH_DAYS,
        }
    }
}

/// The media types accepted, each recognised by its first bytes. Anything else (HTML, SVG,
/// scripts, executables, unknown content) is refused, whatever its name or declared type.
pub fn sniff(content: &[u8]) -> Option<&'static str> {
    if content.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if content.starts_with(b"\xFF\xD8\xFF") {
        Some("image/jpeg")
    } else if content.len() >= 12 && &content[0..4] == b"RIFF" && &content[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        None
    }
}

/// The file extension that goes with a sniffed type, for download names.
pub fn extension(media_type: &str) -> &'static str {
    match media_type {
        "application/pdf" => "pdf",
        "image/png" => "png",
        "image/jpeg" => "jpg",
        "image/webp" => "webp",
        _ => "bin",
    }
}

/// A file as the API and pages show it.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceView {
    #[serde(flatten)]
    pub evidence: Evidence,
    pub verified: bool,
    /// The display name of who verified it.
    pub verified_by_name: Option<String>,
}

/// What the caller may do with an engineer's evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The engineer, or a platform admin: everything but verifying.
    Keep,
    /// Staff of a society concerned: see, download, verify.
    Staff,
}

/// The caller's reach over an engineer's evidence, or why they have none.
pub async fn reach(state: &AppState, me: &Principal, engineer: &str) -> Result<Reach, ApiError> {
    let access = engineers::open(state, me, engineer).await.map(|(_, a)| a);
    reach_by(state, me, engineer, access).await
}

/// The same, the caller's access to the engineer's profile already judged.
pub async fn reach_by(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    access: Result<Access, ApiError>,
) -> Result<Reach, ApiError> {
    match access {
        Ok(Access::Keep) => Ok(Reach::Keep),
        // Staff of a society that certified the engineer, or that the engineer applies to
        // or from: one statement asks both, so every engineer's page costs the same.
        Ok(Access::See) | Err(ApiError::Forbidden(_)) => {
            let staff = me.staff_societies();
            if staff.is_empty() {
                return Err(forbidden());
            }
            if state.store.engineer_concerns(engineer, &staff).await? {
                Ok(Reach::Staff)
            } else {
                Err(forbidden())
            }
        }
        Err(e) => Err(e),
    }
}

fn forbidden() -> ApiError {
    ApiError::forbidden(
        "this evidence belongs to another engineer; staff of the societies concerned see it",
    )
}

pub async fn keep(state: &AppState, me: &Principal, engineer: &str) -> Result<(), ApiError> {
    match reach(state, me, engineer).await? {
        Reach::Keep => Ok(()),
        Reach::Staff => Err(ApiError::forbidden(
            "only the engineer and platform admins add or remove evidence",
        )),
    }
}

async fn view(state: &AppState, e: Evidence) -> Result<EvidenceView, ApiError> {
    let verified_by_name = match &e.verified_by {
        Some(id) => state.store.user(id).await?.map(|u| u.display_name),
        None => None,
    };
    Ok(EvidenceView {
        verified: e.verified_at.is_some(),
        verified_by_name,
        evidence: e,
    })
}

pub async fn list(
    state: &AppState,
    me: &Principal,
    engineer: &str,
) -> Result<Vec<EvidenceView>, ApiError> {
    reach(state, me, engineer).await?;
    reached(state, engineer).await
}

/// The engineer's evidence, for a caller whose [`reach`] is known; who verified each read
/// with it.
pub async fn reached(state: &AppState, engineer: &str) -> Result<Vec<EvidenceView>, ApiError> {
    Ok(state
        .store
        .evidence_of(engineer)
        .await?
        .into_iter()
        .map(|e| EvidenceView {
            verified: e.verified_at.is_some(),
            verified_by_name: e.verified_by_name.clone(),
            evidence: e,
        })
        .collect())
}

/// Checks a title given with an upload.
pub fn check_title(title: &str) -> Result<String, ApiError> {
    let title = title.trim();
    if title.is_empty() || title.chars().count() > 200 {
        return Err(ApiError::invalid(
            "title",
            "give the file a title of 1 to 200 characters",
        ));
    }
    Ok(title.to_string())
}

/// Refuses content of a type not on the allow-list.
pub fn check_type(content: &[u8]) -> Result<&'static str, ApiError> {
    sniff(content).ok_or_else(|| {
        ApiError::UnsupportedFile(
            "this file is not an accepted type: upload a PDF, PNG, JPEG or WebP file (HTML, SVG, scripts and programs are refused)".into(),
        )
    })
}

/// Stores a file on the engineer's profile, after checking who asks, its title, size and
/// type; a refusal stores nothing.
pub async fn upload(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    title: &str,
    content: &[u8],
) -> Result<EvidenceView, ApiError> {
    keep(state, me, engineer).await?;
    let title = check_title(title)?;
    if content.len() > state.evidence.max_bytes {
        return Err(ApiError::PayloadTooLarge {
            limit: state.evidence.max_bytes,
        });
    }
    if content.is_empty() {
        return Err(ApiError::invalid("file", "the file is empty"));
    }
    let media_type = check_type(content)?;
    let sha256 = sha256_hex(content);
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .add_evidence(
            state.evidence.storage.as_ref(),
            &NewEvidence {
                engineer,
                title: &title,
                media_type,
                sha256: &sha256,
                content,
            },
        )
        .await?;
    w.commit().await?;
    let e = state
        .store
        .evidence(engineer, &id)
        .await?
        .ok_or_else(|| ApiError::not_found("evidence", &id))?;
    view(state, e).await
}

pub async fn remove(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    id: &str,
) -> Result<(), ApiError> {
    keep(state, me, engineer).await?;
    let storage = state.evidence.storage.as_ref();
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let sha256 = w.remove_evidence(storage, engineer, id).await?;
    w.commit().await?;
    storage.after_release(&state.store, &sha256).await?;
    Ok(())
}

/// A file to send: its record and content.
pub async fn download(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    id: &str,
) -> Result<(Evidence, Vec<u8>), ApiError> {
    reach(state, me, engineer).await?;
    let e = state
        .store
        .evidence(engineer, id)
        .await?
        .ok_or_else(|| ApiError::not_found("evidence", id))?;
    let content = state
        .evidence
        .storage
        .get(&state.store, &e.sha256)
        .await?
        .ok_or_else(|| {
            ApiError::Store(StoreError::Corrupt(format!(
                "evidence `{id}`: its content is missing from storage"
            )))
        })?;
    Ok((e, content))
}

/// Marks a file verified by the caller, who must be staff of a society concerned.
pub async fn verify(
    state: &AppState,
    me: &Principal,
    engineer: &str,
    id: &str,
) -> Result<EvidenceView, ApiError> {
    if reach(state, me, engineer).await? != Reach::Staff {
        return Err(ApiError::forbidden(
            "evidence is verified by the staff of a society that certified the engineer or hosts their application",
        ));
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.verify_evidence(engineer, id).await?;
    w.commit().await?;
    let e = state
        .store
        .evidence(engineer, id)
        .await?
        .ok_or_else(|| ApiError::not_found("evidence", id))?;
    view(state, e).await
}

#[cfg(test)]
mod tests {
    use super::sniff;

    #[test]
    fn only_allowed_types_pass() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Some("image/png"));
        assert_eq!(sniff(b"\xFF\xD8\xFF\xE0...."), Some("image/jpeg"));
        assert_eq!(sniff(b"RIFF\x10\0\0\0WEBPVP8 "), Some("image/webp"));
        for refused in [
            &b"<!doctype html><script>alert(1)</script>"[..],
            b"<svg xmlns='http://www.w3.org/2000/svg'/>",
            b"#!/bin/sh\nrm -rf /",
            b"MZ\x90\0",
            b"\x7fELF",
            b"RIFF\x10\0\0\0WAVE",
            b"",
        ] {
            assert_eq!(sniff(refused), None);
        }
    }
}
