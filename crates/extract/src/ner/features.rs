//! Feature extraction of the tagger: turns the tokens of one document into hashed feature keys.
//!
//! Every feature is a template id plus one or more strings, hashed to a `u64` ([`Hasher`]). The
//! same code runs in training and tagging, so the keys always agree. Features of token `i`:
//! its form and lowercase form, neighbours (±2) and bigrams, word shapes (`Xx`, `X.X.`, `d,d`) and
//! their combinations, prefixes and suffixes, sentence position, headline (all-caps) sentences,
//! parts of hyphenated words, gazetteer matches ([`Gazetteer`]) and document-level evidence
//! (the word also seen lowercase, or capitalised mid-sentence, elsewhere in the same document).

use std::collections::{HashMap, HashSet};
use std::hash::BuildHasherDefault;

/// A fast non-cryptographic hasher (FxHash-style) for the per-document maps; inputs are words
/// of one article, not attacker-chosen keys of a long-lived table.
#[derive(Default, Clone, Copy)]
pub struct FastHasher(u64);

impl std::hash::Hasher for FastHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            b[..chunk.len()].copy_from_slice(chunk);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(b))
                .wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
        }
    }
    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.0 = (self.0.rotate_left(5) ^ i as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// `HashSet` with [`FastHasher`].
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;
use std::ops::Range;

/// Version of the feature set: bump it whenever a template changes, so old models are refused.
pub const FEATURES_VERSION: u32 = 1;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// Builds the hash key of one feature.
#[derive(Clone, Copy)]
pub struct Hasher(u64);

impl Hasher {
    pub fn new(template: u8) -> Self {
        Hasher((FNV_OFFSET ^ template as u64).wrapping_mul(FNV_PRIME))
    }
    #[inline]
    pub fn s(mut self, s: &str) -> Self {
        for b in s.bytes() {
            self.0 = (self.0 ^ b as u64).wrapping_mul(FNV_PRIME);
        }
        self.0 = (self.0 ^ 0xff).wrapping_mul(FNV_PRIME);
        self
    }
    #[inline]
    pub fn n(mut self, v: u64) -> Self {
        self.0 = (self.0 ^ v).wrapping_mul(FNV_PRIME);
        self.0 = (self.0 ^ 0xfe).wrapping_mul(FNV_PRIME);
        self
    }
    /// The key (an avalanche of the running hash, so low bits are well mixed).
    #[inline]
    pub fn key(self) -> u64 {
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}

/// Multi-word name lists (`ner_gazetteer.tsv` style: `LABEL<TAB>name`), matched
/// longest-first on lowercase tokens.
#[derive(Default, Clone)]
pub struct Gazetteer {
    /// Lowercase token sequence (joined by a space) -> categories it belongs to.
    entries: FastMap<String, Vec<String>>,
    /// Lowercase first token -> the longest entry length (in tokens) starting with it.
    max_len: FastMap<String, usize>,
}

impl Gazetteer {
    /// Parses `category<TAB>name` lines (`#` comments); names are split on whitespace.
    pub fn parse(text: &str) -> Self {
        let mut g = Gazetteer::default();
        for line in text.lines() {
            if line.starts_with('#') {
                continue;
            }
            let Some((cat, name)) = line.split_once('\t') else {
                continue;
            };
            let words: Vec<String> = crate::tokenize::tokenize(name)
                .iter()
                .map(|t| normalize(t.span.slice(name)).to_lowercase())
                .collect();
            if words.is_empty() {
                continue;
            }
            let n = words.len();
            let m = g.max_len.entry(words[0].clone()).or_insert(0);
            *m = (*m).max(n);
            let cats = g.entries.entry(words.join(" ")).or_default();
            if !cats.iter().any(|c| c == cat) {
                cats.push(cat.to_string());
            }
        }
        g
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// For each token of a sentence, the `(category, B/I/L/U part)` matches it is in.
    fn annotate(&self, lower: &[String]) -> Vec<Vec<(&str, char)>> {
        let mut out = vec![Vec::new(); lower.len()];
        if self.entries.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < lower.len() {
            let mut matched = 0;
            if let Some(&maxn) = self.max_len.get(&lower[i]) {
                let mut key = String::new();
                let mut best: Option<(usize, &Vec<String>)> = None;
                for n in 1..=maxn.min(lower.len() - i) {
                    if n > 1 {
                        key.push(' ');
                    }
                    key.push_str(&lower[i + n - 1]);
                    if let Some(c) = self.entries.get(&key) {
                        best = Some((n, c));
                    }
                }
                if let Some((n, cats)) = best {
                    for k in 0..n {
                        let part = match (n, k) {
                            (1, _) => 'U',
                            (_, 0) => 'B',
                            (_, k) if k == n - 1 => 'L',
                            _ => 'I',
                        };
                        for c in cats {
                            out[i + k].push((c.as_str(), part));
                        }
                    }
                    matched = n;
                }
            }
            i += matched.max(1);
        }
        out
    }
}

/// Form of a token as the features see it: curly quotes and apostrophes made straight, dashes
/// made `-`, digits made `0`.
pub fn normalize(w: &str) -> String {
    let mut s = String::with_capacity(w.len());
    for c in w.chars() {
        match c {
            '’' | '‘' | 'ʼ' | '`' => s.push('\''),
            '“' | '”' | '„' | '«' | '»' | '‹' | '›' => s.push('"'),
            '–' | '—' | '‐' | '‑' | '−' => s.push('-'),
            c if c.is_ascii_digit() => s.push('0'),
            c => s.push(c),
        }
    }
    s
}

/// Collapsed word shape: `Xx`, `X.X.`, `d,d`, `Xx-x`.
pub fn shape(w: &str) -> String {
    let mut s = String::with_capacity(8);
    let mut last = '\0';
    for c in w.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k != last {
            s.push(k);
            last = k;
        }
    }
    s
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

/// Features of one document: `feats[offsets[i]..offsets[i+1]]` are token `i`'s keys.
#[derive(Default, Clone, Debug)]
pub struct DocFeatures {
    pub feats: Vec<u64>,
    pub offsets: Vec<usize>,
}

impl DocFeatures {
    pub fn token(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i]..self.offsets[i + 1]]
    }
}

/// The value of token `i + k` inside sentence `r`, or a padding marker.
fn neighbour<'v>(vals: &'v [String], r: &Range<usize>, i: usize, k: isize) -> &'v str {
    let j = i as isize + k;
    if j < r.start as isize {
        "<s>"
    } else if j >= r.end as isize {
        "</s>"
    } else {
        vals[j as usize].as_str()
    }
}

