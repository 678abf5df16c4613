//! The corpus tables (`entity_catalog`, `event_clusters`, `failures`), kept by delta.
//!
//! The ledger keeps per-key counts (`entity_counts`, `cluster_counts`: how many mentions give each
//! canonical name, label, alias, date, place, actor of a key) and updates them by delta at each
//! commit; [`Derived`] hands over the keys a batch touched. A table is written as bucket files: key
//! space cut by the leading bits of the hex id (`b<bits>-<bucket>.parquet`); a batch rewrites the
//! buckets holding a touched key (the old file's other rows kept, the touched rows recomputed from
//! their counts) and hard-links the others. The number of buckets is a power of two chosen so a
//! bucket holds about [`BUCKET_ROWS`] rows; it doubles (or more) when the table outgrows it and
//! halves (or less) when the table falls to an eighth, and each change rewrites the table once
//! (amortised: the table had to double since the last one). See docs/ARCHITECTURE.md, Parts.

use export::build::{self, CatalogRow, ClusterRow};
use export::store::{patch_sorted, RecordBatch, SnapshotBuilder};
use export::{ExportError, Table};
use ingest::ledger::{Corpus, Count, Derived};
use ingest::IngestError;
use model::Failure;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Rows a bucket file holds at most (between a half and all of it after a doubling).
pub const BUCKET_ROWS: u64 = 1024;
/// At most 2^16 buckets (bucket boundaries are 4 hex digits).
const MAX_BITS: u32 = 16;

/// A ledger error inside the corpus tables' writing (which returns export errors), with its
/// whole chain of causes (the SQLite reason is the source of `IngestError::Ledger`).
pub(super) fn ledger_err(e: IngestError) -> ExportError {
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(&e);
    while let Some(c) = cause {
        message = format!("{message}: {c}");
        cause = c.source();
    }
    ExportError::Corrupt(format!("ledger: {message}"))
}

/// Rows per bucket: [`BUCKET_ROWS`], or `LEDE_BUCKET_ROWS` (tests make many small buckets with it).
fn bucket_rows() -> u64 {
    std::env::var("LEDE_BUCKET_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|v| *v > 0)
        .unwrap_or(BUCKET_ROWS)
}

/// The bucket bits for a table of `rows` rows now cut in `2^current` buckets: grow as soon as a
/// bucket would average more than the target, shrink only when 8 times smaller would do.
pub fn bucket_bits(rows: u64, target: u64, current: Option<u32>) -> u32 {
    let want = (0..=MAX_BITS)
        .find(|b| rows <= target << b)
        .unwrap_or(MAX_BITS);
    match current {
        Some(c) if want <= c && want + 3 > c => c,
        _ => want,
    }
}

/// The smallest key of bucket `i` ("" for the first): `prefix` + 4 hex digits.
fn boundary(prefix: &str, bits: u32, i: u32) -> String {
    if i == 0 {
        String::new()
    } else {
        format!("{prefix}{:04x}", i << (MAX_BITS - bits))
    }
}

/// Keys of bucket `i`: `[lo, hi)`, `hi` None for the last.
fn bucket_range(prefix: &str, bits: u32, i: u32) -> (String, Option<String>) {
    let hi = (i + 1 < 1 << bits).then(|| boundary(prefix, bits, i + 1));
    (boundary(prefix, bits, i), hi)
}

/// The bucket of a key: the last one whose smallest key is not above it (consistent with
/// [`bucket_range`] for any string).
pub fn bucket_of(prefix: &str, bits: u32, key: &str) -> u32 {
    let (mut lo, mut hi) = (0u32, 1u32 << bits);
    while hi - lo > 1 {
        let mid = (lo + hi) / 2;
        if boundary(prefix, bits, mid).as_str() <= key {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    lo
}

fn stem(bits: u32, i: u32) -> String {
    format!("b{bits:02}-{i:05}")
}

/// Most frequent value (ties: the smallest), for canonical names, labels and places.
fn most_common<'a>(values: impl IntoIterator<Item = (&'a str, i64)>) -> Option<String> {
    let mut counts: BTreeMap<&str, i64> = BTreeMap::new();
    for (v, n) in values {
        *counts.entry(v).or_default() += n;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map(|(v, _)| v.to_string())
}

fn facet<'a>(counts: &'a [Count], name: &'a str) -> impl Iterator<Item = (&'a str, i64)> + 'a {
    counts
        .iter()
        .filter(move |c| c.facet == name)
        .map(|c| (c.value.as_str(), c.n))
}

