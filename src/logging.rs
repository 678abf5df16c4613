//! Logging on stderr with tracing: human text by default, JSON lines with `--log-format json`,
//! warnings only with `--quiet`; `RUST_LOG` overrides the level.

use tracing_subscriber::EnvFilter;

pub fn init(quiet: bool, json: bool) {
    let default = if quiet { "warn" } else { "info" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_target(false);
    if json {
        builder.json().init();
    } else {
        builder.compact().init();
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
        tracing::warn!(at, "a stage panicked; the article is recorded as a failure");
    }));
}
