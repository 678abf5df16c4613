//! Fixtures shared by the clean tests and its bench (which includes this file with `#[path]`):
//! the files under `tests/fixtures/` and a [`WorkItem`] around any bytes.
#![allow(dead_code)]

use model::WorkItem;

/// The bytes of `tests/fixtures/<rel>`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{rel}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// `bytes` as the file `path`, unhashed, with no mtime.
pub fn item(path: &str, bytes: Vec<u8>) -> WorkItem {
    WorkItem {
        source_path: path.to_string(),
        content_hash: String::new(),
        bytes,
        modified: None,
    }
}
