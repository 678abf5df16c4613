//! Reads of the ledger's state by key: file records, the article index, content hash <-> article
//! maps, parts, failures and the last batch (outside a commit, through the ledger's connection).

use super::{db, ArticleEntry, BatchInfo, FileRecord, FileStatus, Ledger};
use crate::scan::FileStat;
use crate::IngestError;
use model::Failure;
use rusqlite::{Connection, OptionalExtension};
use std::collections::HashMap;

impl Ledger {
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
}

pub(super) fn failure_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Failure> {
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
