//! The batch engine: scan the inbox, decide what is new, changed, moved or deleted, process it
//! (clean + extract in parallel with rayon), and commit one snapshot per batch.
//!
//! Commit protocol of one batch `v` (see docs/ARCHITECTURE.md):
//! 1. build snapshot `v` in `OUT/.lede/snap/<v>.tmp`: unchanged parts hard-linked, new and rewritten
//!    parts written and fsynced;
//! 2. inside one ledger transaction: apply file states and the article index, compute the corpus
//!    tables from it, write them, fsync and rename the snapshot folder to `<v>`, then commit;
//! 3. publish: swap `OUT/current` and each `OUT/<table>` symlink to snapshot `v`, then remove the
//!    snapshots superseded more than `--keep-snapshots` ago (readers resolved them).
//!
//! A crash before 2 commits leaves snapshot `v-1` current and recovery deletes the partial `v`; a crash
//! after it is rolled forward by recovery (step 3 is idempotent). A commit that fails with an error in
//! 2 (a full disk) is rolled back the same way: the daemon runs the recovery ([`Engine::recover`])
//! before it retries.

use crate::config::Options;
use crate::process::{process, worker_pool, Processed};
use anyhow::{Context, Result};
use chrono::Utc;
use export::build::{self, ArticleRecord};
use export::store::{SnapshotBuilder, Store};
use export::{ExportError, Table};
use extract::Pipeline;
use ingest::ledger::{
    ArticleEntry, Commit, Derived, EntityAgg, EventAgg, FailureEntry, FileRecord, FileStatus,
    Ledger,
};
use ingest::lock::OutLock;
use ingest::scan::{self, FileStat, ReadOutcome};
use model::{CleanArticle, Extraction, WorkItem};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Instant, SystemTime};

/// What one pass over the inbox did.
#[derive(Debug, Default, Clone)]
pub struct PassStats {
    pub batches: u64,
    pub files_processed: u64,
    pub articles_added: u64,
    pub articles_removed: u64,
    pub failures: u64,
    /// Articles whose file was renamed or moved inside the inbox: path updated, not re-extracted.
    pub articles_moved: u64,
    /// Files seen but not settled yet (still being written), and settled files held back by
    /// `--max-wait` to fill a batch.
    pub pending: u64,
}

pub struct Engine {
    opts: Options,
    store: Store,
    ledger: Ledger,
    pipeline: Pipeline,
    /// Since when settled files have been held back to fill a batch (`--max-wait`).
    held_since: Option<Instant>,
    /// Paths the last scan found but cannot process, with the reason (failure rows when ready).
    problems: HashMap<String, String>,
    /// The workers that clean and extract, with a large stack (see [`WORKER_STACK`]).
    workers: rayon::ThreadPool,
    _lock: OutLock,
}

impl Engine {
    /// Opens the output folder: lock, ledger, recovery of an interrupted commit, models. Refuses a
    /// folder whose ledger is missing or empty while published tables are there (see [`Engine::rebuild`]).
    pub fn open(opts: Options) -> Result<Engine> {
        Engine::open_with(opts, false)
    }

    /// `lede rebuild`: discards the ledger, the published tables and every snapshot, then opens the
    /// folder as a new one (the inbox is processed again from zero by the caller's passes).
    pub fn rebuild(opts: Options) -> Result<Engine> {
        Engine::open_with(opts, true)
    }

