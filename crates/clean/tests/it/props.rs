//! Properties of `clean` on generated input: it never panics, its text is NFC with paragraphs
//! separated by exactly one blank line, and cleaning a cleaned text gives it back unchanged.

use clean::{clean, detect_format, CleanOptions, Format};
use proptest::prelude::*;
use unicode_normalization::is_nfc;

use crate::support::item;

/// Pieces that exercise the rules: headers, datelines, bylines, captions, credits, junk,
/// combining marks, control characters and odd line breaks.
const PIECES: &[&str] = &[
    " date 2022-01-12 ",
    "Date: 2022-01-13\n",
    "---\ntitle: T\n---\n",
    "BRUSSELS – ",
    "KYIV, Jan 12 (Reuters) - ",
    "By yqqlm yqqlm",
    "By the way",
    "The talks ended fruitlessly?",
    "(1)",
    "(2)",
    "Wendy Sherman in Brussels. © Johanna Geron / Reuters",
    "With EFE and Reuters",
    "./ NYT, W, POST, AP and REUTERS",
    "Leave a Reply",
    "No comments yet. Why don’t you start the discussion?",
    "Your email address will not be published.",
    "On January 13, according to reports,",
    "on December 3, 2021 local time",
    "12 January 2022",
    "“Quoted,” he said.",
    "Gruško",
    "e\u{301}",
    "\u{301}",
    "\u{7}",
    "\u{0}",
    "\u{feff}",
    "\u{200b}",
    "\u{a0}",
    "\t",
    "\r\n",
    "\r",
    "\n",
    "\n\n",
    "\n \n",
    "\u{2029}",
    " ",
    ".",
    "Share this article",
    "Advertisement",
];

fn text_input() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        3 => proptest::sample::select(PIECES).prop_map(str::to_string),
        2 => "[A-Za-z ,.?!“”’]{0,60}",
        1 => "\\PC{0,20}",
        1 => any::<String>(),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

fn paths() -> impl Strategy<Value = &'static str> {
    proptest::sample::select(&["a.txt", "a.md", "a.html", "a.json", "a.jsonl", "a"][..])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..3000), path in paths()) {
        let _ = clean(&item(path, bytes), &CleanOptions::default());
    }

    #[test]
    fn output_is_nfc_and_well_formed(s in text_input(), path in paths()) {
        for a in clean(&item(path, s.into_bytes()), &CleanOptions::default()).into_iter().flatten() {
            prop_assert!(is_nfc(&a.text));
            prop_assert!(a.title.as_deref().is_none_or(is_nfc));
            prop_assert!(!a.text.contains("\n\n\n"));
            prop_assert!(!a.text.starts_with(char::is_whitespace) && !a.text.ends_with(char::is_whitespace));
            prop_assert!(!a.text.chars().any(|c| c.is_control() && c != '\n'));
            prop_assert!(a.text.split("\n\n").all(|p| !p.contains('\n') && !p.contains("  ")));
            prop_assert_eq!(a.article_id.len(), 16);
        }
    }

    #[test]
    fn cleaning_is_idempotent_on_text(s in text_input()) {
        let opts = CleanOptions::default();
        let first = clean(&item("a.txt", s.into_bytes()), &opts).remove(0);
        if let Ok(a) = first {
            // A cleaned text that now reads as JSON or HTML is another format: not this property.
            prop_assume!(detect_format("a.txt", a.text.as_bytes()) == Format::Text);
            let again = clean(&item("a.txt", a.text.clone().into_bytes()), &opts).remove(0);
            let again = again.expect("a cleaned text cleans again");
            prop_assert_eq!(again.text, a.text);
        }
    }
}

#[test]
fn seeds_are_fixed_points() {
    let dir = format!("{}/tests/fixtures/seeds", env!("CARGO_MANIFEST_DIR"));
    for e in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(e.unwrap().path()).unwrap();
        let a = clean(&item("s.txt", bytes), &CleanOptions::default())
            .remove(0)
            .unwrap();
        let b = clean(
            &item("s.txt", a.text.clone().into_bytes()),
            &CleanOptions::default(),
        )
        .remove(0)
        .unwrap();
        assert_eq!(a.text, b.text);
    }
}
