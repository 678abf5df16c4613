//! The state ledger (SQLite, `OUT/.lede/state.sqlite`): what each inbox file was when last seen,
//! which articles are live and in which part file their rows are, failures, and the committed
//! snapshot version.
//!
//! One [`Ledger::commit`] is one SQLite transaction: the batch's file states, article index, corpus
//! aggregates and the new snapshot version become true together, and only after the caller's
//! `durable` step (writing the snapshot) succeeded inside it. A crash before the commit leaves the
//! previous state, which still describes the previous snapshot exactly.
//!
//! One file per concern:
//! - `mod.rs` (this file): the public types ([`FileStatus`], [`FileRecord`], [`ArticleEntry`],
//!   [`EntityAgg`], [`EventAgg`], [`Commit`], [`BatchInfo`], [`Ledger`]), [`Ledger::open`] and the
//!   `meta` accessors.
//! - `schema.rs`: the SQL schema and its triggers, [`LEDGER_FORMAT`] and the migration from format 1.
//! - `commit.rs`: [`Ledger::commit`] and what applies a [`Commit`] inside its transaction (files,
//!   articles and mentions, failures, batch counts).
//! - `corpus.rs`: the corpus aggregates the snapshot writer reads inside a commit ([`Derived`],
//!   [`Corpus`], [`Count`], [`failure_key`]) and the count deltas a batch applies to them.
//! - `reads.rs`: the lookups of the ledger's state by key (files, articles, content hashes, parts,
//!   failures, the last batch).

mod commit;
mod corpus;
mod reads;
mod schema;

pub use corpus::{failure_key, Corpus, Count, Derived};
pub use schema::LEDGER_FORMAT;

use crate::scan::FileStat;
use crate::IngestError;
use model::Failure;
use rusqlite::{Connection, OptionalExtension};
use schema::{migrate_from_1, SCHEMA, SCHEMA_AFTER_MIGRATION};
use std::path::Path;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileStatus {
    /// Processed: its articles are in the tables.
    Done,
    /// Failed (see `failures`); retried when the file changes.
    Failed,
    /// Failed `tries` times: not retried until it changes again.
    Quarantined,
}

impl FileStatus {
    pub fn as_str(&self) -> &'static str {
        match self {
            FileStatus::Done => "done",
            FileStatus::Failed => "failed",
            FileStatus::Quarantined => "quarantined",
        }
    }
    fn parse(s: &str) -> FileStatus {
        match s {
            "failed" => FileStatus::Failed,
            "quarantined" => FileStatus::Quarantined,
            _ => FileStatus::Done,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRecord {
    pub stat: FileStat,
    pub content_hash: String,
    pub status: FileStatus,
    pub tries: u32,
}

/// Where a live article's rows are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleEntry {
    pub article_id: String,
    /// Stem of the part files holding its rows (same stem in every per-article table).
    pub part: String,
    pub source_path: String,
    pub content_hash: String,
    pub batch_id: u64,
}

/// One entity of one article, for the corpus catalog.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntityAgg {
    pub article_id: String,
    pub entity_id: String,
    pub canonical: String,
    pub label: String,
    pub alias: String,
    pub n: u32,
}

/// One event mention, for the corpus event clusters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EventAgg {
    pub article_id: String,
    pub cluster_id: String,
    pub cameo_root: String,
    pub label: String,
    /// ISO date.
    pub date: Option<String>,
    pub location: Option<String>,
    pub actors: Vec<String>,
}

/// Everything one batch changes, applied in one transaction.
#[derive(Debug, Default)]
pub struct Commit {
    pub batch_id: u64,
    pub upsert_files: Vec<(String, FileRecord)>,
    pub delete_files: Vec<String>,
    pub file_articles: Vec<(String, String)>,
    pub remove_articles: Vec<String>,
    pub add_articles: Vec<ArticleEntry>,
    /// Articles whose rows moved to another part (rewrites, compaction): (article_id, new part).
    pub move_articles: Vec<(String, String)>,
    /// Articles whose file was renamed inside the inbox (same bytes): (article_id, new source path).
    pub relocate_articles: Vec<(String, String)>,
    pub entities: Vec<EntityAgg>,
    pub events: Vec<EventAgg>,
    pub set_failures: Vec<Failure>,
    pub clear_failures: Vec<String>,
    pub millis: u64,
}

/// Summary of the last committed batch.
#[derive(Clone, Debug)]
pub struct BatchInfo {
    pub batch_id: u64,
    pub committed_at: String,
    pub n_files: u64,
    pub n_added: u64,
    pub n_removed: u64,
    pub n_failed: u64,
    pub millis: u64,
}

pub struct Ledger {
    conn: Connection,
}

fn db<T>(r: rusqlite::Result<T>) -> Result<T, IngestError> {
    r.map_err(IngestError::Ledger)
}

/// A `meta` setting, through the ledger's connection or a commit's transaction.
fn read_meta(conn: &Connection, key: &str) -> Result<Option<String>, IngestError> {
    db(conn
        .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
        .optional())
}

fn write_meta(conn: &Connection, key: &str, value: &str) -> Result<(), IngestError> {
    db(conn.execute(
        "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
        [key, value],
    ))?;
    Ok(())
}

impl Ledger {
    /// Opens (creating if needed) the ledger at `path`; refuses another format version.
    pub fn open(path: &Path) -> Result<Ledger, IngestError> {
        let conn = db(Connection::open(path))?;
        db(conn.execute_batch(
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;",
        ))?;
        db(conn.execute_batch(SCHEMA))?;
        let format: Option<String> = db(conn
            .query_row("SELECT value FROM meta WHERE key='format'", [], |r| {
                r.get(0)
            })
            .optional())?;
        match format {
            None => {
                db(conn.execute("INSERT INTO meta(key, value) VALUES ('format', ?1)", [LEDGER_FORMAT]))?;
            }
            Some(f) if f == LEDGER_FORMAT => {}
            Some(f) if f == "1" => migrate_from_1(&conn)?,
            Some(f) => {
                return Err(IngestError::LedgerFormat(format!(
                    "{} has ledger format {f}, this lede reads format {LEDGER_FORMAT}: use a new --out folder",
                    path.display()
                )))
            }
        }
        db(conn.execute_batch(SCHEMA_AFTER_MIGRATION))?;
        Ok(Ledger { conn })
    }

    /// A free-form setting kept with the state (e.g. the inbox path, for `lede status`).
    pub fn meta(&self, key: &str) -> Result<Option<String>, IngestError> {
        read_meta(&self.conn, key)
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), IngestError> {
        write_meta(&self.conn, key, value)
    }

    /// The last committed snapshot version, if any.
    pub fn committed_version(&self) -> Result<Option<u64>, IngestError> {
        let v: Option<String> = db(self
            .conn
            .query_row("SELECT value FROM meta WHERE key='version'", [], |r| {
                r.get(0)
            })
            .optional())?;
        Ok(v.and_then(|v| v.parse().ok()))
    }
}
