//! Step 2, the paragraph rules other than boilerplate and credits: a paragraph that is only a
//! date, a photo caption, a byline.

use crate::dates;
use regex::Regex;
use std::sync::LazyLock;

/// A weekday name or its three-letter abbreviation, lower case (`wednesday`, `wed`).
fn is_weekday(w: &str) -> bool {
    model::WEEKDAY_NAMES
        .iter()
        .any(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
}

/// A paragraph that is only a date (`12 January 2022`, `Published: Jan. 12, 2022 18:40 CET`):
/// `Some(Some(date))` for a publication date, `Some(None)` for an update stamp.
pub(super) fn date_line(p: &str) -> Option<Option<chrono::NaiveDate>> {
    if p.len() > 80 {
        return None;
    }
    let lower = p.to_lowercase();
    let (rest, updated) = match lower.split_once(|c: char| c == ':' || c.is_whitespace()) {
        Some((w, rest)) if ["published", "posted", "date", "dated", "on"].contains(&w) => {
            (rest, false)
        }
        Some((w, rest)) if ["updated", "modified", "last"].contains(&w) => (rest, true),
        _ => (lower.as_str(), false),
    };
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let all_date_words = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·')
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
        .all(|t| {
            t.chars().all(|c| c.is_ascii_digit() || ":./+-".contains(c))
                || dates::month(t).is_some()
                || is_weekday(t.trim_end_matches('.'))
                || [
                    "am", "pm", "a.m.", "p.m.", "at", "updated", "gmt", "utc", "cet", "cest",
                    "est", "edt", "bst", "pst",
                ]
                .contains(&t)
        });
    if !all_date_words {
        return None;
    }
    let date = dates::parse(rest).or_else(|| dates::full_dates(p).first().copied())?;
    Some((!updated).then_some(date))
}

static CAPTION_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)(?:
        ©\s*[^©.!?]{2,80}$                                       # ... © Johanna Geron / Reuters
      | (?-u:\b)(?:photo|photograph|picture|image|foto|illustration|graphic)s?(?:\s+(?:by|credit|courtesy))?\s*[:/]\s*[^.!?:]{2,80}$
      | \((?:photo|image|picture|foto|pictured)(?-u:\b)[^()]{0,80}\)$  # (Photo: AFP)
      | (?-u:\b)(?:REUTERS|AP\s+Photo|AFP|EPA(?:-EFE)?|Getty\s+Images|Anadolu)\s*/\s*[\p{L}.'\s-]{2,40}$
      | (?-u:\b)(?:via\s+)?Getty\s+Images$
      | (?-u:\b)photo:\s*\S.{0,80}$
    )").unwrap()
});
static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:file\s+photo|photo|image|picture|pictured|caption|watch|video)\s*[:|]\s*")
        .unwrap()
});

/// Words one of which every match of [`CAPTION_END`] holds (with the same case folding). Most
/// paragraphs hold none, and this search over literals is much cheaper than `CAPTION_END`'s:
/// anchored at the end, with bounded repeats in five alternatives, that regex has more states than
/// its lazy DFA's cache holds, so it kept rebuilding them (2.6% of a `lede run`).
static CAPTION_END_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)©|photo|picture|image|foto|illustration|graphic|reuters|afp|epa|getty|anadolu")
        .unwrap()
});

pub(super) fn is_caption(p: &str) -> bool {
    if p.len() > 500 {
        return false;
    }
    CAPTION_START.is_match(p)
        || (CAPTION_END_WORDS.is_match(p) && CAPTION_END.is_match(p) && !p.starts_with('©'))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|text by|story by|author:|authors:|von|por|par|di)\s+(.{2,100})$").unwrap()
});
/// Words that start an ordinary phrase after "By" ("By the way", "By 2030").
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "then",
    "now",
    "way",
    "far",
    "contrast",
    "comparison",
    "then",
    "mid",
    "late",
    "early",
    "noon",
    "midnight",
    "tomorrow",
    "today",
    "tonight",
    "default",
    "design",
    "chance",
    "law",
    "means",
    "all",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "some",
    "most",
    "many",
    "doing",
    "using",
    "making",
    "taking",
];

/// The name of a byline paragraph (`By Jane Doe`, `By yqqlm yqqlm`, `By Jane Doe, Reuters`).
pub(super) fn byline(p: &str) -> Option<String> {
    let c = BYLINE.captures(p)?;
    let name = c[1].trim().trim_end_matches(['.', ',']);
    let first = name.split_whitespace().next()?.to_lowercase();
    let words = name.split_whitespace().count();
    // "Jane A. Doe" has initials; "Doe. The talks" is a sentence.
    let parts: Vec<&str> = name.split(". ").collect();
    let sentence_like = parts[..parts.len() - 1].iter().any(|w| {
        w.rsplit(' ')
            .next()
            .is_some_and(|last| last.chars().count() > 3)
    });
    if words > 10
        || first.starts_with(|c: char| c.is_ascii_digit())
        || NOT_A_NAME.contains(&first.as_str())
        || name.ends_with(['!', '?'])
        || sentence_like
    {
        return None;
    }
    Some(name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline("By yqqlm yqqlm").as_deref(), Some("yqqlm yqqlm"));
        assert_eq!(
            byline("By Jane A. Doe, Reuters").as_deref(),
            Some("Jane A. Doe, Reuters")
        );
        assert_eq!(byline("By the way, the talks failed."), None);
        assert_eq!(byline("By 2030 the alliance will grow."), None);
    }

    #[test]
    fn date_lines() {
        let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 12);
        assert_eq!(date_line("12 January 2022"), Some(d));
        assert_eq!(
            date_line("Published: Wednesday, Jan. 12, 2022 at 18:40 CET"),
            Some(d)
        );
        assert_eq!(date_line("Updated January 12, 2022"), Some(None));
        let d8 = chrono::NaiveDate::from_ymd_opt(2022, 3, 8);
        assert_eq!(
            date_line("Published: 8 Mar 2022 | Updated: 9 Mar 2022"),
            Some(d8)
        );
        assert_eq!(date_line("January 12, 2022 was a cold day"), None);
    }

    #[test]
    fn captions() {
        assert!(is_caption(
            "Wendy Sherman holds a press conference in Brussels. © Johanna Geron / Reuters"
        ));
        assert!(is_caption(
            "Soldiers in a trench near Donetsk. REUTERS/Gleb Garanich"
        ));
        assert!(is_caption("Jens Stoltenberg in Brussels (Photo: AFP)"));
        // the literal filter folds case as the regex does (`ſ` is a long `s`)
        assert!(is_caption("Soldiers near Donetsk. REUTERſ/Gleb Garanich"));
        assert!(is_caption("A rally in Kyiv. epa-efe / Sergey Dolzhenko"));
        assert!(!is_caption(
            "The photo was taken in Brussels on Wednesday, officials said."
        ));
    }
}
