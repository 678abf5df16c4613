//! Fuzz the plain text and Markdown readers (and decoding): arbitrary bytes as `a.txt` and
//! `a.md`; a cleaned plain text read as plain text again must clean to itself.
#![no_main]

#[path = "common.rs"]
mod common;

use clean::{clean, detect_format, CleanOptions, Format};
use libfuzzer_sys::fuzz_target;
use model::WorkItem;

fn item(bytes: &[u8]) -> WorkItem {
    WorkItem {
        source_path: "a.txt".to_string(),
        content_hash: String::new(),
        bytes: bytes.to_vec(),
        modified: None,
    }
}

fuzz_target!(|data: &[u8]| {
    common::check("a.txt", data);
    common::check("a.md", data);
    let opts = CleanOptions::default();
    for a in clean(&item(data), &opts).into_iter().flatten() {
        if a.format == "text" && detect_format("a.txt", a.text.as_bytes()) == Format::Text {
            let again = clean(&item(a.text.as_bytes()), &opts)
                .remove(0)
                .expect("cleans again");
            assert_eq!(again.text, a.text);
        }
    }
});
