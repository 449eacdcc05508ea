//! Checking the audit log's hash chain.

use crate::CliError;
use std::io::Write as _;
use wanqiao_store::Store;
use wanqiao_store::audit::ChainReport;

/// Walks the chain, showing progress on standard error; `Ok(false)` when it is broken.
pub async fn verify(store: &Store) -> Result<bool, CliError> {
    let report = store
        .verify_audit(|done, total| {
            let width = 30usize;
            let filled = if total == 0 {
                width
            } else {
                (done as usize * width) / total as usize
            };
            eprint!(
                "\rChecking the audit chain [{}{}] {done}/{total}",
                "#".repeat(filled),
                " ".repeat(width - filled.min(width))
            );
            let _ = std::io::stderr().flush();
        })
        .await?;
    eprintln!();
    match report {
        ChainReport::Intact { events } => {
            println!("The audit chain is intact: {events} events checked.");
            Ok(true)
        }
        ChainReport::Broken { seq, reason } => {
            println!("The audit chain is broken at event {seq}: {reason}.");
            Ok(false)
        }
    }
}
