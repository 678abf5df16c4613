//! Step 2, boilerplate: paragraphs that are share rows, copyright lines, follow/newsletter
//! prompts, read times, comment counts or a phrase of `crates/clean/lexicons/clean_boilerplate.txt`,
//! and whether one opens a comment section.

use crate::lexicon;
use regex::Regex;
use std::sync::LazyLock;

/// Lowercase, with typographic apostrophes made plain, for phrase matching.
fn match_key(p: &str) -> String {
    p.to_lowercase().replace(['’', '‘'], "'")
}

static SHARE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|copy link|comments?)\s*[|/·•,]?\s*)+$").unwrap()
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    // "Copyright" with a sign (©, ⓒ, or the @ some type for it) is a notice whatever follows.
    Regex::new(
        r"(?i)^(?:(?:copyright|©|ⓒ|\(c\))\s*(?:[©ⓒ@]\s*)?(?:\d{4}|.{0,80}(?-u:\b)rights reserved)|copyright\s*[©ⓒ]\s*\S.{0,120}$)",
    )
    .unwrap()
});
static FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^follow\s+(?:\S+\s+){0,5}on\s+(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok|telegram)(?-u:\b).{0,60}$").unwrap()
});
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sign up|subscribe|register|get)(?-u:\b).{0,80}(?-u:\b)newsletters?(?-u:\b).{0,80}$").unwrap()
});
static READ_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d+\s*(?:min|minutes?)\.?\s+read$").unwrap());
static COMMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+|no)\s+(?:comments?|responses?|replies)(?-u:\b).{0,60}$").unwrap()
});

/// `Some(opens_comment_section)` when the paragraph is boilerplate.
pub(super) fn boilerplate(p: &str) -> Option<bool> {
    if p.len() > 300 {
        return None;
    }
    let key = match_key(p);
    for (phrase, opens) in lexicon::BOILERPLATE_PHRASES.iter() {
        if key.starts_with(phrase.as_str()) {
            // A phrase must end at a word boundary ("advertisement", not "advertisements are").
            let next = key[phrase.len()..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            // A short phrase followed by lowercase words is a sentence that starts the same way
            // ("Advertisement spending rose..."), not the boilerplate.
            let short = phrase.split_whitespace().count() <= 2;
            let sentence = p.len() == key.len()
                && p.get(phrase.len()..).is_some_and(|rest| {
                    rest.trim_start_matches(' ')
                        .starts_with(|c: char| c.is_lowercase())
                });
            if !(short && sentence) {
                return Some(*opens);
            }
        }
    }
    if COPYRIGHT.is_match(p)
        || READ_TIME.is_match(p)
        || FOLLOW.is_match(p)
        || NEWSLETTER.is_match(p)
    {
        return Some(false);
    }
    if COMMENT_COUNT.is_match(p) {
        return Some(true);
    }
    if p.len() < 120 && SHARE_ROW.is_match(p) {
        return Some(false);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_but_not_sentences() {
        assert_eq!(boilerplate("Advertisement"), Some(false));
        // issue 17: a page-break teaser read as a person's name
        assert_eq!(boilerplate("Continued Below"), Some(false));
        assert_eq!(
            boilerplate("Story continues after advertisement"),
            Some(false)
        );
        assert_eq!(
            boilerplate("Continued below the fold, the road narrows."),
            None
        );
        assert_eq!(boilerplate("Advertisement spending rose 5% in 2021."), None);
        assert_eq!(boilerplate("Leave a Reply"), Some(true));
        assert_eq!(
            boilerplate("No comments yet. Why don’t you start the discussion?"),
            Some(true)
        );
        assert_eq!(
            boilerplate("Copyright 2022 The Associated Press. All rights reserved."),
            Some(false)
        );
        assert_eq!(
            boilerplate("Copyright ⓒ Entermedia.co.kr. 무단전재 및 재배포 금지"),
            Some(false)
        );
        assert_eq!(boilerplate("Copyright @ 2019 The New Arab."), Some(false));
        assert_eq!(boilerplate("Copyright law was changed in 2019."), None);
        assert_eq!(boilerplate("5 min read"), Some(false));
        assert_eq!(boilerplate("Sign up for our daily newsletter"), Some(false));
        assert_eq!(
            boilerplate("Follow Ian Hanchett on Twitter @IanHanchett."),
            Some(false)
        );
        assert_eq!(boilerplate("Share | Tweet | Email"), Some(false));
        assert_eq!(boilerplate("Sharing of intelligence was discussed."), None);
    }
}
