//! Evidence kept on an engineer's profile: the record of each file, and where its content
//! lives, behind one [`BlobStorage`] interface with two implementations (this database, the
//! default, or a directory).

use crate::codec;
use crate::secret::new_id;
use crate::write::Write;
use crate::{Result, Store, StoreError};
use serde::Serialize;
use serde_json::json;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

/// A future borrowed from its arguments, so the storage trait can be used as `dyn`.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// One file of evidence, as lists show it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Evidence {
    pub id: String,
    pub engineer_id: String,
    pub title: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
    /// Set once, by the first staff member who verifies it; shown in every application.
    pub verified_by: Option<String>,
    pub verified_at: Option<String>,
    /// The display name of who verified it, read with the list by [`Store::evidence_of`].
    #[sqlx(default)]
    #[serde(skip)]
    pub verified_by_name: Option<String>,
}

const COLUMNS: &str = "id, engineer_id, title, media_type, size, sha256, uploaded_by, uploaded_at, verified_by, verified_at";

/// A new file, already checked by the caller (type sniffed, size within limits).
#[derive(Debug, Clone)]
pub struct NewEvidence<'a> {
    pub engineer: &'a str,
    pub title: &'a str,
    pub media_type: &'a str,
    pub sha256: &'a str,
    pub content: &'a [u8],
}

/// Where the content of evidence lives. Writes happen inside the audited transaction that
/// records the file, so a failed write leaves no record without content.
pub trait BlobStorage: Send + Sync {
    /// Keeps `content` under its digest; storing the same digest twice is harmless.
    fn put<'a>(
        &'a self,
        w: &'a mut Write,
        sha256: &'a str,
        content: &'a [u8],
    ) -> BoxFuture<'a, Result<()>>;

    /// The content stored under a digest, if any.
    fn get<'a>(
        &'a self,
        store: &'a Store,
        sha256: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>>>;

    /// Forgets content no record refers to any more, inside the write that removed the last
    /// record.
    fn release<'a>(&'a self, w: &'a mut Write, sha256: &'a str) -> BoxFuture<'a, Result<()>>;

    /// Cleans up after that write committed (files are removed only once the database
    /// agrees they are unused).
    fn after_release<'a>(&'a self, store: &'a Store, sha256: &'a str) -> BoxFuture<'a, Result<()>>;
}

/// Content in the `evidence_blobs` table: backed up and restored with the database.
#[derive(Debug, Clone, Copy, Default)]
pub struct DatabaseStorage;

impl BlobStorage for DatabaseStorage {
    fn put<'a>(
        &'a self,
        w: &'a mut Write,
        sha256: &'a str,
        content: &'a [u8],
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            sqlx::query(
                "INSERT INTO evidence_blobs (sha256, content) VALUES ($1, $2) ON CONFLICT (sha256) DO NOTHING",
            )
            .bind(sha256)
            .bind(content)
            .execute(w.conn())
            .await?;
            Ok(())
        })
    }

    fn get<'a>(
        &'a self,
        store: &'a Store,
        sha256: &'a str,
    ) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            let row: Option<(Vec<u8>,)> =
                sqlx::query_as("SELECT content FROM evidence_blobs WHERE sha256 = $1")
                    .bind(sha256)
                    .fetch_optional(&store.pool)
                    .await?;
            Ok(row.map(|r| r.0))
        })
    }

    fn release<'a>(&'a self, w: &'a mut Write, sha256: &'a str) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            sqlx::query("DELETE FROM evidence_blobs WHERE sha256 = $1")
                .bind(sha256)
                .execute(w.conn())
                .await?;
            Ok(())
        })
    }

    fn after_release<'a>(&'a self, _: &'a Store, _: &'a str) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }
}

/// Content as files named by their SHA-256 in one directory.
#[derive(Debug, Clone)]
pub struct DirectoryStorage {
    pub root: PathBuf,
}

impl DirectoryStorage {
    fn path(&self, sha256: &str) -> Result<PathBuf> {
        // Digests are computed by the platform; anything else is refused, never joined.
        if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(StoreError::Corrupt(format!(
                "evidence.sha256: `{sha256}` is not a digest"
            )));
        }
        Ok(self.root.join(sha256))
    }
}

fn io(e: std::io::Error) -> StoreError {
    StoreError::Database(sqlx::Error::Io(e))
}

impl BlobStorage for DirectoryStorage {
    fn put<'a>(
        &'a self,
        _: &'a mut Write,
        sha256: &'a str,
        content: &'a [u8],
    ) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            let path = self.path(sha256)?;
            if path.is_file() {
                return Ok(());
            }
            std::fs::create_dir_all(&self.root).map_err(io)?;
            // Written aside, then renamed: a reader never sees half a file.
            let partial = self.root.join(format!(".{sha256}.{}", new_id()));
            std::fs::write(&partial, content).map_err(io)?;
            std::fs::rename(&partial, &path).map_err(io)?;
            Ok(())
        })
    }

    fn get<'a>(&'a self, _: &'a Store, sha256: &'a str) -> BoxFuture<'a, Result<Option<Vec<u8>>>> {
        Box::pin(async move {
            match std::fs::read(self.path(sha256)?) {
                Ok(bytes) => Ok(Some(bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(io(e)),
            }
        })
    }

    fn release<'a>(&'a self, _: &'a mut Write, _: &'a str) -> BoxFuture<'a, Result<()>> {
        Box::pin(async { Ok(()) })
    }

    fn after_release<'a>(&'a self, store: &'a Store, sha256: &'a str) -> BoxFuture<'a, Result<()>> {
        Box::pin(async move {
            if store.evidence_uses(sha256).await? > 0 {
                return Ok(());
            }
            match std::fs::remove_file(self.path(sha256)?) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(e)),
                _ => Ok(()),
            }
        })
    }
}

