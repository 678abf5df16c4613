//! The words the parser sees: lede's tokens, split where Universal Dependencies English splits
//! what lede's tokenizer keeps whole: hyphenated words (`long-range` -> `long` `-` `range`; a
//! prefix UD keeps joined stays whole: `anti-war`) and a few fused forms (`cannot` -> `can` `not`,
//! `gonna` -> `gon` `na`). Every word is a sub-span of its token, so offsets still point into the
//! text.

use crate::lexicon;
use model::{Span, Token};
use std::collections::HashSet;
use std::sync::LazyLock;

struct Lexicons {
    /// Fused forms and the byte offset of their split.
    fused: Vec<(String, usize)>,
    prefixes: HashSet<String>,
}

fn lexicons() -> &'static Lexicons {
    static L: LazyLock<Lexicons> = LazyLock::new(|| Lexicons {
        fused: lexicon::entries(lexicon::files::SYNTAX_FUSED)
            .filter_map(|l| {
                let (w, at) = l.split_once(' ')?;
                Some((w.to_string(), at.trim().parse().ok()?))
            })
            .collect(),
        prefixes: lexicon::entries(lexicon::files::SYNTAX_HYPHEN_PREFIXES)
            .map(str::to_string)
            .collect(),
    });
    &L
}

/// The word spans of one token (`start` is the token's offset in the text).
pub fn split_token(text: &str, span: Span, out: &mut Vec<Span>) {
    let word = &text[span.start..span.end];
    let lex = lexicons();
    for (f, at) in &lex.fused {
        if word.eq_ignore_ascii_case(f) && word.is_char_boundary(*at) {
            out.push(Span {
                start: span.start,
                end: span.start + *at,
            });
            out.push(Span {
                start: span.start + *at,
                end: span.end,
            });
            return;
        }
    }
    let bytes = word.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let inner = i > 0 && i + 1 < bytes.len();
        if b == b'-'
            && inner
            && bytes[i - 1].is_ascii_alphanumeric()
            && (bytes[i + 1].is_ascii_alphanumeric() || bytes[i + 1] >= 0x80)
            && word[..i].chars().any(|c| c.is_alphabetic())
            && !(start == 0 && lex.prefixes.contains(&word[..i].to_lowercase()))
        {
            out.push(Span {
                start: span.start + start,
                end: span.start + i,
            });
            out.push(Span {
                start: span.start + i,
                end: span.start + i + 1,
            });
            start = i + 1;
        }
    }
    out.push(Span {
        start: span.start + start,
        end: span.end,
    });
}

/// The words of `tokens`: spans and, for each, the index of its token.
pub fn words(text: &str, tokens: &[Token]) -> (Vec<Span>, Vec<u32>) {
    let mut spans = Vec::with_capacity(tokens.len() + tokens.len() / 16);
    let mut owner = Vec::with_capacity(spans.capacity());
    for (t, tok) in tokens.iter().enumerate() {
        let before = spans.len();
        split_token(text, tok.span, &mut spans);
        owner.resize(spans.len(), t as u32);
        debug_assert!(spans.len() > before);
    }
    (spans, owner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(w: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_token(
            w,
            Span {
                start: 0,
                end: w.len(),
            },
            &mut out,
        );
        out.iter().map(|s| &w[s.start..s.end]).collect()
    }

    #[test]
    fn splits_as_ud_english() {
        assert_eq!(split("long-range"), ["long", "-", "range"]);
        assert_eq!(split("anti-war"), ["anti-war"]);
        assert_eq!(split("mother-in-law"), ["mother", "-", "in", "-", "law"]);
        assert_eq!(split("Cannot"), ["Can", "not"]);
        assert_eq!(split("U.S."), ["U.S."]);
        assert_eq!(split("3-0"), ["3-0"]);
        assert_eq!(split("-"), ["-"]);
        assert_eq!(split("--"), ["--"]);
        assert_eq!(split("non-profit"), ["non-profit"]);
        assert_eq!(split("re-elected"), ["re-elected"]);
    }
}
