//! The state ledger (SQLite, `OUT/.lede/state.sqlite`): what each inbox file was when last seen,
//! which articles are live and in which part file their rows are, failures, and the committed
//! snapshot version.
//!
//! One [`Ledger::commit`] is one SQLite transaction: the batch's file states, article index, corpus
//! aggregates and the new snapshot version become true together, and only after the caller's
//! `durable` step (writing the snapshot) succeeded inside it. A crash before the commit leaves the
//! previous state, which still describes the previous snapshot exactly.

use crate::scan::FileStat;
use crate::IngestError;
use model::Failure;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::Path;

/// On-disk format of the ledger; a different one is refused with a clear message.
/// Format 2 (issue 14, item 12) adds the delta-maintained corpus aggregates (`entity_counts`,
/// `cluster_counts`, `corpus_rows`, `surnames`), the `parts` index and `failures.hkey`; a format-1
/// ledger is migrated in place when opened ([`migrate_from_1`]).
pub const LEDGER_FORMAT: &str = "2";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL, status TEXT NOT NULL, tries INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_hash ON files(content_hash);
CREATE TABLE IF NOT EXISTS file_articles (
    content_hash TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (content_hash, article_id));
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, part TEXT NOT NULL, source_path TEXT NOT NULL,
    content_hash TEXT NOT NULL, batch_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_part ON articles(part);
