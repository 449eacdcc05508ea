//! `wanqiao verify FILE`: verifies a certificate offline. did:web issuers are resolved from
//! `--did-doc FILE` (did:key needs nothing), status from `--status-list FILE`; without a
//! status list the status is unknown, and an unknown status is not "verified".

use crate::CliError;
use serde_json::Value;
use std::path::{Path, PathBuf};
use wanqiao_credentials::credential::{VerifyOptions, issuer_id, verify_bytes};
use wanqiao_credentials::did::StaticResolver;
use wanqiao_credentials::status_list::{StatusEntry, StatusPurpose};
use wanqiao_credentials::{input, verify};

fn read(path: &Path) -> Result<Vec<u8>, CliError> {
    std::fs::read(path).map_err(|source| CliError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn read_json(path: &Path) -> Result<Value, CliError> {
    input::parse(&read(path)?).map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))
}

/// Verifies `file`, printing each reason; `Ok` only when verified.
pub fn run(file: &Path, did_docs: &[PathBuf], status_lists: &[PathBuf]) -> Result<(), CliError> {
    let mut resolver = StaticResolver::default();
    for path in did_docs {
        resolver = resolver
            .with(read_json(path)?)
            .map_err(|e| CliError::Usage(format!("{}: {e}", path.display())))?;
    }
    let lists = status_lists
        .iter()
        .map(|p| read_json(p))
        .collect::<Result<Vec<_>, _>>()?;
    let bytes = read(file)?;
    let options = VerifyOptions {
        now: jiff::Timestamp::now(),
        resolver: &resolver,
    };
    let outcome = verify_bytes(&bytes, &options);
    let mut problems: Vec<String> = outcome
        .all_errors()
        .map(|e| format!("{}: {e}", e.code()))
        .collect();
    let mut notes = Vec::new();
    if outcome.errors.is_empty() || outcome.verified() {
        let credential = input::parse(&bytes).unwrap_or(Value::Null);
        let issuer = issuer_id(&credential).unwrap_or_default().to_string();
        match StatusEntry::read_all(&credential) {
            Err(e) => problems.push(format!("{}: {e}", e.code())),
            Ok(entries) if entries.is_empty() => {
                notes.push("status: the certificate has no status entry".to_string());
            }
            Ok(entries) => {
                for entry in entries {
                    match status_of(&entry, &lists, &issuer, &options) {
                        Ok(line) => notes.push(line),
                        Err(line) => problems.push(line),
                    }
                }
            }
        }
    }
    for line in &notes {
        println!("{line}");
    }
    if problems.is_empty() && outcome.verified() {
        println!("verified: the signature, the validity period and the status are in order");
        Ok(())
    } else {
        println!("not verified:");
        for line in &problems {
            println!("  {line}");
        }
        Err(CliError::NotVerified)
    }
}

/// One entry's status from the lists given; fails closed.
fn status_of(
    entry: &StatusEntry,
    lists: &[Value],
    issuer: &str,
    options: &VerifyOptions,
) -> Result<String, String> {
    let purpose = entry.purpose.as_str();
    let Some(list) = lists
        .iter()
        .find(|l| l.get("id").and_then(Value::as_str) == Some(entry.list_credential.as_str()))
    else {
        return Err(format!(
            "status unknown: no {purpose} list given (--status-list FILE, from {})",
            entry.list_credential
        ));
    };
    let checked = verify(list, options);
    if !checked.verified() {
        let why: Vec<String> = checked.all_errors().map(|e| e.code().to_string()).collect();
        return Err(format!(
            "status_list: the {purpose} list fails its own proof ({})",
            why.join(", ")
        ));
    }
    match entry.check(list, issuer) {
        Err(e) => Err(format!("{}: {e}", e.code())),
        Ok(true) => Err(match entry.purpose {
            StatusPurpose::Revocation => "revoked: the certificate was revoked".to_string(),
            StatusPurpose::Suspension => "suspended: the certificate is suspended".to_string(),
        }),
        Ok(false) => Ok(format!("status: not in the {purpose} list")),
    }
}