fn total(counts: &[Count], name: &str) -> i64 {
    facet(counts, name).map(|(_, n)| n).sum::<i64>()
}

/// The catalog row of one entity from its counts (`same_as` not set: see [`with_same_as`]).
/// Same values as the whole-corpus computation: most frequent canonical name and label weighted
/// by mentions, every alias, mentions, articles.
fn catalog_row(id: &str, counts: &[Count]) -> CatalogRow {
    CatalogRow {
        entity_id: id.to_string(),
        canonical: most_common(facet(counts, "canonical")).unwrap_or_default(),
        label: most_common(facet(counts, "label")).unwrap_or_default(),
        aliases: facet(counts, "alias").map(|(v, _)| v.to_string()).collect(),
        n_mentions: total(counts, "mentions"),
        n_articles: total(counts, "articles"),
        same_as: None,
    }
}

fn cluster_row(id: &str, counts: &[Count]) -> ClusterRow {
    ClusterRow {
        cluster_id: id.to_string(),
        cameo_root: most_common(facet(counts, "cameo_root")).unwrap_or_default(),
        label: most_common(facet(counts, "label")).unwrap_or_default(),
        date: facet(counts, "date")
            .filter_map(|(d, _)| d.parse().ok())
            .min(),
        location: most_common(facet(counts, "location")),
        actors: facet(counts, "actor").map(|(v, _)| v.to_string()).collect(),
        n_mentions: total(counts, "mentions"),
        n_articles: total(counts, "articles"),
    }
}

/// A person's surname key (and whether the name is a full name), as `same_as` matches them.
fn surname(r: &CatalogRow) -> Option<(String, bool)> {
    extract::resolve::surname_key(model::EntityLabel::Per, &r.canonical)
        .filter(|_| r.label == model::EntityLabel::Per.as_str())
        .map(|k| (k, r.canonical.trim().contains(' ')))
}

/// A person the corpus names by surname only (`Grushko`) gets `same_as` = the one full-name person
/// with that surname (`Alexander Grushko`), when there is exactly one.
fn with_same_as(d: &Derived, mut r: CatalogRow) -> Result<CatalogRow, ExportError> {
    if let Some((key, false)) = surname(&r) {
        if let [id] = d.surname_ids(&key, true, 2).map_err(ledger_err)?.as_slice() {
            r.same_as = Some(id.clone());
        }
    }
    Ok(r)
}

/// Counts grouped by key, in key order.
fn by_key(counts: &[Count]) -> impl Iterator<Item = (&str, &[Count])> {
    counts
        .chunk_by(|a, b| a.key == b.key)
        .map(|g| (g[0].key.as_str(), g))
}

/// Records the surname keys of the touched entities; returns the surname-only entities whose
/// `same_as` may have changed with them.
fn update_surnames(
    d: &Derived,
    touched: &BTreeSet<String>,
) -> Result<BTreeSet<String>, ExportError> {
    let mut keys = BTreeSet::new();
    for id in touched {
        let counts = d.counts_of(Corpus::Entities, id).map_err(ledger_err)?;
        let new = (!counts.is_empty())
            .then(|| surname(&catalog_row(id, &counts)))
            .flatten();
        let old = d
            .set_surname(id, new.as_ref().map(|(k, f)| (k.as_str(), *f)))
            .map_err(ledger_err)?;
        if old != new {
            keys.extend(old.map(|o| o.0));
            keys.extend(new.map(|n| n.0));
        }
    }
    let mut affected = BTreeSet::new();
    for k in keys {
        affected.extend(d.surname_ids(&k, false, usize::MAX).map_err(ledger_err)?);
    }
    Ok(affected)
}

