//! The recognition rule engine (DESIGN.md §3): given what is known about one engineer and
//! one qualification they hold, what does an agreement version grant them, and why?
//!
//! Everything here is a pure function of its inputs — no I/O, no clock (today's date is an
//! argument) — so the self-check an engineer runs, the explanation a reviewer reads and the
//! impact analysis an administrator runs over a million engineers all agree.
//!
//! The flow:
//! 1. [`CompiledVersion::compile`] turns an agreement version's rules into integers (level
//!    ranks, framework keys, months, requirement bits), once, so evaluation does no string
//!    lookups in its loop over the rules.
//! 2. [`Profile`] is one qualification and the facts about its holder reduced to what the
//!    rules look at, as of one day and in one specialty.
//! 3. [`CompiledVersion::verdict`] is the fast answer (no allocation) used in bulk;
//!    [`evaluate`] is the full answer with reasons and a trace, for people to read.
//! 4. [`self_check`] asks every agreement in force at once; [`impact`] compares a draft
//!    version with the version in force over a [`Population`].

mod checks;
mod compile;
mod compiled;
mod condition;
mod cpd;
mod decision;
mod facts;
mod impact;
mod ladders;
mod message;
mod outcome;
mod population;
mod profile;
mod qualification;
mod reason;
mod requirements;
mod self_check;
mod tally;
mod trace;
mod verdict;

pub use compile::{CompileError, Scope};
pub use compiled::{CompiledRule, CompiledTarget, CompiledVersion};
pub use condition::{Condition, ConditionCheck};
pub use cpd::{CpdHours, MAX_CPD_WINDOW_YEARS};
pub use decision::{Decision, GrantedLevel, evaluate};
pub use facts::{CpdEntry, Experience, Facts};
pub use impact::{Change, Impact, ImpactError, OutcomeCounts, TargetImpact, impact};
pub use ladders::{FrameworkKey, HeldRank, Ladders};
pub use message::{Arg, Message};
pub use outcome::{OutcomeKind, Standing};
pub use population::{Population, Subject};
pub use profile::Profile;
pub use qualification::HeldQualification;
pub use reason::Reason;
pub use requirements::RequirementSet;
pub use self_check::{compile_in_force, self_check};
pub use trace::RuleTrace;
pub use verdict::Verdict;
