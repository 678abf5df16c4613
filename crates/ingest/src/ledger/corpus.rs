//! The corpus aggregates (`entity_counts`, `cluster_counts`, `corpus_rows`, `surnames`) as the
//! snapshot writer reads them inside a commit ([`Derived`], [`Corpus`], [`Count`]), the bucketing
//! key of failure rows ([`failure_key`]), and the count deltas a batch (or the migration) applies.

use super::reads::failure_row;
use super::{db, read_meta, write_meta, EntityAgg, EventAgg};
use crate::IngestError;
use model::Failure;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The corpus aggregates after the batch, as the snapshot writer sees them inside the commit: the
/// keys the batch touched, and queries for the rows of just those keys (or a range of keys, for a
/// whole bucket). Nothing here reads the whole corpus.
pub struct Derived<'c> {
    pub(super) conn: &'c Connection,
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

/// Count changes of one batch: (key, facet, value) -> delta.
pub(super) type Deltas = BTreeMap<(String, &'static str, String), i64>;

fn bump(d: &mut Deltas, key: &str, facet: &'static str, value: &str, by: i64) {
    *d.entry((key.to_string(), facet, value.to_string()))
        .or_default() += by;
}

/// The count changes of adding (`sign` 1) or removing (-1) these entity rows.
pub(super) fn entity_deltas(rows: &[EntityAgg], sign: i64, d: &mut Deltas) {
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
pub(super) fn event_deltas(rows: &[EventAgg], sign: i64, d: &mut Deltas) {
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
pub(super) fn apply_deltas(
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

pub(super) fn entity_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EntityAgg> {
    Ok(EntityAgg {
        article_id: r.get(0)?,
        entity_id: r.get(1)?,
        canonical: r.get(2)?,
        label: r.get(3)?,
        alias: r.get(4)?,
        n: r.get(5)?,
    })
}

pub(super) fn event_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<EventAgg> {
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
