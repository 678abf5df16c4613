//! The dependency parser: a greedy arc-hybrid transition system (Kuhlmann et al. 2011) with the
//! root at the end of the buffer, scored by an averaged perceptron over the features of
//! [`super::features::parse_features`], and a second perceptron that labels each arc.
//!
//! Actions: `SHIFT` moves b0 onto the stack; `LEFT` makes b0 the head of s0 and pops it; `RIGHT`
//! makes s1 the head of s0 and pops it. b0 is the root only once every word but one is attached,
//! so every sentence gets exactly one root and every word a head. [`State::costs`] is the dynamic
//! oracle of Goldberg and Nivre (2013): how many gold arcs an action makes unreachable, which the
//! trainer uses to learn from the parser's own mistakes.

use super::features::{label_features, parse_features, ParseCtx, Slot, NONE, SLOTS};
use super::weights::Sparse;

pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
/// Number of actions.
pub const N_ACTIONS: usize = 3;

const NO: u32 = u32::MAX;

/// A parser configuration over `n` words (word `n` is the root).
pub struct State {
    n: usize,
    pub stack: Vec<u32>,
    /// The buffer's front (`n`: only the root is left).
    pub b: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
    /// Two leftmost and two rightmost children of each word (and the root).
    lefts: Vec<[u32; 2]>,
    rights: Vec<[u32; 2]>,
    nl: Vec<u8>,
    nr: Vec<u8>,
}

impl State {
    pub fn new(n: usize) -> Self {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NO; n],
            labels: vec![0; n],
            lefts: vec![[NO; 2]; n + 1],
            rights: vec![[NO; 2]; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
        }
    }

    pub fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    pub fn valid(&self, action: usize) -> bool {
        match action {
            SHIFT => self.b < self.n,
            LEFT => !self.stack.is_empty() && (self.b < self.n || self.stack.len() == 1),
            _ => self.stack.len() >= 2,
        }
    }

    /// The word `action` attaches and its new head (for `LEFT` and `RIGHT`).
    pub fn arc(&self, action: usize) -> Option<(usize, usize)> {
        let s0 = *self.stack.last()? as usize;
        match action {
            LEFT => Some((s0, self.b)),
            RIGHT => Some((s0, self.stack[self.stack.len() - 2] as usize)),
            _ => None,
        }
    }

    /// Applies a valid action; `label` is the arc's label.
    pub fn apply(&mut self, action: usize, label: u16) {
        if action == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let (d, h) = self.arc(action).expect("a valid arc action");
        self.stack.pop();
        self.heads[d] = h as u32;
        self.labels[d] = label;
        if d < h {
            self.nl[h] += 1;
            let l = &mut self.lefts[h];
            if l[0] == NO || (d as u32) < l[0] {
                *l = [d as u32, l[0]];
            } else if l[1] == NO || (d as u32) < l[1] {
                l[1] = d as u32;
            }
        } else {
            self.nr[h] += 1;
            let r = &mut self.rights[h];
            if r[0] == NO || (d as u32) > r[0] {
                *r = [d as u32, r[0]];
            } else if r[1] == NO || (d as u32) > r[1] {
                r[1] = d as u32;
            }
        }
    }

    /// Gold arcs lost by each action (`u32::MAX` for an invalid one), given the gold heads
    /// (`n` for the root).
    pub fn costs(&self, gold: &[u32]) -> [u32; N_ACTIONS] {
        let mut c = [u32::MAX; N_ACTIONS];
        let n = self.n as u32;
        let b = self.b as u32;
        let deps_in_buffer = |x: u32| (self.b..self.n).filter(|&d| gold[d] == x).count() as u32;
        if self.valid(SHIFT) {
            let s0 = self.stack.last().copied();
            let lost_deps = self
                .stack
                .iter()
                .filter(|&&d| gold[d as usize] == b)
                .count() as u32;
            let gh = gold[self.b];
            let lost_head = (gh != n && Some(gh) != s0 && self.stack.contains(&gh)) as u32;
            c[SHIFT] = lost_deps + lost_head;
        }
        if let Some(&s0) = self.stack.last() {
            let gh = gold[s0 as usize];
            let s1 = (self.stack.len() >= 2).then(|| self.stack[self.stack.len() - 2]);
            let deps = deps_in_buffer(s0);
            if self.valid(LEFT) {
                let reachable_elsewhere = gh != b && (Some(gh) == s1 || gh > b);
                c[LEFT] = deps + reachable_elsewhere as u32;
            }
            if self.valid(RIGHT) {
                let reachable_elsewhere = Some(gh) != s1 && gh >= b;
                c[RIGHT] = deps + reachable_elsewhere as u32;
            }
        }
        c
    }

    /// Fills the feature context from the words' hashed forms and tags (`n + 1` long, the root
    /// last) and the label hashes.
    pub fn context(&self, w: &[u64], t: &[u64], label_h: &[u64]) -> ParseCtx {
        let mut c = ParseCtx {
            w: [NONE; SLOTS],
            t: [NONE; SLOTS],
            l: [NONE; SLOTS],
            d_s0b0: 0,
            d_s1s0: 0,
            s0_vl: 0,
            s0_vr: 0,
            b0_vl: 0,
        };
        let at = |k: usize| -> u32 {
            if self.stack.len() > k {
                self.stack[self.stack.len() - 1 - k]
            } else {
                NO
            }
        };
        let (s0, s1, s2) = (at(0), at(1), at(2));
        let b = self.b as u32;
        let buf = |k: u32| if b + k <= self.n as u32 { b + k } else { NO };
        let child = |x: u32, left: bool, k: usize| -> u32 {
            if x == NO {
                NO
            } else if left {
                self.lefts[x as usize][k]
            } else {
                self.rights[x as usize][k]
            }
        };
        let slots = [
            (Slot::S0, s0),
            (Slot::S1, s1),
            (Slot::S2, s2),
            (Slot::B0, buf(0)),
            (Slot::B1, buf(1)),
            (Slot::B2, buf(2)),
            (Slot::S0L, child(s0, true, 0)),
            (Slot::S0L2, child(s0, true, 1)),
            (Slot::S0R, child(s0, false, 0)),
            (Slot::S0R2, child(s0, false, 1)),
            (Slot::S1L, child(s1, true, 0)),
            (Slot::S1R, child(s1, false, 0)),
            (Slot::B0L, child(b, true, 0)),
            (Slot::B0L2, child(b, true, 1)),
        ];
        for (slot, x) in slots {
            if x != NO {
                let x = x as usize;
                c.w[slot as usize] = w[x];
                c.t[slot as usize] = t[x];
                if x < self.n && self.heads[x] != NO {
                    c.l[slot as usize] = label_h[self.labels[x] as usize];
                }
            }
        }
        if s0 != NO {
            c.d_s0b0 = (b - s0).min(6) as u64;
            c.s0_vl = self.nl[s0 as usize].min(4) as u64;
            c.s0_vr = self.nr[s0 as usize].min(4) as u64;
            if s1 != NO {
                c.d_s1s0 = (s0 - s1).min(6) as u64;
            }
        }
        c.b0_vl = self.nl[self.b].min(4) as u64 + 8;
        c
    }
}

