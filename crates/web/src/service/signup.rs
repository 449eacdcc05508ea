//! Self-service sign-up for engineers: an account holding the engineer role, its engineer
//! profile and a first session, in one audited write.
//!
//! Sign-up is throttled like sign-in, per client address and per email address. An address
//! that already has an account gets no second one and no different error: its owner is told
//! by a notification, and the person signing up is asked to check their email or sign in.

use crate::error::FieldError;
use crate::service::engineers::check_names;
use crate::service::notifications::{self, Kind};
use crate::service::users::{MAX_NAME_CHARS, check_email, check_password};
use crate::{ApiError, AppState};
use jiff::Timestamp;
use serde::Deserialize;
use serde_json::json;
use wanqiao_domain::engineer::Standing;
use wanqiao_domain::{Grant, Locale, LocalizedText, Role};
use wanqiao_store::engineers::Particulars;
use wanqiao_store::secret::{hash_password, new_token, sha256_hex};
use wanqiao_store::users::normalize_email;

/// A sign-up as asked: not yet checked.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SignupInput {
    pub email: String,
    pub password: String,
    /// The password typed again, so a typing mistake does not lock the engineer out.
    pub password_confirmation: String,
    /// The engineer's name in each script they use; at least one.
    #[serde(default)]
    pub names: LocalizedText,
    /// The language the engineer reads the platform in (`zh-Hans`, `zh-Hant`, `en`).
    #[serde(default)]
    pub language: Option<String>,
}

/// What a sign-up did.
#[derive(Debug)]
pub enum Outcome {
    /// A new account and profile, signed in: the cookie value (for nobody else) and the
    /// session's CSRF token.
    Created {
        token: String,
        csrf_token: String,
        user_id: String,
        engineer_id: String,
        expires_at: Timestamp,
        language: Option<Locale>,
    },
    /// The address already has an account; its owner was told. Shown exactly like an
    /// accepted request that needs the email to be checked.
    CheckEmail,
    /// Too many sign-ups from this client or for this address; try after this many seconds.
    Throttled { retry_after: u64 },
}

/// The languages a sign-up may choose: those the pages are complete in.
const LANGUAGES: [Locale; 3] = [Locale::ZhHans, Locale::ZhHant, Locale::En];

/// Every problem of the form at once, so the page can mark each field.
fn check(input: &SignupInput) -> Result<Option<Locale>, ApiError> {
    let mut fields = Vec::new();
    let mut keep = |r: Result<(), ApiError>, field: &str| {
        if let Err(ApiError::Invalid { fields: f, .. }) = r {
            fields.extend(f.into_iter().map(|e| FieldError {
                name: field.to_string(),
                message: e.message,
            }));
        }
    };
    keep(check_email(&input.email), "email");
    keep(check_password(&input.password), "password");
    if input.password != input.password_confirmation {
        keep(
            Err(ApiError::invalid(
                "password_confirmation",
                "the two passwords differ; type the same password twice",
            )),
            "password_confirmation",
        );
    }
    keep(check_names(&input.names), "names");
    let language = match input.language.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(tag) => match Locale::from_tag(tag).filter(|l| LANGUAGES.contains(l)) {
            Some(l) => Some(l),
            None => {
                keep(
                    Err(ApiError::invalid("language", "use zh-Hans, zh-Hant or en")),
                    "language",
                );
                None
            }
        },
    };
    if fields.is_empty() {
        Ok(language)
    } else {
        Err(ApiError::Invalid {
            message: fields
                .iter()
                .map(|f| format!("`{}`: {}", f.name, f.message))
                .collect::<Vec<_>>()
                .join("; "),
            fields,
        })
    }
}

/// The account's display name: the name in the chosen language's script, else the first
/// one given.
fn display_name(names: &LocalizedText, language: Option<Locale>) -> String {
    let chosen = language.map(|l| names.get(l).trim());
    let name = chosen
        .filter(|n| !n.is_empty())
        .or_else(|| {
            [&names.zh_hans, &names.zh_hant, &names.en]
                .into_iter()
                .map(|n| n.trim())
                .find(|n| !n.is_empty())
        })
        .unwrap_or_default();
    name.chars().take(MAX_NAME_CHARS).collect()
}

/// How long to wait before `keys` may try again, or zero.
async fn retry_after(state: &AppState, keys: &[(String, u32)]) -> Result<u64, ApiError> {
    let now = state.now();
    let window = state.auth.failure_window;
    let mut wait = 0u64;
    for (key, limit) in keys {
        let (count, oldest) = state.store.login_failures(key, now - window).await?;
        if count >= *limit {
            let until = oldest.unwrap_or(now) + window;
            let secs = until.duration_since(now).as_secs().max(1);
            wait = wait.max(u64::try_from(secs).unwrap_or(1));
        }
    }
    Ok(wait)
}

