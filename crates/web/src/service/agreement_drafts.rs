//! Editing an agreement as its file. The file may change the agreement's particulars (titles,
//! notes, specialty, parties, dates, sample flag) and the rules and notes of its draft
//! versions; its status, its kind and every version that is not a draft change only through
//! the lifecycle steps ([`super::register::step_agreement`]), so an edit cannot skip them.

use crate::error::FieldError;
use crate::{ApiError, AppState};
use wanqiao_domain::{Agreement, Principal, VersionStatus};

/// A part of an agreement that an edit of its file may not change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locked {
    /// The id names the agreement everywhere; it never changes.
    Id,
    Status,
    Kind,
    /// Version `number` was added, removed, renumbered, or changed although it is not a draft
    /// (or a draft's status or date changed): versions come and go through the steps.
    Version(u32),
}

impl Locked {
    /// The field as the agreement file names it.
    pub fn field(self) -> &'static str {
        match self {
            Locked::Id => "id",
            Locked::Status => "status",
            Locked::Kind => "kind",
            Locked::Version(_) => "version",
        }
    }

    fn message(self) -> String {
        match self {
            Locked::Id => "an agreement's id cannot change".into(),
            Locked::Status => "the status changes through a lifecycle step".into(),
            Locked::Kind => "the kind changes through a lifecycle step".into(),
            Locked::Version(n) => format!(
                "version {n} is not a draft, or was added or removed: versions change through lifecycle steps"
            ),
        }
    }
}

/// What `edited` changes of `current` that only the lifecycle may change; empty when the
/// edit keeps to the particulars and the drafts.
pub fn locked_changes(current: &Agreement, edited: &Agreement) -> Vec<Locked> {
    let mut out = Vec::new();
    if edited.id != current.id {
        out.push(Locked::Id);
    }
    if edited.status != current.status {
        out.push(Locked::Status);
    }
    if edited.kind != current.kind {
        out.push(Locked::Kind);
    }
    for v in &current.versions {
        let same = |e: &&wanqiao_domain::AgreementVersion| e.number == v.number;
        let changed = match edited.versions.iter().find(same) {
            None => true,
            Some(e) if v.status == VersionStatus::Draft => {
                e.status != v.status || e.effective_from != v.effective_from
            }
            Some(e) => e != v,
        };
        if changed {
            out.push(Locked::Version(v.number));
        }
    }
    for e in &edited.versions {
        let added = !current.versions.iter().any(|v| v.number == e.number);
        if added && !out.contains(&Locked::Version(e.number)) {
            out.push(Locked::Version(e.number));
        }
    }
    out
}

/// Replaces the particulars of agreement `id` and the content of its draft versions by those
/// of `edited`, in one audited `agreement.update`. Refused when `edited` changes what only
/// the lifecycle changes, or when the result does not pass the register's checks.
pub async fn replace_drafts(
    state: &AppState,
    me: &Principal,
    id: &str,
    edited: &Agreement,
) -> Result<Agreement, ApiError> {
    if !me.may_manage_register() {
        return Err(ApiError::forbidden(
            "only platform admins change this part of the register",
        ));
    }
    let current = state
        .store
        .agreement(id)
        .await?
        .ok_or_else(|| ApiError::not_found("agreement", id))?;
    let locked = locked_changes(&current, edited);
    if !locked.is_empty() {
        let fields: Vec<FieldError> = locked
            .iter()
            .map(|l| FieldError {
                name: l.field().to_string(),
                message: l.message(),
            })
            .collect();
        return Err(ApiError::Invalid {
            message: format!(
                "{}; use POST /api/v1/agreements/{id}/transitions",
                fields
                    .iter()
                    .map(|f| f.message.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            fields,
        });
    }
    let versions = current
        .versions
        .iter()
        .map(|v| match v.status {
            VersionStatus::Draft => edited
                .versions
                .iter()
                .find(|e| e.number == v.number)
                .cloned()
                .unwrap_or_else(|| v.clone()),
            _ => v.clone(),
        })
        .collect();
    let next = Agreement {
        versions,
        ..edited.clone()
    };
    let problems = state.store.catalogue().await?.check_agreement(&next);
    if !problems.is_empty() {
        return Err(ApiError::Invalid {
            message: problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; "),
            fields: problems
                .into_iter()
                .map(|p| FieldError {
                    name: p.field.to_string(),
                    message: p.message,
                })
                .collect(),
        });
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.save_agreement(&next, "agreement.update").await?;
    w.commit().await?;
    Ok(next)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wanqiao_domain::{AgreementKind, AgreementStatus, AgreementVersion, LocalizedText};

    fn version(number: u32, status: VersionStatus) -> AgreementVersion {
        AgreementVersion {
            number,
            status,
            effective_from: None,
            notes: None,
            rules: Vec::new(),
        }
    }

    fn agreement() -> Agreement {
        Agreement {
            id: "a".into(),
            kind: AgreementKind::Agreement,
            status: AgreementStatus::InForce,
            specialty: "civil".into(),
            parties: vec!["x".into(), "y".into()],
            titles: LocalizedText::default(),
            signed_on: None,
            effective_from: None,
            effective_until: None,
            sample: false,
            notes: None,
            versions: vec![
                version(1, VersionStatus::InForce),
                version(2, VersionStatus::Draft),
            ],
            deadlines: Default::default(),
            fees: Vec::new(),
        }
    }

    #[test]
    fn particulars_and_drafts_may_change() {
        let current = agreement();
        let mut edited = current.clone();
        edited.sample = true;
        edited.parties.push("z".into());
        edited.versions[1].notes = Some("revised".into());
        assert_eq!(locked_changes(&current, &edited), []);
    }

    #[test]
    fn the_lifecycle_may_not() {
        let current = agreement();
        let mut edited = current.clone();
        edited.status = AgreementStatus::Suspended;
        edited.kind = AgreementKind::LetterOfIntent;
        edited.versions[0].notes = Some("changed in force".into());
        edited.versions[1].status = VersionStatus::InForce;
        edited.versions.push(version(3, VersionStatus::Draft));
        assert_eq!(
            locked_changes(&current, &edited),
            [
                Locked::Status,
                Locked::Kind,
                Locked::Version(1),
                Locked::Version(2),
                Locked::Version(3)
            ]
        );
        let mut removed = current.clone();
        removed.versions.pop();
        assert_eq!(locked_changes(&current, &removed), [Locked::Version(2)]);
    }
}
