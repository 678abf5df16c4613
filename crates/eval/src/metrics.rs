//! The small arithmetic every scorer shares: a ratio that is 0 over 0, and F1 from precision and
//! recall.

/// `a / b`, 0 when `b` is 0.
pub fn ratio(a: f64, b: f64) -> f64 {
    if b == 0.0 {
        0.0
    } else {
        a / b
    }
}

/// `a / b` of counts, 0 when `b` is 0.
pub fn ratio_of(a: usize, b: usize) -> f64 {
    ratio(a as f64, b as f64)
}

/// The harmonic mean of precision and recall, 0 when both are 0.
pub fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}
