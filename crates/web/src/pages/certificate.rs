//! A certificate for people: the printable bilingual certificate (one A4 page, Chinese and
//! English side by side, with a QR code to its verification page and never an identity
//! number), the page at the certificate's own `id` URL (JSON when asked for), and the
//! holder's "My certificates" with downloads and their consent to the public register.

use super::credential::{Content, content};
use super::{Chrome, Lang, PageResult, render};
use crate::AppState;
use crate::auth::PageUser;
use crate::error::PageError;
use crate::service::credentials::{self as service, Finding};
use crate::service::holder::{self, SettingsInput};
use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Redirect, Response};
use jiff::Timestamp;
use qrcode::{Color, QrCode};
use serde::Deserialize;
use wanqiao_domain::Locale;
use wanqiao_store::credentials::Credential;

/// A certificate's live status, as its status bits and validity period have it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Live {
    Active,
    Suspended,
    Revoked,
    Expired,
}

impl Live {
    fn of(c: &Credential, now: Timestamp) -> Live {
        let until = c.document["validUntil"]
            .as_str()
            .and_then(|t| t.parse::<Timestamp>().ok());
        if c.revoked {
            Live::Revoked
        } else if c.suspended {
            Live::Suspended
        } else if until.is_some_and(|u| u < now) {
            Live::Expired
        } else {
            Live::Active
        }
    }

    fn code(self) -> &'static str {
        match self {
            Live::Active => "active",
            Live::Suspended => "suspended",
            Live::Revoked => "revoked",
            Live::Expired => "expired",
        }
    }
}

/// A QR code as the squares of an SVG path, drawn server-side (no script, no inline style).
struct Qr {
    /// The side of the viewBox, in modules, quiet zone included.
    size: usize,
    path: String,
}

fn qr(text: &str) -> Result<Qr, PageError> {
    let code = QrCode::new(text.as_bytes())
        .map_err(|e| PageError::Refused(format!("the QR code cannot hold the link: {e}")))?;
    let width = code.width();
    let quiet = 4;
    let mut path = String::new();
    for (i, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            let (x, y) = (i % width + quiet, i / width + quiet);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Ok(Qr {
        size: width + 2 * quiet,
        path,
    })
}

/// One language's half of the certificate: labels and values in that language.
struct Side {
    lang: &'static str,
    title: String,
    rows: Vec<(String, String)>,
    status: String,
    /// What the QR code is for, in this side's language.
    scan: String,
}

#[derive(Template)]
#[template(path = "certificate.html")]
struct CertificatePage<'a> {
    c: Chrome<'a>,
    id: String,
    holder: String,
    status: &'static str,
    sides: Vec<Side>,
    qr: Qr,
    verify_url: String,
    replaced_by: Option<String>,
}

async fn load(state: &AppState, id: &str) -> Result<Credential, PageError> {
    state.store.credential(id).await?.ok_or(PageError::NotFound)
}

