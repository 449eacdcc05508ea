//! The clocks of an application (DESIGN.md §4, issue 5 item 3): each agreement sets its
//! deadlines in working days and what an overdue decision triggers; each application carries
//! the deadline of its current step, counted in the calendar of whoever must act, and paused
//! while the applicant owes information.

use crate::Date;
use crate::calendar::Calendar;
use crate::workflow::{Party, State};
use serde::{Deserialize, Serialize};

/// An agreement's deadlines, in working days, written as an optional `[deadlines]` table in
/// its file. The defaults follow the EU's European Professional Card, the most complete
/// public set of clocks for cross-border recognition (DOMAIN.md, "Deadlines and procedures
/// elsewhere"), turned into working days:
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Deadlines {
    /// The home society acknowledges a submission and lists what is missing: the EU's
    /// "within 1 week", 5 working days.
    pub acknowledge: u32,
    /// The home society verifies and attests: the EU's "within 1 month", 20 working days.
    pub attest: u32,
    /// The host society decides: the EU allows 1 month, or 2 in general-system cases; a
    /// recognition between different title systems, often with compensation measures, is a
    /// general-system case, so 2 months, 40 working days. (Guangdong's 10 working days are
    /// for a firm's filing, not an assessment.)
    pub decide: u32,
    /// The applicant answers a request for information. The EU gives an authority 2 weeks;
    /// an applicant gathering documents across a border gets twice that, 20 working days.
    pub answer: u32,
    /// The window to appeal a rejection: about a month, 20 working days, of the order of the
    /// 28 days' notice Hong Kong's Engineers Registration Board gives before a removal.
    pub appeal: u32,
    /// What an overdue decision triggers.
    pub on_overdue: OnOverdue,
}

impl Default for Deadlines {
    fn default() -> Self {
        Deadlines {
            acknowledge: 5,
            attest: 20,
            decide: 40,
            answer: 20,
            appeal: 20,
            on_overdue: OnOverdue::Escalate,
        }
    }
}

impl Deadlines {
    /// Whether these are the defaults, so that a file need not repeat them.
    pub fn is_default(&self) -> bool {
        *self == Deadlines::default()
    }

    /// Checks that every deadline leaves some time: a zero-day clock is overdue at once.
    pub fn check(&self) -> Result<(), String> {
        for (name, days) in [
            ("acknowledge", self.acknowledge),
            ("attest", self.attest),
            ("decide", self.decide),
            ("answer", self.answer),
            ("appeal", self.appeal),
        ] {
            if !(1..=400).contains(&days) {
                return Err(format!(
                    "`deadlines.{name}` is {days}; a deadline is 1 to 400 working days"
                ));
            }
        }
        Ok(())
    }
}

/// What happens when the host society lets its decision deadline pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum OnOverdue {
    /// The host society's admins are alerted and the application is flagged.
    Escalate,
    /// Tacit approval, as for the EU's professional card: silence approves.
    DeemedApproval,
    /// Silence refuses, so the applicant can appeal instead of waiting.
    DeemedRefusal,
}

impl OnOverdue {
    pub fn code(self) -> &'static str {
        match self {
            OnOverdue::Escalate => "escalate",
            OnOverdue::DeemedApproval => "deemed-approval",
            OnOverdue::DeemedRefusal => "deemed-refusal",
        }
    }
}

/// The step an application's clock is counting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Step {
    /// The home society attests (state `submitted`).
    Attest,
    /// The host society decides (`attested`, `under_review`, `appealed`).
    Decide,
    /// The applicant answers a request for information (`info_requested`).
    Answer,
    /// The applicant may appeal (`rejected`).
    Appeal,
}

