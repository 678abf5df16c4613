//! The matchers of relative and period expressions, one per rule of `rules::RULES`: relative days
//! and units, `N units ago`, durations and vague stretches, clock times, quarters, seasons,
//! reference words, recurring times and anaphors (`the quarter`, `the year`). Each pushes its
//! candidates (span and `Kind`) for `spans::candidates`.

use super::rules::RULES;
use super::spans::push;
use super::words::*;
use super::{Cand, Kind};
use regex::{Captures, Match};

/// Days relative to the published one: `yesterday`, `tonight`, `this morning`, `the day after
/// tomorrow` (not `USA Today`).
pub(super) fn relative_days(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, w.start(), w.end(), Kind::RelDay { offset, pod });
    }
}

/// A unit relative to the published date: `last week`, `the coming year`, `this quarter`; `the past
/// decade` is a span (`P10Y`).
pub(super) fn relative_units(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
                out,
                w.start(),
                w.end(),
                Kind::Duration { n: Some(1.0), unit },
            );
            continue;
        }
        push(out, w.start(), w.end(), Kind::RelUnit { unit, offset });
    }
}

/// `year-end`, `year's end`: the current year.
pub(super) fn year_ends(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for m in r.year_end.find_iter(text) {
        push(
            out,
            m.start(),
            m.end(),
            Kind::RelUnit {
                unit: Unit::Year,
                offset: 0,
            },
        );
    }
}

/// `two years ago`, `almost four years earlier`, `a few days ago`.
pub(super) fn agos(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.ago.captures_iter(text) {
        let w = c.get(0).unwrap();
        let Some(unit) = unit_of(&c["unit"]) else {
            continue;
        };
        push(
            out,
            w.start(),
            w.end(),
            Kind::Ago {
                n: number_of(&c["n"]),
                unit,
            },
        );
    }
}

/// Durations: `five hours`, `nearly five months`, `2 1/2 years`, `the 14-day waiting period` (->
/// `14-day`); not ages (`a 6-year-old`), fractions (`three-quarters`) or ordinals (`a second term`).
pub(super) fn durations(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, start, w.end(), Kind::Duration { n, unit });
    }
}

/// Unquantified spans: `for years` (-> `years`), `over the past months` (a past reference).
pub(super) fn for_units(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
            push(out, start, whole.end(), Kind::Ref("PAST_REF"));
        } else {
            push(out, start, whole.end(), Kind::Duration { n: None, unit });
        }
    }
}

/// Vague stretches of time: `recent years`, `the coming weeks`, `the days ahead`, `decades-long`
/// (`day-long` is one day).
pub(super) fn vague_units(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
                out,
                w.start(),
                w.end(),
                Kind::Duration { n: Some(1.0), unit },
            );
            continue;
        }
        // "in recent years" and "recent years": the preposition stays out
        push(out, w.start(), w.end(), Kind::Duration { n: None, unit });
    }
}

/// Clock times: `9 a.m.`, `14:30 GMT`, `10:15 p.m. local time`.
pub(super) fn clock_times(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, w.start(), w.end(), Kind::Time { h, m: mi, z });
    }
}

/// Quarters: `the third quarter`, `the 4th quarter of 2021`.
pub(super) fn quarters(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.quarter.captures_iter(text) {
        let w = c.get(0).unwrap();
        let q = match c["q"].to_ascii_lowercase().as_str() {
            "first" | "1st" => 1,
            "second" | "2nd" => 2,
            "third" | "3rd" => 3,
            _ => 4,
        };
        let y = c.name("y").and_then(|y| y.as_str().parse().ok());
        push(out, w.start(), w.end(), Kind::Quarter { q, y });
    }
}

/// Seasons with a modifier or a year: `last summer`, `the spring of 2020` (not `summer` alone).
pub(super) fn seasons(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, w.start(), w.end(), Kind::Season { s, modifier, y });
    }
}

/// Reference words: `now`, `currently`, `the near future`, `soon`, `recently`, `the past` (not the
/// `soon` of `as soon as Tuesday`).
pub(super) fn references(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, m.start(), m.end(), Kind::Ref(v));
    }
}

/// Recurring units: `every week`, `daily`, `annually` (not `the Communist Party daily`, `average
/// daily volume`, `8.5% annually`).
pub(super) fn recurring_units(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, w.start(), w.end(), Kind::Set(v));
    }
}

/// Recurring days and months: `every Monday`, `on Sundays` (-> `Sundays`), `each January`.
pub(super) fn recurring_days(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.set.captures_iter(if key_word_seen { text } else { "" }) {
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
        push(out, start, w.end(), Kind::Set(v));
    }
}

/// Anaphoric periods: `the quarter`, `the latest period`, `the year-ago quarter`, `the year`, `the
/// weekend` (see `anaphor_kind`).
pub(super) fn anaphors(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.anaphor.captures_iter(text) {
        let w = c.get(0).unwrap();
        if let Some(kind) = anaphor_kind(text, &c, w) {
            push(out, w.start(), w.end(), kind);
        }
    }
}

/// What one anaphor match denotes: `the quarter` the latest reporting quarter, `the previous
/// month` last month, `the weekend` the last or coming one, `for the year` a year (`P1Y`); `None`
/// for names (`Player of the Year`), `the period` alone, `that month`, `the week of`, `the year
/// before`.
fn anaphor_kind(text: &str, c: &Captures, w: Match) -> Option<Kind> {
    let det = c["det"].to_ascii_lowercase();
    let mods = c["mods"].to_ascii_lowercase();
    // "Player of the Year", "Fashion Week" are names
    if c["unit"].chars().any(|ch| ch.is_uppercase()) {
        return None;
    }
    let unit = c["unit"].to_ascii_lowercase();
    let tail = &text[w.end()..];
    if tail.starts_with('-') || tail.starts_with("'s") {
        return None;
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
                return None;
            }
            if det == "that" && mods.is_empty() && unit == "period" {
                return None;
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
                return None;
            }
            Kind::RelUnit {
                unit: Unit::Month,
                offset: if prev { -1 } else { 0 },
            }
        }
        "week" | "weekend" => {
            if det == "that" || matches!(nw.as_str(), "of" | "before" | "after" | "earlier") {
                return None;
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
                return None;
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
    Some(kind)
}

/// `year-earlier`, `year-ago`: last year.
pub(super) fn year_adjectives(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for m in r.year_adj.find_iter(if key_word_seen { text } else { "" }) {
        push(
            out,
            m.start(),
            m.end(),
            Kind::RelUnit {
                unit: Unit::Year,
                offset: -1,
            },
        );
    }
}

/// `noon`, `midnight`, `midday` as clock times (not `High Noon`).
pub(super) fn clock_words(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r
        .clock_word
        .captures_iter(if key_word_seen { text } else { "" })
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
        push(out, w.start(), w.end(), Kind::Time { h, m: 0, z: false });
    }
}
