//! Sentence splitter: owns where one [`model::Sentence`] ends and the next begins.
//!
//! [`split`] groups the tokens of [`crate::tokenize::tokenize`] into sentences that cover every
//! token in order. A sentence ends:
//!
//! - at a paragraph break (a blank line between two tokens), always;
//! - after `.`, `!`, `?`, `…` or `...` (plus any closing quotes and brackets, which stay with their
//!   sentence) when the next token looks like a sentence start (capital, digit, opening quote),
//!   but not inside `No. 2` or a case name's `v.` (`Walmart Stores v. Dukes`); after a bare `?`,
//!   `!` or a word's `.` before a lowercase word too (informal text: `grow up? india?`);
//! - after an abbreviation that may end a sentence (`Inc.`, `U.S.`) only when a common sentence
//!   starter follows (`The`, `He`: `lexicons/ner_sentence_starters.txt`). Titles (`Mr.`,
//!   `Gen.`) and initials (`A.`) never end a sentence.
//!
//! A run of more than [`MAX_SENTENCE_TOKENS`] tokens without a sentence end (a paragraph without
//! punctuation, a flattened table) is cut into pieces of that many tokens, so that no later stage
//! works on an unbounded sentence; [`crate::Pipeline::run_with`] notes it.

pub use crate::budget::MAX_SENTENCE_TOKENS;
use crate::tokenize::{abbreviation_kind, is_dotted_acronym, is_initial, AbbrevKind};
use model::{Sentence, Span, Token};
use std::collections::HashSet;
use std::sync::OnceLock;

fn starters() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        crate::lexicon::entries(crate::lexicon::files::NER_SENTENCE_STARTERS).collect()
    })
}

fn is_terminator(t: &str) -> bool {
    matches!(t, "." | "!" | "?" | "…") || (t.len() > 1 && t.bytes().all(|b| b == b'.'))
}

fn is_closing_char(c: char) -> bool {
    matches!(c, '”' | '’' | '»' | '›' | ')' | ']' | '}' | '"' | '\'')
}

fn is_opening_char(c: char) -> bool {
    matches!(c, '“' | '‘' | '«' | '‹' | '„' | '(' | '[' | '"' | '\'')
}

/// True when the gap between two tokens holds a blank line.
fn paragraph_break(gap: &str) -> bool {
    let mut newlines = 0;
    for c in gap.chars() {
        if c == '\n' {
            newlines += 1;
            if newlines >= 2 {
                return true;
            }
        } else if c == '\u{2029}' {
            return true;
        }
    }
    false
}

fn looks_like_start(tok: &str) -> bool {
    tok.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_numeric() || is_opening_char(c) || c == '-' || c == '—'
    })
}

/// Informal text starts sentences in lowercase (`where did you grow up? india?`): a bare `?` or
/// `!`, or a `.` after an ordinary lowercase word (not an abbreviation, which keeps its dot), ends
/// a sentence before a lowercase word too. Not after a closing quote or bracket (`“Why?” he
/// asked`): the caller checks that the terminator is the sentence's last token.
fn lowercase_start(text: &str, tokens: &[Token], i: usize) -> bool {
    let (t, Some(next)) = (tokens[i].span.slice(text), tokens.get(i + 1)) else {
        return false;
    };
    let next = next.span.slice(text);
    if !next.chars().next().is_some_and(char::is_lowercase)
        || !next.chars().all(char::is_alphabetic)
    {
        return false;
    }
    match t {
        "?" | "!" => true,
        "." if i > 0 => {
            let prev = tokens[i - 1].span.slice(text);
            let attached = tokens[i - 1].span.end == tokens[i].span.start;
            attached
                && prev.chars().count() >= 3
                && prev.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
                && abbreviation_kind(prev).is_none()
        }
        _ => false,
    }
}

