//! The published date of a web page, from what the page itself states, first found wins:
//!
//! 1. JSON-LD `datePublished` of the page's work: an `Article`, `BlogPosting`, a `*WebPage`
//!    (`MedicalWebPage`), a `ClaimReview`, a `Report` (plain, in an array or an `@graph`; never
//!    the items of a list). A JSON-LD script that does not parse (a stray comma, an unescaped
//!    quote) is read for its first `"datePublished": "..."` value.
//! 2. Meta tags: Open Graph `article:published_time`, `itemprop=datePublished` (also among other
//!    item properties), `pubdate`, `date`, `DC.date.issued`, `sailthru.date`...
//! 3. `<time datetime>` marked as the publication (`pubdate`) or inside the `<article>` or
//!    `<main>`; else the page's `<time datetime>` elements when they all give the same day.
//! 4. A date in the page's own address (canonical or Open Graph URL): `/2019/11/18/`,
//!    `/2019/nov/18/`, `/2019-11-18/`.
//!
//! A date the page does not state stays `None`: nothing is guessed.

use crate::dates;
use chrono::NaiveDate;
use dom_query::Document;
use regex::Regex;
use serde_json::Value;
use std::sync::LazyLock;

/// `@type`s whose `datePublished` is the page's.
fn is_dated_work(v: &Value) -> bool {
    let t = |s: &str| {
        s.ends_with("Article")
            || s.ends_with("Posting")
            || s.ends_with("WebPage")
            || s == "ClaimReview"
            || s == "Report"
    };
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(t),
        _ => false,
    }
}

/// The first `datePublished` of a dated work in a JSON-LD value (plain, array, or `@graph`).
fn ld_date(v: &Value) -> Option<NaiveDate> {
    match v {
        Value::Array(a) => a.iter().find_map(ld_date),
        Value::Object(o) => {
            if is_dated_work(v) {
                let d = o
                    .get("datePublished")
                    .and_then(Value::as_str)
                    .and_then(dates::parse);
                if d.is_some() {
                    return d;
                }
            }
            o.get("@graph").and_then(ld_date)
        }
        _ => None,
    }
}

static RAW_LD_DATE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#""datePublished"\s*:\s*"([^"]{6,40})""#).expect("valid regex"));

