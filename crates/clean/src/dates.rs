//! Dates: parsing the dates of metadata and headers, finding the dates stated in a text.
//!
//! [`parse`] reads one date value (ISO 8601 with or without time, `2022/01/12`, `January 12, 2022`,
//! `12 Jan 2022`, RFC 2822, Unix seconds). The date is taken as written: a time zone does not move
//! it to another day. [`full_dates`] lists the complete dates a text states, and [`infer_year`]
//! gives a year-less date ("January 13") the year that puts it nearest to them.

use chrono::{Datelike, NaiveDate};
use regex::Regex;
use std::sync::LazyLock;

/// Month number of an English month name or abbreviation (`Jan`, `Sept.`, `January`).
pub fn month(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.').to_lowercase();
    if n.len() < 3 {
        return None;
    }
    if n == "sept" {
        return Some(9);
    }
    model::MONTH_NAMES
        .iter()
        .position(|m| *m == n || (n.len() == 3 && m.starts_with(&n)))
        .map(|i| i as u32 + 1)
}

/// The alternation of month names used in the patterns below.
pub const MONTH_RE: &str = r"(?:Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)";

static ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T ,]|\s)").unwrap());
static COMPACT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})(?:$|T)").unwrap());
static MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[a-z]+\.?,?\s+)?({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:[a-z]+\.?,?\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?({MONTH_RE}),?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static NUMERIC_DMY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?-u:\b)").unwrap());

fn ymd(y: &str, m: u32, d: &str) -> Option<NaiveDate> {
    let y: i32 = y.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    if !(1800..=2200).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Parses one date value as found in metadata or a header.
pub fn parse(raw: &str) -> Option<NaiveDate> {
    let s = raw.trim();
    if let Some(c) = ISO.captures(s) {
        return ymd(&c[1], c[2].parse().ok()?, &c[3]);
    }
    if let Some(c) = COMPACT.captures(s) {
        return ymd(&c[1], c[2].parse().ok()?, &c[3]);
    }
    if let Some(c) = MDY.captures(s) {
        return ymd(&c[3], month(&c[1])?, &c[2]);
    }
    if let Some(c) = DMY.captures(s) {
        return ymd(&c[3], month(&c[2])?, &c[1]);
    }
    if let Some(c) = NUMERIC_DMY.captures(s) {
        // Only when unambiguous: one of the two numbers is above 12.
        let (a, b): (u32, u32) = (c[1].parse().ok()?, c[2].parse().ok()?);
        return match (a > 12, b > 12) {
            (true, false) => ymd(&c[3], b, &c[1]),
            (false, true) => ymd(&c[3], a, &c[2]),
            _ if a == b => ymd(&c[3], a, &c[1]),
            _ => None,
        };
    }
    if s.len() >= 9 && s.len() <= 13 && s.bytes().all(|b| b.is_ascii_digit()) {
        return from_unix(s.parse().ok()?);
    }
    None
}

/// A Unix timestamp in seconds or milliseconds (as some scrapers write them).
pub fn from_unix(n: i64) -> Option<NaiveDate> {
    let secs = if n > 100_000_000_000 { n / 1000 } else { n };
    chrono::DateTime::from_timestamp(secs, 0).map(|d| d.date_naive())
}

static TEXT_MDY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static TEXT_DMY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?-u:\b)(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE}),?\s+(\d{{4}})(?-u:\b)"
    ))
    .unwrap()
});
static TEXT_ISO: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)").unwrap());

/// The complete dates (day, month and year) stated in `text`.
pub fn full_dates(text: &str) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    for c in TEXT_MDY.captures_iter(text) {
        out.extend(month(&c[1]).and_then(|m| ymd(&c[3], m, &c[2])));
    }
    for c in TEXT_DMY.captures_iter(text) {
        out.extend(month(&c[2]).and_then(|m| ymd(&c[3], m, &c[1])));
    }
    for c in TEXT_ISO.captures_iter(text) {
        out.extend(c[2].parse().ok().and_then(|m| ymd(&c[1], m, &c[3])));
    }
    out
}

/// The date `month`/`day` in the year that puts it nearest to a full date stated in `text`.
pub fn infer_year(month: u32, day: u32, text: &str) -> Option<NaiveDate> {
    let anchors = full_dates(text);
    let mut best: Option<(i64, NaiveDate)> = None;
    for a in anchors {
        for y in a.year() - 1..=a.year() + 1 {
            if let Some(c) = NaiveDate::from_ymd_opt(y, month, day) {
                let dist = (c - a).num_days().abs();
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, c));
                }
            }
        }
    }
    best.map(|b| b.1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn parses_metadata_dates() {
        assert_eq!(parse("2022-01-12"), d(2022, 1, 12));
        assert_eq!(parse("2022-01-12T23:30:00-05:00"), d(2022, 1, 12));
        assert_eq!(parse("2022/1/12"), d(2022, 1, 12));
        assert_eq!(parse("January 12, 2022"), d(2022, 1, 12));
        assert_eq!(parse("Wed, 12 Jan 2022 10:00:00 GMT"), d(2022, 1, 12));
        assert_eq!(parse("Sept. 3, 2021"), d(2021, 9, 3));
        assert_eq!(parse("13.01.2022"), d(2022, 1, 13));
        assert_eq!(parse("01/02/2022"), None);
        assert_eq!(parse("1641945600"), d(2022, 1, 12));
        assert_eq!(parse("yesterday"), None);
        assert_eq!(parse("2022-02-30"), None);
    }

    #[test]
    fn year_from_the_nearest_full_date() {
        let text = "on December 3, 2021 local time, a soldier was in a trench";
        assert_eq!(infer_year(1, 13, text), d(2022, 1, 13));
        assert_eq!(infer_year(1, 13, "no dates here"), None);
    }
}
