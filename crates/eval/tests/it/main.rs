//! The eval crate's integration tests, one binary: each module tests one scorer or reader
//! through the public API (the scorers' own unit tests sit beside them in `src/`). Tests on gold
//! corpora read `../shared/data` beside the repository (or `$LEDE_GOLD`) through [`gold`], which
//! says `skipped: ...` when the data is absent, or fails the test when `LEDE_REQUIRE_GOLD=1`
//! (CI, where the data is present).

mod events;
mod html;
mod ner;
mod syntax;
mod timex;

use std::io::Write;
use std::path::{Path, PathBuf};

/// The gold data folder: `$LEDE_GOLD`, or `../shared/data` beside the repository.
fn gold_root() -> PathBuf {
    std::env::var_os("LEDE_GOLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
}

/// A path under the gold data folder, or `None` when it is absent: then the calling test returns
/// early after `skipped: <test>: <path> not found` is written straight to stderr (not through
/// `eprintln!`, which the test harness captures, so `cargo test` shows the line without
/// `--nocapture`). With `LEDE_REQUIRE_GOLD=1` an absent path fails the test instead.
fn gold(rel: &str) -> Option<PathBuf> {
    let path = gold_root().join(rel);
    if path.exists() {
        return Some(path);
    }
    let shown = match std::env::var_os("LEDE_GOLD") {
        Some(_) => path.display().to_string(),
        None => format!("../shared/data/{rel}"),
    };
    let test = std::thread::current().name().unwrap_or("test").to_string();
    if std::env::var_os("LEDE_REQUIRE_GOLD").is_some_and(|v| v == "1") {
        panic!("{shown} not found and LEDE_REQUIRE_GOLD=1 (set LEDE_GOLD to the gold data folder)");
    }
    let line =
        format!("skipped: {test}: {shown} not found (set LEDE_GOLD to the gold data folder)\n");
    std::io::stderr().lock().write_all(line.as_bytes()).ok();
    None
}
