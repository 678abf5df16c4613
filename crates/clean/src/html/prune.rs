//! What a reader skips on a page, taken out of the parsed page before the main content is chosen.
//!
//! - Boxes named as boilerplate by their class or id: related and trending teasers, share and
//!   social buttons, newsletter and subscription prompts, calls to action, galleries and
//!   slideshows, photo captions (and every `<figure>`), author boxes and bios, comments, tags, disclaimers,
//!   recommendation widgets. A name is read word by word (`sdc-article-related-stories` has the word `related`); a box that
//!   holds the page's title (`<h1>`), an `<article>` or the article's body, or a third of the
//!   page's text, is never taken out, whatever its name (`<body class="has-comments">`).
//! - Other stories: when exactly one `<article>` holds the page's title (`<h1>`), every other
//!   `<article>` that neither holds it nor sits inside it is another story (a teaser, a "you may
//!   also like" post, a comment), whatever its name; unless one of them is longer than the titled
//!   one (then the `<h1>` titles a teaser).
//!   An `<article>` holding other `<article>`s is a list of stories, not one story.
//! - Tag lists: the element around links marked `rel=tag` (the microformat for a post's tags and
//!   categories) when those links are most of its text ("Tags: a, b, c").
//! - Boxes named for a picture (`image`, `photo`...) that hold one and little text: figures
//!   without the `<figure>` tag, their captions with them.
//! - List items that are nothing but a short link (a list of links to other pages), and
//!   paragraphs or headings that are a short link in capitals only (a shouted teaser headline).
//!
//! Nothing here is lost: the page's blocks were read before, and whatever is not in the article
//! is recorded as removed.

use dom_query::{Document, NodeRef};

/// Words of a class or id that name a box a reader skips.
const BOILER_WORDS: &[&str] = &[
    "related",
    "trending",
    "share",
    "sharing",
    "sharebar",
    "social",
    "newsletter",
    "subscribe",
    "subscription",
    "signup",
    "promo",
    "cta",
    "outbrain",
    "taboola",
    "recommended",
    "recommendations",
    "comments",
    "slideshow",
    "gallery",
    "carousel",
    "bio",
    "author",
    "tags",
    "disclaimer",
    "breadcrumb",
    "breadcrumbs",
    "caption",
];

/// Elements never taken out by name.
const KEEP: &[&str] = &["html", "body", "main", "article"];

