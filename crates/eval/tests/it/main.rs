//! The eval crate's integration tests, one binary: each module tests one scorer or reader
//! through the public API (the scorers' own unit tests sit beside them in `src/`). Tests on gold
//! corpora read `../shared/data` beside the source tree (or `$LEDE_GOLD`) and say when it is
//! absent.

mod events;
mod html;
mod ner;
mod syntax;
mod timex;

use std::path::{Path, PathBuf};

/// A path under the gold data folder.
fn gold(rel: &str) -> PathBuf {
    std::env::var_os("LEDE_GOLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"))
        .join(rel)
}