/// Extracts the features of a document given its token strings and sentence token ranges.
pub fn doc_features(words: &[&str], sentences: &[Range<usize>], gaz: &Gazetteer) -> DocFeatures {
    let n = words.len();
    let norm: Vec<String> = words.iter().map(|w| normalize(w)).collect();
    let lower: Vec<String> = norm.iter().map(|w| w.to_lowercase()).collect();
    let shapes: Vec<String> = words.iter().map(|w| shape(w)).collect();
    let evidence = doc_evidence(words, sentences, &lower);
    let (occurrences, sentence_of) = context_index(words, sentences, &lower);
    let doc = Doc {
        words,
        norm: &norm,
        lower: &lower,
        shapes: &shapes,
        evidence,
        occurrences,
        sentence_of,
    };

    let mut out = DocFeatures {
        feats: Vec::with_capacity(n * 48),
        offsets: Vec::with_capacity(n + 1),
    };
    out.offsets.push(0);
    for r in sentences {
        let gz = gaz.annotate(&lower[r.clone()]);
        for i in r.clone() {
            token_features(&mut out.feats, &doc, r, i, &gz[i - r.start]);
            out.offsets.push(out.feats.len());
        }
    }
    // Tokens outside every sentence (should not happen) get no features.
    while out.offsets.len() < n + 1 {
        out.offsets.push(out.feats.len());
    }
    out
}

/// One document's tokens in their forms, with its document-level evidence and context index.
struct Doc<'a> {
    words: &'a [&'a str],
    norm: &'a [String],
    lower: &'a [String],
    shapes: &'a [String],
    evidence: Evidence<'a>,
    /// Token indices of every capitalised word (lowercased).
    occurrences: FastMap<&'a str, Vec<usize>>,
    /// The sentence range of every token.
    sentence_of: Vec<Range<usize>>,
}

