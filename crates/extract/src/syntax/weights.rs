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

/// Where the weights of a feature of a table of more than [`INLINE`] classes are.
#[derive(Clone, Copy)]
struct Row {
    /// The classes with a weight (bits 0-63, 64-127).
    mask: [u64; 2],
    /// Offset of the first weight in `vals`.
    off: u32,
}

impl Row {
    fn mask(&self) -> u128 {
        self.mask[0] as u128 | (self.mask[1] as u128) << 64
    }
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

/// Tables of at most this many classes keep their weights per slot (`inline`), without a mask.
const INLINE: usize = 3;

/// Asks the CPU to bring the cache line of `x` in, without waiting for it.
#[inline(always)]
fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    {
        use std::arch::x86_64::{_mm_prefetch, _MM_HINT_T0};
        // SAFETY: a prefetch is only a hint: it reads nothing into the program and cannot fault;
        // the pointer comes from a reference anyway. (SSE, which it needs, is part of x86-64.)
        unsafe { _mm_prefetch::<_MM_HINT_T0>((x as *const T).cast::<i8>()) };
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}

/// `n` copies of `fill` in memory the kernel is asked to back with huge pages (2 MiB): the
/// tables are read at random, and on 4 KiB pages nearly every lookup would also miss the TLB.
/// Only a hint: where transparent huge pages are off, or elsewhere than Linux, it is a plain
/// vector.
fn table<T: Clone>(fill: T, n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    huge_pages(v.as_ptr().cast(), n * std::mem::size_of::<T>());
    v.resize(n, fill);
    v
}

#[cfg(target_os = "linux")]
fn huge_pages(p: *const u8, len: usize) {
    const HUGE: usize = 2 << 20;
    let start = (p as usize).next_multiple_of(HUGE);
    let end = (p as usize).saturating_add(len) / HUGE * HUGE;
    if end > start {
        // SAFETY: [start, end) lies inside the allocation of `len` bytes at `p`, which the caller
        // owns and has not handed out; MADV_HUGEPAGE changes how the kernel backs those pages,
        // never their contents, and its failure (huge pages disabled) leaves them as they were,
        // so the result is ignored.
        unsafe {
            libc::madvise(start as *mut libc::c_void, end - start, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn huge_pages(_: *const u8, _: usize) {}

/// Feature weights for up to [`MAX_CLASSES`] classes: an open-addressing table (linear probing,
/// at most half full) whose keys are an array of their own, so that probing, and above all
/// missing (most features of a sentence were never seen in training), reads 8 keys per cache
/// line and never the weights; the slot found then gives its weights in `rows` + `vals`, or in
/// `inline` for a table of at most [`INLINE`] classes.
pub struct Sparse {
    n_classes: usize,
    /// Key per slot ([`EMPTY`]: free).
    keys: Vec<u64>,
    /// Per slot, of a table of more than [`INLINE`] classes.
    rows: Vec<Row>,
    /// Per slot, of a table of at most [`INLINE`] classes (0 for a class without a weight).
    inline: Vec<[f32; INLINE]>,
    mask: usize,
    vals: Vec<f32>,
    len: usize,
}

impl Sparse {
    fn build(n_classes: usize, rows: Vec<(u64, u128, Vec<f32>)>) -> Self {
        let mut t = Self::with_rows(n_classes, rows.len());
        for (key, mask, vals) in rows {
            t.insert(key, mask, &vals);
        }
        t.settle();
        t
    }

    /// Moves the weights, once all inserted, into memory of their own size ([`table`]).
    fn settle(&mut self) {
        let mut vals = table(0.0, self.vals.len());
        vals.copy_from_slice(&self.vals);
        self.vals = vals;
    }

    /// An empty table sized for `rows` features.
    fn with_rows(n_classes: usize, rows: usize) -> Self {
        assert!(n_classes <= MAX_CLASSES, "{n_classes} classes");
        let cap = (rows * 2).next_power_of_two().max(16);
        let inline = n_classes <= INLINE;
        Sparse {
            n_classes,
            keys: table(EMPTY, cap),
            rows: if inline {
                Vec::new()
            } else {
                table(
                    Row {
                        mask: [0; 2],
                        off: 0,
                    },
                    cap,
                )
            },
            inline: if inline {
                table([0.0; INLINE], cap)
            } else {
                Vec::new()
            },
            mask: cap - 1,
            vals: Vec::new(),
            len: rows,
        }
    }

    /// Adds the weights `vals` of the classes of `mask` for feature `key` (a table sized for it).
    fn insert(&mut self, key: u64, mask: u128, vals: &[f32]) {
        let k = slot_key(key);
        let mut s = k as usize & self.mask;
        while self.keys[s] != EMPTY && self.keys[s] != k {
            s = (s + 1) & self.mask;
        }
        self.keys[s] = k;
        if self.n_classes <= INLINE {
            let mut w = [0.0; INLINE];
            let mut v = vals.iter();
            for (c, x) in w.iter_mut().enumerate() {
                if mask >> c & 1 == 1 {
                    *x = v.next().copied().unwrap_or(0.0);
                }
            }
            self.inline[s] = w;
            return;
        }
        self.rows[s] = Row {
            mask: [mask as u64, (mask >> 64) as u64],
            off: self.vals.len() as u32,
        };
        self.vals.extend_from_slice(vals);
    }

    /// The features and their non-zero weights (mask, values).
    fn entries(&self) -> Vec<(u64, u128, Vec<f32>)> {
        let used = self.keys.iter().enumerate().filter(|(_, &k)| k != EMPTY);
        if self.n_classes <= INLINE {
            return used
                .map(|(s, &key)| {
                    let w = &self.inline[s];
                    let mask = (0..INLINE)
                        .filter(|&c| w[c] != 0.0)
                        .fold(0u128, |m, c| m | 1 << c);
                    (key, mask, w.iter().copied().filter(|&x| x != 0.0).collect())
                })
                .collect();
        }
        used.map(|(s, &key)| {
            let r = &self.rows[s];
            let n = r.mask().count_ones() as usize;
            let off = r.off as usize;
            (key, r.mask(), self.vals[off..off + n].to_vec())
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
        self.len
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The slot of `key`, if the table has it.
    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let k = slot_key(key);
        let mut s = k as usize & self.mask;
        loop {
            let x = self.keys[s];
            if x == k {
                return Some(s);
            }
            if x == EMPTY {
                return None;
            }
            s = (s + 1) & self.mask;
        }
    }

    /// Adds the weights of `keys` to `scores` (`n_classes` long), feature by feature in the order
    /// of `keys` (the order of the additions is part of the result: floating point).
    #[inline]
    pub fn score(&self, keys: &[u64], scores: &mut [f32]) {
        // Passes: prefetch every home slot's key, then find the slots and prefetch their
        // weights, then add. Most of the time of a lookup is its cache miss: prefetches (unlike
        // loads) retire at once, so the misses of a whole pass overlap.
        for &key in keys {
            prefetch(&self.keys[slot_key(key) as usize & self.mask]);
        }
        let mut found = [0u32; 64];
        for chunk in keys.chunks(64) {
            let mut n = 0;
            for &key in chunk {
                if let Some(s) = self.find(key) {
                    if self.n_classes <= INLINE {
                        prefetch(&self.inline[s]);
                    } else {
                        prefetch(&self.rows[s]);
                    }
                    found[n] = s as u32;
                    n += 1;
                }
            }
            if self.n_classes <= INLINE {
                for &s in &found[..n] {
                    for (o, w) in scores.iter_mut().zip(&self.inline[s as usize]) {
                        *o += w;
                    }
                }
                continue;
            }
            for &s in &found[..n] {
                if let Some(v) = self.vals.get(self.rows[s as usize].off as usize) {
                    prefetch(v);
                }
            }
            for &s in &found[..n] {
                let r = &self.rows[s as usize];
                let mut i = r.off as usize;
                for (half, &bits) in r.mask.iter().enumerate() {
                    let mut m = bits;
                    while m != 0 {
                        let c = half * 64 + m.trailing_zeros() as usize;
                        scores[c] += self.vals[i];
                        i += 1;
                        m &= m - 1;
                    }
                }
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

    /// Reads a table written by [`Sparse::write`] from `r`, straight into the hash table (no
    /// intermediate rows: loading peaks at the table's own size).
    pub fn read(r: &mut super::format::Reader) -> Result<Self, String> {
        let n_classes = r.u32()? as usize;
        if n_classes > MAX_CLASSES {
            return Err(format!("{n_classes} classes (at most {MAX_CLASSES})"));
        }
        let n_rows = r.u32()? as usize;
        if n_rows > r.remaining() {
            return Err("a count larger than the file".into());
        }
        let scale = r.f32()?;
        let mut t = Sparse::with_rows(n_classes, n_rows);
        let mut vals = [0f32; MAX_CLASSES];
        for _ in 0..n_rows {
            let key = r.u64()?;
            let mut m = [0u8; 16];
            m[..mask_bytes(n_classes)].copy_from_slice(r.bytes(mask_bytes(n_classes))?);
            let mask = u128::from_le_bytes(m);
            if n_classes < 128 && mask >> n_classes != 0 {
                return Err("a weight for a class out of range".into());
            }
            let n = mask.count_ones() as usize;
            for v in &mut vals[..n] {
                *v = r.i16()? as f32 * scale;
            }
            t.insert(key, mask, &vals[..n]);
        }
        t.settle();
        Ok(t)
    }
}
