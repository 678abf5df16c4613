//! Step 6, after the passes: a date stated in the lead when no header gave one, and an author
//! named in the lead (`..., writes Jane Doe`) when no byline did.

use super::title::SENTENCE_BREAK;
use crate::dates::{self, MONTH_RE};
use model::DateSource;
use regex::Regex;
use std::sync::LazyLock;

static WRITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[,;]\s+(?:writes|reports)\s+(\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}'’-]+){1,3})(?:,|\.|$)",
    )
    .unwrap()
});

/// An author named in the lead (`..., writes Jane Doe, the paper's Moscow correspondent.`); the
/// sentence stays in the text.
pub(super) fn lead_author(text: &str) -> Option<String> {
    let lead = text.split("\n\n").next()?;
    WRITES.captures(lead).map(|c| c[1].to_string())
}

static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:On|This|Last|Since|As of)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})|({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .unwrap()
});

/// The date opening the lead, or a full date in the lead's first sentence.
pub(super) fn text_date(text: &str) -> Option<(chrono::NaiveDate, DateSource)> {
    let lead = text.split("\n\n").next()?;
    if let Some(c) = LEAD_DATE.captures(lead) {
        let (m, d) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => return None,
        };
        let m = dates::month(m)?;
        let d: u32 = d.parse().ok()?;
        let date = match c.get(5) {
            Some(y) => chrono::NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d),
            None => dates::infer_year(m, d, text),
        };
        return date.map(|x| (x, DateSource::Text));
    }
    // Up to the end mark of the first sentence break (the match starts with two letters).
    let end = SENTENCE_BREAK
        .find(lead)
        .and_then(|b| b.as_str().find(['.', '!', '?']).map(|i| b.start() + i + 1));
    let first_sentence = &lead[..end.unwrap_or(lead.len())];
    dates::full_dates(first_sentence)
        .first()
        .map(|d| (*d, DateSource::Text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_text;

    #[test]
    fn author_in_the_lead() {
        let t = "Clashes seem viable, writes Jenni Jeskanen, HS’s Moscow correspondent.\n\nMore.";
        assert_eq!(lead_author(t).as_deref(), Some("Jenni Jeskanen"));
        assert_eq!(lead_author("He writes letters, often."), None);
    }

    #[test]
    fn lead_sentence_with_wide_letters() {
        let f = clean_text(
            "Ich wüßte 𐓯𐓯. Gruško met on January 12, 2022 in Brussels.",
            None,
        );
        assert_eq!(f.published, None);
        let f = clean_text(
            "Talks on January 12, 2022 in Brussels ended. Then more.",
            None,
        );
        assert_eq!(f.published.map(|p| p.1), Some(DateSource::Text));
    }

    #[test]
    fn no_date_is_invented() {
        let f = clean_text("Yesterday the talks ended.\n\nNobody was surprised.", None);
        assert_eq!(f.published, None);
    }
}
