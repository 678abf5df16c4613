//! What every target checks: `clean` returns (no panic, no stack overflow, no hang: libFuzzer's
//! `-timeout`), one result or more, and every article's text is NFC and not empty.

use clean::{clean, CleanOptions};
use model::WorkItem;

/// Cleans `data` as the file `path`, checking what every article must be.
pub fn check(path: &str, data: &[u8]) {
    let item = WorkItem {
        source_path: path.to_string(),
        content_hash: String::new(),
        bytes: data.to_vec(),
        modified: None,
    };
    let out = clean(&item, &CleanOptions::default());
    assert!(!out.is_empty(), "no result for {path}");
    for a in out.into_iter().flatten() {
        assert!(unicode_normalization::is_nfc(&a.text));
        assert!(a.text.chars().any(char::is_alphanumeric));
    }
}