/// The labeller's features of the arc `action` makes in the configuration `c`.
pub fn label_keys(c: &ParseCtx, action: usize, out: &mut Vec<u64>) {
    label_features(c, action == LEFT, out);
}

/// The trained parser: action and label weights and the label names.
pub struct Parser {
    pub actions: Sparse,
    pub labels: Sparse,
    pub label_names: Vec<&'static str>,
    /// Index of `root` in `label_names`.
    pub root: u16,
    /// Hashes of the label ids as features see them.
    pub label_h: Vec<u64>,
}

/// Hash of a label id for features.
pub fn label_hash(id: usize) -> u64 {
    super::features::k1(900, id as u64)
}

/// The hashed form of the root word and its tag.
pub const ROOT_W: u64 = 0x0ea1_7200_aa00_0001;

impl Parser {
    pub fn new(actions: Sparse, labels: Sparse, label_names: Vec<&'static str>) -> Self {
        let root = label_names.iter().position(|&l| l == "root").unwrap_or(0) as u16;
        let label_h = (0..label_names.len()).map(label_hash).collect();
        Parser {
            actions,
            labels,
            label_names,
            root,
            label_h,
        }
    }

    /// Parses one sentence: `w` and `t` hold the hashed normalised form and tag of each word and
    /// the root last (`n + 1` long). Returns `(head, label)` per word, head `n` for the root.
    pub fn parse(&self, w: &[u64], t: &[u64]) -> Vec<(u32, u16)> {
        let n = w.len() - 1;
        let mut st = State::new(n);
        let mut keys = Vec::with_capacity(96);
        let mut lkeys = Vec::with_capacity(96);
        let mut scores = [0f32; N_ACTIONS];
        let mut lscores = vec![0f32; self.label_names.len()];
        while !st.done() {
            let ctx = st.context(w, t, &self.label_h);
            parse_features(&ctx, &mut keys);
            scores.fill(0.0);
            self.actions.score(&keys, &mut scores);
            let action = best_valid(&st, &scores);
            let label = self.label_for(&st, action, &ctx, &mut lkeys, &mut lscores);
            st.apply(action, label);
        }
        st.heads
            .iter()
            .zip(&st.labels)
            .map(|(&h, &l)| (h, l))
            .collect()
    }

    /// The label of the arc `action` makes (`root` for an arc to the root, 0 for `SHIFT`).
    pub fn label_for(
        &self,
        st: &State,
        action: usize,
        ctx: &ParseCtx,
        lkeys: &mut Vec<u64>,
        lscores: &mut [f32],
    ) -> u16 {
        let Some((_, h)) = st.arc(action) else {
            return 0;
        };
        if h == st.heads.len() {
            return self.root;
        }
        label_keys(ctx, action, lkeys);
        lscores.fill(0.0);
        self.labels.score(lkeys, lscores);
        best_label(lscores, self.root)
    }
}

/// The best-scoring action that `ok` allows (the lowest among equals), if any.
pub fn best_action(scores: &[f32; N_ACTIONS], ok: impl Fn(usize) -> bool) -> Option<usize> {
    (0..N_ACTIONS)
        .filter(|&a| ok(a))
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
}

/// The best-scoring valid action.
pub fn best_valid(st: &State, scores: &[f32; N_ACTIONS]) -> usize {
    best_action(scores, |a| st.valid(a))
        .expect("a configuration that is not final has a valid action")
}

/// The best label other than `root` (which only arcs to the root carry).
pub fn best_label(scores: &[f32], root: u16) -> u16 {
    (0..scores.len())
        .filter(|&l| l != root as usize)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0) as u16
}
