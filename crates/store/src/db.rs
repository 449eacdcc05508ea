use crate::{Result, StoreError};
use futures_core::future::BoxFuture;
use futures_core::stream::BoxStream;
use sqlx::any::{AnyPoolOptions, AnyQueryResult, AnyRow, AnyStatement, AnyTypeInfo};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, Describe, Either, Execute, SqlStr};
use sqlx::{AnyPool, Connection, Executor};
use std::cell::Cell;
use std::future::Future;
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
    pub(crate) pool: Pool,
    engine: Engine,
}

tokio::task_local! {
    /// Statements sent by the task inside [`count_queries`]; absent elsewhere.
    static QUERIES: Cell<u64>;
}

/// Runs `work` and counts the SQL statements it sends, through any store: its output and the
/// count. Tests use it (through the server's test-only `X-Query-Count` header) to catch a
/// page whose queries grow with the rows it lists. Every statement on the pool counts one; a
/// connection taken from the pool (`acquire`) counts one for the few statements run on it;
/// a write counts its statements, its audit event and its commit.
pub async fn count_queries<F: Future>(work: F) -> (F::Output, u64) {
    QUERIES
        .scope(Cell::new(0), async move {
            let out = work.await;
            (out, QUERIES.with(Cell::get))
        })
        .await
}

/// Counts `n` statements for the task being counted, if any: one thread-local look-up.
pub(crate) fn counted(n: u64) {
    let _ = QUERIES.try_with(|c| c.set(c.get() + n));
}

/// The connection pool, counting the statements sent through it (see [`count_queries`]).
/// Everything else of [`AnyPool`] is reached through `Deref`.
#[derive(Debug, Clone)]
pub(crate) struct Pool(AnyPool);

impl std::ops::Deref for Pool {
    type Target = AnyPool;

    fn deref(&self) -> &AnyPool {
        &self.0
    }
}

impl Pool {
    /// A connection of the pool, counted as one statement.
    pub(crate) async fn acquire(&self) -> Result<PoolConnection<Any>, sqlx::Error> {
        counted(1);
        self.0.acquire().await
    }
}

impl<'p> Executor<'p> for &'_ Pool {
    type Database = Any;

    fn fetch_many<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxStream<'e, Result<Either<AnyQueryResult, AnyRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Any>,
    {
        counted(1);
        <&AnyPool as Executor<'p>>::fetch_many(&self.0, query)
    }

    fn fetch_optional<'e, 'q: 'e, E>(
        self,
        query: E,
    ) -> BoxFuture<'e, Result<Option<AnyRow>, sqlx::Error>>
    where
        'p: 'e,
        E: 'q + Execute<'q, Any>,
    {
        counted(1);
        <&AnyPool as Executor<'p>>::fetch_optional(&self.0, query)
    }

    fn prepare_with<'e>(
        self,
        sql: SqlStr,
        parameters: &'e [AnyTypeInfo],
    ) -> BoxFuture<'e, Result<AnyStatement, sqlx::Error>>
    where
        'p: 'e,
    {
        <&AnyPool as Executor<'p>>::prepare_with(&self.0, sql, parameters)
    }

    fn describe<'e>(self, sql: SqlStr) -> BoxFuture<'e, Result<Describe<Any>, sqlx::Error>>
    where
        'p: 'e,
    {
        <&AnyPool as Executor<'p>>::describe(&self.0, sql)
    }
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
        Ok(Store {
            pool: Pool(pool),
            engine,
        })
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
        migrator.run(&*self.pool).await?;
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
