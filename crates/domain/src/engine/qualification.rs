//! The qualification an engineer holds and asks to have recognised, as the engine sees it.

use crate::engineer::{Qualification, QualificationStatus};
use serde::{Deserialize, Serialize};

/// One rung of one ladder, in one specialty, held by an engineer. Only claimed and attested
/// qualifications are evaluated (see [`QualificationStatus::is_live`]): a refused or lapsed
/// one recognises nothing, so the engine never reasons about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HeldQualification {
    pub framework: String,
    pub level: String,
    pub specialty: String,
    pub status: QualificationStatus,
}

impl From<&Qualification> for HeldQualification {
    fn from(q: &Qualification) -> Self {
        HeldQualification {
            framework: q.framework.clone(),
            level: q.level.clone(),
            specialty: q.specialty.clone(),
            status: q.status,
        }
    }
}
