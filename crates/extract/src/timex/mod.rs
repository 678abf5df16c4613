//! Temporal expressions: recognition and normalisation against the article's published date.
//!
//! [`extract`] scans the text with a set of rules (absolute and numeric dates, weekdays, relative days
//! and units, `N units ago/earlier`, durations, years, decades and centuries, spoken years, times of
//! day, quarters and reporting periods, seasons, holidays, reference words, recurring times) and turns
//! each match into a [`model::Timex`] with a TIMEX3-style value (`2022-01-12`, `2022-01`, `2014`,
//! `2022-W02`, `1989-Q3`, `P20Y`, `PXY`, `XXXX-WXX-1`, `PRESENT_REF`), the first calendar day it
//! denotes and its precision.
//!
//! Extents follow the TimeML conventions of the TempEval-3 data: determiners and modifiers that are
//! part of the expression stay in (`the past two months`, `early next year`, `earlier this week`,
//! `nearly five months`, `almost four years ago`, `the latest quarter`), prepositions and loose
//! approximators stay out (`in recent years` -> `recent years`, `about five hours` -> `five hours`,
//! `over three years` -> `three years`, `the 14-day waiting period` -> `14-day`). A clock time and
//! its day form one expression (`9 a.m. Tuesday`); a month and a relative year too (`June last
//! year`).
//!
//! Relative expressions (`on Wednesday`, `last month`, `the 12th`, `January 13` without a year,
//! `the quarter`, `Christmas`) are resolved against `Doc::published`; the tense around the
//! expression decides the direction (past tense: the most recent matching day on or before the
//! published date; future tense: the next one on or after it). In a sentence about a quarter's
//! results, `a year ago` / `last year` is that quarter a year back (`1988-Q3`). With no published
//! date they stay unresolved (`value`/`date` = `None`), never guessed.
//!
//! Its evaluations (TempEval-3 platinum, MEANTIME) live in the `eval` crate (`eval::timex`), run
//! by `lede eval timex`.
//!
//! Where the code lives:
//! - `rules.rs`: the patterns and the rule table (`rules::RULES`, one regex per kind of
//!   expression), the left modifiers, the not-a-year word lists and the tense cues;
//! - `spans.rs`: `spans::find`, finding spans in named steps (every rule's matches, extents
//!   widened by modifiers and adverbs, overlaps resolved, adjacent expressions merged), and the
//!   year check;
//! - `calendar.rs`, `periods.rs`: one matcher per rule (a regex of `rules.rs` turned into
//!   candidates), for calendar expressions (dates, months, weekdays, years, holidays) and for
//!   relative and period expressions (relative days and units, durations, times of day, quarters,
//!   seasons, references, recurring times, anaphors);
//! - `words.rs`: reading the words of a match (units, number words, month and weekday names,
//!   spoken years, ordinals) and the look-arounds (next/previous word or character);
//! - `tense.rs`: the tense around an expression and the sentence-ish windows;
//! - `dates.rs`: calendar arithmetic and anchors (the year of a day given without one, ISO
//!   weeks, month arithmetic, duration values, holiday dates);
//! - `normalise.rs`: `normalise::normalise`, the value, first day and precision of one
//!   expression, one step per kind;
//! - this file: the public API ([`extract`], [`extract_with`]), what a match denotes (`Kind`)
//!   and the "a year ago" quarter rule applied after normalisation.
//!
//! A new rule goes in three places: its regex as a field of `rules::Rules`, a matcher in
//! `calendar.rs` or `periods.rs` that pushes candidates (a `Kind`, new if needed), called from
//! `spans::candidates` at the place where its ties with other rules should be broken (equal spans
//! keep the earlier rule), and, for a new `Kind`, its value in `normalise.rs`.

mod calendar;
mod dates;
mod normalise;
mod periods;
mod rules;
mod spans;
mod tense;
mod words;

use crate::budget::Budget;
use crate::doc::Doc;
use crate::ExtractError;
use chrono::{Datelike, NaiveDate, Weekday};
use model::{Span, Timex};
use normalise::normalise;
use regex::Regex;
use rules::re;
use spans::find;
use std::sync::LazyLock;
use tense::{tense_at, window_end, window_start};
use words::Unit;

#[derive(Clone, Copy, Debug, PartialEq)]
enum Tense {
    Past,
    Future,
    Unknown,
}

