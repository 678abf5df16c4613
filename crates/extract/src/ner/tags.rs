//! The BILOU tag set of the tagger: tag ids, which transitions are valid, and conversions between
//! entity spans and tag sequences.

use model::EntityLabel;
use std::ops::Range;

/// Number of tags: `O` plus B/I/L/U for each of the four labels.
pub const NTAGS: usize = 17;
/// The outside tag.
pub const O: usize = 0;

/// Position of a token inside an entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Begin = 0,
    Inside = 1,
    Last = 2,
    Unit = 3,
}

fn label_index(l: EntityLabel) -> usize {
    match l {
        EntityLabel::Per => 0,
        EntityLabel::Org => 1,
        EntityLabel::Loc => 2,
        EntityLabel::Misc => 3,
    }
}

/// The tag id of `part` of an entity of type `label`.
pub fn tag(label: EntityLabel, part: Part) -> usize {
    1 + label_index(label) * 4 + part as usize
}

/// Label and part of a tag (`None` for `O`).
pub fn decode(tag: usize) -> Option<(EntityLabel, Part)> {
    if tag == O || tag >= NTAGS {
        return None;
    }
    let l = EntityLabel::ALL[(tag - 1) / 4];
    let p = match (tag - 1) % 4 {
        0 => Part::Begin,
        1 => Part::Inside,
        2 => Part::Last,
        _ => Part::Unit,
    };
    Some((l, p))
}

/// Readable name of a tag (`B-PER`, `O`).
pub fn name(tag: usize) -> String {
    match decode(tag) {
        None => "O".into(),
        Some((l, p)) => format!("{}-{}", ["B", "I", "L", "U"][p as usize], l.as_str()),
    }
}

/// True when a tag may start a sentence.
pub fn can_start(tag: usize) -> bool {
    !matches!(decode(tag), Some((_, Part::Inside | Part::Last)))
}

/// True when a tag may end a sentence.
pub fn can_end(tag: usize) -> bool {
    !matches!(decode(tag), Some((_, Part::Begin | Part::Inside)))
}

/// True when `cur` may follow `prev`.
pub fn allowed(prev: usize, cur: usize) -> bool {
    match decode(prev) {
        Some((l, Part::Begin | Part::Inside)) => {
            matches!(decode(cur), Some((l2, Part::Inside | Part::Last)) if l2 == l)
        }
        _ => can_start(cur),
    }
}

/// BILOU tags of `n` tokens holding the given (token range, label) entities.
pub fn from_spans(n: usize, spans: &[(Range<usize>, EntityLabel)]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for (r, l) in spans {
        if r.len() == 1 {
            tags[r.start] = tag(*l, Part::Unit);
        } else if r.len() > 1 {
            tags[r.start] = tag(*l, Part::Begin);
            for t in &mut tags[r.start + 1..r.end - 1] {
                *t = tag(*l, Part::Inside);
            }
            tags[r.end - 1] = tag(*l, Part::Last);
        }
    }
    tags
}

/// Entity spans of a (valid) BILOU tag sequence.
pub fn to_spans(tags: &[usize]) -> Vec<(Range<usize>, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match decode(t) {
            None => open = None,
            Some((l, Part::Unit)) => {
                open = None;
                out.push((i..i + 1, l));
            }
            Some((l, Part::Begin)) => open = Some((i, l)),
            Some((l, Part::Inside)) => {
                if !matches!(open, Some((_, ol)) if ol == l) {
                    open = Some((i, l));
                }
            }
            Some((l, Part::Last)) => {
                let start = match open {
                    Some((s, ol)) if ol == l => s,
                    _ => i,
                };
                out.push((start..i + 1, l));
                open = None;
            }
        }
    }
    out
}

/// Entity chunks of IOB1 or IOB2 tags (`I-PER`, `B-LOC`, `O`), as conlleval reads them.
pub fn iob_chunks(tags: &[&str]) -> Vec<(Range<usize>, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, label) = match t.split_once('-') {
            Some((p, l)) => (p, EntityLabel::parse(l)),
            None => ("O", None),
        };
        let continues =
            prefix == "I" && matches!((open, label), (Some((_, ol)), Some(l)) if ol == l);
        if !continues {
            if let Some((s, l)) = open.take() {
                out.push((s..i, l));
            }
            if let Some(l) = label {
                open = Some((i, l));
            }
        }
    }
    if let Some((s, l)) = open {
        out.push((s..tags.len(), l));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip() {
        let spans = vec![
            (0..2, EntityLabel::Per),
            (3..4, EntityLabel::Loc),
            (4..7, EntityLabel::Org),
        ];
        let tags = from_spans(8, &spans);
        assert_eq!(to_spans(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]), "{} -> {}", name(w[0]), name(w[1]));
        }
    }

    #[test]
    fn iob1_and_iob2_chunks() {
        let iob1 = ["I-PER", "I-PER", "B-PER", "O", "I-LOC", "I-ORG"];
        let iob2 = ["B-PER", "I-PER", "B-PER", "O", "B-LOC", "B-ORG"];
        let want = vec![
            (0..2, EntityLabel::Per),
            (2..3, EntityLabel::Per),
            (4..5, EntityLabel::Loc),
            (5..6, EntityLabel::Org),
        ];
        assert_eq!(iob_chunks(&iob1), want);
        assert_eq!(iob_chunks(&iob2), want);
    }

    #[test]
    fn invalid_transitions() {
        let b = tag(EntityLabel::Per, Part::Begin);
        assert!(!allowed(b, O));
        assert!(!allowed(b, tag(EntityLabel::Org, Part::Last)));
        assert!(!can_start(tag(EntityLabel::Per, Part::Inside)));
        assert!(!can_end(b));
    }
}
