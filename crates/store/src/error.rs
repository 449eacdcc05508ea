use thiserror::Error;

/// What can go wrong in storage. Callers see "not found" as `Ok(None)`, never as an error,
/// so an outage is never mistaken for a missing entry.
#[derive(Debug, Error)]
pub enum StoreError {
    #[error(
        "unsupported database URL `{0}`: use sqlite://FILE (e.g. sqlite://wanqiao.db) or postgres://USER@HOST:PORT/DATABASE"
    )]
    UnsupportedUrl(String),
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    /// A row that the application could not have written: a sign of manual edits.
    #[error("stored data is inconsistent: {0}")]
    Corrupt(String),
    /// The entry a write names does not exist.
    #[error("{0} does not exist")]
    NotFound(String),
    /// A write refused because it contradicts what is stored.
    #[error("{0}")]
    Conflict(String),
}
