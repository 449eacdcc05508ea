//! Sets of compensation measures as bits, so "what is still outstanding" costs one `and`.

use crate::Requirement;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

const APTITUDE_TEST: u8 = 1;
const PROFESSIONAL_INTERVIEW: u8 = 2;
const LOCAL_REGULATIONS_BRIEFING: u8 = 4;

/// A set of [`Requirement`]s: those a rule asks for, those an engineer has met, those still
/// outstanding. An adaptation period is held as its length: one of 12 months meets a rule
/// asking for 6. Serialized as a list, e.g. `["aptitude-test", "adaptation-period:12"]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct RequirementSet {
    flags: u8,
    adaptation_months: u32,
}

impl RequirementSet {
    /// Nothing met yet: the default when the caller knows of nothing done.
    pub const NONE: RequirementSet = RequirementSet {
        flags: 0,
        adaptation_months: 0,
    };

    /// Adds `r`; of two adaptation periods the longer stays, as it covers the shorter.
    pub fn insert(&mut self, r: Requirement) {
        match r {
            Requirement::AptitudeTest => self.flags |= APTITUDE_TEST,
            Requirement::ProfessionalInterview => self.flags |= PROFESSIONAL_INTERVIEW,
            Requirement::LocalRegulationsBriefing => self.flags |= LOCAL_REGULATIONS_BRIEFING,
            Requirement::AdaptationPeriod { months } => {
                self.adaptation_months = self.adaptation_months.max(months)
            }
        }
    }

    /// Whether `r` is in the set, or (for an adaptation period) a period at least as long.
    pub fn contains(&self, r: Requirement) -> bool {
        match r {
            Requirement::AptitudeTest => self.flags & APTITUDE_TEST != 0,
            Requirement::ProfessionalInterview => self.flags & PROFESSIONAL_INTERVIEW != 0,
            Requirement::LocalRegulationsBriefing => self.flags & LOCAL_REGULATIONS_BRIEFING != 0,
            Requirement::AdaptationPeriod { months } => self.adaptation_months >= months,
        }
    }

    /// What of `self` is not covered by `met`.
    pub fn without(self, met: RequirementSet) -> RequirementSet {
        RequirementSet {
            flags: self.flags & !met.flags,
            adaptation_months: if self.adaptation_months > met.adaptation_months {
                self.adaptation_months
            } else {
                0
            },
        }
    }

    /// Whether nothing is asked (or outstanding): what makes an outcome eligible.
    pub fn is_empty(&self) -> bool {
        self.flags == 0 && self.adaptation_months == 0
    }

    /// How many requirements: fewer outstanding is preferred between equal levels.
    pub fn len(&self) -> u32 {
        self.flags.count_ones() + u32::from(self.adaptation_months > 0)
    }

    /// The requirements in a fixed order: aptitude test, adaptation period, interview,
    /// briefing — the order in which a host society usually schedules them.
    pub fn iter(self) -> impl Iterator<Item = Requirement> {
        let candidates = [
            Requirement::AptitudeTest,
            Requirement::AdaptationPeriod {
                months: self.adaptation_months,
            },
            Requirement::ProfessionalInterview,
            Requirement::LocalRegulationsBriefing,
        ];
        candidates.into_iter().filter(move |r| match r {
            Requirement::AdaptationPeriod { months } => *months > 0,
            other => self.contains(*other),
        })
    }
}

impl FromIterator<Requirement> for RequirementSet {
    fn from_iter<I: IntoIterator<Item = Requirement>>(iter: I) -> Self {
        let mut set = RequirementSet::NONE;
        iter.into_iter().for_each(|r| set.insert(r));
        set
    }
}

impl Serialize for RequirementSet {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.iter())
    }
}

impl<'de> Deserialize<'de> for RequirementSet {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Vec::<Requirement>::deserialize(d).map(RequirementSet::from_iter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outstanding_is_what_was_asked_less_what_was_met() {
        let asked: RequirementSet = [
            Requirement::AptitudeTest,
            Requirement::AdaptationPeriod { months: 6 },
            Requirement::LocalRegulationsBriefing,
        ]
        .into_iter()
        .collect();
        let met: RequirementSet = [
            Requirement::AdaptationPeriod { months: 12 },
            Requirement::LocalRegulationsBriefing,
        ]
        .into_iter()
        .collect();
        let left = asked.without(met);
        assert_eq!(left.iter().collect::<Vec<_>>(), [Requirement::AptitudeTest]);
        assert_eq!(left.len(), 1);
        assert!(asked.without(asked).is_empty());
        let short: RequirementSet = [Requirement::AdaptationPeriod { months: 3 }]
            .into_iter()
            .collect();
        assert_eq!(asked.without(short).len(), 3);
    }

    #[test]
    fn sets_read_and_write_as_lists() {
        let set: RequirementSet =
            serde_json::from_str(r#"["professional-interview", "adaptation-period:12"]"#).unwrap();
        assert_eq!(
            serde_json::to_string(&set).unwrap(),
            r#"["adaptation-period:12","professional-interview"]"#
        );
    }
}
