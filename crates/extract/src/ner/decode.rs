//! Scoring and decoding of the tagger: the weight table ([`Weights`]), emission scores, constrained
//! Viterbi over BILOU tags and forward-backward marginals (used as mention confidences).

use super::tags::{allowed, can_end, can_start, NTAGS};

/// Index of the sentence boundary (start/end) state in the transition matrix.
pub const BOUND: usize = NTAGS;
/// Side of the transition matrix (tags plus the boundary state).
pub const TSIDE: usize = NTAGS + 1;

/// Feature weights: an open-addressing table from feature key to a row of `NTAGS` weights, plus
/// tag transition weights (`trans[prev * TSIDE + cur]`, `BOUND` for the sentence start and end).
#[derive(Clone, Debug)]
pub struct Weights {
    /// (key, row) pairs: one cache line fetch finds both.
    slots: Vec<(u64, u32)>,
    mask: usize,
    pub(crate) rows: Vec<f32>,
    pub(crate) keys: Vec<u64>,
    pub trans: Vec<f32>,
}

const EMPTY: u64 = 0;

fn slot_key(k: u64) -> u64 {
    if k == EMPTY {
        1
    } else {
        k
    }
}

impl Weights {
    /// Builds the table from `(key, row)` pairs (rows of `NTAGS` weights) and transitions.
    pub fn new(keys: Vec<u64>, rows: Vec<f32>, trans: Vec<f32>) -> Self {
        assert_eq!(rows.len(), keys.len() * NTAGS);
        assert_eq!(trans.len(), TSIDE * TSIDE);
        let cap = (keys.len() * 2).next_power_of_two().max(16);
        let mut w = Weights {
            slots: vec![(EMPTY, 0); cap],
            mask: cap - 1,
            rows,
            keys,
            trans,
        };
        for (r, &k) in w.keys.iter().enumerate() {
            let k = slot_key(k);
            let mut s = k as usize & w.mask;
            while w.slots[s].0 != EMPTY && w.slots[s].0 != k {
                s = (s + 1) & w.mask;
            }
            w.slots[s] = (k, r as u32);
        }
        w
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The row index of a feature key, if the model knows it.
    #[inline]
    pub fn row(&self, key: u64) -> Option<usize> {
        let k = slot_key(key);
        let mut s = k as usize & self.mask;
        loop {
            let (v, row) = self.slots[s];
            if v == k {
                return Some(row as usize);
            }
            if v == EMPTY {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the emission scores of a token's features to `out`.
    #[inline]
    pub fn emit(&self, feats: &[u64], out: &mut [f32; NTAGS]) {
        for &f in feats {
            if let Some(r) = self.row(f) {
                let row = &self.rows[r * NTAGS..(r + 1) * NTAGS];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }
}

/// `allowed(p, t)` for every pair of tags, computed once.
fn allowed_table() -> &'static [[bool; NTAGS]; NTAGS] {
    static T: std::sync::OnceLock<[[bool; NTAGS]; NTAGS]> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let mut t = [[false; NTAGS]; NTAGS];
        for (p, row) in t.iter_mut().enumerate() {
            for (c, x) in row.iter_mut().enumerate() {
                *x = allowed(p, c);
            }
        }
        t
    })
}

#[inline]
fn tr(trans: &[f32], prev: usize, cur: usize) -> f32 {
    trans[prev * TSIDE + cur]
}

/// Best valid tag sequence for the emission scores and transitions (constrained Viterbi).
pub fn viterbi(em: &[[f32; NTAGS]], trans: &[f32]) -> Vec<usize> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let neg = f32::NEG_INFINITY;
    let mut score = vec![[neg; NTAGS]; n];
    let mut back = vec![[0u8; NTAGS]; n];
    for t in 0..NTAGS {
        if can_start(t) {
            score[0][t] = em[0][t] + tr(trans, BOUND, t);
        }
    }
    // For each tag, its valid previous tags (in increasing order) and their transitions: the
    // invalid ones (two in three) would only add -inf.
    let ok = allowed_table();
    let mut prevs = [[(0u8, 0f32); NTAGS]; NTAGS];
    let mut n_prev = [0usize; NTAGS];
    for t in 0..NTAGS {
        for p in (0..NTAGS).filter(|&p| ok[p][t]) {
            prevs[t][n_prev[t]] = (p as u8, tr(trans, p, t));
            n_prev[t] += 1;
        }
    }
    for i in 1..n {
        let (done, rest) = score.split_at_mut(i);
        let prev = &done[i - 1];
        for t in 0..NTAGS {
            let mut best = neg;
            let mut arg = 0;
            for &(p, w) in &prevs[t][..n_prev[t]] {
                let s = prev[p as usize] + w;
                if s > best {
                    best = s;
                    arg = p as usize;
                }
            }
            if best > neg {
                rest[0][t] = best + em[i][t];
                back[i][t] = arg as u8;
            }
        }
    }
    let mut best = neg;
    let mut last = 0;
    for (t, &s) in score[n - 1].iter().enumerate() {
        if can_end(t) && s > neg {
            let s = s + tr(trans, t, BOUND);
            if s > best {
                best = s;
                last = t;
            }
        }
    }
    let mut out = vec![0; n];
    out[n - 1] = last;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
    out
}

/// Marginal probability of every tag at every position, with scores divided by `temperature`.
///
/// Scaled forward-backward in probability space: scores are shifted by their maximum per
/// position before `exp`, and every step is renormalised, so nothing overflows.
pub fn marginals(em: &[[f32; NTAGS]], trans: &[f32], temperature: f32) -> Vec<[f32; NTAGS]> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let inv = 1.0 / temperature.max(1e-3);
    let tmax = trans.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
    let mut et = vec![0f32; TSIDE * TSIDE];
    for p in 0..TSIDE {
        for t in 0..TSIDE {
            let ok = match (p == BOUND, t == BOUND) {
                (true, true) => false,
                (true, false) => can_start(t),
                (false, true) => can_end(p),
                (false, false) => allowed(p, t),
            };
            if ok {
                et[p * TSIDE + t] = ((tr(trans, p, t) - tmax) * inv).exp();
            }
        }
    }
    let ee: Vec<[f32; NTAGS]> = em
        .iter()
        .map(|row| {
            let m = row.iter().cloned().fold(f32::NEG_INFINITY, f32::max);
            let mut e = [0f32; NTAGS];
            for (o, &x) in e.iter_mut().zip(row) {
                *o = ((x - m) * inv).exp();
            }
            e
        })
        .collect();
    let normalise = |v: &mut [f32; NTAGS]| {
        let s: f32 = v.iter().sum();
        if s > 0.0 {
            v.iter_mut().for_each(|x| *x /= s);
        }
    };
    let mut alpha = vec![[0f32; NTAGS]; n];
    for t in 0..NTAGS {
        alpha[0][t] = ee[0][t] * et[BOUND * TSIDE + t];
    }
    normalise(&mut alpha[0]);
    for i in 1..n {
        let mut a = [0f32; NTAGS];
        for (p, &ap) in alpha[i - 1].iter().enumerate() {
            if ap == 0.0 {
                continue;
            }
            let row = &et[p * TSIDE..p * TSIDE + NTAGS];
            for (x, &w) in a.iter_mut().zip(row) {
                *x += ap * w;
            }
        }
        for (x, &e) in a.iter_mut().zip(&ee[i]) {
            *x *= e;
        }
        normalise(&mut a);
        alpha[i] = a;
    }
    let mut beta = vec![[0f32; NTAGS]; n];
    for t in 0..NTAGS {
        beta[n - 1][t] = et[t * TSIDE + BOUND];
    }
    normalise(&mut beta[n - 1]);
    for i in (0..n - 1).rev() {
        let mut b = [0f32; NTAGS];
        let mut nb = [0f32; NTAGS];
        for t in 0..NTAGS {
            nb[t] = beta[i + 1][t] * ee[i + 1][t];
        }
        for (p, x) in b.iter_mut().enumerate() {
            let row = &et[p * TSIDE..p * TSIDE + NTAGS];
            *x = row.iter().zip(&nb).map(|(w, v)| w * v).sum();
        }
        normalise(&mut b);
        beta[i] = b;
    }
    let mut out = vec![[0f32; NTAGS]; n];
    for i in 0..n {
        for t in 0..NTAGS {
            out[i][t] = alpha[i][t] * beta[i][t];
        }
        normalise(&mut out[i]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ner::tags::{tag, Part, O};
    use model::EntityLabel;

    #[test]
    fn viterbi_respects_constraints_and_marginals_sum_to_one() {
        let w = Weights::new(vec![], vec![], vec![0.0; TSIDE * TSIDE]);
        let mut em = vec![[0f32; NTAGS]; 3];
        // Token 1 strongly prefers I-PER, which is only valid inside an entity.
        em[1][tag(EntityLabel::Per, Part::Inside)] = 5.0;
        em[0][O] = 1.0;
        let best = viterbi(&em, &w.trans);
        for p in best.windows(2) {
            assert!(allowed(p[0], p[1]));
        }
        assert_eq!(best[1], tag(EntityLabel::Per, Part::Inside));
        let m = marginals(&em, &w.trans, 1.0);
        for row in &m {
            let s: f32 = row.iter().sum();
            assert!((s - 1.0).abs() < 1e-3, "{s}");
        }
    }

    #[test]
    fn table_lookup() {
        let keys = vec![7u64, 0, 99];
        let mut rows = vec![0f32; 3 * NTAGS];
        rows[2 * NTAGS + 3] = 1.5;
        let w = Weights::new(keys, rows, vec![0.0; TSIDE * TSIDE]);
        assert_eq!(w.row(99), Some(2));
        assert_eq!(w.row(0), Some(1));
        assert_eq!(w.row(5), None);
        let mut out = [0f32; NTAGS];
        w.emit(&[99, 5], &mut out);
        assert_eq!(out[3], 1.5);
    }
}
