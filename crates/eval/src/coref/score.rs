//! Coreference scores as the CoNLL-2012 shared task computes them (Pradhan et al. 2014, the
//! reference scorer's definitions): MUC (links), B-cubed (mentions) and CEAF-e (entities, best
//! one-to-one alignment by phi4), each precision/recall summed over documents, and the CoNLL F1,
//! their mean. Mentions match by exact span. Singletons are left out of key and response alike,
//! as in OntoNotes-style scoring (GUM marks them; lede does not report them as chains).
//!
//! Also the pronoun accuracy of issue 17: of the gold third-person pronouns that have an antecedent
//! in their gold chain, the share whose predicted antecedent (the nearest earlier mention of its
//! predicted chain) is in that gold chain.

use crate::metrics::{f1, ratio};
use pathfinding::kuhn_munkres::kuhn_munkres;
use pathfinding::matrix::Matrix;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A document's chains: each a list of mention spans.
pub type Chains = Vec<Vec<Range<usize>>>;

/// Numerator and denominator of a recall and a precision.
#[derive(Clone, Copy, Debug, Default)]
pub struct Prf {
    pub r_num: f64,
    pub r_den: f64,
    pub p_num: f64,
    pub p_den: f64,
}

impl Prf {
    pub fn add(&mut self, o: Prf) {
        self.r_num += o.r_num;
        self.r_den += o.r_den;
        self.p_num += o.p_num;
        self.p_den += o.p_den;
    }
    pub fn recall(&self) -> f64 {
        ratio(self.r_num, self.r_den)
    }
    pub fn precision(&self) -> f64 {
        ratio(self.p_num, self.p_den)
    }
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }

    /// Recall from `key` against `resp` and precision from the reverse, by the same function.
    fn sides(key: &Chains, resp: &Chains, side: impl Fn(&Chains, &Chains) -> (f64, f64)) -> Prf {
        let (r_num, r_den) = side(key, resp);
        let (p_num, p_den) = side(resp, key);
        Prf {
            r_num,
            r_den,
            p_num,
            p_den,
        }
    }
}

/// Chains of two or more mentions only.
pub fn without_singletons(c: Chains) -> Chains {
    c.into_iter().filter(|x| x.len() > 1).collect()
}

fn index(chains: &Chains) -> HashMap<Range<usize>, usize> {
    let mut m = HashMap::new();
    for (i, c) in chains.iter().enumerate() {
        for s in c {
            m.insert(s.clone(), i);
        }
    }
    m
}

/// MUC recall of `key` against `resp` (precision: the same with the roles swapped).
fn muc_side(key: &Chains, resp: &Chains) -> (f64, f64) {
    let idx = index(resp);
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        let mut parts: HashSet<Option<usize>> = HashSet::new();
        let mut alone = 0usize;
        for s in k {
            match idx.get(s) {
                Some(&r) => {
                    parts.insert(Some(r));
                }
                None => alone += 1,
            }
        }
        num += (k.len() - parts.len() - alone) as f64;
        den += (k.len() - 1) as f64;
    }
    (num, den)
}

pub fn muc(key: &Chains, resp: &Chains) -> Prf {
    Prf::sides(key, resp, muc_side)
}

/// Sum over chains `a` of sum over chains `b` of |a ∩ b|² / |a|, and the number of mentions of `a`.
fn b3_side(a: &Chains, b: &Chains) -> (f64, f64) {
    let idx = index(b);
    let (mut num, mut den) = (0.0, 0.0);
    for c in a {
        let mut counts: HashMap<usize, usize> = HashMap::new();
        for s in c {
            if let Some(&j) = idx.get(s) {
                *counts.entry(j).or_default() += 1;
            }
        }
        num += counts.values().map(|&n| (n * n) as f64).sum::<f64>() / c.len() as f64;
        den += c.len() as f64;
    }
    (num, den)
}

pub fn b_cubed(key: &Chains, resp: &Chains) -> Prf {
    Prf::sides(key, resp, b3_side)
}