/// The words of a class or id: split at every sign and at each lowercase-to-uppercase step
/// (`InlineImage-imageEmbedCaption` has the words `inline`, `image`, `embed`, `caption`).
fn name_words(name: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut prev_lower = false;
    for c in name.chars() {
        let step = prev_lower && c.is_uppercase();
        if (!c.is_alphanumeric() || step) && !cur.is_empty() {
            words.push(std::mem::take(&mut cur));
        }
        if c.is_alphanumeric() {
            cur.extend(c.to_lowercase());
        }
        prev_lower = c.is_lowercase();
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    words
}

/// The words of an element's class and id (`author-bio`, `InlineImage` -> `author`, `bio`,
/// `inline`, `image`).
fn box_names(el: &NodeRef) -> Vec<String> {
    let names = format!(
        "{} {}",
        el.attr("class").unwrap_or_default(),
        el.attr("id").unwrap_or_default()
    );
    name_words(&names)
}

fn named_boilerplate(el: &NodeRef) -> bool {
    box_names(el)
        .iter()
        .any(|w| BOILER_WORDS.contains(&w.as_str()))
}

pub(super) fn text_len(el: &NodeRef) -> usize {
    el.text().chars().filter(|c| !c.is_whitespace()).count()
}

/// Words of a class or id that name a box for a picture.
const IMAGE_WORDS: &[&str] = &["image", "img", "photo", "picture"];
/// A picture's box holds at most this many letters of text (a caption and a credit).
const MAX_IMAGE_TEXT: usize = 400;

/// A box named for a picture, holding one (`<img>`, `<picture>`) and little text: a figure
/// without the `<figure>` tag.
fn image_box(el: &NodeRef) -> bool {
    box_names(el)
        .iter()
        .any(|w| IMAGE_WORDS.contains(&w.as_str()))
        && el
            .descendants_it()
            .any(|d| is_named(&d, "img") || is_named(&d, "picture"))
        && text_len(el) <= MAX_IMAGE_TEXT
}

/// Holds the article rather than sits beside it.
fn holds_article(el: &NodeRef) -> bool {
    el.descendants_it().any(|d| {
        d.is_element()
            && (matches!(d.node_name().as_deref(), Some("h1" | "article"))
                || d.attr("itemprop")
                    .is_some_and(|v| v.contains("articleBody")))
    })
}

/// Text inside links over all text of `el` (0 when it has none), and its text length.
pub(super) fn link_share(el: &NodeRef) -> (f64, usize) {
    let all = text_len(el);
    if all == 0 {
        return (0.0, 0);
    }
    let links: usize = el
        .descendants_it()
        .filter(|d| d.is_element() && d.node_name().as_deref() == Some("a"))
        // A link inside a link is counted once.
        .filter(|d| {
            !d.ancestors_it(None)
                .any(|a| a.node_name().as_deref() == Some("a"))
        })
        .map(|a| text_len(&a))
        .sum();
    (links as f64 / all as f64, all)
}

/// In capitals only (at least four cased letters, none lowercase).
fn shouted(el: &NodeRef) -> bool {
    let text = el.text();
    let cased = || {
        text.chars()
            .filter(|c| c.is_lowercase() || c.is_uppercase())
    };
    cased().count() >= 4 && cased().all(char::is_uppercase)
}

fn is_named(el: &NodeRef, name: &str) -> bool {
    el.is_element() && el.node_name().as_deref() == Some(name)
}

/// The `<article>` elements that are other stories than the one holding the page's `<h1>` (see
/// the module doc); none when no single `<article>` holds an `<h1>`.
fn other_stories<'a>(body: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let articles: Vec<NodeRef> = body
        .descendants_it()
        .filter(|d| is_named(d, "article"))
        .collect();
    if articles.len() < 2 {
        return Vec::new();
    }
    let holds_h1 = |a: &NodeRef| a.descendants_it().any(|d| is_named(&d, "h1"));
    let with_h1: Vec<&NodeRef> = articles.iter().filter(|a| holds_h1(a)).collect();
    // The innermost article holding the title is the story; those around it hold it too.
    let story = match with_h1.last() {
        None => return Vec::new(),
        Some(s) => **s,
    };
    let around = |a: &NodeRef| story.ancestors_it(None).any(|x| x.id == a.id);
    let inside = |a: &NodeRef| a.ancestors_it(None).any(|x| x.id == story.id);
    if with_h1.iter().any(|a| a.id != story.id && !around(a)) {
        return Vec::new();
    }
    let others: Vec<NodeRef> = articles
        .iter()
        .filter(|a| a.id != story.id && !around(a) && !inside(a))
        .cloned()
        .collect();
    // A teaser with an `<h1>` beside a longer story is not the story (stories compared one by
    // one: an `<article>` holding others is a list of them).
    let story_len = text_len(&story);
    let single = |a: &NodeRef| !a.descendants_it().any(|d| is_named(&d, "article"));
    if others.iter().any(|a| single(a) && text_len(a) > story_len) {
        return Vec::new();
    }
    others
}

/// The elements around `rel=tag` links whose text is mostly those links (see the module doc).
fn tag_lists<'a>(body: &NodeRef<'a>) -> Vec<NodeRef<'a>> {
    let mut out: Vec<NodeRef> = Vec::new();
    for a in body.descendants_it().filter(|d| is_named(d, "a")) {
        let rel = a.attr("rel").unwrap_or_default();
        if !rel
            .split_whitespace()
            .any(|w| w.eq_ignore_ascii_case("tag"))
        {
            continue;
        }
        let Some(parent) = a.parent() else { continue };
        if out.iter().any(|o| o.id == parent.id)
            || KEEP.contains(&parent.node_name().unwrap_or_default().as_ref())
        {
            continue;
        }
        let tags: usize = parent
            .children_it(false)
            .filter(|c| {
                is_named(c, "a")
                    && c.attr("rel").is_some_and(|r| {
                        r.split_whitespace().any(|w| w.eq_ignore_ascii_case("tag"))
                    })
            })
            .map(|c| text_len(&c))
            .sum();
        if tags * 10 >= text_len(&parent) * 7 {
            out.push(parent);
        }
    }
    out
}

