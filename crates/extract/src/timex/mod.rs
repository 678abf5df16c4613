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
//! [`eval_tempeval`] scores the recogniser on TimeML gold data (TempEval-3 platinum, or the TBAQ
//! training data for development), [`eval_meantime`] on the MEANTIME corpus (CAT XML), with the same
//! measures.

pub mod eval;
pub mod meantime;

pub use eval::eval_tempeval;
pub use meantime::eval_meantime;

use crate::budget::Budget;
use crate::doc::Doc;
use crate::ExtractError;
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use model::{DatePrecision, Span, Timex};
use regex::Regex;
use std::collections::{BTreeSet, HashSet};
use std::sync::LazyLock;

const MONTH: &str = r"(?:january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\.?";
const WEEKDAY: &str = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)";
const NUMWORD: &str = r"(?:\d+(?:\.\d+)?|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|hundred|a\s+few|few|several|many|some|a\s+couple\s+of|a\s+dozen|dozens\s+of|hundreds\s+of)";
const PARTOFDAY: &str = r"(?:morning|afternoon|evening|night)";

/// Modifiers that extend an expression to their left (lowercase, with the following space).
const MODIFIERS: &[&str] = &[
    "the end of ",
    "the beginning of ",
    "the start of ",
    "the middle of ",
    "end of ",
    "early ",
    "late ",
    "mid-",
    "mid ",
    "fiscal ",
    "calendar ",
];

static NOT_YEAR: LazyLock<(HashSet<&'static str>, HashSet<&'static str>)> = LazyLock::new(|| {
    let mut before = HashSet::new();
    let mut after = HashSet::new();
    for line in include_str!("../../../../data/lexicons/timex_not_year.txt").lines() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(w) = line.strip_prefix("before ") {
            before.insert(w.trim());
        } else if let Some(w) = line.strip_prefix("after ") {
            after.insert(w.trim());
        }
    }
    (before, after)
});

fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid timex regex")
}

/// One rule: a regex and the kind of expression it finds.
struct Rules {
    iso: Regex,
    slash_date: Regex,
    mdy: Regex,
    dmy: Regex,
    month_year: Regex,
    bare_month: Regex,
    weekday: Regex,
    rel_day: Regex,
    rel_unit: Regex,
    ago: Regex,
    duration: Regex,
    for_units: Regex,
    vague_units: Regex,
    year: Regex,
    decade: Regex,
    day_of_month: Regex,
    time: Regex,
    quarter: Regex,
    season: Regex,
    refs: Regex,
    set: Regex,
    anaphor: Regex,
    year_adj: Regex,
    decade_word: Regex,
    year_end: Regex,
    month_alone: Regex,
    spoken_year: Regex,
    holiday: Regex,
    century: Regex,
    clock_word: Regex,
    future_cue: Regex,
    past_cue: Regex,
}

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules {
    iso: re(r"(?-u:\b)(\d{4})-(\d{2})-(\d{2})(?-u:\b)"),
    // 7/8/07, 03/21/2013 (month first, as in US news, unless the first number cannot be a month)
    slash_date: re(r"(?-u:\b)(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?-u:\b)"),
    // (this|last)? (Wednesday,)? January 12(th)? (and|-|to 13)? (, 2022)?
    mdy: re(&format!(
        r"(?i)(?-u:\b)(?:(?:this|last|next|on)\s+)?(?:(?P<wd>{WEEKDAY}),?\s+)?(?P<mon>{MONTH})\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b)(?:\s*(?:and|-|–|to|through)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    )),
    // (Wednesday,)? (the)? 12(th)? (of)? January (2022)?
    dmy: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<wd>{WEEKDAY}),?\s+)?(?:the\s+)?(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*(?:and|-|–|to)\s*(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?)?\s+(?:of\s+)?(?P<mon>{MONTH})(?:,?\s+(?P<y>\d{{4}})(?-u:\b))?"
    )),
    month_year: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<mod>early|mid|late)[\s-]+)?(?P<mon>{MONTH}),?\s+(?:of\s+)?(?P<y>\d{{4}})(?-u:\b)"
    )),
    // in January / since March / at the turn of January-February
    bare_month: re(&format!(
        r"(?i)(?-u:\b)(?P<prep>in|since|by|until|till|from|before|after|during|of|through|throughout|last|next|this|early|mid|late|end\s+of|beginning\s+of|start\s+of|turn\s+of)[\s-]+(?P<mon>{MONTH})(?:\s*(?:-|–|/|to)\s*(?P<mon2>{MONTH}))?(?-u:\b)"
    )),
    weekday: re(&format!(
        r"(?i)(?-u:\b)(?:(?:the\s+)?(?P<mod>this|last|next|past|coming|previous|following)\s+)?(?P<wd>{WEEKDAY})(?:\s+(?P<pod>{PARTOFDAY}))?(?:,\s*(?P<dom>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?"
    )),
    rel_day: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<before>the\s+day\s+before\s+yesterday)|(?P<after>the\s+day\s+after\s+tomorrow)|(?P<w>yesterday|today|tomorrow|tonight|this\s+{PARTOFDAY}|last\s+night|last\s+evening))(?:\s+(?P<pod>{PARTOFDAY}))?(?-u:\b)"
    )),
    rel_unit: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<mod>this|last|next|past|coming|previous|following|current)\s+(?P<unit>week|weekend|month|year|decade|century|quarter)(?-u:\b)",
    ),
    ago: re(&format!(
        r"(?i)(?-u:\b)(?:(?:about|almost|nearly|more\s+than|less\s+than|some|just|over|roughly|around|only)\s+)?(?P<n>{NUMWORD})\s+(?P<unit>days?|weeks?|months?|years?|decades?|centuries|century)(?:\s+or\s+so)?\s+(?:ago|earlier)(?-u:\b)"
    )),
    duration: re(&format!(
        r"(?i)(?-u:\b)(?P<pre>(?:more\s+than|less\s+than|fewer\s+than|no\s+more\s+than|nearly|almost|around|some|at\s+least|up\s+to|roughly|approximately|the\s+past|the\s+last|the\s+next|the\s+first|the\s+coming|the\s+latest|the)\s+)?(?P<n>{NUMWORD})(?P<sep>[\s-]+)(?:(?P<half>1/2|and\s+a\s+half)\s+)?(?:more\s+)?(?P<unit>seconds?|minutes?|hours?|days?|weeks?|months?|quarters?|years?|decades?|centuries|century)(?P<half2>\s+and\s+a\s+half)?(?:[\s-]+long)?(?-u:\b)"
    )),
    for_units: re(
        r"(?i)(?-u:\b)(?:for|over\s+the\s+past|over\s+the\s+last|in\s+the\s+past|in\s+the\s+last)\s+(?P<unit>days|weeks|months|years|decades|centuries)(?-u:\b)",
    ),
    // "recent years", "the coming weeks": a vague stretch of time (PXY, PXW)
    vague_units: re(
        r"(?i)(?-u:\b)(?:(?P<the>the)\s+)?(?:recent|coming|past|next\s+few|last\s+few|past\s+few|several)\s+(?P<unit>days|weeks|months|quarters|years|decades)(?-u:\b)|(?-u:\b)the\s+(?P<unit2>days|weeks|months|years)\s+ahead(?-u:\b)|(?-u:\b)(?P<unit3>days?|weeks?|months?|years?|decades?)-long(?-u:\b)",
    ),
    year: re(r"(?-u:\b)(?P<y>1\d{3}|20\d{2})(?-u:\b)"),
    decade: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?:(?:early|mid|late)[\s-]+)?(?P<y>1[89]\d0|20\d0)'?s(?-u:\b)",
    ),
    day_of_month: re(r"(?i)(?-u:\b)on\s+(?P<span>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))(?-u:\b)"),
    time: re(
        r"(?i)(?-u:\b)(?P<h>\d{1,2})(?::(?P<m>\d{2})|\s*(?P<ap0>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))(?:\s*(?P<ap>a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))?(?:\s+(?P<tz>local\s+time|gmt|utc|cet|est|edt|et(?-u:\b)|moscow\s+time))?",
    ),
    quarter: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<q>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+quarter(?:\s+of\s+(?P<y>\d{4}))?(?-u:\b)",
    ),
    season: re(
        r"(?i)(?-u:\b)(?:(?P<mod>this|last|next|past|coming|the(?:\s+(?:early|late))?)\s+)?(?P<s>spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?(?P<y>\d{4}))?(?-u:\b)",
    ),
    refs: re(
        r"(?i)(?-u:\b)(?P<now>now|nowadays|at\s+present|currently|at\s+the\s+moment|these\s+days)(?-u:\b)|(?-u:\b)(?:in\s+)?(?P<fut>the\s+(?:near\s+|distant\s+)?future|the\s+(?:near|short)\s+term|a\s+later\s+date)(?-u:\b)|(?-u:\b)(?P<fut2>as\s+soon\s+as\s+possible|soon)(?-u:\b)|(?-u:\b)(?P<past>recently|lately|the\s+past)(?-u:\b)",
    ),
    set: re(&format!(
        r"(?i)(?-u:\b)(?:every|each)\s+(?:(?P<unit>day|week|month|year|quarter|hour)|(?P<wd>{WEEKDAY})|(?P<mon>{MONTH}))(?-u:\b)|(?-u:\b)(?P<adv>annually|yearly|monthly|weekly|daily|hourly|nightly)(?-u:\b)|(?-u:\b)(?:on\s+)?(?P<wds>(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)days)(?-u:\b)"
    )),
    // "the quarter", "the latest period", "the year-ago quarter", "the year", "the weekend"
    anaphor: re(
        r"(?i)(?-u:\b)(?P<det>the|that)\s+(?P<mods>(?:(?:latest|fiscal|current|same|full|comparable|previous|prior|year-earlier|year-ago|corresponding|most\s+recent|recent|entire|whole)\s+)*)(?P<unit>quarter|period|fiscal\s+year|year|month|week|weekend)(?-u:\b)",
    ),
    year_adj: re(r"(?i)(?-u:\b)year-(?:earlier|ago)(?-u:\b)"),
    decade_word: re(
        r"(?i)(?-u:\b)the\s+(?:(?:early|late|mid)[\s-]+)?(?P<d>twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties)(?-u:\b)",
    ),
    year_end: re(r"(?i)(?-u:\b)year(?:-|\s+|'s\s+)end(?-u:\b)"),
    month_alone: re(
        r"(?-u:\b)(?P<mon>January|February|March|April|June|July|August|September|October|November|December)(?-u:\b)",
    ),
    spoken_year: re(&format!(
        r"(?i)(?-u:\b)(?:(?P<mon>{MONTH})\s+)?(?P<lead>the\s+year\s+|in\s+)?(?P<sp>nineteen[\s-]+(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-]+(?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|hundred)|two\s+thousand(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty))?)(?-u:\b)"
    )),
    holiday: re(
        r"(?-u:\b)(?P<h>Christmas(?:\s+(?:Day|Eve))?|New\s+Year's\s+(?:Day|Eve)|Thanksgiving(?:\s+Day)?|Easter(?:\s+Sunday)?|Election\s+Day|Independence\s+Day|Labor\s+Day|Memorial\s+Day|Veterans\s+Day|Halloween|Valentine's\s+Day)(?-u:\b)",
    ),
    century: re(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|twenty-first)[\s-]+century(?-u:\b)",
    ),
    clock_word: re(r"(?i)(?-u:\b)(?P<w>noon|midnight|midday)(?-u:\b)"),
    future_cue: re(
        r"(?i)(?-u:\b)(?:will|won't|shall|'ll|going\s+to|plans?\s+to|planned|scheduled|is\s+to|are\s+to|due\s+to|set\s+to|expected\s+to|expects\s+to|slated|upcoming|to\s+be\s+held|next|intends?\s+to|could|might|as\s+soon\s+as|as\s+early\s+as|until|planning|postponed|delayed|deadline|starting|beginning|heading|headed\s+to)(?-u:\b)",
    ),
    past_cue: re(
        r"(?i)(?-u:\b)(?:was|were|had|did|said|held|met|ended|began|took|lasted|announced|told|reported|stated|started|came|went|made|gave|left|saw|fell|rose|sold|won|lost|paid|spent|bought|brought|thought|found|kept|led|sent|stood|struck|wrote|spoke|broke|chose|drove|flew|grew|knew|threw|became|fought|caught|sought|felt|heard|shot|got|\w{3,}ed)(?-u:\b)",
    ),
});

