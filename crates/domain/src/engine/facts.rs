//! What the engine knows about an engineer: plain data, as the profile and the roster hold it.

use crate::Date;
use crate::engineer::EngineerProfile;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Experience in one specialty. An engineer lists one entry per post or period; the engine
/// adds up the months of the entries in the agreement's specialty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Experience {
    pub specialty: String,
    pub months: u32,
}

/// Hours of continuing professional development completed on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdEntry {
    #[serde(with = "crate::date")]
    pub date: Date,
    pub hours: u32,
}

/// The facts about one engineer that recognition rules look at. The day they are judged on
/// is given beside them, so the same facts give the same answer whenever they are replayed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default)]
    pub experience: Vec<Experience>,
    /// A degree accredited under the Washington, Sydney or Dublin accords or a listed
    /// equivalent.
    #[serde(default)]
    pub accredited_education: bool,
    #[serde(default)]
    pub cpd: Vec<CpdEntry>,
    /// Not struck off, suspended or under sanction by the home society.
    pub good_standing: bool,
}

impl Facts {
    /// The facts an engineer's profile gives as of `today`: months of experience per
    /// specialty (overlapping posts counted once), accreditation of any degree, CPD, and
    /// standing.
    pub fn of_profile(profile: &EngineerProfile, today: Date) -> Facts {
        let specialties: BTreeSet<&str> = profile
            .experience
            .iter()
            .map(|e| e.specialty.as_str())
            .collect();
        Facts {
            experience: specialties
                .into_iter()
                .map(|s| Experience {
                    specialty: s.to_string(),
                    months: profile.experience_months(s, today),
                })
                .collect(),
            accredited_education: profile.accredited(),
            cpd: profile
                .cpd
                .iter()
                .map(|c| CpdEntry {
                    date: c.completed_on,
                    hours: c.hours,
                })
                .collect(),
            good_standing: profile.in_good_standing(),
        }
    }

    /// Months of experience in `specialty`, all entries together.
    pub fn experience_months(&self, specialty: &str) -> u32 {
        self.experience
            .iter()
            .filter(|e| e.specialty == specialty)
            .fold(0u32, |sum, e| sum.saturating_add(e.months))
    }
}
