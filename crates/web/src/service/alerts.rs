//! Discipline and revocation alerts: a society admin raises one about an engineer; every
//! society that has the engineer as an applicant or a holder sees it, and its admins are
//! told through the outbox.

use crate::service::notifications::{self, Kind};
use crate::{ApiError, AppState};
use serde::{Deserialize, Serialize};
use serde_json::json;
use wanqiao_domain::Principal;
use wanqiao_domain::Role;
use wanqiao_domain::alerts::{self, AlertKind};
use wanqiao_store::alerts::{Alert, NewAlert};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewAlertInput {
    /// The engineer profile the alert is about.
    pub engineer: String,
    pub kind: String,
    pub statement: String,
    /// The raising society; defaults to the one the caller administers, when only one.
    #[serde(default)]
    pub society: Option<String>,
}

/// An alert with the engineer's name, as lists show it.
#[derive(Debug, Clone, Serialize)]
pub struct AlertView {
    #[serde(flatten)]
    pub alert: Alert,
    pub engineer_name: String,
}

/// Whether the caller sees alerts at all: platform admins and society staff.
pub fn may_read(me: &Principal) -> bool {
    me.is_platform_admin() || !me.staff_societies().is_empty()
}

/// Alerts about engineers concerning the caller's societies; every alert for platform admins.
pub async fn list(state: &AppState, me: &Principal) -> Result<Vec<AlertView>, ApiError> {
    if !may_read(me) {
        return Err(ApiError::forbidden(
            "alerts are shown to the staff of the societies concerned",
        ));
    }
    let found = if me.is_platform_admin() {
        state.store.alerts(None).await?
    } else {
        state.store.alerts(Some(&me.staff_societies())).await?
    };
    let engineers: Vec<&str> = found.iter().map(|a| a.engineer.as_str()).collect();
    let names = state.store.engineer_names(&engineers).await?;
    Ok(found
        .into_iter()
        .map(|alert| AlertView {
            engineer_name: names
                .get(&alert.engineer)
                .map(|n| n.en.clone())
                .unwrap_or_default(),
            alert,
        })
        .collect())
}

/// Raises an alert as an admin of a society concerned with the engineer (platform admins
/// name the society), and tells the admins of every other society concerned.
pub async fn raise(
    state: &AppState,
    me: &Principal,
    input: NewAlertInput,
) -> Result<AlertView, ApiError> {
    let administered: Vec<&str> = me.administered();
    if !me.is_platform_admin() && administered.is_empty() {
        return Err(ApiError::forbidden("only society admins raise alerts"));
    }
    let society = match (&input.society, administered.as_slice()) {
        (Some(s), _) => s.clone(),
        (None, [one]) => (*one).to_string(),
        _ => {
            return Err(ApiError::invalid(
                "society",
                "name the society that raises the alert",
            ));
        }
    };
    if !me.is_platform_admin() && !me.holds(Role::SocietyAdmin, &society) {
        return Err(ApiError::forbidden(format!(
            "you are not an admin of `{society}`"
        )));
    }
    let kind = AlertKind::parse(&input.kind).ok_or_else(|| {
        ApiError::invalid(
            "kind",
            "one of suspension, striking_off, falsified_documents",
        )
    })?;
    let statement =
        alerts::statement(&input.statement).map_err(|m| ApiError::invalid("statement", m))?;
    if state.store.engineer(&input.engineer).await?.is_none() {
        return Err(ApiError::invalid(
            "engineer",
            format!("no engineer profile `{}`", input.engineer),
        ));
    }
    let concerned = state.store.societies_concerned(&input.engineer).await?;
    if !concerned.contains(&society) {
        return Err(ApiError::invalid(
            "engineer",
            format!("this engineer neither applies to nor holds a qualification of `{society}`"),
        ));
    }
    let mut w = state.store.write(me.user_id.clone(), state.now()).await?;
    let id = w
        .raise_alert(&NewAlert {
            engineer: &input.engineer,
            society: &society,
            kind,
            statement: &statement,
        })
        .await?;
    for other in concerned.iter().filter(|s| **s != society) {
        for email in w.staff_emails(other, &[Role::SocietyAdmin]).await? {
            notifications::notify(
                &mut w,
                &email,
                Kind::Alert,
                json!({ "kind": kind.code(), "society": society, "link": "/admin/alerts" }),
            )
            .await?;
        }
    }
    w.commit().await?;
    notifications::deliver_pending(state).await;
    let alert = state
        .store
        .alerts_about(&input.engineer)
        .await?
        .into_iter()
        .find(|a| a.id == id)
        .ok_or_else(|| ApiError::not_found("alert", &id))?;
    let engineer_name = state
        .store
        .engineer(&alert.engineer)
        .await?
        .map(|p| p.names.en)
        .unwrap_or_default();
    Ok(AlertView {
        alert,
        engineer_name,
    })
}
