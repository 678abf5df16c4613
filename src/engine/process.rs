//! Processing one file in isolation: clean, then extract each of its articles and check that its
//! rows can be built, on a pool of large-stack workers, under one time budget per file. Whatever
//! goes wrong (an error, a panic, a broken budget) becomes a `(stage, message)` failure of that file;
//! nothing escapes to the batch.

use super::plan::Scope;
use super::{Engine, PassStats, Progress};
use crate::config::Options;
use anyhow::{Context, Result};
use chrono::DateTime;
use chrono::Utc;
use export::build::{self, ArticleRecord};
use extract::Pipeline;
use ingest::ledger::{Commit, FileRecord};
use ingest::scan::{self, FileStat, ReadOutcome};
use model::Failure;
use model::{CleanArticle, Extraction, WorkItem};
use rayon::prelude::*;
use std::collections::{BTreeSet, HashMap, HashSet};

use std::panic::{catch_unwind, AssertUnwindSafe};

/// A processed file: its articles with their extraction, and its failures.
pub struct Processed {
    pub path: String,
    pub stat: FileStat,
    pub hash: String,
    pub articles: Vec<(CleanArticle, Extraction)>,
    pub failures: Vec<Failure>,
}

/// Stack of each worker thread. Every stage is meant to use a stack bounded independently of the
/// input (iterative walks, capped nesting); this is the margin behind that promise, since a stack
/// overflow aborts the whole process and cannot be caught like a panic. Only touched pages cost
/// memory.
const WORKER_STACK: usize = 256 << 20;

/// The pool of clean + extract workers: one per core, each with [`WORKER_STACK`].
pub fn worker_pool() -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("lede-worker-{i}"))
        .build()
        .context("starting the worker threads")
}

/// What processing one item (a file, or a row of a table given to the Python package) needs of
/// the options: its time budget, how to clean, and the tables whose rows must build.
#[derive(Clone, Debug, Default)]
pub struct ItemOptions {
    /// Time budget of the item's cleaning and extraction (`--article-timeout`).
    pub article_timeout: std::time::Duration,
    pub clean: clean::CleanOptions,
    pub tables: export::Tables,
}

impl Options {
    /// The options [`process_item`] takes.
    pub fn item_options(&self) -> ItemOptions {
        ItemOptions {
            article_timeout: self.article_timeout,
            clean: self.clean.clone(),
            tables: export::Tables {
                tokens: self.tokens,
            },
        }
    }
}

/// The models `lede run` loads: the syntax model unless the output folder is not parsed
/// (`--no-parse`).
pub fn load_pipeline(models: &extract::ModelSource, parse: bool) -> Result<Pipeline> {
    let resources =
        extract::Resources::from_source(models, parse).with_context(|| match models {
            extract::ModelSource::Builtin => "loading the models built into lede".into(),
            extract::ModelSource::Dir(d) => format!(
                "loading models from {} (--data or $LEDE_DATA: a folder with \
                 models/ner.bin and models/syntax.bin; leave both unset to use the \
                 models built into lede)",
                d.display()
            ),
        })?;
    Ok(Pipeline::new(resources))
}

/// Cleans and extracts one file (never panics out: a panic or a broken budget becomes a failure).
pub fn process(pipeline: &Pipeline, engine: &Options, item: WorkItem, stat: FileStat) -> Processed {
    let (articles, failures) = process_item(pipeline, &engine.item_options(), &item, &|_| {});
    Processed {
        path: item.source_path,
        stat,
        hash: item.content_hash,
        articles,
        failures,
    }
}

/// Cleans one item and extracts each of its articles, checking that their rows can be built:
/// the articles with their extraction, and the failures (a panic or a broken budget is one). The
/// one path from bytes to rows, shared by `lede run` and the Python package (`crates/python`);
/// `edit` changes an article between cleaning and extraction (the Python package's `title` and
/// `published` columns), `lede run` edits nothing.
pub fn process_item(
    pipeline: &Pipeline,
    opts: &ItemOptions,
    item: &WorkItem,
    edit: &(dyn Fn(&mut CleanArticle) + Sync),
) -> (Vec<(CleanArticle, Extraction)>, Vec<Failure>) {
    let (mut articles, mut failures) = (Vec::new(), Vec::new());
    let (path, hash) = (&item.source_path, &item.content_hash);
    // One deadline for the whole item: cleaning and every article of it.
    let budget = extract::Budget::with_time(opts.article_timeout);
    let cleaned = match catch_unwind(AssertUnwindSafe(|| clean::clean(item, &opts.clean))) {
        Ok(c) => c,
        Err(p) => {
            let message = format!("panic while cleaning: {}", panic_message(&p));
            failures.push(Failure::new(path, hash, "clean", message));
            return (articles, failures);
        }
    };
    for result in cleaned {
        match result
            .map_err(|e| ("clean", e.to_string()))
            .and_then(|mut a| {
                edit(&mut a);
                let x = extract_one(pipeline, &a, &budget, opts.tables)?;
                Ok((a, x))
            }) {
            Ok(done) => articles.push(done),
            Err((stage, message)) => failures.push(Failure::new(path, hash, stage, message)),
        }
    }
    (articles, failures)
}

