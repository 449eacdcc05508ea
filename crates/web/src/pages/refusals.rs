//! The application service's refusals, said in the reader's language on the pages.
//!
//! The service explains itself in English for API clients; a page reads what kind of refusal
//! it is (which field, which action, a conflict) and says it with a message of its own, so no
//! English sentence of the service reaches a reader of another language.

use crate::{ApiError, Tr};
use wanqiao_domain::workflow::Action;
use wanqiao_store::StoreError;

/// Why an action on an application (`action`, as the form sent it) was refused.
pub fn of_action(tr: &Tr, e: &ApiError, action: Option<Action>) -> String {
    let id = match e {
        ApiError::Conflict { allowed, .. }
            if allowed.is_empty() && action == Some(Action::Appeal) =>
        {
            "application-refused-appeal-closed"
        }
        ApiError::Invalid { fields, .. } => match fields.first().map(|f| f.name.as_str()) {
            Some("note") => "application-refused-note-long",
            Some("qualification") => "application-refused-qualification",
            Some("host_society") => "application-refused-no-rule",
            Some(_) => "application-refused-state",
            None => match action {
                Some(Action::Reject | Action::RefuseAttestation) => "application-refused-reasons",
                Some(Action::ApproveWithConditions) => "application-refused-conditions",
                Some(Action::FulfilCondition) => "application-refused-condition",
                Some(Action::DecideAppeal) => "application-refused-appeal-outcome",
                _ => "application-refused-state",
            },
        },
        _ => "application-refused-state",
    };
    tr.t(id)
}

/// Why a new application was refused.
pub fn of_new(tr: &Tr, e: &ApiError) -> String {
    let id = match e {
        ApiError::Invalid { fields, .. } => match fields.first().map(|f| f.name.as_str()) {
            Some("engineer") => "apply-refused-profile",
            Some("qualification" | "specialty") => "apply-refused-qualification",
            _ => "apply-refused-no-rule",
        },
        ApiError::Store(StoreError::Conflict(_)) => "apply-refused-duplicate",
        _ => "apply-refused-no-rule",
    };
    tr.t(id)
}