CREATE TABLE IF NOT EXISTS failures (
    source_path TEXT NOT NULL, content_hash TEXT NOT NULL, stage TEXT NOT NULL,
    message TEXT NOT NULL, tries INTEGER NOT NULL, at TEXT NOT NULL, hkey TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS failures_by_path ON failures(source_path);
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, canonical TEXT NOT NULL, label TEXT NOT NULL,
    alias TEXT NOT NULL, n INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_mentions_by_article ON entity_mentions(article_id);
CREATE TABLE IF NOT EXISTS event_mentions (
    article_id TEXT NOT NULL, cluster_id TEXT NOT NULL, cameo_root TEXT NOT NULL, label TEXT NOT NULL,
    date TEXT, location TEXT, actors TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_mentions_by_article ON event_mentions(article_id);
CREATE TABLE IF NOT EXISTS batches (
    batch_id INTEGER PRIMARY KEY, committed_at TEXT NOT NULL, n_files INTEGER NOT NULL,
    n_added INTEGER NOT NULL, n_removed INTEGER NOT NULL, n_failed INTEGER NOT NULL, millis INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS file_articles_by_article ON file_articles(article_id);
CREATE TABLE IF NOT EXISTS parts (part TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS parts_add AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO parts(part, n) VALUES (NEW.part, 0);
    UPDATE parts SET n = n + 1 WHERE part = NEW.part;
END;
CREATE TRIGGER IF NOT EXISTS parts_del AFTER DELETE ON articles BEGIN
    UPDATE parts SET n = n - 1 WHERE part = OLD.part;
    DELETE FROM parts WHERE part = OLD.part AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS parts_move AFTER UPDATE OF part ON articles WHEN OLD.part <> NEW.part BEGIN
    UPDATE parts SET n = n - 1 WHERE part = OLD.part;
    DELETE FROM parts WHERE part = OLD.part AND n <= 0;
    INSERT OR IGNORE INTO parts(part, n) VALUES (NEW.part, 0);
    UPDATE parts SET n = n + 1 WHERE part = NEW.part;
END;
CREATE TABLE IF NOT EXISTS entity_counts (
    entity_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, facet, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_counts (
    cluster_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, facet, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_rows (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL);
INSERT OR IGNORE INTO corpus_rows(tbl, n) VALUES ('entity_catalog', 0), ('event_clusters', 0), ('failures', 0);
CREATE TRIGGER IF NOT EXISTS entity_rows_add AFTER INSERT ON entity_counts WHEN NEW.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'entity_catalog';
END;
CREATE TRIGGER IF NOT EXISTS entity_rows_del AFTER DELETE ON entity_counts WHEN OLD.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'entity_catalog';
END;
CREATE TRIGGER IF NOT EXISTS cluster_rows_add AFTER INSERT ON cluster_counts WHEN NEW.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'event_clusters';
END;
CREATE TRIGGER IF NOT EXISTS cluster_rows_del AFTER DELETE ON cluster_counts WHEN OLD.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'event_clusters';
END;
CREATE TRIGGER IF NOT EXISTS failure_rows_add AFTER INSERT ON failures BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'failures';
END;
CREATE TRIGGER IF NOT EXISTS failure_rows_del AFTER DELETE ON failures BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'failures';
END;
CREATE TABLE IF NOT EXISTS surnames (
    entity_id TEXT PRIMARY KEY, skey TEXT NOT NULL, full INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS surnames_by_key ON surnames(skey, full);
";

/// Created after [`migrate_from_1`] (the column it indexes is added there for an old ledger).
const SCHEMA_AFTER_MIGRATION: &str = "
CREATE INDEX IF NOT EXISTS failures_by_hkey ON failures(hkey);
";

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

/// The corpus aggregates after the batch, as the snapshot writer sees them inside the commit: the
/// keys the batch touched, and queries for the rows of just those keys (or a range of keys, for a
/// whole bucket). Nothing here reads the whole corpus.
pub struct Derived<'c> {
    conn: &'c Connection,
    /// Entity ids whose aggregate changed.
    pub entities: BTreeSet<String>,
    /// Cluster ids whose aggregate changed.
    pub clusters: BTreeSet<String>,
    /// `hkey`s ([`failure_key`]) of the source paths whose failure rows changed.
    pub failures: BTreeSet<String>,
}

/// Which corpus aggregate: entities (by `entity_id`) or event clusters (by `cluster_id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Corpus {
    Entities,
    Clusters,
}

impl Corpus {
    fn table(self) -> &'static str {
        match self {
            Corpus::Entities => "entity_counts",
            Corpus::Clusters => "cluster_counts",
        }
    }
    fn key(self) -> &'static str {
        match self {
            Corpus::Entities => "entity_id",
            Corpus::Clusters => "cluster_id",
        }
    }
}

/// One counted value of one key: e.g. (`E12..`, `canonical`, `Jens Stoltenberg`, 7). Facets of an
/// entity: `canonical` and `label` (weighted by mentions), `alias` (rows of `entity_mentions`),
/// `mentions`, `articles` (value ''). Of a cluster: `cameo_root`, `label`, `date`, `location`,
/// `actor`, `mentions`, `articles` (one per event mention; `articles` one per article).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Count {
    pub key: String,
    pub facet: String,
    pub value: String,
    pub n: i64,
}

/// The bucketing key of a failure row: blake3 (hex) of its source path.
pub fn failure_key(source_path: &str) -> String {
    blake3::hash(source_path.as_bytes()).to_hex().to_string()
}

impl Derived<'_> {
    pub fn meta(&self, key: &str) -> Result<Option<String>, IngestError> {
        read_meta(self.conn, key)
    }

    /// A setting written in the same transaction (e.g. a table's bucket count).
    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), IngestError> {
        write_meta(self.conn, key, value)
    }

    /// Rows of a corpus table (`entity_catalog`, `event_clusters`, `failures`) after the batch,
    /// kept by triggers (no count query).
    pub fn rows(&self, table: &str) -> Result<u64, IngestError> {
        let n: Option<i64> = db(self
            .conn
            .query_row("SELECT n FROM corpus_rows WHERE tbl=?1", [table], |r| {
                r.get(0)
            })
            .optional())?;
        Ok(n.unwrap_or(0).max(0) as u64)
    }

    /// The counts of the keys in `[lo, hi)` (`hi` None: to the end), in key order.
    pub fn counts(
        &self,
        kind: Corpus,
        lo: &str,
        hi: Option<&str>,
    ) -> Result<Vec<Count>, IngestError> {
        let (t, k) = (kind.table(), kind.key());
        let sql = format!(
            "SELECT {k}, facet, value, n FROM {t} WHERE {k} >= ?1 AND (?2 IS NULL OR {k} < ?2) ORDER BY {k}, facet, value"
        );
        let mut st = db(self.conn.prepare_cached(&sql))?;
        let rows = db(st.query_map(params![lo, hi], count_row))?;
        db(rows.collect())
    }

    /// The counts of one key.
    pub fn counts_of(&self, kind: Corpus, key: &str) -> Result<Vec<Count>, IngestError> {
        let (t, k) = (kind.table(), kind.key());
        let sql =
            format!("SELECT {k}, facet, value, n FROM {t} WHERE {k} = ?1 ORDER BY facet, value");
        let mut st = db(self.conn.prepare_cached(&sql))?;
        let rows = db(st.query_map([key], count_row))?;
        db(rows.collect())
    }

    /// Records the surname key of a person entity (`None`: not a person with a surname, or gone)
    /// and whether its name is a full name; returns what was recorded before.
    pub fn set_surname(
        &self,
        entity_id: &str,
        new: Option<(&str, bool)>,
    ) -> Result<Option<(String, bool)>, IngestError> {
        let old: Option<(String, bool)> = db(self
            .conn
            .query_row(
                "SELECT skey, full FROM surnames WHERE entity_id=?1",
                [entity_id],
                |r| Ok((r.get(0)?, r.get::<_, i64>(1)? != 0)),
            )
            .optional())?;
        if old.as_ref().map(|(k, f)| (k.as_str(), *f)) != new {
            match new {
                Some((k, f)) => db(self.conn.execute(
                    "INSERT OR REPLACE INTO surnames(entity_id, skey, full) VALUES (?1, ?2, ?3)",
                    params![entity_id, k, f as i64],
                ))?,
                None => db(self
                    .conn
                    .execute("DELETE FROM surnames WHERE entity_id=?1", [entity_id]))?,
            };
        }
        Ok(old)
    }

    /// Up to `limit` entity ids with surname key `skey`, full names or surname-only names.
    pub fn surname_ids(
        &self,
        skey: &str,
        full: bool,
        limit: usize,
    ) -> Result<Vec<String>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT entity_id FROM surnames WHERE skey=?1 AND full=?2 ORDER BY entity_id LIMIT ?3",
        ))?;
        let rows = db(st.query_map(params![skey, full as i64, limit as i64], |r| r.get(0)))?;
        db(rows.collect())
    }

    /// The failure rows whose `hkey` is in `[lo, hi)`, ordered as the table is.
    pub fn failures_in(&self, lo: &str, hi: Option<&str>) -> Result<Vec<Failure>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT source_path, content_hash, stage, message, tries, at FROM failures
             WHERE hkey >= ?1 AND (?2 IS NULL OR hkey < ?2) ORDER BY source_path, stage, message",
        ))?;
        let rows = db(st.query_map(params![lo, hi], failure_row))?;
        db(rows.collect())
    }
}