/// CEAF-e: the best one-to-one alignment of key and response chains under
/// phi4(k, r) = 2 |k ∩ r| / (|k| + |r|).
pub fn ceaf_e(key: &Chains, resp: &Chains) -> Prf {
    let (nk, nr) = (key.len(), resp.len());
    let mut best = 0.0;
    if nk > 0 && nr > 0 {
        let idx = index(resp);
        let n = nk.max(nr);
        // Integer weights (phi4 scaled) for the Hungarian algorithm, on a square matrix.
        const SCALE: f64 = 1e9;
        let mut m = Matrix::new(n, n, 0i64);
        for (i, k) in key.iter().enumerate() {
            let mut counts: HashMap<usize, usize> = HashMap::new();
            for s in k {
                if let Some(&j) = idx.get(s) {
                    *counts.entry(j).or_default() += 1;
                }
            }
            for (j, c) in counts {
                let phi = 2.0 * c as f64 / (k.len() + resp[j].len()) as f64;
                m[(i, j)] = (phi * SCALE).round() as i64;
            }
        }
        let (total, _) = kuhn_munkres(&m);
        best = total as f64 / SCALE;
    }
    Prf {
        r_num: best,
        r_den: nk as f64,
        p_num: best,
        p_den: nr as f64,
    }
}

/// Pronoun accuracy counts of one document: (right, total).
pub fn pronouns(
    key: &Chains,
    third_person: &HashSet<Range<usize>>,
    resp_all: &Chains,
) -> (usize, usize) {
    let resp_idx = index(resp_all);
    let key_idx = index(key);
    let (mut right, mut total) = (0, 0);
    for (ki, k) in key.iter().enumerate() {
        let mut sorted = k.clone();
        sorted.sort_by_key(|s| (s.start, s.end));
        for (n, s) in sorted.iter().enumerate() {
            if n == 0 || !third_person.contains(s) {
                continue;
            }
            total += 1;
            let Some(&r) = resp_idx.get(s) else { continue };
            let antecedent = resp_all[r]
                .iter()
                .filter(|x| (x.start, x.end) < (s.start, s.end) && x.end <= s.start)
                .max_by_key(|x| (x.start, x.end));
            if antecedent.is_some_and(|a| key_idx.get(a) == Some(&ki)) {
                right += 1;
            }
        }
    }
    (right, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chains(spec: &[&[usize]]) -> Chains {
        spec.iter()
            .map(|c| c.iter().map(|&s| s..s + 1).collect())
            .collect()
    }

    /// The example of Pradhan et al. (2014), figure 1: key {a,b,c} {d,e,f,g}, response {a,b}
    /// {c,d} {f,g,h,i}. Published: MUC R 0.4 P 0.4; B3 R 0.5 P 0.5... computed below by hand.
    #[test]
    fn reference_example() {
        let key = chains(&[&[1, 2, 3], &[4, 5, 6, 7]]);
        let resp = chains(&[&[1, 2], &[3, 4], &[6, 7, 8, 9]]);
        let m = muc(&key, &resp);
        assert!((m.recall() - 0.4).abs() < 1e-9, "{m:?}");
        assert!((m.precision() - 0.4).abs() < 1e-9, "{m:?}");
        let b = b_cubed(&key, &resp);
        // R = (4/3 + 1/3 + 1/4 + 4/4) / 7 = (1.6667 + 1.25) / 7; P = (4/2 + 1/2 + 1/2 + 4/4) / 8.
        assert!(
            (b.recall() - (5.0 / 3.0 + 1.25) / 7.0).abs() < 1e-9,
            "{b:?}"
        );
        assert!((b.precision() - 4.0 / 8.0).abs() < 1e-9, "{b:?}");
        let c = ceaf_e(&key, &resp);
        // Best: {a,b,c}-{a,b} phi 4/5, {d,e,f,g}-{f,g,h,i} phi 4/8.
        assert!((c.recall() - (0.8 + 0.5) / 2.0).abs() < 1e-6, "{c:?}");
        assert!((c.precision() - (0.8 + 0.5) / 3.0).abs() < 1e-6, "{c:?}");
    }

    #[test]
    fn perfect_response_scores_one() {
        let key = chains(&[&[1, 2, 3], &[4, 5]]);
        for p in [muc(&key, &key), b_cubed(&key, &key), ceaf_e(&key, &key)] {
            assert!((p.f1() - 1.0).abs() < 1e-9);
        }
    }

    #[test]
    fn pronoun_right_only_when_its_predicted_antecedent_is_in_its_gold_chain() {
        let key = chains(&[&[1, 5], &[3]]);
        let third: HashSet<Range<usize>> = std::iter::once(5..6).collect();
        assert_eq!(pronouns(&key, &third, &chains(&[&[1, 5]])), (1, 1));
        assert_eq!(pronouns(&key, &third, &chains(&[&[1, 3, 5]])), (0, 1));
        assert_eq!(pronouns(&key, &third, &chains(&[&[1]])), (0, 1));
    }
}
