//! Fuzz `clean` with arbitrary bytes under every extension: it must never panic, its text must
//! be NFC, and a cleaned plain text must clean to itself.
#![no_main]

use clean::{clean, detect_format, CleanOptions, Format};
use libfuzzer_sys::fuzz_target;
use model::WorkItem;

fn item(path: &str, bytes: &[u8]) -> WorkItem {
    WorkItem {
        source_path: path.to_string(),
        content_hash: String::new(),
        bytes: bytes.to_vec(),
        modified: None,
    }
}

fuzz_target!(|data: &[u8]| {
    let opts = CleanOptions::default();
    for path in ["a.txt", "a.md", "a.html", "a.json", "a.jsonl"] {
        for a in clean(&item(path, data), &opts).into_iter().flatten() {
            assert!(unicode_normalization::is_nfc(&a.text));
            if path == "a.txt"
                && a.format == "text"
                && detect_format("a.txt", a.text.as_bytes()) == Format::Text
            {
                let again = clean(&item(path, a.text.as_bytes()), &opts)
                    .remove(0)
                    .expect("cleans again");
                assert_eq!(again.text, a.text);
            }
        }
    }
});
