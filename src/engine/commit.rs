//! The commit protocol of one batch `v`: everything that writes, in one place.
//!
//! ```text
//!  processed files ──record──▶ Commit (file states, failures, article index, deltas)
//!         │
//!         ▼
//!  OUT/.lede/snap/<v>.tmp  ◀── parts: unchanged hard-linked, rewritten (rows dropped or moved),
//!         │                     the new part written and fsynced            [commit]
//!         ▼
//!  ledger transaction ─┬─ apply file states, failures, index, corpus counts
//!   (the commit point) ├─ corpus tables: touched buckets written (corpus.rs)
//!                      ├─ fsync, rename <v>.tmp -> <v>                       [publish]
//!                      └─ COMMIT
//!         ▼
//!  OUT/current, OUT/<table> links swapped to <v>; snapshots superseded more than
//!  --keep-snapshots ago removed (readers resolved them)
//! ```
//!
//! A crash before the ledger commits leaves snapshot `v-1` current and recovery deletes the
//! partial `v`; a crash after it is rolled forward by recovery (publication is idempotent). A
//! commit that fails with an error inside the transaction (a full disk) is rolled back the same
//! way: the daemon runs the recovery ([`Engine::recover`]) before it retries. The ledger side is
//! `ingest::ledger::Ledger::commit`, the snapshot side `export::store`; the crash and failure
//! injection points of the tests ([`crash_point`], [`fail_point`]) are here.

use super::{Engine, PassStats};
use anyhow::{Context, Result};
use chrono::DateTime;
use chrono::Utc;
use export::build::{self, ArticleRecord};
use export::store::SnapshotBuilder;
use export::ExportError;
use ingest::ledger::{ArticleEntry, Commit, Derived, EntityAgg, EventAgg, FileRecord, FileStatus};
use ingest::scan::FileStat;
use model::Failure;
use model::{CleanArticle, Extraction};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::Ordering;

use super::plan::Scope;
use super::process::Processed;

