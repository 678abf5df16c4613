//! Quotation marks: paragraphs, the top-level quotations of one paragraph ([`marks_in`]) and of
//! the article ([`find_marks`]), and the classes of mark chars.

use super::text::{trim_span, word_count};
use super::Marked;
use crate::doc::Doc;
use crate::index::Intervals;
use model::Span;

pub(super) fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '‹' | '「' | '‘' | '"' | '\'' | '『')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '”' | '»' | '›' | '」' | '’' | '"' | '\'' | '“' | '』')
}

pub(super) fn is_quote_mark(c: char) -> bool {
    is_open_mark(c) || is_close_mark(c)
}

/// Paragraphs: text between line breaks (clean text keeps one paragraph a line, blank lines between),
/// trimmed. A quote mark never runs past its line unless the next line opens with a quote mark.
pub(super) fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j <= bytes.len() {
                out.push(Span::new(start, i));
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(Span::new(start, text.len()));
    out.into_iter()
        .filter_map(|p| {
            let s = &text[p.range()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            (p.len() > lead + trail).then(|| Span::new(p.start + lead, p.end - trail))
        })
        .collect()
}

/// The mark a closing char can close.
pub(super) fn closes(open: char, close: char) -> bool {
    match open {
        '“' => matches!(close, '”' | '“' | '"'),
        '„' => matches!(close, '“' | '”' | '"'),
        '«' => close == '»',
        '‹' => close == '›',
        '「' => close == '」',
        '『' => close == '』',
        '‘' => matches!(close, '’' | '‘' | '\''),
        '"' => matches!(close, '"' | '”'),
        '\'' => matches!(close, '\'' | '’'),
        _ => false,
    }
}

/// The chars that may open a quotation (see `marks_in`).
const OPENERS: [char; 9] = ['“', '„', '«', '‹', '「', '‘', '"', '\'', '『'];

fn opener_index(c: char) -> usize {
    OPENERS.iter().position(|&o| o == c).unwrap_or(0)
}

/// Maximum length of one quotation before it is cut (a runaway mark in a long paragraph).
pub(super) const MAX_QUOTE: usize = 3000;

/// Top-level quotations in one paragraph `[p.start, p.end)`; unclosed ones end at the paragraph end.
fn marks_in(text: &str, p: Span) -> (Vec<Marked>, Vec<usize>) {
    // two apostrophes are a double quote mark (''...'', older wire style); same byte length
    let norm = text[p.range()].replace("''", "\"\u{1}");
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut open_count = [0usize; OPENERS.len()];
    let mut out = Vec::new();
    let mut orphans = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_quote_mark(c) {
            continue;
        }
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let prev_space = prev.is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/')
        });
        let next_space = next.is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']')
        });
        let next_letter = next.is_some_and(|c| c.is_alphanumeric());
        let prev_letter = prev.is_some_and(|c| c.is_alphanumeric());
        // Apostrophes: Russia’s, don't, Russians’ (after a letter, before a letter or at a word end).
        // can a mark open on the stack be closed by `c`? (counted per opening char: no scan of a
        // deep stack of unclosed marks)
        let can_close = OPENERS
            .iter()
            .zip(&open_count)
            .any(|(o, &k)| k > 0 && closes(*o, c));
        if matches!(c, '’' | '\'') && prev_letter && (next_letter || !can_close) {
            continue;
        }
        let opening_look = prev_space && !next_space;
        let closing_look = !prev_space || next_space;
        let action_close = match c {
            '”' | '»' | '›' | '」' | '』' => true,
            '’' => can_close,
            '“' => {
                can_close
                    && (closing_look && !opening_look
                        || stack.last().is_some_and(|(o, _)| *o == '„'))
            }
            '"' | '\'' => can_close && closing_look,
            _ => false,
        };
        if action_close {
            if !can_close {
                if stack.is_empty() && matches!(c, '”' | '»' | '」') {
                    orphans.push(p.start + i);
                }
                continue;
            }
            while let Some((o, at)) = stack.pop() {
                open_count[opener_index(o)] -= 1;
                if closes(o, c) {
                    if stack.is_empty() {
                        let cs = p.start + at + o.len_utf8();
                        out.push(Marked {
                            open: p.start + at,
                            content: Span::new(cs, p.start + i),
                            close_end: p.start + i + c.len_utf8(),
                            closed: true,
                        });
                    }
                    break;
                }
            }
            continue;
        }
        let may_open = match c {
            '“' | '„' | '«' | '「' | '『' => true,
            '‹' => !next_space,
            '‘' => !next_space,
            '"' => opening_look || (prev.is_none() && !next_space),
            '\'' => opening_look && next_letter,
            _ => false,
        };
        if may_open {
            open_count[opener_index(c)] += 1;
            stack.push((c, i));
        } else if stack.is_empty() && c == '“' && closing_look {
            // a misused opening mark at the end of a quote with no opener: an orphan closer
            orphans.push(p.start + i);
        }
    }
    if let Some(&(o, at)) = stack.first() {
        let cs = p.start + at + o.len_utf8();
        out.push(Marked {
            open: p.start + at,
            content: Span::new(cs, p.end),
            close_end: p.end,
            closed: false,
        });
    }
    (out, orphans)
}

