//! Discipline and revocation alerts (issue 5, item 7): a society admin warns every society
//! that has an engineer as an applicant or a holder that the engineer was suspended, struck
//! off, or found to have falsified documents.

use serde::{Deserialize, Serialize};

/// What an alert reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    Suspension,
    StrikingOff,
    FalsifiedDocuments,
}

impl AlertKind {
    pub const ALL: [AlertKind; 3] = [
        AlertKind::Suspension,
        AlertKind::StrikingOff,
        AlertKind::FalsifiedDocuments,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AlertKind::Suspension => "suspension",
            AlertKind::StrikingOff => "striking_off",
            AlertKind::FalsifiedDocuments => "falsified_documents",
        }
    }

    pub fn parse(s: &str) -> Option<AlertKind> {
        AlertKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The longest statement an alert carries, in characters.
pub const MAX_STATEMENT: usize = 4000;

/// An alert's statement, trimmed: it must say what happened, in at most [`MAX_STATEMENT`]
/// characters.
pub fn statement(raw: &str) -> Result<String, String> {
    let s = raw.trim();
    if s.is_empty() {
        return Err("say what happened: the statement is what other societies act on".into());
    }
    if s.chars().count() > MAX_STATEMENT {
        return Err(format!("a statement is at most {MAX_STATEMENT} characters"));
    }
    Ok(s.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_and_statements_are_checked() {
        for k in AlertKind::ALL {
            assert_eq!(AlertKind::parse(k.code()), Some(k));
        }
        assert_eq!(AlertKind::parse("warning"), None);
        assert!(statement("  ").is_err());
        assert!(statement(&"x".repeat(MAX_STATEMENT + 1)).is_err());
        assert_eq!(
            statement(" Struck off on 1 May. ").unwrap(),
            "Struck off on 1 May."
        );
    }
}
