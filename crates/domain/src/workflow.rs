//! The application workflow between two societies (DESIGN.md §4), as a pure state machine:
//! which action is possible in which state, and who may take it.
//!
//! `draft → submitted → attested (home society) → under_review (host society) ⇄
//! info_requested → approved | conditionally_approved → approved | rejected → appealed →
//! under_review …`; `attestation_refused`; `withdrawn` from any state that is not final.

use crate::codes::codes;
use crate::{Principal, Requirement, Role};
use serde::{Deserialize, Serialize};

codes!(
    /// Where an application stands.
    State {
        Draft = "draft",
        Submitted = "submitted",
        Attested = "attested",
        AttestationRefused = "attestation_refused",
        UnderReview = "under_review",
        InfoRequested = "info_requested",
        ConditionallyApproved = "conditionally_approved",
        Approved = "approved",
        Rejected = "rejected",
        Appealed = "appealed",
        Withdrawn = "withdrawn",
    }
);

codes!(
    /// What someone can do to an application.
    Action {
        Submit = "submit",
        Withdraw = "withdraw",
        Attest = "attest",
        RefuseAttestation = "refuse_attestation",
        StartReview = "start_review",
        RequestInfo = "request_info",
        ProvideInfo = "provide_info",
        Approve = "approve",
        ApproveWithConditions = "approve_with_conditions",
        FulfilCondition = "fulfil_condition",
        Reject = "reject",
        Appeal = "appeal",
        DecideAppeal = "decide_appeal",
    }
);

/// Who takes an action: the applicant, the home society that certified the qualification,
/// or the host society that recognises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Applicant,
    HomeSociety,
    HostSociety,
}

impl State {
    /// States in which nothing more happens.
    pub fn is_final(self) -> bool {
        matches!(
            self,
            State::Approved | State::AttestationRefused | State::Withdrawn
        )
    }

    /// States in which the applicant owes something, so the societies' clocks stop.
    pub fn waits_on_applicant(self) -> bool {
        matches!(self, State::Draft | State::InfoRequested)
    }

    /// Every action possible in this state, whoever may take it.
    pub fn actions(self) -> Vec<Action> {
        Action::ALL
            .iter()
            .copied()
            .filter(|a| next(self, *a).is_some())
            .collect()
    }
}

impl Action {
    pub fn party(self) -> Party {
        use Action::*;
        match self {
            Submit | Withdraw | ProvideInfo | Appeal => Party::Applicant,
            Attest | RefuseAttestation => Party::HomeSociety,
            StartReview
            | RequestInfo
            | Approve
            | ApproveWithConditions
            | FulfilCondition
            | Reject
            | DecideAppeal => Party::HostSociety,
        }
    }

    /// Actions that must say why, with at least one reason code.
    pub fn needs_reasons(self) -> bool {
        matches!(self, Action::Reject | Action::RefuseAttestation)
    }
}

/// The state an action leads to, if it is possible at all. An appeal decision and the last
/// fulfilled condition depend on more than the state; see [`Decision`].
fn next(state: State, action: Action) -> Option<State> {
    use Action as A;
    use State as S;
    Some(match (state, action) {
        (s, A::Withdraw) if !s.is_final() && s != S::Rejected => S::Withdrawn,
        (S::Draft, A::Submit) => S::Submitted,
        (S::Submitted, A::Attest) => S::Attested,
        (S::Submitted, A::RefuseAttestation) => S::AttestationRefused,
        (S::Attested, A::StartReview) => S::UnderReview,
        (S::UnderReview, A::RequestInfo) => S::InfoRequested,
        (S::InfoRequested, A::ProvideInfo) => S::UnderReview,
        (S::UnderReview, A::Approve) => S::Approved,
        (S::UnderReview, A::ApproveWithConditions) => S::ConditionallyApproved,
        (S::UnderReview, A::Reject) => S::Rejected,
        (S::ConditionallyApproved, A::FulfilCondition) => S::ConditionallyApproved,
        (S::Rejected, A::Appeal) => S::Appealed,
        (S::Appealed, A::DecideAppeal) => S::UnderReview,
        _ => return None,
    })
}

/// What an appeal decides: to review the application again, or to let the rejection stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealOutcome {
    Reopen,
    Dismiss,
}

/// The details an action carries beyond its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Details {
    pub reason_codes: Vec<String>,
    /// For `approve_with_conditions`: the compensation measures to fulfil.
    pub conditions: Vec<Requirement>,
    /// For `fulfil_condition`: the measure fulfilled.
    pub condition: Option<Requirement>,
    /// For `decide_appeal`.
    pub appeal_outcome: Option<AppealOutcome>,
}

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkflowError {
    #[error("`{action}` is not possible while the application is {state}")]
    WrongState {
        state: State,
        action: Action,
        allowed: Vec<Action>,
    },
    #[error("{0}")]
    Invalid(String),
}

/// The outcome of a valid action: the new state and the conditions still outstanding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub state: State,
    pub outstanding: Vec<Requirement>,
}

