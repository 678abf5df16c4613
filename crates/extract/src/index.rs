//! Small lookup structures that keep the stages linear: "is this byte inside a quotation", "which
//! mention covers this token" answered by binary search or a table built once, instead of a scan of
//! every quotation or mention for every token, cue or trigger.

use model::{Span, Token};

/// A set of byte intervals (possibly overlapping) answering "does one of them contain X".
pub(crate) struct Intervals {
    /// Starts, sorted.
    starts: Vec<usize>,
    /// `max_end[k]`: the largest end among the first `k + 1` intervals by start.
    max_end: Vec<usize>,
}

impl Intervals {
    pub(crate) fn new(spans: impl IntoIterator<Item = Span>) -> Self {
        let mut v: Vec<(usize, usize)> = spans.into_iter().map(|s| (s.start, s.end)).collect();
        v.sort_unstable();
        let mut max_end = Vec::with_capacity(v.len());
        let mut m = 0;
        for &(_, e) in &v {
            m = m.max(e);
            max_end.push(m);
        }
        Intervals {
            starts: v.into_iter().map(|(s, _)| s).collect(),
            max_end,
        }
    }

    /// The largest end among the intervals starting at or before `b`.
    fn reach(&self, b: usize) -> Option<usize> {
        let k = self.starts.partition_point(|&s| s <= b);
        k.checked_sub(1).map(|k| self.max_end[k])
    }

    /// Is `b` in `[start, end)` of one of them?
    pub(crate) fn holds(&self, b: usize) -> bool {
        self.reach(b).is_some_and(|e| b < e)
    }

    /// Does one of them contain all of `s` (`start <= s.start && s.end <= end`)?
    pub(crate) fn contains(&self, s: &Span) -> bool {
        self.reach(s.start).is_some_and(|e| s.end <= e)
    }
}

/// For each token, the first of `spans` (in their order) that contains it, if any.
pub(crate) fn first_covering(
    tokens: &[Token],
    spans: impl IntoIterator<Item = Span>,
) -> Vec<Option<usize>> {
    let spans: Vec<Span> = spans.into_iter().collect();
    let mut out = vec![None; tokens.len()];
    // the last written wins: go from the last span to the first
    for (i, s) in spans.iter().enumerate().rev() {
        let mut k = tokens.partition_point(|t| t.span.start < s.start);
        while k < tokens.len() && tokens[k].span.end <= s.end {
            out[k] = Some(i);
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn intervals_answer_like_a_scan() {
        let spans = [
            Span::new(10, 20),
            Span::new(0, 5),
            Span::new(12, 40),
            Span::new(50, 51),
        ];
        let ix = Intervals::new(spans);
        for b in 0..60 {
            let scan = spans.iter().any(|s| s.start <= b && b < s.end);
            assert_eq!(ix.holds(b), scan, "{b}");
            for e in b..60 {
                let q = Span::new(b, e);
                let scan = spans.iter().any(|s| s.start <= q.start && q.end <= s.end);
                assert_eq!(ix.contains(&q), scan, "{b}..{e}");
            }
        }
    }
}
