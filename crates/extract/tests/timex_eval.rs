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

#[test]
#[ignore]
fn debug_text() {
    let text = std::env::var("LEDE_TEXT").unwrap_or_default();
    let date = std::env::var("LEDE_DATE").ok();
    let tokens = extract::tokenize::tokenize(&text);
    let sentences = extract::sentences::split(&text, &tokens);
    let doc = extract::doc::Doc {
        text: &text,
        published: date.and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d").ok()),
        tokens: &tokens,
        sentences: &sentences,
        entities: &[],
    };
    for t in extract::timex::extract(&doc) {
        println!("{:?} {:?}", t.text, t.value);
    }
}
