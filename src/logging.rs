//! Logging on stderr with tracing: human text by default, JSON lines with `--log-format json` (one
//! object per line, for `jq`), warnings only with `--quiet`; `RUST_LOG` overrides the level.
//!
//! On a terminal, a progress display (`lede run`'s bar, `lede watch`'s status line) registered with
//! [`show_above`] is cleared while a log line is written and drawn again below it, so that the two
//! never mix on one line.
//!
//! Libraries that log through the `log` crate are forwarded to tracing; the notification
//! library's own notes (e.g. `unable to remove watch descriptor` after a watched subfolder is
//! deleted: harmless, the scan is the truth) are demoted to debug: `RUST_LOG=debug` shows them.

use indicatif::ProgressBar;
use std::io::{IsTerminal, Write};
use std::sync::Mutex;
use tracing_subscriber::EnvFilter;

/// The progress display log lines are written above, if any.
static ACTIVE_BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// Log lines from now on are written above `bar` (cleared, then drawn again); `None` when it is
/// gone.
pub fn show_above(bar: Option<ProgressBar>) {
    if let Ok(mut active) = ACTIVE_BAR.lock() {
        *active = bar;
    }
}

/// One log event, written to stderr whole when dropped (the formatter writes an event in pieces),
/// around the active progress display.
struct EventWriter(Vec<u8>);

impl Write for EventWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Drop for EventWriter {
    fn drop(&mut self) {
        let write = || {
            let _ = std::io::stderr().lock().write_all(&self.0);
        };
        let bar = ACTIVE_BAR.lock().ok().and_then(|b| b.clone());
        match bar {
            Some(b) if !b.is_hidden() => b.suspend(write),
            _ => write(),
        }
    }
}

fn event_writer() -> EventWriter {
    EventWriter(Vec::with_capacity(256))
}

/// The filter without `RUST_LOG`.
pub fn default_filter(quiet: bool) -> &'static str {
    if quiet {
        "warn"
    } else {
        "info"
    }
}

pub fn init(quiet: bool, json: bool) {
    let filter =
        EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_filter(quiet)));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(event_writer)
        .with_target(false);
    let set = if json {
        tracing::subscriber::set_global_default(builder.json().flatten_event(true).finish())
    } else {
        // Colours only on a terminal: a log file or a pipe gets plain text.
        tracing::subscriber::set_global_default(
            builder
                .with_ansi(std::io::stderr().is_terminal())
                .compact()
                .finish(),
        )
    };
    if set.is_ok() && log::set_boxed_logger(Box::new(LogBridge)).is_ok() {
        log::set_max_level(log::LevelFilter::Trace);
    }
}

/// `log` records into tracing events, with the notification library's demoted to debug.
struct LogBridge;

/// Whether a `log` record comes from the filesystem-notification crates.
fn from_notify(target: &str) -> bool {
    target.starts_with("notify") || target.starts_with("inotify")
}

/// Whether a `log` record comes from the HTML parser, whose warnings are notes on the page's
/// markup (`foster parenting not implemented`), not on lede's run.
fn from_html_parser(target: &str) -> bool {
    target.starts_with("html5ever") || target.starts_with("markup5ever")
}

/// The level a `log` record is logged at.
pub fn bridged_level(target: &str, level: log::Level) -> log::Level {
    if (from_notify(target) && level == log::Level::Info) || from_html_parser(target) {
        log::Level::Debug
    } else {
        level
    }
}

impl log::Log for LogBridge {
    fn enabled(&self, m: &log::Metadata) -> bool {
        tracing_log::AsTrace::as_trace(&bridged_level(m.target(), m.level()))
            <= tracing::level_filters::LevelFilter::current()
    }

    fn log(&self, record: &log::Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let level = bridged_level(record.target(), record.level());
        let demoted = log::Record::builder()
            .args(*record.args())
            .level(level)
            .target(record.target())
            .module_path(record.module_path())
            .file(record.file())
            .line(record.line())
            .build();
        let _ = tracing_log::format_trace(&demoted);
    }

    fn flush(&self) {}
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

#[cfg(test)]
mod tests {
    use super::bridged_level;
    use log::Level;

    #[test]
    fn the_notification_library_notes_are_debug() {
        assert_eq!(bridged_level("notify::inotify", Level::Info), Level::Debug);
        assert_eq!(bridged_level("notify::inotify", Level::Warn), Level::Warn);
        assert_eq!(
            bridged_level("html5ever::tree_builder", Level::Warn),
            Level::Debug
        );
        assert_eq!(bridged_level("rusqlite", Level::Info), Level::Info);
    }
}
