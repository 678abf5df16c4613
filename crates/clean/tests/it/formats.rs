//! Fixtures written for the other inputs: an HTML news page with navigation, ads, related links
//! and comments; JSON; JSON Lines with a broken line; Windows-1252; UTF-16; empty; binary junk.

use chrono::NaiveDate;
use clean::{clean, CleanError, CleanOptions};
use model::{CleanArticle, DateSource, WorkItem};

fn item(name: &str) -> WorkItem {
    let bytes = crate::support::fixture(name);
    WorkItem {
        source_path: name.to_string(),
        content_hash: blake3::hash(&bytes).to_hex().to_string(),
        bytes,
        modified: None,
    }
}

fn one(name: &str) -> CleanArticle {
    let mut out = clean(&item(name), &CleanOptions::default());
    assert_eq!(out.len(), 1);
    out.remove(0).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn kinds_of<'a>(a: &'a CleanArticle, text: &str) -> Vec<&'a str> {
    a.removed
        .iter()
        .filter(|r| r.text.contains(text))
        .map(|r| r.kind.as_str())
        .collect()
}

#[test]
fn html_news_page() {
    let a = one("news_page.html");
    assert_eq!(a.format, "html");
    assert_eq!(
        a.title.as_deref(),
        Some("Alliance and Moscow end talks without a deal")
    );
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 1, 12));
    assert_eq!(a.published_from, Some(DateSource::Metadata));
    assert_eq!(a.byline.as_deref(), Some("Marta Kowalska"));
    assert_eq!(a.dateline.as_deref(), Some("BRUSSELS"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://ledger.example/world/2022/01/12/alliance-moscow-talks")
    );
    assert_eq!(a.language.as_deref(), Some("en"));
    // The body: four paragraphs, in order, nothing else.
    let paras: Vec<&str> = a.text.split("\n\n").collect();
    assert_eq!(paras.len(), 4, "{:#?}", paras);
    assert!(paras[0].starts_with("Four hours of talks between the alliance"));
    assert!(paras[1].starts_with("“There are significant differences"));
    assert!(paras[3].ends_with("for the first time this week."));
    // Everything else is recorded, with where it came from.
    assert_eq!(kinds_of(&a, "Business"), ["navigation"]);
    assert_eq!(kinds_of(&a, "Save 50%"), ["boilerplate"]);
    assert_eq!(kinds_of(&a, "Five things to know"), ["related"]);
    assert_eq!(kinds_of(&a, "Great analysis"), ["comments"]);
    assert_eq!(kinds_of(&a, "All rights reserved"), ["footer"]);
    assert_eq!(kinds_of(&a, "Photo: Jane Roe"), ["caption"]);
    assert_eq!(kinds_of(&a, "Sign up for our newsletter"), ["boilerplate"]);
    assert_eq!(kinds_of(&a, "BRUSSELS"), ["dateline"]);
    for junk in [
        "window.dataLayer",
        "font-family",
        "Home",
        "Leave a Reply",
        "Cookie",
    ] {
        assert!(!a.text.contains(junk), "{junk} left in the text");
    }
}

#[test]
fn json_article() {
    let a = one("article.json");
    assert_eq!(a.format, "json");
    assert_eq!(
        a.title.as_deref(),
        Some("Grushko: Moscow will answer any threat")
    );
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 1, 13));
    assert_eq!(a.published_from, Some(DateSource::Metadata));
    assert_eq!(a.byline.as_deref(), Some("Ivan Petrov, Anna Berg"));
    assert_eq!(
        a.url.as_deref(),
        Some("https://news.example/2022/01/13/grushko")
    );
    assert_eq!(a.credits, ["AFP", "Reuters"]);
    assert_eq!(
        a.removed
            .iter()
            .map(|r| r.kind.as_str())
            .collect::<Vec<_>>(),
        ["repeated_title", "boilerplate", "credit"]
    );
    assert!(a
        .text
        .starts_with("Russia's deputy foreign minister Alexander Grushko said"));
    assert!(a.text.ends_with("he said after the meeting in Brussels."));
}

