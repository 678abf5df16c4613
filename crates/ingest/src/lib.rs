//! Everything lede knows about the inbox and its own state.
//!
//! - [`scan`]: the recursive scan of the inbox (the truth), settle checks, reading with a re-stat,
//!   content hashing ([`scan::scan`], [`scan::read_stable`], [`scan::content_hash`]).
//! - [`watch`]: filesystem notifications as hints that a scan is due ([`watch::InboxWatcher`]).
//! - [`ledger`]: the SQLite state ledger beside the output ([`ledger::Ledger`], [`ledger::Commit`]).
//! - [`lock`]: one writer per output folder ([`lock::OutLock`]).
//!
//! The inbox is only ever read, never modified.

pub mod ledger;
pub mod lock;
pub mod scan;
pub mod watch;

/// Errors of the ingest crate.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    #[error("inbox {0} does not exist or is not a folder")]
    InboxMissing(String),
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// SQLite refused (the source says why; `{:#}` prints it).
    #[error("state ledger")]
    Ledger(#[from] rusqlite::Error),
    /// The ledger file is not one this lede can use.
    #[error("state ledger: {0}")]
    LedgerFormat(String),
    #[error("{0} is in use by another lede process (pid {1}); one writer per output folder")]
    Locked(String, String),
    #[error("watching {path}: {reason}")]
    Watch { path: String, reason: String },
}
