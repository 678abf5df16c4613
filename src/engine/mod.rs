//! The batch engine, by phase. One pass ([`Engine::pass`]) scans the inbox and, batch after
//! batch, runs:
//!
//! 1. **plan** ([`plan`]): which files are ready, deleted or pending; how much of a backlog one
//!    batch takes; and what a batch involves in the ledger (its [`plan::Scope`]: the articles of
//!    new, changed, renamed, copied and deleted files, and which file owns each after the batch);
//! 2. **process** ([`process`]): read each file whole and stable, then clean and extract it in
//!    isolation (worker pool, time budget, panics caught) into articles or failures;
//! 3. **commit** ([`commit`]): file states, failures and the article index, the new snapshot's
//!    parts, the corpus tables ([`corpus`], by delta), the ledger transaction and publication.
//!
//! [`Engine::batch`] strings the phases together for one batch; this file holds the engine's
//! state and the pass loop. Where a change goes: a new kind of file event is planning, a new
//! per-file check is processing, anything that writes or publishes is the commit protocol. On
//! open, [`migrate`] refuses a folder whose tables were written with another schema version.

mod commit;
pub mod corpus;
mod migrate;
mod plan;
pub mod process;

use crate::config::{Options, PARSE_META, TOKENS_META};
use anyhow::{Context, Result};
use chrono::Utc;
use export::store::Store;
use export::Tables;
use extract::Pipeline;
use ingest::ledger::{Commit, FileRecord, FileStatus, Ledger};
use ingest::lock::OutLock;
use ingest::scan::{self, FileStat};
use model::WorkItem;
use plan::{backlog_batch, same_format, Scope, MAX_BATCH_BYTES};
use process::worker_pool;
use std::collections::{BTreeMap, HashMap, HashSet};
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

/// What a pass tells its caller as it goes (`lede run`'s bar, `lede watch`'s status line). Called
/// from the worker threads too, hence `Sync`; every method does nothing by default, and `()` is
/// the caller that listens to nothing.
pub trait Progress: Sync {
    /// After each scan of the inbox: `waiting` changes not processed yet (ready, held back, still
    /// being written, deleted), the oldest modification time among the files in nanoseconds.
    fn scanned(&self, _waiting: u64, _oldest_ns: Option<i64>) {}
    /// A batch of `files` ready files starts, of `ready` ready now (the rest go in the next ones).
    fn batch(&self, _files: u64, _ready: u64) {}
    /// One file was cleaned and extracted into `articles` articles (not yet committed).
    fn file(&self, _articles: u64) {}
    /// A batch was committed.
    fn committed(&self, _batch: &PassStats) {}
}

