//! Recognition certificates once issued: reading them, changing their status, and verifying
//! any certificate offered (this platform's own, or forged), with a specific reason for
//! every refusal and no network access: this platform's did:web documents and status lists
//! are resolved locally, and a status list that cannot be had means "not verified".

use crate::service::issuing::{self, Issuing};
use crate::{ApiError, AppState};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use wanqiao_credentials::credential::{self, VerifyOptions, issuer_id};
use wanqiao_credentials::did::StaticResolver;
use wanqiao_credentials::input;
use wanqiao_credentials::status_list::{StatusEntry, StatusPurpose};
use wanqiao_domain::Principal;
use wanqiao_domain::access::Role;
use wanqiao_domain::alerts::AlertKind;
use wanqiao_store::alerts::NewAlert;
use wanqiao_store::credentials::{Credential, Purpose};

pub async fn get(state: &AppState, id: &str) -> Result<Credential, ApiError> {
    state
        .store
        .credential(id)
        .await?
        .ok_or_else(|| ApiError::not_found("credential", id))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusInput {
    /// `revocation` or `suspension`.
    pub purpose: String,
    pub value: bool,
    #[serde(default)]
    pub reason: String,
}

/// The current status of a certificate, as its status lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct StatusView {
    pub id: String,
    pub revoked: bool,
    pub suspended: bool,
    pub reason: String,
    pub changed_at: Option<String>,
}

/// Revokes, suspends, or lifts either, by a reviewer or admin of the issuing society.
pub async fn set_status(
    state: &AppState,
    me: &Principal,
    id: &str,
    input: StatusInput,
) -> Result<StatusView, ApiError> {
    let c = get(state, id).await?;
    if !(me.holds(Role::Reviewer, &c.society_id) || me.holds(Role::SocietyAdmin, &c.society_id)) {
        return Err(ApiError::forbidden(format!(
            "only a reviewer or admin of `{}`, which issued this certificate, may change its status",
            c.society_id
        )));
    }
    let purpose = match input.purpose.as_str() {
        "revocation" => Purpose::Revocation,
        "suspension" => Purpose::Suspension,
        other => {
            return Err(ApiError::invalid(
                "purpose",
                format!("`{other}` is not a status purpose; use revocation or suspension"),
            ));
        }
    };
    let reason = input.reason.trim();
    if reason.chars().count() > 2000 {
        return Err(ApiError::invalid(
            "reason",
            "a reason is at most 2000 characters",
        ));
    }
    if purpose == Purpose::Revocation && !input.value && c.revoked {
        return Err(ApiError::conflict(
            "a revocation is final; issue a new certificate instead",
            Vec::new(),
        ));
    }
    let engineer = state
        .store
        .application(&c.application_id)
        .await?
        .map(|a| a.engineer);
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    w.set_credential_status(id, purpose, input.value, reason)
        .await?;
    // Revoking or suspending a recognition is news for every society that deals with the
    // engineer: it raises the workflow's alert in the same transaction.
    if let (true, Some(engineer)) = (input.value, engineer.as_deref()) {
        let (kind, what) = match purpose {
            Purpose::Revocation => (AlertKind::StrikingOff, "revoked"),
            Purpose::Suspension => (AlertKind::Suspension, "suspended"),
        };
        let statement = format!("Recognition certificate {id} {what}: {reason}");
        w.raise_alert(&NewAlert {
            engineer,
            society: &c.society_id,
            kind,
            statement: statement.trim_end_matches([':', ' ']),
        })
        .await?;
    }
    w.commit().await?;
    state.issuing.forget_lists(&c.society_id);
    let c = get(state, id).await?;
    Ok(StatusView {
        id: c.id,
        revoked: c.revoked,
        suspended: c.suspended,
        reason: c.status_reason,
        changed_at: c.status_changed_at,
    })
}

/// One reason a verification failed or warns, with its stable code.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Finding {
    pub code: String,
    pub message: String,
}

impl Finding {
    fn new(code: &str, message: impl Into<String>) -> Finding {
        Finding {
            code: code.to_string(),
            message: message.into(),
        }
    }

    fn of(e: &wanqiao_credentials::Error) -> Finding {
        Finding::new(e.code(), e.to_string())
    }
}

/// The answer of a verification, shaped after the VC API.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub verified: bool,
    /// The checks made.
    pub checks: Vec<String>,
    pub warnings: Vec<Finding>,
    pub errors: Vec<Finding>,
    /// The credential verified, when one could be read (for the page to show).
    #[serde(skip)]
    pub credential: Option<Value>,
}

impl Report {
    fn failed(error: Finding) -> Report {
        Report {
            verified: false,
            checks: Vec::new(),
            warnings: Vec::new(),
            errors: vec![error],
            credential: None,
        }
    }
}

