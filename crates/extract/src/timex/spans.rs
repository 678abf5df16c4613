//! Finding spans: `find` runs every rule over the text (the matchers live in `calendar.rs` and
//! `periods.rs`), widens the extents by their modifiers and adverbs, resolves overlaps (longest
//! first) and merges adjacent expressions (a clock time and its day, a month and its relative
//! year). Also the check that a four-digit number is a year.

use super::rules::{MODIFIERS, NOT_YEAR};
use super::words::*;
use super::{calendar, periods, Cand, Kind};
use std::collections::BTreeSet;

/// Every candidate of every rule, overlaps resolved (longest first), in text order.
pub(super) fn find(text: &str) -> Vec<Cand> {
    let mut out = candidates(text);
    widen_by_modifiers(text, &mut out);
    widen_by_adverbs(text, &mut out);
    let kept = resolve_overlaps(out);
    merge_adjacent(text, kept)
}

/// One candidate: `kind` at `[start, end)`.
pub(super) fn push(out: &mut Vec<Cand>, start: usize, end: usize, kind: Kind) {
    out.push(Cand { start, end, kind })
}

/// Every match of every rule, in rule order: of two candidates with the same extent the earlier
/// rule's wins (`resolve_overlaps` keeps the order of equal spans), so a new rule goes where its
/// ties should be broken.
fn candidates(text: &str) -> Vec<Cand> {
    // rare rules run only when their key word occurs (a lowercase copy is cheaper than a scan)
    let lower = text.to_ascii_lowercase();
    let has = |w: &str| lower.contains(w);
    let mut out: Vec<Cand> = Vec::new();
    calendar::iso_dates(text, &mut out);
    calendar::slash_dates(text, &mut out);
    calendar::month_name_dates(text, &mut out);
    calendar::month_years(text, &mut out);
    calendar::bare_months(text, &mut out);
    calendar::weekdays(text, &mut out);
    periods::relative_days(text, &mut out);
    periods::relative_units(text, &mut out);
    calendar::decade_words(text, has("ties"), &mut out);
    periods::year_ends(text, &mut out);
    periods::agos(text, &mut out);
    periods::durations(text, &mut out);
    periods::for_units(text, &mut out);
    periods::vague_units(text, &mut out);
    calendar::years(text, &mut out);
    calendar::decades(text, &mut out);
    calendar::days_of_month(text, &mut out);
    periods::clock_times(text, &mut out);
    periods::quarters(text, &mut out);
    periods::seasons(text, &mut out);
    periods::references(text, &mut out);
    periods::recurring_units(text, &mut out);
    periods::recurring_days(text, has("every") || has("each") || has("days"), &mut out);
    periods::anaphors(text, &mut out);
    periods::year_adjectives(text, has("year-"), &mut out);
    calendar::months_alone(text, &mut out);
    calendar::spoken_years(text, has("nineteen") || has("thousand"), &mut out);
    calendar::holidays(text, &mut out);
    calendar::centuries(text, has("century"), &mut out);
    periods::clock_words(
        text,
        has("noon") || has("midnight") || has("midday"),
        &mut out,
    );
    out
}

/// Modifiers belong to the extent: "early next year", "earlier this month", "the end of 1990",
/// "fiscal 1989", "mid-January".
fn widen_by_modifiers(text: &str, out: &mut [Cand]) {
    for c in out.iter_mut() {
        let mut lo = c.start.saturating_sub(24);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let head = text[lo..c.start].to_ascii_lowercase();
        for m in MODIFIERS {
            if !head.ends_with(m) {
                continue;
            }
            let before = &head[..head.len() - m.len()];
            if before
                .chars()
                .next_back()
                .is_none_or(|ch| !ch.is_alphanumeric())
            {
                c.start -= m.len();
                break;
            }
        }
    }
}

/// "earlier this year", "later that month": the adverb belongs to the extent
fn widen_by_adverbs(text: &str, out: &mut [Cand]) {
    for c in out.iter_mut() {
        let word = next_word(text, c.start).to_ascii_lowercase();
        if !matches!(word.as_str(), "this" | "that" | "last" | "next") {
            continue;
        }
        // the last few bytes are enough: "earlier " and the char before it
        let mut lo = c.start.saturating_sub(16);
        while !text.is_char_boundary(lo) {
            lo -= 1;
        }
        let head = text[lo..c.start].to_ascii_lowercase();
        for m in ["earlier ", "later "] {
            if head.ends_with(m)
                && head[..head.len() - m.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|ch| !ch.is_alphanumeric())
            {
                c.start -= m.len();
            }
        }
    }
}

