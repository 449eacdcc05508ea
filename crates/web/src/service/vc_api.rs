//! The W3C VC-API for interoperability: issuing a credential a society admin sends, verifying
//! credentials and presentations, and changing a credential's status. Verification reuses
//! the certificates' verification service; status changes of the platform's certificates
//! reuse their status service.

use crate::service::credentials::{self as certificates, Finding, Report, StatusInput};
use crate::service::issuing::{self, random_bytes};
use crate::{ApiError, AppState};
use serde::Serialize;
use serde_json::{Value, json};
use wanqiao_credentials::credential;
use wanqiao_credentials::input;
use wanqiao_credentials::jsonld::bundled::{self, CREDENTIALS_V1, CREDENTIALS_V2};
use wanqiao_credentials::proof::{
    AUTHENTICATION, Cryptosuite, ProofExpectations, ProofOptions, verify_proofs,
};
use wanqiao_credentials::status_list::{MIN_BITS, StatusEntry, StatusPurpose, random_index};
use wanqiao_domain::Principal;
use wanqiao_domain::access::Role;
use wanqiao_store::api_credentials::NewApiCredential;
use wanqiao_store::credentials::Purpose;
use wanqiao_store::secret::new_id;

/// A credential refused by the credentials crate: 422 naming its stable code.
fn refused(e: &wanqiao_credentials::Error) -> ApiError {
    ApiError::invalid(e.code(), e.to_string())
}

/// The society whose key signs `credential`: the one its issuer names (a did:web of this
/// platform), or, without an issuer, the one society the caller administers. Only that
/// society's admins may issue.
async fn issuing_society(
    state: &AppState,
    me: &Principal,
    credential: &Value,
) -> Result<String, ApiError> {
    let society = match credential::issuer_id(credential) {
        Some(did) => state
            .issuing
            .local_society(did)
            .map(str::to_string)
            .ok_or_else(|| {
                ApiError::invalid(
                    "issuer",
                    format!("`{did}` is not the did:web of a society of this platform"),
                )
            })?,
        None => match me.administered().as_slice() {
            [one] => (*one).to_string(),
            [] => {
                return Err(ApiError::forbidden(
                    "only a society admin may issue credentials",
                ));
            }
            _ => {
                return Err(ApiError::invalid(
                    "issuer",
                    "you administer several societies: name the issuer",
                ));
            }
        },
    };
    if !me.holds(Role::SocietyAdmin, &society) {
        return Err(ApiError::forbidden(format!(
            "only an admin of `{society}` may issue its credentials"
        )));
    }
    if state.store.society(&society).await?.is_none() {
        return Err(ApiError::invalid(
            "issuer",
            format!("there is no society `{society}`"),
        ));
    }
    Ok(society)
}

/// The status list a requested `options.credentialStatus` asks for, if any.
fn requested_status(options: &Value) -> Result<Option<StatusPurpose>, ApiError> {
    let Some(status) = options.get("credentialStatus").filter(|v| !v.is_null()) else {
        return Ok(None);
    };
    if status.get("type").and_then(Value::as_str) != Some("BitstringStatusListEntry") {
        return Err(ApiError::invalid(
            "options.credentialStatus",
            "the only status type offered is BitstringStatusListEntry",
        ));
    }
    match status.get("statusPurpose").and_then(Value::as_str) {
        None => Ok(Some(StatusPurpose::Revocation)),
        Some(p) => StatusPurpose::parse(p).map(Some).map_err(|_| {
            ApiError::invalid(
                "options.credentialStatus.statusPurpose",
                "use revocation or suspension",
            )
        }),
    }
}

fn stored(purpose: StatusPurpose) -> Purpose {
    match purpose {
        StatusPurpose::Revocation => Purpose::Revocation,
        StatusPurpose::Suspension => Purpose::Suspension,
    }
}