impl Step {
    pub fn code(self) -> &'static str {
        match self {
            Step::Attest => "attest",
            Step::Decide => "decide",
            Step::Answer => "answer",
            Step::Appeal => "appeal",
        }
    }

    pub fn parse(s: &str) -> Option<Step> {
        [Step::Attest, Step::Decide, Step::Answer, Step::Appeal]
            .into_iter()
            .find(|v| v.code() == s)
    }

    /// Who must act before the deadline, and so whose calendar counts.
    pub fn party(self) -> Party {
        match self {
            Step::Attest => Party::HomeSociety,
            Step::Decide => Party::HostSociety,
            Step::Answer | Step::Appeal => Party::Applicant,
        }
    }

    /// Whether passing the deadline makes the application overdue. An appeal window that
    /// has passed is closed, not late.
    pub fn can_be_overdue(self) -> bool {
        self != Step::Appeal
    }
}

/// An application's running clock, as stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub step: Step,
    /// The last day to act.
    pub due_on: Date,
    /// While the applicant owes information: the working days the host society had left to
    /// decide, given back when the information arrives.
    pub paused_days_left: Option<i64>,
}

/// The calendars of the two societies.
#[derive(Debug, Clone, Copy)]
pub struct Calendars<'a> {
    pub home: &'a Calendar,
    pub host: &'a Calendar,
}

impl<'a> Calendars<'a> {
    /// The calendar of whoever acts at `step`: the applicant counts in the home region, the
    /// appeal window in the host's, where the appeal is lodged.
    pub fn for_step(&self, step: Step) -> &'a Calendar {
        match step {
            Step::Attest | Step::Answer => self.home,
            Step::Decide | Step::Appeal => self.host,
        }
    }
}

/// The clock after a transition from `from` to `to` taken `today`, given the clock before.
pub fn clock_after(
    before: Option<&Clock>,
    from: State,
    to: State,
    today: Date,
    rules: &Deadlines,
    cals: Calendars<'_>,
) -> Option<Clock> {
    let start = |step: Step, days: i64| Clock {
        step,
        due_on: cals
            .for_step(step)
            .add_working_days(today, u32::try_from(days.max(0)).unwrap_or(0)),
        paused_days_left: None,
    };
    let running_decision = before.filter(|c| c.step == Step::Decide);
    Some(match to {
        State::Submitted => start(Step::Attest, rules.attest.into()),
        State::Attested => start(Step::Decide, rules.decide.into()),
        State::UnderReview => match from {
            // The host society's clock resumes with the days it had left.
            State::InfoRequested => start(
                Step::Decide,
                before
                    .and_then(|c| c.paused_days_left)
                    .unwrap_or(rules.decide.into()),
            ),
            // Starting the review does not restart the clock that attestation started.
            State::Attested => match running_decision {
                Some(c) => *c,
                None => start(Step::Decide, rules.decide.into()),
            },
            // A reopened appeal is decided afresh.
            _ => start(Step::Decide, rules.decide.into()),
        },
        State::InfoRequested => {
            let left = match running_decision {
                Some(c) => cals.host.working_days_between(today, c.due_on).max(0),
                None => rules.decide.into(),
            };
            Clock {
                paused_days_left: Some(left),
                ..start(Step::Answer, rules.answer.into())
            }
        }
        State::Rejected => start(Step::Appeal, rules.appeal.into()),
        State::Appealed => start(Step::Decide, rules.decide.into()),
        State::Draft
        | State::AttestationRefused
        | State::ConditionallyApproved
        | State::Approved
        | State::Withdrawn => return None,
    })
}

/// How a clock stands on a given day, as the queues show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Standing {
    pub step: Step,
    #[serde(with = "crate::date")]
    pub due_on: Date,
    /// Working days from today to the due date: 0 on the last day, negative once past.
    pub working_days_left: i64,
    pub overdue: bool,
    /// While paused: the working days the host society will have when the clock resumes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paused_days_left: Option<i64>,
}