/// Document-level evidence: headline tokens, forms seen lowercase, forms capitalised mid-sentence.
struct Evidence<'a> {
    headline: Vec<bool>,
    seen_lower: FastSet<&'a str>,
    seen_cap_mid: FastSet<&'a str>,
}

/// Marks headline (all-caps) sentences and collects the forms seen lowercase and capitalised
/// mid-sentence outside them.
fn doc_evidence<'a>(
    words: &[&str],
    sentences: &[Range<usize>],
    lower: &'a [String],
) -> Evidence<'a> {
    let n = words.len();
    // Document-level evidence: forms seen lowercase, and capitalised mid-sentence in mixed-case text.
    let mut headline = vec![false; n];
    let mut seen_lower: FastSet<&str> = FastSet::default();
    let mut seen_cap_mid: FastSet<&str> = FastSet::default();
    for r in sentences {
        let alpha: Vec<usize> = r
            .clone()
            .filter(|&i| words[i].chars().any(char::is_alphabetic))
            .collect();
        let caps = alpha.iter().filter(|&&i| is_all_caps(words[i])).count();
        let is_head = alpha.len() >= 2 && caps * 10 >= alpha.len() * 8;
        for i in r.clone() {
            headline[i] = is_head;
            if is_head || i == r.start {
                continue;
            }
            let w = words[i];
            if w.chars().next().is_some_and(char::is_lowercase) {
                seen_lower.insert(lower[i].as_str());
            } else if is_cap(w) && !is_all_caps(w) {
                seen_cap_mid.insert(lower[i].as_str());
            }
        }
    }
    Evidence {
        headline,
        seen_lower,
        seen_cap_mid,
    }
}

/// Where each capitalised word occurs in the document, and each token's sentence range.
fn context_index<'a>(
    words: &[&str],
    sentences: &[Range<usize>],
    lower: &'a [String],
) -> (FastMap<&'a str, Vec<usize>>, Vec<Range<usize>>) {
    let n = words.len();
    // Context aggregation: where else in the document does this capitalised word occur, and
    // next to which words.
    let mut occurrences: FastMap<&str, Vec<usize>> = FastMap::default();
    let mut sentence_of = vec![0..0; n];
    for r in sentences {
        for i in r.clone() {
            sentence_of[i] = r.clone();
            if is_cap(words[i]) && words[i].chars().any(char::is_alphabetic) {
                occurrences.entry(lower[i].as_str()).or_default().push(i);
            }
        }
    }
    (occurrences, sentence_of)
}

/// Appends the features of token `i` (in sentence `r`, with gazetteer matches `gz`) to `f`.
fn token_features(f: &mut Vec<u64>, doc: &Doc, r: &Range<usize>, i: usize, gz: &[(&str, char)]) {
    let (lower, shapes, norm) = (doc.lower, doc.shapes, doc.norm);
    let headline = &doc.evidence.headline;
    let w = doc.words[i];
    let lw = lower[i].as_str();
    let sh = shapes[i].as_str();
    let l_m1 = neighbour(lower, r, i, -1);
    let l_p1 = neighbour(lower, r, i, 1);
    let l_m2 = neighbour(lower, r, i, -2);
    let l_p2 = neighbour(lower, r, i, 2);
    let s_m1 = neighbour(shapes, r, i, -1);
    let s_p1 = neighbour(shapes, r, i, 1);
    f.push(Hasher::new(1).key());
    f.push(Hasher::new(2).s(lw).key());
    f.push(Hasher::new(3).s(&norm[i]).key());
    f.push(Hasher::new(4).s(l_m1).key());
    f.push(Hasher::new(5).s(l_p1).key());
    f.push(Hasher::new(6).s(l_m2).key());
    f.push(Hasher::new(7).s(l_p2).key());
    f.push(Hasher::new(8).s(l_m1).s(lw).key());
    f.push(Hasher::new(9).s(lw).s(l_p1).key());
    f.push(Hasher::new(10).s(sh).key());
    f.push(Hasher::new(11).s(s_m1).key());
    f.push(Hasher::new(12).s(s_p1).key());
    f.push(Hasher::new(13).s(s_m1).s(sh).key());
    f.push(Hasher::new(14).s(sh).s(s_p1).key());
    f.push(Hasher::new(15).s(s_m1).s(sh).s(s_p1).key());
    f.push(Hasher::new(31).s(l_m1).s(sh).key());
    f.push(Hasher::new(32).s(sh).s(l_p1).key());
    let nw = norm[i].as_str();
    let nch = nw.chars().count();
    affix_features(f, nw);
    let first = i == r.start;
    f.push(Hasher::new(27).n(first as u64).s(sh).key());
    f.push(Hasher::new(28).n(headline[i] as u64).s(sh).key());
    f.push(Hasher::new(33).n(nch.min(12) as u64).key());
    if is_cap(w) {
        let lower_seen = doc.evidence.seen_lower.contains(lw);
        let cap_seen = doc.evidence.seen_cap_mid.contains(lw);
        f.push(
            Hasher::new(29)
                .n(lower_seen as u64)
                .n(cap_seen as u64)
                .n(first as u64)
                .n(headline[i] as u64)
                .key(),
        );
    }
    if nch > 2 && lw.contains('-') {
        for part in lw.split('-').filter(|p| !p.is_empty()) {
            f.push(Hasher::new(34).s(part).key());
        }
    }
    context_features(f, doc, i, lw);
    for (cat, part) in gz {
        let p = *part as u64;
        f.push(Hasher::new(40).s(cat).n(p).key());
        f.push(Hasher::new(41).s(cat).n(p).s(sh).key());
    }
}

