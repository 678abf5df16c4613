//! Tokenizer for English news text: owns the rules that cut an article into [`model::Token`]s.
//!
//! [`tokenize`] returns byte spans into the text (never empty, never overlapping, in order). The
//! rules follow Penn-Treebank habits where they matter for the later stages:
//!
//! - words keep internal hyphens (`de-escalate`), internal dots (`U.S.`, `3.5`), digit groups
//!   (`100,000`, `10:30`, `24/7`) and `&` between capitals (`AT&T`);
//! - a trailing dot stays on initials (`A.`), dotted acronyms (`U.S.`) and known abbreviations
//!   (`Mr.`, `Jan.`, `Inc.`, from `lexicons/ner_abbreviations.txt`);
//! - clitics are split off with their apostrophe, straight or curly (`Russia’s` -> `Russia` `’s`,
//!   `don't` -> `do` `n't`), while names keep theirs (`O'Brien`);
//! - every quote mark (`“ ” " ‘ ’ « » „ ‹ ›`), dash and other punctuation is its own token, except
//!   runs of dots (`...`) and of hyphens (`--`), which stay together.

use model::{Span, Token};
use std::collections::HashSet;
use std::sync::OnceLock;

/// How an abbreviation behaves at the end of a sentence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevKind {
    /// Precedes a name and never ends a sentence (`Mr.`, `Gen.`).
    Title,
    /// May end a sentence (`Inc.`, `Jan.`, `etc.`).
    Other,
}

struct Abbrevs {
    title: HashSet<String>,
    other: HashSet<String>,
}

fn abbrevs() -> &'static Abbrevs {
    static A: OnceLock<Abbrevs> = OnceLock::new();
    A.get_or_init(|| {
        let mut a = Abbrevs {
            title: HashSet::new(),
            other: HashSet::new(),
        };
        for line in crate::lexicon::entries(crate::lexicon::files::NER_ABBREVIATIONS) {
            let mut parts = line.split_whitespace();
            let (Some(word), kind) = (parts.next(), parts.next()) else {
                continue;
            };
            let word = word.trim_end_matches('.').to_lowercase();
            if kind == Some("title") {
                a.title.insert(word);
            } else {
                a.other.insert(word);
            }
        }
        a
    })
}

/// The kind of `word` (with or without its final dot) if it is a known abbreviation.
pub fn abbreviation_kind(word: &str) -> Option<AbbrevKind> {
    let w = word.trim_end_matches('.').to_lowercase();
    let a = abbrevs();
    if a.title.contains(&w) {
        Some(AbbrevKind::Title)
    } else if a.other.contains(&w) {
        Some(AbbrevKind::Other)
    } else {
        None
    }
}

/// True for `U.S.`-like tokens: single letters each followed by a dot, at least two of them.
pub fn is_dotted_acronym(word: &str) -> bool {
    let mut letters = 0;
    let mut expect_letter = true;
    for c in word.chars() {
        if expect_letter {
            if !c.is_alphabetic() {
                return false;
            }
            letters += 1;
        } else if c != '.' {
            return false;
        }
        expect_letter = !expect_letter;
    }
    letters >= 2 && expect_letter
}

/// True for a single-letter initial with its dot (`A.`).
pub fn is_initial(word: &str) -> bool {
    let mut it = word.chars();
    matches!((it.next(), it.next(), it.next()), (Some(c), Some('.'), None) if c.is_alphabetic() && c.is_uppercase())
}

/// True for apostrophes, straight or curly.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | 'ʼ')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Length in bytes of a clitic (`'s`, `’re`, `n't`...) starting at `rest`, if `rest` starts with one
/// that is followed by a non-letter.
fn clitic_len(rest: &str) -> Option<usize> {
    let mut chars = rest.char_indices();
    let (_, first) = chars.next()?;
    let after_apos = if first == 'n' || first == 'N' {
        let (i, a) = chars.next()?;
        if !is_apostrophe(a) {
            return None;
        }
        let tail = &rest[i + a.len_utf8()..];
        if !(tail.starts_with('t') || tail.starts_with('T')) {
            return None;
        }
        i + a.len_utf8() + 1
    } else if is_apostrophe(first) {
        let start = first.len_utf8();
        let tail = &rest[start..];
        let n = tail
            .chars()
            .take_while(|c| c.is_alphabetic())
            .map(char::len_utf8)
            .sum::<usize>();
        let clitic = tail[..n].to_lowercase();
        if !matches!(clitic.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m") {
            return None;
        }
        start + n
    } else {
        return None;
    };
    match rest[after_apos..].chars().next() {
        Some(c) if is_word_char(c) => None,
        _ => Some(after_apos),
    }
}