    fn open_with(opts: Options, rebuild: bool) -> Result<Engine> {
        let state = opts.out.join(".lede");
        std::fs::create_dir_all(&state)
            .with_context(|| format!("cannot create {}", state.display()))?;
        let lock = OutLock::acquire(&state.join("lock"))?;
        let ledger_path = state.join("state.sqlite");
        let store = Store::open(&opts.out)?;
        if rebuild {
            // The ledger first: a crash half way leaves snapshots without a ledger, refused by `open`
            // until `lede rebuild` runs again.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let p = state.join(format!("state.sqlite{suffix}"));
                match std::fs::remove_file(&p) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        return Err(e).with_context(|| format!("removing {}", p.display()))
                    }
                    _ => {}
                }
            }
            store.discard_all()?;
            tracing::warn!(out = %opts.out.display(), "rebuild: discarded the ledger and the published tables");
        }
        let ledger = Ledger::open(&ledger_path)?;
        let committed = ledger.committed_version()?;
        if committed.is_none() && store.holds_published()? {
            anyhow::bail!(
                "{} holds published tables but its ledger {} is missing or empty: refusing to \
                 replace them with empty tables. Restore the ledger, or run `lede rebuild INBOX --out {}` \
                 to discard the tables and process the inbox again from zero",
                opts.out.display(),
                ledger_path.display(),
                opts.out.display()
            );
        }
        let removed = store.recover(committed)?;
        if !removed.is_empty() {
            tracing::warn!(snapshots = ?removed, "recovery removed uncommitted snapshots of an interrupted batch");
        }
        let resources = extract::Resources::load(&opts.data_dir)
            .with_context(|| format!("loading models from {}", opts.data_dir.display()))?;
        let pipeline = Pipeline::new(resources);
        if let Ok(inbox) = opts.inbox.canonicalize() {
            ledger.set_meta("inbox", &inbox.display().to_string())?;
        }
        let mut engine = Engine {
            opts,
            store,
            ledger,
            pipeline,
            held_since: None,
            problems: HashMap::new(),
            workers: worker_pool()?,
            _lock: lock,
        };
        if committed.is_none() {
            // A fresh output folder: publish empty tables so queries work from the start.
            engine.commit(
                Commit::default(),
                Vec::new(),
                HashMap::new(),
                Vec::new(),
                HashMap::new(),
            )?;
        }
        Ok(engine)
    }

    /// Keeps superseded snapshots this long for the readers on them (`--keep-snapshots`).
    pub fn set_keep_snapshots(&mut self, keep: std::time::Duration) {
        self.store.set_keep(keep);
    }

    /// The startup recovery again, after a failed commit or pass: removes what a failed commit left
    /// (a snapshot folder newer than the committed version) and publishes the committed snapshot.
    pub fn recover(&mut self) -> Result<()> {
        let removed = self.store.recover(self.ledger.committed_version()?)?;
        if !removed.is_empty() {
            tracing::warn!(snapshots = ?removed, "recovery removed the snapshot of a failed commit");
        }
        Ok(())
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Processes everything ready in the inbox, batch after batch, until nothing ready is left or
    /// `stop` is set (between batches).
    pub fn pass(&mut self, stop: &AtomicBool, progress: &dyn Fn(u64, u64)) -> Result<PassStats> {
        let mut stats = PassStats::default();
        loop {
            let scan = scan::scan(&self.opts.inbox, self.opts.scan)?;
            self.problems = scan
                .problems
                .iter()
                .map(|(p, (_, reason))| (p.clone(), reason.clone()))
                .collect();
            let scanned: BTreeMap<String, FileStat> =
                scan.all().map(|(p, s)| (p.clone(), *s)).collect();
            let known = self.ledger.files()?;
            let deleted: Vec<String> = known
                .keys()
                .filter(|p| !scanned.contains_key(*p))
                .cloned()
                .collect();
            let now = SystemTime::now();
            let mut ready: Vec<(String, FileStat)> = Vec::new();
            let mut pending = 0;
            for (path, stat) in &scanned {
                // Unchanged, or quarantined (failed --max-tries versions: not read again until it is
                // deleted or renamed).
                if known
                    .get(path)
                    .is_some_and(|k| k.stat == *stat || k.status == FileStatus::Quarantined)
                {
                    continue;
                }
                if stat.is_settled(self.opts.settle, now) {
                    ready.push((path.clone(), *stat));
                } else {
                    pending += 1;
                }
            }
            stats.pending = pending;
            if (deleted.is_empty() && ready.is_empty()) || stop.load(Ordering::SeqCst) {
                return Ok(stats);
            }
            // A trickle (other files still being written): hold a small batch back, up to
            // --max-wait, so that it fills instead of making one tiny part per file.
            if ready.len() < self.opts.max_batch && pending > 0 && !self.opts.max_wait.is_zero() {
                let since = *self.held_since.get_or_insert_with(Instant::now);
                if since.elapsed() < self.opts.max_wait {
                    stats.pending += (ready.len() + deleted.len()) as u64;
                    return Ok(stats);
                }
            }
            self.held_since = None;
            let total = ready.len() as u64;
            let (deleted, ready) =
                backlog_batch(&known, deleted, ready, self.opts.max_batch, MAX_BATCH_BYTES);
            progress(ready.len() as u64, total);
            let b = self.batch(&known, deleted, ready)?;
            if b.batches == 0 {
                // Nothing could be committed (every ready file changed while being read): let the
                // caller wait for them to settle instead of spinning.
                stats.pending += b.pending;
                return Ok(stats);
            }
            stats.batches += 1;
            stats.files_processed += b.files_processed;
            stats.articles_added += b.articles_added;
            stats.articles_removed += b.articles_removed;
            stats.failures += b.failures;
            stats.articles_moved += b.articles_moved;
        }
    }

    fn read(&self, path: &str, stat: FileStat) -> Result<ReadOutcome> {
        if let Some(reason) = self.problems.get(path) {
            return Ok(ReadOutcome::Refused {
                reason: reason.clone(),
            });
        }
        Ok(scan::read_stable(
            &self.opts.inbox,
            path,
            stat,
            self.opts.max_file_bytes,
            self.opts.scan,
        )?)
    }

    /// Cleans and extracts files in parallel, in order, on the large-stack workers.
    fn process_all(&self, items: Vec<(WorkItem, FileStat)>) -> Vec<Processed> {
        let (pipeline, opts) = (&self.pipeline, &self.opts);
        self.workers.install(|| {
            items
                .into_par_iter()
                .map(|(item, stat)| process(pipeline, opts, item, stat))
                .collect()
        })
    }
}