#[derive(Clone, Copy, Debug, PartialEq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
    Quarter,
    Weekend,
}

fn unit_of(s: &str) -> Option<Unit> {
    let s = s.to_ascii_lowercase();
    Some(match s.trim_end_matches('s') {
        "second" => Unit::Second,
        "minute" => Unit::Minute,
        "hour" => Unit::Hour,
        "day" => Unit::Day,
        "week" => Unit::Week,
        "weekend" => Unit::Weekend,
        "month" => Unit::Month,
        "year" => Unit::Year,
        "decade" => Unit::Decade,
        "century" | "centurie" => Unit::Century,
        "quarter" => Unit::Quarter,
        _ => return None,
    })
}

/// Number words to numbers; `None` for vague quantities (`several`, `a few`).
fn number_of(s: &str) -> Option<f64> {
    let s = s.to_ascii_lowercase();
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Ok(n) = s.parse::<f64>() {
        return Some(n);
    }
    let n = match s.as_str() {
        "a" | "an" | "one" => 1,
        "two" | "a couple of" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" | "a dozen" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        "hundred" => 100,
        _ => return None,
    };
    Some(n as f64)
}

fn month_of(s: &str) -> Option<u32> {
    let s = s.trim_end_matches('.').to_ascii_lowercase();
    let m = match s.get(..3)? {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    };
    Some(m)
}

