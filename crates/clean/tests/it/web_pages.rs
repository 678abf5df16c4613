//! Web pages: what leaks into the article's text after (or around) its prose, each class on a
//! small page written for the test. Whatever is cut must still be recorded in `removed`.

use super::support::item;
use clean::{clean, CleanOptions};
use model::CleanArticle;

/// Five paragraphs of plain news prose.
const PROSE: [&str; 5] = [
    "The city council voted on Tuesday to expand the tram network to the northern districts, \
     ending a debate that had lasted for more than three years.",
    "Supporters said the new line would cut commuting times in half for thousands of residents \
     who currently rely on crowded buses along the ring road.",
    "Opponents argued that the cost, estimated at four hundred million euros, would strain the \
     budget at a time when schools and hospitals also need money.",
    "Construction is expected to begin next spring and to last about four years, according to \
     the transport department, which will publish a detailed schedule.",
    "The mayor called the vote a turning point for the city and promised that residents would \
     be consulted on the location of every new stop.",
];

/// The given paragraphs as `<p>` elements.
fn paragraphs_of(ps: &[&str]) -> String {
    ps.iter().map(|p| format!("<p>{p}</p>")).collect()
}

fn paragraphs() -> String {
    paragraphs_of(&PROSE)
}

fn page(head: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"en\"><head><title>Tram vote</title>{head}</head><body>\
         <nav><a href=/>Home</a> <a href=/news>News</a></nav>{body}\
         <footer>Copyright the Daily Example</footer></body></html>"
    )
}

fn run(html: &str) -> CleanArticle {
    run_bytes(html.as_bytes().to_vec())
}

/// The one article of a page given as bytes; a failure fails the test.
fn run_bytes(bytes: Vec<u8>) -> CleanArticle {
    let out = clean(&item("page.html", bytes), &CleanOptions::default());
    out.into_iter()
        .next()
        .unwrap()
        .expect("an article, not a failure")
}

/// The text holds every paragraph of prose, and none of `leaks`, which are all in `removed`.
fn assert_cut(a: &CleanArticle, leaks: &[&str]) {
    for p in PROSE {
        assert!(a.text.contains(p), "prose lost: {p}\n---\n{}", a.text);
    }
    for l in leaks {
        assert!(!a.text.contains(l), "leaked: {l}\n---\n{}", a.text);
        assert!(
            a.removed.iter().any(|r| r.text.contains(l)),
            "not recorded as removed: {l}\n{:?}",
            a.removed
        );
    }
}

#[test]
fn author_boxes_newsletter_prompts_and_galleries_named_as_such_are_cut() {
    let body = format!(
        "<article><h1>Council backs tram extension</h1><div class=\"entry-content\">{}\
         <div class=\"author-bio\"><p>Jane Doe covers transport and city politics for the \
         paper and has written about trams for more than a decade.</p></div>\
         <div class=\"nl-cta\"><p>Get the day's top headlines delivered to your inbox every \
         morning by signing up for our free daily email.</p></div>\
         <div class=\"asset_gallery\"><p>Image 1 of 8</p><p>Caption</p><p>Close</p></div>\
         </div></article>",
        paragraphs()
    );
    let a = run(&page("", &body));
    assert_cut(
        &a,
        &[
            "Jane Doe covers transport",
            "top headlines delivered",
            "Image 1 of 8",
        ],
    );
}

#[test]
fn short_lines_before_the_prose_are_cut() {
    let body = format!(
        "<article><h1>Council backs tram extension</h1><div class=\"entry-content\">\
         <p>Local politics</p><p>Updated Nov 19, 9:41 AM</p>{}\
         </div></article>",
        paragraphs()
    );
    let a = run(&page("", &body));
    assert_cut(&a, &["Local politics", "Updated Nov 19"]);
}

#[test]
fn what_the_json_ld_article_body_does_not_hold_is_cut() {
    let ld = format!(
        r#"<script type="application/ld+json">{{"@context":"https://schema.org",
        "@type":"NewsArticle","headline":"Council backs tram extension","articleBody":"{}"}}</script>"#,
        PROSE.join(" ")
    );
    let body = format!(
        "<article><h1>Council backs tram extension</h1><div class=\"entry-content\">{}\
         <p>Get the Monthly Example delivered through your letterbox every month, twelve \
         issues for a small price, and click here for more information about it.</p>\
         </div></article>",
        paragraphs()
    );
    let a = run(&page(&ld, &body));
    assert_cut(&a, &["delivered through your letterbox"]);
}

#[test]
fn what_the_microdata_article_body_does_not_hold_is_cut() {
    let body = format!(
        "<div class=\"story\"><h1>Council backs tram extension</h1>\
         <div itemprop=\"articleBody\">{}</div>\
         <p>Advertising disclaimer: the products featured on this page were chosen by our \
         editors, and we may earn a commission when you buy through our links.</p></div>",
        paragraphs()
    );
    let a = run(&page("", &body));
    assert_cut(&a, &["Advertising disclaimer"]);
}

#[test]
fn shouted_teaser_links_and_link_lists_are_cut() {
    let body = format!(
        "<article><h1>Council backs tram extension</h1><div class=\"entry-content\">{}\
         <p><a href=\"/a\"><strong>MAYOR OPENS UP ABOUT HIS FIRST YEAR IN OFFICE</strong></a></p>\
         {}<ul><li><a href=\"/b\">Bus fares to rise in January across the region</a></li>\
         <li><a href=\"/c\">New bike lanes planned for the old harbour district</a></li></ul>\
         </div></article>",
        paragraphs_of(&PROSE[..3]),
        paragraphs_of(&PROSE[3..]),
    );
    let a = run(&page("", &body));
    assert_cut(
        &a,
        &[
            "MAYOR OPENS UP",
            "Bus fares to rise",
            "New bike lanes planned",
        ],
    );
}