fn count_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Count> {
    Ok(Count {
        key: r.get(0)?,
        facet: r.get(1)?,
        value: r.get(2)?,
        n: r.get(3)?,
    })
}

fn failure_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Failure> {
    Ok(Failure {
        source_path: r.get(0)?,
        content_hash: r.get(1)?,
        stage: r.get(2)?,
        message: r.get(3)?,
        tries: r.get(4)?,
        at: {
            let at: String = r.get(5)?;
            chrono::DateTime::parse_from_rfc3339(&at)
                .map(|t| t.with_timezone(&chrono::Utc))
                .unwrap_or_else(|_| chrono::Utc::now())
        },
    })
}

/// Count changes of one batch: (key, facet, value) -> delta.
type Deltas = BTreeMap<(String, &'static str, String), i64>;

fn bump(d: &mut Deltas, key: &str, facet: &'static str, value: &str, by: i64) {
    *d.entry((key.to_string(), facet, value.to_string()))
        .or_default() += by;
}

/// The count changes of adding (`sign` 1) or removing (-1) these entity rows.
fn entity_deltas(rows: &[EntityAgg], sign: i64, d: &mut Deltas) {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for e in rows {
        let n = sign * e.n as i64;
        bump(d, &e.entity_id, "canonical", &e.canonical, n);
        bump(d, &e.entity_id, "label", &e.label, n);
        bump(d, &e.entity_id, "alias", &e.alias, sign);
        bump(d, &e.entity_id, "mentions", "", n);
        if seen.insert((&e.article_id, &e.entity_id)) {
            bump(d, &e.entity_id, "articles", "", sign);
        }
    }
}

/// The count changes of adding (`sign` 1) or removing (-1) these event rows.
fn event_deltas(rows: &[EventAgg], sign: i64, d: &mut Deltas) {
    let mut seen: HashSet<(&str, &str)> = HashSet::new();
    for e in rows {
        let id = &e.cluster_id;
        bump(d, id, "cameo_root", &e.cameo_root, sign);
        bump(d, id, "label", &e.label, sign);
        if let Some(date) = &e.date {
            bump(d, id, "date", date, sign);
        }
        if let Some(l) = &e.location {
            bump(d, id, "location", l, sign);
        }
        // As stored: joined with U+001F, empty names dropped.
        for a in e.actors.join("\u{1f}").split('\u{1f}') {
            if !a.is_empty() {
                bump(d, id, "actor", a, sign);
            }
        }
        bump(d, id, "mentions", "", sign);
        if seen.insert((&e.article_id, id)) {
            bump(d, id, "articles", "", sign);
        }
    }
}

/// Applies count changes; returns the keys whose counts changed.
fn apply_deltas(
    conn: &Connection,
    kind: Corpus,
    deltas: &Deltas,
) -> Result<BTreeSet<String>, IngestError> {
    let (t, k) = (kind.table(), kind.key());
    let mut up = db(conn.prepare(&format!(
        "INSERT INTO {t}({k}, facet, value, n) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT({k}, facet, value) DO UPDATE SET n = n + excluded.n"
    )))?;
    let mut prune = db(conn.prepare(&format!(
        "DELETE FROM {t} WHERE {k} = ?1 AND facet = ?2 AND value = ?3 AND n <= 0"
    )))?;
    let mut touched = BTreeSet::new();
    for ((key, facet, value), by) in deltas {
        if *by == 0 {
            continue;
        }
        db(up.execute(params![key, facet, value, by]))?;
        if *by < 0 {
            db(prune.execute(params![key, facet, value]))?;
        }
        touched.insert(key.clone());
    }
    Ok(touched)
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

    pub fn files(&self) -> Result<HashMap<String, FileRecord>, IngestError> {
        let mut st = db(self
            .conn
            .prepare("SELECT path, size, mtime_ns, content_hash, status, tries FROM files"))?;
        let rows = db(st.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                FileRecord {
                    stat: FileStat {
                        size: r.get::<_, i64>(1)? as u64,
                        mtime_ns: r.get(2)?,
                    },
                    content_hash: r.get(3)?,
                    status: FileStatus::parse(&r.get::<_, String>(4)?),
                    tries: r.get(5)?,
                },
            ))
        }))?;
        db(rows.collect())
    }

    pub fn articles(&self) -> Result<HashMap<String, ArticleEntry>, IngestError> {
        let mut st = db(self.conn.prepare(
            "SELECT article_id, part, source_path, content_hash, batch_id FROM articles",
        ))?;
        let rows = db(st.query_map([], |r| {
            let e = article_row(r)?;
            Ok((e.article_id.clone(), e))
        }))?;
        db(rows.collect())
    }

    /// content_hash -> the article ids that file content produced.
    pub fn file_articles(&self) -> Result<HashMap<String, Vec<String>>, IngestError> {
        let mut st = db(self
            .conn
            .prepare("SELECT content_hash, article_id FROM file_articles ORDER BY 1, 2"))?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        let rows = db(st.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))))?;
        for row in rows {
            let (h, a) = db(row)?;
            out.entry(h).or_default().push(a);
        }
        Ok(out)
    }

    /// content_hash -> the article ids that file content produced, for these hashes only.
    pub fn articles_of_hashes<'a>(
        &self,
        hashes: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, Vec<String>>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT article_id FROM file_articles WHERE content_hash = ?1 ORDER BY article_id",
        ))?;
        let mut out = HashMap::new();
        for h in hashes {
            if out.contains_key(h) {
                continue;
            }
            let ids: Vec<String> = db(db(st.query_map([h], |r| r.get(0)))?.collect())?;
            if !ids.is_empty() {
                out.insert(h.to_string(), ids);
            }
        }
        Ok(out)
    }

    /// The content hashes that produced an article.
    pub fn hashes_of_article(&self, article_id: &str) -> Result<Vec<String>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT content_hash FROM file_articles WHERE article_id = ?1 ORDER BY content_hash",
        ))?;
        let rows = db(st.query_map([article_id], |r| r.get(0)))?;
        db(rows.collect())
    }

    /// The recorded paths with this content hash.
    pub fn paths_with_hash(&self, hash: &str) -> Result<Vec<String>, IngestError> {
        let mut st = db(self
            .conn
            .prepare_cached("SELECT path FROM files WHERE content_hash = ?1 ORDER BY path"))?;
        let rows = db(st.query_map([hash], |r| r.get(0)))?;
        db(rows.collect())
    }

    /// The index entries of these articles (those that are live).
    pub fn article_entries<'a>(
        &self,
        ids: impl IntoIterator<Item = &'a str>,
    ) -> Result<HashMap<String, ArticleEntry>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT article_id, part, source_path, content_hash, batch_id FROM articles WHERE article_id = ?1",
        ))?;
        let mut out = HashMap::new();
        for id in ids {
            if let Some(e) = db(st.query_row([id], article_row).optional())? {
                out.insert(e.article_id.clone(), e);
            }
        }
        Ok(out)
    }

    /// The articles whose rows are in part `part`.
    pub fn part_articles(&self, part: &str) -> Result<Vec<String>, IngestError> {
        let mut st = db(self.conn.prepare_cached(
            "SELECT article_id FROM articles WHERE part = ?1 ORDER BY article_id",
        ))?;
        let rows = db(st.query_map([part], |r| r.get(0)))?;
        db(rows.collect())
    }

    /// Every live part with its number of articles (kept by triggers: O(parts), not O(articles)).
    pub fn parts(&self) -> Result<Vec<(String, u64)>, IngestError> {
        let mut st = db(self.conn.prepare("SELECT part, n FROM parts ORDER BY part"))?;
        let rows = db(st.query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64))))?;
        db(rows.collect())
    }

    pub fn failures(&self) -> Result<Vec<Failure>, IngestError> {
        read_failures(&self.conn)
    }

    pub fn last_batch(&self) -> Result<Option<BatchInfo>, IngestError> {
        db(self
            .conn
            .query_row(
                "SELECT batch_id, committed_at, n_files, n_added, n_removed, n_failed, millis
                 FROM batches ORDER BY batch_id DESC LIMIT 1",
                [],
                |r| {
                    Ok(BatchInfo {
                        batch_id: r.get::<_, i64>(0)? as u64,
                        committed_at: r.get(1)?,
                        n_files: r.get::<_, i64>(2)? as u64,
                        n_added: r.get::<_, i64>(3)? as u64,
                        n_removed: r.get::<_, i64>(4)? as u64,
                        n_failed: r.get::<_, i64>(5)? as u64,
                        millis: r.get::<_, i64>(6)? as u64,
                    })
                },
            )
            .optional())
    }

    /// Applies `c` in one transaction; `durable` runs inside it, after the changes and before the
    /// commit, with the corpus aggregates as they will be (and the keys the batch touched): it
    /// writes the snapshot. If it fails, nothing of the batch is committed. The work is
    /// proportional to the batch: file states, the article index and the aggregates change by delta.
    pub fn commit<E>(
        &mut self,
        c: &Commit,
        durable: impl FnOnce(&Derived) -> Result<(), E>,
    ) -> Result<Result<(), E>, IngestError> {
        let tx = db(self.conn.transaction())?;
        let now = chrono::Utc::now().to_rfc3339();
        apply_files(&tx, c, &now)?;
        let (entities, clusters) = apply_articles(&tx, c)?;
        let failures = apply_failures(&tx, c)?;
        db(tx.execute(
            "INSERT OR REPLACE INTO batches(batch_id, committed_at, n_files, n_added, n_removed, n_failed, millis)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.batch_id as i64,
                now,
                (c.upsert_files.len() + c.delete_files.len()) as i64,
                c.add_articles.len() as i64,
                c.remove_articles.len() as i64,
                c.set_failures.len() as i64,
                c.millis as i64
            ],
        ))?;
        db(tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('version', ?1)",
            [c.batch_id.to_string()],
        ))?;
        let result = durable(&Derived {
            conn: &tx,
            entities,
            clusters,
            failures,
        });
        match result {
            Ok(()) => {
                db(tx.commit())?;
                Ok(Ok(()))
            }
            Err(e) => {
                db(tx.rollback())?;
                Ok(Err(e))
            }
        }
    }
}