/// All top-level quotations of the article: per paragraph, multi-paragraph quotes merged, orphan
/// closers turned into quotes from their sentence start, overlong ones cut.
pub(super) fn find_marks(text: &str, paragraphs: &[Span], doc: &Doc) -> (Vec<Marked>, usize) {
    let mut cut_count = 0;
    let mut per_para: Vec<(Vec<Marked>, Vec<usize>)> =
        paragraphs.iter().map(|p| marks_in(text, *p)).collect();
    let mut out: Vec<Marked> = Vec::new();
    let mut i = 0;
    while i < per_para.len() {
        let (ms, orphans) = std::mem::take(&mut per_para[i]);
        let marked = Intervals::new(ms.iter().map(|m| Span::new(m.open, m.close_end)));
        let mut ends: Vec<usize> = ms.iter().map(|m| m.close_end).collect();
        ends.sort_unstable();
        let mut ms2 = ms.clone();
        for o in orphans {
            if marked.holds(o) {
                continue;
            }
            // the quote opens at its sentence start (after the last closed quote)
            let si = doc
                .sentences
                .partition_point(|s| s.span.start <= o)
                .saturating_sub(1);
            let mut start = doc
                .sentences
                .get(si)
                .map(|s| s.span.start)
                .unwrap_or(paragraphs[i].start)
                .max(paragraphs[i].start);
            if let Some(&prev) = ends[..ends.partition_point(|&e| e <= o)].last() {
                start = start.max(prev);
            }
            let cs = trim_span(text, Span::new(start, o));
            if word_count(&text[cs.range()]) >= 4 {
                ms2.push(Marked {
                    open: cs.start,
                    content: cs,
                    close_end: o + text[o..].chars().next().map_or(1, |c| c.len_utf8()),
                    closed: true,
                });
            }
        }
        ms2.sort_by_key(|m| m.open);
        for mut m in ms2 {
            // continues on the next paragraph when that one opens with a quote mark (a stray
            // mark on a few words, `''family fortunes.'.')`, is no paragraph-long quotation)
            if !m.closed && word_count(&text[m.content.range()]) >= 5 {
                let mut j = i + 1;
                while j < per_para.len() {
                    let next_start = paragraphs[j].start;
                    let opens = text[next_start..].chars().next().is_some_and(is_open_mark);
                    if !opens {
                        break;
                    }
                    let (nms, _) = &per_para[j];
                    let Some(first) = nms.first().filter(|n| n.open == next_start).cloned() else {
                        break;
                    };
                    m.content = Span::new(m.content.start, first.content.end);
                    m.close_end = first.close_end;
                    m.closed = first.closed;
                    let rest: Vec<Marked> = nms[1..].to_vec();
                    per_para[j].0 = rest;
                    if m.closed {
                        break;
                    }
                    j += 1;
                }
            }
            if m.content.len() > MAX_QUOTE {
                // a runaway quote: cut at the last sentence end within the bound
                let lim = (m.content.start + MAX_QUOTE).min(text.len());
                let mut lim = lim;
                while !text.is_char_boundary(lim) {
                    lim -= 1;
                }
                let cut = text[m.content.start..lim]
                    .rfind(['.', '!', '?'])
                    .map(|k| m.content.start + k + 1)
                    .unwrap_or(lim);
                m.content = Span::new(m.content.start, cut);
                m.close_end = cut;
                cut_count += 1;
            }
            out.push(m);
        }
        i += 1;
    }
    out.sort_by_key(|m| m.open);
    (out, cut_count)
}