/// Bytes of input per batch (at least one file). A batch's memory and each column of its part
/// files grow with its input (every stage's output is bounded by a small multiple of its article),
/// so this bounds both, and keeps every string column far below Arrow's 2 GiB offset limit (a
/// batch of 500 files of 16 MiB would overflow it).
const MAX_BATCH_BYTES: u64 = 128 << 20;

/// How many files of `ready`, in order, one batch takes: at most `max_files`, whose sizes add up to
/// at most `max_bytes`, and at least one.
fn batch_len(ready: &[(String, FileStat)], max_files: usize, max_bytes: u64) -> usize {
    let mut total = 0u64;
    ready
        .iter()
        .take(max_files)
        .position(|(_, s)| {
            total = total.saturating_add(s.size);
            total > max_bytes
        })
        .unwrap_or(ready.len().min(max_files))
        .max(1)
        .min(ready.len())
}

/// A file read whole and stable, hashed, with the mtime its stat saw.
fn work_item(source_path: String, bytes: Vec<u8>, stat: FileStat) -> WorkItem {
    WorkItem {
        source_path,
        content_hash: scan::content_hash(&bytes),
        bytes,
        modified: Some(stat.modified()),
    }
}

impl Engine {
    /// One batch: `deleted` paths and `ready` (settled, changed) files. Its work grows with the
    /// batch, not the corpus: the ledger is asked only about the paths, contents and articles the
    /// batch involves (see [`Scope`]).
    fn batch(
        &mut self,
        known: &HashMap<String, FileRecord>,
        deleted: Vec<String>,
        ready: Vec<(String, FileStat)>,
    ) -> Result<PassStats> {
        let started = Instant::now();
        let mut commit = Commit {
            delete_files: deleted.clone(),
            ..Commit::default()
        };
        let mut stats = PassStats::default();
        let at = Utc::now().to_rfc3339();
        let items = self.read_ready(known, ready, &mut commit, &mut stats, &at);

        // Files whose content was already processed (a copy or a rename) are not extracted again,
        // unless their articles need a new owner path (see below).
        let seen = self
            .ledger
            .articles_of_hashes(items.iter().map(|(i, _)| i.content_hash.as_str()))?;
        let (fresh, copies): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|(item, _)| !seen.contains_key(&item.content_hash));
        let mut processed = self.process_all(fresh);
        let mut copies: HashMap<String, (WorkItem, FileStat)> = copies
            .into_iter()
            .map(|(i, s)| (i.source_path.clone(), (i, s)))
            .collect();

