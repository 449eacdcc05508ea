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

/// Turns a refusal by a database constraint (a unique key, a reference, a check) into a
/// [`StoreError::Conflict`] that says `why`, so a write the callers did not check first still
/// gets a clear answer instead of a server error. Other errors pass unchanged.
pub(crate) trait OrConflict<T> {
    fn or_conflict(self, why: impl FnOnce() -> String) -> Result<T, StoreError>;
}

impl<T, E: Into<StoreError>> OrConflict<T> for Result<T, E> {
    fn or_conflict(self, why: impl FnOnce() -> String) -> Result<T, StoreError> {
        use sqlx::error::ErrorKind;
        match self.map_err(Into::into) {
            Err(StoreError::Database(sqlx::Error::Database(e)))
                if matches!(
                    e.kind(),
                    ErrorKind::UniqueViolation
                        | ErrorKind::ForeignKeyViolation
                        | ErrorKind::CheckViolation
                        | ErrorKind::NotNullViolation
                ) =>
            {
                tracing::debug!(error = %e, "a constraint refused a write");
                Err(StoreError::Conflict(why()))
            }
            other => other,
        }
    }
}

/// Refuses a new `what` (e.g. "society") whose id is taken. Retired entries keep their ids,
/// because history (agreements, audit events) still names them.
pub(crate) fn taken(what: &str, id: &str, retired: bool) -> StoreError {
    let by = if retired { "a retired" } else { "a" };
    StoreError::Conflict(format!(
        "the id `{id}` is already used by {by} {what}; choose another id"
    ))
}

/// Ids as a message lists them: `a`, `b`.
pub(crate) fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|id| format!("`{id}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "agreement `a`" or "agreements `a`, `b`", for messages.
pub(crate) fn agreements_named(ids: &[String]) -> String {
    let noun = if ids.len() == 1 {
        "agreement"
    } else {
        "agreements"
    };
    format!("{noun} {}", quoted(ids))
}
