//! The language of mutual recognition, free of I/O: what a society, a specialty, a
//! qualification ladder and an agreement are, and the rules that keep them coherent.
//!
//! Everything here is plain data and pure functions so that the web, the CLI and the
//! tests all reason about the mechanism in exactly the same terms.

mod codes;

pub mod access;
pub mod agreement;
pub mod agreement_file;
pub mod alerts;
pub mod calendar;
pub mod catalogue;
pub mod dataset;
pub mod date;
pub mod deadlines;
pub mod demo;
pub mod engine;
pub mod engineer;
pub mod fees;
pub mod framework;
pub mod jurisdiction;
pub mod lifecycle;
pub mod locale;
pub mod register;
pub mod roster;
pub mod rule;
pub mod slug;
pub mod society;
pub mod specialty;
pub mod spreadsheet;
pub mod workflow;

pub use access::{Grant, Principal, Role};
pub use agreement::{Agreement, AgreementKind, AgreementStatus, AgreementVersion, VersionStatus};
pub use catalogue::Catalogue;
pub use engine::{
    CompiledVersion, Decision, Facts, HeldQualification, OutcomeKind, Reason, evaluate,
};
pub use framework::{Framework, FrameworkKind, Level};
pub use jurisdiction::Jurisdiction;
pub use lifecycle::{LifecycleError, Step};
pub use locale::{Locale, LocalizedText};
pub use register::{Activity, ActivityKind, Fellow};
pub use rule::{Cpd, Education, RecognitionRule, Requirement, RuleSource, RuleTarget};
pub use society::{Society, SocietyRole};
pub use specialty::{Specialty, SpecialtyStatus};

/// Calendar dates throughout the register (signing, effect, appointment) carry no time zone:
/// an agreement signed on 2020-07-11 was signed on that day in every region.
pub type Date = jiff::civil::Date;
