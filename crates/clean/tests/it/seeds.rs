//! Golden tests on the five real seed articles (copies of `data/sample/*.txt` in
//! `tests/fixtures/seeds/`): metadata, the exact list of removed blocks, and every paragraph of
//! the real body still present word for word.

use chrono::NaiveDate;
use clean::{clean, CleanOptions};
use model::{CleanArticle, DateSource, RemovedBlock, WorkItem};

const TITLE_002: &str =
    "The talks between Russia and NATO ended fruitlessly, and the door of the talks was not closed?";

fn fixture(name: &str) -> Vec<u8> {
    crate::support::fixture(&format!("seeds/{name}"))
}

fn run(name: &str) -> (String, CleanArticle) {
    let bytes = fixture(name);
    let item = WorkItem {
        source_path: format!("sample/{name}"),
        content_hash: blake3::hash(&bytes).to_hex().to_string(),
        bytes: bytes.clone(),
        modified: None,
    };
    let mut out = clean(&item, &CleanOptions::default());
    assert_eq!(out.len(), 1);
    let a = out.remove(0).expect("seed cleans");
    assert_eq!(a.format, "text");
    assert_eq!(a.unit, None);
    assert_eq!(a.source_path, item.source_path);
    assert_eq!(a.content_hash, item.content_hash);
    assert_eq!(a.article_id, blake3::hash(&bytes).to_hex()[..16]);
    assert_eq!(a.language.as_deref(), Some("en"));
    (String::from_utf8(bytes).unwrap(), a)
}

