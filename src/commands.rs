//! `lede run`, `lede rebuild`, `lede status`, `lede compact` and `lede path`.

use crate::config::Options;
use crate::engine::{Engine, PassStats};
use crate::progress::RunBar;
use anyhow::{bail, Context, Result};
use ingest::ledger::{FileStatus, Ledger};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Longest `lede run` waits for files that are still being written.
const RUN_MAX_WAIT: Duration = Duration::from_secs(60);

/// SIGINT/SIGTERM set the returned flag (checked between batches).
pub fn stop_flag() -> Result<Arc<AtomicBool>> {
    let stop = Arc::new(AtomicBool::new(false));
    for sig in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("installing signal handlers")?;
    }
    Ok(stop)
}

/// What the user sees of a command: `--quiet`, `--log-format json`.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ui {
    /// Warnings and errors only: no progress bar, no summary.
    pub quiet: bool,
    /// JSON lines on stderr: the summary is an event there too, and stdout stays empty (a reader
    /// of `lede --log-format json run ... 2>&1 | jq` gets only JSON).
    pub json: bool,
}

impl Ui {
    /// Whether a progress display is drawn: on a terminal, with human logs, without `--quiet`.
    pub fn shows_progress(self) -> bool {
        !self.quiet && !self.json && std::io::stderr().is_terminal()
    }
}

/// How `lede run` (or `lede rebuild`) opens the output folder.
#[derive(Clone, Copy, Debug)]
pub struct RunMode {
    /// `lede rebuild`: discard the ledger and the published tables first, then process from zero.
    pub rebuild: bool,
    /// `--keep-snapshots`: how long a superseded snapshot stays for the readers on it.
    pub keep_snapshots: Duration,
}

impl Default for RunMode {
    fn default() -> RunMode {
        RunMode {
            rebuild: false,
            keep_snapshots: export::store::DEFAULT_KEEP,
        }
    }
}

