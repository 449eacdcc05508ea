//! Recognition rules: what an agreement grants, one direction at a time.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// "Holders of `min_level` or higher in `framework`…"
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSource {
    pub framework: String,
    pub min_level: String,
}

/// "…are recognised by `society` at `level`."
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleTarget {
    pub society: String,
    pub level: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Education {
    /// A degree accredited under the Washington, Sydney or Dublin accords or a listed equivalent.
    Accredited,
    #[default]
    Any,
}

impl Education {
    pub fn code(self) -> &'static str {
        match self {
            Education::Accredited => "accredited",
            Education::Any => "any",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Accredited, Self::Any]
            .into_iter()
            .find(|v| v.code() == s)
    }
}

/// Continuing professional development required in a recent window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cpd {
    pub hours: u32,
    pub within_years: u32,
}

/// Something met after the decision — compensation measures in the EU's terms. Any of them
/// outstanding makes an otherwise eligible outcome conditional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Requirement {
    AptitudeTest,
    AdaptationPeriod { months: u32 },
    ProfessionalInterview,
    LocalRegulationsBriefing,
}

impl Requirement {
    /// The stable code, shared with the Fluent message ids that name it.
    pub fn code(self) -> &'static str {
        match self {
            Requirement::AptitudeTest => "aptitude-test",
            Requirement::AdaptationPeriod { .. } => "adaptation-period",
            Requirement::ProfessionalInterview => "professional-interview",
            Requirement::LocalRegulationsBriefing => "local-regulations-briefing",
        }
    }

    /// Months of an adaptation period, for messages that need the figure.
    pub fn months(self) -> Option<u32> {
        match self {
            Requirement::AdaptationPeriod { months } => Some(months),
            _ => None,
        }
    }
}

impl fmt::Display for Requirement {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Requirement::AdaptationPeriod { months } => write!(f, "adaptation-period:{months}"),
            other => f.write_str(other.code()),
        }
    }
}

impl FromStr for Requirement {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Ok(match s {
            "aptitude-test" => Requirement::AptitudeTest,
            "professional-interview" => Requirement::ProfessionalInterview,
            "local-regulations-briefing" | "local-codes-briefing" => {
                Requirement::LocalRegulationsBriefing
            }
            _ => match s.strip_prefix("adaptation-period:").map(str::parse::<u32>) {
                Some(Ok(months)) if (1..=36).contains(&months) => {
                    Requirement::AdaptationPeriod { months }
                }
                Some(_) => {
                    return Err(format!(
                        "`{s}`: an adaptation period is 1 to 36 months, written adaptation-period:12"
                    ));
                }
                None => {
                    return Err(format!(
                        "unknown requirement `{s}` (expected aptitude-test, adaptation-period:MONTHS, professional-interview or local-regulations-briefing)"
                    ));
                }
            },
        })
    }
}

impl Serialize for Requirement {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Requirement {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// One direction of recognition within an agreement version (DESIGN.md §2).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecognitionRule {
    pub from: RuleSource,
    pub to: RuleTarget,
    /// Years of experience in the agreement's specialty.
    #[serde(default)]
    pub min_experience_years: u32,
    #[serde(default)]
    pub education: Education,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cpd: Option<Cpd>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requires: Vec<Requirement>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_round_trip() {
        for text in [
            "aptitude-test",
            "adaptation-period:12",
            "professional-interview",
            "local-regulations-briefing",
        ] {
            let r: Requirement = text.parse().unwrap();
            assert_eq!(r.to_string(), text);
        }
        assert_eq!(
            "local-codes-briefing".parse::<Requirement>(),
            Ok(Requirement::LocalRegulationsBriefing)
        );
        assert!("adaptation-period:0".parse::<Requirement>().is_err());
        assert!("bribe".parse::<Requirement>().is_err());
    }
}
