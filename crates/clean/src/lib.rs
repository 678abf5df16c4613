//! Cleaning. TODO(helper-clean): real implementation.
use model::{CleanArticle, WorkItem};

#[derive(Debug, thiserror::Error)]
pub enum CleanError {
    #[error("{0}")]
    Other(String),
}

/// Cleans one file into its article(s); a JSONL file gives one result per line.
pub fn clean(_item: &WorkItem, _opts: &CleanOptions) -> Vec<Result<CleanArticle, CleanError>> {
    todo!("clean")
}

#[derive(Clone, Debug, Default)]
pub struct CleanOptions {
    /// Use the file's mtime as published date when nothing else gives one (`--date-from-mtime`).
    pub date_from_mtime: bool,
}
