//! Fuzz the JSON and JSON Lines readers: arbitrary bytes as `a.json` and as `a.jsonl`.
#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check("a.json", data);
    common::check("a.jsonl", data);
});
