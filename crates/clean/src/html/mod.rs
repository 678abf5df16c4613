//! HTML input: main content with `dom_smoothie` (a readability port), metadata from the page.
//!
//! [`clean_html`] takes the article body from readability's content (falling back to `<article>`,
//! `<main>` or `<body>` when readability finds nothing), turns it into paragraphs with
//! [`fragment_to_text`], and runs the text rules on it with the page's title. Metadata comes from
//! JSON-LD (`NewsArticle`...), `<meta>` tags (`og:*`, `author`), `<link rel=canonical>` and
//! `<html lang>`; the published date from JSON-LD, meta tags, `<time datetime>` or the page's
//! address (see [`published`]). The page's text blocks that are not in the article (navigation, ads, related
//! links, comments) are recorded as removed blocks, with a kind taken from where they were.

mod edges;
mod ld;
mod prune;
mod published;

use crate::{depth, lang, normalize, text, CleanError, Found};
use dom_query::{Document, NodeRef};
use model::{DateSource, RemovedBlock};
use serde_json::Value;

/// Elements whose text is never article text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head", "select", "button",
    "object", "canvas",
];
/// Elements that start a new paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "section",
    "article",
    "header",
    "footer",
    "nav",
    "aside",
    "figure",
    "figcaption",
    "tr",
    "table",
    "pre",
    "form",
    "main",
    "dd",
    "dt",
    "dl",
    "address",
    "hr",
    "details",
    "summary",
    "caption",
    "body",
];

/// Text of an HTML fragment, one paragraph per block element.
pub fn fragment_to_text(html: &str) -> String {
    fragment_to_text_noted(html).0
}

/// Text of an HTML fragment, and the note saying what [`depth::cap`] dropped, if anything.
pub fn fragment_to_text_noted(html: &str) -> (String, Option<String>) {
    let capped = depth::cap(html);
    let doc = Document::fragment(capped.html.as_ref());
    let mut out = String::new();
    walk(&doc.root(), &mut out);
    (normalize::join(&normalize::paragraphs(&out)), capped.note())
}

/// Selectors of photo captions inside an article's content.
const CAPTIONS: &str = "figcaption, .caption, .wp-caption-text, .image-caption, .photo-caption";

/// Text of an article's content, with its photo captions taken out and returned apart.
fn content_to_text(html: &str) -> (String, Vec<String>) {
    // Serialized from a capped page, but parsing it again may nest it differently.
    let doc = Document::fragment(depth::cap(html).html.as_ref());
    let sel = doc.select(CAPTIONS);
    let captions = sel
        .iter()
        .map(|c| normalize::line(&c.text()))
        .filter(|t| !t.is_empty())
        .collect();
    sel.remove();
    edges::trim_link_tail(&doc);
    let mut out = String::new();
    walk(&doc.root(), &mut out);
    (normalize::join(&normalize::paragraphs(&out)), captions)
}

/// The children of `node`, last first (to be pushed on a stack and popped in order).
fn children_rev<'a>(node: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    node.children_it(true)
}

/// A step of the walks: a node to read (with the kind of place it is in), or the end of a block.
enum Step<'a> {
    Enter(NodeRef<'a>, &'static str),
    Leave(&'static str),
}

/// The text under `node`, blocks apart: a loop over a stack, never a recursion, so that no
/// nesting can overflow the thread's stack.
fn walk(node: &NodeRef, out: &mut String) {
    let mut stack: Vec<Step> = children_rev(node).map(|c| Step::Enter(c, "")).collect();
    while let Some(step) = stack.pop() {
        let child = match step {
            Step::Leave(_) => {
                out.push_str("\n\n");
                continue;
            }
            Step::Enter(child, _) => child,
        };
        if child.is_text() {
            out.push_str(&child.text());
        } else if child.is_element() {
            let name = child.node_name().unwrap_or_default();
            let name = name.as_ref();
            if SKIP.contains(&name) {
                continue;
            }
            if name == "br" {
                out.push('\n');
                continue;
            }
            if BLOCK.contains(&name) {
                out.push_str("\n\n");
                stack.push(Step::Leave(""));
            }
            stack.extend(children_rev(&child).map(|c| Step::Enter(c, "")));
        }
    }
}