impl Engine {
    /// File states, failures and the article index of the processed files; returns the articles
    /// whose rows this batch writes.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn record(
        &self,
        processed: Vec<Processed>,
        known: &HashMap<String, FileRecord>,
        scope: &Scope,
        need: &BTreeSet<String>,
        commit: &mut Commit,
        stats: &mut PassStats,
        at: DateTime<Utc>,
    ) -> Vec<(CleanArticle, Extraction)> {
        let mut added: Vec<(CleanArticle, Extraction)> = Vec::new();
        let mut taken: HashSet<String> = HashSet::new();
        for p in processed {
            stats.files_processed += 1;
            let failed = p.articles.is_empty() && !p.failures.is_empty();
            let tries = known.get(&p.path).map_or(0, |k| k.tries) + 1;
            let record = if failed {
                self.failed_record(p.stat, p.hash.clone(), tries)
            } else {
                FileRecord {
                    stat: p.stat,
                    content_hash: p.hash.clone(),
                    status: FileStatus::Done,
                    tries: 0,
                }
            };
            commit.upsert_files.push((p.path.clone(), record));
            commit.clear_failures.push(p.path.clone());
            for f in p.failures {
                stats.failures += 1;
                commit.set_failures.push(Failure {
                    tries: if failed { tries } else { 1 },
                    at,
                    ..f
                });
            }
            for (article, x) in p.articles {
                commit
                    .file_articles
                    .push((p.hash.clone(), article.article_id.clone()));
                let wanted = need.contains(&article.article_id)
                    && scope
                        .owner
                        .get(&article.article_id)
                        .is_some_and(|(op, _)| *op == p.path)
                    && !taken.contains(&article.article_id);
                if wanted {
                    taken.insert(article.article_id.clone());
                    added.push((article, x));
                }
            }
        }
        added
    }

    pub(super) fn failed_record(&self, stat: FileStat, hash: String, tries: u32) -> FileRecord {
        let status = if tries >= self.opts.max_tries {
            FileStatus::Quarantined
        } else {
            FileStatus::Failed
        };
        FileRecord {
            stat,
            content_hash: hash,
            status,
            tries,
        }
    }

    /// Writes snapshot `v` (kept, rewritten and new parts, corpus tables), commits, publishes.
    /// `relocate` maps articles whose file moved inside the inbox to their new path.
    pub(super) fn commit(
        &mut self,
        mut commit: Commit,
        added: Vec<(CleanArticle, Extraction)>,
        existing: HashMap<String, ArticleEntry>,
        remove: Vec<String>,
        relocate: HashMap<String, String>,
    ) -> Result<()> {
        let base = self.ledger.committed_version()?;
        let version = base.map_or(1, |b| b + 1);
        commit.batch_id = version;
        let mut snap = self.store.begin(version, base)?;
        let drop: HashSet<String> = remove.into_iter().collect();

        // Parts: rewrite those that lose rows or whose articles moved (found from the involved
        // articles' entries), hard-link the others (O(parts), no row read).
        let touched: BTreeSet<&str> = existing
            .values()
            .filter(|e| drop.contains(&e.article_id) || relocate.contains_key(&e.article_id))
            .map(|e| e.part.as_str())
            .collect();
        for (stem, _) in self.ledger.parts()? {
            if !touched.contains(stem.as_str()) {
                snap.keep(&stem)?;
            }
        }
        for (k, stem) in touched.iter().enumerate() {
            let ids = self.ledger.part_articles(stem)?;
            let remaining: Vec<&str> = ids
                .iter()
                .map(String::as_str)
                .filter(|a| !drop.contains(*a))
                .collect();
            if remaining.is_empty() {
                continue;
            }
            let new_stem = format!("p{version:010}-r{k}");
            for t in snap.tables().per_article() {
                let rows = snap.read_base(t, stem, &drop)?;
                let rows = export::store::with_source_paths(&rows, &relocate)?;
                snap.write(t, &new_stem, &rows)?;
            }
            commit
                .move_articles
                .extend(remaining.iter().map(|a| (a.to_string(), new_stem.clone())));
        }

        commit.relocate_articles = relocate.into_iter().collect();
        commit.relocate_articles.sort();

        // The new part.
        if !added.is_empty() {
            let stem = format!("p{version:010}-n");
            let records: Vec<ArticleRecord> = added
                .iter()
                .map(|(a, x)| ArticleRecord {
                    article: a,
                    extraction: x,
                })
                .collect();
            let tables = snap.tables();
            for (t, rows) in build::per_article_batches(&records, version, Utc::now(), tables)? {
                snap.write(t, &stem, &rows)?;
            }
            for (a, x) in &added {
                commit.add_articles.push(ArticleEntry {
                    article_id: a.article_id.clone(),
                    part: stem.clone(),
                    source_path: a.source_path.clone(),
                    content_hash: a.content_hash.clone(),
                    batch_id: version,
                });
                aggregate(a, x, &mut commit.entities, &mut commit.events);
            }
        }

        self.publish(&commit, snap, version)
    }

    /// The commit point and what follows it: the ledger transaction (inside it, the corpus tables
    /// are written and the snapshot made durable), then publication and garbage collection.
    pub(super) fn publish(
        &mut self,
        commit: &Commit,
        snap: SnapshotBuilder,
        version: u64,
    ) -> Result<()> {
        crash_point("before-commit", version);
        self.ledger
            .commit(commit, |derived| {
                write_derived(snap, version, derived)?;
                crash_point("snapshot-durable", version);
                fail_point("snapshot-durable", version)
            })?
            .context("writing the snapshot")?;
        crash_point("committed", version);
        self.store.publish(version)?;
        crash_point("published", version);
        self.store.gc(version)?;
        Ok(())
    }

    /// Merges small parts into parts of up to `max_articles` articles (`lede compact`).
    pub fn compact(&mut self, max_articles: usize) -> Result<(usize, usize)> {
        let parts = self.ledger.parts()?;
        let before = parts.len();
        let (small, large): (Vec<_>, Vec<_>) = parts
            .into_iter()
            .partition(|(_, n)| (*n as usize) < max_articles);
        if small.len() < 2 {
            return Ok((before, before));
        }
        let base = self.ledger.committed_version()?;
        let version = base.map_or(1, |b| b + 1);
        let mut snap = self.store.begin(version, base)?;
        let mut commit = Commit {
            batch_id: version,
            ..Commit::default()
        };
        for (stem, _) in &large {
            snap.keep(stem)?;
        }
        let mut groups: Vec<Vec<&str>> = vec![Vec::new()];
        let mut count = 0;
        for (stem, n) in &small {
            let n = *n as usize;
            if count + n > max_articles && !groups.last().expect("one group").is_empty() {
                groups.push(Vec::new());
                count = 0;
            }
            groups.last_mut().expect("one group").push(stem);
            count += n;
        }
        let no_drop = HashSet::new();
        for (k, group) in groups.iter().enumerate() {
            let new_stem = format!("p{version:010}-c{k}");
            for t in snap.tables().per_article() {
                let batches: Vec<_> = group
                    .iter()
                    .map(|s| snap.read_base(t, s, &no_drop))
                    .collect::<Result<_, _>>()?;
                let merged = export::store::concat(t, &batches)?;
                snap.write(t, &new_stem, &merged)?;
            }
            for stem in group {
                for a in self.ledger.part_articles(stem)? {
                    commit.move_articles.push((a, new_stem.clone()));
                }
            }
        }
        let after = large.len() + groups.len();
        self.publish(&commit, snap, version)?;
        Ok((before, after))
    }
}

