//! The weight table of the syntax models: averaged-perceptron weights, read-only, compact.
//!
//! A [`Sparse`] table maps a hashed feature key to the classes it has a weight for (a bit mask, at
//! most 128 classes) and those weights. Scoring a set of features adds each feature's weights to a
//! score per class. The trainer (`crates/eval`, `train-syntax`) keeps dense rows while it learns and
//! hands them to [`Sparse::from_dense`], which drops the weights too small to matter; the file
//! layout is [`Sparse::write`] / [`Sparse::read`] (little endian, weights quantised to `i16`).

/// Maximum number of classes of one table (the width of the class mask).
pub const MAX_CLASSES: usize = 128;

/// Bytes of the class mask of a table of `n` classes in the file.
fn mask_bytes(n: usize) -> usize {
    n.div_ceil(8).max(1)
}

#[derive(Clone, Copy)]
struct Slot {
    key: u64,
    mask: u128,
    /// Offset of the first weight in `vals`.
    off: u32,
}

const EMPTY: u64 = 0;

#[inline]
fn slot_key(k: u64) -> u64 {
    if k == EMPTY {
        1
    } else {
        k
    }
}

/// A feature of a table of at most [`INLINE`] classes, its weights beside its key: one memory
/// fetch per feature (the parser's action table is read twice per word).
#[derive(Clone, Copy)]
struct InlineSlot {
    key: u64,
    w: [f32; INLINE],
}

/// Tables of at most this many classes keep their weights inline.
const INLINE: usize = 3;

/// Feature weights for up to [`MAX_CLASSES`] classes.
pub struct Sparse {
    n_classes: usize,
    slots: Vec<Slot>,
    inline: Vec<InlineSlot>,
    mask: usize,
    vals: Vec<f32>,
    rows: usize,
}

impl Sparse {
    fn build(n_classes: usize, rows: Vec<(u64, u128, Vec<f32>)>) -> Self {
        assert!(n_classes <= MAX_CLASSES, "{n_classes} classes");
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        if n_classes <= INLINE {
            return Self::build_inline(n_classes, rows);
        }
        let mut t = Sparse {
            n_classes,
            inline: Vec::new(),
            slots: vec![
                Slot {
                    key: EMPTY,
                    mask: 0,
                    off: 0
                };
                cap
            ],
            mask: cap - 1,
            vals: Vec::new(),
            rows: rows.len(),
        };
        for (key, mask, vals) in rows {
            let k = slot_key(key);
            let mut s = k as usize & t.mask;
            while t.slots[s].key != EMPTY && t.slots[s].key != k {
                s = (s + 1) & t.mask;
            }
            t.slots[s] = Slot {
                key: k,
                mask,
                off: t.vals.len() as u32,
            };
            t.vals.extend(vals);
        }
        t
    }

    fn build_inline(n_classes: usize, rows: Vec<(u64, u128, Vec<f32>)>) -> Self {
        let cap = (rows.len() * 2).next_power_of_two().max(16);
        let mut t = Sparse {
            n_classes,
            slots: Vec::new(),
            inline: vec![
                InlineSlot {
                    key: EMPTY,
                    w: [0.0; INLINE]
                };
                cap
            ],
            mask: cap - 1,
            vals: Vec::new(),
            rows: rows.len(),
        };
        for (key, mask, vals) in rows {
            let k = slot_key(key);
            let mut s = k as usize & t.mask;
            while t.inline[s].key != EMPTY && t.inline[s].key != k {
                s = (s + 1) & t.mask;
            }
            let mut w = [0.0; INLINE];
            let mut v = vals.into_iter();
            for (c, x) in w.iter_mut().enumerate() {
                if mask >> c & 1 == 1 {
                    *x = v.next().unwrap_or(0.0);
                }
            }
            t.inline[s] = InlineSlot { key: k, w };
        }
        t
    }

    /// The features and their non-zero weights (mask, values).
    fn entries(&self) -> Vec<(u64, u128, Vec<f32>)> {
        if !self.inline.is_empty() {
            return self
                .inline
                .iter()
                .filter(|s| s.key != EMPTY)
                .map(|s| {
                    let mask = (0..INLINE)
                        .filter(|&c| s.w[c] != 0.0)
                        .fold(0u128, |m, c| m | 1 << c);
                    (
                        s.key,
                        mask,
                        s.w.iter().copied().filter(|&x| x != 0.0).collect(),
                    )
                })
                .collect();
        }
        self.slots
            .iter()
            .filter(|s| s.key != EMPTY)
            .map(|s| {
                let n = s.mask.count_ones() as usize;
                (
                    s.key,
                    s.mask,
                    self.vals[s.off as usize..s.off as usize + n].to_vec(),
                )
            })
            .collect()
    }