/// What one match denotes, before normalisation.
#[derive(Clone, Debug, PartialEq)]
enum Kind {
    Date {
        y: Option<i32>,
        m: u32,
        d: u32,
        wd: Option<Weekday>,
    },
    MonthYear {
        y: i32,
        m: u32,
    },
    Month {
        m: u32,
        modifier: Option<String>,
    },
    Year(i32),
    Decade(i32),
    Weekday {
        wd: Weekday,
        modifier: Option<String>,
        pod: Option<String>,
        dom: Option<u32>,
    },
    RelDay {
        offset: i64,
        pod: Option<String>,
    },
    RelUnit {
        unit: Unit,
        offset: i32,
    },
    Ago {
        n: Option<f64>,
        unit: Unit,
    },
    Duration {
        n: Option<f64>,
        unit: Unit,
    },
    DayOfMonth(u32),
    /// A clock time; `z` when given in UTC/GMT (ISO 8601 `Z`).
    Time {
        h: u32,
        m: u32,
        z: bool,
    },
    Quarter {
        q: u32,
        y: Option<i32>,
    },
    Season {
        s: &'static str,
        modifier: Option<String>,
        y: Option<i32>,
    },
    Ref(&'static str),
    Set(String),
    /// A quarter relative to the published one (0 = current, -1 = the latest completed).
    QuarterRel(i32),
    /// "the weekend": the last one in past tense, the coming one otherwise.
    TheWeekend,
    /// A clock time on a given day ("9 a.m. Tuesday", "noon Thursday").
    DateTime {
        day: Box<Kind>,
        h: u32,
        m: u32,
        z: bool,
    },
    Century(i32),
    /// "February this year", "June last year"
    MonthRelYear {
        m: u32,
        offset: i32,
    },
    Holiday {
        name: &'static str,
        modifier: Option<String>,
    },
}

/// A day with its year known: `Kind::Date` with no weekday.
fn full_date(y: i32, m: u32, d: u32) -> Kind {
    Kind::Date {
        y: Some(y),
        m,
        d,
        wd: None,
    }
}

#[derive(Clone, Debug)]
struct Cand {
    start: usize,
    end: usize,
    kind: Kind,
}

/// Finds and normalises every temporal expression of the article.
pub fn extract(doc: &Doc) -> Vec<Timex> {
    extract_with(doc, &Budget::unlimited()).expect("an unlimited budget never runs out")
}

/// [`extract`] within `budget` (checked every few candidates).
pub fn extract_with(doc: &Doc, budget: &Budget) -> Result<Vec<Timex>, ExtractError> {
    let text = doc.text;
    let cands = find(text);
    budget.check("timex")?;
    let mut tick = budget.ticker("timex");
    cands
        .into_iter()
        .map(|c| {
            tick.tick()?;
            let tense = tense_at(text, c.start, c.end);
            let sentence = sentence_of(doc, c.start);
            let (mut value, mut date, mut precision) = normalise(&c.kind, doc.published, tense);
            if let (true, Some(p)) = (year_back(&c.kind), doc.published) {
                // "a year ago" in a sentence about a quarter's results is that quarter a year back
                let (lo, hi) = match doc.sentences.get(sentence) {
                    Some(s) if s.span.start <= c.start && c.end <= s.span.end => {
                        // this sentence or the one before ("Net rose in the quarter. A year earlier, ...")
                        let prev = sentence
                            .checked_sub(1)
                            .and_then(|i| doc.sentences.get(i))
                            .map_or(s.span.start, |p| p.span.start);
                        (prev, s.span.end)
                    }
                    _ => (
                        window_start(text, c.start, 200),
                        window_end(text, c.end, 120),
                    ),
                };
                if let Some((y, q)) = quarter_in(&text[lo..hi], p) {
                    value = Some(format!("{:04}-Q{q}", y - 1));
                    date = NaiveDate::from_ymd_opt(y - 1, (q - 1) * 3 + 1, 1);
                    precision = None;
                }
            }
            Ok(Timex {
                sentence,
                span: Span::new(c.start, c.end),
                text: text[c.start..c.end].to_string(),
                value,
                date,
                precision,
            })
        })
        .collect()
}

/// One year back from the published date: "a year ago", "a year earlier", "last year", "year-ago".
fn year_back(k: &Kind) -> bool {
    matches!(
        k,
        Kind::Ago {
            n: Some(1.0),
            unit: Unit::Year
        } | Kind::RelUnit {
            unit: Unit::Year,
            offset: -1
        }
    )
}

/// The reporting quarter a sentence talks about: "the third quarter" (the last such quarter up to
/// the published date), or "the quarter" / "quarterly" (the last completed quarter).
fn quarter_in(sentence: &str, p: NaiveDate) -> Option<(i32, u32)> {
    static Q: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"(?i)(?-u:\b)(?:(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+)?(?:fiscal\s+)?quarter(?:ly)?(?-u:\b)",
        )
    });
    let c = Q.captures(sentence)?;
    let cur = (p.month() - 1) / 3 + 1;
    let q = match c.name("q").map(|q| q.as_str().to_ascii_lowercase()) {
        Some(q) => match q.as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            _ => 4,
        },
        None if cur == 1 => return Some((p.year() - 1, 4)),
        None => cur - 1,
    };
    Some(if q > cur {
        (p.year() - 1, q)
    } else {
        (p.year(), q)
    })
}

/// Index of the sentence holding byte `pos` (0 when there are no sentences).
pub(crate) fn sentence_of(doc: &Doc, pos: usize) -> usize {
    let s = doc.sentences;
    if s.is_empty() {
        return 0;
    }
    let i = s.partition_point(|x| x.span.start <= pos);
    i.saturating_sub(1)
}