#[test]
fn jsonl_with_a_broken_line() {
    let it = item("articles.jsonl");
    let out = clean(&it, &CleanOptions::default());
    // Six lines, one blank: five results, in line order.
    assert_eq!(out.len(), 5);
    let a1 = out[0].as_ref().unwrap();
    assert_eq!((a1.format.as_str(), a1.unit), ("jsonl", Some(1)));
    assert_eq!(a1.title.as_deref(), Some("Talks open in Geneva"));
    assert_eq!(a1.url.as_deref(), Some("https://wire.example/1"));
    let line1 = it.bytes.split(|b| *b == b'\n').next().unwrap();
    assert_eq!(a1.article_id, blake3::hash(line1).to_hex()[..16]);
    assert_eq!(a1.content_hash, it.content_hash);
    assert_eq!(out[1].as_ref().unwrap().unit, Some(2));

    let e3 = out[2].as_ref().unwrap_err();
    assert!(matches!(e3, CleanError::Line { line: 3, .. }));
    let msg = e3.to_string();
    assert!(
        msg.starts_with("line 3: invalid JSON: EOF while parsing a string"),
        "{msg}"
    );

    let e5 = out[3].as_ref().unwrap_err().to_string();
    assert!(e5.starts_with("line 5: no article text found"), "{e5}");

    let a6 = out[4].as_ref().unwrap();
    assert_eq!(a6.unit, Some(6));
    assert_eq!(a6.title.as_deref(), Some("Vienna round ends"));
    assert_eq!(
        a6.text,
        "The third round ended in Vienna on Thursday.\n\nNo date was set for more talks."
    );
    assert_eq!(a6.published, NaiveDate::from_ymd_opt(2022, 1, 13));
}

#[test]
fn same_line_same_article_whatever_the_file() {
    let a = clean(&item("articles.jsonl"), &CleanOptions::default())
        .remove(0)
        .unwrap();
    let line = r#"{"title": "Talks open in Geneva", "text": "Talks opened in Geneva on Monday between the two delegations, officials said.", "published": "2022-01-10", "url": "https://wire.example/1"}"#;
    let other = WorkItem {
        source_path: "elsewhere/one.json".into(),
        content_hash: String::new(),
        bytes: line.as_bytes().to_vec(),
        modified: None,
    };
    let b = clean(&other, &CleanOptions::default()).remove(0).unwrap();
    assert_eq!(b.format, "json");
    assert_eq!(a.article_id, b.article_id);
}

#[test]
fn windows_1252() {
    let a = one("cp1252.txt");
    assert_eq!(a.title.as_deref(), Some("Café owners protest in Liège"));
    assert!(a.text.contains(
        "the cafés said the new rules were “impossible to follow” and that the minister’s plan"
    ));
}

#[test]
fn utf16_with_bom() {
    for name in ["utf16le_bom.txt", "utf16be_bom.txt"] {
        let a = one(name);
        assert_eq!(a.title.as_deref(), Some("Débat à Bruxelles"));
        assert_eq!(a.language.as_deref(), Some("fr"));
        assert!(a
            .text
            .starts_with("Le secrétaire général a déclaré que les « différences importantes »"));
    }
}

#[test]
fn empty_and_binary_files_are_clear_errors() {
    let e = clean(&item("empty.txt"), &CleanOptions::default());
    assert_eq!(e.len(), 1);
    assert_eq!(e[0].as_ref().unwrap_err().to_string(), "empty file");
    let e = clean(&item("junk.bin"), &CleanOptions::default());
    assert_eq!(
        e[0].as_ref().unwrap_err().to_string(),
        "binary content, not text (NUL bytes)"
    );
    let blank = WorkItem {
        source_path: "blank.txt".into(),
        content_hash: String::new(),
        bytes: b" \n\n\t \n".to_vec(),
        modified: None,
    };
    let e = clean(&blank, &CleanOptions::default());
    assert_eq!(
        e[0].as_ref().unwrap_err().to_string(),
        "no article text found"
    );
}