/// Splits the tokens of `text` into sentences covering every token, in order.
pub fn split(text: &str, tokens: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<Sentence>, mut a: usize, b: usize| {
        while b > a {
            let e = b.min(a + MAX_SENTENCE_TOKENS);
            out.push(Sentence {
                span: Span::new(tokens[a].span.start, tokens[e - 1].span.end),
                tokens: a..e,
            });
            a = e;
        }
    };
    while i < n {
        if i > start && paragraph_break(&text[tokens[i - 1].span.end..tokens[i].span.start]) {
            push(&mut out, start, i);
            start = i;
        }
        let t = tokens[i].span.slice(text);
        let mut end = i + 1; // exclusive end of the sentence if it ends here
        let mut split_here = false;
        if is_terminator(t) {
            while end < n {
                let s = tokens[end].span.slice(text);
                let attached = tokens[end].span.start == tokens[end - 1].span.end;
                let closer =
                    s.chars().count() == 1 && s.chars().next().is_some_and(is_closing_char);
                // A straight quote closes only when it touches the previous token.
                let straight = s == "\"" || s == "'";
                if closer && (!straight || attached) {
                    end += 1;
                } else {
                    break;
                }
            }
            split_here = end >= n
                || looks_like_start(tokens[end].span.slice(text))
                || (end == i + 1 && lowercase_start(text, tokens, i));
            // "the No. 2 spot", "Walmart Stores v. Dukes": a number sign or a case name's "v."
            if split_here && end < n && t == "." && i > 0 {
                let prev = tokens[i - 1].span.slice(text);
                let attached = tokens[i - 1].span.end == tokens[i].span.start;
                let next = tokens[end].span.slice(text);
                let number_sign =
                    matches!(prev, "No" | "Nos") && next.starts_with(|c: char| c.is_ascii_digit());
                let versus = prev == "v" && next.starts_with(char::is_uppercase);
                if attached && end == i + 1 && (number_sign || versus) {
                    split_here = false;
                }
            }
        } else if t.len() > 1 && t.ends_with('.') && !is_initial(t) {
            let kind = abbreviation_kind(t);
            let may_end =
                kind == Some(AbbrevKind::Other) || (kind.is_none() && is_dotted_acronym(t));
            if may_end && end < n {
                let next = tokens[end].span.slice(text);
                split_here = next.chars().next().is_some_and(char::is_uppercase)
                    && starters().contains(next.to_lowercase().as_str());
            }
        }
        if split_here {
            push(&mut out, start, end);
            start = end;
        }
        i = end;
    }
    push(&mut out, start, n);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    fn sents(text: &str) -> Vec<&str> {
        split(text, &tokenize(text))
            .iter()
            .map(|s| s.span.slice(text))
            .collect()
    }

    #[test]
    fn splits_at_terminators_and_keeps_closing_quotes() {
        assert_eq!(
            sents("“This creates conflicts.” Fomin said so. He left! Did he?"),
            [
                "“This creates conflicts.”",
                "Fomin said so.",
                "He left!",
                "Did he?"
            ]
        );
        assert_eq!(sents("“Yes.” he said."), ["“Yes.” he said."]);
    }

    #[test]
    fn informal_text_starts_sentences_in_lowercase() {
        assert_eq!(
            sents("where did you grow up? india? i am going to party. max is here"),
            [
                "where did you grow up?",
                "india?",
                "i am going to party.",
                "max is here"
            ]
        );
        // Not after a quote's closing mark, a capitalised word or an abbreviation.
        assert_eq!(sents("“Why not?” he asked."), ["“Why not?” he asked."]);
        assert_eq!(
            sents("It went to the U.S. and Canada."),
            ["It went to the U.S. and Canada."]
        );
        assert_eq!(sents("Ask Paris. she said"), ["Ask Paris. she said"]);
        assert_eq!(sents("about 3. the end"), ["about 3. the end"]);
    }

    #[test]
    fn never_splits_after_titles_and_initials() {
        assert_eq!(
            sents("Mr. Putin met Sam A. Greene on Jan. 5 in the U.S. capital."),
            ["Mr. Putin met Sam A. Greene on Jan. 5 in the U.S. capital."]
        );
        assert_eq!(
            sents("He works for Acme Inc. The firm grew."),
            ["He works for Acme Inc.", "The firm grew."]
        );
    }

    #[test]
    fn never_splits_inside_a_number_sign_or_a_case_name() {
        assert_eq!(
            sents("He wants the No. 2 spot on the ticket. He cited Walmart Stores v. Dukes today."),
            [
                "He wants the No. 2 spot on the ticket.",
                "He cited Walmart Stores v. Dukes today."
            ]
        );
        assert_eq!(
            sents("He said no. 2 more came."),
            ["He said no.", "2 more came."]
        );
    }

    #[test]
    fn splits_at_paragraph_breaks() {
        assert_eq!(
            sents("Headline without dot\n\nBody text here. More"),
            ["Headline without dot", "Body text here.", "More"]
        );
    }

    #[test]
    fn covers_every_token_in_order() {
        let text = "a. b? “c.” (d.) \n\n e... f";
        let toks = tokenize(text);
        let s = split(text, &toks);
        let mut next = 0;
        for sent in &s {
            assert_eq!(sent.tokens.start, next);
            assert!(sent.tokens.end > sent.tokens.start);
            next = sent.tokens.end;
        }
        assert_eq!(next, toks.len());
        assert!(split("", &[]).is_empty());
    }
}
