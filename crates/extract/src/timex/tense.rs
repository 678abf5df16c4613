//! The context of an expression: the tense around it (from the cues of `super::rules::RULES`),
//! which decides the direction of a relative expression, and the sentence-ish windows before and
//! after it.

use super::rules::RULES;
use super::Tense;

/// Tense around an expression: the nearest tense cue within the sentence-ish window decides.
pub(super) fn tense_at(text: &str, start: usize, end: usize) -> Tense {
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
pub(super) fn window_start(text: &str, pos: usize, max: usize) -> usize {
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

pub(super) fn window_end(text: &str, pos: usize, max: usize) -> usize {
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
