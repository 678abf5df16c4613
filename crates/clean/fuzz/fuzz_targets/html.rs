//! Fuzz the HTML reader: arbitrary bytes as `page.html` (HTML when they hold a `<`), and with an
//! HTML head put before them, so that even bytes without a tag go through readability.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check("page.html", data);
    let mut page = b"<html><body>".to_vec();
    page.extend_from_slice(data);
    common::check("page.html", &page);
});
