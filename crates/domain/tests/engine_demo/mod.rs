//! The demo register and small builders shared by the engine's tests.

#![allow(dead_code)]

use wanqiao_domain::dataset::Dataset;
pub use wanqiao_domain::demo::FILES;
use wanqiao_domain::engine::{CpdEntry, Experience};
use wanqiao_domain::engineer::QualificationStatus;
use wanqiao_domain::{Agreement, Catalogue, Date, Facts, HeldQualification};

pub fn dataset() -> Dataset {
    Dataset::from_files(FILES).expect("the demo data set loads")
}

pub fn catalogue() -> Catalogue {
    dataset().catalogue()
}

pub fn agreement(data: &Dataset, id: &str) -> Agreement {
    data.agreements
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no demo agreement `{id}`"))
        .clone()
}

pub fn day(s: &str) -> Date {
    s.parse().unwrap()
}

/// The day the tests judge on.
pub fn today() -> Date {
    day("2026-07-01")
}

/// An engineer with `years` of experience in `specialty`, `cpd_hours` of CPD a year ago,
/// in good standing.
pub fn facts(specialty: &str, years: u32, accredited: bool, cpd_hours: u32) -> Facts {
    Facts {
        experience: vec![Experience {
            specialty: specialty.to_string(),
            months: years * 12,
        }],
        accredited_education: accredited,
        cpd: vec![CpdEntry {
            date: day("2025-07-01"),
            hours: cpd_hours,
        }],
        good_standing: true,
    }
}

pub fn held(framework: &str, level: &str, specialty: &str) -> HeldQualification {
    HeldQualification {
        framework: framework.to_string(),
        level: level.to_string(),
        specialty: specialty.to_string(),
        status: QualificationStatus::Attested,
    }
}
