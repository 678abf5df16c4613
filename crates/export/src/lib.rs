//! Everything lede knows about Arrow and Parquet: the table schemas, building record batches from
//! extracted articles, and the on-disk snapshots users read.
//!
//! - [`schema`]: the public contract, every table and column in one file ([`schema::Table`]).
//! - [`build`]: [`build::per_article_batches`] and the corpus-level tables (catalog, clusters, failures).
//! - [`migrate`]: [`migrate::conform`], the rows of a part written by an older schema version
//!   brought to the current one.
//! - [`store`]: [`store::Store`] and [`store::SnapshotBuilder`]: part files, atomic publication by
//!   symlink swap, crash recovery and garbage collection of old snapshots.

pub mod build;
pub mod migrate;
pub mod schema;
pub mod store;

pub use schema::{Table, Tables};

/// Errors of the export crate.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    #[error("arrow: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
    #[error("parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("output folder is inconsistent: {0}")]
    Corrupt(String),
}
