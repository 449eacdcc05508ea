//! Fees (issue 5, item 8): each agreement carries a fee schedule per society and step, as
//! `[[fee]]` entries in its file. The home society charges for attestation, the host society
//! for assessment (and, where it says so, for an appeal); the applicant sees the total per
//! currency before submitting.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The currencies of the Greater Bay Area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Currency {
    #[serde(rename = "HKD")]
    Hkd,
    #[serde(rename = "MOP")]
    Mop,
    #[serde(rename = "CNY")]
    Cny,
}

impl Currency {
    pub const ALL: [Currency; 3] = [Currency::Hkd, Currency::Mop, Currency::Cny];

    pub fn code(self) -> &'static str {
        match self {
            Currency::Hkd => "HKD",
            Currency::Mop => "MOP",
            Currency::Cny => "CNY",
        }
    }

    pub fn parse(s: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// The step a fee pays for, and so who charges it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeeStep {
    /// Charged by the home society that attests the qualification.
    Attestation,
    /// Charged by the host society that assesses the application.
    Assessment,
    /// Charged by the host society when a rejection is appealed; not part of the total.
    Appeal,
}

impl FeeStep {
    pub const ALL: [FeeStep; 3] = [FeeStep::Attestation, FeeStep::Assessment, FeeStep::Appeal];

    pub fn code(self) -> &'static str {
        match self {
            FeeStep::Attestation => "attestation",
            FeeStep::Assessment => "assessment",
            FeeStep::Appeal => "appeal",
        }
    }

    pub fn parse(s: &str) -> Option<FeeStep> {
        FeeStep::ALL.into_iter().find(|c| c.code() == s)
    }
}

/// One line of a fee schedule: what a society charges for a step, in whole units.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub society: String,
    pub step: FeeStep,
    pub amount: u32,
    pub currency: Currency,
}

/// Checks a schedule: positive amounts, one fee per society and step.
pub fn check(fees: &[Fee]) -> Result<(), String> {
    for (i, f) in fees.iter().enumerate() {
        if f.amount == 0 {
            return Err(format!("`fee[{i}]` charges nothing; leave it out instead"));
        }
        if fees[..i]
            .iter()
            .any(|g| g.society == f.society && g.step == f.step)
        {
            return Err(format!(
                "`fee[{i}]`: `{}` already has a {} fee",
                f.society,
                f.step.code()
            ));
        }
    }
    Ok(())
}

/// The fees an applicant pays before a decision: the home society's attestation fee and the
/// host society's assessment fee.
pub fn due<'a>(fees: &'a [Fee], home: Option<&str>, host: &str) -> Vec<&'a Fee> {
    fees.iter()
        .filter(|f| match f.step {
            FeeStep::Attestation => home == Some(f.society.as_str()),
            FeeStep::Assessment => f.society == host,
            FeeStep::Appeal => false,
        })
        .collect()
}

/// Totals per currency, in a fixed order.
pub fn totals<'a>(fees: impl IntoIterator<Item = &'a Fee>) -> BTreeMap<Currency, u64> {
    let mut out = BTreeMap::new();
    for f in fees {
        *out.entry(f.currency).or_insert(0) += u64::from(f.amount);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fee(society: &str, step: FeeStep, amount: u32, currency: Currency) -> Fee {
        Fee {
            society: society.into(),
            step,
            amount,
            currency,
        }
    }

    #[test]
    fn the_applicant_pays_the_home_attestation_and_the_host_assessment() {
        let fees = vec![
            fee("gdes", FeeStep::Attestation, 300, Currency::Cny),
            fee("hk", FeeStep::Assessment, 2000, Currency::Hkd),
            fee("hk", FeeStep::Attestation, 500, Currency::Hkd),
            fee("hk", FeeStep::Appeal, 800, Currency::Hkd),
            fee("mo", FeeStep::Assessment, 1500, Currency::Mop),
        ];
        let due = due(&fees, Some("gdes"), "hk");
        assert_eq!(due.len(), 2);
        let t = totals(due);
        assert_eq!(t[&Currency::Cny], 300);
        assert_eq!(t[&Currency::Hkd], 2000);
        assert!(check(&fees).is_ok());
        let mut twice = fees.clone();
        twice.push(fee("hk", FeeStep::Assessment, 1, Currency::Hkd));
        assert!(check(&twice).is_err());
        assert!(check(&[fee("hk", FeeStep::Appeal, 0, Currency::Hkd)]).is_err());
    }
}