#[test]
fn html_by_content_whatever_the_extension() {
    let mut it = item("news_page.html");
    it.source_path = "download.txt".into();
    let a = clean(&it, &CleanOptions::default()).remove(0).unwrap();
    assert_eq!(a.format, "html");
    assert_eq!(
        a.title.as_deref(),
        Some("Alliance and Moscow end talks without a deal")
    );
}

#[test]
fn json_array_gives_one_article_per_element() {
    let json = r#"[{"title": "One", "text": "The first article is about the talks in Geneva on Monday."},
                   {"title": "Two"},
                   {"title": "Three", "content": "<p>The third article came <b>from HTML</b>.</p><p>Two paragraphs.</p>"}]"#;
    let it = WorkItem {
        source_path: "batch.json".into(),
        content_hash: String::new(),
        bytes: json.as_bytes().to_vec(),
        modified: None,
    };
    let out = clean(&it, &CleanOptions::default());
    assert_eq!(out.len(), 3);
    let a = out[0].as_ref().unwrap();
    assert_eq!((a.format.as_str(), a.unit), ("json", Some(1)));
    assert_eq!(
        out[1].as_ref().unwrap_err().to_string().split(" (").next(),
        Some("element 2: no article text found")
    );
    let c = out[2].as_ref().unwrap();
    assert_eq!(c.unit, Some(3));
    assert_eq!(
        c.text,
        "The third article came from HTML.\n\nTwo paragraphs."
    );
    assert_ne!(a.article_id, c.article_id);
}

fn html_item(bytes: Vec<u8>) -> WorkItem {
    WorkItem {
        source_path: "page.html".into(),
        content_hash: String::new(),
        bytes,
        modified: None,
    }
}

#[test]
fn short_html_page_falls_back_to_its_body() {
    let html = "<html><head><title>Short note</title></head><body><nav><a href='/'>Home</a></nav>\
                <p>The council meets again on Monday.</p></body></html>";
    let a = clean(&html_item(html.into()), &CleanOptions::default())
        .remove(0)
        .unwrap();
    assert_eq!(a.title.as_deref(), Some("Short note"));
    assert!(a.text.contains("The council meets again on Monday."));
    assert_eq!(a.published, None);
}

#[test]
fn html_in_a_legacy_charset_with_time_element() {
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">\
        </head><body><article><h1>".to_vec();
    // "Переговоры в Брюсселе" / "Переговоры закончились без соглашения..." in windows-1251.
    let (title, _, _) = encoding_rs::WINDOWS_1251.encode("Переговоры в Брюсселе");
    bytes.extend_from_slice(&title);
    bytes.extend_from_slice(b"</h1><time datetime=\"2022-01-12T10:00:00Z\">12.01.2022</time><p>");
    let body = "Переговоры между Россией и НАТО закончились в среду без соглашения, но стороны \
                готовы продолжать диалог о контроле над вооружениями и прозрачности учений.";
    bytes.extend_from_slice(&encoding_rs::WINDOWS_1251.encode(body).0);
    bytes.extend_from_slice(b"</p></article></body></html>");
    let a = clean(&html_item(bytes), &CleanOptions::default())
        .remove(0)
        .unwrap();
    assert_eq!(a.title.as_deref(), Some("Переговоры в Брюсселе"));
    assert_eq!(a.published, NaiveDate::from_ymd_opt(2022, 1, 12));
    assert_eq!(a.published_from, Some(DateSource::Metadata));
    assert_eq!(a.language.as_deref(), Some("ru"));
    assert!(a.text.contains(body));
}

/// `depth` nested start tags (`open`), a sentence, and the end tags (`close`, may be empty).
fn nested(open: &str, close: &str, depth: usize) -> WorkItem {
    let sentence = "The council met on Monday and agreed a budget for the coming year.";
    let html = format!(
        "<html><body>{}{sentence}{}</body></html>",
        open.repeat(depth),
        close.repeat(depth)
    );
    html_item(html.into_bytes())
}

