//! Reading the words of a match: units, number words, month and weekday names, spoken years and
//! ordinals, and the small look-arounds (the word or character before/after a position) the rules
//! use to accept or reject a match.

use chrono::Weekday;

#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum Unit {
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

pub(super) fn unit_of(s: &str) -> Option<Unit> {
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
pub(super) fn number_of(s: &str) -> Option<f64> {
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

pub(super) fn month_of(s: &str) -> Option<u32> {
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

pub(super) fn weekday_of(s: &str) -> Option<Weekday> {
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
pub(super) fn is_calendar_name(s: &str) -> bool {
    let s = s.to_ascii_lowercase();
    model::WEEKDAY_NAMES.contains(&s.as_str()) || model::MONTH_NAMES.contains(&s.as_str())
}

pub(super) fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

/// The direction of an expression relative to the published date.
pub(super) fn following_digit(text: &str, pos: usize) -> bool {
    text[pos..]
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit())
}

pub(super) fn preceding_char(text: &str, pos: usize) -> Option<char> {
    text[..pos].chars().next_back()
}

pub(super) fn next_word(text: &str, pos: usize) -> &str {
    let rest = text[pos..].trim_start();
    let end = rest
        .find(|c: char| !c.is_alphanumeric())
        .unwrap_or(rest.len());
    &rest[..end]
}

pub(super) fn prev_word(text: &str, pos: usize) -> &str {
    let head = text[..pos].trim_end();
    let start = head
        .rfind(|c: char| !(c.is_alphanumeric() || c == '.'))
        .map(|i| i + head[i..].chars().next().map_or(1, |c| c.len_utf8()))
        .unwrap_or(0);
    &head[start..]
}

/// A year said in words: "nineteen ninety-six", "two thousand one".
pub(super) fn spoken_year(s: &str) -> Option<i32> {
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

pub(super) fn ordinal_word(s: &str) -> Option<i32> {
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