/// Failure injection for crash tests: with `LEDE_CRASH_AT=<point>` (or `<point>@<version>`) the
/// process aborts there, as a power loss would stop it (points: `before-commit`, `snapshot-durable`,
/// `committed`, `published`).
fn crash_point(point: &str, version: u64) {
    let Ok(want) = std::env::var("LEDE_CRASH_AT") else {
        return;
    };
    let (p, v) = want
        .split_once('@')
        .map_or((want.as_str(), None), |(p, v)| (p, v.parse::<u64>().ok()));
    if p == point && v.is_none_or(|v| v == version) {
        eprintln!("lede: LEDE_CRASH_AT={point}: aborting");
        std::process::abort();
    }
}

/// Failure injection for recovery tests: with `LEDE_FAIL_AT=<point>[@<version>][*<times>]` the step
/// returns an I/O error there, as a full disk would, instead of aborting; with `*<times>` only the
/// first `times` arrivals fail (points: `snapshot-durable`, inside the ledger transaction after the
/// snapshot folder was renamed to `<v>`).
fn fail_point(point: &str, version: u64) -> Result<(), ExportError> {
    static FAILED: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let Ok(want) = std::env::var("LEDE_FAIL_AT") else {
        return Ok(());
    };
    let (want, times) = want
        .split_once('*')
        .map_or((want.as_str(), None), |(w, t)| (w, t.parse::<u64>().ok()));
    let (p, v) = want
        .split_once('@')
        .map_or((want, None), |(p, v)| (p, v.parse::<u64>().ok()));
    if p != point || v.is_some_and(|v| v != version) {
        return Ok(());
    }
    if times.is_some_and(|t| FAILED.load(Ordering::SeqCst) >= t) {
        return Ok(());
    }
    FAILED.fetch_add(1, Ordering::SeqCst);
    Err(ExportError::Io {
        path: format!("LEDE_FAIL_AT={point}"),
        source: std::io::Error::other("injected failure (no space left on device)"),
    })
}

/// The per-article rows of the corpus tables (entity catalog, event clusters).
fn aggregate(
    a: &CleanArticle,
    x: &Extraction,
    entities: &mut Vec<EntityAgg>,
    events: &mut Vec<EventAgg>,
) {
    let mut by_alias: BTreeMap<(&str, &str), (u32, &model::EntityMention)> = BTreeMap::new();
    for m in &x.entities {
        by_alias
            .entry((m.entity_id.as_str(), m.text.as_str()))
            .or_insert((0, m))
            .0 += 1;
    }
    for ((id, alias), (n, m)) in by_alias {
        entities.push(EntityAgg {
            article_id: a.article_id.clone(),
            entity_id: id.to_string(),
            canonical: m.canonical.clone(),
            label: m.label.as_str().to_string(),
            alias: alias.to_string(),
            n,
        });
    }
    for e in &x.events {
        let actors = [&e.actor1, &e.actor2]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        events.push(EventAgg {
            article_id: a.article_id.clone(),
            cluster_id: e.cluster_id.clone(),
            cameo_root: e.cameo_root.clone(),
            label: e.label.clone(),
            date: e.date.map(|d| d.to_string()),
            location: e.location.clone(),
            actors,
        });
    }
}

/// Writes the corpus tables into the snapshot and makes it durable (runs inside the ledger commit):
/// only the buckets this batch touched (see [`super::corpus`]). The ledger records, in the same
/// transaction, the schema version the snapshot was written with (see [`super::migrate`]).
fn write_derived(snap: SnapshotBuilder, _version: u64, d: &Derived) -> Result<(), ExportError> {
    d.set_meta(crate::config::SCHEMA_META, export::schema::SCHEMA_VERSION)
        .map_err(super::corpus::ledger_err)?;
    super::corpus::write_derived(snap, d)
}
