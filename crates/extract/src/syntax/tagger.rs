//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! [`super::features::tag_features`], predicting the UPOS and Penn (XPOS) tag as one class, with a
//! dictionary of frequent words whose tag never varied in training (tagged without scoring).
//!
//! Two passes: the second tags left to right again, seeing also the first pass's tags of the two
//! words to the right ([`super::features::right_features`]), which a left-to-right tagger cannot
//! know (`that` before a verb or a noun, `back` before a noun or a particle).

use super::features::{right_features, tag_features, TagWord, NONE};
use super::weights::Sparse;
use crate::ner::features::FastMap;

/// The trained tagger.
pub struct Tagger {
    pub weights: Sparse,
    /// The second pass (none: one pass).
    pub second: Option<Sparse>,
    /// `(UPOS, XPOS)` of each class.
    pub tags: Vec<(&'static str, &'static str)>,
    /// Exact-form hash -> class, for frequent unambiguous words.
    pub dict: FastMap<u64, u16>,
}

/// The value the features see for the tag of a previous word (`None` before the sentence).
#[inline]
pub fn prev_value(tag: Option<u16>) -> u64 {
    tag.map_or(NONE, |t| t as u64 + 1)
}

impl Tagger {
    /// The class of each word.
    pub fn tag(&self, ws: &[TagWord]) -> Vec<u16> {
        let first = self.pass(ws, &self.weights, None);
        match &self.second {
            Some(w) => self.pass(ws, w, Some(&first)),
            None => first,
        }
    }

    /// One left-to-right pass with `weights`; `right`: the first pass's tags, for the second.
    pub fn pass(&self, ws: &[TagWord], weights: &Sparse, right: Option<&[u16]>) -> Vec<u16> {
        let mut out: Vec<u16> = Vec::with_capacity(ws.len());
        let mut keys = Vec::with_capacity(48);
        let mut scores = vec![0f32; self.tags.len()];
        for i in 0..ws.len() {
            if let Some(&t) = self.dict.get(&ws[i].form) {
                out.push(t);
                continue;
            }
            context_features(ws, i, &out, right, &mut keys);
            scores.fill(0.0);
            weights.score(&keys, &mut scores);
            out.push(argmax(&scores) as u16);
        }
        out
    }
}

/// The features of word `i` given the tags chosen so far (`before`) and, in the second pass, the
/// first pass's tags (`right`).
pub fn context_features(
    ws: &[TagWord],
    i: usize,
    before: &[u16],
    right: Option<&[u16]>,
    keys: &mut Vec<u64>,
) {
    let p1 = prev_value(i.checked_sub(1).map(|j| before[j]));
    let p2 = prev_value(i.checked_sub(2).map(|j| before[j]));
    tag_features(ws, i, p1, p2, keys);
    if let Some(r) = right {
        let n1 = prev_value(r.get(i + 1).copied());
        let n2 = prev_value(r.get(i + 2).copied());
        right_features(ws, i, p1, n1, n2, keys);
    }
}

/// Index of the highest score (the lowest index among ties).
pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}
