//! The regions whose qualifications meet on the platform.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Where a society or a qualification framework belongs. `INTL` covers frameworks such as
/// the Washington Accord that belong to no single region.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Jurisdiction {
    #[serde(rename = "GD")]
    Gd,
    #[serde(rename = "HK")]
    Hk,
    #[serde(rename = "MO")]
    Mo,
    #[serde(rename = "INTL")]
    Intl,
}

impl Jurisdiction {
    pub const ALL: [Jurisdiction; 4] = [
        Jurisdiction::Gd,
        Jurisdiction::Hk,
        Jurisdiction::Mo,
        Jurisdiction::Intl,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::Gd => "GD",
            Jurisdiction::Hk => "HK",
            Jurisdiction::Mo => "MO",
            Jurisdiction::Intl => "INTL",
        }
    }
}

impl fmt::Display for Jurisdiction {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Jurisdiction {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Jurisdiction::ALL
            .into_iter()
            .find(|j| j.code() == s)
            .ok_or_else(|| format!("unknown jurisdiction `{s}` (expected GD, HK, MO or INTL)"))
    }
}
