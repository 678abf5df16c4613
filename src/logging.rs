//! Logging on stderr with tracing: human text by default, JSON lines with `--log-format json` (one
//! object per line, for `jq`), warnings only with `--quiet`; `RUST_LOG` overrides the level.
//!
//! The default filter keeps the notification library's own messages (e.g. `unable to remove watch
//! descriptor` after a watched subfolder is deleted: harmless, the scan is the truth) at debug:
//! `RUST_LOG=debug` shows them.

use std::io::IsTerminal;
use tracing_subscriber::EnvFilter;

/// The filter without `RUST_LOG`.
pub fn default_filter(quiet: bool) -> String {
    let level = if quiet { "warn" } else { "info" };
    format!("{level},notify=warn,inotify=warn")
}

pub fn init(quiet: bool, json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter(quiet)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    if json {
        builder.json().flatten_event(true).init();
    } else {
        // Colours only on a terminal: a log file or a pipe gets plain text.
        builder
            .with_ansi(std::io::stderr().is_terminal())
            .compact()
            .init();
    }
}

/// A panic inside a stage is caught and becomes a `failures` row; log it as one line, not a
/// backtrace on stderr.
pub fn quiet_panics() {
    std::panic::set_hook(Box::new(|info| {
        let at = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let worker = std::thread::current()
            .name()
            .is_some_and(|n| n.starts_with("lede-worker"));
        if worker {
            // The failure event (file, stage, reason) follows when the batch commits.
            tracing::debug!(at, "a stage panicked; the article is recorded as a failure");
        } else {
            let message = info
                .payload()
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| info.payload().downcast_ref::<String>().cloned())
                .unwrap_or_default();
            tracing::error!(at, message, "panic");
        }
    }));
}