impl Progress for () {}

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

    /// A folder lede refuses is left as it was found: what it would replace is checked before
    /// anything is created, and what opening a new folder created is removed again if opening
    /// fails after that (models that do not load, a full disk).
    fn open_with(opts: Options, rebuild: bool) -> Result<Engine> {
        refuse_foreign(&opts)?;
        let out = opts.out.clone();
        let state = out.join(".lede");
        let (out_existed, state_existed) = (out.exists(), state.exists());
        std::fs::create_dir_all(&state)
            .with_context(|| format!("cannot create {}", state.display()))?;
        let mut lock = Some(OutLock::acquire(&state.join("lock"))?);
        let opened = Engine::open_locked(opts, rebuild, &mut lock);
        if opened.is_err() && !state_existed && lock.is_some() {
            // Still ours (the lock is held): nobody else has used the new folder.
            undo_new_folder(&out, out_existed);
        }
        opened
    }

    fn open_locked(mut opts: Options, rebuild: bool, lock: &mut Option<OutLock>) -> Result<Engine> {
        let state = opts.out.join(".lede");
        let ledger_path = state.join("state.sqlite");
        let mut store = Store::open(&opts.out)?;
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
            // A folder with the opt-in table: the rebuild that the message names keeps it.
            let flags = if std::fs::symlink_metadata(opts.out.join(export::Table::Tokens.name()))
                .is_ok_and(|m| m.file_type().is_symlink())
            {
                " --tokens"
            } else {
                ""
            };
            anyhow::bail!(
                "{} holds published tables but its ledger {} is missing or empty: refusing to \
                 replace them with empty tables. Restore the ledger, or run `lede rebuild INBOX --out {}{flags}` \
                 to discard the tables and process the inbox again from zero",
                opts.out.display(),
                ledger_path.display(),
                opts.out.display()
            );
        }
        let tables = folder_tables(&ledger, committed, &opts)?;
        migrate::check_schema(&ledger, committed, tables, &opts)?;
        store.set_tables(tables);
        opts.tokens = tables.tokens;
        opts.no_parse = !folder_parses(&ledger, committed, &opts)?;
        let removed = store.recover(committed)?;
        if !removed.is_empty() {
            tracing::warn!(snapshots = ?removed, "recovery removed uncommitted snapshots of an interrupted batch");
        }
        let pipeline = process::load_pipeline(&opts.models, !opts.no_parse)?;
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
            _lock: lock.take().expect("the lock is held"),
        };
        if committed.is_none() {
            // A fresh output folder: publish empty tables so queries work from the start.
            if let Err(e) = engine.commit(
                Commit::default(),
                Vec::new(),
                HashMap::new(),
                Vec::new(),
                HashMap::new(),
            ) {
                // Give the lock back to the caller, which undoes a new folder under it.
                *lock = Some(engine._lock);
                return Err(e);
            }
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

    /// The tables of the output folder (with the opt-in ones it was created with).
    pub fn tables(&self) -> Tables {
        self.store.tables()
    }

    pub fn ledger(&self) -> &Ledger {
        &self.ledger
    }

    /// Processes everything ready in the inbox, batch after batch, until nothing ready is left or
    /// `stop` is set (between batches).
    pub fn pass(&mut self, stop: &AtomicBool, progress: &dyn Progress) -> Result<PassStats> {
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
            let mut oldest: Option<i64> = None;
            for (path, stat) in &scanned {
                // Unchanged, or quarantined (failed --max-tries versions: not read again until it is
                // deleted or renamed).
                if known
                    .get(path)
                    .is_some_and(|k| k.stat == *stat || k.status == FileStatus::Quarantined)
                {
                    continue;
                }
                oldest = Some(oldest.map_or(stat.mtime_ns, |o| o.min(stat.mtime_ns)));
                if stat.is_settled(self.opts.settle, now) {
                    ready.push((path.clone(), *stat));
                } else {
                    pending += 1;
                }
            }
            stats.pending = pending;
            progress.scanned(pending + (ready.len() + deleted.len()) as u64, oldest);
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
            progress.batch(ready.len() as u64, total);
            let b = self.batch(&known, deleted, ready, progress)?;
            if b.batches == 0 {
                // Nothing could be committed (every ready file changed while being read): let the
                // caller wait for them to settle instead of spinning.
                stats.pending += b.pending;
                return Ok(stats);
            }
            progress.committed(&b);
            stats.batches += 1;
            stats.files_processed += b.files_processed;
            stats.articles_added += b.articles_added;
            stats.articles_removed += b.articles_removed;
            stats.failures += b.failures;
            stats.articles_moved += b.articles_moved;
        }
    }
}

/// Refuses, before anything is created, an output folder where lede's links would replace
/// something that is not lede's: a real file or folder named `current` or like a table.
fn refuse_foreign(opts: &Options) -> Result<()> {
    let names = std::iter::once(export::store::CURRENT).chain(
        export::Table::ALL
            .iter()
            .filter(|t| opts.tokens || **t != export::Table::Tokens)
            .map(|t| t.name()),
    );
    for name in names {
        let path = opts.out.join(name);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| !m.file_type().is_symlink()) {
            anyhow::bail!(
                "{} is not lede's: lede keeps a link named {name} in its output folder. Move it \
                 away or choose another --out; {} was left as it was",
                path.display(),
                opts.out.display()
            );
        }
    }
    Ok(())
}