/// `POST /credentials/issue`: signs `credential` with its society's current key, with the
/// requested cryptosuite (eddsa-rdfc-2022 by default) and, when asked, a status entry at a
/// random free index of the society's list.
pub async fn issue(state: &AppState, me: &Principal, body: &Value) -> Result<Value, ApiError> {
    let mut vc = body
        .get("credential")
        .filter(|c| c.is_object())
        .cloned()
        .ok_or_else(|| ApiError::invalid("credential", "send the credential as a JSON object"))?;
    input::check_depth(&vc).map_err(|e| refused(&e))?;
    let options = body.get("options").cloned().unwrap_or(Value::Null);
    let suite = match options.get("cryptosuite").and_then(Value::as_str) {
        None => Cryptosuite::EddsaRdfc2022,
        Some(name) => Cryptosuite::parse(name).map_err(|e| refused(&e))?,
    };
    let status = requested_status(&options)?;
    add_suite_context(&mut vc);
    let society = issuing_society(state, me, &vc).await?;
    let did = state.issuing.did(&society);
    match vc.get_mut("issuer") {
        Some(Value::Object(issuer)) => {
            issuer.insert("id".into(), json!(did));
        }
        _ => {
            vc["issuer"] = json!(did);
        }
    }
    let id = new_id();
    let now = state.now();
    let mut w = state.store.write(me.user_id.clone(), now).await?;
    let mut entry = None;
    if let Some(purpose) = status {
        let mut taken = w.taken_status_indexes(&society, stored(purpose)).await?;
        taken.extend(
            w.api_taken_status_indexes(&society, stored(purpose))
                .await?,
        );
        let mut random = || u64::from_le_bytes(random_bytes::<8>());
        let index = random_index(MIN_BITS, |i| taken.contains(&(i as u64)), &mut random)
            .map_err(|e| refused(&e))?;
        let json = StatusEntry {
            purpose,
            index,
            list_credential: state.issuing.status_list_url(&society, purpose),
        }
        .to_json();
        vc["credentialStatus"] = match vc.get("credentialStatus") {
            None | Some(Value::Null) => json,
            Some(Value::Array(items)) => {
                let mut items = items.clone();
                items.push(json);
                Value::Array(items)
            }
            Some(one) => json!([one, json]),
        };
        entry = Some((stored(purpose), index as u64));
        // A status update names the credential by its id: one without gets a urn:uuid.
        if vc.get("id").and_then(Value::as_str).is_none() {
            vc["id"] = json!(format!(
                "urn:uuid:{}-{}-{}-{}-{}",
                &id[..8],
                &id[8..12],
                &id[12..16],
                &id[16..20],
                &id[20..32]
            ));
        }
    }
    let (key, method) = issuing::current_key(&mut w, &state.issuing, &society).await?;
    let signed = credential::issue(&vc, &ProofOptions::assertion(suite, &method, now), &key)
        .map_err(|e| refused(&e))?;
    w.insert_api_credential(&NewApiCredential {
        id: &id,
        society_id: &society,
        document: &signed,
        status: entry,
    })
    .await?;
    w.commit().await?;
    // The key may have been made just now.
    state.issuing.forget_did_document(&society);
    Ok(signed)
}

/// The Data Integrity context, which defines the proof's terms.
const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";

/// A VC 1.1 credential does not define `DataIntegrityProof`: its context is added, as
/// JavaScript issuers do (VC 2.0 includes it).
fn add_suite_context(vc: &mut Value) {
    let Some(Value::Array(contexts)) = vc.get_mut("@context") else {
        if vc.get("@context").and_then(Value::as_str) == Some(CREDENTIALS_V1) {
            vc["@context"] = json!([CREDENTIALS_V1, DATA_INTEGRITY_V2]);
        }
        return;
    };
    if contexts.first().and_then(Value::as_str) == Some(CREDENTIALS_V1)
        && !contexts.iter().any(|c| c == DATA_INTEGRITY_V2)
    {
        contexts.push(json!(DATA_INTEGRITY_V2));
    }
}

