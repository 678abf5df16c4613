//! The head of the chosen content: the few short lines a content block often starts with before
//! the article's prose (a section name, a kicker, "Updated 9:41 AM", a byline with a title) are
//! not the article. They are cut when there are at most [`MAX_LINES`] of them, each of at most
//! [`MAX_WORDS`] words: more, or longer, lines before the prose are a list or a table that belongs
//! to the article. What is cut is recorded as removed with the page's other blocks.
//!
//! The end of the content is left alone: measured, short last lines are as often the article's
//! own (a sign-off, a credit the publisher counts) as furniture.

/// At most this many short lines are cut before the first paragraph of prose.
const MAX_LINES: usize = 3;
/// A line of at most this many words is short.
const MAX_WORDS: usize = 8;

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
