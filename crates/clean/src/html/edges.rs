//! The head of the chosen content: the few short lines a content block often starts with before
//! the article's prose (a section name, a kicker, "Updated 9:41 AM", a byline with a title) are
//! not the article. They are cut when there are at most [`MAX_LINES`] of them, each of at most
//! [`MAX_WORDS`] words: more, or longer, lines before the prose are a list or a table that belongs
//! to the article. What is cut is recorded as removed with the page's other blocks.
//!
//! At the end of the content, a teaser list is cut ([`trim_link_tail`]). Short lines as such are
//! left alone: measured, they are as often the
//! article's own (a sign-off, a credit the publisher counts) as furniture. What is cut there is
//! a contact line: at most [`MAX_TAIL`] last paragraphs of at most [`MAX_CONTACT_WORDS`] words that
//! give an e-mail address, a web address or an `@handle` ("Email the author at ...", "Follow us
//! @site", "More coverage: https://..."), whatever their language.

use super::prune::{link_share, text_len};
use dom_query::{Document, NodeRef};
use regex::Regex;
use std::sync::LazyLock;

/// Elements read as one line of the content for [`trim_link_tail`].
const LINES: &str = "p, li, h2, h3, h4, h5, h6, dt, dd";

/// Takes out of the chosen content (`doc`) the teaser list it ends with: a run of at least two
/// last lines that are all link (each at least 90% of its text inside links), with the short
/// line that announces them ("You may also like...", "More stories"), if any. Lines nested in
/// other lines are read once, as part of the outer one.
pub fn trim_link_tail(doc: &Document) {
    let sel = doc.select(LINES);
    let lines: Vec<NodeRef> = sel
        .nodes()
        .iter()
        .filter(|n| text_len(n) > 0)
        .filter(|n| {
            !n.ancestors_it(None).any(|a| {
                a.is_element()
                    && matches!(
                        a.node_name().as_deref(),
                        Some("p" | "li" | "h2" | "h3" | "h4" | "h5" | "h6" | "dt" | "dd")
                    )
            })
        })
        .copied()
        .collect();
    let run = lines
        .iter()
        .rev()
        .take_while(|n| link_share(n).0 >= 0.9)
        .count();
    if run < 2 || run == lines.len() {
        return;
    }
    let mut doomed: Vec<&NodeRef> = lines[lines.len() - run..].iter().collect();
    let before = &lines[lines.len() - run - 1];
    if before.text().split_whitespace().count() <= MAX_WORDS && !is_prose(&before.text()) {
        doomed.push(before);
    }
    for n in doomed {
        n.remove_from_parent();
    }
}

/// At most this many short lines are cut before the first paragraph of prose.
const MAX_LINES: usize = 3;
/// A line of at most this many words is short.
const MAX_WORDS: usize = 8;

/// At most this many contact lines are cut at the end.
const MAX_TAIL: usize = 2;
/// A contact line has at most this many words.
const MAX_CONTACT_WORDS: usize = 30;

/// An e-mail address, a web address or an `@handle`.
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\w.+-]+@[\w-]+\.\w|https?://|(?:^|\s)www\.|(?:^|\s)@\w").expect("valid regex")
});

fn is_contact(par: &str) -> bool {
    par.split_whitespace().count() <= MAX_CONTACT_WORDS && CONTACT.is_match(par)
}

/// `text` without its last contact lines (see the module doc); never emptied.
pub fn trim_tail(text: &str) -> String {
    let mut pars: Vec<&str> = text.split("\n\n").collect();
    let mut cut = 0;
    while cut < MAX_TAIL && pars.len() > 1 && pars.last().is_some_and(|p| is_contact(p)) {
        pars.pop();
        cut += 1;
    }
    pars.join("\n\n")
}

/// A paragraph of prose: ten words or more (in scripts written without spaces, 40 characters).
fn is_prose(par: &str) -> bool {
    let words = par.split_whitespace().count();
    let letters = par.chars().filter(|c| c.is_alphanumeric()).count();
    words >= 10 || (words < 4 && letters >= 40)
}

/// `text` (blank-line separated paragraphs) without the short lines before its first paragraph
/// of prose (see the module doc); unchanged when it has no prose at all.
pub fn trim_head(text: &str) -> String {
    let pars: Vec<&str> = text.split("\n\n").collect();
    let Some(first) = pars.iter().position(|p| is_prose(p)) else {
        return text.to_string();
    };
    let short_head = first <= MAX_LINES
        && pars[..first]
            .iter()
            .all(|p| p.split_whitespace().count() <= MAX_WORDS);
    if !short_head {
        return text.to_string();
    }
    pars[first..].join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn contact_lines_at_the_end_are_cut() {
        let body = "The council voted on Tuesday to close the bridge for repairs next spring.";
        let text = format!(
            "{body}\n\nEmail Jane Roe at jroe@example.com or follow her @janeroe.\n\n\
             Mehr dazu: https://example.com/brücke"
        );
        assert_eq!(trim_tail(&text), body);
        // Only at the end, and only short lines.
        let mid = format!("Write to jroe@example.com.\n\n{body}");
        assert_eq!(trim_tail(&mid), mid);
        let long = format!(
            "{body}\n\n{} See https://example.com/report.",
            body.repeat(3)
        );
        assert_eq!(trim_tail(&long), long);
    }

    fn tail_trimmed(html: &str) -> String {
        let doc = Document::fragment(html);
        trim_link_tail(&doc);
        doc.root().text().to_string()
    }

    #[test]
    fn a_teaser_list_ending_the_content_is_cut_with_its_heading() {
        let story = "<p>The band unveiled its plans at the close of its Monday night show.</p>";
        let t = tail_trimmed(&format!(
            "{story}<p>You may also like...</p><p><a href=\"/a\">Who will make the Hall?</a></p>\
             <p><a href=\"/b\">Fans want the band in the Hall</a></p>"
        ));
        assert!(t.contains("unveiled its plans"));
        assert!(!t.contains("also like"));
        assert!(!t.contains("Who will make"));
        // One last link line is the article's own (a source, a deal).
        let one = format!("{story}<p><a href=\"/a\">Buy it at the store</a></p>");
        assert!(tail_trimmed(&one).contains("Buy it"));
        // A line of prose before the links is not their heading.
        let prose = format!(
            "{story}<p>The tour stops at the music centre on July 22 with all four members.</p>\
             <ul><li><a href=\"/a\">One</a></li><li><a href=\"/b\">Two</a></li></ul>"
        );
        let t = tail_trimmed(&prose);
        assert!(t.contains("July 22") && !t.contains("One"));
    }
}