/// `POST /presentations/verify`: the presentation's own proof (authentication, with the
/// challenge and domain asked for) and every credential it embeds.
pub async fn verify_presentation(state: &AppState, body: &[u8]) -> Report {
    let failed = |f: Finding| Report {
        verified: false,
        checks: Vec::new(),
        warnings: Vec::new(),
        errors: vec![f],
        credential: None,
    };
    let of = |e: &wanqiao_credentials::Error| Finding {
        code: e.code().to_string(),
        message: e.to_string(),
    };
    let envelope = match input::parse(body) {
        Ok(v) => v,
        Err(e) => return failed(of(&e)),
    };
    let vp = match envelope.get("verifiablePresentation") {
        Some(Value::String(text)) => match input::parse(text.as_bytes()) {
            Ok(v) => v,
            Err(e) => return failed(of(&e)),
        },
        Some(vp @ Value::Object(_)) => vp.clone(),
        _ => {
            return failed(Finding {
                code: "malformed".into(),
                message: "the body needs a verifiablePresentation object".into(),
            });
        }
    };
    if let Err(e) = check_presentation_shape(&vp) {
        return failed(of(&e));
    }
    let option = |k: &str| {
        envelope
            .pointer(&format!("/options/{k}"))
            .and_then(Value::as_str)
    };
    let mut report = Report {
        verified: false,
        checks: vec!["proof".into()],
        warnings: Vec::new(),
        errors: Vec::new(),
        credential: None,
    };
    match certificates::resolver_for(state, &vp).await {
        Ok(resolver) => {
            let outcomes = verify_proofs(
                &vp,
                &ProofExpectations {
                    purpose: AUTHENTICATION,
                    now: state.now(),
                    resolver: &resolver,
                    challenge: option("challenge"),
                    domain: option("domain"),
                },
            );
            report.errors.extend(
                outcomes
                    .iter()
                    .filter_map(|o| o.result.as_ref().err())
                    .map(of),
            );
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot read the DID documents of this platform");
            report.errors.push(Finding {
                code: "unavailable".into(),
                message: "the holder's keys could not be read; try again later".into(),
            });
        }
    }
    let credentials = match vp.get("verifiableCredential") {
        None => Vec::new(),
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
    };
    if !credentials.is_empty() {
        report.checks.push("credentials".into());
    }
    for (i, vc) in credentials.into_iter().enumerate() {
        let checked = certificates::verify(state, vc, true).await;
        let prefix = |f: Finding| Finding {
            code: f.code,
            message: format!("verifiableCredential[{i}]: {}", f.message),
        };
        report.errors.extend(checked.errors.into_iter().map(prefix));
        report
            .warnings
            .extend(checked.warnings.into_iter().map(prefix));
    }
    report.verified = report.errors.is_empty();
    report
}

/// A presentation: a VC context first, only bundled contexts, the `VerifiablePresentation`
/// type.
fn check_presentation_shape(vp: &Value) -> wanqiao_credentials::Result<()> {
    use wanqiao_credentials::Error;
    input::check_depth(vp)?;
    let contexts = match vp.get("@context") {
        Some(Value::Array(items)) => items.as_slice(),
        Some(one @ Value::String(_)) => std::slice::from_ref(one),
        _ => return Err(Error::UnknownContext("missing @context".into())),
    };
    if !matches!(
        contexts.first().and_then(Value::as_str),
        Some(CREDENTIALS_V2 | CREDENTIALS_V1)
    ) {
        return Err(Error::UnknownContext(
            "the first context must be the VC context".into(),
        ));
    }
    for url in contexts.iter().filter_map(Value::as_str) {
        bundled::context(url)?;
    }
    let typed = match vp.get("type") {
        Some(Value::String(t)) => t == "VerifiablePresentation",
        Some(Value::Array(ts)) => ts.iter().any(|t| t == "VerifiablePresentation"),
        _ => false,
    };
    if typed {
        Ok(())
    } else {
        Err(Error::Malformed(
            "type must include VerifiablePresentation".into(),
        ))
    }
}

