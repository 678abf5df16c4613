//! Options of a run, from the command line, with their defaults in one place.

use std::path::{Path, PathBuf};
use std::time::Duration;

/// Everything the engine needs to know.
#[derive(Clone, Debug)]
pub struct Options {
    pub inbox: PathBuf,
    pub out: PathBuf,
    /// Where the models come from: the ones built into lede, or `--data DIR`'s `models/` (the
    /// lexicons are always the compiled-in ones).
    pub models: extract::ModelSource,
    /// A file is read once its size and mtime have been still this long.
    pub settle: Duration,
    /// Files per batch (one part file per table per batch).
    pub max_batch: usize,
    /// While other files are still being written, settled files wait up to this long to fill a
    /// batch (fewer, bigger parts during a trickle); zero commits whatever is ready at once.
    pub max_wait: Duration,
    /// Files larger than this are failures, not read.
    pub max_file_bytes: u64,
    /// A file failing this many times (across changes) is quarantined.
    pub max_tries: u32,
    /// Time budget of one file's cleaning and extraction; over it, the file is a failure.
    pub article_timeout: Duration,
    /// How links in the inbox are followed (`--follow-links`).
    pub scan: ingest::scan::ScanOptions,
    pub clean: clean::CleanOptions,
    /// `--tokens`: create the folder with the opt-in `tokens` table. A folder remembers the tables
    /// it was created with (ledger meta [`TOKENS_META`]); the engine refuses `--tokens` on a folder
    /// created without it (half the articles would have no rows) and keeps writing the table in a
    /// folder created with it, flag or not. [`crate::engine::Engine::open`] sets this field to
    /// what the folder has.
    pub tokens: bool,
    /// `--no-parse`: create the folder without the syntax stage (no parse, no coreference: quotes
    /// whose speaker is written as a pronoun or a description keep the older rules' person), about
    /// 2.5 times less CPU. Remembered like `tokens` (ledger meta [`PARSE_META`]); the engine sets
    /// this field to what the folder has.
    pub no_parse: bool,
}

/// Ledger meta key: `0` when the folder was created with `--no-parse`, `1` (or absent, for a folder
/// older than the option) when its articles are parsed.
pub const PARSE_META: &str = "extract.parse";

/// Ledger meta key: `1` when the output folder has the `tokens` table, `0` (or absent, for a
/// folder older than the table) when not.
pub const TOKENS_META: &str = "tables.tokens";

/// Ledger meta key: the schema version (`export::schema::SCHEMA_VERSION`) of the folder's tables,
/// written in the transaction of every commit; absent in a folder of version 1 (lede did not
/// record it then). See `engine/migrate.rs`.
pub const SCHEMA_META: &str = "tables.schema_version";

pub const DEFAULT_SETTLE_MS: u64 = 1000;
pub const DEFAULT_MAX_BATCH: usize = 500;
/// `lede watch --max-wait` default, in milliseconds.
pub const DEFAULT_MAX_WAIT_MS: u64 = 2000;
pub const DEFAULT_MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
pub const DEFAULT_MAX_TRIES: u32 = 3;
/// `--article-timeout` default, in seconds: far above any real article (the sample's longest
/// takes well under a second), low enough that a pathological file cannot stall a batch for long.
pub const DEFAULT_ARTICLE_TIMEOUT_SECS: f64 = 60.0;

/// Where the models come from: `--data DIR`, else `$LEDE_DATA`, else the models built into the
/// binary. Never the source tree: an installed lede runs from any folder.
pub fn models(explicit: Option<&Path>) -> extract::ModelSource {
    let env = std::env::var_os("LEDE_DATA").filter(|p| !p.is_empty());
    let dir = explicit.map(Path::to_path_buf).or(env.map(PathBuf::from));
    extract::ModelSource::from_dir(dir.as_deref())
}