pub fn run(opts: Options, mode: RunMode, ui: Ui) -> Result<ExitCode> {
    if !opts.inbox.is_dir() {
        bail!(
            "inbox {} does not exist or is not a folder",
            opts.inbox.display()
        );
    }
    let out = opts.out.clone();
    let settle = opts.settle;
    let mut engine = if mode.rebuild {
        Engine::rebuild(opts)?
    } else {
        Engine::open(opts)?
    };
    engine.set_keep_snapshots(mode.keep_snapshots);
    let stop = stop_flag()?;
    let bar = ui.shows_progress().then(RunBar::draw);
    let progress: &dyn crate::engine::Progress = match &bar {
        Some(b) => b,
        None => &(),
    };
    let started = Instant::now();
    let mut total = PassStats::default();
    loop {
        let s = engine.pass(&stop, progress)?;
        total.batches += s.batches;
        total.files_processed += s.files_processed;
        total.articles_added += s.articles_added;
        total.articles_removed += s.articles_removed;
        total.articles_moved += s.articles_moved;
        total.failures += s.failures;
        total.pending = s.pending;
        if s.pending == 0
            || stop.load(std::sync::atomic::Ordering::SeqCst)
            || started.elapsed() > RUN_MAX_WAIT
        {
            break;
        }
        // Files still being written: wait for them to settle.
        std::thread::sleep(settle.clamp(Duration::from_millis(50), Duration::from_secs(1)));
    }
    drop(bar);
    let took = started.elapsed();
    let standing = engine.ledger().failures()?.len();
    if ui.json {
        tracing::info!(
            files = total.files_processed,
            added = total.articles_added,
            removed = total.articles_removed,
            moved = total.articles_moved,
            failures = total.failures,
            failures_standing = standing,
            still_being_written = total.pending,
            seconds = took.as_secs_f64(),
            took = crate::human::duration(took),
            out = %out.display(),
            "run finished"
        );
    } else if !ui.quiet {
        use crate::human::count;
        println!(
            "lede: {} processed in {}: +{}, -{}, {}{} in this run{}",
            count(total.files_processed, "file"),
            crate::human::duration(took),
            count(total.articles_added, "article"),
            count(total.articles_removed, "article"),
            if total.articles_moved > 0 {
                format!("{} moved (not re-extracted), ", total.articles_moved)
            } else {
                String::new()
            },
            count(total.failures, "failure"),
            if total.pending > 0 {
                format!(", {} still being written", count(total.pending, "file"))
            } else {
                String::new()
            }
        );
        // What status lists: every failure still standing, this run's and earlier ones.
        if standing > 0 {
            println!(
                "      {} in all (this run's and earlier ones): `lede status --out {}` lists them",
                if standing == 1 {
                    "1 failure stands".to_string()
                } else {
                    format!("{} failures stand", crate::human::int(standing as u64))
                },
                out.display()
            );
        }
        let names: Vec<&str> = engine.tables().all().map(|t| t.name()).collect();
        println!("tables: {}/{{{}}}", out.display(), names.join(","));
        println!(
            "look:   lede report --out {}   (one HTML page: timeline, speakers, entities, failures)",
            out.display()
        );
        println!(
            "query:  SELECT canonical, label, n_mentions, n_articles FROM read_parquet('{}/entity_catalog/*.parquet') ORDER BY n_mentions DESC LIMIT 10\n        \
             (DuckDB, or `just query \"...\"` in lede's source tree; pandas, polars and Spark read the same files)",
            out.display()
        );
        println!(
            "while `lede watch` commits, read one snapshot: $(lede path --out {})/<table>/*.parquet",
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

pub fn compact(
    out: &Path,
    models: extract::ModelSource,
    max_articles: usize,
    keep_snapshots: Duration,
) -> Result<ExitCode> {
    let inbox = open_existing(out)?
        .meta("inbox")?
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("."));
    let opts = Options {
        inbox,
        out: out.to_path_buf(),
        models,
        settle: Duration::ZERO,
        max_batch: crate::config::DEFAULT_MAX_BATCH,
        max_wait: Duration::ZERO,
        max_file_bytes: crate::config::DEFAULT_MAX_FILE_BYTES,
        max_tries: crate::config::DEFAULT_MAX_TRIES,
        article_timeout: Duration::from_secs_f64(crate::config::DEFAULT_ARTICLE_TIMEOUT_SECS),
        scan: ingest::scan::ScanOptions::default(),
        clean: clean::CleanOptions::default(),
        // Compaction keeps the tables the folder has: the engine reads them from its ledger.
        tokens: false,
        no_parse: false,
    };
    let mut engine = Engine::open(opts)?;
    engine.set_keep_snapshots(keep_snapshots);
    let (before, after) = engine.compact(max_articles)?;
    println!("lede compact: {before} parts per table before, {after} after");
    Ok(ExitCode::SUCCESS)
}

/// `lede path --out OUT [TABLE]`: the folder of the published snapshot (or of one table in it), a
/// path that does not change while it is read: it lives until superseded for `--keep-snapshots`.
pub fn path(out: &Path, table: Option<&str>) -> Result<ExitCode> {
    let link = out.join(export::store::CURRENT);
    let snap = link.canonicalize().with_context(|| {
        format!(
            "{} holds no published lede tables (no {})",
            out.display(),
            link.display()
        )
    })?;
    let dir = match table {
        None => snap,
        Some(t) => {
            if !export::Table::ALL.iter().any(|x| x.name() == t) {
                let names: Vec<&str> = export::Table::ALL.iter().map(|x| x.name()).collect();
                bail!("no table {t}: the tables are {}", names.join(", "));
            }
            let dir = snap.join(t);
            if !dir.is_dir() {
                bail!(
                    "{} has no {t} table: it was created without --{t}",
                    out.display()
                );
            }
            dir
        }
    };
    println!("{}", dir.display());
    Ok(ExitCode::SUCCESS)
}

fn open_existing(out: &Path) -> Result<Ledger> {
    let path = out.join(".lede").join("state.sqlite");
    if !path.is_file() {
        bail!(
            "{} holds no lede output (no {})",
            out.display(),
            path.display()
        );
    }
    Ok(Ledger::open(&path)?)
}

pub fn status(out: &Path, json: bool) -> Result<ExitCode> {
    let ledger = open_existing(out)?;
    let files = ledger.files()?;
    let articles = ledger.articles()?;
    let failures = ledger.failures()?;
    let last = ledger.last_batch()?;
    let inbox = ledger.meta("inbox")?;
    let tokens = ledger.meta(crate::config::TOKENS_META)?.as_deref() == Some("1");
    let count = |s: FileStatus| files.values().filter(|f| f.status == s).count();
    let (done, failed, quarantined) = (
        count(FileStatus::Done),
        count(FileStatus::Failed),
        count(FileStatus::Quarantined),
    );
    // Pending: what a scan of the inbox sees that the ledger does not have as it is.
    let mut pending = 0usize;
    let mut oldest_pending: Option<i64> = None;
    let mut deleted = 0usize;
    let mut inbox_note = None;
    if let Some(inbox) = &inbox {
        match ingest::scan::scan(Path::new(inbox), ingest::scan::ScanOptions::default()) {
            Ok(scanned) => {
                for (p, st) in scanned.all() {
                    if files
                        .get(p)
                        .is_none_or(|f| f.stat != *st && f.status != FileStatus::Quarantined)
                    {
                        pending += 1;
                        oldest_pending =
                            Some(oldest_pending.map_or(st.mtime_ns, |o| o.min(st.mtime_ns)));
                    }
                }
                deleted = files.keys().filter(|p| !scanned.contains(p)).count();
            }
            Err(e) => inbox_note = Some(e.to_string()),
        }
    }
    let now_ns = chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0);
    let lag_secs = oldest_pending.map(|o| (now_ns - o) as f64 / 1e9);
    if json {
        let v = serde_json::json!({
            "out": out.display().to_string(),
            "inbox": inbox,
            "snapshot": ledger.committed_version()?,
            "opt_in_tables": if tokens { vec!["tokens"] } else { Vec::<&str>::new() },
            "articles": articles.len(),
            "files": {"done": done, "failed": failed, "quarantined": quarantined},
            "pending": pending,
            "deleted_pending": deleted,
            "lag_seconds": lag_secs,
            "inbox_error": inbox_note,
            "last_batch": last.as_ref().map(|b| serde_json::json!({
                "batch_id": b.batch_id, "committed_at": b.committed_at, "files": b.n_files,
                "added": b.n_added, "removed": b.n_removed, "failed": b.n_failed, "millis": b.millis})),
            "failures": failures.iter().map(|f| serde_json::json!({
                "source_path": f.source_path, "content_hash": f.content_hash, "stage": f.stage,
                "message": f.message, "tries": f.tries, "at": f.at.to_rfc3339()})).collect::<Vec<_>>(),
        });
        println!("{}", serde_json::to_string_pretty(&v)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("lede status of {}", out.display());
    println!("  inbox        {}", inbox.as_deref().unwrap_or("(unknown)"));
    if let Some(n) = inbox_note {
        println!("               {n}");
    }
    println!(
        "  snapshot     {}",
        ledger
            .committed_version()?
            .map_or("none".into(), |v| v.to_string())
    );
    println!(
        "  articles     {} live",
        crate::human::int(articles.len() as u64)
    );
    if tokens {
        println!("  tables       with tokens (the folder was created with --tokens)");
    }
    println!(
        "  files        {} done, {failed} failed, {quarantined} quarantined",
        crate::human::int(done as u64)
    );
    if quarantined > 0 {
        println!("               (quarantined files are not read again until deleted or renamed)");
    }
    let files_new = crate::human::count(pending as u64, "file");
    match lag_secs {
        Some(l) => println!(
            "  pending      {files_new} new or changed (oldest {} ago), {deleted} deleted",
            crate::human::seconds(l)
        ),
        None => println!("  pending      {files_new} new or changed, {deleted} deleted"),
    }
    if let Some(b) = last {
        use crate::human::count;
        println!(
            "  last batch   #{} at {}: {}, +{} -{}, {}, {}",
            b.batch_id,
            chrono::DateTime::parse_from_rfc3339(&b.committed_at)
                .map(|t| t.format("%Y-%m-%d %H:%M:%S %:z").to_string())
                .unwrap_or_else(|_| b.committed_at.clone()),
            count(b.n_files, "file"),
            b.n_added,
            count(b.n_removed, "article"),
            count(b.n_failed, "failure"),
            crate::human::duration(Duration::from_millis(b.millis))
        );
    }
    if !failures.is_empty() {
        println!(
            "  failures     {}",
            crate::human::int(failures.len() as u64)
        );
        for f in &failures {
            println!(
                "    {} [{}, tries {}]: {}",
                f.source_path, f.stage, f.tries, f.message
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