fn rm(kind: &str, text: &str) -> RemovedBlock {
    RemovedBlock {
        kind: kind.into(),
        text: text.into(),
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Every paragraph of the original that is not a removed block is in the text, once the removed
/// pieces glued to it (date header, dateline, credits) are taken out; and cleaning the cleaned
/// text changes nothing.
fn body_is_kept(original: &str, a: &CleanArticle) {
    for para in original.split("\n\n") {
        let mut p = para.split_whitespace().collect::<Vec<_>>().join(" ");
        if p.is_empty() || a.removed.iter().any(|r| r.text == p) {
            continue;
        }
        for r in &a.removed {
            p = p.replace(&r.text, "");
        }
        let p = p.trim();
        assert!(a.text.contains(p), "paragraph lost: {p:?}");
    }
    assert!(!a.text.contains("\n\n\n"));
    let again = clean::text::clean_text(&a.text, None);
    assert_eq!(again.text, a.text, "cleaning is not idempotent");
}

#[test]
fn seed_000_date_header_and_lead_author() {
    let (orig, a) = run("000_cb95377f110488cb.txt");
    assert_eq!(a.title, None);
    assert_eq!(a.published, date(2022, 1, 12));
    assert_eq!(a.published_from, Some(DateSource::Header));
    assert_eq!(a.byline.as_deref(), Some("Jenni Jeskanen"));
    assert_eq!(a.dateline, None);
    assert!(a.credits.is_empty());
    assert_eq!(a.removed, vec![rm("date_header", "date 2022-01-12")]);
    assert!(a
        .text
        .starts_with("According to the statements made by Russia,"));
    body_is_kept(&orig, &a);
}

#[test]
fn seed_001_caption_and_credit_line() {
    let (orig, a) = run("001_71161054fa49cb52.txt");
    assert_eq!(a.title, None);
    assert_eq!(a.published, date(2022, 1, 12));
    assert_eq!(a.published_from, Some(DateSource::Header));
    assert_eq!(a.byline, None);
    assert_eq!(a.dateline, None);
    assert_eq!(a.credits, ["EFE", "Reuters"]);
    assert_eq!(
        a.removed,
        vec![
            rm("date_header", "date 2022-01-12"),
            rm(
                "caption",
                "United States Under Secretary of State Wendy Sherman holds a press conference at NATO \
                 headquarters in Brussels, Belgium, on January 12, 2022. © Johanna Geron / Reuters"
            ),
            rm("credit", "With EFE and Reuters"),
        ]
    );
    // Subheadings are body: kept.
    assert!(a.text.contains("\n\nThe concerns of the West\n\n"));
    assert!(a
        .text
        .ends_with("Organization for Security and Cooperation in Europe."));
    body_is_kept(&orig, &a);
}

#[test]
fn seed_002_title_byline_repeated_titles_text_date() {
    let (orig, a) = run("002_3734a19be76f42cc.txt");
    assert_eq!(a.title.as_deref(), Some(TITLE_002));
    // "On January 13, according to ... reports": stated in the text, year from December 3, 2021.
    assert_eq!(a.published, date(2022, 1, 13));
    assert_eq!(a.published_from, Some(DateSource::Text));
    assert_eq!(a.byline.as_deref(), Some("yqqlm yqqlm"));
    assert_eq!(a.dateline, None);
    assert!(a.credits.is_empty());
    assert_eq!(
        a.removed,
        vec![
            rm("title", TITLE_002),
            rm("byline", "By yqqlm yqqlm"),
            rm("repeated_title", TITLE_002),
            rm("repeated_title", &format!("{TITLE_002}(1)")),
            rm("repeated_title", &format!("{TITLE_002}(2)")),
        ]
    );
    assert!(a
        .text
        .starts_with("On January 13, according to comprehensive foreign media reports"));
    assert!(!a.text.contains("door of the talks was not closed"));
    body_is_kept(&orig, &a);
}

#[test]
fn seed_003_dateline_and_glued_credits() {
    let (orig, a) = run("003_8aac02441589c102.txt");
    assert_eq!(a.title, None);
    assert_eq!(a.published, None, "no date is stated: none is invented");
    assert_eq!(a.published_from, None);
    assert_eq!(a.byline, None);
    assert_eq!(a.dateline.as_deref(), Some("BRUSSELS"));
    assert_eq!(a.credits, ["NYT", "W", "POST", "AP", "REUTERS"]);
    assert_eq!(
        a.removed,
        vec![
            rm("dateline", "BRUSSELS –"),
            rm("credit", "/ NYT, W, POST, AP and REUTERS")
        ]
    );
    assert!(a
        .text
        .starts_with("The meeting between the military alliance"));
    assert!(a.text.ends_with("which left Russia weakened for years."));
    body_is_kept(&orig, &a);
}

#[test]
fn seed_004_title_and_comment_form() {
    let (orig, a) = run("004_6c01302419d617b7.txt");
    assert_eq!(
        a.title.as_deref(),
        Some("NATO is in security dialogue with Russia, despite the main differences")
    );
    assert_eq!(a.published, None);
    assert_eq!(a.byline, None);
    assert_eq!(a.dateline, None);
    assert!(a.credits.is_empty());
    assert_eq!(
        a.removed,
        vec![
            rm(
                "title",
                "NATO is in security dialogue with Russia, despite the main differences"
            ),
            rm("boilerplate", "Leave a Comment"),
            rm(
                "boilerplate",
                "No comments yet. Why don’t you start the discussion?"
            ),
            rm("boilerplate", "Leave a Reply"),
            rm("boilerplate", "Your email address will not be published."),
        ]
    );
    assert!(a
        .text
        .ends_with("that they are just normal training practices."));
    body_is_kept(&orig, &a);
}

#[test]
fn mtime_only_when_asked() {
    let bytes = fixture("003_8aac02441589c102.txt");
    let mtime = chrono::DateTime::parse_from_rfc3339("2022-01-14T08:00:00Z")
        .unwrap()
        .to_utc();
    let item = WorkItem {
        source_path: "003.txt".into(),
        content_hash: String::new(),
        bytes,
        modified: Some(mtime),
    };
    let a = clean(&item, &CleanOptions::default()).remove(0).unwrap();
    assert_eq!(a.published, None);
    let opts = CleanOptions {
        date_from_mtime: true,
    };
    let a = clean(&item, &opts).remove(0).unwrap();
    assert_eq!(a.published, date(2022, 1, 14));
    assert_eq!(a.published_from, Some(DateSource::Mtime));
}
