//! Training the coreference stage's pronoun ranker (`extract::coref::rank`) on GUM train (`just
//! train-coref`): each document's text goes through lede's whole pipeline, as in the evaluation,
//! and each third-person pronoun lede finds becomes a case: its candidate antecedents, right when
//! they are in the pronoun's gold chain (by exact span, else the smallest gold mention holding
//! the candidate's head word), "no antecedent" right when none is. A log-linear ranker
//! ([`softmax`]: SGD in a seeded order, deterministic) learns the weights; [`dev_scores`] scores
//! weights on GUM dev without rebuilding lede.

use super::gold::GoldDoc;
use super::{tally, CorefEvalError, Tally};
use extract::coref::rank::{self, Case, Feats, Weights};
use extract::doc::Doc;
use extract::Pipeline;
use model::{Extraction, Span};
use std::collections::HashMap;

/// The seed of the training order.
pub const SEED: u64 = 17;

/// Each document with lede's extraction of its text up to the coreference stage (what that
/// stage reads: training does not depend on the weights lede was built with).
pub fn extract_all(
    pipeline: &Pipeline,
    docs: Vec<GoldDoc>,
) -> Result<Vec<(GoldDoc, Extraction)>, CorefEvalError> {
    docs.into_iter()
        .map(|d| {
            let article = crate::english_article(&d.id, &d.text);
            let (ex, _) = pipeline.run_until_coref(&article, &extract::Budget::unlimited())?;
            Ok((d, ex))
        })
        .collect()
}

/// The read-only view of an extraction the coreference stage reads.
pub fn doc_of<'a>(d: &'a GoldDoc, ex: &'a Extraction) -> Doc<'a> {
    Doc {
        text: &d.text,
        published: None,
        tokens: &ex.tokens,
        sentences: &ex.sentences,
        entities: &ex.entities,
        syntax: &ex.syntax,
    }
}

/// The training cases of the documents (pronouns linked as gold says, or as `follow` chooses).
pub fn cases(docs: &[(GoldDoc, Extraction)], follow: Option<&Weights>) -> Vec<Case> {
    let mut out = Vec::new();
    for (d, ex) in docs {
        let mut ids: HashMap<&str, usize> = HashMap::new();
        let ent: Vec<usize> = d
            .mentions
            .iter()
            .map(|m| {
                let n = ids.len();
                *ids.entry(m.entity.as_str()).or_insert(n)
            })
            .collect();
        let exact: HashMap<(usize, usize), usize> = d
            .mentions
            .iter()
            .zip(&ent)
            .map(|(m, &e)| ((m.span.start, m.span.end), e))
            .collect();
        let gold = |span: Span, head: Span| -> Option<usize> {
            if let Some(&e) = exact.get(&(span.start, span.end)) {
                return Some(e);
            }
            d.mentions
                .iter()
                .zip(&ent)
                .filter(|(m, _)| m.span.start <= head.start && head.end <= m.span.end)
                .min_by_key(|(m, _)| (m.span.end - m.span.start, m.span.start))
                .map(|(_, &e)| e)
        };
        out.extend(extract::coref::training_cases(
            &doc_of(d, ex),
            &gold,
            follow,
        ));
    }
    out
}

/// A deterministic xorshift generator for the training order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The index of the best option of a case (`cands.len()` for "no antecedent") among `allowed`.
fn best(w: &Weights, c: &Case, allowed: impl Fn(usize) -> bool) -> Option<usize> {
    let mut out: Option<(f32, usize)> = None;
    for k in (0..=c.cands.len()).filter(|&k| allowed(k)) {
        let s = if k == c.cands.len() {
            w.score(&c.null)
        } else {
            w.score(&c.cands[k])
        };
        if out.is_none_or(|(b, _)| s > b) {
            out = Some((s, k));
        }
    }
    out.map(|(_, k)| k)
}

/// The scores of the documents with the pronoun ranker's weights `w` (chains and pronouns; the
/// extraction has no quotes, so no speakers).
pub fn dev_scores(docs: &[(GoldDoc, Extraction)], w: &Weights) -> Tally {
    let mut all = Tally::default();
    for (d, ex) in docs {
        let mut ex2 = ex.clone();
        ex2.mentions = extract::coref::resolve_with(&doc_of(d, ex), w).mentions;
        all.add(&tally(d, &ex2));
    }
    all
}

