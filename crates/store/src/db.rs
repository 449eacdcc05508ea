use crate::{Result, StoreError};
use sqlx::AnyConnection;
use sqlx::any::AnyPoolOptions;
use sqlx::{AnyPool, Connection, Executor};
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

/// The database engine behind a store, for the few places where SQL must differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Engine {
    Sqlite,
    Postgres,
}

impl Engine {
    /// Which engine a URL asks for; anything else is refused before a connection is tried.
    pub fn of_url(url: &str) -> Result<Engine> {
        let scheme = url.split(':').next().unwrap_or_default();
        match scheme {
            "sqlite" => Ok(Engine::Sqlite),
            "postgres" | "postgresql" => Ok(Engine::Postgres),
            _ => Err(StoreError::UnsupportedUrl(redact_url(url))),
        }
    }
}

/// A handle on the database, cheap to clone and shared by every request.
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: AnyPool,
    engine: Engine,
}

impl Store {
    /// Opens the database named by `url`, creating a SQLite file when it does not exist yet.
    pub async fn connect(url: &str) -> Result<Store> {
        let engine = Engine::of_url(url)?;
        sqlx::any::install_default_drivers();
        let url = match engine {
            Engine::Sqlite if !url.contains("mode=") => {
                let sep = if url.contains('?') { '&' } else { '?' };
                format!("{url}{sep}mode=rwc")
            }
            _ => url.to_string(),
        };
        let options = AnyPoolOptions::new()
            .max_connections(if engine == Engine::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _| {
                Box::pin(async move {
                    if engine == Engine::Sqlite {
                        // Integrity first; WAL lets readers work while one writer commits.
                        conn.execute(
                            "PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;",
                        )
                        .await?;
                    }
                    Ok(())
                })
            });
        let pool = options.connect(&url).await?;
        if engine == Engine::Sqlite {
            sqlx::query("PRAGMA journal_mode = WAL")
                .execute(&pool)
                .await?;
        }
        Ok(Store { pool, engine })
    }

    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// Brings the schema up to date; safe to run at every start.
    pub async fn migrate(&self) -> Result<()> {
        let migrator = match self.engine {
            Engine::Sqlite => &SQLITE_MIGRATIONS,
            Engine::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await?;
        Ok(())
    }

    /// Whether the database answers, for health checks.
    pub async fn ping(&self) -> Result<()> {
        let mut conn = self.pool.acquire().await?;
        <AnyConnection as Connection>::ping(&mut conn).await?;
        Ok(())
    }

    /// The SQLite journal mode, so tests and operators can confirm WAL is in use.
    pub async fn sqlite_pragma(&self, name: &str) -> Result<String> {
        let allowed = ["journal_mode", "foreign_keys"];
        if self.engine != Engine::Sqlite || !allowed.contains(&name) {
            return Err(StoreError::Conflict(format!("no pragma `{name}` here")));
        }
        let row: (String,) = sqlx::query_as(sql!("SELECT CAST({name} AS TEXT) FROM pragma_{name}"))
            .fetch_one(&self.pool)
            .await?;
        Ok(row.0)
    }

    /// True when the register holds nothing yet: the signal to load demo data.
    pub async fn is_empty(&self) -> Result<bool> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM societies")
            .fetch_one(&self.pool)
            .await?;
        Ok(n == 0)
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// The URL with any password replaced, safe to print and log.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    match rest.split_once('@') {
        Some((userinfo, host)) if userinfo.contains(':') => {
            let user = userinfo.split(':').next().unwrap_or_default();
            format!("{scheme}://{user}:***@{host}")
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schemes() {
        assert_eq!(Engine::of_url("sqlite://x.db").unwrap(), Engine::Sqlite);
        assert_eq!(
            Engine::of_url("postgres://u@h/d").unwrap(),
            Engine::Postgres
        );
        let err = Engine::of_url("mysql://root:secret@h/d").unwrap_err();
        assert!(err.to_string().contains("mysql://root:***@h/d"));
        assert!(!err.to_string().contains("secret"));
    }
}
