//! Agreements in and out as TOML files.

use crate::CliError;
use std::path::{Path, PathBuf};
use wanqiao_domain::agreement_file;
use wanqiao_store::agreements::AgreementFilter;
use wanqiao_store::{Page, Store};

/// Checks every file against the register and imports them all, or none.
pub async fn import(store: &Store, files: &[PathBuf]) -> Result<usize, CliError> {
    let catalogue = store.catalogue().await?;
    let mut agreements = Vec::new();
    let mut errors = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).map_err(|source| CliError::Io {
            path: path.clone(),
            source,
        })?;
        match agreement_file::parse(&path.display().to_string(), &text, &catalogue) {
            Ok(a) => agreements.push(a),
            Err(e) => errors.extend(e),
        }
    }
    if !errors.is_empty() {
        return Err(CliError::Files(errors));
    }
    let mut w = store.write("cli", jiff::Timestamp::now()).await?;
    for a in &agreements {
        if store.agreement(&a.id).await?.is_some() {
            w.save_agreement(a, "agreement.import").await?;
        } else {
            w.create_agreement(a).await?;
        }
    }
    w.commit().await?;
    Ok(agreements.len())
}

/// Writes each agreement to `dir/ID.toml`.
pub async fn export(store: &Store, dir: &Path) -> Result<usize, CliError> {
    let io = |source| CliError::Io {
        path: dir.to_path_buf(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let list = store
        .agreements(&AgreementFilter::default(), Page::ALL)
        .await?;
    for summary in &list.items {
        if let Some(a) = store.agreement(&summary.id).await? {
            let path = dir.join(format!("{}.toml", a.id));
            std::fs::write(&path, agreement_file::to_toml(&a))
                .map_err(|source| CliError::Io { path, source })?;
        }
    }
    Ok(list.items.len())
}
