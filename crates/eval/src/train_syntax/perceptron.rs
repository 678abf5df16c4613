//! The averaged perceptron the syntax models are trained with: dense rows per feature while
//! learning, averaged lazily (each weight remembers when it last changed), handed to
//! [`extract::syntax::weights::Sparse::from_dense`] at the end.

use extract::ner::features::FastMap;
use extract::syntax::weights::Sparse;

/// Weights being learned for `n` classes.
pub struct Averaged {
    n: usize,
    index: FastMap<u64, u32>,
    keys: Vec<u64>,
    w: Vec<f32>,
    total: Vec<f32>,
    stamp: Vec<u32>,
    /// Updates of each row (features seen in fewer mistakes are dropped by [`Averaged::to_sparse`]).
    updates: Vec<u32>,
    /// Number of predictions made so far (the averaging clock).
    t: u32,
}

impl Averaged {
    pub fn new(n: usize) -> Self {
        Averaged {
            n,
            index: FastMap::default(),
            keys: Vec::new(),
            w: Vec::new(),
            total: Vec::new(),
            stamp: Vec::new(),
            updates: Vec::new(),
            t: 1,
        }
    }

    /// Adds the current (not averaged) weights of `keys` to `out`.
    pub fn score(&self, keys: &[u64], out: &mut [f32]) {
        for k in keys {
            if let Some(&r) = self.index.get(k) {
                let row = &self.w[r as usize * self.n..(r as usize + 1) * self.n];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += w;
                }
            }
        }
    }

    /// One more prediction made.
    pub fn tick(&mut self) {
        self.t += 1;
    }

    /// Moves the weights of `keys` towards `truth` and away from `guess`.
    pub fn update(&mut self, keys: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &k in keys {
            let next = self.keys.len() as u32;
            let r = *self.index.entry(k).or_insert(next) as usize;
            if r == next as usize {
                self.keys.push(k);
                self.w.resize(self.w.len() + self.n, 0.0);
                self.total.resize(self.total.len() + self.n, 0.0);
                self.stamp.resize(self.stamp.len() + self.n, 0);
                self.updates.push(0);
            }
            self.updates[r] += 1;
            for (c, d) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = r * self.n + c;
                self.total[i] += (self.t - self.stamp[i]) as f32 * self.w[i];
                self.stamp[i] = self.t;
                self.w[i] += d;
            }
        }
    }

    /// The averaged weights as a compact table, dropping weights below `prune` and the features
    /// updated fewer than `min_updates` times.
    pub fn to_sparse(&self, prune: f32, min_updates: u32) -> Sparse {
        let t = self.t as f32;
        let avg: Vec<f32> = (0..self.w.len())
            .map(|i| {
                if self.updates[i / self.n] < min_updates {
                    0.0
                } else {
                    (self.total[i] + (self.t - self.stamp[i]) as f32 * self.w[i]) / t
                }
            })
            .collect();
        Sparse::from_dense(self.n, &self.keys, &avg, prune)
    }
}

/// A small deterministic generator (xorshift64*) for shuffling and exploration.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed.max(1))
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}