/// The weights file: a header saying how they were learnt, then `name<TAB>weight` lines.
pub fn weights_file(w: &Weights, how: &str) -> String {
    format!(
        "# Weights of the pronoun antecedent ranker (extract/src/coref/rank.rs), learnt from GUM train\n\
         # (openly licensed genres) by `just train-coref`. Do not edit by hand.\n# {how}\n{}",
        w.to_tsv()
    )
}

/// How the weights do on cases: (pronouns with a right candidate, of them ranked right, pronouns
/// with none, of them left without an antecedent, pronouns with a right candidate whose best
/// candidate is right).
pub fn case_accuracy(cases: &[Case], w: &Weights) -> [usize; 5] {
    let mut out = [0; 5];
    for c in cases {
        let any = c.gold.iter().any(|&g| g);
        let pred = best(w, c, |_| true).unwrap_or(c.cands.len());
        let right = if pred == c.cands.len() {
            !any
        } else {
            c.gold[pred]
        };
        let k = if any { 0 } else { 2 };
        out[k] += 1;
        out[k + 1] += usize::from(right);
        let forced = best(w, c, |k| k < c.cands.len());
        out[4] += usize::from(any && forced.is_some_and(|k| c.gold[k]));
    }
    out
}

/// Adds `delta` to the weight of "no antecedent" (every pronoun's null option has the feature
/// `all:null_bias`): below 0, pronouns take an antecedent more often.
pub fn shift_null(w: &mut Weights, delta: f32) {
    shift_null_of(w, "all", delta);
}

/// Adds `delta` to the "no antecedent" weight of one pronoun class (`dem`: this, that...).
pub fn shift_null_of(w: &mut Weights, class: &str, delta: f32) {
    let want = format!("{class}:null_bias");
    if let Some(k) = (0..rank::dim()).find(|&k| rank::name(k) == want) {
        w.0[k] += delta;
    }
}

/// A log-linear ranker: the probability of each option is the softmax of the scores, and SGD
/// (AdaGrad steps, L2 `l2`) raises the probability of the right options, `epochs` passes in a
/// seeded order. Deterministic.
pub fn softmax(
    cases: &[Case],
    epochs: usize,
    rate: f32,
    l2: f32,
    keep: &dyn Fn(&str) -> bool,
) -> Weights {
    let n = rank::dim();
    let kept: Vec<bool> = (0..n).map(|k| keep(&rank::name(k))).collect();
    let mut w = Weights(vec![0.0; n]);
    let mut g2 = vec![1e-6f32; n];
    let mut order: Vec<usize> = (0..cases.len()).collect();
    let mut rng = Rng(SEED);
    let mut grad: HashMap<u32, f32> = HashMap::new();
    for _ in 0..epochs {
        for k in (1..order.len()).rev() {
            let j = (rng.next() % (k as u64 + 1)) as usize;
            order.swap(k, j);
        }
        for &ci in &order {
            let c = &cases[ci];
            let any = c.gold.iter().any(|&g| g);
            let opts: Vec<(&Feats, bool)> = c
                .cands
                .iter()
                .zip(&c.gold)
                .map(|(f, &g)| (f, g))
                .chain(std::iter::once((&c.null, !any)))
                .collect();
            let scores: Vec<f32> = opts
                .iter()
                .map(|(f, _)| {
                    f.iter()
                        .filter(|&&(k, _)| kept[k as usize])
                        .map(|&(k, v)| w.0[k as usize] * v)
                        .sum()
                })
                .collect();
            let top = scores.iter().copied().fold(f32::MIN, f32::max);
            let e: Vec<f32> = scores.iter().map(|s| (s - top).exp()).collect();
            let z: f32 = e.iter().sum();
            let zg: f32 = e
                .iter()
                .zip(&opts)
                .filter(|(_, o)| o.1)
                .map(|(x, _)| x)
                .sum();
            grad.clear();
            for ((f, g), x) in opts.iter().zip(&e) {
                // d(-log P(right))/ds = P(option) - P(option | right)
                let d = x / z - if *g { x / zg } else { 0.0 };
                for &(k, v) in f.iter() {
                    *grad.entry(k).or_default() += d * v;
                }
            }
            let mut keys: Vec<u32> = grad.keys().copied().collect();
            keys.sort_unstable();
            for k in keys {
                let ku = k as usize;
                if !kept[ku] {
                    continue;
                }
                let gk = grad[&k] + l2 * w.0[ku];
                g2[ku] += gk * gk;
                w.0[ku] -= rate * gk / g2[ku].sqrt();
            }
        }
    }
    for (k, x) in w.0.iter_mut().enumerate() {
        if !kept[k] {
            *x = 0.0;
        }
    }
    w
}