/// `GET /credentials/{id}/certificate`: the printable bilingual certificate.
pub async fn certificate(
    State(state): State<AppState>,
    lang: Lang,
    Path(id): Path<String>,
) -> PageResult {
    let cred = load(&state, &id).await?;
    let live = Live::of(&cred, state.now());
    let facts = state.store.certificate_facts(&cred.application_id).await?;
    let verify_url = format!("{}/verify/{id}", state.issuing.public_url());
    let sides = [Locale::ZhHans, Locale::En]
        .into_iter()
        .map(|l| {
            let tr = state.i18n.tr(l);
            let ct: Content = content(&cred.document, l);
            let agreement = facts
                .agreement_titles
                .as_ref()
                .map(|t| t.get(l).to_string())
                .unwrap_or_else(|| "—".into());
            let version = facts
                .agreement_version
                .map_or_else(String::new, |v| v.to_string());
            let home = facts
                .home_names
                .as_ref()
                .map_or("—", |n| n.get(l))
                .to_string();
            let rows = vec![
                (tr.t("verify-holder"), ct.holder.clone()),
                (tr.t("cert-level"), ct.recognition.clone()),
                (tr.t("cert-host"), ct.issuer.clone()),
                (
                    tr.t("cert-agreement"),
                    tr.targs(
                        "cert-agreement-version",
                        &[("agreement", agreement.into()), ("version", version.into())],
                    ),
                ),
                (
                    tr.t("cert-specialty"),
                    facts.specialty_names.get(l).to_string(),
                ),
                (
                    tr.t("cert-source"),
                    format!(
                        "{} {} · {home}",
                        facts.framework_names.get(l),
                        facts.level_names.get(l)
                    ),
                ),
                (tr.t("verify-conditions"), ct.conditions.clone()),
                (
                    tr.t("cert-validity"),
                    format!(
                        "{} – {}",
                        tr.date_of(&ct.valid_from),
                        tr.date_of(&ct.valid_until)
                    ),
                ),
                (tr.t("verify-issuer"), ct.issuer.clone()),
            ];
            Side {
                lang: l.tag(),
                title: ct.title,
                rows,
                status: tr.t(&format!("cert-status-{}", live.code())),
                scan: tr.t("cert-scan"),
            }
        })
        .collect();
    let holder = content(&cred.document, lang.0).holder;
    render(CertificatePage {
        c: Chrome::new(&state, lang, &format!("/credentials/{id}/certificate"), ""),
        qr: qr(&verify_url)?,
        id,
        holder,
        status: live.code(),
        sides,
        verify_url,
        replaced_by: cred.replaced_by,
    })
}

#[derive(Template)]
#[template(path = "credential.html")]
struct CredentialPage<'a> {
    c: Chrome<'a>,
    id: String,
    verified: bool,
    status: &'static str,
    status_text: String,
    errors: Vec<Finding>,
    content: Content,
    replaced_by: Option<String>,
    /// The status changes the reader may make now (reviewers and admins of the issuer).
    changes: Vec<StatusChange>,
    csrf_token: String,
    /// A refused change: its action, the reason typed, and why it was refused.
    refused: Option<(String, String, String)>,
    /// Why the status was last changed, if it was.
    status_reason: String,
}

/// One status change offered on a certificate's page.
pub struct StatusChange {
    /// `suspend`, `reinstate` or `revoke`.
    pub action: &'static str,
    pub label: String,
    pub lead: String,
    /// Suspending and revoking say why; reinstating may.
    pub reason_required: bool,
    pub danger: bool,
}

/// The changes `me` may make to a certificate as it stands: none but to its issuer's
/// reviewers and admins, none once revoked.
fn changes(
    tr: &crate::Tr,
    me: Option<&wanqiao_domain::Principal>,
    cred: &Credential,
) -> Vec<StatusChange> {
    use wanqiao_domain::Role;
    let allowed = me.is_some_and(|me| {
        me.holds(Role::Reviewer, &cred.society_id) || me.holds(Role::SocietyAdmin, &cred.society_id)
    });
    if !allowed || cred.revoked {
        return Vec::new();
    }
    let first = if cred.suspended {
        "reinstate"
    } else {
        "suspend"
    };
    [first, "revoke"]
        .into_iter()
        .map(|action| StatusChange {
            action,
            label: tr.t(&format!("cert-change-{action}")),
            lead: tr.t(&format!("cert-change-{action}-lead")),
            reason_required: action != "reinstate",
            danger: action != "reinstate",
        })
        .collect()
}

/// Whether the request asks for the JSON document, and with which media type.
fn wants_json(headers: &HeaderMap) -> Option<&'static str> {
    let accept = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let types: Vec<&str> = accept
        .split(',')
        .map(|t| t.split(';').next().unwrap_or_default().trim())
        .collect();
    if types.contains(&"application/vc") {
        Some("application/vc")
    } else if types.iter().any(|t| {
        matches!(
            *t,
            "application/json" | "application/ld+json" | "application/vc+ld+json"
        )
    }) {
        Some("application/json")
    } else {
        None
    }
}

