//! Training the parser with the dynamic oracle (Goldberg and Nivre 2012, 2013): the parser
//! follows its own predictions, and learns at each step to prefer the best-scoring action that
//! loses no more gold arcs than any other; from the second epoch on it keeps following a wrong
//! prediction nine times out of ten, so it learns to recover from its own mistakes. The arc
//! labeller learns on every arc that reaches its gold head.

use super::perceptron::{Averaged, Rng};
use extract::syntax::features::parse_features;
use extract::syntax::parser::{
    best_action, best_label, best_valid, label_hash, label_keys, Parser, State, N_ACTIONS,
};
use extract::syntax::weights::Sparse;

/// One sentence as the parser trains on it.
pub struct ParseSent {
    /// Hashed forms and tags (predicted tags), the root last.
    pub w: Vec<u64>,
    pub t: Vec<u64>,
    /// Gold heads (`n` for the root) and labels.
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// True if no two arcs of the tree cross (the transition system can only build such trees).
pub fn projective(heads: &[u32]) -> bool {
    let n = heads.len() as u32;
    let span = |d: usize| {
        let h = heads[d];
        let h = if h == n { n } else { h };
        (d as u32).min(h)..=(d as u32).max(h)
    };
    for a in 0..heads.len() {
        let ra = span(a);
        for b in a + 1..heads.len() {
            let rb = span(b);
            let cross = (ra.start() < rb.start() && rb.start() < ra.end() && ra.end() < rb.end())
                || (rb.start() < ra.start() && ra.start() < rb.end() && rb.end() < ra.end());
            if cross {
                return false;
            }
        }
    }
    true
}

/// The weights being learned.
pub struct Learner {
    pub actions: Averaged,
    pub labels: Averaged,
    pub root: u16,
    pub label_names: Vec<&'static str>,
    label_h: Vec<u64>,
}

impl Learner {
    pub fn new(label_names: Vec<&'static str>) -> Self {
        let root = label_names.iter().position(|&l| l == "root").unwrap_or(0) as u16;
        Learner {
            actions: Averaged::new(N_ACTIONS),
            labels: Averaged::new(label_names.len()),
            root,
            label_h: (0..label_names.len()).map(label_hash).collect(),
            label_names,
        }
    }

    /// A parser from the averaged weights so far.
    pub fn parser(&self, prune: f32, min_updates: u32) -> Parser {
        Parser::new(
            self.actions.to_sparse(prune, min_updates),
            self.labels.to_sparse(prune, min_updates),
            self.label_names.clone(),
        )
    }

    /// One pass over `sents` in a shuffled order; `explore`: follow wrong predictions.
    pub fn epoch(&mut self, sents: &[ParseSent], rng: &mut Rng, explore: bool) {
        let mut order: Vec<usize> = (0..sents.len()).collect();
        rng.shuffle(&mut order);
        for i in order {
            self.sentence(&sents[i], rng, explore);
        }
    }

    fn sentence(&mut self, s: &ParseSent, rng: &mut Rng, explore: bool) {
        let n = s.heads.len();
        let mut st = State::new(n);
        let mut keys = Vec::with_capacity(96);
        let mut lkeys = Vec::with_capacity(96);
        let mut lscores = vec![0f32; self.label_names.len()];
        while !st.done() {
            let ctx = st.context(&s.w, &s.t, &self.label_h);
            parse_features(&ctx, &mut keys);
            let mut scores = [0f32; N_ACTIONS];
            self.actions.score(&keys, &mut scores);
            let costs = st.costs(&s.heads);
            let min = *costs.iter().min().unwrap();
            let pred = best_valid(&st, &scores);
            let gold = best_action(&scores, |a| costs[a] == min).expect("a least cost");
            self.actions.update(&keys, gold, pred);
            self.actions.tick();
            let follow = if costs[pred] == min || (explore && rng.unit() < 0.9) {
                pred
            } else {
                gold
            };
            let label = match st.arc(follow) {
                Some((_, h)) if h == n => self.root,
                Some((d, h)) => {
                    label_keys(&ctx, follow, &mut lkeys);
                    lscores.fill(0.0);
                    self.labels.score(&lkeys, &mut lscores);
                    let guess = best_label(&lscores, self.root);
                    if s.heads[d] as usize == h {
                        self.labels
                            .update(&lkeys, s.labels[d] as usize, guess as usize);
                        self.labels.tick();
                    }
                    guess
                }
                None => 0,
            };
            st.apply(follow, label);
        }
    }
}

/// Attachment scores of `parser` on `sents`: (UAS, LAS) as shares of words.
pub fn attachment(parser: &Parser, sents: &[ParseSent]) -> (f64, f64) {
    let (mut u, mut l, mut all) = (0usize, 0usize, 0usize);
    for s in sents {
        for (d, (h, lab)) in parser.parse(&s.w, &s.t).into_iter().enumerate() {
            all += 1;
            if h == s.heads[d] {
                u += 1;
                if lab == s.labels[d] {
                    l += 1;
                }
            }
        }
    }
    (u as f64 / all.max(1) as f64, l as f64 / all.max(1) as f64)
}

/// Tables of one chosen epoch.
pub struct Chosen {
    pub epoch: usize,
    pub actions: Sparse,
    pub labels: Sparse,
    pub uas: f64,
    pub las: f64,
}
