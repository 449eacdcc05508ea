//! The master key that seals issuer keys, and `wanqiao keys …`.

use crate::{CliError, DbArgs};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use wanqiao_credentials::keys::MasterKey;
use wanqiao_store::Store;
use wanqiao_web::Issuing;

/// Where a generated demo master key is kept: next to a SQLite database file, or in the
/// temporary directory for a server database.
fn demo_key_path(database_url: &str) -> PathBuf {
    if let Some(rest) = database_url.strip_prefix("sqlite:") {
        let file = rest.trim_start_matches("//");
        let file = file.split('?').next().unwrap_or_default();
        if !file.is_empty() && file != ":memory:" {
            return PathBuf::from(format!("{file}.master-key"));
        }
    }
    let name: String = database_url
        .rsplit('/')
        .next()
        .unwrap_or("db")
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    std::env::temp_dir().join(format!("wanqiao-{name}.master-key"))
}

fn read_key(path: &Path) -> Result<MasterKey, CliError> {
    let text = std::fs::read_to_string(path).map_err(|source| CliError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    // The message never repeats the file's content.
    MasterKey::parse(&text).map_err(|_| {
        CliError::Usage(format!(
            "{} is not a master key: it must hold 64 hexadecimal digits (make one with `wanqiao keys new-master-key FILE`)",
            path.display()
        ))
    })
}

/// Writes a fresh master key to `path`, readable by its owner only.
pub fn write_new_key(path: &Path) -> Result<(), CliError> {
    let key = MasterKey::from_bytes(wanqiao_web::issuing::random_bytes::<32>());
    let io = |source| CliError::Io {
        path: path.to_path_buf(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options.open(path).map_err(io)?;
    file.write_all(format!("{}\n", key.to_hex()).as_bytes())
        .map_err(io)?;
    Ok(())
}

/// The master key: from `--master-key-file`; else the demo key kept next to the database;
/// else, when `demo` allows it, a new demo key written there with a loud warning.
pub fn master_key(db: &DbArgs, demo: bool) -> Result<MasterKey, CliError> {
    if let Some(path) = &db.master_key_file {
        return read_key(path);
    }
    let path = demo_key_path(&db.database_url);
    if path.exists() {
        eprintln!(
            "WARNING: using the DEMO master key in {} (no --master-key-file given). Do not use it for real certificates.",
            path.display()
        );
        return read_key(&path);
    }
    if !demo {
        return Err(CliError::Usage(
            "a master key is needed to seal the societies' signing keys: give --master-key-file FILE or WANQIAO_MASTER_KEY_FILE (make one with `wanqiao keys new-master-key FILE`)".into(),
        ));
    }
    write_new_key(&path)?;
    eprintln!(
        "\n!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n\
         WARNING: NO MASTER KEY WAS GIVEN. A DEMO MASTER KEY WAS GENERATED INTO\n  {}\n\
         It seals the societies' certificate signing keys. Anyone who can read that file and\n\
         the database can sign certificates. For real use, give --master-key-file FILE.\n\
         !!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
        path.display()
    );
    read_key(&path)
}

/// What issuing needs: the master key and the public URL.
pub fn issuing(db: &DbArgs, demo: bool, public_url: Option<&str>) -> Result<Issuing, CliError> {
    let url = public_url.unwrap_or(wanqiao_web::issuing::DEFAULT_PUBLIC_URL);
    Issuing::new(master_key(db, demo)?, url)
        .map_err(|e| CliError::Usage(format!("--public-url: {e}")))
}

/// `wanqiao keys rotate --society ID`: a new current key; the old ones stay listed.
pub async fn rotate(store: &Store, issuing: &Issuing, society: &str) -> Result<String, CliError> {
    wanqiao_web::issuing::rotate(store, issuing, society, "cli", jiff::Timestamp::now())
        .await
        .map_err(|e| match wanqiao_store::StoreError::from(e) {
            wanqiao_store::StoreError::NotFound(what) => {
                CliError::Usage(format!("{what} does not exist"))
            }
            other => other.into(),
        })
}