/// `GET /credentials/{id}`: the certificate's own `id` URL. JSON for `Accept:
/// application/json` or `application/vc`, otherwise a short page with the verification
/// (and, for the issuer's reviewers and admins, the forms that change its status).
pub async fn one(
    State(state): State<AppState>,
    lang: Lang,
    identity: crate::auth::Identity,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let cred = load(&state, &id).await?;
    if let Some(media) = wants_json(&headers) {
        return Ok((
            [(header::CONTENT_TYPE, media), (header::VARY, "Accept")],
            cred.document.to_string(),
        )
            .into_response());
    }
    credential_page(&state, lang, &identity, cred, None).await
}

/// The certificate's page; `refused` is a status change sent back with its reason.
pub(super) async fn credential_page(
    state: &AppState,
    lang: Lang,
    identity: &crate::auth::Identity,
    cred: Credential,
    refused: Option<(String, String, String)>,
) -> Result<Response, PageError> {
    let id = cred.id.clone();
    let tr = state.i18n.tr(lang.0);
    let live = Live::of(&cred, state.now());
    let report = service::verify(state, cred.document.clone(), true).await;
    let page = CredentialPage {
        status_text: tr.t(&format!("cert-status-{}", live.code())),
        changes: changes(&tr, identity.principal.as_ref(), &cred),
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        refused,
        status_reason: cred.status_reason.clone(),
        content: content(&cred.document, lang.0),
        c: Chrome::new(state, lang, &format!("/credentials/{id}"), ""),
        id,
        verified: report.verified,
        status: live.code(),
        errors: report.errors,
        replaced_by: cred.replaced_by,
    };
    Ok(render(page)?.into_response())
}

/// `GET /credentials/{id}/download`: the signed JSON, as a file to keep.
pub async fn download(
    State(state): State<AppState>,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let cred = load(&state, &id).await?;
    let disposition = format!(
        "attachment; filename=\"wanqiao-certificate-{}.json\"",
        cred.id
    );
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        cred.document.to_string(),
    )
        .into_response())
}

/// One of the holder's certificates, as their list shows it.
struct Mine {
    id: String,
    content: Content,
    status: &'static str,
    status_text: String,
    public_register: bool,
    replaced_by: Option<String>,
    issued_at: String,
}

#[derive(Template)]
#[template(path = "certificates.html")]
struct MinePage<'a> {
    c: Chrome<'a>,
    csrf_token: String,
    items: Vec<Mine>,
}

/// `GET /account/certificates`: the signed-in engineer's certificates.
pub async fn mine(
    State(state): State<AppState>,
    lang: Lang,
    PageUser(user, identity): PageUser,
) -> PageResult {
    let now = state.now();
    let tr = state.i18n.tr(lang.0);
    let items = holder::mine(&state, &user)
        .await
        .map_err(PageError::from_api)?
        .into_iter()
        .map(|c| Mine {
            content: content(&c.document, lang.0),
            status: Live::of(&c, now).code(),
            status_text: tr.t(&format!("cert-status-{}", Live::of(&c, now).code())),
            public_register: c.public_register,
            replaced_by: c.replaced_by,
            issued_at: tr.date_of(&c.issued_at),
            id: c.id,
        })
        .collect();
    render(MinePage {
        c: Chrome::new(&state, lang, "/account/certificates", "nav-certificates"),
        csrf_token: identity.csrf_token().unwrap_or_default().to_string(),
        items,
    })
}

#[derive(Deserialize)]
pub struct ConsentForm {
    /// Present (as "on") when the box is ticked.
    #[serde(default)]
    public_register: Option<String>,
}

/// `POST /account/certificates/{id}/consent`: the holder's consent to the public register.
pub async fn consent(
    State(state): State<AppState>,
    PageUser(user, _): PageUser,
    Path(id): Path<String>,
    Form(form): Form<ConsentForm>,
) -> Result<Redirect, PageError> {
    let input = SettingsInput {
        public_register: form.public_register.is_some_and(|v| !v.is_empty()),
    };
    holder::set_settings(&state, &user, &id, input)
        .await
        .map_err(PageError::from_api)?;
    Ok(Redirect::to("/account/certificates"))
}
