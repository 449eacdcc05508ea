//! The lifecycle of an agreement (DESIGN.md §1, §2): draft → letter of intent → in force →
//! suspended | expired, and the versions that come and go while it is in force.
//!
//! Every change of status goes through [`Agreement::apply`], so the web, the CLI and the
//! tests agree on which steps are possible from where, and an agreement that passed
//! [`crate::Catalogue::check_agreement`] still passes it after any step.

use crate::agreement::{AgreementKind, AgreementStatus, VersionStatus};
use crate::{Agreement, AgreementVersion, Date, RecognitionRule};
use serde::{Deserialize, Serialize};

/// One step in an agreement's life, as an administrator asks for it, e.g.
/// `{"action": "bring_into_force", "version": 1, "effective_from": "2020-07-11"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case", deny_unknown_fields)]
pub enum Step {
    /// Draft → intent: the parties sign a letter of intent (意向书).
    SignIntent {
        #[serde(
            default,
            with = "crate::date::option",
            skip_serializing_if = "Option::is_none"
        )]
        signed_on: Option<Date>,
    },
    /// Draft or intent → in force, with `version` as the version that recognises applicants.
    BringIntoForce {
        version: u32,
        #[serde(with = "crate::date")]
        effective_from: Date,
    },
    /// In force → suspended: nobody is recognised until it resumes. (An empty struct rather
    /// than a unit variant: serde ignores unknown fields beside a unit variant's tag.)
    Suspend {},
    /// Suspended → in force, with the version that was in force before.
    Resume {},
    /// Intent, in force or suspended → expired, ending on `on`.
    Expire {
        #[serde(with = "crate::date")]
        on: Date,
    },
    /// A new draft version, numbered after the last, to be analysed before it takes effect.
    DraftVersion {
        /// The rules of the new version; a copy of the latest version's rules when absent.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        rules: Option<Vec<RecognitionRule>>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        notes: Option<String>,
    },
    /// Replaces the version in force of an agreement in force by one of its drafts.
    PutVersionInForce {
        version: u32,
        #[serde(with = "crate::date")]
        effective_from: Date,
    },
}

impl Step {
    /// Every step code, in the order an administrator meets them.
    pub const CODES: [&'static str; 7] = [
        "sign_intent",
        "bring_into_force",
        "suspend",
        "resume",
        "expire",
        "draft_version",
        "put_version_in_force",
    ];

    /// The stable snake_case code of the step, the same as its `action` in JSON.
    pub fn code(&self) -> &'static str {
        match self {
            Step::SignIntent { .. } => "sign_intent",
            Step::BringIntoForce { .. } => "bring_into_force",
            Step::Suspend {} => "suspend",
            Step::Resume {} => "resume",
            Step::Expire { .. } => "expire",
            Step::DraftVersion { .. } => "draft_version",
            Step::PutVersionInForce { .. } => "put_version_in_force",
        }
    }
}

/// A step refused, with what the agreement is, what was asked and what is possible instead,
/// so the person asking can choose a step that works.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct LifecycleError {
    pub status: AgreementStatus,
    /// The code of the step refused.
    pub step: &'static str,
    pub message: String,
    /// The codes of the steps the agreement allows as it stands.
    pub allowed: Vec<&'static str>,
}

/// "an agreement in force", "a suspended agreement"… for messages about a status.
fn state_phrase(status: AgreementStatus) -> &'static str {
    match status {
        AgreementStatus::Draft => "a draft agreement",
        AgreementStatus::Intent => "a letter of intent",
        AgreementStatus::InForce => "an agreement in force",
        AgreementStatus::Suspended => "a suspended agreement",
        AgreementStatus::Expired => "an expired agreement",
    }
}

/// What a step does, as it reads after "cannot".
fn step_phrase(step: &str) -> &'static str {
    match step {
        "sign_intent" => "be signed as a letter of intent",
        "bring_into_force" => "be brought into force",
        "suspend" => "be suspended",
        "resume" => "be resumed",
        "expire" => "expire",
        "draft_version" => "receive a new draft version",
        _ => "have a new version put in force",
    }
}