/// Text blocks of the page with the kind of place they sit in (`navigation`, `comments`...).
/// A loop over a stack, like [`walk`].
fn page_blocks(
    node: &NodeRef,
    kind: &'static str,
    out: &mut Vec<(String, &'static str)>,
    cur: &mut String,
) {
    let mut stack: Vec<Step> = children_rev(node).map(|c| Step::Enter(c, kind)).collect();
    while let Some(step) = stack.pop() {
        let (child, kind) = match step {
            Step::Leave(kind) => {
                flush(cur, kind, out);
                continue;
            }
            Step::Enter(child, kind) => (child, kind),
        };
        if child.is_text() {
            cur.push_str(&child.text());
        } else if child.is_element() {
            let name = child.node_name().unwrap_or_default();
            let name = name.as_ref();
            if SKIP.contains(&name) {
                continue;
            }
            if !BLOCK.contains(&name) && name != "br" {
                stack.extend(children_rev(&child).map(|c| Step::Enter(c, kind)));
                continue;
            }
            flush(cur, kind, out);
            if name != "br" {
                stack.push(Step::Leave(kind));
                let inner = place_kind(&child, name).unwrap_or(kind);
                stack.extend(children_rev(&child).map(|c| Step::Enter(c, inner)));
            }
        }
    }
}

fn flush(cur: &mut String, kind: &'static str, out: &mut Vec<(String, &'static str)>) {
    let t = normalize::line(cur);
    if t.chars().any(char::is_alphanumeric) {
        out.push((t, kind));
    }
    cur.clear();
}

/// The kind of removed block an element stands for, from its tag, class and id.
fn place_kind(el: &NodeRef, name: &str) -> Option<&'static str> {
    let attrs = format!(
        "{} {} {}",
        el.attr("class").unwrap_or_default(),
        el.attr("id").unwrap_or_default(),
        el.attr("role").unwrap_or_default()
    )
    .to_lowercase();
    let has = |w: &[&str]| w.iter().any(|x| attrs.contains(x));
    Some(match name {
        _ if has(&["comment", "disqus", "respond", "reply"]) => "comments",
        "figure" | "figcaption" => "caption",
        _ if has(&["caption"]) => "caption",
        _ if has(&[
            "advert", "sponsor", "promo", "banner", "dfp", "adslot", "ad-",
        ]) =>
        {
            "advertisement"
        }
        _ if has(&[
            "related",
            "recommend",
            "more-stories",
            "read-more",
            "trending",
            "popular",
        ]) =>
        {
            "related"
        }
        _ if has(&[
            "cookie",
            "consent",
            "newsletter",
            "subscribe",
            "signup",
            "share",
            "social",
        ]) =>
        {
            "boilerplate"
        }
        "nav" => "navigation",
        _ if has(&["navigation", "menu", "breadcrumb"]) => "navigation",
        "aside" => "related",
        "footer" => "footer",
        "header" => "site_header",
        "form" => "boilerplate",
        _ => return None,
    })
}

#[derive(Default)]
struct Meta {
    title: Option<String>,
    published: Option<chrono::NaiveDate>,
    author: Option<String>,
    url: Option<String>,
    language: Option<String>,
    /// JSON-LD `articleBody`.
    body: Option<String>,
}

fn attr_of(doc: &Document, sel: &str, attr: &str) -> Option<String> {
    doc.select(sel)
        .iter()
        .filter_map(|s| s.attr(attr))
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
}

fn is_article_type(v: &Value) -> bool {
    let t =
        |s: &str| s.ends_with("Article") || s == "BlogPosting" || s == "Report" || s == "WebPage";
    match v.get("@type") {
        Some(Value::String(s)) => t(s),
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).any(t),
        _ => false,
    }
}

/// The first article-like object of a JSON-LD value (plain, array, or `@graph`).
fn ld_article(v: &Value) -> Option<&Value> {
    match v {
        Value::Array(a) => a.iter().find_map(ld_article),
        Value::Object(o) => {
            if is_article_type(v)
                && !matches!(v.get("@type"), Some(Value::String(s)) if s == "WebPage")
            {
                return Some(v);
            }
            o.get("@graph").and_then(ld_article)
        }
        _ => None,
    }
}

fn ld_names(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.clone()],
        Value::Array(a) => a.iter().flat_map(ld_names).collect(),
        Value::Object(o) => o.get("name").map(ld_names).unwrap_or_default(),
        _ => Vec::new(),
    }
}