    /// Keeps, of each dense row (`n_classes` weights per key), the weights of magnitude at least
    /// `prune`.
    pub fn from_dense(n_classes: usize, keys: &[u64], rows: &[f32], prune: f32) -> Self {
        assert_eq!(rows.len(), keys.len() * n_classes);
        let mut out = Vec::new();
        for (r, &key) in keys.iter().enumerate() {
            let row = &rows[r * n_classes..(r + 1) * n_classes];
            let mut mask = 0u128;
            let mut vals = Vec::new();
            for (c, &v) in row.iter().enumerate() {
                if v.abs() >= prune && v != 0.0 {
                    mask |= 1 << c;
                    vals.push(v);
                }
            }
            if mask != 0 {
                out.push((key, mask, vals));
            }
        }
        Self::build(n_classes, out)
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of features with at least one weight.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    /// Adds the weights of `keys` to `scores` (`n_classes` long).
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [f32]) {
        if !self.inline.is_empty() {
            return self.score_inline(keys, scores);
        }
        // Three passes: touch every home slot, then find the slots and touch their weights, then
        // add. The loads of each pass are independent, so the CPU overlaps their cache misses
        // (most of the time of a lookup is the miss).
        let mut touch = 0u64;
        for &key in keys {
            touch ^= self.slots[slot_key(key) as usize & self.mask].key;
        }
        let mut found: [(u128, u32); 64] = [(0, 0); 64];
        for chunk in keys.chunks(64) {
            let mut n = 0;
            for &key in chunk {
                if let Some(slot) = self.find(key) {
                    touch ^= self.vals[slot.off as usize].to_bits() as u64;
                    found[n] = (slot.mask, slot.off);
                    n += 1;
                }
            }
            for &(mask, off) in &found[..n] {
                let mut m = mask;
                let mut i = off as usize;
                while m != 0 {
                    let c = m.trailing_zeros() as usize;
                    scores[c] += self.vals[i];
                    i += 1;
                    m &= m - 1;
                }
            }
        }
        std::hint::black_box(touch);
    }

    #[inline]
    fn find(&self, key: u64) -> Option<&Slot> {
        let k = slot_key(key);
        let mut s = k as usize & self.mask;
        loop {
            let slot = &self.slots[s];
            if slot.key == k {
                return Some(slot);
            }
            if slot.key == EMPTY {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    #[inline]
    fn score_inline(&self, keys: &[u64], scores: &mut [f32]) {
        let mut touch = 0u64;
        for &key in keys {
            touch ^= self.inline[slot_key(key) as usize & self.mask].key;
        }
        std::hint::black_box(touch);
        for &key in keys {
            let k = slot_key(key);
            let mut s = k as usize & self.mask;
            loop {
                let slot = &self.inline[s];
                if slot.key == k {
                    for (o, w) in scores.iter_mut().zip(&slot.w) {
                        *o += w;
                    }
                    break;
                }
                if slot.key == EMPTY {
                    break;
                }
                s = (s + 1) & self.mask;
            }
        }
    }

    /// Appends the table: class count, row count, scale, then per row key, mask (one bit per
    /// class, in whole bytes) and `i16` weights.
    pub fn write(&self, out: &mut Vec<u8>) {
        let entries = self.entries();
        let max = entries
            .iter()
            .flat_map(|e| e.2.iter())
            .fold(0f32, |a, &b| a.max(b.abs()))
            .max(1e-9);
        let scale = max / 32767.0;
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for (key, mask, vals) in entries {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&mask.to_le_bytes()[..mask_bytes(self.n_classes)]);
            for v in vals {
                let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        }
    }

    /// Reads a table written by [`Sparse::write`] from `r`.
    pub fn read(r: &mut super::format::Reader) -> Result<Self, String> {
        let n_classes = r.u32()? as usize;
        if n_classes > MAX_CLASSES {
            return Err(format!("{n_classes} classes (at most {MAX_CLASSES})"));
        }
        let n_rows = r.u32()? as usize;
        let scale = r.f32()?;
        let mut rows = Vec::with_capacity(n_rows.min(1 << 24));
        for _ in 0..n_rows {
            let key = r.u64()?;
            let mut m = [0u8; 16];
            m[..mask_bytes(n_classes)].copy_from_slice(r.bytes(mask_bytes(n_classes))?);
            let mask = u128::from_le_bytes(m);
            if n_classes < 128 && mask >> n_classes != 0 {
                return Err("a weight for a class out of range".into());
            }
            let n = mask.count_ones() as usize;
            let mut vals = Vec::with_capacity(n);
            for _ in 0..n {
                vals.push(r.i16()? as f32 * scale);
            }
            rows.push((key, mask, vals));
        }
        Ok(Self::build(n_classes, rows))
    }
}