/// The status after a change.
#[derive(Debug, Serialize)]
pub struct StatusAnswer {
    #[serde(rename = "credentialId")]
    pub credential_id: String,
    pub revoked: bool,
    pub suspended: bool,
}

/// `POST /credentials/status`: `{"credentialId", "credentialStatus": [{"type":
/// "BitstringStatusListEntry", "status": "revoked"|"suspended"|"unsuspended"}], "reason"?}`,
/// by a reviewer or admin of the issuing society.
pub async fn set_status(
    state: &AppState,
    me: &Principal,
    body: &Value,
) -> Result<StatusAnswer, ApiError> {
    let wanted = body
        .get("credentialId")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| ApiError::invalid("credentialId", "name the credential"))?;
    let changes = match body.get("credentialStatus") {
        Some(Value::Array(items)) if !items.is_empty() => items.clone(),
        Some(one @ Value::Object(_)) => vec![one.clone()],
        _ => {
            return Err(ApiError::invalid(
                "credentialStatus",
                "send a list of {\"type\": \"BitstringStatusListEntry\", \"status\": …}",
            ));
        }
    };
    let reason = body
        .get("reason")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let mut parsed = Vec::new();
    for change in &changes {
        if change.get("type").and_then(Value::as_str) != Some("BitstringStatusListEntry") {
            return Err(ApiError::invalid(
                "credentialStatus.type",
                "the only status type is BitstringStatusListEntry",
            ));
        }
        parsed.push(match change.get("status").and_then(Value::as_str) {
            Some("revoked") => (Purpose::Revocation, true),
            Some("suspended") => (Purpose::Suspension, true),
            Some("unsuspended") => (Purpose::Suspension, false),
            _ => {
                return Err(ApiError::invalid(
                    "credentialStatus.status",
                    "use revoked, suspended or unsuspended",
                ));
            }
        });
    }
    let id = state.issuing.local_credential(wanted).unwrap_or(wanted);
    // A certificate issued on approval: its own status service.
    if state.store.credential(id).await?.is_some() {
        let mut view = None;
        for (purpose, value) in parsed {
            let purpose = match purpose {
                Purpose::Revocation => "revocation",
                Purpose::Suspension => "suspension",
            };
            let input = StatusInput {
                purpose: purpose.into(),
                value,
                reason: reason.clone(),
            };
            view = Some(certificates::set_status(state, me, id, input).await?);
        }
        let view = view.expect("at least one change");
        return Ok(StatusAnswer {
            credential_id: wanted.to_string(),
            revoked: view.revoked,
            suspended: view.suspended,
        });
    }
    let c = state
        .store
        .api_credential(id)
        .await?
        .ok_or_else(|| ApiError::not_found("credential", wanted))?;
    if !(me.holds(Role::Reviewer, &c.society_id) || me.holds(Role::SocietyAdmin, &c.society_id)) {
        return Err(ApiError::forbidden(format!(
            "only a reviewer or admin of `{}`, which issued this credential, may change its status",
            c.society_id
        )));
    }
    let Some((purpose, _)) = c.status else {
        return Err(ApiError::invalid(
            "credentialId",
            "this credential was issued without a status entry",
        ));
    };
    let mut set = c.status_set;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    for (wanted_purpose, value) in parsed {
        if wanted_purpose != purpose {
            return Err(ApiError::invalid(
                "credentialStatus.status",
                "the credential's status entry has another purpose",
            ));
        }
        w.set_api_credential_status(&c.id, value, reason.trim())
            .await?;
        set = value;
    }
    w.commit().await?;
    state.issuing.forget_lists(&c.society_id);
    Ok(StatusAnswer {
        credential_id: wanted.to_string(),
        revoked: purpose == Purpose::Revocation && set,
        suspended: purpose == Purpose::Suspension && set,
    })
}