#[test]
fn a_page_with_a_few_stray_nuls_is_cleaned_not_refused() {
    let body = format!(
        "<article><h1>Council backs tram extension</h1>{}</article>",
        paragraphs().repeat(2)
    );
    let mut bytes = page("", &body).into_bytes();
    bytes.insert(300, 0);
    let a = run_bytes(bytes);
    assert!(a.text.contains(PROSE[0]));
    assert!(a
        .removed
        .iter()
        .any(|r| r.kind == "decoding" && r.text.starts_with("1 NUL byte(s) removed")));
}

#[test]
fn photo_captions_named_as_such_are_cut_as_captions() {
    let body = format!(
        "<article><h1>Council backs tram extension</h1><div class=\"entry-content\">{}\
         <div class=\"wp-caption\"><img src=\"tram.jpg\"><p class=\"wp-caption-text\">A tram \
         waits at the central station on Monday morning before the vote.</p></div>{}\
         </div></article>",
        paragraphs_of(&PROSE[..2]),
        paragraphs_of(&PROSE[2..]),
    );
    let a = run(&page("", &body));
    assert_cut(&a, &["A tram waits at the central station"]);
    assert!(a
        .removed
        .iter()
        .any(|r| r.kind == "caption" && r.text.starts_with("A tram waits")));
}

#[test]
fn the_densest_prose_wins_over_a_longer_consent_banner_and_a_tagline() {
    // A consent banner with more words than any single paragraph, a blog tagline and a
    // customer-service box come first; the article is the run of prose paragraphs.
    let banner = "We and our partners use cookies and similar technologies to store and access \
                  information on your device, to personalise content and advertising, to provide \
                  social media features and to analyse our traffic, for which we ask your consent \
                  below; you can change your choices at any time in the privacy centre. "
        .repeat(2);
    let body = format!(
        "<div class=\"cmp-banner\"><p>{banner}</p><button>Accept all</button></div>\
         <div class=\"tagline\">News and views from the northern districts since 1998</div>\
         <div class=\"help\">Questions about your subscription? Call our service desk.</div>\
         <div class=\"story\"><h1>Council backs tram extension</h1>{}</div>",
        paragraphs()
    );
    let a = run(&page("", &body));
    assert_cut(
        &a,
        &[
            "We and our partners use cookies",
            "News and views from the northern districts",
            "Call our service desk",
        ],
    );
}

#[test]
fn a_page_with_no_recognisable_article_still_gives_its_text() {
    // No paragraphs, no article markup: a list of short entries a reader still sees.
    let items: String = (1..=12)
        .map(|i| {
            format!("<li>Tram stop {i}: opening hours from six in the morning until midnight</li>")
        })
        .collect();
    let a = run(&page("", &format!("<div><ul>{items}</ul></div>")));
    assert!(a.text.contains("Tram stop 7: opening hours"), "{}", a.text);
}

/// PROSE[0] with accented words, for the encoding tests.
const ACCENTED: &str =
    "The café owners on the Rue de la Paix said the council's décision was naïve.";

#[test]
fn a_page_declaring_utf8_but_written_in_windows_1252_is_read_as_written() {
    let body = format!(
        "<article><h1>Tram vote</h1><p>{ACCENTED}</p>{}</article>",
        paragraphs()
    );
    let html = page("<meta charset=\"utf-8\">", &body);
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&html);
    assert!(!lossy);
    assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8 any more");
    let a = run_bytes(bytes.into_owned());
    assert!(a.text.contains(ACCENTED), "{}", a.text);
    assert!(!a.text.contains('\u{fffd}'), "no replacement characters");
}

#[test]
fn a_page_declaring_latin1_but_written_in_utf8_is_read_as_utf8() {
    let body = format!(
        "<article><h1>Tram vote</h1><p>{ACCENTED}</p>{}</article>",
        paragraphs()
    );
    let html = page(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
        &body,
    );
    let a = run(&html);
    assert!(a.text.contains(ACCENTED), "{}", a.text);
    assert!(!a.text.contains("Ã©"), "not decoded twice");
}

#[test]
fn huge_inline_scripts_and_styles_are_dropped_and_the_article_kept() {
    // Several megabytes of inline script and style around the article, as page builders write
    // them: none of it is text, and the page is neither refused nor slow to clean.
    let script = format!(
        "<script>var state = {{{}}};</script>",
        "\"k\":[1,2,3],".repeat(300_000)
    );
    let style = format!("<style>{}</style>", ".a{color:red}".repeat(200_000));
    assert!(script.len() + style.len() > 6_000_000);
    let body = format!(
        "{script}<article><h1>Council backs tram extension</h1>{}</article>{script}",
        paragraphs()
    );
    let a = run(&page(&style, &body));
    assert_cut(&a, &[]);
    assert!(!a.text.contains("var state"), "script text leaked");
    assert!(!a.text.contains("color:red"), "style text leaked");
    assert!(
        a.text.len() < 5_000,
        "only the article: {} bytes",
        a.text.len()
    );
}
