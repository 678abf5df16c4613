//! Feature extraction of the tagger and the parser: hashed feature keys, the same in training
//! (`crates/eval`) and tagging, so the keys always agree. Bump [`FEATURES_VERSION`] whenever a
//! template changes: a model trained with other features is refused at load.
//!
//! Words are seen through [`norm`] (lowercase, straight quotes, digits as `0`), plus their exact
//! form, affixes and shape for the tagger; the parser sees each word's normalised form and tag and
//! the labels of the arcs already built.

/// Version of the feature templates (stored in the model file).
pub const FEATURES_VERSION: u32 = 4;

#[inline]
fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Key of template `t` over one value.
#[inline]
pub fn k1(t: u64, a: u64) -> u64 {
    mix(t.wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ a)
}

/// Key of template `t` over two values.
#[inline]
pub fn k2(t: u64, a: u64, b: u64) -> u64 {
    mix(k1(t, a) ^ b.rotate_left(23))
}

/// Key of template `t` over three values.
#[inline]
pub fn k3(t: u64, a: u64, b: u64, c: u64) -> u64 {
    mix(k2(t, a, b) ^ c.rotate_left(41))
}

/// Hash of a string (FNV-1a, then mixed).
#[inline]
pub fn hs(s: &str) -> u64 {
    hb(s.as_bytes())
}

