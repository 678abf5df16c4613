//! Finding spans: every rule run over the text, the extents widened by their modifiers, overlaps
//! resolved (longest first) and adjacent expressions merged (a clock time and its day, a month and
//! its relative year).

use super::rules::{MODIFIERS, NOT_YEAR, RULES};
use super::words::*;
use super::{full_date, Cand, Kind};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Every candidate of every rule, overlaps resolved (longest first), in text order.
pub(super) fn find(text: &str) -> Vec<Cand> {
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