impl Store {
    /// The evidence of an engineer, newest first.
    pub async fn evidence_of(&self, engineer: &str) -> Result<Vec<Evidence>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS},
                    (SELECT u.display_name FROM users u WHERE u.id = evidence.verified_by)
                      AS verified_by_name
             FROM evidence WHERE engineer_id = $1 ORDER BY uploaded_at DESC, id"
        ))
        .bind(engineer)
        .fetch_all(&self.pool)
        .await?)
    }

    pub async fn evidence(&self, engineer: &str, id: &str) -> Result<Option<Evidence>> {
        Ok(sqlx::query_as(sql!(
            "SELECT {COLUMNS} FROM evidence WHERE id = $1 AND engineer_id = $2"
        ))
        .bind(id)
        .bind(engineer)
        .fetch_optional(&self.pool)
        .await?)
    }

    /// How many records refer to the content with this digest.
    pub async fn evidence_uses(&self, sha256: &str) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE sha256 = $1")
            .bind(sha256)
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }

    /// The number of distinct contents kept in the database, for tests and operators.
    pub async fn evidence_blob_count(&self) -> Result<i64> {
        let (n,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM evidence_blobs")
            .fetch_one(&self.pool)
            .await?;
        Ok(n)
    }
}

impl Write {
    /// Records a file and stores its content.
    pub async fn add_evidence(
        &mut self,
        storage: &dyn BlobStorage,
        e: &NewEvidence<'_>,
    ) -> Result<String> {
        let id = new_id();
        let now = codec::instant(self.now());
        let actor = self.actor().to_string();
        storage.put(self, e.sha256, e.content).await?;
        sqlx::query(
            "INSERT INTO evidence (id, engineer_id, title, media_type, size, sha256, uploaded_by, uploaded_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(&id)
        .bind(e.engineer)
        .bind(e.title)
        .bind(e.media_type)
        .bind(i64::try_from(e.content.len()).unwrap_or(i64::MAX))
        .bind(e.sha256)
        .bind(&actor)
        .bind(&now)
        .execute(self.conn())
        .await?;
        self.audit(
            "evidence.add",
            &format!("engineer:{}", e.engineer),
            json!({ "id": id, "title": e.title, "media_type": e.media_type, "size": e.content.len(), "sha256": e.sha256 }),
        )
        .await?;
        Ok(id)
    }

    /// Removes a record; its content goes too when nothing else refers to it. Answers the
    /// digest, so the caller can finish with [`BlobStorage::after_release`].
    pub async fn remove_evidence(
        &mut self,
        storage: &dyn BlobStorage,
        engineer: &str,
        id: &str,
    ) -> Result<String> {
        let row: Option<(String,)> =
            sqlx::query_as("SELECT sha256 FROM evidence WHERE id = $1 AND engineer_id = $2")
                .bind(id)
                .bind(engineer)
                .fetch_optional(self.conn())
                .await?;
        let Some((sha256,)) = row else {
            return Err(StoreError::NotFound(format!("evidence `{id}`")));
        };
        sqlx::query("DELETE FROM evidence WHERE id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        let (left,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM evidence WHERE sha256 = $1")
            .bind(&sha256)
            .fetch_one(self.conn())
            .await?;
        if left == 0 {
            storage.release(self, &sha256).await?;
        }
        self.audit(
            "evidence.remove",
            &format!("engineer:{engineer}"),
            json!({ "id": id, "sha256": sha256 }),
        )
        .await?;
        Ok(sha256)
    }

    /// Marks a file verified by the actor, once: a second verification is refused.
    pub async fn verify_evidence(&mut self, engineer: &str, id: &str) -> Result<()> {
        let now = codec::instant(self.now());
        let actor = self.actor().to_string();
        let done = sqlx::query(
            "UPDATE evidence SET verified_by = $1, verified_at = $2
             WHERE id = $3 AND engineer_id = $4 AND verified_at IS NULL",
        )
        .bind(&actor)
        .bind(&now)
        .bind(id)
        .bind(engineer)
        .execute(self.conn())
        .await?
        .rows_affected();
        if done == 0 {
            let exists: Option<(String,)> =
                sqlx::query_as("SELECT id FROM evidence WHERE id = $1 AND engineer_id = $2")
                    .bind(id)
                    .bind(engineer)
                    .fetch_optional(self.conn())
                    .await?;
            return Err(match exists {
                None => StoreError::NotFound(format!("evidence `{id}`")),
                Some(_) => StoreError::Conflict(
                    "this file is already verified; it stays verified in every application".into(),
                ),
            });
        }
        self.audit(
            "evidence.verify",
            &format!("engineer:{engineer}"),
            json!({ "id": id }),
        )
        .await
    }
}
