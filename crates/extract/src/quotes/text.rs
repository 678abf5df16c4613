//! Small text helpers shared by every pass: word tests and counts, span trimming, sentence stops
//! and party tags (`R-Ky.`).

use super::marks::is_quote_mark;
use model::Span;

pub(super) fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphanumeric())
}

pub(super) fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Trims whitespace and trailing orphan marks from a content span.
pub(super) fn trim_span(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || c == '\'')
            .len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || is_quote_mark(c));
    Span::new(s.start + lead, (s.start + t2.len()).max(s.start + lead))
}

pub(super) fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count()
}

/// Trims whitespace, trailing sentence punctuation and unbalanced edge marks from reported content.
pub(super) fn trim_content(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '–' | '—'))
            .len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let end = s.start + t2.len();
    Span::new((s.start + lead).min(end), end)
}

/// Is this a US party-and-state tag after a politician's name (`R-Ky.`, `D-Calif.`, `R-S.C.`,
/// `I-Vt`, `R`), written without its parentheses or comma?
pub(super) fn party_tag(s: &str) -> bool {
    let mut cs = s.chars();
    let party = cs.next().is_some_and(|c| matches!(c, 'R' | 'D' | 'I'));
    let rest = cs.as_str();
    party
        && s.len() <= 12
        && (rest.is_empty()
            || rest.strip_prefix('-').is_some_and(|state| {
                state.chars().next().is_some_and(char::is_uppercase)
                    && state
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '.' || c == '-')
            }))
}

/// Does a short stretch of text hold a sentence end or a new quotation? Periods of titles and
/// initials (`Mr.`, `Sen.`, `A.`) do not count.
pub(super) fn has_stop(s: &str) -> bool {
    if s.contains(['!', '?', '“', '"', '«', '\u{1}']) {
        return true;
    }
    s.split_whitespace().any(|w| {
        let closed = w.ends_with(')') || w.ends_with("),");
        let w = w.trim_end_matches([',', ')']).trim_start_matches('(');
        let Some(stem) = w.strip_suffix('.') else {
            return false;
        };
        // "(D-Wis.)", "(R-Ga.)": a state abbreviation in parentheses
        let short = closed
            && stem.rsplit('-').next().is_some_and(|x| {
                x.len() <= 5 && x.chars().next().is_some_and(|c| c.is_uppercase())
            });
        if short || party_tag(w) {
            return false;
        }
        let initial = stem.chars().count() == 1 && stem.chars().all(|c| c.is_uppercase());
        let dotted = stem.contains('.');
        let title = matches!(
            stem,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Jr"
                | "Sr"
                | "St"
                | "Lt"
                | "Col"
                | "Prof"
                | "Rev"
                | "Sgt"
                | "Capt"
                | "Adm"
                | "Maj"
                | "Pres"
                | "No"
        );
        !(initial || dotted || title)
    })
}