/// Resolve overlaps: longest first, then earliest (equal spans: the earlier rule); the kept
/// candidates in text order. In "the first quarter of 1990", the quarter with its year wins over
/// "1990" alone.
fn resolve_overlaps(mut out: Vec<Cand>) -> Vec<Cand> {
    out.sort_by(|a, b| {
        (b.end - b.start)
            .cmp(&(a.end - a.start))
            .then(a.start.cmp(&b.start))
    });
    // kept spans never overlap, so sorted by start they are sorted by end too: the one starting
    // last before `c` ends is the only one that can overlap it
    let mut kept: Vec<Cand> = Vec::new();
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    for c in out {
        let overlaps = taken
            .range(..(c.end, 0))
            .next_back()
            .is_some_and(|&(_, end)| end > c.start);
        if !overlaps {
            taken.insert((c.start, c.end));
            kept.push(c);
        }
    }
    kept.sort_by_key(|c| c.start);
    kept
}

/// A clock time followed by its day is one expression: "9 a.m. Tuesday", "noon Thursday"; so is a
/// month followed by its relative year: "June last year".
fn merge_adjacent(text: &str, kept: Vec<Cand>) -> Vec<Cand> {
    let mut merged: Vec<Cand> = Vec::with_capacity(kept.len());
    for c in kept {
        if let Some(prev) = merged.last_mut() {
            let between = &text[prev.end..c.start];
            if let (
                Kind::Month { m, modifier: None },
                Kind::RelUnit {
                    unit: Unit::Year,
                    offset,
                },
            ) = (&prev.kind, &c.kind)
            {
                if between == " " && text[c.start..c.end].split_whitespace().count() == 2 {
                    prev.kind = Kind::MonthRelYear {
                        m: *m,
                        offset: *offset,
                    };
                    prev.end = c.end;
                    continue;
                }
            }
            let day_kind = matches!(
                c.kind,
                Kind::Weekday { .. } | Kind::RelDay { pod: None, .. } | Kind::Date { .. }
            );
            if let (Kind::Time { h, m, z }, true) = (&prev.kind, day_kind) {
                if between.chars().all(|ch| ch == ' ') && !between.is_empty() {
                    prev.kind = Kind::DateTime {
                        day: Box::new(c.kind.clone()),
                        h: *h,
                        m: *m,
                        z: *z,
                    };
                    prev.end = c.end;
                    continue;
                }
            }
        }
        merged.push(c);
    }
    merged
}

/// Whether a four-digit number at `[s, e)` is a year.
pub(super) fn year_ok(text: &str, s: usize, e: usize, y: i32) -> bool {
    let (before, after) = &*NOT_YEAR;
    let mid = text[..s].to_ascii_lowercase().ends_with("mid-");
    if let Some(c) = preceding_char(text, s).filter(|_| !mid) {
        if c.is_ascii_digit()
            || matches!(
                c,
                '$' | '€' | '£' | '#' | '-' | '/' | '.' | ',' | '+' | '№' | ':'
            )
        {
            return false;
        }
    }
    let rest = &text[e..];
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(c), _) if c.is_alphanumeric() || c == '%' => return false,
        (Some(',' | '.' | ':' | '/'), Some(d)) if d.is_ascii_digit() => return false,
        (Some('-'), Some(d)) if d.is_ascii_digit() => return false,
        _ => {}
    }
    let pw = prev_word(text, s).to_lowercase();
    if before.contains(pw.as_str()) {
        return false;
    }
    let nw = next_word(text, e).to_lowercase();
    if after.contains(nw.as_str()) {
        return false;
    }
    let prep = matches!(
        pw.as_str(),
        "in" | "since"
            | "by"
            | "until"
            | "from"
            | "before"
            | "after"
            | "during"
            | "of"
            | "year"
            | "early"
            | "late"
            | "mid"
    );
    if prep {
        (1000..2100).contains(&y)
    } else {
        (1800..2100).contains(&y)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn year_context() {
        let t = "They have 2000 troops and article 1949 says, in 2014 and since 2016; 100,000 soldiers.";
        let f = find(t);
        let years: Vec<&str> = f
            .iter()
            .filter(|c| matches!(c.kind, Kind::Year(_)))
            .map(|c| &t[c.start..c.end])
            .collect();
        assert_eq!(years, vec!["2014", "2016"]);
    }
}
