//! Training the tagger: the tag classes (UPOS and XPOS pairs), the dictionary of unambiguous
//! frequent words and the averaged perceptron, epoch by epoch with the accuracy on dev.

use super::perceptron::{Averaged, Rng};
use super::TrainSent;
use extract::ner::features::FastMap;
use extract::syntax::features::TagWord;
use extract::syntax::intern;
use extract::syntax::tagger::{argmax, context_features, Tagger};
use std::collections::HashMap;

/// Words seen at least this often with one tag at least [`DICT_SHARE`] of the time are tagged
/// from the dictionary.
const DICT_MIN: usize = 20;
const DICT_SHARE: f64 = 0.97;

/// The tag dictionary of `sents` (exact-form hash -> class).
pub fn dictionary(sents: &[TrainSent]) -> FastMap<u64, u16> {
    let mut counts: HashMap<&str, HashMap<u16, usize>> = HashMap::new();
    for s in sents {
        for (f, &t) in s.forms.iter().zip(&s.tags) {
            *counts.entry(f).or_default().entry(t).or_default() += 1;
        }
    }
    let mut dict = FastMap::default();
    for (form, by_tag) in counts {
        let n: usize = by_tag.values().sum();
        let (&tag, &best) = by_tag
            .iter()
            .max_by_key(|(t, c)| (**c, std::cmp::Reverse(**t)))
            .unwrap();
        if n >= DICT_MIN && best as f64 / n as f64 >= DICT_SHARE {
            dict.insert(TagWord::new(form).form, tag);
        }
    }
    dict
}

/// The features of every training word, computed once.
pub fn tag_words(sents: &[TrainSent]) -> Vec<Vec<TagWord>> {
    sents
        .iter()
        .map(|s| s.forms.iter().map(|f| TagWord::new(f)).collect())
        .collect()
}

/// A tagger from learned weights.
pub fn tagger(
    model: &Averaged,
    classes: &[(String, String)],
    dict: &FastMap<u64, u16>,
    prune: f32,
    min_updates: u32,
) -> Tagger {
    Tagger {
        weights: model.to_sparse(prune, min_updates),
        second: None,
        tags: classes
            .iter()
            .map(|(u, x)| (intern(u), intern(x)))
            .collect(),
        dict: dict.clone(),
    }
}

/// Share of words of `sents` the tagger tags right.
pub fn accuracy(t: &Tagger, sents: &[TrainSent], words: &[Vec<TagWord>]) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    for (s, w) in sents.iter().zip(words) {
        for (p, g) in t.tag(w).iter().zip(&s.tags) {
            right += (p == g) as usize;
            all += 1;
        }
    }
    right as f64 / all.max(1) as f64
}

/// Share of words of `sents` the second pass `weights` tags right, given the first pass's tags.
pub fn accuracy_second(
    t: &Tagger,
    weights: &extract::syntax::weights::Sparse,
    sents: &[TrainSent],
    words: &[Vec<TagWord>],
    first: &[Vec<u16>],
) -> f64 {
    let (mut right, mut all) = (0usize, 0usize);
    for ((s, w), f) in sents.iter().zip(words).zip(first) {
        for (p, g) in t.pass(w, weights, Some(f)).iter().zip(&s.tags) {
            right += (p == g) as usize;
            all += 1;
        }
    }
    right as f64 / all.max(1) as f64
}

/// Trains for `epochs`; after each, `on_epoch(epoch, &weights)` may evaluate it. With `right`
/// (the first pass's tags of each sentence), trains the second pass.
#[allow(clippy::too_many_arguments)]
pub fn train(
    sents: &[TrainSent],
    words: &[Vec<TagWord>],
    right: Option<&[Vec<u16>]>,
    n_classes: usize,
    dict: &FastMap<u64, u16>,
    epochs: usize,
    seed: u64,
    mut on_epoch: impl FnMut(usize, &Averaged),
) -> Averaged {
    let mut model = Averaged::new(n_classes);
    let mut order: Vec<usize> = (0..sents.len()).collect();
    let mut rng = Rng::new(seed);
    let mut keys = Vec::with_capacity(32);
    let mut scores = vec![0f32; n_classes];
    for epoch in 0..epochs {
        rng.shuffle(&mut order);
        for &si in &order {
            let (s, ws) = (&sents[si], &words[si]);
            let mut out: Vec<u16> = Vec::with_capacity(ws.len());
            for i in 0..ws.len() {
                if let Some(&t) = dict.get(&ws[i].form) {
                    out.push(t);
                    continue;
                }
                let r = right.map(|r| r[si].as_slice());
                context_features(ws, i, &out, r, &mut keys);
                scores.fill(0.0);
                model.score(&keys, &mut scores);
                let guess = argmax(&scores);
                model.update(&keys, s.tags[i] as usize, guess);
                model.tick();
                out.push(guess as u16);
            }
        }
        on_epoch(epoch + 1, &model);
    }
    model
}
