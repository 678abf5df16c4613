//! The part-of-speech tagger: a greedy left-to-right averaged perceptron over
//! [`super::features::tag_features`], predicting the UPOS and Penn (XPOS) tag as one class, with a
//! dictionary of frequent words whose tag never varied in training (tagged without scoring).

use super::features::{tag_features, TagWord, NONE};
use super::weights::Sparse;
use crate::ner::features::FastMap;

/// The trained tagger.
pub struct Tagger {
    pub weights: Sparse,
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
        let mut out: Vec<u16> = Vec::with_capacity(ws.len());
        let mut keys = Vec::with_capacity(32);
        let mut scores = vec![0f32; self.tags.len()];
        for i in 0..ws.len() {
            if let Some(&t) = self.dict.get(&ws[i].form) {
                out.push(t);
                continue;
            }
            let p1 = prev_value(i.checked_sub(1).map(|j| out[j]));
            let p2 = prev_value(i.checked_sub(2).map(|j| out[j]));
            tag_features(ws, i, p1, p2, &mut keys);
            scores.fill(0.0);
            self.weights.score(&keys, &mut scores);
            out.push(argmax(&scores) as u16);
        }
        out
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
