//! The article's body as the page states it in JSON-LD (`articleBody`), or marks it up with
//! microdata (the one element with `itemprop=articleBody`), used to cut from the
//! chosen content what the publisher does not count as the article: teasers, promotions, bios,
//! gallery furniture that sit inside the content block.
//!
//! The JSON-LD text is often flattened (no paragraphs, no links, sometimes cut short), so it does
//! not replace the content: it filters it, paragraph by paragraph. It is trusted only when it is
//! the same article: what it keeps must be at least half of the content's words, and its own
//! words mostly found in the content.

use std::collections::HashSet;

/// Lowercased words (runs of letters and digits).
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn shingles(words: &[String]) -> HashSet<&[String]> {
    words.windows(4).collect()
}

/// Is a paragraph part of the JSON-LD body: all its words in order, or most of its 4-word runs?
fn in_body(par: &[String], body_text: &str, body: &HashSet<&[String]>) -> bool {
    if par.is_empty() {
        return true;
    }
    let joined = format!(" {} ", par.join(" "));
    if body_text.contains(&joined) {
        return true;
    }
    let runs: Vec<&[String]> = par.windows(4).collect();
    !runs.is_empty() && runs.iter().filter(|r| body.contains(*r)).count() * 10 >= runs.len() * 6
}

/// The paragraphs of `text` (blank-line separated) that the JSON-LD `articleBody` holds, or `None`
/// when that body cannot be trusted to be the same article (see the module doc).
pub fn filter(text: &str, ld_body: &str) -> Option<String> {
    let body_words = words(ld_body);
    if body_words.len() < 30 {
        return None;
    }
    let body_text = format!(" {} ", body_words.join(" "));
    let body = shingles(&body_words);
    let (mut kept, mut all, mut kept_words) = (Vec::new(), 0usize, 0usize);
    for par in text.split("\n\n") {
        let w = words(par);
        all += w.len();
        if in_body(&w, &body_text, &body) {
            kept_words += w.len();
            kept.push(par);
        }
    }
    let trusted = kept_words * 2 >= all && kept_words * 10 >= body_words.len() * 6;
    (trusted && kept_words < all).then(|| kept.join("\n\n"))
}