fn metadata(doc: &Document) -> Meta {
    let mut m = Meta::default();
    for s in doc.select(r#"script[type="application/ld+json"]"#).iter() {
        let Ok(v) = serde_json::from_str::<Value>(s.text().trim()) else {
            continue;
        };
        let Some(a) = ld_article(&v) else { continue };
        let str_of = |k: &str| {
            a.get(k)
                .and_then(Value::as_str)
                .map(|x| x.trim().to_string())
        };
        m.title = m.title.or_else(|| str_of("headline"));
        m.body = m.body.or_else(|| str_of("articleBody"));
        if m.author.is_none() {
            let names = a.get("author").map(ld_names).unwrap_or_default();
            m.author = (!names.is_empty()).then(|| names.join(", "));
        }
        m.url = m.url.or_else(|| str_of("url"));
        m.language = m
            .language
            .or_else(|| str_of("inLanguage").and_then(|l| lang::from_tag(&l)));
    }
    m.author = m
        .author
        .or_else(|| attr_of(doc, r#"meta[name="author"]"#, "content"))
        .or_else(|| {
            attr_of(doc, r#"meta[property="article:author"]"#, "content")
                .filter(|a| !a.contains("://"))
        });
    m.url = attr_of(doc, r#"link[rel="canonical"]"#, "href")
        .or(m.url)
        .or_else(|| attr_of(doc, r#"meta[property="og:url"]"#, "content"));
    m.published = published::published(doc, m.url.as_deref());
    m.title = m
        .title
        .or_else(|| attr_of(doc, r#"meta[property="og:title"]"#, "content"));
    m.language = m
        .language
        .or_else(|| attr_of(doc, "html[lang]", "lang").and_then(|l| lang::from_tag(&l)))
        .or_else(|| {
            attr_of(doc, r#"meta[http-equiv="content-language"]"#, "content")
                .and_then(|l| lang::from_tag(&l))
        });
    m
}

/// The main content's text: readability's, else `<article>`/`<main>`/`<body>`.
/// The article's text, readability's title and byline, and the captions taken out of it.
type MainText = (String, Option<String>, Option<String>, Vec<String>);

fn main_text(doc: Document, html: &str) -> MainText {
    let cfg = dom_smoothie::Config {
        char_threshold: 200,
        ..Default::default()
    };
    prune::prune(&doc);
    // Readability works on (and changes) the already parsed page.
    if let Ok(mut r) = dom_smoothie::Readability::with_document(doc, None, Some(cfg)) {
        if let Ok(a) = r.parse() {
            let (t, captions) = content_to_text(&a.content);
            if t.len() >= 80 {
                let title = Some(a.title.to_string()).filter(|t| !t.trim().is_empty());
                return (t, title, a.byline.clone(), captions);
            }
        }
    }
    let doc = Document::from(html);
    for sel in ["article", "main", "[role=main]", "body"] {
        let s = doc.select(sel);
        if let Some(node) = s.nodes().first() {
            let (t, captions) = content_to_text(&node.html());
            if !t.is_empty() {
                let title = doc.select("title").text().trim().to_string();
                return (t, Some(title).filter(|t| !t.is_empty()), None, captions);
            }
        }
    }
    (String::new(), None, None, Vec::new())
}

/// Deepest nesting of the parsed page, counted over a stack, not by recursion.
fn tree_depth(doc: &Document) -> usize {
    let mut deepest = 0;
    let mut stack = vec![(doc.root(), 0usize)];
    while let Some((node, d)) = stack.pop() {
        deepest = deepest.max(d);
        stack.extend(node.children_it(false).map(|c| (c, d + 1)));
    }
    deepest
}

/// The text of a page nested deeper than the cap meant (the tag scan's model of the parser is
/// not exact): its body read by [`walk`] alone, without readability, whose cost grows with depth.
fn deep_page_text(doc: &Document) -> MainText {
    let mut out = String::new();
    if let Some(body) = doc.body() {
        walk(&body, &mut out);
    }
    let title = doc.select("title").text().trim().to_string();
    let text = normalize::join(&normalize::paragraphs(&out));
    (
        text,
        Some(title).filter(|t| !t.is_empty()),
        None,
        Vec::new(),
    )
}

/// Cleans an HTML page.
pub fn clean_html(html: &str) -> Result<Found, CleanError> {
    // No parser or tree walk sees nesting deeper than `depth::MAX_DEPTH`.
    let capped = depth::cap(html);
    let html = capped.html.as_ref();
    let doc = Document::from(html);
    let meta = metadata(&doc);
    let h1 = doc.select("h1").text().to_string();
    // The page's text blocks, read before readability changes the document.
    let mut blocks = Vec::new();
    if let Some(b) = doc.body() {
        let mut cur = String::new();
        page_blocks(&b, "boilerplate", &mut blocks, &mut cur);
        flush(&mut cur, "boilerplate", &mut blocks);
    }
    // The article's body as the page marks it up (microdata), when it marks up one.
    let marked = doc.select(r#"[itemprop="articleBody"]"#);
    let marked_body = (marked.length() == 1).then(|| marked.text().to_string());
    let depth = tree_depth(&doc);
    let too_deep = depth > 4 * depth::MAX_DEPTH;
    let (body, r_title, r_byline, captions) = if too_deep {
        deep_page_text(&doc)
    } else {
        main_text(doc, html)
    };
    if body.is_empty() {
        return Err(CleanError::NoText);
    }
    // What the publisher's own article body (JSON-LD, else microdata) does not hold is not the
    // article.
    let body = match meta.body.as_deref().and_then(|b| ld::filter(&body, b)) {
        Some(kept) => kept,
        None => body,
    };
    let body = match marked_body.as_deref().and_then(|b| ld::filter(&body, b)) {
        Some(kept) => kept,
        None => body,
    };
    let title = meta
        .title
        .or(r_title)
        .or(Some(h1))
        .map(|t| normalize::line(&t))
        .filter(|t| !t.is_empty());
    let mut f = text::clean_text(&body, title.as_deref());
    f.text = edges::trim_tail(&edges::trim_head(&f.text));
    // Captions marked up as such: removed whatever their wording.
    let mut removed: Vec<RemovedBlock> = captions
        .into_iter()
        .map(|text| RemovedBlock {
            kind: "caption".into(),
            text,
        })
        .collect();
    removed.append(&mut f.removed);
    f.removed = removed;
    if let Some(d) = meta.published {
        f.published = Some((d, DateSource::Metadata));
    }
    let author = meta.author.or(r_byline).map(|a| normalize::line(&a));
    if let Some(a) = author.filter(|a| !a.is_empty()) {
        // Readability bylines often keep the "By" prefix.
        let a = a
            .strip_prefix("By ")
            .or_else(|| a.strip_prefix("by "))
            .unwrap_or(&a);
        f.byline = Some(a.to_string());
    }
    f.url = meta.url.or(f.url);
    f.language = meta.language.or(f.language);

    // What the page had that the article does not: recorded, never silently dropped.
    let article_text = f.text.clone();
    let already: Vec<String> = f.removed.iter().map(|r| r.text.clone()).collect();
    let title_key = f.title.clone().unwrap_or_default();
    let mut page_removed: Vec<RemovedBlock> = Vec::new();
    for (t, kind) in blocks {
        // In the article (possibly minus a dateline or a glued credit), or already recorded.
        let in_article = article_text.contains(&t)
            || article_text
                .split("\n\n")
                .any(|p| t.contains(p) && p.len() * 2 >= t.len());
        if in_article
            || t == title_key
            || already.iter().any(|a| a.contains(&t))
            || page_removed.iter().any(|r| r.text == t)
        {
            continue;
        }
        page_removed.push(RemovedBlock {
            kind: kind.to_string(),
            text: t,
        });
    }
    page_removed.extend(f.removed);
    f.removed = page_removed;
    if too_deep {
        f.removed.insert(
            0,
            RemovedBlock {
                kind: "nesting".into(),
                text: format!(
                    "page still nested {depth} elements deep after the cap: read without \
                     readability"
                ),
            },
        );
    }
    if let Some(note) = capped.note() {
        f.removed.insert(
            0,
            RemovedBlock {
                kind: "nesting".into(),
                text: note,
            },
        );
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_ld_graph_and_time_element() {
        let page = r#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
             {"@type":["NewsArticle"],"headline":"Talks end","author":{"@type":"Person","name":"A. Writer"},
              "url":"https://x.example/a"}]}</script></head>
            <body><article><time datetime="2022-01-13">Thursday</time>
            <p>The talks ended without a deal on Thursday, and both sides went home.</p></article></body></html>"#;
        let m = metadata(&Document::from(page));
        assert_eq!(m.title.as_deref(), Some("Talks end"));
        assert_eq!(m.author.as_deref(), Some("A. Writer"));
        assert_eq!(m.url.as_deref(), Some("https://x.example/a"));
        assert_eq!(m.published, chrono::NaiveDate::from_ymd_opt(2022, 1, 13));
    }

    #[test]
    fn figcaptions_are_captions_whatever_their_wording() {
        let body =
            "The ministers met in Luxembourg on Thursday to discuss a new round of sanctions. ";
        let page = format!(
            "<html><body><article><h1>Ministers meet</h1><p>{}</p><figure><img src=a.jpg>\
             <figcaption>Ministers arrive for the meeting</figcaption></figure><p>{}</p></article></body></html>",
            body.repeat(3),
            body.repeat(2)
        );
        let f = clean_html(&page).unwrap();
        assert!(!f.text.contains("Ministers arrive"));
        let caps: Vec<_> = f.removed.iter().filter(|r| r.kind == "caption").collect();
        assert_eq!(caps.len(), 1);
        assert_eq!(caps[0].text, "Ministers arrive for the meeting");
    }

    #[test]
    fn fragments_keep_paragraphs() {
        let t = fragment_to_text(
            "<p>One <b>bold</b>\n word.</p><p>Two<br>lines.</p><script>x()</script>",
        );
        assert_eq!(t, "One bold word.\n\nTwo lines.");
    }
}