/// Signs an engineer up from `client`: checks the form (a refusal writes nothing), then
/// creates the account, its profile and a session, or tells the owner of an existing
/// account that someone tried to use their address.
pub async fn sign_up(
    state: &AppState,
    input: &SignupInput,
    client: &str,
) -> Result<Outcome, ApiError> {
    let email = normalize_email(&input.email);
    let cfg = &state.auth;
    let keys = [
        (
            format!("signup:client:{client}"),
            cfg.max_failures_per_client,
        ),
        (
            format!("signup:email:{email}"),
            cfg.max_failures_per_account,
        ),
    ];
    let wait = retry_after(state, &keys).await?;
    if wait > 0 {
        return Ok(Outcome::Throttled { retry_after: wait });
    }
    let language = check(input)?;
    // Hashed whether or not the address is taken, so both answers take as long.
    let hash = hash_password(&input.password);
    let now = state.now();
    let mut w = state.store.write("signup", now).await?;
    let counted: Vec<String> = keys.iter().map(|(k, _)| k.clone()).collect();
    w.record_attempt(&counted).await?;
    if let Some(existing) = w.user_id_by_email(&email).await? {
        notifications::notify(
            &mut w,
            &email,
            Kind::SignupExisting,
            json!({ "link": "/login" }),
        )
        .await?;
        w.audit(
            "auth.signup_existing",
            &format!("user:{existing}"),
            json!({ "client": client }),
        )
        .await?;
        w.commit().await?;
        notifications::deliver_pending(state).await;
        return Ok(Outcome::CheckEmail);
    }
    let names = LocalizedText {
        zh_hans: input.names.zh_hans.trim().to_string(),
        zh_hant: input.names.zh_hant.trim().to_string(),
        en: input.names.en.trim().to_string(),
        pt: None,
    };
    let engineer = Grant::new(Role::Engineer, None).map_err(|m| ApiError::invalid("role", m))?;
    let user_id = w
        .create_user(
            &email,
            &display_name(&names, language),
            Some(&hash),
            &[engineer],
        )
        .await?;
    let engineer_id = w
        .create_engineer(
            Some(&user_id),
            &Particulars {
                names,
                standing: Standing::Good,
                identity: None,
            },
        )
        .await?;
    w.audit(
        "auth.signup",
        &format!("user:{user_id}"),
        json!({ "client": client, "engineer": engineer_id }),
    )
    .await?;
    let token = new_token();
    let csrf_token = new_token();
    let expires_at = now + cfg.session_lifetime;
    w.open_session(
        &user_id,
        &sha256_hex(token.as_bytes()),
        &csrf_token,
        expires_at,
        client,
    )
    .await?;
    w.commit().await?;
    Ok(Outcome::Created {
        token,
        csrf_token,
        user_id,
        engineer_id,
        expires_at,
        language,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SignupInput {
        SignupInput {
            email: "new@example.org".into(),
            password: "a long enough password".into(),
            password_confirmation: "a long enough password".into(),
            names: LocalizedText {
                en: "Lee Example".into(),
                ..LocalizedText::default()
            },
            language: Some("en".into()),
        }
    }

    fn fields(r: Result<Option<Locale>, ApiError>) -> Vec<String> {
        match r {
            Err(ApiError::Invalid { fields, .. }) => fields.into_iter().map(|f| f.name).collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_problem_is_named_at_once() {
        assert_eq!(check(&input()).unwrap(), Some(Locale::En));
        let bad = SignupInput {
            email: "not an address".into(),
            password: "short".into(),
            password_confirmation: "other".into(),
            names: LocalizedText::default(),
            language: Some("fr".into()),
        };
        assert_eq!(
            fields(check(&bad)),
            [
                "email",
                "password",
                "password_confirmation",
                "names",
                "language"
            ]
        );
    }

    #[test]
    fn the_display_name_follows_the_language() {
        let names = LocalizedText {
            zh_hans: "李示例".into(),
            en: "Lee Example".into(),
            ..LocalizedText::default()
        };
        assert_eq!(display_name(&names, Some(Locale::En)), "Lee Example");
        assert_eq!(display_name(&names, Some(Locale::ZhHant)), "李示例");
        assert_eq!(display_name(&names, None), "李示例");
    }
}