impl Clock {
    /// Whether the deadline has passed by `today`: the day after the last day to act.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.step.can_be_overdue() && today > self.due_on
    }

    pub fn standing(&self, today: Date, cals: Calendars<'_>) -> Standing {
        Standing {
            step: self.step,
            due_on: self.due_on,
            working_days_left: cals
                .for_step(self.step)
                .working_days_between(today, self.due_on),
            overdue: self.is_overdue(today),
            paused_days_left: self.paused_days_left,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Jurisdiction;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn gd_hk() -> Calendars<'static> {
        Calendars {
            home: Calendar::of(Jurisdiction::Gd),
            host: Calendar::of(Jurisdiction::Hk),
        }
    }

    #[test]
    fn attestation_counts_in_the_home_calendar() {
        let c = clock_after(
            None,
            State::Draft,
            State::Submitted,
            day("2026-04-27"),
            &Deadlines::default(),
            gd_hk(),
        )
        .unwrap();
        assert_eq!(c.step, Step::Attest);
        // 20 GD working days from Monday 27 April 2026: 1–5 May off, Saturday 9 May worked.
        assert_eq!(c.due_on, day("2026-05-27"));
        assert!(!c.is_overdue(day("2026-05-27")));
        assert!(c.is_overdue(day("2026-05-28")));
        assert_eq!(c.standing(day("2026-05-26"), gd_hk()).working_days_left, 1);
    }

    #[test]
    fn a_request_for_information_pauses_the_decision_and_gives_the_days_back() {
        let rules = Deadlines::default();
        let attested = clock_after(
            None,
            State::Submitted,
            State::Attested,
            day("2026-03-02"),
            &rules,
            gd_hk(),
        )
        .unwrap();
        let review = clock_after(
            Some(&attested),
            State::Attested,
            State::UnderReview,
            day("2026-03-09"),
            &rules,
            gd_hk(),
        )
        .unwrap();
        assert_eq!(review, attested, "starting the review keeps the clock");
        let hk = Calendar::of(Jurisdiction::Hk);
        let asked_on = day("2026-03-16");
        let asked = clock_after(
            Some(&review),
            State::UnderReview,
            State::InfoRequested,
            asked_on,
            &rules,
            gd_hk(),
        )
        .unwrap();
        let left = hk.working_days_between(asked_on, review.due_on);
        assert_eq!(left, 30);
        assert_eq!(asked.step, Step::Answer);
        assert_eq!(asked.paused_days_left, Some(left));
        let answered_on = day("2026-06-01");
        let resumed = clock_after(
            Some(&asked),
            State::InfoRequested,
            State::UnderReview,
            answered_on,
            &rules,
            gd_hk(),
        )
        .unwrap();
        assert_eq!(resumed.step, Step::Decide);
        assert_eq!(resumed.due_on, hk.add_working_days(answered_on, 30));
        assert_eq!(resumed.paused_days_left, None);
    }

    #[test]
    fn final_states_stop_the_clock_and_appeal_windows_close_without_being_overdue() {
        let rules = Deadlines::default();
        let today = day("2026-03-02");
        assert!(
            clock_after(
                None,
                State::UnderReview,
                State::Approved,
                today,
                &rules,
                gd_hk()
            )
            .is_none()
        );
        let window = clock_after(
            None,
            State::UnderReview,
            State::Rejected,
            today,
            &rules,
            gd_hk(),
        )
        .unwrap();
        assert_eq!(window.step, Step::Appeal);
        assert!(!window.is_overdue(day("2027-01-01")));
    }

    #[test]
    fn deadlines_read_from_toml_with_defaults() {
        let d: Deadlines = toml::from_str("decide = 10\non_overdue = \"deemed-approval\"").unwrap();
        assert_eq!(d.decide, 10);
        assert_eq!(d.attest, 20);
        assert_eq!(d.on_overdue, OnOverdue::DeemedApproval);
        assert!(toml::from_str::<Deadlines>("decied = 10").is_err());
        assert!(Deadlines { decide: 0, ..d }.check().is_err());
    }
}
