//! Referees: the applicant names them by e-mail; each gets a single-use, expiring link
//! (through the outbox) to confirm or decline the stated experience. A confirmation stays
//! fresh for a configurable time, and reviewers see its age.

use crate::service::applications;
use crate::service::notifications::{self, Kind};
use crate::{ApiError, AppState};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::json;
use wanqiao_domain::Principal;
use wanqiao_store::StoreError;
use wanqiao_store::referees::{Answer, NewRefereeRequest, RefereeRequest};
use wanqiao_store::secret::{new_token, sha256_hex};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefereeInput {
    pub email: String,
    pub name: String,
    /// The experience the referee is asked to confirm.
    pub statement: String,
}

/// A referee statement as the application's readers see it: never its link.
#[derive(Debug, Clone, Serialize)]
pub struct RefereeView {
    pub id: String,
    pub email: String,
    pub name: String,
    pub statement: String,
    /// `pending`, `confirmed` or `declined`.
    pub status: String,
    pub requested_at: String,
    pub expires_at: String,
    pub answered_at: Option<String>,
    /// Whole days since the referee answered; none while pending.
    pub age_days: Option<i64>,
    /// A confirmation younger than the freshness period.
    pub fresh: bool,
}

fn days_since(at: &str, now: Timestamp) -> Option<i64> {
    let at: Timestamp = at.parse().ok()?;
    Some(now.duration_since(at).as_secs().max(0) / 86_400)
}

fn view(state: &AppState, r: RefereeRequest) -> RefereeView {
    let age_days = r
        .answered_at
        .as_deref()
        .and_then(|a| days_since(a, state.now()));
    RefereeView {
        fresh: r.status == "confirmed"
            && age_days.is_some_and(|d| d <= state.evidence.referee_fresh_days),
        age_days,
        id: r.id,
        email: r.email,
        name: r.name,
        statement: r.statement,
        status: r.status,
        requested_at: r.created_at,
        expires_at: r.expires_at,
        answered_at: r.answered_at,
    }
}

fn check(input: &RefereeInput) -> Result<(String, String, String), ApiError> {
    let email = input.email.trim().to_lowercase();
    let plausible = email.len() <= 254
        && email
            .split_once('@')
            .is_some_and(|(local, host)| !local.is_empty() && host.contains('.'))
        && !email.chars().any(char::is_whitespace);
    if !plausible {
        return Err(ApiError::invalid(
            "email",
            "give the referee's e-mail address",
        ));
    }
    let name = input.name.trim();
    if name.is_empty() || name.chars().count() > 200 {
        return Err(ApiError::invalid(
            "name",
            "name the referee (at most 200 characters)",
        ));
    }
    let statement = input.statement.trim();
    if statement.is_empty() || statement.chars().count() > 4000 {
        return Err(ApiError::invalid(
            "statement",
            "state the experience to confirm (at most 4000 characters)",
        ));
    }
    Ok((email, name.to_string(), statement.to_string()))
}

/// Names a referee on the caller's own application and sends them their link.
pub async fn add(
    state: &AppState,
    me: &Principal,
    application: &str,
    input: RefereeInput,
) -> Result<RefereeView, ApiError> {
    let app = applications::get(state, me, application).await?.application;
    let applicant = state
        .store
        .engineer(&app.engineer)
        .await?
        .and_then(|p| p.user_id);
    if applicant.as_deref() != Some(me.user_id.as_str()) {
        return Err(ApiError::forbidden("only the applicant names referees"));
    }
    if app.state.is_final() {
        return Err(ApiError::conflict(
            format!(
                "the application is {}; referees are named while it is open",
                app.state.code()
            ),
            Vec::new(),
        ));
    }
    let (email, name, statement) = check(&input)?;
    let token = new_token();
    let expires_at = state.now() + state.evidence.referee_link_lifetime;
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .add_referee_request(&NewRefereeRequest {
            application,
            email: &email,
            name: &name,
            statement: &statement,
            token_hash: &sha256_hex(token.as_bytes()),
            expires_at,
        })
        .await?;
    notifications::notify(
        &mut w,
        &email,
        Kind::RefereeRequest,
        json!({
            "referee": name,
            "applicant": me.display_name,
            "link": format!("/referees/{token}"),
            "days": state.evidence.referee_link_lifetime.as_hours() / 24,
        }),
    )
    .await?;
    w.commit().await?;
    notifications::deliver_pending(state).await;
    let r = state
        .store
        .referee_requests(application)
        .await?
        .into_iter()
        .find(|r| r.id == id)
        .ok_or_else(|| ApiError::not_found("referee request", &id))?;
    Ok(view(state, r))
}

/// The referee statements of an application, for whoever may see the application.
pub async fn list(
    state: &AppState,
    me: &Principal,
    application: &str,
) -> Result<Vec<RefereeView>, ApiError> {
    let seen = applications::get(state, me, application).await?;
    of_seen(state, &seen).await
}

/// The referee statements of an application the caller was found to see.
pub async fn of_seen(
    state: &AppState,
    seen: &applications::ApplicationView,
) -> Result<Vec<RefereeView>, ApiError> {
    Ok(state
        .store
        .referee_requests(&seen.application.id)
        .await?
        .into_iter()
        .map(|r| view(state, r))
        .collect())
}

/// What a referee link leads to.
#[derive(Debug, Clone)]
pub enum Link {
    /// Waiting for the answer.
    Open(Box<RefereeRequest>),
    /// Already answered: nothing more is recorded.
    Used,
    /// Past its time: nothing is recorded.
    Expired,
    /// No such link.
    Unknown,
}

fn expired(state: &AppState, r: &RefereeRequest) -> bool {
    r.expires_at
        .parse::<Timestamp>()
        .map_or(true, |at| at <= state.now())
}

/// Looks a link up by its token, which is compared by digest only.
pub async fn open(state: &AppState, token: &str) -> Result<Link, ApiError> {
    let found = state
        .store
        .referee_request_by_token(&sha256_hex(token.as_bytes()))
        .await?;
    Ok(match found {
        None => Link::Unknown,
        Some(r) if r.status != "pending" => Link::Used,
        Some(r) if expired(state, &r) => Link::Expired,
        Some(r) => Link::Open(Box::new(r)),
    })
}

/// Records the referee's answer, once. A used, expired or unknown link records nothing and
/// says which it is.
pub async fn answer(
    state: &AppState,
    token: &str,
    answer: Answer,
    comment: &str,
) -> Result<Link, ApiError> {
    let link = open(state, token).await?;
    let Link::Open(r) = link else {
        return Ok(link);
    };
    let comment: String = comment.trim().chars().take(2000).collect();
    let mut w = state
        .store
        .write(format!("referee:{}", r.id), state.now())
        .await?;
    match w
        .answer_referee_request(&sha256_hex(token.as_bytes()), answer, &comment)
        .await
    {
        Ok(done) => {
            w.commit().await?;
            Ok(Link::Open(Box::new(done)))
        }
        // Answered or expired between reading and writing: the same as arriving late.
        Err(StoreError::Conflict(_)) => Ok(Link::Used),
        Err(e) => Err(e.into()),
    }
}