/// File states and the content -> articles map. `file_articles` entries are forgotten when no
/// file has their content any more, checked only for the contents this batch replaced or deleted.
fn apply_files(tx: &Connection, c: &Commit, now: &str) -> Result<(), IngestError> {
    let mut old_hash = db(tx.prepare("SELECT content_hash FROM files WHERE path = ?1"))?;
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    for p in c
        .delete_files
        .iter()
        .chain(c.upsert_files.iter().map(|(p, _)| p))
    {
        if let Some(h) = db(old_hash
            .query_row([p], |r| r.get::<_, String>(0))
            .optional())?
        {
            replaced.insert(h);
        }
    }
    let mut del_file = db(tx.prepare("DELETE FROM files WHERE path = ?1"))?;
    for p in &c.delete_files {
        db(del_file.execute([p]))?;
    }
    let mut up_file = db(tx.prepare(
        "INSERT INTO files(path, size, mtime_ns, content_hash, status, tries, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(path) DO UPDATE SET size=?2, mtime_ns=?3, content_hash=?4, status=?5, tries=?6, updated_at=?7",
    ))?;
    for (p, f) in &c.upsert_files {
        db(up_file.execute(params![
            p,
            f.stat.size as i64,
            f.stat.mtime_ns,
            f.content_hash,
            f.status.as_str(),
            f.tries,
            now
        ]))?;
    }
    let mut fa = db(
        tx.prepare("INSERT OR IGNORE INTO file_articles(content_hash, article_id) VALUES (?1, ?2)")
    )?;
    for (h, a) in &c.file_articles {
        db(fa.execute([h, a]))?;
    }
    // Forget what no live file refers to any more.
    let mut forget = db(tx.prepare(
        "DELETE FROM file_articles WHERE content_hash = ?1
         AND NOT EXISTS (SELECT 1 FROM files WHERE content_hash = ?1)",
    ))?;
    for h in &replaced {
        db(forget.execute([h]))?;
    }
    Ok(())
}