/// The statuses a step may start from.
fn starts_from(step: &str) -> &'static [AgreementStatus] {
    use AgreementStatus::*;
    match step {
        "sign_intent" => &[Draft],
        "bring_into_force" => &[Draft, Intent],
        "suspend" => &[InForce],
        "resume" => &[Suspended],
        "expire" => &[Intent, InForce, Suspended],
        "draft_version" => &[Draft, Intent, InForce, Suspended],
        _ => &[InForce],
    }
}

impl Agreement {
    /// The codes of the steps that the agreement allows now: those its status permits and for
    /// which it has what they need (a draft version with rules to put in force, a version to
    /// resume with).
    pub fn allowed_steps(&self) -> Vec<&'static str> {
        let has_ready_draft = self
            .versions
            .iter()
            .any(|v| v.status == VersionStatus::Draft && !v.rules.is_empty());
        let has_in_force = self
            .versions
            .iter()
            .any(|v| v.status == VersionStatus::InForce);
        Step::CODES
            .into_iter()
            .filter(|code| starts_from(code).contains(&self.status))
            .filter(|code| match *code {
                "bring_into_force" | "put_version_in_force" => has_ready_draft,
                "resume" => has_in_force,
                _ => true,
            })
            .collect()
    }

    /// The agreement after `step`, or why the step is refused; `self` is never changed, so a
    /// refused step leaves nothing half done.
    pub fn apply(&self, step: &Step) -> Result<Agreement, LifecycleError> {
        if !starts_from(step.code()).contains(&self.status) {
            let message = format!(
                "{} cannot {}",
                state_phrase(self.status),
                step_phrase(step.code())
            );
            return Err(self.refuse(step, message));
        }
        let mut next = self.clone();
        match step {
            Step::SignIntent { signed_on } => {
                next.kind = AgreementKind::LetterOfIntent;
                next.status = AgreementStatus::Intent;
                next.signed_on = signed_on.or(self.signed_on);
            }
            Step::BringIntoForce {
                version,
                effective_from,
            } => {
                self.check_takes_effect(step, *effective_from)?;
                next.kind = AgreementKind::Agreement;
                next.status = AgreementStatus::InForce;
                next.effective_from = self.effective_from.or(Some(*effective_from));
                next.put_in_force(self, step, *version, *effective_from)?;
            }
            Step::Suspend {} => next.status = AgreementStatus::Suspended,
            Step::Resume {} => {
                if self.version_with(VersionStatus::InForce).is_none() {
                    let message = "a suspended agreement without a version in force has nothing to resume with"
                        .to_string();
                    return Err(self.refuse(step, message));
                }
                next.status = AgreementStatus::InForce;
            }
            Step::Expire { on } => {
                self.check_ends(step, *on)?;
                next.status = AgreementStatus::Expired;
                next.effective_until = Some(*on);
            }
            Step::DraftVersion { rules, notes } => next.versions.push(self.new_draft(rules, notes)),
            Step::PutVersionInForce {
                version,
                effective_from,
            } => next.put_in_force(self, step, *version, *effective_from)?,
        }
        Ok(next)
    }

    fn refuse(&self, step: &Step, message: String) -> LifecycleError {
        LifecycleError {
            status: self.status,
            step: step.code(),
            message,
            allowed: self.allowed_steps(),
        }
    }

    fn version_with(&self, status: VersionStatus) -> Option<&AgreementVersion> {
        self.versions.iter().find(|v| v.status == status)
    }

    /// Makes draft `number` the version in force from `from`; the one in force before, if
    /// any, is superseded. `before` is the agreement as asked, for the error.
    fn put_in_force(
        &mut self,
        before: &Agreement,
        step: &Step,
        number: u32,
        from: Date,
    ) -> Result<(), LifecycleError> {
        let Some(target) = self.versions.iter().position(|v| v.number == number) else {
            let message = format!("the agreement has no version {number}");
            return Err(before.refuse(step, message));
        };
        let problem = match &self.versions[target] {
            v if v.status != VersionStatus::Draft => Some(format!(
                "version {number} is {}, not a draft: only a draft version can be put in force",
                v.status.code()
            )),
            v if v.rules.is_empty() => Some(format!(
                "version {number} has no rules: a version in force must recognise someone"
            )),
            _ => None,
        };
        if let Some(message) = problem {
            return Err(before.refuse(step, message));
        }
        for v in &mut self.versions {
            if v.status == VersionStatus::InForce {
                v.status = VersionStatus::Superseded;
            }
        }
        let v = &mut self.versions[target];
        v.status = VersionStatus::InForce;
        v.effective_from = Some(from);
        Ok(())
    }

    /// Refuses a start after the agreement's recorded end.
    fn check_takes_effect(&self, step: &Step, from: Date) -> Result<(), LifecycleError> {
        match self.effective_until {
            Some(until) if until < from => {
                let message = format!(
                    "the agreement ends on {until}; it cannot take effect later, on {from}"
                );
                Err(self.refuse(step, message))
            }
            _ => Ok(()),
        }
    }

    /// Refuses an end before the agreement took effect.
    fn check_ends(&self, step: &Step, on: Date) -> Result<(), LifecycleError> {
        match self.effective_from {
            Some(from) if on < from => {
                let message = format!(
                    "the agreement took effect on {from}; it cannot expire earlier, on {on}"
                );
                Err(self.refuse(step, message))
            }
            _ => Ok(()),
        }
    }

    /// The next version: a draft numbered after the last, with the given rules or a copy of
    /// the latest version's.
    fn new_draft(
        &self,
        rules: &Option<Vec<RecognitionRule>>,
        notes: &Option<String>,
    ) -> AgreementVersion {
        let latest = self.versions.iter().max_by_key(|v| v.number);
        AgreementVersion {
            number: latest.map_or(1, |v| v.number + 1),
            status: VersionStatus::Draft,
            effective_from: None,
            notes: notes.clone(),
            rules: rules
                .clone()
                .unwrap_or_else(|| latest.map(|v| v.rules.clone()).unwrap_or_default()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreement::{AgreementKind as Kind, AgreementStatus as Status};
    use crate::dataset::Dataset;
    use crate::{LocalizedText, RuleSource, RuleTarget};

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    fn rule() -> RecognitionRule {
        RecognitionRule {
            from: RuleSource {
                framework: "cn-title".into(),
                min_level: "engineer".into(),
            },
            to: RuleTarget {
                society: "hk".into(),
                level: "member".into(),
            },
            min_experience_years: 5,
            education: Default::default(),
            cpd: None,
            requires: Vec::new(),
        }
    }

    fn version(number: u32, status: VersionStatus, rules: usize) -> AgreementVersion {
        AgreementVersion {
            number,
            status,
            effective_from: None,
            notes: None,
            rules: vec![rule(); rules],
        }
    }

    /// A hand-made agreement in `status`, shaped as the catalogue expects it to be.
    fn agreement(status: Status) -> Agreement {
        let kind = match status {
            Status::Draft | Status::Intent => Kind::LetterOfIntent,
            _ => Kind::Agreement,
        };
        let mut versions = vec![version(1, VersionStatus::Draft, 2)];
        if matches!(
            status,
            Status::InForce | Status::Suspended | Status::Expired
        ) {
            versions[0].status = VersionStatus::InForce;
            versions[0].effective_from = Some(day("2020-07-11"));
            versions.push(version(2, VersionStatus::Draft, 3));
        }
        Agreement {
            id: "civil-2020".into(),
            kind,
            status,
            specialty: "civil".into(),
            parties: vec!["gd".into(), "hk".into()],
            titles: LocalizedText {
                zh_hans: "协议".into(),
                zh_hant: "協議".into(),
                en: "Agreement".into(),
                pt: None,
            },
            signed_on: Some(day("2020-07-11")),
            effective_from: (kind == Kind::Agreement).then(|| day("2020-07-11")),
            effective_until: (status == Status::Expired).then(|| day("2025-07-10")),
            sample: true,
            notes: None,
            versions,
            deadlines: Default::default(),
            fees: Vec::new(),
        }
    }

    /// One step of each kind, with arguments that suit [`agreement`].
    fn every_step() -> Vec<Step> {
        vec![
            Step::SignIntent {
                signed_on: Some(day("2021-01-01")),
            },
            Step::BringIntoForce {
                version: 1,
                effective_from: day("2021-07-01"),
            },
            Step::Suspend {},
            Step::Resume {},
            Step::Expire {
                on: day("2026-12-31"),
            },
            Step::DraftVersion {
                rules: None,
                notes: Some("revision".into()),
            },
            Step::PutVersionInForce {
                version: 2,
                effective_from: day("2027-07-01"),
            },
        ]
    }

    fn statuses(a: &Agreement) -> Vec<(u32, VersionStatus)> {
        a.versions.iter().map(|v| (v.number, v.status)).collect()
    }

    /// The lifecycle problems the catalogue would find; references are not at stake here.
    fn lifecycle_problems(a: &Agreement) -> Vec<String> {
        let societies = a.parties.iter().map(|id| crate::Society {
            id: id.clone(),
            names: a.titles.clone(),
            abbreviation: id.to_uppercase(),
            jurisdiction: crate::Jurisdiction::Gd,
            role: crate::SocietyRole::Signatory,
            sample: true,
            website: None,
            founded_on: None,
            supervised_by: None,
            working_group_contact: None,
        });
        let catalogue = crate::Catalogue::new(societies, [], []);
        catalogue
            .check_agreement(a)
            .into_iter()
            .filter(|p| {
                let field = p.field.to_string();
                field == "status"
                    || field == "version"
                    || field == "effective_until"
                    || field.ends_with(".number")
            })
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn a_draft_becomes_a_letter_of_intent() {
        let mut draft = agreement(Status::Draft);
        draft.kind = Kind::Agreement;
        draft.signed_on = None;
        let step = Step::SignIntent {
            signed_on: Some(day("2021-03-01")),
        };
        let intent = draft.apply(&step).unwrap();
        assert_eq!(intent.status, Status::Intent);
        assert_eq!(intent.kind, Kind::LetterOfIntent);
        assert_eq!(intent.signed_on, Some(day("2021-03-01")));
        assert_eq!(intent.versions, draft.versions);

        // Without a date, the date already recorded stays.
        let kept = agreement(Status::Draft)
            .apply(&Step::SignIntent { signed_on: None })
            .unwrap();
        assert_eq!(kept.signed_on, Some(day("2020-07-11")));
    }

    #[test]
    fn a_draft_or_a_letter_is_brought_into_force() {
        for status in [Status::Draft, Status::Intent] {
            let before = agreement(status);
            let step = Step::BringIntoForce {
                version: 1,
                effective_from: day("2021-07-01"),
            };
            let after = before.apply(&step).unwrap();
            assert_eq!(after.status, Status::InForce);
            assert_eq!(after.kind, Kind::Agreement);
            assert_eq!(after.effective_from, Some(day("2021-07-01")));
            let v = after.version_in_force().unwrap();
            assert_eq!((v.number, v.effective_from), (1, Some(day("2021-07-01"))));
            assert_eq!(lifecycle_problems(&after), Vec::<String>::new());
        }
    }

    #[test]
    fn bringing_into_force_keeps_an_earlier_start_and_supersedes_a_stray_version() {
        let mut draft = agreement(Status::Draft);
        draft.effective_from = Some(day("2021-01-01"));
        draft.versions[0].status = VersionStatus::InForce;
        draft.versions.push(version(2, VersionStatus::Draft, 1));
        let after = draft
            .apply(&Step::BringIntoForce {
                version: 2,
                effective_from: day("2021-07-01"),
            })
            .unwrap();
        assert_eq!(after.effective_from, Some(day("2021-01-01")));
        assert_eq!(
            statuses(&after),
            [(1, VersionStatus::Superseded), (2, VersionStatus::InForce)]
        );
    }

    #[test]
    fn suspension_and_resumption_keep_the_version_in_force() {
        let in_force = agreement(Status::InForce);
        let suspended = in_force.apply(&Step::Suspend {}).unwrap();
        assert_eq!(suspended.status, Status::Suspended);
        assert_eq!(
            suspended.version_in_force(),
            None,
            "suspended recognises nobody"
        );
        assert_eq!(statuses(&suspended), statuses(&in_force));
        let resumed = suspended.apply(&Step::Resume {}).unwrap();
        assert_eq!(resumed, in_force);
    }

    #[test]
    fn letters_agreements_in_force_and_suspended_ones_expire() {
        for status in [Status::Intent, Status::InForce, Status::Suspended] {
            let after = agreement(status)
                .apply(&Step::Expire {
                    on: day("2026-12-31"),
                })
                .unwrap();
            assert_eq!(after.status, Status::Expired);
            assert_eq!(after.effective_until, Some(day("2026-12-31")));
            assert_eq!(after.version_in_force(), None);
            assert_eq!(lifecycle_problems(&after), Vec::<String>::new());
        }
    }

    #[test]
    fn a_new_draft_copies_the_latest_rules_or_takes_the_given_ones() {
        for status in [
            Status::Draft,
            Status::Intent,
            Status::InForce,
            Status::Suspended,
        ] {
            let before = agreement(status);
            let latest = before.versions.last().unwrap().clone();
            let copied = before
                .apply(&Step::DraftVersion {
                    rules: None,
                    notes: Some("revision".into()),
                })
                .unwrap();
            let new = copied.versions.last().unwrap();
            assert_eq!(new.number, latest.number + 1);
            assert_eq!(new.status, VersionStatus::Draft);
            assert_eq!(new.rules, latest.rules);
            assert_eq!(new.notes.as_deref(), Some("revision"));
            assert_eq!(copied.status, before.status);

            let given = before
                .apply(&Step::DraftVersion {
                    rules: Some(vec![rule()]),
                    notes: None,
                })
                .unwrap();
            assert_eq!(given.versions.last().unwrap().rules, [rule()]);
        }
        let mut bare = agreement(Status::Draft);
        bare.versions.clear();
        let first = bare
            .apply(&Step::DraftVersion {
                rules: None,
                notes: None,
            })
            .unwrap();
        assert_eq!(first.versions[0].number, 1);
        assert!(first.versions[0].rules.is_empty());
    }

    #[test]
    fn a_draft_version_replaces_the_version_in_force() {
        let after = agreement(Status::InForce)
            .apply(&Step::PutVersionInForce {
                version: 2,
                effective_from: day("2027-07-01"),
            })
            .unwrap();
        assert_eq!(after.status, Status::InForce);
        assert_eq!(
            statuses(&after),
            [(1, VersionStatus::Superseded), (2, VersionStatus::InForce)]
        );
        assert_eq!(
            after.version_in_force().unwrap().effective_from,
            Some(day("2027-07-01"))
        );
        assert_eq!(after.effective_from, Some(day("2020-07-11")), "unchanged");
    }

    #[test]
    fn the_whole_life_of_an_agreement() {
        let mut a = agreement(Status::Draft);
        a.signed_on = None;
        a.effective_from = None;
        let steps = [
            Step::SignIntent {
                signed_on: Some(day("2020-07-11")),
            },
            Step::BringIntoForce {
                version: 1,
                effective_from: day("2021-01-01"),
            },
            Step::DraftVersion {
                rules: None,
                notes: None,
            },
            Step::PutVersionInForce {
                version: 2,
                effective_from: day("2023-01-01"),
            },
            Step::Suspend {},
            Step::DraftVersion {
                rules: Some(vec![rule()]),
                notes: None,
            },
            Step::Resume {},
            Step::Expire {
                on: day("2030-01-01"),
            },
        ];
        for step in &steps {
            a = a
                .apply(step)
                .unwrap_or_else(|e| panic!("{}: {e}", step.code()));
            assert_eq!(
                lifecycle_problems(&a),
                Vec::<String>::new(),
                "{}",
                step.code()
            );
        }
        assert_eq!(a.status, Status::Expired);
        assert_eq!(
            statuses(&a),
            [
                (1, VersionStatus::Superseded),
                (2, VersionStatus::InForce),
                (3, VersionStatus::Draft)
            ]
        );
        assert_eq!(a.allowed_steps(), Vec::<&str>::new());
    }

    #[test]
    fn steps_are_refused_from_every_status_that_does_not_allow_them() {
        for status in Status::ALL {
            let before = agreement(status);
            for step in every_step() {
                if starts_from(step.code()).contains(&status) {
                    continue;
                }
                let err = before.apply(&step).expect_err(step.code());
                assert_eq!(err.status, status);
                assert_eq!(err.step, step.code());
                assert_eq!(err.allowed, before.allowed_steps());
                assert!(!err.allowed.contains(&step.code()), "{}", step.code());
                assert!(
                    err.message.starts_with(state_phrase(status)),
                    "{}",
                    err.message
                );
            }
        }
        let err = agreement(Status::InForce)
            .apply(&Step::SignIntent { signed_on: None })
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "an agreement in force cannot be signed as a letter of intent"
        );
        assert_eq!(
            err.allowed,
            ["suspend", "expire", "draft_version", "put_version_in_force"]
        );
    }

    #[test]
    fn allowed_steps_by_status() {
        let allowed = |status| agreement(status).allowed_steps();
        assert_eq!(
            allowed(Status::Draft),
            ["sign_intent", "bring_into_force", "draft_version"]
        );
        assert_eq!(
            allowed(Status::Intent),
            ["bring_into_force", "expire", "draft_version"]
        );
        assert_eq!(
            allowed(Status::Suspended),
            ["resume", "expire", "draft_version"]
        );
        assert_eq!(allowed(Status::Expired), Vec::<&str>::new());

        // Without a draft that has rules, no version can be put in force.
        let mut bare = agreement(Status::InForce);
        bare.versions.truncate(1);
        assert_eq!(bare.allowed_steps(), ["suspend", "expire", "draft_version"]);
    }

    #[test]
    fn a_version_that_cannot_take_effect_is_refused() {
        let in_force = agreement(Status::InForce);
        let put = |version| Step::PutVersionInForce {
            version,
            effective_from: day("2027-07-01"),
        };
        let err = in_force.apply(&put(9)).unwrap_err();
        assert_eq!(err.message, "the agreement has no version 9");
        let err = in_force.apply(&put(1)).unwrap_err();
        assert!(
            err.message.contains("version 1 is in-force, not a draft"),
            "{err}"
        );

        let mut empty = agreement(Status::Intent);
        empty.versions[0].rules.clear();
        let err = empty
            .apply(&Step::BringIntoForce {
                version: 1,
                effective_from: day("2021-01-01"),
            })
            .unwrap_err();
        assert!(err.message.contains("version 1 has no rules"), "{err}");
        assert_eq!(err.allowed, ["expire", "draft_version"]);
    }

    #[test]
    fn dates_out_of_order_are_refused() {
        let err = agreement(Status::InForce)
            .apply(&Step::Expire {
                on: day("2019-01-01"),
            })
            .unwrap_err();
        assert!(err.message.contains("cannot expire earlier"), "{err}");

        let mut ends = agreement(Status::Intent);
        ends.effective_until = Some(day("2021-01-01"));
        let err = ends
            .apply(&Step::BringIntoForce {
                version: 1,
                effective_from: day("2022-01-01"),
            })
            .unwrap_err();
        assert!(err.message.contains("cannot take effect later"), "{err}");
    }

    #[test]
    fn resuming_without_a_version_in_force_is_refused() {
        let mut suspended = agreement(Status::Suspended);
        suspended.versions[0].status = VersionStatus::Superseded;
        assert!(!suspended.allowed_steps().contains(&"resume"));
        let err = suspended.apply(&Step::Resume {}).unwrap_err();
        assert!(err.message.contains("nothing to resume with"), "{err}");
    }

    #[test]
    fn a_refused_step_leaves_the_agreement_as_it_was() {
        let before = agreement(Status::Expired);
        let copy = before.clone();
        assert!(before.apply(&Step::Resume {}).is_err());
        assert_eq!(before, copy);
    }

    #[test]
    fn steps_read_and_write_json() {
        let step: Step = serde_json::from_str(
            r#"{"action": "bring_into_force", "version": 2, "effective_from": "2027-07-01"}"#,
        )
        .unwrap();
        assert_eq!(
            step,
            Step::BringIntoForce {
                version: 2,
                effective_from: day("2027-07-01")
            }
        );
        for step in every_step() {
            let json = serde_json::to_value(&step).unwrap();
            assert_eq!(json["action"], step.code());
            assert_eq!(serde_json::from_value::<Step>(json).unwrap(), step);
        }
        let parse = |text: &str| serde_json::from_str::<Step>(text);
        assert_eq!(parse(r#"{"action": "suspend"}"#).unwrap(), Step::Suspend {});
        assert_eq!(
            parse(r#"{"action": "sign_intent"}"#).unwrap(),
            Step::SignIntent { signed_on: None }
        );
        assert!(parse(r#"{"action": "expire", "on": "2026-12-31", "why": "x"}"#).is_err());
        assert!(parse(r#"{"action": "suspend", "why": "x"}"#).is_err());
        assert!(parse(r#"{"action": "expire", "on": "31/12/2026"}"#).is_err());
        assert!(parse(r#"{"action": "terminate"}"#).is_err());
    }

    /// The step `code` with arguments that suit `a`: its first draft with rules, dates after
    /// it took effect.
    fn step_for(a: &Agreement, code: &str) -> Step {
        let draft = a
            .versions
            .iter()
            .find(|v| v.status == VersionStatus::Draft && !v.rules.is_empty())
            .map_or(0, |v| v.number);
        let later = day("2030-01-01");
        match code {
            "sign_intent" => Step::SignIntent { signed_on: None },
            "bring_into_force" => Step::BringIntoForce {
                version: draft,
                effective_from: later,
            },
            "suspend" => Step::Suspend {},
            "resume" => Step::Resume {},
            "expire" => Step::Expire { on: later },
            "draft_version" => Step::DraftVersion {
                rules: None,
                notes: None,
            },
            _ => Step::PutVersionInForce {
                version: draft,
                effective_from: later,
            },
        }
    }

    #[test]
    fn every_allowed_step_keeps_every_demo_agreement_sound() {
        let data = Dataset::from_files(crate::demo::FILES).expect("the demo data set loads");
        let catalogue = data.catalogue();
        let mut walked = 0;
        // Each demo agreement, and what each allowed step makes of it, two steps deep.
        let mut todo: Vec<(Agreement, usize)> =
            data.agreements.iter().map(|a| (a.clone(), 0)).collect();
        while let Some((a, depth)) = todo.pop() {
            for code in a.allowed_steps() {
                let step = step_for(&a, code);
                let after = a
                    .apply(&step)
                    .unwrap_or_else(|e| panic!("`{}` refused {code}: {e}", a.id));
                let problems = catalogue.check_agreement(&after);
                assert!(problems.is_empty(), "`{}` after {code}: {problems:?}", a.id);
                walked += 1;
                if depth < 2 {
                    todo.push((after, depth + 1));
                }
            }
        }
        assert!(walked > 50, "only {walked} steps were tried");
    }
}
