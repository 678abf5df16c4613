//! Processing one file in isolation: clean, then extract each of its articles and check that its
//! rows can be built, on a pool of large-stack workers, under one time budget per file. Whatever
//! goes wrong (an error, a panic, a broken budget) becomes a `(stage, message)` failure of that file;
//! nothing escapes to the batch.

use crate::config::Options;
use anyhow::{Context, Result};
use chrono::Utc;
use export::build::{self, ArticleRecord};
use extract::Pipeline;
use ingest::scan::FileStat;
use model::{CleanArticle, Extraction, WorkItem};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A processed file: its articles with their extraction, and its failures.
pub struct Processed {
    pub path: String,
    pub stat: FileStat,
    pub hash: String,
    pub articles: Vec<(CleanArticle, Extraction)>,
    pub failures: Vec<(String, String)>,
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

/// Cleans and extracts one file (never panics out: a panic or a broken budget becomes a failure).
pub fn process(pipeline: &Pipeline, engine: &Options, item: WorkItem, stat: FileStat) -> Processed {
    let mut out = Processed {
        path: item.source_path.clone(),
        stat,
        hash: item.content_hash.clone(),
        articles: Vec::new(),
        failures: Vec::new(),
    };
    // One deadline for the whole file: cleaning and every article of it.
    let budget = extract::Budget::with_time(engine.article_timeout);
    let cleaned = match catch_unwind(AssertUnwindSafe(|| clean::clean(&item, &engine.clean))) {
        Ok(c) => c,
        Err(p) => {
            out.failures.push((
                "clean".into(),
                format!("panic while cleaning: {}", panic_message(&p)),
            ));
            return out;
        }
    };
    for result in cleaned {
        match result.map_err(|e| ("clean", e.to_string())).and_then(|a| {
            let x = extract_one(pipeline, &a, &budget)?;
            Ok((a, x))
        }) {
            Ok(done) => out.articles.push(done),
            Err((stage, message)) => out.failures.push((stage.into(), message)),
        }
    }
    out
}

/// Extracts one article and checks that its rows can be built, each step isolated: an error, a
/// panic or a broken budget is `(stage, message)` naming the article's line in a JSONL file.
fn extract_one(
    pipeline: &Pipeline,
    article: &CleanArticle,
    budget: &extract::Budget,
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
        build::per_article_batches(&record, 0, Utc::now())
    })) {
        Ok(Ok(_)) => Ok(x),
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