/// The article index and the corpus aggregates (by delta); returns the entity and cluster ids
/// whose aggregate changed.
fn apply_articles(
    tx: &Connection,
    c: &Commit,
) -> Result<(BTreeSet<String>, BTreeSet<String>), IngestError> {
    let (mut ent_d, mut ev_d) = (Deltas::new(), Deltas::new());
    // What the removed articles counted, read before their rows go.
    let mut ent_st = db(tx.prepare(
        "SELECT article_id, entity_id, canonical, label, alias, n FROM entity_mentions WHERE article_id = ?1",
    ))?;
    let mut ev_st = db(tx.prepare(
        "SELECT article_id, cluster_id, cameo_root, label, date, location, actors FROM event_mentions WHERE article_id = ?1",
    ))?;
    for a in &c.remove_articles {
        let rows: Vec<EntityAgg> = db(db(ent_st.query_map([a], entity_row))?.collect())?;
        entity_deltas(&rows, -1, &mut ent_d);
        let rows: Vec<EventAgg> = db(db(ev_st.query_map([a], event_row))?.collect())?;
        event_deltas(&rows, -1, &mut ev_d);
    }
    entity_deltas(&c.entities, 1, &mut ent_d);
    event_deltas(&c.events, 1, &mut ev_d);
    for sql in [
        "DELETE FROM articles WHERE article_id = ?1",
        "DELETE FROM entity_mentions WHERE article_id = ?1",
        "DELETE FROM event_mentions WHERE article_id = ?1",
    ] {
        let mut st = db(tx.prepare(sql))?;
        for a in &c.remove_articles {
            db(st.execute([a]))?;
        }
    }
    let mut add = db(tx.prepare(
        "INSERT INTO articles(article_id, part, source_path, content_hash, batch_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET part=?2, source_path=?3, content_hash=?4, batch_id=?5",
    ))?;
    for a in &c.add_articles {
        db(add.execute(params![
            a.article_id,
            a.part,
            a.source_path,
            a.content_hash,
            a.batch_id as i64
        ]))?;
    }
    let mut mv = db(tx.prepare("UPDATE articles SET part = ?2 WHERE article_id = ?1"))?;
    for (a, p) in &c.move_articles {
        db(mv.execute([a, p]))?;
    }
    let mut relocate =
        db(tx.prepare("UPDATE articles SET source_path = ?2 WHERE article_id = ?1"))?;
    for (a, p) in &c.relocate_articles {
        db(relocate.execute([a, p]))?;
    }
    insert_mentions(tx, c)?;
    Ok((
        apply_deltas(tx, Corpus::Entities, &ent_d)?,
        apply_deltas(tx, Corpus::Clusters, &ev_d)?,
    ))
}

