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
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::HashMap;
use std::path::Path;

/// On-disk format of the ledger; a different one is refused with a clear message.
pub const LEDGER_FORMAT: &str = "1";

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
    message TEXT NOT NULL, tries INTEGER NOT NULL, at TEXT NOT NULL);
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

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FailureEntry {
    pub source_path: String,
    pub content_hash: String,
    pub stage: String,
    pub message: String,
    pub tries: u32,
    /// RFC 3339.
    pub at: String,
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
    pub set_failures: Vec<FailureEntry>,
    pub clear_failures: Vec<String>,
    pub millis: u64,
}

/// The corpus-level rows, as they are after the batch (for the derived tables).
pub struct Derived {
    pub entities: Vec<EntityAgg>,
    pub events: Vec<EventAgg>,
    pub failures: Vec<FailureEntry>,
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
    r.map_err(|e| IngestError::Ledger(e.to_string()))
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
            Some(f) => {
                return Err(IngestError::Ledger(format!(
                    "{} has ledger format {f}, this lede reads format {LEDGER_FORMAT}: use a new --out folder",
                    path.display()
                )))
            }
        }
        Ok(Ledger { conn })
    }

    /// A free-form setting kept with the state (e.g. the inbox path, for `lede status`).
    pub fn meta(&self, key: &str) -> Result<Option<String>, IngestError> {
        db(self
            .conn
            .query_row("SELECT value FROM meta WHERE key=?1", [key], |r| r.get(0))
            .optional())
    }

    pub fn set_meta(&self, key: &str, value: &str) -> Result<(), IngestError> {
        db(self.conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)",
            [key, value],
        ))?;
        Ok(())
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
            let e = ArticleEntry {
                article_id: r.get(0)?,
                part: r.get(1)?,
                source_path: r.get(2)?,
                content_hash: r.get(3)?,
                batch_id: r.get::<_, i64>(4)? as u64,
            };
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

    pub fn failures(&self) -> Result<Vec<FailureEntry>, IngestError> {
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
    /// commit, with the corpus-level rows as they will be: it writes the snapshot. If it fails,
    /// nothing of the batch is committed.
    pub fn commit<E>(
        &mut self,
        c: &Commit,
        durable: impl FnOnce(&Derived) -> Result<(), E>,
    ) -> Result<Result<(), E>, IngestError> {
        let tx = db(self.conn.transaction())?;
        let now = chrono::Utc::now().to_rfc3339();
        {
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
            let mut fa = db(tx.prepare(
                "INSERT OR IGNORE INTO file_articles(content_hash, article_id) VALUES (?1, ?2)",
            ))?;
            for (h, a) in &c.file_articles {
                db(fa.execute([h, a]))?;
            }
            // Forget what no live file refers to any more.
            db(tx.execute("DELETE FROM file_articles WHERE content_hash NOT IN (SELECT content_hash FROM files)", []))?;
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
                "INSERT OR REPLACE INTO articles(article_id, part, source_path, content_hash, batch_id) VALUES (?1, ?2, ?3, ?4, ?5)",
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
            let mut clear = db(tx.prepare("DELETE FROM failures WHERE source_path = ?1"))?;
            for p in c.clear_failures.iter().chain(&c.delete_files) {
                db(clear.execute([p]))?;
            }
            let mut fail = db(tx.prepare(
                "INSERT INTO failures(source_path, content_hash, stage, message, tries, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            ))?;
            for f in &c.set_failures {
                db(fail.execute(params![
                    f.source_path,
                    f.content_hash,
                    f.stage,
                    f.message,
                    f.tries,
                    f.at
                ]))?;
            }
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
        }
        let derived = Derived {
            entities: read_entities(&tx)?,
            events: read_events(&tx)?,
            failures: read_failures(&tx)?,
        };
        match durable(&derived) {
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

fn read_failures(conn: &Connection) -> Result<Vec<FailureEntry>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT source_path, content_hash, stage, message, tries, at FROM failures ORDER BY source_path, stage, message",
    ))?;
    let rows = db(st.query_map([], |r| {
        Ok(FailureEntry {
            source_path: r.get(0)?,
            content_hash: r.get(1)?,
            stage: r.get(2)?,
            message: r.get(3)?,
            tries: r.get(4)?,
            at: r.get(5)?,
        })
    }))?;
    db(rows.collect())
}

fn read_entities(conn: &Connection) -> Result<Vec<EntityAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, entity_id, canonical, label, alias, n FROM entity_mentions ORDER BY entity_id, article_id, alias",
    ))?;
    let rows = db(st.query_map([], |r| {
        Ok(EntityAgg {
            article_id: r.get(0)?,
            entity_id: r.get(1)?,
            canonical: r.get(2)?,
            label: r.get(3)?,
            alias: r.get(4)?,
            n: r.get(5)?,
        })
    }))?;
    db(rows.collect())
}

fn read_events(conn: &Connection) -> Result<Vec<EventAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, cluster_id, cameo_root, label, date, location, actors FROM event_mentions ORDER BY cluster_id, article_id",
    ))?;
    let rows = db(st.query_map([], |r| {
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
    }))?;
    db(rows.collect())
}