/// Issue 14 item 1: 7,000 nested `<div>`s overflowed the stack and aborted the process. On the
/// test thread's 2 MiB stack, cleaning returns, keeps the text, and says what it dropped.
#[test]
fn deeply_nested_divs_are_flattened_not_a_crash() {
    for depth in [7_000, 100_000] {
        let out = clean(&nested("<div>", "</div>", depth), &CleanOptions::default());
        assert_eq!(out.len(), 1);
        let a = out[0].as_ref().unwrap_or_else(|e| panic!("{depth}: {e}"));
        assert!(a.text.contains("agreed a budget"), "{depth}: {}", a.text);
        let notes: Vec<_> = a.removed.iter().filter(|r| r.kind == "nesting").collect();
        assert_eq!(notes.len(), 1, "{depth}: {:?}", a.removed);
        // All but the 128 outermost.
        assert!(notes[0]
            .text
            .starts_with(&format!("{} HTML tag(s)", depth - 128)));
    }
}

/// Deep nesting of inline, formatting, table and list markup, closed or not: cleaning returns
/// (on the code before the cap, each of these aborted the test process).
#[test]
fn deep_inline_table_and_unclosed_nesting_returns() {
    let cases: &[(&str, &str)] = &[
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<b>", ""),
        ("<i class=x>", ""),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<table><tr><td>", ""),
        ("<p>", ""),
        ("<li>", ""),
        ("<ul><li>", ""),
        ("<div/>", ""),
        ("<blockquote>", ""),
        ("<svg>", ""),
        ("<span><div></span>", ""),
        ("<div><b class=a></div>", ""),
    ];
    for (open, close) in cases {
        let out = clean(&nested(open, close, 7_000), &CleanOptions::default());
        assert_eq!(out.len(), 1, "{open}");
        if let Ok(a) = &out[0] {
            assert!(a.text.contains("agreed a budget"), "{open}");
        }
    }
}

/// Markup whose nesting the tag scan does not foresee (the parser's adoption agency moves a `<b>`
/// below the `<div>` it straddles, and the scan's model keeps the old one): the parsed page is
/// still deep, so it is read without readability, and said so.
#[test]
fn nesting_the_scan_misses_is_read_without_readability() {
    let a = clean(
        &nested("<b><div></b></b></div><span></b>", "", 2_000),
        &CleanOptions::default(),
    )
    .remove(0)
    .unwrap();
    assert!(a.text.contains("agreed a budget"), "{}", a.text);
    assert!(a
        .removed
        .iter()
        .any(|r| r.kind == "nesting" && r.text.starts_with("page still nested")));
}

/// HTML inside a JSON article goes through the same cap.
#[test]
fn deep_html_inside_json_returns() {
    let body = format!(
        "<p>{}The council met on Monday and agreed a budget.</p>",
        "<div>".repeat(20_000)
    );
    let json = serde_json::json!({"title": "Budget", "text": body}).to_string();
    let it = WorkItem {
        source_path: "a.json".into(),
        content_hash: String::new(),
        bytes: json.into_bytes(),
        modified: None,
    };
    let a = clean(&it, &CleanOptions::default()).remove(0).unwrap();
    assert!(a.text.contains("agreed a budget"));
    assert!(a.removed.iter().any(|r| r.kind == "nesting"));
}

/// Deeply nested JSON is a clean error (serde_json's recursion limit), not a crash.
#[test]
fn deep_json_is_an_error_not_a_crash() {
    for (path, depth) in [("a.json", 100_000), ("a.jsonl", 100_000)] {
        let mut s = String::from("{\"text\": \"Words here.\", \"x\": ");
        s.push_str(&"[".repeat(depth));
        s.push_str(&"]".repeat(depth));
        s.push_str("}\n{\"text\": \"Another line.\"}\n");
        let it = WorkItem {
            source_path: path.into(),
            content_hash: String::new(),
            bytes: s.into_bytes(),
            modified: None,
        };
        let out = clean(&it, &CleanOptions::default());
        assert!(!out.is_empty());
        let e = out[0].as_ref().unwrap_err().to_string();
        assert!(e.contains("recursion limit"), "{path}: {e}");
    }
}