fn insert_mentions(tx: &Connection, c: &Commit) -> Result<(), IngestError> {
    let mut ent = db(tx.prepare(
        "INSERT INTO entity_mentions(article_id, entity_id, canonical, label, alias, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    ))?;
    for e in &c.entities {
        db(ent.execute(params![
            e.article_id,
            e.entity_id,
            e.canonical,
            e.label,
            e.alias,
            e.n
        ]))?;
    }
    let mut ev = db(tx.prepare(
        "INSERT INTO event_mentions(article_id, cluster_id, cameo_root, label, date, location, actors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    ))?;
    for e in &c.events {
        db(ev.execute(params![
            e.article_id,
            e.cluster_id,
            e.cameo_root,
            e.label,
            e.date,
            e.location,
            e.actors.join("\u{1f}")
        ]))?;
    }
    Ok(())
}

/// Failure rows; returns the `hkey`s of the paths whose rows changed.
fn apply_failures(tx: &Connection, c: &Commit) -> Result<BTreeSet<String>, IngestError> {
    let mut touched = BTreeSet::new();
    let mut clear = db(tx.prepare("DELETE FROM failures WHERE source_path = ?1"))?;
    for p in c.clear_failures.iter().chain(&c.delete_files) {
        if db(clear.execute([p]))? > 0 {
            touched.insert(failure_key(p));
        }
    }
    let mut fail = db(tx.prepare(
        "INSERT INTO failures(source_path, content_hash, stage, message, tries, at, hkey) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    ))?;
    for f in &c.set_failures {
        let key = failure_key(&f.source_path);
        db(fail.execute(params![
            f.source_path,
            f.content_hash,
            f.stage,
            f.message,
            f.tries,
            f.at.to_rfc3339(),
            key
        ]))?;
        touched.insert(key);
    }
    Ok(touched)
}

/// Format 1 -> 2: fills the `parts` index, the corpus counts (from `entity_mentions` and
/// `event_mentions`, with the same delta functions a batch uses) and `failures.hkey`, and asks the
/// next commit to rewrite the corpus tables whole (`corpus.rebuild`). O(corpus), once.
fn migrate_from_1(conn: &Connection) -> Result<(), IngestError> {
    tracing::info!("migrating the ledger from format 1 to 2 (incremental corpus tables)");
    db(conn.execute_batch("BEGIN IMMEDIATE"))?;
    let result = (|| {
        let cols: Vec<String> = {
            let mut st = db(conn.prepare("SELECT name FROM pragma_table_info('failures')"))?;
            let rows = db(st.query_map([], |r| r.get(0)))?;
            db(rows.collect())?
        };
        if !cols.iter().any(|c| c == "hkey") {
            db(conn.execute_batch("ALTER TABLE failures ADD COLUMN hkey TEXT NOT NULL DEFAULT ''"))?;
        }
        let paths: Vec<String> = {
            let mut st = db(conn.prepare("SELECT DISTINCT source_path FROM failures"))?;
            let rows = db(st.query_map([], |r| r.get(0)))?;
            db(rows.collect())?
        };
        for p in paths {
            db(conn.execute(
                "UPDATE failures SET hkey = ?2 WHERE source_path = ?1",
                [&p, &failure_key(&p)],
            ))?;
        }
        db(conn.execute_batch(
            "DELETE FROM parts; INSERT INTO parts(part, n) SELECT part, COUNT(*) FROM articles GROUP BY part;
             DELETE FROM entity_counts; DELETE FROM cluster_counts; DELETE FROM surnames;",
        ))?;
        let (mut ent_d, mut ev_d) = (Deltas::new(), Deltas::new());
        entity_deltas(&read_entities(conn)?, 1, &mut ent_d);
        event_deltas(&read_events(conn)?, 1, &mut ev_d);
        apply_deltas(conn, Corpus::Entities, &ent_d)?;
        apply_deltas(conn, Corpus::Clusters, &ev_d)?;
        db(conn.execute_batch(
            "UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM entity_counts WHERE facet = 'mentions') WHERE tbl = 'entity_catalog';
             UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM cluster_counts WHERE facet = 'mentions') WHERE tbl = 'event_clusters';
             UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM failures) WHERE tbl = 'failures';
             INSERT OR REPLACE INTO meta(key, value) VALUES ('corpus.rebuild', '1');
             UPDATE meta SET value = '2' WHERE key = 'format';",
        ))?;
        Ok(())
    })();
    match result {
        Ok(()) => db(conn.execute_batch("COMMIT")),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn article_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleEntry> {
    Ok(ArticleEntry {
        article_id: r.get(0)?,
        part: r.get(1)?,
        source_path: r.get(2)?,
        content_hash: r.get(3)?,
        batch_id: r.get::<_, i64>(4)? as u64,
    })
}

fn read_failures(conn: &Connection) -> Result<Vec<Failure>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT source_path, content_hash, stage, message, tries, at FROM failures ORDER BY source_path, stage, message",
    ))?;
    let rows = db(st.query_map([], failure_row))?;
    db(rows.collect())
}

fn read_entities(conn: &Connection) -> Result<Vec<EntityAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, entity_id, canonical, label, alias, n FROM entity_mentions ORDER BY entity_id, article_id, alias",
    ))?;
    let rows = db(st.query_map([], entity_row))?;
    db(rows.collect())
}

fn entity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityAgg> {
    Ok(EntityAgg {
        article_id: r.get(0)?,
        entity_id: r.get(1)?,
        canonical: r.get(2)?,
        label: r.get(3)?,
        alias: r.get(4)?,
        n: r.get(5)?,
    })
}

fn read_events(conn: &Connection) -> Result<Vec<EventAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, cluster_id, cameo_root, label, date, location, actors FROM event_mentions ORDER BY cluster_id, article_id",
    ))?;
    let rows = db(st.query_map([], event_row))?;
    db(rows.collect())
}

fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventAgg> {
    let actors: String = r.get(6)?;
    Ok(EventAgg {
        article_id: r.get(0)?,
        cluster_id: r.get(1)?,
        cameo_root: r.get(2)?,
        label: r.get(3)?,
        date: r.get(4)?,
        location: r.get(5)?,
        actors: actors
            .split('\u{1f}')
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect(),
    })
}