/// Splits `text` into tokens (byte spans, in order, never empty).
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let mut i = 0;
    let len = text.len();
    while i < len {
        let c = text[i..].chars().next().expect("char at boundary");
        if c.is_whitespace() || c.is_control() {
            i += c.len_utf8();
            continue;
        }
        let prev_is_word = text[..i].chars().next_back().is_some_and(is_word_char);
        let end = if prev_is_word
            && (c == 'n' || c == 'N' || is_apostrophe(c))
            && clitic_len(&text[i..]).is_some()
        {
            i + clitic_len(&text[i..]).unwrap_or(c.len_utf8())
        } else if is_word_char(c) {
            scan_word(text, i)
        } else if c == '.' {
            i + text[i..].bytes().take_while(|&b| b == b'.').count()
        } else if c == '-' {
            i + text[i..].bytes().take_while(|&b| b == b'-').count()
        } else {
            i + c.len_utf8()
        };
        out.push(Token {
            span: Span::new(i, end),
        });
        i = end;
    }
    out
}

/// Scans a word starting at `start` (a word char) and returns its end.
fn scan_word(text: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev: Option<char> = None;
    let mut iter = text[start..].char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let pos = start + off;
        if is_word_char(c) {
            end = pos + c.len_utf8();
            prev = Some(c);
            continue;
        }
        let next = iter.peek().map(|&(_, n)| n);
        let p = prev.unwrap_or(' ');
        let joins = match next {
            Some(n) if is_word_char(n) => {
                if is_hyphen(c) {
                    true
                } else if c == '.' {
                    p.is_alphanumeric()
                } else if c == ',' || c == ':' || c == '/' {
                    p.is_ascii_digit() && n.is_ascii_digit()
                } else if c == '&' {
                    p.is_uppercase() && n.is_uppercase()
                } else if is_apostrophe(c) {
                    // A clitic is split off (`Russia’s`, `don't`); names keep theirs (`O'Brien`).
                    let at_n = text[..pos].ends_with(['n', 'N']) && pos - 1 > start;
                    if at_n && clitic_len(&text[pos - 1..]).is_some() {
                        return pos - 1;
                    }
                    clitic_len(&text[pos..]).is_none()
                } else {
                    false
                }
            }
            _ => false,
        };
        if !joins {
            break;
        }
        // `c` joins: it is kept only if a word char follows, which the loop will add.
        prev = Some(c);
    }
    // A trailing dot belongs to initials, dotted acronyms and known abbreviations.
    let word = &text[start..end];
    let rest = &text[end..];
    if rest.starts_with('.') && !rest.starts_with("..") {
        let with_dot = &text[start..end + 1];
        if is_initial(with_dot) || is_dotted_acronym(with_dot) || abbreviation_kind(word).is_some()
        {
            return end + 1;
        }
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text).iter().map(|t| t.span.slice(text)).collect()
    }

    #[test]
    fn news_words() {
        assert_eq!(
            toks("The U.S. sent 100,000 troops to de-escalate."),
            [
                "The",
                "U.S.",
                "sent",
                "100,000",
                "troops",
                "to",
                "de-escalate",
                "."
            ]
        );
        assert_eq!(toks("Sam A. Greene said"), ["Sam", "A.", "Greene", "said"]);
        assert_eq!(
            toks("Mr. Putin met Gen. Milley on Jan. 5"),
            ["Mr.", "Putin", "met", "Gen.", "Milley", "on", "Jan.", "5"]
        );
        assert_eq!(
            toks("3.5% at 10:30, AT&T"),
            ["3.5", "%", "at", "10:30", ",", "AT&T"]
        );
    }

    #[test]
    fn apostrophes_and_clitics() {
        assert_eq!(toks("Russia’s demands"), ["Russia", "’s", "demands"]);
        assert_eq!(toks("NATO's door"), ["NATO", "'s", "door"]);
        assert_eq!(toks("don't can’t"), ["do", "n't", "ca", "n’t"]);
        assert_eq!(toks("O'Brien they’re"), ["O'Brien", "they", "’re"]);
        assert_eq!(
            toks("King’s College London"),
            ["King", "’s", "College", "London"]
        );
    }

    #[test]
    fn quotes_and_dashes_are_tokens() {
        assert_eq!(
            toks("“Yes,” he said — «non» „ja“ ‘maybe’ \"ok\"..."),
            [
                "“", "Yes", ",", "”", "he", "said", "—", "«", "non", "»", "„", "ja", "“", "‘",
                "maybe", "’", "\"", "ok", "\"", "..."
            ]
        );
        assert_eq!(toks("2014–2022 -- end"), ["2014", "–", "2022", "--", "end"]);
    }

    #[test]
    fn spans_are_valid_and_nonempty() {
        let text = "  Gruško,\n\n“Grushkó” ’s x’ – \u{301}a.";
        let t = tokenize(text);
        let mut last = 0;
        for tok in &t {
            assert!(tok.span.start >= last && tok.span.end > tok.span.start);
            assert!(!tok.span.slice(text).trim().is_empty());
            last = tok.span.end;
        }
        assert_eq!(t[0].span.slice(text), "Gruško");
    }

    #[test]
    fn sentence_final_dot_is_separate() {
        assert_eq!(toks("in Brussels. Then"), ["in", "Brussels", ".", "Then"]);
        assert_eq!(toks("the end?!"), ["the", "end", "?", "!"]);
    }
}