/// Takes out of `doc` what a reader skips (see the module doc).
pub fn prune(doc: &Document) {
    let Some(body) = doc.body() else { return };
    let page = text_len(&body).max(1);
    let mut doomed = other_stories(&body);
    doomed.extend(tag_lists(&body));
    for el in body.descendants_it().filter(NodeRef::is_element) {
        let name = el.node_name().unwrap_or_default();
        if KEEP.contains(&name.as_ref()) {
            continue;
        }
        let figure = name.as_ref() == "figure" || image_box(&el);
        if (figure || named_boilerplate(&el)) && !holds_article(&el) && text_len(&el) * 3 < page {
            doomed.push(el);
            continue;
        }
        // Measured: paragraphs and headings that are all link are as often the article's own
        // (a deal, a song title) as teasers, unless shouted; list items of links are link lists.
        let heading_like = matches!(name.as_ref(), "p" | "h2" | "h3" | "h4" | "h5" | "h6");
        if name.as_ref() == "li" || (heading_like && shouted(&el)) {
            let (share, len) = link_share(&el);
            // A teaser: all link, and short (a headline, not a paragraph).
            if len > 0 && share >= 0.9 && len <= 200 {
                doomed.push(el);
            }
        }
    }
    for el in doomed {
        el.remove_from_parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_names_are_read_word_by_word() {
        assert_eq!(
            name_words("InlineImage-imageEmbedCaption sdc_related2"),
            ["inline", "image", "image", "embed", "caption", "sdc", "related2"]
        );
        assert_eq!(name_words("HTMLBlock"), ["htmlblock"]);
    }

    #[test]
    fn a_box_holding_the_article_stays_whatever_its_name() {
        let doc = Document::from(
            "<html><body><div class=\"has-comments\"><h1>Title</h1><p>Text of the article, \
             long enough.</p></div><div class=\"RelatedLinks\"><p>Other story</p></div></body></html>",
        );
        prune(&doc);
        let text = doc.select("body").text();
        assert!(text.contains("Text of the article"));
        assert!(!text.contains("Other story"));
    }

    #[test]
    fn other_articles_than_the_titled_one_are_other_stories() {
        let doc = Document::from(
            "<html><body><article><h1>Title</h1><p>The story itself, long enough.</p></article>\
             <article><h3>You may also like</h3><article><p>Another post's opening words.</p>\
             </article></article><div><article><p>A third post.</p></article></div></body></html>",
        );
        prune(&doc);
        let text = doc.select("body").text();
        assert!(text.contains("The story itself"));
        assert!(!text.contains("also like"));
        assert!(!text.contains("Another post"));
        assert!(!text.contains("A third post"));
    }

    #[test]
    fn articles_stay_when_no_single_one_holds_the_title() {
        let page = "<html><body><h1>Site</h1><article><p>One post.</p></article>\
                    <article><p>Two post.</p></article></body></html>";
        let doc = Document::from(page);
        prune(&doc);
        assert!(doc.select("body").text().contains("Two post"));
        let doc = Document::from(
            "<html><body><article><h1>A</h1><p>One.</p></article><article><h1>B</h1>\
             <p>Two post.</p></article></body></html>",
        );
        prune(&doc);
        assert!(doc.select("body").text().contains("Two post"));
        let doc = Document::from(
            "<html><body><article><p>The story itself, with more words than the teaser.</p>\
             </article><article><h1>Teaser</h1><p>Short.</p></article></body></html>",
        );
        prune(&doc);
        assert!(doc.select("body").text().contains("The story itself"));
    }

    #[test]
    fn tag_lists_go_and_a_tag_link_in_a_sentence_stays() {
        let doc = Document::from(
            "<html><body><h1>Title</h1><p>The story itself, long enough to be a story.</p>\
             <p><strong>Tags<br><a rel=\"tag\" href=\"/t/a\">stock car</a>, \
             <a rel=\"category tag\" href=\"/t/b\">racing calendar</a></strong></p>\
             <p>Read more about <a rel=\"tag\" href=\"/t/c\">racing</a> in the weekly \
             round-up of the season.</p></body></html>",
        );
        prune(&doc);
        let text = doc.select("body").text();
        assert!(!text.contains("Tags"));
        assert!(!text.contains("stock car"));
        assert!(text.contains("Read more about racing in the weekly"));
    }

    #[test]
    fn a_box_named_for_a_picture_goes_with_its_caption() {
        let doc = Document::from(
            "<html><body><div class=\"element article\"><h1>Title</h1>\
             <div class=\"image top\"><img src=a.jpg><p>In this file photo, astronauts \
             work outside the station.</p></div><p>The story itself, long enough to be one, \
             and longer than the caption, by a good margin, so that the picture is beside it \
             and not the page.</p>\
             <div class=\"photo-essay-intro\"><p>A named box without a picture stays.</p></div>\
             </div></body></html>",
        );
        prune(&doc);
        let text = doc.select("body").text();
        assert!(!text.contains("file photo"));
        assert!(text.contains("The story itself"));
        assert!(text.contains("without a picture stays"));
    }
}
