//! Normalisation: the TIMEX3 value, first day and precision of one recognised expression, anchored
//! on the published date and the tense around it.

use super::dates::{
    add_months, day_value, duration_value, holiday_date, iso_week, month_value, year_for,
    year_value, ymd, Norm,
};
use super::words::Unit;
use super::{Kind, Tense};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use model::DatePrecision;

/// Value, first day and precision of one expression.
pub(super) fn normalise(kind: &Kind, published: Option<NaiveDate>, tense: Tense) -> Norm {
    let none: Norm = (None, None, None);
    match kind {
        Kind::Date {
            y: Some(y), m, d, ..
        } => match NaiveDate::from_ymd_opt(*y, *m, *d) {
            Some(dt) => day_value(dt, &None),
            None => none,
        },
        Kind::Date { y: None, m, d, wd } => date_without_year(published, tense, m, d, wd),
        Kind::MonthYear { y, m } => month_value(*y, *m),
        Kind::Month { m, modifier } => month_without_year(published, tense, m, modifier),
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
        } => weekday_date(published, tense, wd, modifier, pod, dom),
        Kind::RelDay { offset, pod } => match published {
            Some(p) => day_value(p + Duration::days(*offset), pod),
            None => none,
        },
        Kind::RelUnit { unit, offset } => relative_unit(published, unit, offset),
        Kind::Ago { n, unit } => ago(published, n, unit),
        Kind::Duration { n, unit } => (Some(duration_value(*n, *unit)), None, None),
        Kind::DayOfMonth(d) => day_of_month(published, tense, d),
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
        Kind::Quarter { q, y } => quarter(published, tense, q, y),
        Kind::Season { s, modifier, y } => season(published, tense, s, modifier, y),
        Kind::Ref(v) => (Some((*v).to_string()), None, None),
        Kind::Set(v) => (Some(v.clone()), None, None),
        Kind::QuarterRel(off) => quarter_rel(published, off),
        Kind::TheWeekend => the_weekend(published, tense),
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
        Kind::Holiday { name, modifier } => holiday(published, tense, name, modifier),
    }
}

/// A day without a year (`January 13`, `Wednesday, January 12`): the year where a named weekday
/// agrees, else the one `year_for` picks from the published date and the tense.
fn date_without_year(
    published: Option<NaiveDate>,
    tense: Tense,
    m: &u32,
    d: &u32,
    wd: &Option<Weekday>,
) -> Norm {
    let none: Norm = (None, None, None);
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

/// A month without a year (`in January`, `last March`, `next June`): `last`/`next` the one
/// before/after the published month, `this` the published year, else the one `year_for` picks.
fn month_without_year(
    published: Option<NaiveDate>,
    tense: Tense,
    m: &u32,
    modifier: &Option<String>,
) -> Norm {
    let none: Norm = (None, None, None);
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

/// A weekday (`Wednesday`, `last Friday night`, `Monday, 10`): with a day of the month, that day
/// within about two weeks of the published date; else the last or next such weekday, by modifier
/// or tense.
fn weekday_date(
    published: Option<NaiveDate>,
    tense: Tense,
    wd: &Weekday,
    modifier: &Option<String>,
    pod: &Option<String>,
    dom: &Option<u32>,
) -> Norm {
    let none: Norm = (None, None, None);
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

/// A unit relative to the published date (`last week`, `this weekend`, `next month`, `last year`,
/// `the current quarter`): its ISO week, month, year, quarter, decade or century.
fn relative_unit(published: Option<NaiveDate>, unit: &Unit, offset: &i32) -> Norm {
    let none: Norm = (None, None, None);
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

/// `N units ago` (`three days ago`, `two years earlier`): the day, week, month or year that far
/// back; a vague count (`several years ago`) or one too large for a date is a past reference.
fn ago(published: Option<NaiveDate>, n: &Option<f64>, unit: &Unit) -> Norm {
    let none: Norm = (None, None, None);
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

/// `the 12th`: that day in the previous, current or next month, the latest on or before the
/// published date (in future tense the first on or after it).
fn day_of_month(published: Option<NaiveDate>, tense: Tense, d: &u32) -> Norm {
    let none: Norm = (None, None, None);
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

/// A quarter (`the third quarter`, `the fourth quarter of 1989`): without a year this year's, or
/// last year's when a later quarter is looked back on.
fn quarter(published: Option<NaiveDate>, tense: Tense, q: &u32, y: &Option<i32>) -> Norm {
    let none: Norm = (None, None, None);
    match y.or(published.map(|p| {
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
    }
}

/// A season (`last summer`, `the spring`, `winter 2019`): its value (`2019-WI`), the year taken
/// from the text, the modifier, or (for `the summer`) the tense.
fn season(
    published: Option<NaiveDate>,
    tense: Tense,
    s: &&'static str,
    modifier: &Option<String>,
    y: &Option<i32>,
) -> Norm {
    let none: Norm = (None, None, None);
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

/// `the quarter`, `the previous quarter`, `the year-ago quarter`: the quarter `off` quarters from
/// the published one.
fn quarter_rel(published: Option<NaiveDate>, off: &i32) -> Norm {
    let none: Norm = (None, None, None);
    let Some(p) = published else { return none };
    let idx = p.year() * 4 + ((p.month() - 1) / 3) as i32 + off;
    let (y, q) = (idx.div_euclid(4), idx.rem_euclid(4) as u32 + 1);
    (
        Some(format!("{y:04}-Q{q}")),
        NaiveDate::from_ymd_opt(y, (q - 1) * 3 + 1, 1),
        None,
    )
}

/// `the weekend`: in past tense on a weekday the one just gone, else this week's (`2022-W02-WE`).
fn the_weekend(published: Option<NaiveDate>, tense: Tense) -> Norm {
    let none: Norm = (None, None, None);
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

/// A holiday (`Christmas`, `last Thanksgiving`, `Easter`): its date in the year the modifier or the
/// tense picks (`this`, or no tense: the published year's).
fn holiday(
    published: Option<NaiveDate>,
    tense: Tense,
    name: &&'static str,
    modifier: &Option<String>,
) -> Norm {
    let none: Norm = (None, None, None);
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
