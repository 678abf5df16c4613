//! The noun types of the coreference stage, learnt from GUM's gold mentions (`just train-coref`):
//! for each head noun lemma, the entity type its mentions name most often (`minister` -> person,
//! `union` -> organization, `city` -> place), kept where the lemma heads at least
//! [`MIN_COUNT`] mentions and one type has at least [`MIN_SHARE`] of them. Written to
//! `crates/extract/lexicons/coref_noun_types.tsv`, which the stage's agreement checks read.

use super::gold::{read_brackets, GoldMention};
use crate::syntax::Sentence;
use std::collections::{BTreeMap, HashMap};

pub const MIN_COUNT: usize = 2;
pub const MIN_SHARE: f64 = 0.7;

/// `lemma<TAB>type<TAB>count` lines, sorted by lemma, with a header comment.
pub fn learn(sentences: &[Sentence]) -> String {
    let mut counts: BTreeMap<String, HashMap<String, usize>> = BTreeMap::new();
    for s in sentences {
        let mut open = Vec::new();
        let mut found: Vec<GoldMention> = Vec::new();
        for (i, w) in s.words.iter().enumerate() {
            read_brackets(&w.misc, &(i..i + 1), false, &mut open, &mut found);
        }
        for m in found {
            // Heads are 1-based word IDs: the mention's words have IDs start+1..=end.
            let inside = |h: usize| h > m.span.start && h <= m.span.end;
            let Some(head) = m.span.clone().find(|&i| !inside(s.words[i].head)) else {
                continue;
            };
            let w = &s.words[head];
            if w.upos != "NOUN" || m.etype.is_empty() {
                continue;
            }
            *counts
                .entry(w.lemma.to_lowercase())
                .or_default()
                .entry(m.etype)
                .or_default() += 1;
        }
    }
    let mut out = String::from(
        "# Head nouns of coreference mentions and the kind of thing they name, learnt from GUM train\n\
         # (openly licensed genres) by `just train-coref`: lemma<TAB>type<TAB>count. Do not edit by hand.\n",
    );
    for (lemma, types) in counts {
        let total: usize = types.values().sum();
        let Some((t, &n)) = types
            .iter()
            .max_by_key(|(t, &n)| (n, std::cmp::Reverse((*t).clone())))
        else {
            continue;
        };
        if total >= MIN_COUNT && n as f64 >= MIN_SHARE * total as f64 && !lemma.contains('\t') {
            out.push_str(&format!("{lemma}\t{t}\t{n}\n"));
        }
    }
    out
}
