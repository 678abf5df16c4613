//! `lede watch`: the engine as a daemon. Notifications are hints, the scan is the truth: every wake-up
//! (a notification, the settle time of a pending file, the reconcile period, or `--poll`) runs a
//! full pass. A missing inbox is reported and waited for. SIGINT/SIGTERM finish the batch in flight
//! (it is committed) and exit 0. On a terminal, a status line below the logs shows the lag, the
//! pending files, the articles done, the throughput and the failures ([`WatchStatus`]).
//!
//! A failed pass (a full disk, an I/O error) is followed by the startup recovery ([`Engine::recover`]:
//! what the failed commit left is removed, the committed snapshot published) and a retry after a
//! growing pause; after `--max-failed-passes` failures in a row the daemon exits non-zero, so that a
//! supervisor restarts it (and an operator sees it) instead of a process that retries forever.

use crate::commands::{stop_flag, Ui};
use crate::config::Options;
use crate::engine::{Engine, Progress};
use crate::progress::WatchStatus;
use anyhow::Result;
use ingest::watch::InboxWatcher;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

pub struct WatchOptions {
    /// Poll instead of notifications.
    pub poll: Option<Duration>,
    /// Scan at least this often.
    pub reconcile: Duration,
    /// Compact above this many parts.
    pub compact_parts: usize,
    /// Exit non-zero after this many failed passes in a row (0: never).
    pub max_failed_passes: u32,
    /// How long a superseded snapshot is kept for its readers.
    pub keep_snapshots: Duration,
}

/// Sleeps up to `d` in small steps, returning early when `stop` is set.
fn sleep_unless(stop: &AtomicBool, d: Duration) {
    let until = Instant::now() + d;
    while !stop.load(Ordering::SeqCst) && Instant::now() < until {
        std::thread::sleep(Duration::from_millis(50).min(until - Instant::now()));
    }
}

/// One pass, then compaction when the tables have too many parts.
fn pass(
    engine: &mut Engine,
    stop: &AtomicBool,
    compact_parts: usize,
    progress: &dyn Progress,
) -> Result<crate::engine::PassStats> {
    let started = Instant::now();
    let stats = engine.pass(stop, progress)?;
    if stats.batches > 0 {
        tracing::info!(
            took = crate::human::duration(started.elapsed()),
            files = stats.files_processed,
            added = stats.articles_added,
            removed = stats.articles_removed,
            moved = stats.articles_moved,
            failures = stats.failures,
            "committed"
        );
        if engine.part_count()? > compact_parts {
            let (before, after) = engine.compact(20_000)?;
            tracing::info!(before, after, "compacted part files");
        }
    }
    Ok(stats)
}

pub fn watch(opts: Options, w: WatchOptions, ui: Ui) -> Result<ExitCode> {
    let inbox = opts.inbox.clone();
    let settle = opts.settle;
    let mut engine = Engine::open(opts)?;
    engine.set_keep_snapshots(w.keep_snapshots);
    let stop = stop_flag()?;
    let mut failed_passes: u32 = 0;
    tracing::info!(inbox = %inbox.display(), "watching");
    let status = ui.shows_progress().then(WatchStatus::draw);
    let progress: &dyn Progress = match &status {
        Some(s) => s,
        None => &(),
    };
    let mut watcher: Option<InboxWatcher> = None;
    let mut inbox_missing_logged = false;
    while !stop.load(Ordering::SeqCst) {
        if !inbox.is_dir() {
            if !inbox_missing_logged {
                tracing::warn!(inbox = %inbox.display(), "inbox does not exist (yet): waiting for it");
                inbox_missing_logged = true;
            }
            watcher = None;
            sleep_unless(&stop, Duration::from_secs(1));
            continue;
        }
        if inbox_missing_logged {
            tracing::info!(inbox = %inbox.display(), "inbox is back");
            inbox_missing_logged = false;
        }
        if w.poll.is_none() && watcher.is_none() {
            match InboxWatcher::new(&inbox) {
                Ok(x) => watcher = Some(x),
                Err(e) => {
                    tracing::warn!(error = %e, "notifications unavailable, polling every second")
                }
            }
        }
        let stats = match pass(&mut engine, &stop, w.compact_parts, progress) {
            Ok(s) => {
                failed_passes = 0;
                s
            }
            Err(e) => {
                // The inbox vanished mid-scan, a full disk...: report, recover, wait, try again.
                failed_passes += 1;
                tracing::error!(error = %format!("{e:#}"), failed_passes, "pass failed");
                if w.max_failed_passes > 0 && failed_passes >= w.max_failed_passes {
                    anyhow::bail!(
                        "{failed_passes} passes failed in a row, the last with: {e:#}; exiting so that a supervisor restarts lede"
                    );
                }
                if let Err(r) = engine.recover() {
                    tracing::error!(error = %format!("{r:#}"), "recovery after the failed pass failed");
                }
                watcher = None;
                let pause = Duration::from_secs(1 << (failed_passes - 1).min(5));
                tracing::info!(
                    retry_in = crate::human::duration(pause),
                    "retrying after recovery"
                );
                sleep_unless(&stop, pause);
                continue;
            }
        };
        // Next wake-up: a pending file's settle time, a notification, or the reconcile period.
        let mut wait = w.poll.unwrap_or(w.reconcile);
        if stats.pending > 0 {
            wait = wait.min(settle.max(Duration::from_millis(100)));
        }
        match (&watcher, w.poll) {
            (Some(x), None) => {
                let until = Instant::now() + wait;
                while !stop.load(Ordering::SeqCst) && Instant::now() < until {
                    if x.wait(Duration::from_millis(200).min(until - Instant::now())) {
                        // Let a burst land before scanning.
                        sleep_unless(&stop, Duration::from_millis(100));
                        break;
                    }
                }
            }
            (None, None) => sleep_unless(&stop, wait.min(Duration::from_secs(1))),
            (_, Some(_)) => sleep_unless(&stop, wait),
        }
    }
    drop(status);
    tracing::info!("stopped cleanly");
    Ok(ExitCode::SUCCESS)
}
