//! Training the lemmatiser and the feature table: counts over the gold words of the treebanks.

use super::TrainSent;
use extract::ner::features::FastMap;
use extract::syntax::intern;
use extract::syntax::lemma::{form_key, lemma_base, suffix_key, Lemmatizer, Script, MAX_SUFFIX};
use extract::syntax::morph::{keep, Morph};
use std::collections::HashMap;

/// A suffix rule is kept when seen at least this often.
const SUFFIX_MIN: usize = 3;

/// The most frequent value of each key (ties to the smallest value).
fn majority<K: std::hash::Hash + Eq + Copy>(
    counts: HashMap<K, HashMap<u32, usize>>,
) -> Vec<(K, u32, usize)> {
    counts
        .into_iter()
        .map(|(k, by)| {
            let n = by.values().sum();
            let (&v, _) = by
                .iter()
                .max_by_key(|(v, c)| (**c, std::cmp::Reverse(**v)))
                .unwrap();
            (k, v, n)
        })
        .collect()
}

/// The lemmatiser of `sents` (gold tags) over `n_classes` tag classes.
pub fn lemmatizer(sents: &[TrainSent], n_classes: usize) -> Lemmatizer {
    let mut scripts: Vec<Script> = Vec::new();
    let mut ids: HashMap<Script, u32> = HashMap::new();
    let mut forms: HashMap<u64, HashMap<u32, usize>> = HashMap::new();
    let mut suffixes: HashMap<u64, HashMap<u32, usize>> = HashMap::new();
    let mut tags: HashMap<u16, HashMap<u32, usize>> = HashMap::new();
    for s in sents {
        for ((form, lemma), &tag) in s.forms.iter().zip(&s.lemmas).zip(&s.tags) {
            if lemma == "_" {
                continue;
            }
            let base = lemma_base(form);
            let script = Script::between(&base, lemma);
            let next = scripts.len() as u32;
            let id = *ids.entry(script.clone()).or_insert_with(|| {
                scripts.push(script);
                next
            });
            let lower = base.to_lowercase();
            *forms
                .entry(form_key(&lower, tag))
                .or_default()
                .entry(id)
                .or_default() += 1;
            *tags.entry(tag).or_default().entry(id).or_default() += 1;
            let chars: Vec<char> = lower.chars().collect();
            for k in 1..=MAX_SUFFIX.min(chars.len()) {
                let suffix: String = chars[chars.len() - k..].iter().collect();
                *suffixes
                    .entry(suffix_key(&suffix, tag))
                    .or_default()
                    .entry(id)
                    .or_default() += 1;
            }
        }
    }
    let mut by_tag = vec![u32::MAX; n_classes];
    for (t, v, _) in majority(tags) {
        by_tag[t as usize] = v;
    }
    Lemmatizer {
        scripts,
        forms: majority(forms)
            .into_iter()
            .map(|(k, v, _)| (k, v))
            .collect(),
        suffixes: majority(suffixes)
            .into_iter()
            .filter(|&(_, _, n)| n >= SUFFIX_MIN)
            .map(|(k, v, _)| (k, v))
            .collect(),
        by_tag,
    }
}

/// The feature table of `sents` (gold tags).
pub fn morph(sents: &[TrainSent], n_classes: usize) -> Morph {
    let mut sets: Vec<&'static str> = vec![""];
    let mut ids: HashMap<&'static str, u32> = HashMap::from([("", 0)]);
    let mut forms: HashMap<u64, HashMap<u32, usize>> = HashMap::new();
    let mut tags: HashMap<u16, HashMap<u32, usize>> = HashMap::new();
    for s in sents {
        for ((form, feats), &tag) in s.forms.iter().zip(&s.feats).zip(&s.tags) {
            let kept = intern(&keep(feats));
            let next = sets.len() as u32;
            let id = *ids.entry(kept).or_insert_with(|| {
                sets.push(kept);
                next
            });
            let lower = lemma_base(form).to_lowercase();
            *forms
                .entry(form_key(&lower, tag))
                .or_default()
                .entry(id)
                .or_default() += 1;
            *tags.entry(tag).or_default().entry(id).or_default() += 1;
        }
    }
    let mut by_tag = vec![0; n_classes];
    for (t, v, _) in majority(tags) {
        by_tag[t as usize] = v;
    }
    let forms: FastMap<u64, u32> = majority(forms)
        .into_iter()
        .map(|(k, v, _)| (k, v))
        .collect();
    Morph {
        sets,
        forms,
        by_tag,
    }
}