        let scope = Scope::of(&self.ledger, known, &deleted, &copies, &processed)?;
        let (mut remove, mut need) = scope.changes();
        // Articles needing rows whose owner file was not processed in this batch: process it now.
        let have: HashSet<String> = processed
            .iter()
            .flat_map(|p| p.articles.iter().map(|(a, _)| a.article_id.clone()))
            .collect();
        // An article whose owner is the same bytes under another path (a rename, or a copy whose
        // original went) keeps its rows with the path updated: nothing is extracted again. Not when
        // the extension changes (the format is read from it) or with --date-from-mtime (a copy has
        // another mtime).
        let relocate: HashMap<String, String> = need
            .iter()
            .filter(|a| !have.contains(*a) && !self.opts.clean.date_from_mtime)
            .filter_map(|a| {
                let e = scope.existing.get(a)?;
                let (path, hash) = &scope.owner[a];
                (*hash == e.content_hash && same_format(&e.source_path, path))
                    .then(|| (a.clone(), path.clone()))
            })
            .collect();
        for a in relocate.keys() {
            need.remove(a);
            remove.remove(a);
        }
        let extra = self.reprocess(known, &scope, &need, &have, &mut copies, &mut commit);
        processed.extend(self.process_all(extra));

        let added = self.record(
            processed,
            known,
            &scope,
            &need,
            &mut commit,
            &mut stats,
            &at,
        );
        for (path, (item, stat)) in copies {
            commit.upsert_files.push((
                path,
                FileRecord {
                    stat,
                    content_hash: item.content_hash,
                    status: FileStatus::Done,
                    tries: 0,
                },
            ));
        }
        commit.remove_articles = remove.iter().cloned().collect();
        stats.articles_removed = remove.iter().filter(|a| !need.contains(*a)).count() as u64;
        stats.articles_added = added
            .iter()
            .filter(|(a, _)| !scope.existing.contains_key(&a.article_id))
            .count() as u64;
        stats.articles_moved = relocate.len() as u64;
        if commit.upsert_files.is_empty() && commit.delete_files.is_empty() {
            return Ok(stats);
        }
        commit.millis = started.elapsed().as_millis() as u64;
        self.commit(
            commit,
            added,
            scope.existing,
            remove.into_iter().collect(),
            relocate,
        )?;
        stats.batches = 1;
        Ok(stats)
    }

    /// Reads and hashes the ready files; a touched file with the same bytes only updates its stat,
    /// an unreadable one becomes a failure.
    fn read_ready(
        &self,
        known: &HashMap<String, FileRecord>,
        ready: Vec<(String, FileStat)>,
        commit: &mut Commit,
        stats: &mut PassStats,
        at: &str,
    ) -> Vec<(WorkItem, FileStat)> {
        let mut items = Vec::new();
        for (path, stat) in ready {
            let message = match self.read(&path, stat) {
                Ok(ReadOutcome::Unstable) => {
                    stats.pending += 1;
                    continue;
                }
                Ok(ReadOutcome::Stable { bytes, stat }) => {
                    let item = work_item(path, bytes, stat);
                    if let Some(k) = known
                        .get(&item.source_path)
                        .filter(|k| k.content_hash == item.content_hash)
                    {
                        commit
                            .upsert_files
                            .push((item.source_path, FileRecord { stat, ..k.clone() }));
                        continue;
                    }
                    items.push((item, stat));
                    continue;
                }
                Ok(ReadOutcome::Refused { reason }) => reason,
                Ok(ReadOutcome::TooLarge { size }) => format!(
                    "file is {size} bytes, over the limit of {} bytes (--max-file-bytes)",
                    self.opts.max_file_bytes
                ),
                // Permissions, an I/O error: a failure of this file, retried when it changes; the
                // batch goes on.
                Err(e) => format!("cannot read the file: {e}"),
            };
            let tries = known.get(&path).map_or(0, |k| k.tries) + 1;
            commit
                .upsert_files
                .push((path.clone(), self.failed_record(stat, String::new(), tries)));
            commit.clear_failures.push(path.clone());
            commit.set_failures.push(FailureEntry {
                source_path: path,
                content_hash: String::new(),
                stage: "read".into(),
                message,
                tries,
                at: at.to_string(),
            });
        }
        items
    }

    /// The owner files of needed articles that this batch did not process (a copy whose original
    /// went, in another format): read them to process now.
    fn reprocess(
        &self,
        known: &HashMap<String, FileRecord>,
        scope: &Scope,
        need: &BTreeSet<String>,
        have: &HashSet<String>,
        copies: &mut HashMap<String, (WorkItem, FileStat)>,
        commit: &mut Commit,
    ) -> Vec<(WorkItem, FileStat)> {
        let reprocess: BTreeSet<&String> = need
            .iter()
            .filter(|a| !have.contains(*a))
            .map(|a| &scope.owner[a].0)
            .collect();
        let mut extra = Vec::new();
        for path in reprocess {
            if let Some((item, stat)) = copies.remove(path) {
                extra.push((item, stat));
                continue;
            }
            let stat = match known.get(path) {
                Some(k) => k.stat,
                None => continue,
            };
            match self.read(path, stat) {
                Ok(ReadOutcome::Stable { bytes, stat }) => {
                    extra.push((work_item(path.clone(), bytes, stat), stat));
                }
                // Changed under us or unreadable now: forget it, the next scan sees it as new.
                _ => commit.delete_files.push(path.clone()),
            }
        }
        extra
    }

    /// File states, failures and the article index of the processed files; returns the articles
    /// whose rows this batch writes.
    #[allow(clippy::too_many_arguments)]
    fn record(
        &self,
        processed: Vec<Processed>,
        known: &HashMap<String, FileRecord>,
        scope: &Scope,
        need: &BTreeSet<String>,
        commit: &mut Commit,
        stats: &mut PassStats,
        at: &str,
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
            for (stage, message) in p.failures {
                stats.failures += 1;
                commit.set_failures.push(FailureEntry {
                    source_path: p.path.clone(),
                    content_hash: p.hash.clone(),
                    stage,
                    message,
                    tries: if failed { tries } else { 1 },
                    at: at.to_string(),
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

    fn failed_record(&self, stat: FileStat, hash: String, tries: u32) -> FileRecord {
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
    fn commit(
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
            for t in Table::PER_ARTICLE {
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
            for (t, rows) in build::per_article_batches(&records, version, Utc::now())? {
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
    fn publish(&mut self, commit: &Commit, snap: SnapshotBuilder, version: u64) -> Result<()> {
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
            for t in Table::PER_ARTICLE {
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

    /// Number of live part files per table.
    pub fn part_count(&self) -> Result<usize> {
        Ok(self.ledger.parts()?.len())
    }
}
/// What one batch involves, looked up in the ledger by key (never the whole corpus): the paths it
/// changes, the articles of their old and new contents, those articles' index entries and where
/// each of them lives after the batch.
struct Scope {
    /// Live index entries of the involved articles.
    existing: HashMap<String, ArticleEntry>,
    /// Which live file owns each involved article after the batch (path, content hash): the
    /// current owner if it still holds the content, else the first path in order that does.
    /// An involved article without an owner has no file any more.
    owner: BTreeMap<String, (String, String)>,
}

impl Scope {
    fn of(
        ledger: &Ledger,
        known: &HashMap<String, FileRecord>,
        deleted: &[String],
        copies: &HashMap<String, (WorkItem, FileStat)>,
        processed: &[Processed],
    ) -> Result<Scope> {
        // Paths whose content the batch changes: None deleted, else the new content hash.
        let mut changed: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for p in deleted {
            changed.insert(p.as_str(), None);
        }
        for (p, (item, _)) in copies {
            changed.insert(p.as_str(), Some(item.content_hash.as_str()));
        }
        for p in processed {
            changed.insert(p.path.as_str(), Some(p.hash.as_str()));
        }
        let after = |p: &str| -> Option<&str> {
            match changed.get(p) {
                Some(h) => *h,
                None => known.get(p).map(|k| k.content_hash.as_str()),
            }
        };
        // The contents involved: what the changed paths held, and what copies hold now (processed
        // contents are new: their articles come from the extraction).
        let mut hashes: BTreeSet<&str> = changed
            .keys()
            .filter_map(|p| known.get(*p))
            .map(|k| k.content_hash.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        hashes.extend(copies.values().map(|(i, _)| i.content_hash.as_str()));
        let mut involved: BTreeSet<String> = ledger
            .articles_of_hashes(hashes)?
            .into_values()
            .flatten()
            .collect();
        let mut new_holders: HashMap<&str, Vec<&str>> = HashMap::new();
        for p in processed {
            for (a, _) in &p.articles {
                involved.insert(a.article_id.clone());
                new_holders
                    .entry(a.article_id.as_str())
                    .or_default()
                    .push(p.hash.as_str());
            }
        }
        let mut new_paths: HashMap<&str, Vec<&str>> = HashMap::new();
        for (p, h) in &changed {
            if let Some(h) = h {
                new_paths.entry(*h).or_default().push(*p);
            }
        }
        let existing = ledger.article_entries(involved.iter().map(String::as_str))?;
        let mut recorded: HashMap<String, Vec<String>> = HashMap::new();
        let mut owner = BTreeMap::new();
        for a in &involved {
            let mut contents = ledger.hashes_of_article(a)?;
            contents.extend(
                new_holders
                    .get(a.as_str())
                    .into_iter()
                    .flatten()
                    .map(|h| h.to_string()),
            );
            for h in &contents {
                if !recorded.contains_key(h) {
                    recorded.insert(h.clone(), ledger.paths_with_hash(h)?);
                }
            }
            let mut holders: BTreeSet<&str> = BTreeSet::new();
            for h in &contents {
                let paths = recorded[h].iter().map(String::as_str);
                for p in paths.chain(new_paths.get(h.as_str()).into_iter().flatten().copied()) {
                    if after(p) == Some(h.as_str()) {
                        holders.insert(p);
                    }
                }
            }
            let current = existing.get(a).filter(|e| {
                holders.contains(e.source_path.as_str())
                    && after(&e.source_path) == Some(e.content_hash.as_str())
            });
            let chosen = match current {
                Some(e) => Some((e.source_path.clone(), e.content_hash.clone())),
                None => holders
                    .first()
                    .and_then(|p| Some((p.to_string(), after(p)?.to_string()))),
            };
            if let Some(o) = chosen {
                owner.insert(a.clone(), o);
            }
        }
        Ok(Scope { existing, owner })
    }

    /// Articles whose rows go (`remove`) and articles that need rows written (`need`: new, or
    /// moved to another owner; a moved one is in both until it is relocated instead).
    fn changes(&self) -> (BTreeSet<String>, BTreeSet<String>) {
        let mut remove = BTreeSet::new();
        let mut need = BTreeSet::new();
        for (a, e) in &self.existing {
            match self.owner.get(a) {
                None => {
                    remove.insert(a.clone());
                }
                Some((p, h)) if *p != e.source_path || *h != e.content_hash => {
                    remove.insert(a.clone());
                    need.insert(a.clone());
                }
                Some(_) => {}
            }
        }
        for a in self.owner.keys() {
            if !self.existing.contains_key(a) {
                need.insert(a.clone());
            }
        }
        (remove, need)
    }
}

/// The part of a backlog one batch takes: at most `max_batch` ready files of at most `max_bytes` in
/// all (see [`batch_len`]), and the deleted paths
/// that can go now. A rename is a deletion plus a ready file with the same bytes; both must be in
/// the same batch, or the deletion removes the articles and a later batch extracts them again
/// (issue 14, item 9). A renamed file keeps its size (and usually its mtime), so ready files of the
/// size of a deleted file go first, and a deletion waits while a ready file of its size is left for
/// a later batch. Every batch takes ready files, so the deferred deletions go at the latest with the
/// last batch of the backlog.
fn backlog_batch(
    known: &HashMap<String, FileRecord>,
    deleted: Vec<String>,
    mut ready: Vec<(String, FileStat)>,
    max_batch: usize,
    max_bytes: u64,
) -> (Vec<String>, Vec<(String, FileStat)>) {
    if batch_len(&ready, max_batch, max_bytes) == ready.len() {
        return (deleted, ready);
    }
    let sizes: HashSet<u64> = deleted
        .iter()
        .filter_map(|p| known.get(p))
        .map(|k| k.stat.size)
        .collect();
    // Stable: rename candidates first, each group in path order.
    ready.sort_by_key(|(_, s)| !sizes.contains(&s.size));
    let cut = batch_len(&ready, max_batch, max_bytes);
    let left: HashSet<u64> = ready[cut..].iter().map(|(_, s)| s.size).collect();
    ready.truncate(cut);
    let deleted = deleted
        .into_iter()
        .filter(|p| known.get(p).is_none_or(|k| !left.contains(&k.stat.size)))
        .collect();
    (deleted, ready)
}

/// Whether two paths are read as the same format (the extension decides it, with the bytes).
fn same_format(a: &str, b: &str) -> bool {
    let ext = |p: &str| {
        std::path::Path::new(p)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
    };
    ext(a) == ext(b)
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
/// only the buckets this batch touched (see [`crate::corpus`]).
fn write_derived(snap: SnapshotBuilder, _version: u64, d: &Derived) -> Result<(), ExportError> {
    crate::corpus::write_derived(snap, d)
}
