//! Second-stage tagger (stacking): features from the first stage's tags over the whole document
//! (the tag of the token and its neighbours, and the labels the first stage gave to the other
//! occurrences of the same word and name in the document: Ratinov and Roth's "prediction
//! history"), decoded again with its own weights.

use super::features::{DocFeatures, FastMap, Hasher};
use super::tags::{self, NTAGS};
use model::EntityLabel;
use std::ops::Range;

fn label_of(t: usize) -> Option<EntityLabel> {
    tags::decode(t).map(|(l, _)| l)
}

/// Stage-2 features of a document given the words, sentences and stage-1 tags of every token.
pub fn stage2_features(words: &[&str], sentences: &[Range<usize>], t1: &[usize]) -> DocFeatures {
    let n = words.len();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // Stage-1 labels of every occurrence of each capitalised word, and of each found name.
    let mut word_hist: FastMap<&str, [u32; 5]> = FastMap::default();
    for i in 0..n {
        if words[i].chars().next().is_some_and(char::is_uppercase) {
            let slot = label_of(t1[i]).map(|l| l as usize).unwrap_or(4);
            word_hist.entry(lower[i].as_str()).or_insert([0; 5])[slot] += 1;
        }
    }
    let mut name_hist: FastMap<String, [u32; 4]> = FastMap::default();
    let mut name_at: Vec<Option<(String, usize)>> = vec![None; n];
    for r in sentences {
        for (span, l) in tags::to_spans(&t1[r.clone()]) {
            let span = span.start + r.start..span.end + r.start;
            let key = lower[span.clone()].join(" ");
            name_hist.entry(key.clone()).or_insert([0; 4])[l as usize] += 1;
            for i in span {
                name_at[i] = Some((key.clone(), l as usize));
            }
        }
    }
    let mut out = DocFeatures {
        feats: Vec::with_capacity(n * 12),
        offsets: Vec::with_capacity(n + 1),
    };
    out.offsets.push(0);
    for r in sentences {
        for i in r.clone() {
            let f = &mut out.feats;
            let prev = if i > r.start { t1[i - 1] } else { NTAGS };
            let next = if i + 1 < r.end { t1[i + 1] } else { NTAGS };
            f.push(Hasher::new(70).key());
            f.push(Hasher::new(71).n(t1[i] as u64).key());
            f.push(Hasher::new(72).n(prev as u64).n(t1[i] as u64).key());
            f.push(Hasher::new(73).n(t1[i] as u64).n(next as u64).key());
            f.push(Hasher::new(74).n(t1[i] as u64).s(&lower[i]).key());
            let cap = words[i].chars().next().is_some_and(char::is_uppercase);
            if let Some(h) = word_hist.get(lower[i].as_str()).filter(|_| cap) {
                let own = label_of(t1[i]).map(|l| l as usize).unwrap_or(4);
                let mut h = *h;
                h[own] = h[own].saturating_sub(1);
                let total: u32 = h.iter().sum();
                if total > 0 {
                    let maj = (0..5)
                        .max_by_key(|&k| (h[k], std::cmp::Reverse(k)))
                        .unwrap_or(4);
                    f.push(Hasher::new(75).n(maj as u64).n(own as u64).key());
                    for (k, &c) in h.iter().enumerate() {
                        if c > 0 {
                            f.push(Hasher::new(76).n(k as u64).n(t1[i] as u64).key());
                        }
                    }
                }
            }
            if let Some((key, own)) = &name_at[i] {
                let mut h = name_hist[key];
                h[*own] = h[*own].saturating_sub(1);
                for (k, &c) in h.iter().enumerate() {
                    if c > 0 {
                        f.push(Hasher::new(77).n(k as u64).n(t1[i] as u64).key());
                    }
                }
            }
            out.offsets.push(f.len());
        }
    }
    while out.offsets.len() < n + 1 {
        out.offsets.push(out.feats.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tags::{tag, Part, O};

    #[test]
    fn history_of_other_occurrences() {
        let words = ["Smith", "met", "Smith", "and", "smith", "."];
        let per = tag(EntityLabel::Per, Part::Unit);
        let org = tag(EntityLabel::Org, Part::Unit);
        let t1 = [per, O, org, O, O, O];
        let f = stage2_features(&words, std::slice::from_ref(&(0..6)), &t1);
        assert_eq!(f.offsets.len(), 7);
        // Token 2 (ORG) sees a PER occurrence elsewhere: the history feature is present.
        let hist = Hasher::new(76).n(0).n(org as u64).key();
        assert!(f.token(2).contains(&hist));
        // The lowercase `smith` gets no word history.
        assert!(!f
            .token(4)
            .iter()
            .any(|k| *k == Hasher::new(76).n(0).n(O as u64).key()));
    }
}