/// The date of the JSON-LD scripts: parsed ones first, then the raw text of broken ones.
fn from_json_ld(doc: &Document) -> Option<NaiveDate> {
    let scripts: Vec<String> = doc
        .select(r#"script[type="application/ld+json"]"#)
        .iter()
        .map(|s| s.text().to_string())
        .collect();
    let mut broken = Vec::new();
    for s in &scripts {
        match serde_json::from_str::<Value>(s.trim()) {
            Ok(v) => {
                if let Some(d) = ld_date(&v) {
                    return Some(d);
                }
            }
            Err(_) => broken.push(s),
        }
    }
    broken.iter().find_map(|s| {
        RAW_LD_DATE
            .captures_iter(s)
            .find_map(|c| dates::parse(&c[1]))
    })
}

/// Meta tags and marked-up elements that give the published date, and the attribute holding it.
const DATE_META: &[(&str, &str)] = &[
    (r#"meta[property="article:published_time"]"#, "content"),
    (r#"meta[property="article:published"]"#, "content"),
    (r#"meta[itemprop~="datePublished"]"#, "content"),
    (r#"[itemprop~="datePublished"]"#, "datetime"),
    (r#"[itemprop~="datePublished"]"#, "content"),
    (r#"meta[property="og:published_time"]"#, "content"),
    (r#"meta[name="pubdate"]"#, "content"),
    (r#"meta[name="publishdate"]"#, "content"),
    (r#"meta[name="publish-date"]"#, "content"),
    (r#"meta[name="date"]"#, "content"),
    (r#"meta[name="DC.date.issued"]"#, "content"),
    (r#"meta[name="dcterms.created"]"#, "content"),
    (r#"meta[name="sailthru.date"]"#, "content"),
    (r#"meta[name="parsely-pub-date"]"#, "content"),
    ("time[pubdate]", "datetime"),
    ("article time[datetime]", "datetime"),
    ("main time[datetime]", "datetime"),
];

fn from_meta(doc: &Document) -> Option<NaiveDate> {
    DATE_META.iter().find_map(|(sel, attr)| {
        doc.select(sel)
            .iter()
            .filter_map(|s| s.attr(attr))
            .find_map(|v| dates::parse(&v))
    })
}

/// The day all the page's `<time datetime>` elements give, when they give one and the same.
fn unanimous_time(doc: &Document) -> Option<NaiveDate> {
    let mut days = doc
        .select("time[datetime]")
        .iter()
        .filter_map(|t| t.attr("datetime").and_then(|v| dates::parse(&v)))
        .collect::<Vec<_>>();
    days.sort_unstable();
    days.dedup();
    match days.as_slice() {
        [one] => Some(*one),
        _ => None,
    }
}

static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)/((?:19|20)\d\d)[/-](\d{{1,2}}|{m})[/-](\d{{1,2}})(?:/|-|\.|$)",
        m = dates::MONTH_RE
    ))
    .expect("valid regex")
});

/// The date in a page address's path (`/2019/11/18/`, `/2019/nov/18/`, `/2019-11-18-slug`).
pub fn from_url(url: &str) -> Option<NaiveDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = &path[path.find('/')?..];
    let c = URL_DATE.captures(path)?;
    let month = match c[2].parse::<u32>() {
        Ok(m) => m,
        Err(_) => dates::month(&c[2])?,
    };
    let (y, d) = (c[1].parse().ok()?, c[3].parse().ok()?);
    NaiveDate::from_ymd_opt(y, month, d)
}

/// The page's published date (see the module doc); `url` is the page's own address, if known.
pub fn published(doc: &Document, url: Option<&str>) -> Option<NaiveDate> {
    from_json_ld(doc)
        .or_else(|| from_meta(doc))
        .or_else(|| unanimous_time(doc))
        .or_else(|| url.and_then(from_url))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    fn page(head: &str, body: &str) -> Document {
        Document::from(format!("<html><head>{head}</head><body>{body}</body></html>").as_str())
    }

    #[test]
    fn json_ld_of_any_dated_work() {
        let ld = |json: &str| {
            page(
                &format!(r#"<script type="application/ld+json">{json}</script>"#),
                "",
            )
        };
        let web = ld(r#"{"@type":"MedicalWebPage","datePublished":"2019-11-14T08:00:00.000Z"}"#);
        assert_eq!(published(&web, None), d(2019, 11, 14));
        let claim = ld(r#"{"@type":"ClaimReview","datePublished":"2019-11-18"}"#);
        assert_eq!(published(&claim, None), d(2019, 11, 18));
        let graph = ld(
            r#"{"@graph":[{"@type":"Organization"},{"@type":"BlogPosting","datePublished":"2018-04-18"}]}"#,
        );
        assert_eq!(published(&graph, None), d(2018, 4, 18));
        // The items of a list are other pages.
        let list = ld(
            r#"{"@type":"ItemList","itemListElement":[{"@type":"NewsArticle","datePublished":"2018-04-18"}]}"#,
        );
        assert_eq!(published(&list, None), None);
    }

    #[test]
    fn broken_json_ld_is_read_for_its_date() {
        let doc = page(
            r#"<script type="application/ld+json">{"@type": "NewsArticle", "headline": "A "quoted" word",
                "datePublished": "2019-11-18T16:06:51-05:00",}</script>"#,
            "",
        );
        assert_eq!(published(&doc, None), d(2019, 11, 18));
    }

    #[test]
    fn meta_tags() {
        let cases = [
            r#"<meta property="article:published_time" content="2019-11-19T10:36:00Z">"#,
            r#"<meta property="article:published" itemprop="datePublished dateCreated" content="2019-11-19T11:00:09.000Z">"#,
            r#"<meta name="pubdate" content="2019-11-19">"#,
            r#"<meta name="date" content="2019-11-19">"#,
            r#"<meta name="DC.date.issued" content="2019-11-19">"#,
            r#"<meta name="sailthru.date" content="Tue, 19 Nov 2019 10:00:00 -0500">"#,
        ];
        for head in cases {
            assert_eq!(published(&page(head, ""), None), d(2019, 11, 19), "{head}");
        }
    }

    #[test]
    fn time_elements() {
        let inside = page(
            "",
            r#"<time datetime="2017-01-02">x</time><article><time datetime="2019-11-19T11:45:59Z">Nov 19</time></article>"#,
        );
        assert_eq!(published(&inside, None), d(2019, 11, 19));
        let alone = page(
            "",
            r#"<div><time datetime="2019-11-19T11:45:59Z">Nov 19</time></div>"#,
        );
        assert_eq!(published(&alone, None), d(2019, 11, 19));
        // Times that disagree, outside the article: none is the page's.
        let many = page(
            "",
            r#"<time datetime="2019-11-19">a</time><time datetime="2019-10-01">b</time>"#,
        );
        assert_eq!(published(&many, None), None);
    }

    #[test]
    fn url_dates() {
        assert_eq!(
            from_url("https://www.nytimes.com/2019/11/18/business/trade.html"),
            d(2019, 11, 18)
        );
        assert_eq!(
            from_url("https://www.politifact.com/wv/statements/2019/nov/18/mckinley/x/"),
            d(2019, 11, 18)
        );
        assert_eq!(
            from_url("https://example.com/news/2019-11-18-council-votes"),
            d(2019, 11, 18)
        );
        assert_eq!(
            from_url("https://example.com/news/2019/11/council-votes"),
            None
        );
        assert_eq!(from_url("https://example.com/a/30279001.html"), None);
        assert_eq!(from_url("https://2019.example.com/"), None);
        assert_eq!(from_url("https://example.com/2019/13/45/x"), None);
        let doc = page("", "<p>No date here.</p>");
        assert_eq!(
            published(&doc, Some("https://x.example/2019/05/12/story")),
            d(2019, 5, 12)
        );
        assert_eq!(published(&doc, None), None);
    }
}