fn weekday_of(s: &str) -> Option<Weekday> {
    Some(match s.to_ascii_lowercase().get(..3)? {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

/// A full weekday or month name ("Monday", "March"), not just a word sharing its first letters.
fn is_calendar_name(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    model::WEEKDAY_NAMES.contains(&s.as_str()) || model::MONTH_NAMES.contains(&s.as_str())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The direction of an expression relative to the published date.
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

/// Every candidate of every rule, overlaps resolved (longest first), in text order.
fn find(text: &str) -> Vec<Cand> {
    let r = &*RULES;
    // rare rules run only when their key word occurs (a lowercase copy is cheaper than a scan)
    let lower = text.to_ascii_lowercase();
    let has = |w: &str| lower.contains(w);
    let mut out: Vec<Cand> = Vec::new();
    let push = |out: &mut Vec<Cand>, start: usize, end: usize, kind: Kind| {
        out.push(Cand { start, end, kind })
    };

    for c in r.iso.captures_iter(text) {
        let (y, m, d) = (
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
            let w = c.get(0).unwrap();
            push(&mut out, w.start(), w.end(), full_date(y, m, d));
        }
    }
    for c in r
        .slash_date
        .captures_iter(if text.contains('/') { text } else { "" })
    {
        let w = c.get(0).unwrap();
        // part of a longer number or path ("1/2/3/4", "10/20/2012/")
        if preceding_char(text, w.start()).is_some_and(|ch| ch == '/' || ch.is_ascii_digit())
            || text[w.end()..].starts_with('/')
        {
            continue;
        }
        let (a, b): (u32, u32) = (c[1].parse().unwrap_or(0), c[2].parse().unwrap_or(0));
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        let mut y: i32 = c[3].parse().unwrap_or(0);
        if c[3].len() == 2 {
            y += if y < 50 { 2000 } else { 1900 };
        }
        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
            push(&mut out, w.start(), w.end(), full_date(y, m, d));
        }
    }
    for rx in [&r.mdy, &r.dmy] {
        for c in rx.captures_iter(text) {
            let mon = c.name("mon").unwrap();
            if !capitalised(mon.as_str()) {
                continue;
            }
            let Some(m) = month_of(mon.as_str()) else {
                continue;
            };
            // "May 5" is a date, "may 5" is not; "Mar" alone needs a day, which it has here.
            let d1: u32 = c["d1"].parse().unwrap_or(0);
            let y = c
                .name("y")
                .and_then(|y| y.as_str().parse::<i32>().ok())
                .filter(|y| (1000..2200).contains(y));
            let whole = c.get(0).unwrap();
            let mut start = whole.start();
            // keep prepositions out of the extent ("on January 12" -> "January 12")
            // (`\d` also matches non-ASCII digits: the match may open with a multi-byte char)
            let lead = &text[start..];
            if lead.get(..3).is_some_and(|l| l.eq_ignore_ascii_case("on ")) {
                start += 3;
            }
            if !(1..=31).contains(&d1) || following_digit(text, c.name("d1").unwrap().end()) {
                continue;
            }
            let wd = c.name("wd").and_then(|w| weekday_of(w.as_str()));
            match c.name("d2") {
                Some(d2m) => {
                    let d2: u32 = d2m.as_str().parse().unwrap_or(0);
                    if !(1..=31).contains(&d2) || d2 <= d1 {
                        continue;
                    }
                    // "January 9 and 10": two dates; the first ends after its day, the second is the number.
                    let (s1, e1, s2, e2) = if rx.as_str() == r.mdy.as_str() {
                        let e1 = c.name("d1").unwrap().end();
                        (start, e1, d2m.start(), whole.end())
                    } else {
                        (start, c.name("d1").unwrap().end(), d2m.start(), whole.end())
                    };
                    if rx.as_str() == r.mdy.as_str() {
                        push(&mut out, s1, e1, Kind::Date { y, m, d: d1, wd });
                        push(
                            &mut out,
                            s2,
                            e2,
                            Kind::Date {
                                y,
                                m,
                                d: d2,
                                wd: None,
                            },
                        );
                    } else {
                        // "9 and 10 January": both need the month; keep one expression per day.
                        push(&mut out, s1, e1, Kind::Date { y, m, d: d1, wd });
                        push(
                            &mut out,
                            s2,
                            e2,
                            Kind::Date {
                                y,
                                m,
                                d: d2,
                                wd: None,
                            },
                        );
                    }
                }
                None => push(&mut out, start, whole.end(), Kind::Date { y, m, d: d1, wd }),
            }
        }
    }
    for c in r.month_year.captures_iter(text) {
        let mon = c.name("mon").unwrap();
        if !capitalised(mon.as_str()) {
            continue;
        }
        let (Some(m), Ok(y)) = (month_of(mon.as_str()), c["y"].parse::<i32>()) else {
            continue;
        };
        let w = c.get(0).unwrap();
        push(&mut out, w.start(), w.end(), Kind::MonthYear { y, m });
    }
    for c in r.bare_month.captures_iter(text) {
        let mon = c.name("mon").unwrap();
        if !capitalised(mon.as_str()) || mon.as_str().len() < 3 {
            continue;
        }
        // "may" as a verb is lowercase; a capital "May" after a preposition is the month.
        let Some(m) = month_of(mon.as_str()) else {
            continue;
        };
        let prep = c["prep"].to_ascii_lowercase();
        let keep_prep = matches!(
            prep.as_str(),
            "last" | "next" | "this" | "early" | "mid" | "late"
        ) || prep.ends_with(" of");
        let start = if keep_prep {
            // "the turn of January" / "the end of January": take the article too
            let p = c.name("prep").unwrap().start();
            if prep.ends_with(" of") && text[..p].to_ascii_lowercase().ends_with("the ") {
                p - 4
            } else {
                p
            }
        } else {
            mon.start()
        };
        let end = c.get(0).unwrap().end();
        let modifier = keep_prep.then_some(prep);
        push(&mut out, start, end, Kind::Month { m, modifier });
    }
    for c in r.weekday.captures_iter(text) {
        let wdm = c.name("wd").unwrap();
        if !capitalised(wdm.as_str()) {
            continue;
        }
        let Some(wd) = weekday_of(wdm.as_str()) else {
            continue;
        };
        let modifier = c.name("mod").map(|m| m.as_str().to_ascii_lowercase());
        let pod = c.name("pod").map(|m| m.as_str().to_ascii_lowercase());
        let mut end = c.get(0).unwrap().end();
        let mut dom = None;
        if let Some(d) = c.name("dom") {
            let v: u32 = d.as_str().parse().unwrap_or(0);
            // "Monday, 10" is a day of month; "Monday, 10,000 troops" is not
            if (1..=31).contains(&v)
                && !following_digit(text, d.end())
                && !text[d.end()..].starts_with(",0")
            {
                dom = Some(v);
            } else {
                end = c.name("pod").map(|p| p.end()).unwrap_or(wdm.end());
            }
        }
        push(
            &mut out,
            c.get(0).unwrap().start(),
            end,
            Kind::Weekday {
                wd,
                modifier,
                pod,
                dom,
            },
        );
    }
    for c in r.rel_day.captures_iter(text) {
        let w = c.get(0).unwrap();
        // "USA Today", "Good Morning America Today": a capitalised word inside a name
        if capitalised(w.as_str()) {
            let head = text[..w.start()].trim_end_matches(' ');
            let pw = prev_word(text, w.start());
            if head.len() + 1 == w.start()
                && capitalised(pw)
                && !head.ends_with(['.', '!', '?', ':', '"'])
            {
                continue;
            }
        }
        let offset = if c.name("before").is_some() {
            -2
        } else if c.name("after").is_some() {
            2
        } else {
            let word = c["w"].to_ascii_lowercase();
            match word.as_str() {
                "yesterday" => -1,
                w if w.starts_with("last") => -1,
                "tomorrow" => 1,
                _ => 0,
            }
        };
        let mut pod = c.name("pod").map(|p| p.as_str().to_ascii_lowercase());
        if let Some(w) = c.name("w") {
            let w = w.as_str().to_ascii_lowercase();
            if w == "tonight" {
                pod = Some("night".into());
            } else if let Some(p) = w.strip_prefix("this").or(w.strip_prefix("last")) {
                pod = Some(p.trim().to_string());
            }
        }
        push(&mut out, w.start(), w.end(), Kind::RelDay { offset, pod });
    }
    for c in r.rel_unit.captures_iter(text) {
        let w = c.get(0).unwrap();
        let Some(unit) = unit_of(&c["unit"]) else {
            continue;
        };
        let offset = match c["mod"].to_ascii_lowercase().as_str() {
            "last" | "past" | "previous" => -1,
            "next" | "coming" | "following" => 1,
            _ => 0,
        };
        // "the past decade" is the span of ten years up to now (P10Y)
        if c["mod"].eq_ignore_ascii_case("past") && matches!(unit, Unit::Decade | Unit::Century) {
            push(
                &mut out,
                w.start(),
                w.end(),
                Kind::Duration { n: Some(1.0), unit },
            );
            continue;
        }
        push(&mut out, w.start(), w.end(), Kind::RelUnit { unit, offset });
    }
    for c in r
        .decade_word
        .captures_iter(if has("ties") { text } else { "" })
    {
        let w = c.get(0).unwrap();
        let d = match c["d"].to_ascii_lowercase().as_str() {
            "twenties" => 192,
            "thirties" => 193,
            "forties" => 194,
            "fifties" => 195,
            "sixties" => 196,
            "seventies" => 197,
            "eighties" => 198,
            _ => 199,
        };
        push(&mut out, w.start(), w.end(), Kind::Decade(d));
    }
    for m in r.year_end.find_iter(text) {
        push(
            &mut out,
            m.start(),
            m.end(),
            Kind::RelUnit {
                unit: Unit::Year,
                offset: 0,
            },
        );
    }
    for c in r.ago.captures_iter(text) {
        let w = c.get(0).unwrap();
        let Some(unit) = unit_of(&c["unit"]) else {
            continue;
        };
        push(
            &mut out,
            w.start(),
            w.end(),
            Kind::Ago {
                n: number_of(&c["n"]),
                unit,
            },
        );
    }
    for c in r.duration.captures_iter(text) {
        let w = c.get(0).unwrap();
        let Some(unit) = unit_of(&c["unit"]) else {
            continue;
        };
        // ages ("a 6-year-old", "52 years old") are not temporal expressions
        let tail = &text[w.end()..];
        if tail.starts_with("-old") || tail.starts_with(" old") {
            continue;
        }
        // "three-quarters", "a quarter of the shares": fractions, not spans of time
        if unit == Unit::Quarter
            && (c["sep"].contains('-')
                || matches!(c["n"].to_ascii_lowercase().as_str(), "a" | "an" | "one")
                || next_word(text, w.end()).eq_ignore_ascii_case("of"))
        {
            continue;
        }
        // "a day-long meeting": the adjective alone ("day-long"), found with the vague units
        if matches!(c["n"].to_ascii_lowercase().as_str(), "a" | "an")
            && text[w.start()..w.end()]
                .to_ascii_lowercase()
                .ends_with("-long")
        {
            continue;
        }
        // "a second term", "a second time": an ordinal, not one second
        if unit == Unit::Second
            && matches!(c["n"].to_ascii_lowercase().as_str(), "a" | "one")
            && next_word(text, w.end())
                .chars()
                .next()
                .is_some_and(|ch| ch.is_alphabetic())
            && !matches!(
                next_word(text, w.end()).to_ascii_lowercase().as_str(),
                "ago" | "later" | "earlier" | "or" | "and" | "before" | "after"
            )
        {
            continue;
        }
        let mut n = number_of(&c["n"]);
        if c.name("half").or(c.name("half2")).is_some() {
            n = n.map(|n| n + 0.5);
        }
        // adjectival durations ("the 14-day waiting period") leave the article out
        let start = match c.name("pre") {
            Some(p) if p.as_str().trim().eq_ignore_ascii_case("the") && c["sep"].contains('-') => {
                c.name("n").unwrap().start()
            }
            _ => w.start(),
        };
        push(&mut out, start, w.end(), Kind::Duration { n, unit });
    }
    for c in r.for_units.captures_iter(text) {
        let u = c.name("unit").unwrap();
        let Some(unit) = unit_of(u.as_str()) else {
            continue;
        };
        let whole = c.get(0).unwrap();
        let lead = whole.as_str().to_ascii_lowercase();
        let start = if lead.starts_with("for") {
            u.start()
        } else {
            whole.start()
        };
        if lead.contains("the past") || lead.contains("the last") {
            push(&mut out, start, whole.end(), Kind::Ref("PAST_REF"));
        } else {
            push(
                &mut out,
                start,
                whole.end(),
                Kind::Duration { n: None, unit },
            );
        }
    }
    for c in r.vague_units.captures_iter(text) {
        let w = c.get(0).unwrap();
        let u = c
            .name("unit")
            .or(c.name("unit2"))
            .or(c.name("unit3"))
            .unwrap();
        let Some(unit) = unit_of(u.as_str()) else {
            continue;
        };
        // "day-long" is one day, "decades-long" a vague number of decades
        if c.name("unit3").is_some() && !u.as_str().ends_with('s') {
            push(
                &mut out,
                w.start(),
                w.end(),
                Kind::Duration { n: Some(1.0), unit },
            );
            continue;
        }
        // "in recent years" and "recent years": the preposition stays out
        push(
            &mut out,
            w.start(),
            w.end(),
            Kind::Duration { n: None, unit },
        );
    }
    for c in r.year.captures_iter(text) {
        let m = c.name("y").unwrap();
        let y: i32 = m.as_str().parse().unwrap_or(0);
        if year_ok(text, m.start(), m.end(), y) {
            push(&mut out, m.start(), m.end(), Kind::Year(y));
        }
    }
    for c in r.decade.captures_iter(text) {
        let w = c.get(0).unwrap();
        let y: i32 = c["y"].parse().unwrap_or(0);
        push(&mut out, w.start(), w.end(), Kind::Decade(y / 10));
    }
    for c in r.day_of_month.captures_iter(text) {
        let s = c.name("span").unwrap();
        let d: u32 = c["d"].parse().unwrap_or(0);
        let next = next_word(text, s.end()).to_ascii_lowercase();
        let blocked = [
            "century",
            "anniversary",
            "floor",
            "round",
            "time",
            "times",
            "place",
            "day",
            "minute",
            "session",
            "edition",
            "congress",
            "meeting",
            "summit",
            "annual",
        ];
        if (1..=31).contains(&d) && !blocked.contains(&next.as_str()) {
            push(&mut out, s.start(), s.end(), Kind::DayOfMonth(d));
        }
    }
    for c in r.time.captures_iter(text) {
        let w = c.get(0).unwrap();
        let h: u32 = c["h"].parse().unwrap_or(99);
        let mi: u32 = c
            .name("m")
            .map(|m| m.as_str().parse().unwrap_or(99))
            .unwrap_or(0);
        let ap = c
            .name("ap")
            .or(c.name("ap0"))
            .map(|a| a.as_str().to_ascii_lowercase());
        if c.name("m").is_none() && ap.is_none() {
            continue;
        }
        if h > 24
            || mi > 59
            || (c.name("m").is_some()
                && preceding_char(text, w.start())
                    .is_some_and(|ch| ch.is_ascii_digit() || ch == ':'))
        {
            continue;
        }
        let h = match ap.as_deref() {
            Some(a) if a.starts_with('p') && h < 12 => h + 12,
            Some(a) if a.starts_with('a') && h == 12 => 0,
            _ => h,
        };
        let z = c
            .name("tz")
            .is_some_and(|t| matches!(t.as_str().to_ascii_lowercase().as_str(), "gmt" | "utc"));
        push(&mut out, w.start(), w.end(), Kind::Time { h, m: mi, z });
    }
    for c in r.quarter.captures_iter(text) {
        let w = c.get(0).unwrap();
        let q = match c["q"].to_ascii_lowercase().as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            _ => 4,
        };
        let y = c.name("y").and_then(|y| y.as_str().parse().ok());
        push(&mut out, w.start(), w.end(), Kind::Quarter { q, y });
    }
    for c in r.season.captures_iter(text) {
        let w = c.get(0).unwrap();
        let modifier = c.name("mod").map(|m| m.as_str().to_ascii_lowercase());
        let y = c.name("y").and_then(|y| y.as_str().parse().ok());
        if modifier.is_none() && y.is_none() {
            continue;
        }
        let s = match c["s"].to_ascii_lowercase().as_str() {
            "spring" => "SP",
            "summer" => "SU",
            "winter" => "WI",
            _ => "FA",
        };
        push(
            &mut out,
            w.start(),
            w.end(),
            Kind::Season { s, modifier, y },
        );
    }
    for c in r.refs.captures_iter(text) {
        let (m, v) = if let Some(m) = c.name("now") {
            (m, "PRESENT_REF")
        } else if let Some(m) = c.name("fut").or(c.name("fut2")) {
            // "as soon as Tuesday": the day is the time, not "soon"
            if text[..m.start()].to_ascii_lowercase().ends_with("as ") {
                continue;
            }
            (m, "FUTURE_REF")
        } else {
            (c.name("past").unwrap(), "PAST_REF")
        };
        push(&mut out, m.start(), m.end(), Kind::Ref(v));
    }
    for c in r.set.captures_iter(text) {
        let w = c.get(0).unwrap();
        let Some(word) = c.name("unit").or(c.name("adv")) else {
            continue;
        };
        let word = word.as_str().to_ascii_lowercase();
        let v = match word.as_str() {
            "day" | "daily" => "P1D".to_string(),
            "night" | "nightly" => "P1D".to_string(),
            "week" | "weekly" => "P1W".to_string(),
            "month" | "monthly" => "P1M".to_string(),
            "quarter" | "quarterly" => "P3M".to_string(),
            "hour" | "hourly" => "PT1H".to_string(),
            _ => "P1Y".to_string(),
        };
        // "the Communist Party daily", "average daily volume", "8.5% annually" are not recurring times
        let pw = prev_word(text, w.start()).to_ascii_lowercase();
        if c.name("adv").is_some()
            && (matches!(pw.as_str(), "average")
                || preceding_char(text, w.start()) == Some('%')
                || text[..w.start()].trim_end().ends_with('%'))
        {
            continue;
        }
        push(&mut out, w.start(), w.end(), Kind::Set(v));
    }
    for c in r
        .set
        .captures_iter(if has("every") || has("each") || has("days") {
            text
        } else {
            ""
        })
    {
        let w = c.get(0).unwrap();
        let v = if let Some(wd) = c.name("wd").or(c.name("wds")) {
            if !capitalised(wd.as_str()) {
                continue;
            }
            match weekday_of(wd.as_str()) {
                Some(d) => format!("XXXX-WXX-{}", d.number_from_monday()),
                None => continue,
            }
        } else if let Some(mon) = c.name("mon") {
            match month_of(mon.as_str()).filter(|_| capitalised(mon.as_str())) {
                Some(m) => format!("XXXX-{m:02}"),
                None => continue,
            }
        } else {
            continue;
        };
        let start = c.name("wds").map_or(w.start(), |m| m.start());
        push(&mut out, start, w.end(), Kind::Set(v));
    }
    for c in r.anaphor.captures_iter(text) {
        let w = c.get(0).unwrap();
        let det = c["det"].to_ascii_lowercase();
        let mods = c["mods"].to_ascii_lowercase();
        // "Player of the Year", "Fashion Week" are names
        if c["unit"].chars().any(|ch| ch.is_uppercase()) {
            continue;
        }
        let unit = c["unit"].to_ascii_lowercase();
        let tail = &text[w.end()..];
        if tail.starts_with('-') || tail.starts_with("'s") {
            continue;
        }
        let nw = next_word(text, w.end()).to_ascii_lowercase();
        let pw = prev_word(text, w.start()).to_ascii_lowercase();
        let ago = mods.contains("year-earlier") || mods.contains("year-ago");
        let prev = mods.contains("previous") || mods.contains("prior");
        let kind = match unit.as_str() {
            "quarter" | "period" => {
                // "the period" alone is too vague; "the quarter" is the reporting quarter
                if unit == "period"
                    && !(ago
                        || mods.contains("latest")
                        || mods.contains("comparable")
                        || mods.contains("corresponding")
                        || mods.contains("same"))
                {
                    continue;
                }
                if det == "that" && mods.is_empty() && unit == "period" {
                    continue;
                }
                let off = if mods.contains("current") {
                    0
                } else if prev {
                    -2
                } else {
                    -1
                };
                Kind::QuarterRel(off - if ago { 4 } else { 0 })
            }
            "month" => {
                if det == "that" || matches!(nw.as_str(), "of" | "before" | "after" | "earlier") {
                    continue;
                }
                Kind::RelUnit {
                    unit: Unit::Month,
                    offset: if prev { -1 } else { 0 },
                }
            }
            "week" | "weekend" => {
                if det == "that" || matches!(nw.as_str(), "of" | "before" | "after" | "earlier") {
                    continue;
                }
                if unit == "weekend" && mods.trim().is_empty() {
                    Kind::TheWeekend
                } else {
                    Kind::RelUnit {
                        unit: if unit == "week" {
                            Unit::Week
                        } else {
                            Unit::Weekend
                        },
                        offset: if prev { -1 } else { 0 },
                    }
                }
            }
            _ => {
                // "the year": a span after "for"/"during", else the published year
                if det == "that"
                    || matches!(
                        nw.as_str(),
                        "before" | "earlier" | "after" | "ago" | "later" | "of" | "when" | "in"
                    )
                    || next_word(text, w.end())
                        .chars()
                        .next()
                        .is_some_and(|ch| ch.is_ascii_digit())
                {
                    continue;
                }
                if unit.contains("fiscal") && mods.trim().is_empty()
                    || matches!(pw.as_str(), "for" | "during" | "throughout")
                        && !ago
                        && !prev
                        && !mods.contains("current")
                {
                    Kind::Duration {
                        n: Some(1.0),
                        unit: Unit::Year,
                    }
                } else {
                    Kind::RelUnit {
                        unit: Unit::Year,
                        offset: if ago || prev { -1 } else { 0 },
                    }
                }
            }
        };
        push(&mut out, w.start(), w.end(), kind);
    }
    for m in r.year_adj.find_iter(if has("year-") { text } else { "" }) {
        push(
            &mut out,
            m.start(),
            m.end(),
            Kind::RelUnit {
                unit: Unit::Year,
                offset: -1,
            },
        );
    }
    for c in r.month_alone.captures_iter(text) {
        let mon = c.name("mon").unwrap();
        let nw = next_word(text, mon.end()).to_ascii_lowercase();
        // "the March for Life", "March on Washington"
        if mon.as_str() == "March"
            && matches!(
                nw.as_str(),
                "for" | "of" | "on" | "to" | "against" | "through" | "toward" | "towards" | "past"
            )
        {
            continue;
        }
        // "June Carter", "April Ryan": a first name before a surname
        let nxt = next_word(text, mon.end());
        if text[mon.end()..].starts_with(' ') && capitalised(nxt) && !is_calendar_name(nxt) {
            continue;
        }
        let Some(m) = month_of(mon.as_str()) else {
            continue;
        };
        push(
            &mut out,
            mon.start(),
            mon.end(),
            Kind::Month { m, modifier: None },
        );
    }
    for c in r
        .spoken_year
        .captures_iter(if has("nineteen") || has("thousand") {
            text
        } else {
            ""
        })
    {
        let sp = c.name("sp").unwrap();
        let Some(y) = spoken_year(sp.as_str()) else {
            continue;
        };
        let lead = c.name("lead").map(|l| l.as_str().to_ascii_lowercase());
        // "two thousand" alone is a number ("two thousand troops")
        if y >= 2000 && lead.is_none() && c.name("mon").is_none() {
            continue;
        }
        let start = match (&lead, c.name("mon")) {
            (_, Some(m)) if capitalised(m.as_str()) => m.start(),
            (Some(l), _) if l.starts_with("the") => c.name("lead").unwrap().start(),
            _ => sp.start(),
        };
        let kind = match c.name("mon").filter(|m| capitalised(m.as_str())) {
            Some(mon) => match month_of(mon.as_str()) {
                Some(m) => Kind::MonthYear { y, m },
                None => Kind::Year(y),
            },
            None => Kind::Year(y),
        };
        push(&mut out, start, sp.end(), kind);
    }
    for c in r.holiday.captures_iter(text) {
        let w = c.get(0).unwrap();
        if next_word(text, w.end()) == "Island" {
            continue;
        }
        let h = c["h"].split_whitespace().collect::<Vec<_>>().join(" ");
        let name = match h.as_str() {
            "Christmas" | "Christmas Day" => "christmas",
            "Christmas Eve" => "christmas_eve",
            "New Year's Day" => "new_year",
            "New Year's Eve" => "new_year_eve",
            "Thanksgiving" | "Thanksgiving Day" => "thanksgiving",
            "Easter" | "Easter Sunday" => "easter",
            "Election Day" => "election",
            "Independence Day" => "independence",
            "Labor Day" => "labor",
            "Memorial Day" => "memorial",
            "Veterans Day" => "veterans",
            "Halloween" => "halloween",
            _ => "valentine",
        };
        // "last Christmas", "next Easter" (looked up by hand: a literal-led regex scans faster)
        let pw = prev_word(text, w.start()).to_ascii_lowercase();
        let (start, modifier) = if matches!(pw.as_str(), "last" | "next" | "this")
            && text[..w.start()].ends_with(' ')
        {
            (w.start() - pw.len() - 1, Some(pw))
        } else {
            (w.start(), None)
        };
        push(&mut out, start, w.end(), Kind::Holiday { name, modifier });
    }
    for c in r
        .century
        .captures_iter(if has("century") { text } else { "" })
    {
        let w = c.get(0).unwrap();
        let n = c["n"].to_ascii_lowercase();
        let num: Option<i32> = n
            .trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
            .parse()
            .ok()
            .or_else(|| ordinal_word(&n));
        if let Some(num) = num.filter(|n| (1..=30).contains(n)) {
            push(&mut out, w.start(), w.end(), Kind::Century(num - 1));
        }
    }
    for c in r
        .clock_word
        .captures_iter(if has("noon") || has("midnight") || has("midday") {
            text
        } else {
            ""
        })
    {
        let w = c.get(0).unwrap();
        // "High Noon" is a film
        if prev_word(text, w.start()).eq_ignore_ascii_case("high") {
            continue;
        }
        let h = if c["w"].eq_ignore_ascii_case("midnight") {
            24
        } else {
            12
        };
        push(
            &mut out,
            w.start(),
            w.end(),
            Kind::Time { h, m: 0, z: false },
        );
    }

    // Modifiers belong to the extent: "early next year", "earlier this month", "the end of 1990",
    // "fiscal 1989", "mid-January".
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
    // "earlier this year", "later that month": the adverb belongs to the extent
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
    // Resolve overlaps: longest first, then earliest.
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
    // A clock time followed by its day is one expression: "9 a.m. Tuesday", "noon Thursday".
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

fn following_digit(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

fn preceding_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

fn next_word(text: &str, pos: usize) -> &str {
    let rest = text[pos..].trim_start();
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

fn prev_word(text: &str, pos: usize) -> &str {
    let head = text[..pos].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|i| i + head[i..].chars().next().map_or(1, |c| c.len_utf8()))
        .unwrap_or(0);
    &head[start..]
}

/// Whether a four-digit number at `[s, e)` is a year.
fn year_ok(text: &str, s: usize, e: usize, y: i32) -> bool {
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

/// Tense around an expression: the nearest tense cue within the sentence-ish window decides.
fn tense_at(text: &str, start: usize, end: usize) -> Tense {
    let r = &*RULES;
    let lo = window_start(text, start, 90);
    let hi = window_end(text, end, 60);
    let mut best: Option<(usize, Tense)> = None;
    let mut consider = |pos_s: usize, pos_e: usize, t: Tense| {
        // a cue after the expression counts double: the governing verb usually comes first
        let d = if pos_e <= start {
            start - pos_e
        } else {
            pos_s.saturating_sub(end) * 2
        };
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, t));
        }
    };
    let before = &text[lo..start];
    let after = &text[end..hi];
    for (base, chunk) in [(lo, before), (end, after)] {
        for m in r.future_cue.find_iter(chunk) {
            consider(base + m.start(), base + m.end(), Tense::Future);
        }
        for m in r.past_cue.find_iter(chunk) {
            let w = m.as_str().to_ascii_lowercase();
            if matches!(
                w.as_str(),
                "need"
                    | "speed"
                    | "seed"
                    | "red"
                    | "bed"
                    | "proceed"
                    | "succeed"
                    | "exceed"
                    | "united"
                    | "based"
                    | "related"
                    | "armed"
                    | "concerned"
                    | "expected"
                    | "scheduled"
                    | "planned"
                    | "interested"
            ) {
                continue;
            }
            consider(base + m.start(), base + m.end(), Tense::Past);
        }
    }
    best.map(|b| b.1).unwrap_or(Tense::Unknown)
}

/// Start of the window before `pos`: at most `max` bytes back, not across a sentence end or paragraph.
fn window_start(text: &str, pos: usize, max: usize) -> usize {
    let mut lo = pos.saturating_sub(max);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let chunk = &text[lo..pos];
    match chunk.rfind(['.', '!', '?', '\n', ';']) {
        Some(i) => lo + i + 1,
        None => lo,
    }
}

fn window_end(text: &str, pos: usize, max: usize) -> usize {
    let mut hi = (pos + max).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let chunk = &text[pos..hi];
    match chunk.find(['.', '!', '?', '\n', ';']) {
        Some(i) => pos + i,
        None => hi,
    }
}

fn ymd(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

fn day_value(
    d: NaiveDate,
    _part_of_day: &Option<String>,
) -> (Option<String>, Option<NaiveDate>, Option<DatePrecision>) {
    (
        // a part of day ("Wednesday night") is valued as its day: TimeML's `TNI`/`TMO` suffixes are
        // used for about as many TempEval-3 training expressions as the plain day
        Some(ymd(d)),
        Some(d),
        Some(DatePrecision::Day),
    )
}
fn add_months(y: i32, m: u32, delta: i32) -> (i32, u32) {
    let idx = y * 12 + (m as i32 - 1) + delta;
    (idx.div_euclid(12), (idx.rem_euclid(12) + 1) as u32)
}

/// Year of a month/day without a year, seen from `p`. News mostly reports the past: the last such
/// day on or before `p`, unless the next one is near (within three months) and the last one far
/// (over six months), or the tense is future (the mirror rule).
fn year_for(p: NaiveDate, m: u32, d: u32, tense: Tense) -> i32 {
    let dist = |y: i32| NaiveDate::from_ymd_opt(y, m, d.clamp(1, 28)).map(|x| (x - p).num_days());
    let cands: Vec<(i64, i32)> = [p.year() - 1, p.year(), p.year() + 1]
        .iter()
        .filter_map(|&y| dist(y).map(|dd| (dd, y)))
        .collect();
    let past = cands
        .iter()
        .filter(|(dd, _)| *dd <= 0)
        .max_by_key(|(dd, _)| *dd)
        .copied();
    let future = cands
        .iter()
        .filter(|(dd, _)| *dd >= 0)
        .min_by_key(|(dd, _)| *dd)
        .copied();
    match (past, future) {
        (Some((dp, yp)), Some((df, yf))) => {
            let dp = -dp;
            let (near_past, near_future) = (dp <= 90 && df > 180, df <= 90 && dp > 180);
            match tense {
                Tense::Future if !near_past => yf,
                Tense::Future => yp,
                _ if near_future => yf,
                _ => yp,
            }
        }
        _ => year_for_tense(p, m, d, tense),
    }
}

/// Year of a month/day from the tense alone.
fn year_for_tense(p: NaiveDate, m: u32, d: u32, tense: Tense) -> i32 {
    let here = (m, d);
    let now = (p.month(), p.day());
    match tense {
        Tense::Past if here > now => p.year() - 1,
        Tense::Future if here < now => p.year() + 1,
        Tense::Unknown => {
            // more than about seven months ahead reads as last year's, more than seven behind as next year's
            let diff = (m as i32 - p.month() as i32) * 31 + (d as i32 - p.day() as i32);
            if diff > 215 {
                p.year() - 1
            } else if diff < -215 {
                p.year() + 1
            } else {
                p.year()
            }
        }
        _ => p.year(),
    }
}

fn duration_value(n: Option<f64>, unit: Unit) -> String {
    let (mult, code, time) = match unit {
        Unit::Second => (1.0, "S", true),
        Unit::Minute => (1.0, "M", true),
        Unit::Hour => (1.0, "H", true),
        Unit::Day => (1.0, "D", false),
        Unit::Week | Unit::Weekend => (1.0, "W", false),
        Unit::Month => (1.0, "M", false),
        Unit::Quarter => (1.0, "Q", false),
        Unit::Year => (1.0, "Y", false),
        Unit::Decade => (10.0, "Y", false),
        Unit::Century => (100.0, "Y", false),
    };
    let t = if time { "T" } else { "" };
    // a half unit is written in the next smaller one: "2 1/2 years" = P2Y6M, "5 1/2 hours" = PT5H30M
    if let Some(n) = n.filter(|n| n.fract() == 0.5 && mult == 1.0) {
        let whole = n.trunc() as i64;
        let lead = if whole > 0 {
            format!("{whole}{code}")
        } else {
            String::new()
        };
        let half = match unit {
            Unit::Year => Some("6M"),
            Unit::Day => Some("T12H"),
            Unit::Hour => Some("30M"),
            Unit::Minute => Some("30S"),
            _ => None,
        };
        if let Some(h) = half {
            return format!("P{t}{lead}{h}");
        }
    }
    match n {
        Some(n) => {
            let v = n * mult;
            if v.fract() == 0.0 {
                format!("P{t}{}{code}", v as i64)
            } else {
                format!("P{t}{v}{code}")
            }
        }
        None => format!("P{t}X{code}"),
    }
}

fn iso_week(d: NaiveDate) -> String {
    let w = d.iso_week();
    format!("{:04}-W{:02}", w.year(), w.week())
}

type Norm = (Option<String>, Option<NaiveDate>, Option<DatePrecision>);

fn month_value(y: i32, m: u32) -> Norm {
    (
        Some(format!("{y:04}-{m:02}")),
        NaiveDate::from_ymd_opt(y, m, 1),
        Some(DatePrecision::Month),
    )
}

fn year_value(y: i32) -> Norm {
    (
        Some(format!("{y:04}")),
        NaiveDate::from_ymd_opt(y, 1, 1),
        Some(DatePrecision::Year),
    )
}

/// The date of a named holiday in year `y` (US conventions for the movable ones).
fn holiday_date(name: &str, y: i32) -> Option<NaiveDate> {
    let nth = |m: u32, wd: Weekday, n: u8| NaiveDate::from_weekday_of_month_opt(y, m, wd, n);
    match name {
        "christmas" => NaiveDate::from_ymd_opt(y, 12, 25),
        "christmas_eve" => NaiveDate::from_ymd_opt(y, 12, 24),
        "new_year" => NaiveDate::from_ymd_opt(y, 1, 1),
        "new_year_eve" => NaiveDate::from_ymd_opt(y, 12, 31),
        "independence" => NaiveDate::from_ymd_opt(y, 7, 4),
        "halloween" => NaiveDate::from_ymd_opt(y, 10, 31),
        "veterans" => NaiveDate::from_ymd_opt(y, 11, 11),
        "valentine" => NaiveDate::from_ymd_opt(y, 2, 14),
        "thanksgiving" => nth(11, Weekday::Thu, 4),
        "labor" => nth(9, Weekday::Mon, 1),
        "memorial" => {
            let first_june = NaiveDate::from_ymd_opt(y, 6, 1)?;
            let mut d = first_june - Duration::days(1);
            while d.weekday() != Weekday::Mon {
                d -= Duration::days(1);
            }
            Some(d)
        }
        // the Tuesday after the first Monday of November
        "election" => nth(11, Weekday::Mon, 1).map(|d| d + Duration::days(1)),
        "easter" => {
            // anonymous Gregorian computus
            let a = y % 19;
            let b = y / 100;
            let c = y % 100;
            let d = b / 4;
            let e = b % 4;
            let f = (b + 8) / 25;
            let g = (b - f + 1) / 3;
            let h = (19 * a + b - d - g + 15) % 30;
            let i = c / 4;
            let k = c % 4;
            let l = (32 + 2 * e + 2 * i - h - k) % 7;
            let m = (a + 11 * h + 22 * l) / 451;
            let month = (h + l - 7 * m + 114) / 31;
            let day = (h + l - 7 * m + 114) % 31 + 1;
            NaiveDate::from_ymd_opt(y, month as u32, day as u32)
        }
        _ => None,
    }
}

/// A year said in words: "nineteen ninety-six", "two thousand one".
fn spoken_year(s: &str) -> Option<i32> {
    let words: Vec<String> = s
        .to_ascii_lowercase()
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty() && *w != "and")
        .map(str::to_string)
        .collect();
    let small = |w: &str| -> Option<i32> {
        number_of(w)
            .map(|n| n as i32)
            .filter(|n| (1..=90).contains(n))
    };
    match words.as_slice() {
        [a, b] if a == "two" && b == "thousand" => Some(2000),
        [a, b, c] if a == "two" && b == "thousand" => small(c).map(|n| 2000 + n),
        [a, b] if a == "nineteen" && b == "hundred" => Some(1900),
        [a, b] if a == "nineteen" => small(b).map(|n| 1900 + n),
        [a, b, c] if a == "nineteen" => Some(1900 + small(b)? + small(c)?),
        _ => None,
    }
}

fn ordinal_word(s: &str) -> Option<i32> {
    const W: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if s == "twenty-first" {
        return Some(21);
    }
    W.iter().position(|w| *w == s).map(|i| i as i32 + 1)
}

/// Value, first day and precision of one expression.
fn normalise(kind: &Kind, published: Option<NaiveDate>, tense: Tense) -> Norm {
    let none: Norm = (None, None, None);
    match kind {
        Kind::Date {
            y: Some(y), m, d, ..
        } => match NaiveDate::from_ymd_opt(*y, *m, *d) {
            Some(dt) => day_value(dt, &None),
            None => none,
        },
        Kind::Date { y: None, m, d, wd } => {
            let Some(p) = published else { return none };
            // A weekday named with the date picks the year where they agree.
            if let Some(wd) = wd {
                for y in [p.year(), p.year() - 1, p.year() + 1] {
                    if let Some(dt) = NaiveDate::from_ymd_opt(y, *m, *d) {
                        if dt.weekday() == *wd {
                            return day_value(dt, &None);
                        }
                    }
                }
            }
            let y = year_for(p, *m, *d, tense);
            match NaiveDate::from_ymd_opt(y, *m, *d) {
                Some(dt) => day_value(dt, &None),
                None => none,
            }
        }
        Kind::MonthYear { y, m } => month_value(*y, *m),
        Kind::Month { m, modifier } => {
            let Some(p) = published else { return none };
            let y = match modifier.as_deref() {
                Some("last") => {
                    if *m >= p.month() {
                        p.year() - 1
                    } else {
                        p.year()
                    }
                }
                Some("next") => {
                    if *m <= p.month() {
                        p.year() + 1
                    } else {
                        p.year()
                    }
                }
                Some("this") => p.year(),
                // month granularity: the published month itself is never last or next year's
                _ => year_for(p, *m, if *m == p.month() { p.day() } else { 1 }, tense),
            };
            month_value(y, *m)
        }
        Kind::Year(y) => year_value(*y),
        Kind::Decade(d) => (
            Some(format!("{d:03}")),
            NaiveDate::from_ymd_opt(d * 10, 1, 1),
            None,
        ),
        Kind::Weekday {
            wd,
            modifier,
            pod,
            dom,
        } => {
            let Some(p) = published else { return none };
            if let Some(dom) = dom {
                // the day within two weeks of the published date with this weekday and day of month
                let mut best: Option<NaiveDate> = None;
                for off in -16i64..=16 {
                    let dt = p + Duration::days(off);
                    if dt.weekday() == *wd
                        && dt.day() == *dom
                        && best.is_none_or(|b| (b - p).num_days().abs() > off.abs())
                    {
                        best = Some(dt);
                    }
                }
                if let Some(b) = best {
                    return day_value(b, pod);
                }
            }
            let back = |strict: bool| {
                let mut dt = if strict { p - Duration::days(1) } else { p };
                while dt.weekday() != *wd {
                    dt -= Duration::days(1);
                }
                dt
            };
            let fwd = |strict: bool| {
                let mut dt = if strict { p + Duration::days(1) } else { p };
                while dt.weekday() != *wd {
                    dt += Duration::days(1);
                }
                dt
            };
            let dt = match modifier.as_deref() {
                Some("last") | Some("past") | Some("previous") => back(true),
                Some("next") | Some("coming") | Some("following") => fwd(true),
                _ => match tense {
                    Tense::Future => fwd(false),
                    _ => back(false),
                },
            };
            day_value(dt, pod)
        }
        Kind::RelDay { offset, pod } => match published {
            Some(p) => day_value(p + Duration::days(*offset), pod),
            None => none,
        },
        Kind::RelUnit { unit, offset } => {
            let Some(p) = published else { return none };
            match unit {
                Unit::Week | Unit::Weekend => {
                    let d = p + Duration::weeks(*offset as i64);
                    let v = iso_week(d);
                    let v = if *unit == Unit::Weekend {
                        format!("{v}-WE")
                    } else {
                        v
                    };
                    (Some(v), None, None)
                }
                Unit::Month => {
                    let (y, m) = add_months(p.year(), p.month(), *offset);
                    month_value(y, m)
                }
                Unit::Year => year_value(p.year() + offset),
                Unit::Quarter => {
                    let q = (p.month() - 1) / 3 + 1;
                    let idx = p.year() * 4 + (q as i32 - 1) + offset;
                    (
                        Some(format!(
                            "{:04}-Q{}",
                            idx.div_euclid(4),
                            idx.rem_euclid(4) + 1
                        )),
                        None,
                        None,
                    )
                }
                Unit::Decade => (Some(format!("{:03}", p.year() / 10 + offset)), None, None),
                Unit::Century => (Some(format!("{:02}", p.year() / 100 + offset)), None, None),
                _ => none,
            }
        }
        Kind::Ago { n, unit } => {
            let Some(p) = published else { return none };
            let Some(n) = n else {
                return (Some("PAST_REF".into()), None, None);
            };
            let n = *n as i64;
            // a count too large for a date ("100000000 days ago") is only a past reference
            let past_ref = || (Some("PAST_REF".into()), None, None);
            let back = |k: i32| {
                i32::try_from(n)
                    .ok()
                    .and_then(|n| n.checked_mul(k))
                    .and_then(|d| p.year().checked_sub(d))
            };
            match unit {
                Unit::Day => Duration::try_days(n)
                    .and_then(|d| p.checked_sub_signed(d))
                    .map_or_else(past_ref, |d| day_value(d, &None)),
                Unit::Week => Duration::try_weeks(n)
                    .and_then(|d| p.checked_sub_signed(d))
                    .map_or_else(past_ref, |d| (Some(iso_week(d)), None, None)),
                Unit::Month => {
                    let idx = (i64::from(p.year()) * 12 + i64::from(p.month0())).checked_sub(n);
                    let ym = idx.and_then(|i| {
                        let y = i32::try_from(i.div_euclid(12)).ok()?;
                        Some((y, i.rem_euclid(12) as u32 + 1))
                    });
                    ym.map_or_else(past_ref, |(y, m)| month_value(y, m))
                }
                Unit::Year => back(1).map_or_else(past_ref, year_value),
                Unit::Decade => back(10).map_or_else(past_ref, year_value),
                Unit::Century => back(100).map_or_else(past_ref, year_value),
                _ => none,
            }
        }
        Kind::Duration { n, unit } => (Some(duration_value(*n, *unit)), None, None),
        Kind::DayOfMonth(d) => {
            let Some(p) = published else { return none };
            let candidates = [
                add_months(p.year(), p.month(), -1),
                (p.year(), p.month()),
                add_months(p.year(), p.month(), 1),
            ];
            let pick = match tense {
                Tense::Future => candidates
                    .iter()
                    .filter_map(|(y, m)| NaiveDate::from_ymd_opt(*y, *m, *d))
                    .find(|dt| *dt >= p),
                _ => candidates
                    .iter()
                    .rev()
                    .filter_map(|(y, m)| NaiveDate::from_ymd_opt(*y, *m, *d))
                    .find(|dt| *dt <= p),
            };
            match pick {
                Some(dt) => day_value(dt, &None),
                None => none,
            }
        }
        Kind::Time { h, m, z } => match published {
            Some(p) => (
                Some(format!(
                    "{}T{h:02}:{m:02}{}",
                    ymd(p),
                    if *z { "Z" } else { "" }
                )),
                Some(p),
                Some(DatePrecision::Day),
            ),
            None => none,
        },
        Kind::Quarter { q, y } => match y.or(published.map(|p| {
            // a quarter without a year is this year's, except a later quarter looked back on
            // ("the fourth quarter" in a January report is last year's)
            let cur = (p.month() - 1) / 3 + 1;
            if *q > cur && tense != Tense::Future {
                p.year() - 1
            } else {
                p.year()
            }
        })) {
            Some(y) => (
                Some(format!("{y:04}-Q{q}")),
                NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
                None,
            ),
            None => none,
        },
        Kind::Season { s, modifier, y } => {
            let y = match (y, published) {
                (Some(y), _) => *y,
                (None, Some(p)) => match modifier.as_deref() {
                    Some("last") | Some("past") => p.year() - 1,
                    Some("next") | Some("coming") => p.year() + 1,
                    // "the summer": this year's, or last year's when it has not come yet and the text
                    // looks back
                    Some(m) if m.starts_with("the") => {
                        let start = match *s {
                            "SP" => 3,
                            "SU" => 6,
                            "FA" => 9,
                            _ => 12,
                        };
                        if tense == Tense::Past && start > p.month() {
                            p.year() - 1
                        } else {
                            p.year()
                        }
                    }
                    _ => p.year(),
                },
                (None, None) => return none,
            };
            (Some(format!("{y:04}-{s}")), None, None)
        }
        Kind::Ref(v) => (Some((*v).to_string()), None, None),
        Kind::Set(v) => (Some(v.clone()), None, None),
        Kind::QuarterRel(off) => {
            let Some(p) = published else { return none };
            let idx = p.year() * 4 + ((p.month() - 1) / 3) as i32 + off;
            let (y, q) = (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1);
            (
                Some(format!("{y:04}-Q{q}")),
                NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
                None,
            )
        }
        Kind::TheWeekend => {
            let Some(p) = published else { return none };
            let wd = p.weekday().num_days_from_monday() as i64;
            // past tense on a weekday: the weekend just gone; otherwise this week's
            let d = if tense == Tense::Past && wd < 5 {
                p - Duration::days(wd + 1)
            } else {
                p
            };
            (Some(format!("{}-WE", iso_week(d))), None, None)
        }
        Kind::DateTime { day, h, m, z } => {
            let (v, d, _) = normalise(day, published, tense);
            match (v, d) {
                (Some(v), Some(d)) if v.len() == 10 => (
                    Some(format!("{v}T{h:02}:{m:02}{}", if *z { "Z" } else { "" })),
                    Some(d),
                    Some(DatePrecision::Day),
                ),
                _ => none,
            }
        }
        Kind::MonthRelYear { m, offset } => match published {
            Some(p) => month_value(p.year() + offset, *m),
            None => none,
        },
        Kind::Century(c) => (
            Some(format!("{c:02}")),
            NaiveDate::from_ymd_opt(c * 100, 1, 1),
            None,
        ),
        Kind::Holiday { name, modifier } => {
            let Some(p) = published else { return none };
            let on = |y: i32| holiday_date(name, y);
            let cands: Vec<NaiveDate> = [p.year() - 1, p.year(), p.year() + 1]
                .iter()
                .filter_map(|&y| on(y))
                .collect();
            let last = cands.iter().rev().find(|d| **d < p).copied();
            let next = cands.iter().find(|d| **d >= p).copied();
            let pick = match (modifier.as_deref(), tense) {
                (Some("last"), _) => last,
                (Some("next"), _) => next,
                (Some("this"), _) => on(p.year()),
                (_, Tense::Future) => next,
                (_, Tense::Past) => cands.iter().rev().find(|d| **d <= p).copied(),
                _ => on(p.year()),
            };
            match pick {
                Some(d) => day_value(d, &None),
                None => none,
            }
        }
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