/// Appends the prefix (up to 4 chars) and suffix (up to 5 chars) features of a normal form.
fn affix_features(f: &mut Vec<u64>, nw: &str) {
    for (k, (end, _)) in nw
        .char_indices()
        .skip(1)
        .chain(std::iter::once((nw.len(), ' ')))
        .take(4)
        .enumerate()
    {
        f.push(Hasher::new(17 + k as u8).s(&nw[..end]).key());
    }
    for (k, (start, _)) in nw.char_indices().rev().take(5).enumerate() {
        f.push(Hasher::new(22 + k as u8).s(&nw[start..]).key());
    }
}

/// Appends the neighbours of the word's other occurrences in the document (up to 12, distinct).
fn context_features(f: &mut Vec<u64>, doc: &Doc, i: usize, lw: &str) {
    if let Some(occ) = doc.occurrences.get(lw).filter(|o| o.len() > 1) {
        let mut seen: Vec<u64> = Vec::new();
        for &j in occ.iter().filter(|&&j| j != i).take(12) {
            let sj = &doc.sentence_of[j];
            let prev = neighbour(doc.lower, sj, j, -1);
            let next = neighbour(doc.lower, sj, j, 1);
            for k in [Hasher::new(60).s(prev).key(), Hasher::new(61).s(next).key()] {
                if !seen.contains(&k) {
                    seen.push(k);
                }
            }
        }
        f.extend_from_slice(&seen);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_normal_forms() {
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("100,000"), "d,d");
        assert_eq!(shape("Stoltenberg"), "Xx");
        assert_eq!(normalize("’s"), "'s");
        assert_eq!(normalize("1996"), "0000");
    }

    #[test]
    fn same_input_same_keys() {
        let words = ["Jens", "Stoltenberg", "said", "."];
        let a = doc_features(&words, std::slice::from_ref(&(0..4)), &Gazetteer::default());
        let b = doc_features(&words, std::slice::from_ref(&(0..4)), &Gazetteer::default());
        assert_eq!(a.feats, b.feats);
        assert_eq!(a.offsets.len(), 5);
        assert!(a.token(1).len() > 20);
        assert_ne!(a.token(0), a.token(1));
    }

    #[test]
    fn gazetteer_matches_longest() {
        let g = Gazetteer::parse("LOC\tNew York\nORG\tNew York Times\n");
        let lower: Vec<String> = ["the", "new", "york", "times"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let a = g.annotate(&lower);
        assert!(a[0].is_empty());
        assert_eq!(a[1], vec![("ORG", 'B')]);
        assert_eq!(a[3], vec![("ORG", 'L')]);
    }
}
