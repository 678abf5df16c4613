//! Clustering scores over one set of items: B-cubed, pairwise, MUC and CEAF-e.
//!
//! A clustering is a label per item (`key[i]`, `response[i]`); both label the same items, so items a
//! system leaves out must be given their own singleton label by the caller (and the caller says so).

use std::collections::HashMap;

/// Precision, recall, F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    pub p: f64,
    pub r: f64,
    pub f: f64,
}

impl Prf {
    fn new(p: f64, r: f64) -> Prf {
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        Prf { p, r, f }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.1}% R {:.1}% F1 {:.1}%",
            100.0 * self.p,
            100.0 * self.r,
            100.0 * self.f
        )
    }
}

/// Key cluster sizes, response cluster sizes, and (key, response) -> shared items.
type Counts = (
    HashMap<usize, usize>,
    HashMap<usize, usize>,
    HashMap<(usize, usize), usize>,
);

/// Cluster sizes and the contingency table (key label, response label) -> shared items.
fn counts(key: &[usize], resp: &[usize]) -> Counts {
    assert_eq!(
        key.len(),
        resp.len(),
        "key and response label the same items"
    );
    let (mut k, mut r, mut c) = (HashMap::new(), HashMap::new(), HashMap::new());
    for (&a, &b) in key.iter().zip(resp) {
        *k.entry(a).or_insert(0) += 1;
        *r.entry(b).or_insert(0) += 1;
        *c.entry((a, b)).or_insert(0) += 1;
    }
    (k, r, c)
}

/// B-cubed (Bagga & Baldwin 1998): per item, the share of its response cluster that is in its key
/// cluster (precision) and the reverse (recall), averaged over items.
pub fn bcubed(key: &[usize], resp: &[usize]) -> Prf {
    if key.is_empty() {
        return Prf::default();
    }
    let (k, r, c) = counts(key, resp);
    let (mut p, mut rc) = (0.0, 0.0);
    for (&(a, b), &n) in &c {
        let n = n as f64;
        p += n * n / r[&b] as f64;
        rc += n * n / k[&a] as f64;
    }
    let len = key.len() as f64;
    Prf::new(p / len, rc / len)
}

fn pairs(n: usize) -> f64 {
    (n * n.saturating_sub(1) / 2) as f64
}

/// Pairwise: item pairs put together by the response that the key puts together.
pub fn pairwise(key: &[usize], resp: &[usize]) -> Prf {
    let (k, r, c) = counts(key, resp);
    let tp: f64 = c.values().map(|&n| pairs(n)).sum();
    let kp: f64 = k.values().map(|&n| pairs(n)).sum();
    let rp: f64 = r.values().map(|&n| pairs(n)).sum();
    Prf::new(
        if rp > 0.0 { tp / rp } else { 0.0 },
        if kp > 0.0 { tp / kp } else { 0.0 },
    )
}

/// MUC (Vilain et al. 1995): links needed to rebuild the key from the response's partition.
pub fn muc(key: &[usize], resp: &[usize]) -> Prf {
    let (k, r, c) = counts(key, resp);
    let mut parts_k: HashMap<usize, usize> = HashMap::new();
    let mut parts_r: HashMap<usize, usize> = HashMap::new();
    for &(a, b) in c.keys() {
        *parts_k.entry(a).or_insert(0) += 1;
        *parts_r.entry(b).or_insert(0) += 1;
    }
    let rn: f64 = k.iter().map(|(a, &n)| (n - parts_k[a]) as f64).sum();
    let rd: f64 = k.values().map(|&n| (n - 1) as f64).sum();
    let pn: f64 = r.iter().map(|(b, &n)| (n - parts_r[b]) as f64).sum();
    let pd: f64 = r.values().map(|&n| (n - 1) as f64).sum();
    Prf::new(
        if pd > 0.0 { pn / pd } else { 0.0 },
        if rd > 0.0 { rn / rd } else { 0.0 },
    )
}

