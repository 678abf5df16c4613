//! The matchers of calendar expressions, one per rule of `rules::RULES`: dates (ISO, numeric, with
//! a month name), months, weekdays, years, decades, centuries, days of the month, spoken years and
//! holidays. Each pushes its candidates (span and `Kind`) for `spans::candidates`.

use super::rules::RULES;
use super::spans::{push, year_ok};
use super::words::*;
use super::{full_date, Cand, Kind};
use chrono::NaiveDate;

/// ISO dates: `2022-01-12`.
pub(super) fn iso_dates(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.iso.captures_iter(text) {
        let (y, m, d) = (
            c[1].parse().unwrap_or(0),
            c[2].parse().unwrap_or(0),
            c[3].parse().unwrap_or(0),
        );
        if NaiveDate::from_ymd_opt(y, m, d).is_some() {
            let w = c.get(0).unwrap();
            push(out, w.start(), w.end(), full_date(y, m, d));
        }
    }
}

/// Numeric dates, month first unless the first number cannot be a month: `7/8/07`, `03/21/2013`.
pub(super) fn slash_dates(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
            push(out, w.start(), w.end(), full_date(y, m, d));
        }
    }
}

/// Dates with a month name, month or day first: `January 12, 2022`, `Wednesday, January 12`,
/// `the 12th of January`; a range (`January 9 and 10`) gives one date per day.
pub(super) fn month_name_dates(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
                        push(out, s1, e1, Kind::Date { y, m, d: d1, wd });
                        push(
                            out,
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
                        push(out, s1, e1, Kind::Date { y, m, d: d1, wd });
                        push(
                            out,
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
                None => push(out, start, whole.end(), Kind::Date { y, m, d: d1, wd }),
            }
        }
    }
}

/// A month and its year: `January 2022`, `mid-March, 1990`.
pub(super) fn month_years(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.month_year.captures_iter(text) {
        let mon = c.name("mon").unwrap();
        if !capitalised(mon.as_str()) {
            continue;
        }
        let (Some(m), Ok(y)) = (month_of(mon.as_str()), c["y"].parse::<i32>()) else {
            continue;
        };
        let w = c.get(0).unwrap();
        push(out, w.start(), w.end(), Kind::MonthYear { y, m });
    }
}

/// A month after a preposition or modifier: `in January` (-> `January`), `last March`, `the end
/// of January`.
pub(super) fn bare_months(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, start, end, Kind::Month { m, modifier });
    }
}

/// Weekdays: `Wednesday`, `last Friday night`, `Monday, 10` (not `Monday, 10,000 troops`).
pub(super) fn weekdays(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
            out,
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
}

/// Decades in words: `the eighties`, `the late sixties`.
pub(super) fn decade_words(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r
        .decade_word
        .captures_iter(if key_word_seen { text } else { "" })
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
        push(out, w.start(), w.end(), Kind::Decade(d));
    }
}

/// Four-digit years that pass `year_ok`: `in 2014`, `since 2016` (not `2000 troops`).
pub(super) fn years(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.year.captures_iter(text) {
        let m = c.name("y").unwrap();
        let y: i32 = m.as_str().parse().unwrap_or(0);
        if year_ok(text, m.start(), m.end(), y) {
            push(out, m.start(), m.end(), Kind::Year(y));
        }
    }
}

/// Decades in digits: `the 1990s`, `the early 1980's`.
pub(super) fn decades(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r.decade.captures_iter(text) {
        let w = c.get(0).unwrap();
        let y: i32 = c["y"].parse().unwrap_or(0);
        push(out, w.start(), w.end(), Kind::Decade(y / 10));
    }
}

/// A day of the month alone: `on the 12th` (-> `the 12th`; not `on the 5th floor`).
pub(super) fn days_of_month(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
            push(out, s.start(), s.end(), Kind::DayOfMonth(d));
        }
    }
}

/// A capitalised month name alone: `January` (not `the March for Life`, `June Carter`).
pub(super) fn months_alone(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
            out,
            mon.start(),
            mon.end(),
            Kind::Month { m, modifier: None },
        );
    }
}

/// Years in words: `nineteen ninety-six`, `the year two thousand`, `May nineteen eighty` (not
/// `two thousand troops`).
pub(super) fn spoken_years(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r
        .spoken_year
        .captures_iter(if key_word_seen { text } else { "" })
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
        push(out, start, sp.end(), kind);
    }
}

/// Holidays: `Christmas`, `last Thanksgiving`, `New Year's Eve` (not `Christmas Island`).
pub(super) fn holidays(text: &str, out: &mut Vec<Cand>) {
    let r = &*RULES;
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
        push(out, start, w.end(), Kind::Holiday { name, modifier });
    }
}

/// Centuries: `the 20th century`, `the twenty-first century`.
pub(super) fn centuries(text: &str, key_word_seen: bool, out: &mut Vec<Cand>) {
    let r = &*RULES;
    for c in r
        .century
        .captures_iter(if key_word_seen { text } else { "" })
    {
        let w = c.get(0).unwrap();
        let n = c["n"].to_ascii_lowercase();
        let num: Option<i32> = n
            .trim_end_matches(|ch: char| ch.is_ascii_alphabetic())
            .parse()
            .ok()
            .or_else(|| ordinal_word(&n));
        if let Some(num) = num.filter(|n| (1..=30).contains(n)) {
            push(out, w.start(), w.end(), Kind::Century(num - 1));
        }
    }
}