/// Applies `action` to an application in `state` with `outstanding` conditions.
pub fn decide(
    state: State,
    outstanding: &[Requirement],
    action: Action,
    details: &Details,
) -> Result<Decision, WorkflowError> {
    let Some(mut to) = next(state, action) else {
        return Err(WorkflowError::WrongState {
            state,
            action,
            allowed: state.actions(),
        });
    };
    if action.needs_reasons() && details.reason_codes.is_empty() {
        return Err(WorkflowError::Invalid(format!(
            "`{action}` needs at least one reason code, so the applicant knows what to do"
        )));
    }
    let mut left = outstanding.to_vec();
    match action {
        Action::ApproveWithConditions => {
            if details.conditions.is_empty() {
                return Err(WorkflowError::Invalid(
                    "`approve_with_conditions` needs the conditions to fulfil; with none, use `approve`".into(),
                ));
            }
            left = details.conditions.clone();
        }
        Action::FulfilCondition => {
            let Some(c) = details.condition else {
                return Err(WorkflowError::Invalid(
                    "name the condition fulfilled".into(),
                ));
            };
            let Some(i) = left.iter().position(|x| x.code() == c.code()) else {
                return Err(WorkflowError::Invalid(format!(
                    "`{c}` is not an outstanding condition"
                )));
            };
            left.remove(i);
            if left.is_empty() {
                to = State::Approved;
            }
        }
        Action::DecideAppeal => match details.appeal_outcome {
            Some(AppealOutcome::Reopen) => {}
            Some(AppealOutcome::Dismiss) => to = State::Rejected,
            None => {
                return Err(WorkflowError::Invalid(
                    "`decide_appeal` needs an appeal_outcome: reopen or dismiss".into(),
                ));
            }
        },
        _ => {}
    }
    Ok(Decision {
        state: to,
        outstanding: left,
    })
}

/// The people an application concerns, for permission checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parties<'a> {
    /// The applicant's account.
    pub applicant: Option<&'a str>,
    pub home_society: Option<&'a str>,
    pub host_society: &'a str,
    /// Who rejected the application, so that someone else decides its appeal.
    pub rejected_by: Option<&'a str>,
}

/// Whether `who` may take `action` on an application between these parties.
pub fn may_act(who: &Principal, action: Action, parties: &Parties) -> Result<(), String> {
    let holds_any = |society: Option<&str>, roles: &[Role]| {
        society.is_some_and(|s| roles.iter().any(|r| who.holds(*r, s)))
    };
    let ok = match action.party() {
        Party::Applicant => parties.applicant == Some(who.user_id.as_str()),
        Party::HomeSociety => {
            holds_any(parties.home_society, &[Role::Attestor, Role::SocietyAdmin])
        }
        Party::HostSociety => holds_any(
            Some(parties.host_society),
            &[Role::Reviewer, Role::SocietyAdmin],
        ),
    };
    if !ok {
        return Err(match action.party() {
            Party::Applicant => format!("only the applicant may {action}"),
            Party::HomeSociety => {
                format!("only an attestor or admin of the home society may {action}")
            }
            Party::HostSociety => {
                format!("only a reviewer or admin of the host society may {action}")
            }
        });
    }
    if action == Action::DecideAppeal && parties.rejected_by == Some(who.user_id.as_str()) {
        return Err("an appeal is decided by a reviewer other than the one who rejected".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d() -> Details {
        Details::default()
    }

    #[test]
    fn the_happy_path() {
        let mut s = State::Draft;
        for a in [
            Action::Submit,
            Action::Attest,
            Action::StartReview,
            Action::Approve,
        ] {
            s = decide(s, &[], a, &d()).unwrap().state;
        }
        assert_eq!(s, State::Approved);
        assert!(s.actions().is_empty());
    }

    #[test]
    fn conditions_are_fulfilled_one_by_one() {
        let conditions = vec![
            Requirement::AptitudeTest,
            Requirement::ProfessionalInterview,
        ];
        let details = Details {
            conditions: conditions.clone(),
            ..d()
        };
        let c = decide(
            State::UnderReview,
            &[],
            Action::ApproveWithConditions,
            &details,
        )
        .unwrap();
        assert_eq!(c.state, State::ConditionallyApproved);
        let one = Details {
            condition: Some(Requirement::AptitudeTest),
            ..d()
        };
        let c = decide(c.state, &c.outstanding, Action::FulfilCondition, &one).unwrap();
        assert_eq!(c.state, State::ConditionallyApproved);
        assert!(decide(c.state, &c.outstanding, Action::FulfilCondition, &one).is_err());
        let two = Details {
            condition: Some(Requirement::ProfessionalInterview),
            ..d()
        };
        let c = decide(c.state, &c.outstanding, Action::FulfilCondition, &two).unwrap();
        assert_eq!(c.state, State::Approved);
    }

    #[test]
    fn refusals_need_reasons_and_wrong_states_list_what_is_possible() {
        assert!(matches!(
            decide(State::UnderReview, &[], Action::Reject, &d()),
            Err(WorkflowError::Invalid(_))
        ));
        match decide(State::Draft, &[], Action::Approve, &d()) {
            Err(WorkflowError::WrongState { allowed, .. }) => {
                assert_eq!(allowed, vec![Action::Submit, Action::Withdraw]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn appeals_reopen_or_stand() {
        let reopen = Details {
            appeal_outcome: Some(AppealOutcome::Reopen),
            ..d()
        };
        let dismiss = Details {
            appeal_outcome: Some(AppealOutcome::Dismiss),
            ..d()
        };
        assert_eq!(
            decide(State::Appealed, &[], Action::DecideAppeal, &reopen)
                .unwrap()
                .state,
            State::UnderReview
        );
        assert_eq!(
            decide(State::Appealed, &[], Action::DecideAppeal, &dismiss)
                .unwrap()
                .state,
            State::Rejected
        );
    }
}
