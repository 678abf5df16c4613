//! Numbers for people: `1.2 s`, `3 min 4 s`, `18,174/s`, `1 file` / `2 files`, `12,345`.

use std::time::Duration;

/// A duration at a precision a reader uses: `250 ms`, `1.2 s`, `42 s`, `3 min 4 s`, `2 h 5 min`.
pub fn duration(d: Duration) -> String {
    let ms = d.as_millis();
    if ms < 1_000 {
        return format!("{ms} ms");
    }
    let secs = d.as_secs_f64();
    if secs < 10.0 {
        // One decimal, but never `10.0 s` from rounding.
        let tenths = (secs * 10.0).round() as u64;
        if tenths < 100 {
            return format!("{}.{} s", tenths / 10, tenths % 10);
        }
    }
    let s = secs.round() as u64;
    if s < 60 {
        return format!("{s} s");
    }
    if s < 3_600 {
        return match s % 60 {
            0 => format!("{} min", s / 60),
            r => format!("{} min {r} s", s / 60),
        };
    }
    let m = s / 60;
    match m % 60 {
        0 => format!("{} h", m / 60),
        r => format!("{} h {r} min", m / 60),
    }
}

/// A duration given in seconds (a negative one, a clock skew, is shown as zero).
pub fn seconds(s: f64) -> String {
    duration(Duration::from_secs_f64(if s.is_finite() {
        s.max(0.0)
    } else {
        0.0
    }))
}

/// An integer with thousands separators: `18,174`.
pub fn int(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A count with its noun, singular for one: `1 file`, `2 files`, `12,345 files`. `noun` is the
/// singular; the plural adds an `s` (`failure`, `article`, `file`, `batch` -> `batches`).
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else if noun.ends_with("ch") || noun.ends_with('s') || noun.ends_with('x') {
        format!("{} {noun}es", int(n))
    } else {
        format!("{} {noun}s", int(n))
    }
}

/// A rate per second, whole above 10 (`18,174/s`), one decimal below (`2.5/s`).
pub fn rate(per_sec: f64) -> String {
    if !per_sec.is_finite() || per_sec <= 0.0 {
        return "0/s".into();
    }
    if per_sec < 10.0 {
        format!("{per_sec:.1}/s")
    } else {
        format!("{}/s", int(per_sec.round() as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_people_say_them() {
        let d = |ms: u64| duration(Duration::from_millis(ms));
        assert_eq!(d(0), "0 ms");
        assert_eq!(d(250), "250 ms");
        assert_eq!(d(1_234), "1.2 s");
        assert_eq!(d(9_960), "10 s");
        assert_eq!(d(42_400), "42 s");
        assert_eq!(d(60_000), "1 min");
        assert_eq!(d(184_000), "3 min 4 s");
        assert_eq!(d(7_500_000), "2 h 5 min");
        assert_eq!(duration(Duration::from_nanos(1_234_567_891)), "1.2 s");
        assert_eq!(seconds(-3.0), "0 ms");
    }

    #[test]
    fn counts_and_rates() {
        assert_eq!(int(0), "0");
        assert_eq!(int(999), "999");
        assert_eq!(int(18_174), "18,174");
        assert_eq!(int(1_234_567), "1,234,567");
        assert_eq!(count(1, "file"), "1 file");
        assert_eq!(count(0, "file"), "0 files");
        assert_eq!(count(2_000, "failure"), "2,000 failures");
        assert_eq!(count(3, "batch"), "3 batches");
        assert_eq!(rate(18_174.132_4), "18,174/s");
        assert_eq!(rate(2.54), "2.5/s");
        assert_eq!(rate(0.0), "0/s");
    }
}