/// CEAF-e (Luo 2005): the best one-to-one alignment of key and response clusters under
/// phi4 = 2|K∩R| / (|K| + |R|); solved exactly per connected component of the overlap graph.
pub fn ceaf_e(key: &[usize], resp: &[usize]) -> Prf {
    let (k, r, c) = counts(key, resp);
    if k.is_empty() {
        return Prf::default();
    }
    // components over key and response clusters
    let kl: Vec<usize> = k.keys().copied().collect();
    let rl: Vec<usize> = r.keys().copied().collect();
    let ki: HashMap<usize, usize> = kl.iter().enumerate().map(|(i, &a)| (a, i)).collect();
    let ri: HashMap<usize, usize> = rl
        .iter()
        .enumerate()
        .map(|(i, &b)| (b, kl.len() + i))
        .collect();
    let mut parent: Vec<usize> = (0..kl.len() + rl.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(a, b) in c.keys() {
        let (x, y) = (find(&mut parent, ki[&a]), find(&mut parent, ri[&b]));
        parent[x] = y;
    }
    let mut comps: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for &a in &kl {
        let root = find(&mut parent, ki[&a]);
        comps.entry(root).or_default().0.push(a);
    }
    for &b in &rl {
        let root = find(&mut parent, ri[&b]);
        comps.entry(root).or_default().1.push(b);
    }
    let mut total = 0.0;
    for (ks, rs) in comps.values() {
        let n = ks.len().max(rs.len());
        let mut sim = vec![vec![0.0f64; n]; n];
        for (i, a) in ks.iter().enumerate() {
            for (j, b) in rs.iter().enumerate() {
                if let Some(&x) = c.get(&(*a, *b)) {
                    sim[i][j] = 2.0 * x as f64 / (k[a] + r[b]) as f64;
                }
            }
        }
        total += max_assignment(&sim);
    }
    Prf::new(total / r.len() as f64, total / k.len() as f64)
}

/// The maximum total weight of a perfect matching of a square matrix (Hungarian algorithm).
fn max_assignment(w: &[Vec<f64>]) -> f64 {
    let n = w.len();
    if n == 0 {
        return 0.0;
    }
    // minimise cost = -w, 1-based potentials (e-maxx formulation)
    let inf = f64::INFINITY;
    let (mut u, mut v) = (vec![0.0; n + 1], vec![0.0; n + 1]);
    let (mut p, mut way) = (vec![0usize; n + 1], vec![0usize; n + 1]);
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0;
        let mut minv = vec![inf; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = inf;
            let mut j1 = 0;
            for j in 1..=n {
                if !used[j] {
                    let cur = -w[i0 - 1][j - 1] - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    (1..=n).map(|j| w[p[j] - 1][j - 1]).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn perfect_and_singletons() {
        let key = [0, 0, 1, 1, 1];
        for f in [bcubed, pairwise, muc, ceaf_e] {
            let s = f(&key, &key);
            assert!((s.f - 1.0).abs() < 1e-9, "{s:?}");
        }
        let single = [0, 1, 2, 3, 4];
        let b = bcubed(&key, &single);
        assert!((b.p - 1.0).abs() < 1e-9);
        assert!((b.r - (2.0 * 0.5 + 3.0 / 3.0) / 5.0).abs() < 1e-9);
        assert_eq!(pairwise(&key, &single).r, 0.0);
        assert_eq!(muc(&key, &single).r, 0.0);
    }

    #[test]
    fn textbook_values() {
        // key {a b c} {d e}; response {a b} {c d e}
        let key = [0, 0, 0, 1, 1];
        let resp = [0, 0, 1, 1, 1];
        let b = bcubed(&key, &resp);
        // precision: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3)/5
        assert!((b.p - (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-9);
        let m = muc(&key, &resp);
        // MUC: key links 2 + 1, one of the 3 missing; response links 1 + 2, one wrong
        assert!((m.r - 2.0 / 3.0).abs() < 1e-9 && (m.p - 2.0 / 3.0).abs() < 1e-9);
        let pw = pairwise(&key, &resp);
        assert!((pw.p - 2.0 / 4.0).abs() < 1e-9 && (pw.r - 2.0 / 4.0).abs() < 1e-9);
        let c = ceaf_e(&key, &resp);
        // best: {abc}-{ab} 0.8, {de}-{cde} 0.8
        assert!(
            (c.p - 0.8).abs() < 1e-9 && (c.r - 0.8).abs() < 1e-9,
            "{c:?}"
        );
    }
}