/// Issue 14 item 10: a UTF-8 article with three stray Windows-1252 bytes was decoded whole as
/// Windows-1252 (every UTF-8 character garbled, no note). It is UTF-8; the stray bytes are read
/// as the Windows-1252 characters they are, and a note says how many and where.
#[test]
fn utf8_with_a_few_stray_latin1_bytes_stays_utf8() {
    let mut bytes = "Talks in Liège\n\nThe minister’s “plan” was rejected on Monday by the café \
                     owners of Liège, who said it was “impossible to follow”. Their spokesman \
                     called it “a blow” to the city’s économie and its touristes."
        .as_bytes()
        .to_vec();
    let first = bytes.len() + 1;
    // Pasted from a Windows-1252 source: “Nous refusons” and an é.
    bytes.extend_from_slice(b" \x93Nous refusons\x94, said Ren\xe9 Dupont.");
    let it = WorkItem {
        source_path: "a.txt".into(),
        content_hash: String::new(),
        bytes,
        modified: None,
    };
    let a = clean(&it, &CleanOptions::default()).remove(0).unwrap();
    assert!(
        a.text
            .contains("the café owners of Liège, who said it was “impossible to follow”"),
        "{}",
        a.text
    );
    assert!(
        a.text.ends_with("“Nous refusons”, said René Dupont."),
        "{}",
        a.text
    );
    assert!(!a.text.contains('â') && !a.text.contains('\u{fffd}'));
    let notes: Vec<_> = a.removed.iter().filter(|r| r.kind == "decoding").collect();
    assert_eq!(notes.len(), 1, "{:?}", a.removed);
    assert!(
        notes[0].text.starts_with(&format!(
            "3 byte(s) invalid in UTF-8 text, the first at byte offset {first}"
        )),
        "{}",
        notes[0].text
    );
}

/// A UTF-8 character cut short is U+FFFD (its character cannot be known), and said so.
#[test]
fn utf8_cut_short_is_replacement_character() {
    let mut bytes = "Le secrétaire général a déclaré que les « différences importantes » \
                     demeurent entre l’alliance et Moscou après la réunion à Bruxelles."
        .as_bytes()
        .to_vec();
    bytes.extend_from_slice(b" Fin\xe2\x80.");
    let it = WorkItem {
        source_path: "a.txt".into(),
        content_hash: String::new(),
        bytes,
        modified: None,
    };
    let a = clean(&it, &CleanOptions::default()).remove(0).unwrap();
    assert!(
        a.text.contains("les « différences importantes »"),
        "{}",
        a.text
    );
    assert!(a.text.ends_with("Fin\u{fffd}."), "{}", a.text);
    assert!(a
        .removed
        .iter()
        .any(|r| r.kind == "decoding" && r.text.contains("2 replaced by U+FFFD")));
}

/// Found by the json fuzz target: a JSON Lines file of blank lines, or a JSON array with no element,
/// gave no article and no error, so the file was "done" with nothing in any table.
#[test]
fn a_many_article_file_holding_none_is_an_error_not_nothing() {
    for (path, bytes) in [
        ("a.jsonl", b"\n ".as_slice()),
        ("b.jsonl", b"\n\n\n"),
        ("c.json", b"[]"),
        ("d.json", b"  [ ]  "),
    ] {
        let item = model::WorkItem {
            source_path: path.into(),
            content_hash: String::new(),
            bytes: bytes.to_vec(),
            modified: None,
        };
        let out = clean::clean(&item, &clean::CleanOptions::default());
        assert_eq!(out.len(), 1, "{path}");
        assert!(
            matches!(out[0], Err(clean::CleanError::NoArticle)),
            "{path}: {:?}",
            out[0].as_ref().err()
        );
    }
}