/// One corpus table's bucket layout and rows.
struct Spec {
    table: Table,
    /// The letter every key starts with (`E`, `C`), or "" (failures: a hex hash).
    prefix: &'static str,
    key_col: &'static str,
}

const ENTITIES: Spec = Spec {
    table: Table::EntityCatalog,
    prefix: "E",
    key_col: "entity_id",
};
const CLUSTERS: Spec = Spec {
    table: Table::EventClusters,
    prefix: "C",
    key_col: "cluster_id",
};
const FAILURES: Spec = Spec {
    table: Table::Failures,
    prefix: "",
    key_col: "hkey",
};

impl Spec {
    /// Every row of the keys in `[lo, hi)`, from the ledger.
    fn rows_in(&self, d: &Derived, lo: &str, hi: Option<&str>) -> Result<RecordBatch, ExportError> {
        match self.table {
            Table::EntityCatalog => {
                let counts = d.counts(Corpus::Entities, lo, hi).map_err(ledger_err)?;
                let rows = by_key(&counts)
                    .map(|(id, c)| with_same_as(d, catalog_row(id, c)))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(build::entity_catalog(&rows)?)
            }
            Table::EventClusters => {
                let counts = d.counts(Corpus::Clusters, lo, hi).map_err(ledger_err)?;
                let rows: Vec<ClusterRow> =
                    by_key(&counts).map(|(id, c)| cluster_row(id, c)).collect();
                Ok(build::event_clusters(&rows)?)
            }
            _ => failure_rows(&d.failures_in(lo, hi).map_err(ledger_err)?),
        }
    }

    /// The current rows of these keys (keys with no rows left are absent).
    fn rows_of(&self, d: &Derived, keys: &HashSet<String>) -> Result<RecordBatch, ExportError> {
        let kind = match self.table {
            Table::EntityCatalog => Corpus::Entities,
            _ => Corpus::Clusters,
        };
        let mut counts = Vec::new();
        let mut sorted: Vec<&String> = keys.iter().collect();
        sorted.sort();
        for k in sorted {
            counts.extend(d.counts_of(kind, k).map_err(ledger_err)?);
        }
        match self.table {
            Table::EntityCatalog => {
                let rows = by_key(&counts)
                    .map(|(id, c)| with_same_as(d, catalog_row(id, c)))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(build::entity_catalog(&rows)?)
            }
            _ => {
                let rows: Vec<ClusterRow> =
                    by_key(&counts).map(|(id, c)| cluster_row(id, c)).collect();
                Ok(build::event_clusters(&rows)?)
            }
        }
    }

    /// Bucket `i` after the batch: failures are read from the ledger (the bucket's range); catalog
    /// and clusters patch the previous file: its untouched rows kept, the touched recomputed.
    fn bucket(
        &self,
        d: &Derived,
        snap: &SnapshotBuilder,
        bits: u32,
        i: u32,
        keys: &HashSet<String>,
    ) -> Result<RecordBatch, ExportError> {
        if self.table == Table::Failures {
            let (lo, hi) = bucket_range(self.prefix, bits, i);
            return self.rows_in(d, &lo, hi.as_deref());
        }
        let base = snap.read_base_opt(self.table, &stem(bits, i))?;
        let fresh = self.rows_of(d, keys)?;
        patch_sorted(self.table, base.as_ref(), self.key_col, keys, &fresh)
    }

