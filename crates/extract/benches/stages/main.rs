//! The extraction stages' criterion benches, one binary (one link for CI's test build instead of
//! six, issue 21); a module a stage. `cargo bench -p extract --bench stages -- GROUP` runs one
//! group: `ner`, `syntax`, `quotes`, `events`, `clustering`, `cameo_lexicon`, `timex`, `scaling`.

use criterion::{criterion_group, criterion_main};

#[path = "../../tests/it/support.rs"]
mod support;

mod events;
mod ner;
mod quotes;
mod scaling;
mod syntax;
mod timex;

criterion_group!(
    benches,
    ner::bench,
    syntax::bench,
    quotes::bench,
    events::bench,
    timex::bench,
    scaling::bench
);
criterion_main!(benches);