/// Extracts one article and checks that its rows can be built, each step isolated: an error, a
/// panic or a broken budget is `(stage, message)` naming the article's line in a JSONL file.
fn extract_one(
    pipeline: &Pipeline,
    article: &CleanArticle,
    budget: &extract::Budget,
    tables: export::Tables,
) -> Result<Extraction, (&'static str, String)> {
    let unit = unit_prefix(article);
    let x = match catch_unwind(AssertUnwindSafe(|| pipeline.run_with(article, budget))) {
        Ok(Ok(x)) => x,
        Ok(Err(e)) => return Err(("extract", unit + &e.to_string())),
        Err(p) => {
            let m = panic_message(&p);
            return Err(("extract", format!("{unit}panic during extraction: {m}")));
        }
    };
    // The rows are built again at commit, with the whole batch: an article whose own rows cannot
    // be built must fail here, alone, rather than fail the batch's commit.
    let record = [ArticleRecord {
        article,
        extraction: &x,
    }];
    match catch_unwind(AssertUnwindSafe(|| {
        build::per_article_batches(&record, 0, Utc::now(), tables)
    })) {
        Ok(Ok(_)) => Ok(slim(x, tables)),
        Ok(Err(e)) => Err(("export", format!("{unit}cannot build its rows: {e}"))),
        Err(p) => {
            let m = panic_message(&p);
            Err((
                "export",
                format!("{unit}panic while building its rows: {m}"),
            ))
        }
    }
}

/// `x` without what no table of `tables` reads: the tokens, the parse and the coreference
/// mentions are written only to the tokens table, so without it they are dropped here rather than
/// held until the batch commits (about a third of the memory of a run with the parse).
fn slim(mut x: Extraction, tables: export::Tables) -> Extraction {
    if !tables.tokens {
        x.tokens = Vec::new();
        x.syntax = Default::default();
        x.mentions = Vec::new();
    }
    x
}

pub fn unit_prefix(a: &CleanArticle) -> String {
    a.unit.map(|u| format!("line {u}: ")).unwrap_or_default()
}

/// The panic's message, cut to a readable length (slicing panics quote the whole text).
pub fn panic_message(p: &Box<dyn std::any::Any + Send>) -> String {
    let m = p
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    match m.char_indices().nth(300) {
        Some((cut, _)) => format!("{}...", &m[..cut]),
        None => m,
    }
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
    pub(super) fn read(&self, path: &str, stat: FileStat) -> Result<ReadOutcome> {
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
    /// Each file done is reported to `progress`.
    pub(super) fn process_all(
        &self,
        items: Vec<(WorkItem, FileStat)>,
        progress: &dyn Progress,
    ) -> Vec<Processed> {
        let (pipeline, opts) = (&self.pipeline, &self.opts);
        self.workers.install(|| {
            items
                .into_par_iter()
                .map(|(item, stat)| {
                    let done = process(pipeline, opts, item, stat);
                    progress.file(done.articles.len() as u64);
                    done
                })
                .collect()
        })
    }

    /// Reads and hashes the ready files; a touched file with the same bytes only updates its stat,
    /// an unreadable one becomes a failure.
    pub(super) fn read_ready(
        &self,
        known: &HashMap<String, FileRecord>,
        ready: Vec<(String, FileStat)>,
        commit: &mut Commit,
        stats: &mut PassStats,
        at: DateTime<Utc>,
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
            commit.set_failures.push(Failure {
                tries,
                at,
                ..Failure::new(&path, "", "read", message)
            });
        }
        items
    }

    /// The owner files of needed articles that this batch did not process (a copy whose original
    /// went, in another format): read them to process now.
    pub(super) fn reprocess(
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
}
