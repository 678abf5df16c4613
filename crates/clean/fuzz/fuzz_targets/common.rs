//! What every target checks, for each article `clean` makes of the input, as `lede` processes it:
//! `clean` returns (no panic, no stack overflow, no hang: libFuzzer's `-timeout`), one result or
//! more, every article's text is NFC and not empty; then the whole extraction runs on it within a
//! per-article time budget (as `lede run --article-timeout` does) and stays inside every cap of
//! `extract::budget` (no budget escape): it finishes or stops with the budget error having used
//! at most the budget plus a small grace of CPU time (CPU, not wall time, so that a fuzzer starved
//! by a busy machine reports no false escape; the budget itself is wall time, which only stops an
//! article sooner), with at most `MAX_QUOTES` quotes of at most `MAX_QUOTE_CHARS` chars
//! and no sentence over `MAX_SENTENCE_TOKENS` tokens.

use clean::{clean, CleanOptions};
use extract::budget::{MAX_QUOTES, MAX_QUOTE_CHARS, MAX_SENTENCE_TOKENS};
use extract::{Budget, ExtractError, Pipeline, Resources};
use model::WorkItem;
use std::path::Path;
use std::sync::OnceLock;
use std::time::Duration;

/// The per-article time budget of the fuzzed extraction, and the grace allowed past it (the
/// stages read the clock every few dozen iterations).
const BUDGET: Duration = Duration::from_millis(1500);
const GRACE: Duration = Duration::from_millis(250);

/// The shipped models and lexicons, loaded once per fuzzing process.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../data");
        Pipeline::new(Resources::load(&data).expect("models load from data/"))
    })
}

/// Cleans `data` as the file `path` and extracts every article, checking what each must be.
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
        let started = thread_cpu_time();
        let result = pipeline().run_with(&a, &Budget::with_time(BUDGET));
        let took = thread_cpu_time().saturating_sub(started);
        assert!(took <= BUDGET + GRACE, "extraction escaped its budget: {took:?} of CPU");
        match result {
            Ok(x) => {
                assert!(x.quotes.len() <= MAX_QUOTES, "{} quotes", x.quotes.len());
                for q in &x.quotes {
                    assert!(q.text.chars().count() <= MAX_QUOTE_CHARS, "quote too long");
                }
                for s in &x.sentences {
                    assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS, "sentence too long");
                }
            }
            Err(ExtractError::Budget { .. }) => {}
            Err(e) => panic!("extraction failed: {e}"),
        }
    }
}

/// CPU time this thread has used.
fn thread_cpu_time() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes one timespec through a valid pointer.
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}