/// Verifies a `{"verifiableCredential": …, "options": {"checks": […]}}` request body. The
/// credential may also be sent as a JSON string. Bad input of any kind is a report, never
/// an error.
pub async fn verify_request(state: &AppState, body: &[u8]) -> Report {
    let envelope = match input::parse(body) {
        Ok(v) => v,
        Err(e) => return Report::failed(Finding::of(&e)),
    };
    let Some(vc) = envelope.get("verifiableCredential") else {
        return Report::failed(Finding::new(
            "malformed",
            "the body needs a verifiableCredential",
        ));
    };
    let vc = match vc {
        Value::String(text) => match input::parse(text.as_bytes()) {
            Ok(v) => v,
            Err(e) => return Report::failed(Finding::of(&e)),
        },
        other => other.clone(),
    };
    let checks: Vec<String> = match envelope.pointer("/options/checks") {
        None => vec!["proof".into(), "credentialStatus".into()],
        Some(Value::Array(items)) => {
            let mut out = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(c @ ("proof" | "credentialStatus")) => out.push(c.to_string()),
                    _ => {
                        return Report::failed(Finding::new(
                            "unknown_check",
                            format!("unknown check {item}; use proof and credentialStatus"),
                        ));
                    }
                }
            }
            out
        }
        Some(_) => {
            return Report::failed(Finding::new("malformed", "options.checks must be a list"));
        }
    };
    verify(state, vc, checks.iter().any(|c| c == "credentialStatus")).await
}

/// Verifies a credential: shape, validity period, proofs, and (when `status`) its status
/// entries against this platform's lists.
pub async fn verify(state: &AppState, vc: Value, status: bool) -> Report {
    let issuing = &state.issuing;
    let now = state.now();
    let resolver = match resolver_for(state, &vc).await {
        Ok(r) => r,
        Err(e) => {
            tracing::error!(error = %e, "cannot read the DID documents of this platform");
            return Report::failed(Finding::new(
                "unavailable",
                "the issuer's keys could not be read; try again later",
            ));
        }
    };
    let outcome = credential::verify(
        &vc,
        &VerifyOptions {
            now,
            resolver: &resolver,
        },
    );
    let mut report = Report {
        verified: false,
        checks: vec!["proof".into(), "validity".into()],
        warnings: Vec::new(),
        errors: outcome.all_errors().map(Finding::of).collect(),
        credential: Some(vc.clone()),
    };
    let shaped = credential::check_shape(&vc).is_ok();
    if status && shaped {
        report.checks.push("credentialStatus".into());
        match StatusEntry::read_all(&vc) {
            Err(e) => report.errors.push(Finding::of(&e)),
            Ok(entries) if entries.is_empty() => report.warnings.push(Finding::new(
                "no_status",
                "the credential has no status entry: it cannot be revoked",
            )),
            Ok(entries) => {
                let issuer = issuer_id(&vc).unwrap_or_default().to_string();
                for entry in entries {
                    if let Err(f) = check_status(state, issuing, &entry, &issuer).await {
                        report.errors.push(f);
                    }
                }
            }
        }
    }
    report.verified = report.errors.is_empty() && outcome.verified();
    report
}

/// The DID documents a verification may need: those of this platform's societies named by
/// the issuer or a proof's verification method. did:key needs none.
pub(crate) async fn resolver_for(
    state: &AppState,
    vc: &Value,
) -> Result<StaticResolver, issuing::IssueError> {
    fn add<'a>(dids: &mut Vec<(String, Vec<&'a str>)>, did: &str, method: Option<&'a str>) {
        if let Some(i) = dids.iter().position(|(d, _)| d == did) {
            dids[i].1.extend(method);
        } else {
            dids.push((did.to_string(), method.into_iter().collect()));
        }
    }
    let mut dids: Vec<(String, Vec<&str>)> = Vec::new();
    if let Some(did) = issuer_id(vc) {
        add(&mut dids, did, None);
    }
    let proofs = match vc.get("proof") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    };
    for p in proofs {
        if let Some(m) = p.get("verificationMethod").and_then(Value::as_str) {
            add(&mut dids, m.split('#').next().unwrap_or_default(), Some(m));
        }
    }
    let mut resolver = StaticResolver::default();
    for (did, methods) in dids {
        if let Some(society) = state.issuing.local_society(&did)
            && let Some(doc) =
                issuing::cached_did_document(&state.store, &state.issuing, society, &methods)
                    .await?
        {
            resolver = resolver.with((*doc).clone())?;
        }
    }
    Ok(resolver)
}

/// Checks one status entry against this platform's list; fails closed.
async fn check_status(
    state: &AppState,
    issuing: &Issuing,
    entry: &StatusEntry,
    issuer: &str,
) -> Result<(), Finding> {
    let Some((society, purpose)) = issuing.local_status_list(&entry.list_credential) else {
        return Err(Finding::new(
            "status_unavailable",
            format!(
                "the status list {} cannot be obtained, so the status is unknown",
                entry.list_credential
            ),
        ));
    };
    if purpose != entry.purpose {
        return Err(Finding::new(
            "status_list",
            "the status list has another purpose",
        ));
    }
    // This platform's own list: its proof would be this platform's, so the bits are read
    // directly from its database, as they stand now.
    let bits = match issuing::status_bits(&state.store, society, purpose).await {
        Ok(Some(bits)) => bits,
        Ok(None) => {
            return Err(Finding::new(
                "status_unavailable",
                format!("there is no status list at {}", entry.list_credential),
            ));
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the bits of a status list");
            return Err(Finding::new(
                "status_unavailable",
                "the status list could not be read; the status is unknown",
            ));
        }
    };
    if issuing.did(society) != issuer {
        return Err(Finding::new(
            "status_list",
            "status list: the status list belongs to another issuer",
        ));
    }
    match bits.get(entry.index) {
        Err(e) => Err(Finding::of(&e)),
        Ok(false) => Ok(()),
        Ok(true) => Err(match purpose {
            StatusPurpose::Revocation => Finding::new("revoked", "the certificate was revoked"),
            StatusPurpose::Suspension => Finding::new("suspended", "the certificate is suspended"),
        }),
    }
}
