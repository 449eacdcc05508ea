//! Notifications: every event someone must act on goes to the outbox inside the write that
//! records the event, then a delivery adapter sends it (a log by default). Users read what
//! was sent to them in their inbox.

use crate::i18n::Arg;
use crate::{ApiError, AppState, Tr};
use serde::Serialize;
use serde_json::{Value, json};
use wanqiao_domain::Principal;
use wanqiao_store::evidence::BoxFuture;
use wanqiao_store::outbox::{NewNotification, Notification};
use wanqiao_store::{Page, Paged, Write};

/// What a notification is about; each kind has a subject and a body message in every
/// language (`notify-<kind>-subject`, `notify-<kind>-body`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A referee is asked to confirm an applicant's stated experience.
    RefereeRequest,
    /// Someone must act on an application (attest it, review it, answer a request…).
    ActionNeeded,
    /// The applicant learns a decision on their application.
    Decided,
    /// A society's admins learn of a discipline or revocation alert.
    Alert,
    /// Someone tried to sign up with the address of an existing account: its owner is told,
    /// and the person signing up learns nothing about whether the account exists.
    SignupExisting,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::RefereeRequest => "referee_request",
            Kind::ActionNeeded => "action_needed",
            Kind::Decided => "application_decided",
            Kind::Alert => "alert",
            Kind::SignupExisting => "signup_existing",
        }
    }
}

/// Enqueues a notification for `recipient` (an e-mail address, linked to its account when
/// there is one) inside the write `w`, so it is sent exactly when the event it reports is
/// committed. `args` are the message arguments, e.g. for [`Kind::ActionNeeded`]
/// `{"application": id, "action": "attest"}`; call [`deliver_pending`] after committing.
///
/// The workflow calls this when someone must act on an application, e.g.
/// `notify(&mut w, "gd.attestor@wanqiao.example", Kind::ActionNeeded, json!({"application": id, "action": "attest"}))`.
pub async fn notify(
    w: &mut Write,
    recipient: &str,
    kind: Kind,
    args: Value,
) -> Result<String, ApiError> {
    Ok(w.enqueue(&NewNotification {
        recipient,
        kind: kind.code(),
        message_id: &format!("notify-{}", kind.code()),
        args,
    })
    .await?)
}

/// How notifications leave the outbox: e-mail where configured, a log by default.
pub trait Delivery: Send + Sync {
    /// Sends one notification; an error is kept for a later attempt.
    fn deliver<'a>(&'a self, n: &'a Notification) -> BoxFuture<'a, Result<(), String>>;
}

/// Writes one line per notification to the log: its kind, recipient and id, never its
/// content, which may carry a single-use link.
#[derive(Debug, Clone, Copy, Default)]
pub struct LogDelivery;

impl Delivery for LogDelivery {
    fn deliver<'a>(&'a self, n: &'a Notification) -> BoxFuture<'a, Result<(), String>> {
        Box::pin(async move {
            tracing::info!(
                kind = %n.kind,
                recipient = %n.recipient,
                notification = %n.id,
                "notification delivered to the log"
            );
            Ok(())
        })
    }
}

/// Sends what waits in the outbox. Failures are logged and retried on the next call; they
/// never fail the request that caused the notification.
pub async fn deliver_pending(state: &AppState) {
    let pending = match state.store.outbox_pending(100).await {
        Ok(p) => p,
        Err(e) => {
            tracing::error!(error = %e, "could not read the outbox");
            return;
        }
    };
    for n in pending {
        let delivered = match state.evidence.delivery.deliver(&n).await {
            Ok(()) => true,
            Err(e) => {
                tracing::warn!(kind = %n.kind, notification = %n.id, error = %e, "delivery failed");
                false
            }
        };
        let result = async {
            let mut w = state.store.write("outbox", state.now()).await?;
            w.mark_delivery(&n.id, delivered).await?;
            w.commit().await
        }
        .await;
        if let Err(e) = result {
            tracing::error!(error = %e, notification = %n.id, "could not record a delivery");
        }
    }
}

/// A notification as its reader sees it, in their language.
#[derive(Debug, Clone, Serialize)]
pub struct InboxItem {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// A link to follow, when the notification carries one.
    pub link: Option<String>,
    pub created_at: String,
    pub delivered_at: Option<String>,
}

/// The subject and body of a notification in one language.
pub fn render(tr: &Tr<'_>, n: &Notification) -> (String, String) {
    let args: Vec<(&str, Arg)> = n
        .args
        .as_object()
        .map(|o| {
            o.iter()
                .map(|(k, v)| {
                    let arg = match v {
                        Value::String(s) => Arg::from(s.as_str()),
                        Value::Number(x) => Arg::from(x.as_u64().unwrap_or_default()),
                        other => Arg::from(other.to_string()),
                    };
                    (k.as_str(), arg)
                })
                .collect()
        })
        .unwrap_or_default();
    (
        tr.targs(&format!("{}-subject", n.message_id), &args),
        tr.targs(&format!("{}-body", n.message_id), &args),
    )
}

/// What was sent to the caller, newest first.
pub async fn inbox(
    state: &AppState,
    me: &Principal,
    tr: &Tr<'_>,
    page: Page,
) -> Result<Paged<InboxItem>, ApiError> {
    let found = state.store.inbox(&me.user_id, page).await?;
    Ok(Paged {
        total: found.total,
        items: found
            .items
            .iter()
            .map(|n| {
                let (subject, body) = render(tr, n);
                InboxItem {
                    id: n.id.clone(),
                    kind: n.kind.clone(),
                    subject,
                    body,
                    link: n.args["link"].as_str().map(str::to_string),
                    created_at: n.created_at.clone(),
                    delivered_at: n.delivered_at.clone(),
                }
            })
            .collect(),
    })
}

/// The arguments of an "action needed" notice, for the workflow: the link opens the
/// application's page, where the action is.
pub fn action_needed_args(application: &str, action: &str) -> Value {
    json!({ "application": application, "action": action, "link": format!("/applications/{application}") })
}
