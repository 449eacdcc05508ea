//! Persistence for Wanqiao: one query layer over SQLite (the embedded default) and
//! PostgreSQL (production), chosen by the database URL at start-up.
//!
//! Queries go through sqlx's portable `Any` driver with `$n` placeholders, which both
//! engines accept, and keep to column types both engines share (see the migrations), so the
//! path to PostgreSQL-compatible distributed engines stays open.

/// SQL assembled from this crate's constants and numbered placeholders only, never from
/// input: values always travel as bound parameters.
macro_rules! sql {
    ($($t:tt)*) => {
        sqlx::AssertSqlSafe(format!($($t)*))
    };
}

mod codec;
mod db;
mod error;
mod impact_population;
mod page;

pub mod activities;
pub mod agreements;
pub mod alerts;
pub mod api_credentials;
pub mod applications;
pub mod audit;
pub mod credentials;
pub mod dataset;
pub mod engineers;
pub mod evidence;
pub mod fees;
pub mod fellows;
pub mod frameworks;
pub mod outbox;
pub mod public_register;
pub mod referees;
pub mod reports;
pub mod roster;
pub mod roster_jobs;
pub mod scale;
pub mod search;
pub mod secret;
pub mod sessions;
pub mod signing_keys;
pub mod societies;
pub mod specialties;
pub mod throttle;
pub mod tokens;
pub mod users;
pub mod write;

pub use db::{Engine, Store, count_queries, redact_url};
pub use error::StoreError;
pub use page::{Page, Paged};
pub use sqlx::Error as SqlxError;
pub use write::Write;

/// Results of this crate.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
