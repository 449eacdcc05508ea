//! How engine results become sentences: each reason, condition and outcome names its Fluent
//! message and the variables it fills (`crates/web/locales/engine/*.ftl`), so that the
//! explanation reads in the engineer's language and the words live in one place.

/// The value of one Fluent variable. Ids are handed over with what they identify, so the
/// web layer can put the name in the reader's language in their place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Arg {
    /// A figure: years, hours, months.
    Number(u32),
    /// A stable code that the message selects a variant on (`aptitude-test`, `yes`, …).
    Code(&'static str),
    /// A rung of a ladder: show the level's name.
    Level { framework: String, level: String },
    /// Show the society's name.
    Society(String),
    /// Show the specialty's name.
    Specialty(String),
    /// Show the framework's name.
    Framework(String),
}

impl Arg {
    /// `yes` or `no`, for messages that select on a fact being true.
    pub fn yes_no(value: bool) -> Arg {
        Arg::Code(if value { "yes" } else { "no" })
    }
}

/// Something the engine says that people read.
pub trait Message {
    /// The Fluent message id: `reason-…`, `condition-…` or `outcome-…`.
    fn message_id(&self) -> &'static str;
    /// The variables the message may use, by name.
    fn message_args(&self) -> Vec<(&'static str, Arg)>;
}
