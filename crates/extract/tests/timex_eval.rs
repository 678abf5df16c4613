//! Scorer runs on gold corpora, for development: `LEDE_TIMEX_DIR=<dir> cargo test --release -p extract
//! --test timex_eval -- --ignored --nocapture` (TempEval-3 `.tml`), `LEDE_MEANTIME_DIR=<dir>` for MEANTIME.
//! `LEDE_TIMEX_ERRORS=1` lists the misses.

use std::path::Path;

#[test]
#[ignore]
fn tempeval_dir() {
    let dir = std::env::var("LEDE_TIMEX_DIR").unwrap_or_else(|_| {
        "/work/shared/data/tempeval3_timebank/data/TempEval3/Training/TBAQ-cleaned".into()
    });
    print!(
        "{}",
        extract::timex::eval_tempeval(Path::new(&dir)).unwrap()
    );
}

#[test]
#[ignore]
fn meantime_dir() {
    let dir = std::env::var("LEDE_MEANTIME_DIR").unwrap_or_else(|_| {
        "/work/shared/data/meantime_newsreader_en/data/meantime_newsreader_english_oct15/intra-doc_annotation".into()
    });
    print!(
        "{}",
        extract::timex::eval_meantime(Path::new(&dir)).unwrap()
    );
}