/// [`hs`] of the string whose UTF-8 bytes are `b`.
#[inline]
pub fn hb(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &x in b {
        h = (h ^ x as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The form the models see: lowercase, curly quotes and apostrophes straight, dashes as `-` or
/// `--`, every digit `0`.
pub fn norm(form: &str) -> String {
    let mut out = String::with_capacity(form.len());
    norm_into(form, &mut out);
    out
}

/// [`norm`] appended to `out`.
pub fn norm_into(form: &str, out: &mut String) {
    for c in form.chars() {
        match c {
            '‘' | '’' | '‚' | '‛' | '′' => out.push('\''),
            '“' | '”' | '„' | '‟' | '«' | '»' | '″' => out.push('"'),
            '–' | '‐' | '‑' => out.push('-'),
            '—' | '―' => out.push_str("--"),
            '0'..='9' => out.push('0'),
            c => out.extend(c.to_lowercase()),
        }
    }
}

/// `Xx`-style shape: `X` upper, `x` lower, `d` digit, other characters as themselves; runs of
/// the same class collapsed, at most 6 characters.
pub fn shape(form: &str) -> String {
    let mut buf = [0u8; SHAPE_BYTES];
    let n = shape_bytes(form, &mut buf);
    String::from_utf8_lossy(&buf[..n]).into_owned()
}

/// Bytes of the longest [`shape`]: 6 characters of at most 4 bytes.
const SHAPE_BYTES: usize = 24;

/// [`shape`] written into `buf` as UTF-8, without allocating; returns its length in bytes.
fn shape_bytes(form: &str, buf: &mut [u8; SHAPE_BYTES]) -> usize {
    let (mut len, mut count) = (0, 0);
    let mut last = None;
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if Some(k) != last {
            len += k.encode_utf8(&mut buf[len..]).len();
            count += 1;
            last = Some(k);
            if count >= 6 {
                break;
            }
        }
    }
    len
}

/// Marker values for positions outside the sentence.
pub const NONE: u64 = 0x5a5a_1234_9876_0001;
const START: u64 = 0x5a5a_1234_9876_0002;
const END: u64 = 0x5a5a_1234_9876_0003;

/// What the tagger knows of one word before tagging (all hashed).
#[derive(Clone, Debug)]
pub struct TagWord {
    pub w: u64,
    pub form: u64,
    pub suf: [u64; 4],
    pub pre: [u64; 3],
    pub shape: u64,
    /// Bits: 1 hyphen, 2 digit, 4 all caps, 8 title case.
    pub flags: u64,
}

impl TagWord {
    pub fn new(form: &str) -> Self {
        Self::with_buf(form, &mut String::new())
    }

    /// [`TagWord::new`] with `buf` as the scratch space of the normalised form (no other
    /// allocation): affixes are hashed as slices of it, the shape in a stack buffer.
    pub fn with_buf(form: &str, buf: &mut String) -> Self {
        buf.clear();
        norm_into(form, buf);
        let n = buf.as_str();
        // The last `k` characters (all of them when fewer), the first `k`.
        let suffix = |k: usize| hs(&n[n.char_indices().rev().nth(k - 1).map_or(0, |(b, _)| b)..]);
        let prefix = |k: usize| hs(&n[..n.char_indices().nth(k).map_or(n.len(), |(b, _)| b)]);
        let mut flags = 0;
        if form.contains('-') {
            flags |= 1;
        }
        if form.chars().any(|c| c.is_ascii_digit()) {
            flags |= 2;
        }
        let mut letters = form.chars().filter(|c| c.is_alphabetic()).peekable();
        if letters.peek().is_some_and(|c| c.is_uppercase()) {
            flags |= 8;
        }
        if letters.peek().is_some() && letters.all(|c| c.is_uppercase()) {
            flags |= 4;
        }
        let mut sh = [0u8; SHAPE_BYTES];
        let sh_len = shape_bytes(form, &mut sh);
        TagWord {
            w: hs(n),
            form: hs(form),
            suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
            pre: [prefix(1), prefix(2), prefix(3)],
            shape: hb(&sh[..sh_len]),
            flags,
        }
    }
}

/// The tagger's features of word `i` given the tags already chosen for the two words before it
/// (`p1`, `p2`; tag ids, [`NONE`] before the sentence).
pub fn tag_features(ws: &[TagWord], i: usize, p1: u64, p2: u64, out: &mut Vec<u64>) {
    out.clear();
    let w = &ws[i];
    let at = |j: isize| -> Option<&TagWord> {
        if j < 0 {
            None
        } else {
            ws.get(j as usize)
        }
    };
    let i = i as isize;
    let (wm1, sm1, shm1) = at(i - 1).map_or((START, START, START), |x| (x.w, x.suf[2], x.shape));
    let wm2 = at(i - 2).map_or(START, |x| x.w);
    let (wp1, sp1, shp1, s2p1) =
        at(i + 1).map_or((END, END, END, END), |x| (x.w, x.suf[2], x.shape, x.suf[1]));
    let wp2 = at(i + 2).map_or(END, |x| x.w);
    let fp1 = at(i + 1).map_or(END, |x| x.form);
    let pm1 = at(i - 1).map_or(START, |x| x.pre[1]);
    out.extend_from_slice(&[
        k1(0, 0),
        k1(1, w.w),
        k1(2, w.form),
        k1(3, w.suf[0]),
        k1(4, w.suf[1]),
        k1(5, w.suf[2]),
        k1(6, w.suf[3]),
        k1(7, w.pre[0]),
        k1(8, w.pre[1]),
        k1(9, w.pre[2]),
        k1(10, w.shape),
        k1(11, p1),
        k2(12, p2, p1),
        k2(13, p1, w.w),
        k1(14, wm1),
        k1(15, sm1),
        k1(16, wm2),
        k1(17, wp1),
        k1(18, sp1),
        k1(19, wp2),
        k2(20, wm1, w.w),
        k2(21, w.w, wp1),
        k2(22, p1, wp1),
        k3(23, shm1, w.shape, shp1),
        k2(24, (i == 0) as u64, w.flags),
        k2(25, s2p1, shp1),
        k2(26, p1, w.suf[2]),
        k2(27, wm1, wp1),
        k1(28, w.flags),
        k2(29, p1, w.shape),
        k1(30, fp1),
        k2(31, w.w, sp1),
        k2(32, p1, sm1),
        k2(33, wm1, w.suf[2]),
        k3(34, p2, p1, w.suf[1]),
        k2(35, w.pre[2], w.suf[2]),
        k1(36, pm1),
        k2(37, w.form, fp1),
    ]);
}

/// The second pass's extra features of word `i`: the first pass's tags of the two words after it
/// (`n1`, `n2`; [`NONE`] past the sentence), alone and with the word and the previous tag.
pub fn right_features(ws: &[TagWord], i: usize, p1: u64, n1: u64, n2: u64, out: &mut Vec<u64>) {
    let w = &ws[i];
    out.extend_from_slice(&[
        k1(40, n1),
        k2(41, n1, n2),
        k2(42, w.w, n1),
        k2(43, p1, n1),
        k3(44, p1, n1, w.suf[2]),
        k2(45, w.suf[2], n1),
        k2(46, w.shape, n1),
    ]);
}

/// The slots of a parser configuration that features look at.
#[derive(Clone, Copy)]
pub enum Slot {
    S0,
    S1,
    S2,
    B0,
    B1,
    B2,
    S0L,
    S0L2,
    S0R,
    S0R2,
    S1L,
    S1R,
    B0L,
    B0L2,
}

/// Number of [`Slot`]s.
pub const SLOTS: usize = 14;

/// What the parser's features read from a configuration: per slot the word, tag and (for
/// children) arc label, [`NONE`] where the slot is empty; distances and valencies.
pub struct ParseCtx {
    pub w: [u64; SLOTS],
    pub t: [u64; SLOTS],
    pub l: [u64; SLOTS],
    /// Distance between s0 and b0 (capped), s1 and s0.
    pub d_s0b0: u64,
    pub d_s1s0: u64,
    /// Left and right valency of s0, left valency of b0.
    pub s0_vl: u64,
    pub s0_vr: u64,
    pub b0_vl: u64,
}

/// The parser's features of a configuration.
pub fn parse_features(c: &ParseCtx, out: &mut Vec<u64>) {
    use Slot::*;
    let w = |s: Slot| c.w[s as usize];
    let t = |s: Slot| c.t[s as usize];
    let l = |s: Slot| c.l[s as usize];
    let wt = |s: Slot| c.w[s as usize] ^ c.t[s as usize].rotate_left(7);
    out.clear();
    out.extend_from_slice(&[
        // single words
        k1(100, w(S0)),
        k1(101, t(S0)),
        k1(102, wt(S0)),
        k1(103, w(B0)),
        k1(104, t(B0)),
        k1(105, wt(B0)),
        k1(106, w(B1)),
        k1(107, t(B1)),
        k1(108, wt(B1)),
        k1(109, w(B2)),
        k1(110, t(B2)),
        k1(111, w(S1)),
        k1(112, t(S1)),
        k1(113, wt(S1)),
        k1(114, t(S2)),
        // pairs
        k2(120, wt(S0), wt(B0)),
        k2(121, wt(S0), w(B0)),
        k2(122, w(S0), wt(B0)),
        k2(123, wt(S0), t(B0)),
        k2(124, t(S0), wt(B0)),
        k2(125, w(S0), w(B0)),
        k2(126, t(S0), t(B0)),
        k2(127, t(B0), t(B1)),
        k2(128, t(S1), t(S0)),
        k2(129, w(S1), w(S0)),
        k2(130, t(S1), t(B0)),
        k2(131, wt(S1), wt(S0)),
        k2(132, w(S1), t(S0)),
        k2(133, t(S1), w(S0)),
        // triples of tags
        k3(140, t(B0), t(B1), t(B2)),
        k3(141, t(S0), t(B0), t(B1)),
        k3(142, t(S1), t(S0), t(B0)),
        k3(143, t(S0), t(S0L), t(B0)),
        k3(144, t(S0), t(S0R), t(B0)),
        k3(145, t(S0), t(B0), t(B0L)),
        k3(146, t(S1), t(S0), t(S0L)),
        k3(147, t(S1), t(S1R), t(S0)),
        k3(148, t(S2), t(S1), t(S0)),
        k3(149, t(S1), t(S1L), t(S0)),
        k3(150, t(S1), t(S0), t(S0R)),
        // distance
        k2(160, w(S0), c.d_s0b0),
        k2(161, t(S0), c.d_s0b0),
        k2(162, w(B0), c.d_s0b0),
        k2(163, t(B0), c.d_s0b0),
        k3(164, w(S0), w(B0), c.d_s0b0),
        k3(165, t(S0), t(B0), c.d_s0b0),
        k3(166, t(S1), t(S0), c.d_s1s0),
        k3(167, w(S1), w(S0), c.d_s1s0),
        // valency
        k2(170, w(S0), c.s0_vr),
        k2(171, t(S0), c.s0_vr),
        k2(172, w(S0), c.s0_vl),
        k2(173, t(S0), c.s0_vl),
        k2(174, w(B0), c.b0_vl),
        k2(175, t(B0), c.b0_vl),
        // children
        k1(180, w(S0L)),
        k1(181, t(S0L)),
        k1(182, l(S0L)),
        k1(183, w(S0R)),
        k1(184, t(S0R)),
        k1(185, l(S0R)),
        k1(186, w(B0L)),
        k1(187, t(B0L)),
        k1(188, l(B0L)),
        k2(189, t(S1L), l(S1L)),
        k2(190, t(S1R), l(S1R)),
        k1(191, t(S0L2)),
        k1(192, l(S0L2)),
        k1(193, t(S0R2)),
        k1(194, l(S0R2)),
        k1(195, t(B0L2)),
        k1(196, l(B0L2)),
        k3(197, t(S0), t(S0L), t(S0L2)),
        k3(198, t(S0), t(S0R), t(S0R2)),
        k3(199, t(B0), t(B0L), t(B0L2)),
        k3(200, t(S0), l(S0L), l(S0L2)),
        k3(201, t(S0), l(S0R), l(S0R2)),
        k3(202, t(B0), l(B0L), l(B0L2)),
        k2(203, wt(S0), l(S0R)),
        k2(204, wt(S1), l(S1R)),
    ]);
}

/// The labeller's features of the arc that `LEFT` (`left`: b0 heads s0) or `RIGHT` (s1 heads s0)
/// would make: the dependent, the head, their pair, the distance and the children so far.
pub fn label_features(c: &ParseCtx, left: bool, out: &mut Vec<u64>) {
    use Slot::*;
    let dir: u64 = if left { 1 } else { 2 };
    let (h, hc) = if left { (B0, B0L) } else { (S1, S1R) };
    let w = |s: Slot| c.w[s as usize];
    let t = |s: Slot| c.t[s as usize];
    let l = |s: Slot| c.l[s as usize];
    let d = if left { c.d_s0b0 } else { c.d_s1s0 };
    out.clear();
    out.extend_from_slice(&[
        k1(300, dir),
        k2(301, dir, w(S0)),
        k2(302, dir, t(S0)),
        k3(303, dir, w(S0), t(S0)),
        k2(304, dir, w(h)),
        k2(305, dir, t(h)),
        k3(306, dir, t(S0), t(h)),
        k3(307, dir, w(S0), t(h)),
        k3(308, dir, t(S0), w(h)),
        k3(309, dir, w(S0), w(h)),
        k3(310, t(S0), t(h), d + dir * 16),
        k3(311, dir, t(S0), l(S0L)),
        k3(312, dir, t(S0), l(S0R)),
        k3(313, l(S0L), l(S0R), t(S0) ^ dir),
        k3(314, dir, t(h), l(hc)),
        k3(315, dir, t(S0), t(B1)),
        k3(316, dir, t(S0), w(S0R)),
        k3(317, dir, t(S0), w(S0L)),
        k3(318, dir, t(S0), t(if left { S1 } else { B0 })),
        k3(319, t(S0), t(h), c.s0_vl * 8 + c.s0_vr + dir * 64),
        k3(320, dir, t(S0), t(S0L)),
        k3(321, dir, t(S0), t(S0R)),
        k3(322, dir, w(S0), l(S0L)),
        k3(323, dir, w(S0), l(S0R)),
        k3(324, dir, w(h), t(S0)),
        k3(325, dir, w(h), l(hc)),
        k3(326, dir, t(S0), w(B1)),
        k3(327, dir, t(S0), w(if left { S1 } else { B0 })),
        k3(328, t(S0), t(h), t(if left { S1 } else { B0 }) ^ dir),
        k3(329, dir, w(S0), d),
    ]);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The first version of [`TagWord::new`] (strings per affix), which the models were trained
    /// with: the allocation-free one must give the same hashes.
    fn reference(form: &str) -> TagWord {
        let n = norm(form);
        let chars: Vec<char> = n.chars().collect();
        let suffix = |k: usize| -> u64 {
            let s: String = chars[chars.len().saturating_sub(k)..].iter().collect();
            hs(&s)
        };
        let prefix = |k: usize| -> u64 {
            let s: String = chars[..k.min(chars.len())].iter().collect();
            hs(&s)
        };
        let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
        let mut flags = 0;
        if form.contains('-') {
            flags |= 1;
        }
        if form.chars().any(|c| c.is_ascii_digit()) {
            flags |= 2;
        }
        if !letters.is_empty() && letters.iter().all(|c| c.is_uppercase()) {
            flags |= 4;
        }
        if letters.first().is_some_and(|c| c.is_uppercase()) {
            flags |= 8;
        }
        let mut sh = String::new();
        let mut last = None;
        for c in form.chars() {
            let k = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if Some(k) != last {
                sh.push(k);
                last = Some(k);
                if sh.chars().count() >= 6 {
                    break;
                }
            }
        }
        TagWord {
            w: hs(&n),
            form: hs(form),
            suf: [suffix(1), suffix(2), suffix(3), suffix(4)],
            pre: [prefix(1), prefix(2), prefix(3)],
            shape: hs(&sh),
            flags,
        }
    }

    #[test]
    fn tag_words_hash_as_the_reference() {
        let forms = [
            "",
            "a",
            "The",
            "U.S.",
            "long-range",
            "1,234.5",
            "İstanbul",
            "ﬁsh",
            "Ørsted",
            "“",
            "’s",
            "—",
            "ALL-CAPS",
            "x1y2z3w4v5",
            "日本語テキスト",
            "a-b-c-d-e-f-g",
            "Ǆemal",
            "ΣΟΦΙΑ",
            "n't",
            "Ö-Ä-Ü-ß",
            "e\u{301}",
            "🙂🙂x",
        ];
        let mut buf = String::from("left over");
        for f in forms {
            let (a, b) = (reference(f), TagWord::with_buf(f, &mut buf));
            assert_eq!(
                (a.w, a.form, a.suf, a.pre, a.shape, a.flags),
                (b.w, b.form, b.suf, b.pre, b.shape, b.flags),
                "{f:?}"
            );
            assert_eq!(
                shape(f).len(),
                shape_bytes(f, &mut [0; SHAPE_BYTES]),
                "{f:?}"
            );
        }
    }
}
