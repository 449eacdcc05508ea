use std::path::PathBuf;
use thiserror::Error;
use wanqiao_domain::agreement_file::FileError;
use wanqiao_store::StoreError;

/// Why a command failed, in words that say what to do.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(
        "cannot listen on {addr}: {source}. Is another program using that port? Choose another with --listen."
    )]
    Bind {
        addr: std::net::SocketAddr,
        source: std::io::Error,
    },
    #[error("cannot read or write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{} problem(s) found, nothing was imported:\n{}", .0.len(), list(.0))]
    Files(Vec<FileError>),
    #[error("the server stopped with an error: {0}")]
    Serve(std::io::Error),
    #[error("{0}")]
    Usage(String),
    #[error("the audit log has been tampered with; restore it from a backup and investigate")]
    AuditBroken,
    #[error("the certificate is not verified (see the reasons above)")]
    NotVerified,
    /// A command that ends with an exit code of its own, e.g. a roster import: 1 when some
    /// rows were rejected, 2 when nothing was imported.
    #[error("{message}")]
    Exit { code: u8, message: String },
}

impl CliError {
    /// The process's exit code for this error: 1 unless the command chose another.
    pub fn exit_code(&self) -> u8 {
        match self {
            CliError::Exit { code, .. } => *code,
            _ => 1,
        }
    }
}

fn list(errors: &[FileError]) -> String {
    errors
        .iter()
        .map(|e| format!("  {e}"))
        .collect::<Vec<_>>()
        .join("\n")
}
