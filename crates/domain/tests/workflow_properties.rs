//! Properties of the application workflow: whatever the sequence of actions, the machine
//! stays in its states, refuses what is not allowed without changing anything, and approves
//! only through a decision.

use proptest::prelude::*;
use wanqiao_domain::Requirement;
use wanqiao_domain::workflow::{Action, AppealOutcome, Details, State, WorkflowError, decide};

fn details(action: Action, outstanding: &[Requirement], pick: usize, dismiss: bool) -> Details {
    let conditions = vec![
        Requirement::AptitudeTest,
        Requirement::AdaptationPeriod { months: 6 },
    ];
    Details {
        reason_codes: if action.needs_reasons() {
            vec!["experience_short".into()]
        } else {
            vec![]
        },
        conditions: if action == Action::ApproveWithConditions {
            conditions
        } else {
            vec![]
        },
        condition: outstanding.get(pick % outstanding.len().max(1)).copied(),
        appeal_outcome: Some(if dismiss {
            AppealOutcome::Dismiss
        } else {
            AppealOutcome::Reopen
        }),
    }
}

proptest! {
    #[test]
    fn any_sequence_stays_coherent(steps in proptest::collection::vec((0usize..13, 0usize..4, any::<bool>()), 0..40)) {
        let mut state = State::Draft;
        let mut outstanding: Vec<Requirement> = Vec::new();
        for (a, pick, dismiss) in steps {
            let action = Action::ALL[a];
            let d = details(action, &outstanding, pick, dismiss);
            match decide(state, &outstanding, action, &d) {
                Ok(next) => {
                    prop_assert!(state.actions().contains(&action), "{action} was allowed in {state}");
                    if next.state == State::Approved {
                        prop_assert!(matches!(action, Action::Approve | Action::FulfilCondition));
                        prop_assert!(next.outstanding.is_empty() || action == Action::Approve);
                    }
                    if next.state == State::ConditionallyApproved {
                        prop_assert!(!next.outstanding.is_empty(), "conditional with nothing to fulfil");
                    }
                    state = next.state;
                    outstanding = next.outstanding;
                }
                Err(WorkflowError::WrongState { allowed, .. }) => {
                    prop_assert!(!state.actions().contains(&action));
                    prop_assert_eq!(allowed, state.actions());
                }
                Err(WorkflowError::Invalid(_)) => {
                    prop_assert!(state.actions().contains(&action), "only allowed actions are checked further");
                }
            }
            if state.is_final() {
                prop_assert!(state.actions().is_empty(), "{state} is final but has actions");
            }
        }
    }

    #[test]
    fn every_allowed_action_succeeds_with_its_details(s in 0usize..11) {
        let state = State::ALL[s];
        let outstanding = vec![Requirement::AptitudeTest];
        for action in state.actions() {
            let d = details(action, &outstanding, 0, false);
            prop_assert!(decide(state, &outstanding, action, &d).is_ok(), "{action} in {state}");
        }
    }
}