/// Removes what opening a new output folder created: `.lede/`, lede's links, and the folder itself
/// when it did not exist.
fn undo_new_folder(out: &std::path::Path, out_existed: bool) {
    let _ = std::fs::remove_dir_all(out.join(".lede"));
    if let Ok(entries) = std::fs::read_dir(out) {
        for e in entries.flatten() {
            let points_in = std::fs::read_link(e.path()).is_ok_and(|t| t.starts_with(".lede"));
            if points_in {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    if !out_existed {
        let _ = std::fs::remove_dir(out);
    }
}

/// The tables of the output folder: those asked for when it is new (no committed version: a new
/// folder, or one `lede rebuild` emptied), remembered by its ledger; else those it remembers.
/// `--tokens` on a folder created without it is refused: the articles already processed would have
/// no rows, a half-filled table. Without the flag, a folder created with it keeps the table.
/// Whether the folder's articles are parsed (the syntax and coreference stages run): fixed when the
/// folder is created (`--no-parse`), remembered in the ledger (see [`PARSE_META`]).
fn folder_parses(ledger: &Ledger, committed: Option<u64>, opts: &Options) -> Result<bool> {
    if committed.is_none() {
        ledger.set_meta(PARSE_META, if opts.no_parse { "0" } else { "1" })?;
        return Ok(!opts.no_parse);
    }
    let parses = ledger.meta(PARSE_META)?.as_deref() != Some("0");
    if parses && opts.no_parse {
        anyhow::bail!(
            "{out} was created with the parse: --no-parse now would give the articles already \
             processed and the new ones different speakers. Run `lede rebuild INBOX --out {out} \
             --no-parse` to process the inbox again from zero without it, or drop --no-parse",
            out = opts.out.display()
        );
    }
    if !parses && !opts.no_parse {
        tracing::info!(out = %opts.out.display(), "the folder was created with --no-parse: its articles are not parsed");
    }
    Ok(parses)
}

fn folder_tables(ledger: &Ledger, committed: Option<u64>, opts: &Options) -> Result<Tables> {
    if committed.is_none() {
        // Written before the first commit: a crash before it leaves no committed version, and the
        // next start writes it again.
        ledger.set_meta(TOKENS_META, if opts.tokens { "1" } else { "0" })?;
        return Ok(Tables {
            tokens: opts.tokens,
        });
    }
    let has = ledger.meta(TOKENS_META)?.as_deref() == Some("1");
    if opts.tokens && !has {
        anyhow::bail!(
            "{out} was created without the tokens table: --tokens now would leave the articles \
             already processed without rows. Run `lede rebuild INBOX --out {out} --tokens` to \
             discard the tables and process the inbox again from zero with it, or drop --tokens",
            out = opts.out.display()
        );
    }
    if has && !opts.tokens {
        tracing::info!(out = %opts.out.display(), "the folder was created with --tokens: the tokens table is kept current");
    }
    Ok(Tables { tokens: has })
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
        progress: &dyn Progress,
    ) -> Result<PassStats> {
        let started = Instant::now();
        let mut commit = Commit {
            delete_files: deleted.clone(),
            ..Commit::default()
        };
        let mut stats = PassStats::default();
        let at = Utc::now();
        let items = self.read_ready(known, ready, &mut commit, &mut stats, at);

        // Files whose content was already processed (a copy or a rename) are not extracted again,
        // unless their articles need a new owner path (see below).
        let seen = self
            .ledger
            .articles_of_hashes(items.iter().map(|(i, _)| i.content_hash.as_str()))?;
        let (fresh, copies): (Vec<_>, Vec<_>) = items
            .into_iter()
            .partition(|(item, _)| !seen.contains_key(&item.content_hash));
        let mut processed = self.process_all(fresh, progress);
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
        processed.extend(self.process_all(extra, progress));

        let added = self.record(processed, known, &scope, &need, &mut commit, &mut stats, at);
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
        // Every failure of the batch (unreadable, clean, extract, export), counted and logged
        // once it is committed: what the logs name is what `failures` and `lede status` hold.
        stats.failures = commit.set_failures.len() as u64;
        let failures: Vec<(String, String, String, u32)> = commit
            .set_failures
            .iter()
            .map(|f| {
                let quarantined = commit
                    .upsert_files
                    .iter()
                    .any(|(p, r)| *p == f.source_path && r.status == FileStatus::Quarantined);
                let tries = if quarantined { 0 } else { f.tries };
                (
                    f.source_path.clone(),
                    f.stage.clone(),
                    f.message.clone(),
                    tries,
                )
            })
            .collect();
        self.commit(
            commit,
            added,
            scope.existing,
            remove.into_iter().collect(),
            relocate,
        )?;
        for (file, stage, reason, tries) in failures {
            if tries == 0 {
                tracing::warn!(
                    file,
                    stage,
                    reason,
                    "file failed, quarantined: not read again until it changes (--max-tries)"
                );
            } else {
                tracing::warn!(file, stage, reason, "file failed");
            }
        }
        stats.batches = 1;
        Ok(stats)
    }

    /// Number of live part files per table.
    pub fn part_count(&self) -> Result<usize> {
        Ok(self.ledger.parts()?.len())
    }
}
