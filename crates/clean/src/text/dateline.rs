//! Step 4: the dateline at the start of the body (`BRUSSELS –`, `KYIV, Ukraine, Jan 12 (Reuters) -`):
//! its place, agency and the date it states.

use crate::dates::{self, MONTH_RE};
use crate::lexicon;
use regex::Regex;
use std::sync::LazyLock;

pub(super) struct Dateline {
    /// Length in bytes of the dateline prefix, separator included.
    pub(super) len: usize,
    pub(super) place: String,
    pub(super) agency: Option<String>,
    pub(super) month_day: Option<(u32, u32)>,
    pub(super) year: Option<i32>,
}

static DATELINE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}}'’.-]+(?:\s+\p{{Lu}}[\p{{Lu}}\p{{M}}'’.-]+){{0,3}}(?:,\s*\p{{Lu}}[\p{{L}}.]+(?:\s+\p{{Lu}}[\p{{L}}.]+){{0,2}})?)(?:,?\s+(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?)?\s*(?:\((?P<ag>[^()]{{2,40}})\))?\s*(?:[–—]\s*|--?\s+)"
    ))
    .unwrap()
});
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}\p{{Ll}}+){{0,2}}(?:,\s*\p{{Lu}}[\p{{L}}.]+)?)(?:,?\s+(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?)?\s*\((?P<ag>[^()]{{2,40}})\)\s*(?:[–—]\s*|--?\s+)"
    ))
    .unwrap()
});

/// Labels that open a story like a dateline but are not places.
const KICKERS: &[&str] = &[
    "exclusive",
    "breaking",
    "breaking news",
    "update",
    "updated",
    "watch",
    "analysis",
    "opinion",
    "live",
    "video",
    "photos",
    "editorial",
    "commentary",
    "fact check",
    "review",
    "interview",
    "alert",
    "urgent",
    "flash",
    "sponsored",
    "correction",
    "explainer",
    "new",
    "just in",
];

pub(super) fn dateline(p: &str) -> Option<Dateline> {
    let (c, caps) = match DATELINE_CAPS.captures(p) {
        Some(c) => (c, true),
        None => (DATELINE_AGENCY.captures(p)?, false),
    };
    let whole = c.get(0)?;
    let place = c["place"].trim().trim_end_matches(',').to_string();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    // The body goes on with a capital, a quote or a digit; the place has real letters.
    let next = p[whole.end()..].chars().next()?;
    if letters < 3 || !(next.is_uppercase() || next.is_ascii_digit() || "“\"‘'«".contains(next))
    {
        return None;
    }
    let head = place.split(',').next().unwrap_or_default();
    if caps && (lexicon::is_agency(head) || KICKERS.contains(&head.to_lowercase().as_str())) {
        return None;
    }
    let agency = c.name("ag").map(|a| a.as_str().trim().to_string());
    if !caps && !agency.as_deref().is_some_and(lexicon::is_agency) {
        return None;
    }
    let month_day = match (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2"))) {
        (Some(m), Some(d)) => dates::month(m.as_str()).zip(d.as_str().parse().ok()),
        _ => None,
    };
    let year = c.name("y").and_then(|y| y.as_str().parse().ok());
    Some(Dateline {
        len: whole.as_str().trim_end().len(),
        place,
        agency,
        month_day,
        year,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = dateline("BRUSSELS – The meeting ended.").unwrap();
        assert_eq!((d.place.as_str(), d.len), ("BRUSSELS", "BRUSSELS –".len()));
        let d = dateline("KYIV, Ukraine, Jan 12 (Reuters) - Talks ended.").unwrap();
        assert_eq!(d.place, "KYIV, Ukraine");
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.month_day, Some((1, 12)));
        assert!(dateline("Paris (AFP) - The minister said.").is_some());
        let d = dateline("LONDON, 12 January 2022 (Reuters) - Prices rose.").unwrap();
        assert_eq!(
            (d.place.as_str(), d.month_day, d.year),
            ("LONDON", Some((1, 12)), Some(2022))
        );
        assert!(dateline("NATO - the alliance said.").is_none());
        assert!(dateline("AFL-CIO President Richard Trumka said.").is_none());
        assert!(dateline("EXCLUSIVE – Donald Trump said.").is_none());
        assert!(dateline("SELMA, N.C.—The rally began.").is_some());
        assert!(dateline("Paris - The minister said.").is_none());
    }
}