    /// Writes the table's buckets into the snapshot: the touched ones, or all when the bucket
    /// count changes (or `full`); the others are hard links to the previous snapshot's files.
    fn write(
        &self,
        snap: &mut SnapshotBuilder,
        d: &Derived,
        touched: &BTreeSet<String>,
        full: bool,
    ) -> Result<(), ExportError> {
        let meta_key = format!("buckets.{}", self.table.name());
        let current: Option<u32> = d
            .meta(&meta_key)
            .map_err(ledger_err)?
            .and_then(|v| v.parse().ok());
        let rows = d.rows(self.table.name()).map_err(ledger_err)?;
        let bits = bucket_bits(rows, bucket_rows(), current);
        if full || current != Some(bits) {
            for i in 0..1u32 << bits {
                let (lo, hi) = bucket_range(self.prefix, bits, i);
                let batch = self.rows_in(d, &lo, hi.as_deref())?;
                if batch.num_rows() > 0 {
                    snap.write(self.table, &stem(bits, i), &batch)?;
                }
            }
            d.set_meta(&meta_key, &bits.to_string())
                .map_err(ledger_err)?;
            return Ok(());
        }
        let mut buckets: BTreeMap<u32, HashSet<String>> = BTreeMap::new();
        for k in touched {
            buckets
                .entry(bucket_of(self.prefix, bits, k))
                .or_default()
                .insert(k.clone());
        }
        let rewritten: HashSet<String> = buckets.keys().map(|i| stem(bits, *i)).collect();
        let layout = format!("b{bits:02}-");
        snap.keep_corpus(self.table, |s| {
            s.starts_with(&layout) && !rewritten.contains(s)
        })?;
        for (i, keys) in &buckets {
            let batch = self.bucket(d, snap, bits, *i, keys)?;
            if batch.num_rows() > 0 {
                snap.write(self.table, &stem(bits, *i), &batch)?;
            }
        }
        Ok(())
    }
}

fn failure_rows(entries: &[Failure]) -> Result<RecordBatch, ExportError> {
    Ok(build::failures(entries)?)
}

/// Writes the corpus tables into the snapshot and makes it durable (runs inside the ledger commit).
/// Work: the buckets holding the keys this batch touched, not the corpus.
pub fn write_derived(mut snap: SnapshotBuilder, d: &Derived) -> Result<(), ExportError> {
    // After a migration, the surname index is built once from every entity.
    let rebuild = d.meta("corpus.rebuild").map_err(ledger_err)?.as_deref() == Some("1");
    let mut entities = d.entities.clone();
    if rebuild {
        let all = d.counts(Corpus::Entities, "", None).map_err(ledger_err)?;
        entities.extend(by_key(&all).map(|(id, _)| id.to_string()));
    }
    let affected = update_surnames(d, &entities)?;
    entities.extend(affected);
    ENTITIES.write(&mut snap, d, &entities, rebuild)?;
    CLUSTERS.write(&mut snap, d, &d.clusters, rebuild)?;
    FAILURES.write(&mut snap, d, &d.failures, rebuild)?;
    if rebuild {
        d.set_meta("corpus.rebuild", "0").map_err(ledger_err)?;
    }
    snap.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_cover_the_key_space_in_order() {
        for bits in [0, 1, 3, 8, 16] {
            let n = 1u32 << bits;
            for key in [
                "", "E", "E0000", "E7fff12", "Effff", "Ez", "C12ab", "0a", "ffff",
            ] {
                for prefix in ["E", "C", ""] {
                    let b = bucket_of(prefix, bits, key);
                    assert!(b < n);
                    let (lo, hi) = bucket_range(prefix, bits, b);
                    assert!(lo.as_str() <= key && hi.is_none_or(|h| key < h.as_str()));
                }
            }
        }
    }

    #[test]
    fn bucket_bits_grow_at_once_and_shrink_late() {
        assert_eq!(bucket_bits(0, 1024, None), 0);
        assert_eq!(bucket_bits(1024, 1024, None), 0);
        assert_eq!(bucket_bits(1025, 1024, Some(0)), 1);
        assert_eq!(bucket_bits(1_000_000, 1024, Some(3)), 10);
        // 10 -> 8 buckets' worth: kept; far smaller: shrinks.
        assert_eq!(bucket_bits(300_000, 1024, Some(10)), 10);
        assert_eq!(bucket_bits(100_000, 1024, Some(10)), 7);
    }
}
