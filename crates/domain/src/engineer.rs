//! Engineer profiles: the facts a recognition decision stands on.
//!
//! An identity number is personal data the platform needs only to tell people apart: it is
//! kept as its kind and a masked form, never in full, and never enters a credential.

use crate::codes::codes;
use crate::{Date, LocalizedText};
use serde::{Deserialize, Serialize};

codes!(
    /// Kinds of identity document accepted across the three regions.
    IdKind {
        MainlandId = "mainland-id",
        HkId = "hk-id",
        MacaoId = "macao-id",
        Passport = "passport",
    }
);

codes!(
    /// Under which accord, if any, a degree programme is accredited.
    Accreditation {
        WashingtonAccord = "washington-accord",
        SydneyAccord = "sydney-accord",
        DublinAccord = "dublin-accord",
        ListedEquivalent = "listed-equivalent",
        None = "none",
    }
);

codes!(
    /// Whether an engineer is in good standing with their profession.
    Standing {
        Good = "good",
        UnderDiscipline = "under-discipline",
    }
);

codes!(
    /// A qualification is claimed by the engineer, then attested or refused by the society
    /// that certified it; it may lapse later.
    QualificationStatus {
        Claimed = "claimed",
        Attested = "attested",
        Refused = "refused",
        Lapsed = "lapsed",
    }
);

impl Accreditation {
    pub fn is_accredited(self) -> bool {
        self != Accreditation::None
    }
}

impl QualificationStatus {
    /// Only claimed and attested qualifications can be recognised.
    pub fn is_live(self) -> bool {
        matches!(
            self,
            QualificationStatus::Claimed | QualificationStatus::Attested
        )
    }
}

/// An identity document as the platform keeps it: never the full number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityDocument {
    pub kind: IdKind,
    pub masked: String,
}

/// The number with all but its first character and last two hidden, e.g. `A******(3)` →
/// `A*****(3)`; short numbers are hidden entirely.
pub fn mask(number: &str) -> String {
    let chars: Vec<char> = number
        .trim()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if chars.len() < 6 {
        return "*".repeat(chars.len().max(4));
    }
    chars
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if i == 0 || i + 2 >= chars.len() {
                *c
            } else {
                '*'
            }
        })
        .collect()
}

/// The number as compared for matching: upper case, without spaces, brackets or hyphens.
pub fn normalize_id_number(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationEntry {
    #[serde(default)]
    pub id: String,
    pub degree: String,
    pub institution: String,
    pub year: i32,
    pub accreditation: Accreditation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceEntry {
    #[serde(default)]
    pub id: String,
    pub specialty: String,
    #[serde(with = "crate::date")]
    pub started_on: Date,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub ended_on: Option<Date>,
    pub employer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CpdRecord {
    #[serde(default)]
    pub id: String,
    pub hours: u32,
    #[serde(with = "crate::date")]
    pub completed_on: Date,
    #[serde(default)]
    pub activity: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Qualification {
    #[serde(default)]
    pub id: String,
    pub framework: String,
    pub level: String,
    pub specialty: String,
    /// The society that certified it, and attests it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub society: Option<String>,
    #[serde(
        default,
        with = "crate::date::option",
        skip_serializing_if = "Option::is_none"
    )]
    pub awarded_on: Option<Date>,
    #[serde(default)]
    pub certificate_number: String,
    #[serde(default = "claimed")]
    pub status: QualificationStatus,
}

fn claimed() -> QualificationStatus {
    QualificationStatus::Claimed
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EngineerProfile {
    pub id: String,
    /// The engineer's own account, when they have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    /// Names in the scripts the engineer uses; not every script need be filled.
    pub names: LocalizedText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<IdentityDocument>,
    pub standing: Standing,
    pub education: Vec<EducationEntry>,
    pub experience: Vec<ExperienceEntry>,
    pub cpd: Vec<CpdRecord>,
    pub qualifications: Vec<Qualification>,
}

impl EngineerProfile {
    /// Whole months of experience in `specialty` up to `today`, counting overlapping periods
    /// (two jobs at once) only once.
    pub fn experience_months(&self, specialty: &str, today: Date) -> u32 {
        let mut spans: Vec<(Date, Date)> = self
            .experience
            .iter()
            .filter(|e| e.specialty == specialty)
            .map(|e| (e.started_on, e.ended_on.unwrap_or(today).min(today)))
            .filter(|(a, b)| a < b)
            .collect();
        spans.sort();
        let mut merged: Vec<(Date, Date)> = Vec::new();
        for (start, end) in spans {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged.iter().map(|(a, b)| months_between(*a, *b)).sum()
    }

    /// Whether any degree is accredited under an accord or a listed equivalent.
    pub fn accredited(&self) -> bool {
        self.education
            .iter()
            .any(|e| e.accreditation.is_accredited())
    }

    pub fn in_good_standing(&self) -> bool {
        self.standing == Standing::Good
    }
}

/// Whole calendar months from `a` to `b`.
pub fn months_between(a: Date, b: Date) -> u32 {
    let mut months = (i32::from(b.year()) - i32::from(a.year())) * 12
        + (i32::from(b.month()) - i32::from(a.month()));
    if b.day() < a.day() {
        months -= 1;
    }
    u32::try_from(months).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn numbers_are_masked() {
        assert_eq!(mask("A1234567"), "A*****67");
        assert_eq!(mask("123"), "****");
        assert_eq!(normalize_id_number("a123456(7)"), "A1234567");
    }

    #[test]
    fn overlapping_experience_counts_once() {
        let job = |from: &str, to: Option<&str>| ExperienceEntry {
            id: String::new(),
            specialty: "building".into(),
            started_on: d(from),
            ended_on: to.map(d),
            employer: "X".into(),
        };
        let p = EngineerProfile {
            id: "e".into(),
            user_id: None,
            names: LocalizedText::default(),
            identity: None,
            standing: Standing::Good,
            education: vec![],
            experience: vec![
                job("2010-01-01", Some("2015-01-01")),
                job("2014-01-01", Some("2016-01-01")),
                job("2020-01-01", None),
            ],
            cpd: vec![],
            qualifications: vec![],
        };
        assert_eq!(p.experience_months("building", d("2021-01-01")), 72 + 12);
        assert_eq!(p.experience_months("civil", d("2021-01-01")), 0);
    }
}
