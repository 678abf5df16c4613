//! The pronoun antecedent ranker: for each third-person pronoun, every compatible earlier mention
//! within [`WINDOW`] sentences is scored by a linear model over the sieves' signals (sentence and
//! mention distance, grammatical role, kind of mention, the chain's size, name and pronouns,
//! agreement, parallel roles, quotation context, noun types), against a "no antecedent" option
//! scored from the pronoun alone; the best wins. The weights are learnt from GUM train by `just
//! train-coref` (a log-linear ranker, `eval::coref::train`) into `coref_pronoun_weights.tsv`.
//!
//! Hard filters stay: agreement (number, gender, animacy, person), a mention never joins one it
//! contains, and a non-reflexive pronoun never takes a co-argument (binding). Each feature is
//! read once as shared and once conjoined with the pronoun's class (`per`: he/she, `it`, `they`).
//! Linear in the candidates of the window (at most [`MAX_PRONOUN_CANDIDATES`]).

use super::attrs::{self, Animacy, Attrs, Gender, Number};
use super::link::{Chains, Ctx};
use crate::budget::MAX_PRONOUN_CANDIDATES;
use crate::lexicon::files;
use model::{EntityLabel, MentionKind, Span};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How far back (in sentences) a pronoun looks for its antecedent.
pub const WINDOW: usize = 10;

/// Features of a candidate antecedent (before the conjunction with the pronoun's class).
const CAND: &[&str] = &[
    "bias",
    "dist0",
    "dist1",
    "dist2",
    "dist3",
    "dist4_5",
    "dist6_10",
    "mention_dist_log",
    "role_subj",
    "role_obj",
    "role_obl",
    "role_poss",
    "role_other",
    "cand_pronoun",
    "cand_name",
    "cand_nominal",
    "same_form",
    "chain_name",
    "chain_size_log",
    "chain_pronoun",
    "nearest_of_chain",
    "animate_both",
    "animacy_unknown",
    "gender_match",
    "number_match",
    "number_unknown",
    "parallel_subj",
    "parallel_obj",
    "same_quote",
    "cand_in_quote",
    "first_sentence",
    "ntype_person",
    "ntype_org",
    "ntype_place",
    "ntype_other",
    "ner_per",
    "ner_org",
    "ner_other",
    "group",
    "indefinite",
    "coargument",
    "cand_before_in_sentence",
];

/// Features of the "no antecedent" option (the pronoun alone).
const NULL: &[&str] = &[
    "null_bias",
    "null_subj",
    "null_in_quote",
    "null_first_sentence",
    "null_clausal_sibling",
    "null_no_cand_near",
    "null_few_cands",
];

/// Pronoun classes features are conjoined with (block 0 is shared).
const CLASSES: &[&str] = &["all", "per", "it", "they", "dem"];

/// One sparse feature vector: (index, value).
pub type Feats = Vec<(u32, f32)>;

/// Sentence distances, roles and kinds of mention, conjoined pairwise ([`VOCAB`]).
const DIST: &[&str] = &["dist0", "dist1", "dist2", "dist3", "dist4_5", "dist6_10"];
const ROLE: &[&str] = &[
    "role_subj",
    "role_obj",
    "role_obl",
    "role_poss",
    "role_other",
];
const PROLE: &[&str] = &["p_subj", "p_obj", "p_obl", "p_poss", "p_other"];
const KIND: &[&str] = &["cand_pronoun", "cand_name", "cand_nominal"];
/// Features also conjoined with the sentence distance.
const BY_DIST: &[&str] = &[
    "chain_pronoun",
    "chain_name",
    "animate_both",
    "same_form",
    "nearest_of_chain",
];

/// Every base feature: [`CAND`], [`NULL`], then the conjunctions (`dist1&role_subj`).
static VOCAB: LazyLock<Vec<String>> = LazyLock::new(|| {
    let mut v: Vec<String> = CAND.iter().chain(NULL).map(|s| s.to_string()).collect();
    v.extend(PROLE.iter().map(|s| s.to_string()));
    for (xs, ys) in PAIRS {
        for x in xs {
            for y in ys {
                v.push(format!("{x}&{y}"));
            }
        }
    }
    v
});

/// The conjoined groups, in [`VOCAB`] order.
const PAIRS: [(&[&str], &[&str]); 5] = [
    (DIST, ROLE),
    (DIST, KIND),
    (ROLE, KIND),
    (PROLE, ROLE),
    (DIST, BY_DIST),
];

/// The index of the conjunction of the `x`th and `y`th features of [`PAIRS`]`[pair]`.
fn conj(pair: usize, x: usize, y: usize) -> usize {
    let first = CAND.len() + NULL.len() + PROLE.len();
    let before: usize = PAIRS[..pair].iter().map(|(a, b)| a.len() * b.len()).sum();
    first + before + x * PAIRS[pair].1.len() + y
}

fn block() -> usize {
    VOCAB.len()
}

/// The number of weights.
pub fn dim() -> usize {
    block() * CLASSES.len()
}

/// The name of weight `k` (`per:role_subj`).
pub fn name(k: usize) -> String {
    format!("{}:{}", CLASSES[k / block()], VOCAB[k % block()])
}

/// The learnt weights, one per [`name`].
#[derive(Clone, Debug)]
pub struct Weights(pub Vec<f32>);

impl Weights {
    /// Reads `name<TAB>weight` lines; unknown names are skipped, missing ones are 0.
    pub fn parse(tsv: &str) -> Weights {
        let index: std::collections::HashMap<String, usize> =
            (0..dim()).map(|k| (name(k), k)).collect();
        let mut w = vec![0.0; dim()];
        for l in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((n, v)) = l.split_once('\t') else {
                continue;
            };
            if let (Some(&k), Ok(v)) = (index.get(n), v.trim().parse::<f32>()) {
                w[k] = v;
            }
        }
        Weights(w)
    }

    /// `name<TAB>weight` lines, non-zero weights only, in [`name`] order.
    pub fn to_tsv(&self) -> String {
        self.0
            .iter()
            .enumerate()
            .filter(|(_, &v)| v != 0.0)
            .map(|(k, v)| format!("{}\t{v:.4}\n", name(k)))
            .collect()
    }

    /// The score of a feature vector.
    pub fn score(&self, f: &Feats) -> f32 {
        f.iter().map(|&(k, v)| self.0[k as usize] * v).sum()
    }
}

/// The weights compiled into the binary.
pub static WEIGHTS: LazyLock<Weights> =
    LazyLock::new(|| Weights::parse(files::COREF_PRONOUN_WEIGHTS));

/// One pronoun for training: the candidates' features, which are right (in the pronoun's gold
/// chain), and the "no antecedent" features (right when no candidate is).
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub cands: Vec<Feats>,
    pub gold: Vec<bool>,
    pub null: Feats,
}

/// How pronouns choose: by the model, or (training) by the gold chains, recording each case.
pub enum Decider<'a> {
    Model(&'a Weights),
    /// The gold entity of a mention (its span, its head word's span); the cases are written here.
    Oracle {
        gold: &'a dyn Fn(Span, Span) -> Option<usize>,
        cases: Vec<Case>,
        /// Link as these weights choose (cases under the model's own chains), not as gold does.
        follow: Option<&'a Weights>,
    },
}

/// The pronoun's class: 1 he/she, 2 it, 3 they, 4 a demonstrative (this, that, these, those).
fn class(lower: &str, a: &Attrs) -> usize {
    if matches!(lower, "this" | "that" | "these" | "those") {
        4
    } else if a.animacy == Animacy::Animate && a.number == Number::Sing {
        1
    } else if a.gender == Gender::Neuter {
        2
    } else {
        3
    }
}

/// Builds a feature vector from (feature index, value) pairs: shared and class-conjoined.
fn conjoin(base: &[(usize, f32)], class: usize) -> Feats {
    let block = block();
    let mut out = Vec::with_capacity(base.len() * 2);
    for &(k, v) in base {
        out.push((k as u32, v));
        out.push(((class * block + k) as u32, v));
    }
    out
}

/// The index of a base feature named in [`CAND`] or [`NULL`] (their order in [`VOCAB`]). A
/// `const fn`, so that [`id!`] makes each name in the code a constant: no lookup per candidate (a
/// hashed lookup was most of the stage on an article of 20,000 pronouns). An unknown name does not
/// compile.
const fn idx(name: &str) -> usize {
    let mut k = 0;
    while k < CAND.len() + NULL.len() {
        let n = if k < CAND.len() {
            CAND[k]
        } else {
            NULL[k - CAND.len()]
        };
        if same(n.as_bytes(), name.as_bytes()) {
            return k;
        }
        k += 1;
    }
    panic!("not a feature name")
}

const fn same(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    let mut k = 0;
    while k < a.len() {
        if a[k] != b[k] {
            return false;
        }
        k += 1;
    }
    true
}

/// [`BY_DIST`]'s indices.
const BY_DIST_IDS: [usize; BY_DIST.len()] = {
    let mut a = [0; BY_DIST.len()];
    let mut y = 0;
    while y < a.len() {
        a[y] = idx(BY_DIST[y]);
        y += 1;
    }
    a
};

/// The index of a feature name, computed at compile time.
macro_rules! id {
    ($name:literal) => {
        const { idx($name) }
    };
}

/// Which pronouns share a form (`he`, `him`, `his`, `himself`).
fn form(lower: &str) -> &str {
    match lower {
        "he" | "him" | "his" | "himself" => "he",
        "she" | "her" | "hers" | "herself" => "she",
        "it" | "its" | "itself" => "it",
        "they" | "them" | "their" | "theirs" | "themselves" | "themself" => "they",
        _ => lower,
    }
}

/// The grammatical role of a mention's head: 0 subject, 1 object, 2 oblique, 3 possessor, 4 other.
fn role(cx: &Ctx, i: usize) -> usize {
    let d = cx.syntax.words[cx.cands[i].head].deprel;
    if d.starts_with("nsubj") {
        0
    } else if d == "obj" || d == "iobj" {
        1
    } else if d.starts_with("obl") {
        2
    } else if d == "nmod:poss" {
        3
    } else {
        4
    }
}

/// The antecedent pronoun `i` takes (or, in training, records its case and takes the gold one).
pub(super) fn antecedent(
    cx: &Ctx,
    ch: &mut Chains,
    i: usize,
    a: &Attrs,
    dec: &mut Decider,
) -> Option<usize> {
    let cands = candidates(cx, ch, i, a);
    let cl = class(cx.lower(i), a);
    let null = conjoin(&null_features(cx, i, &cands), cl);
    let feats: Vec<Feats> = cands.iter().map(|(_, b)| conjoin(b, cl)).collect();
    match dec {
        Decider::Model(w) => choose(w, &feats, &null).map(|p| cands[p].0),
        Decider::Oracle {
            gold,
            cases,
            follow,
        } => {
            let of = |k: usize| gold(cx.cands[k].span, cx.syntax.words[cx.cands[k].head].span);
            let mine = of(i);
            // A candidate is right when its chain's nearest mention is in the pronoun's gold
            // chain (what joining the chain makes of the pronoun's antecedent).
            let mut by_root: HashMap<usize, bool> = HashMap::new();
            let right: Vec<bool> = cands
                .iter()
                .map(|&(j, _)| {
                    let root = ch.find(j);
                    *by_root
                        .entry(root)
                        .or_insert_with(|| mine.is_some() && of(j) == mine)
                })
                .collect();
            let take = match follow {
                Some(w) => choose(w, &feats, &null).map(|p| cands[p].0),
                None => right.iter().position(|&r| r).map(|p| cands[p].0),
            };
            cases.push(Case {
                cands: feats,
                gold: right,
                null,
            });
            take
        }
    }
}

/// The best candidate (its index) if it scores above "no antecedent".
fn choose(w: &Weights, feats: &[Feats], null: &Feats) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for (p, f) in feats.iter().enumerate() {
        let s = w.score(f);
        if best.is_none_or(|(b, _)| s > b) {
            best = Some((s, p));
        }
    }
    let none = w.score(null);
    best.filter(|&(s, _)| s > none).map(|(_, p)| p)
}

/// The candidate antecedents of pronoun `i` (nearest first) with their base features.
fn candidates(cx: &Ctx, ch: &mut Chains, i: usize, a: &Attrs) -> Vec<(usize, Vec<(usize, f32)>)> {
    let c = &cx.cands[i];
    let lower = cx.lower(i);
    let reflexive = lower.ends_with("self") || lower.ends_with("selves");
    let my_head = cx.syntax.words[c.head].head;
    let mut seen_roots: HashSet<usize> = HashSet::new();
    let mut out = Vec::new();
    for j in (0..i).rev().take(MAX_PRONOUN_CANDIDATES) {
        let cj = &cx.cands[j];
        let dist = c.sentence - cj.sentence.min(c.sentence);
        if dist > WINDOW {
            break;
        }
        if cx.nested(i, j) {
            continue;
        }
        let root = ch.find(j);
        let ca = ch.attrs[root];
        if ca.person != 3 || !attrs::compatible(a, &ca) {
            continue;
        }
        let coargument = dist == 0 && cx.syntax.words[cj.head].head == my_head;
        if coargument && !reflexive {
            continue;
        }
        let nearest = seen_roots.insert(root);
        let pair = Pair {
            i,
            j,
            a,
            dist,
            root,
            nearest,
            coargument,
        };
        out.push((j, features(cx, ch, &pair)));
    }
    out
}

/// A pronoun `i` with attributes `a` and a candidate `j` of chain `root`, `dist` sentences back.
struct Pair<'a> {
    i: usize,
    j: usize,
    a: &'a Attrs,
    dist: usize,
    root: usize,
    /// `j` is the nearest mention of its chain before the pronoun.
    nearest: bool,
    coargument: bool,
}

/// The base features of a candidate antecedent.
fn features(cx: &Ctx, ch: &Chains, p: &Pair) -> Vec<(usize, f32)> {
    let Pair {
        i,
        j,
        a,
        dist,
        root,
        nearest,
        coargument,
    } = *p;
    let cj = &cx.cands[j];
    let lower = cx.lower(i);
    let my_role = role(cx, i);
    let ca = ch.attrs[root];
    let mut f: Vec<(usize, f32)> = vec![(id!("bias"), 1.0)];
    let mut on = |k: usize| f.push((k, 1.0));
    on(match dist {
        0 => id!("dist0"),
        1 => id!("dist1"),
        2 => id!("dist2"),
        3 => id!("dist3"),
        4 | 5 => id!("dist4_5"),
        _ => id!("dist6_10"),
    });
    let r = role(cx, j);
    on([
        id!("role_subj"),
        id!("role_obj"),
        id!("role_obl"),
        id!("role_poss"),
        id!("role_other"),
    ][r]);
    on(match cj.kind {
        MentionKind::Pronoun => id!("cand_pronoun"),
        MentionKind::Name => id!("cand_name"),
        _ => id!("cand_nominal"),
    });
    if cj.kind == MentionKind::Pronoun && form(cx.lower(j)) == form(lower) {
        on(id!("same_form"));
    }
    if ch.has_name[root] {
        on(id!("chain_name"));
    }
    if ch.has_pron[root] {
        on(id!("chain_pronoun"));
    }
    if nearest {
        on(id!("nearest_of_chain"));
    }
    if a.animacy == Animacy::Animate && ca.animacy == Animacy::Animate {
        on(id!("animate_both"));
    }
    if ca.animacy == Animacy::Unknown {
        on(id!("animacy_unknown"));
    }
    if a.gender != Gender::Unknown && a.gender == ca.gender {
        on(id!("gender_match"));
    }
    if a.number != Number::Unknown && a.number == ca.number {
        on(id!("number_match"));
    }
    if ca.number == Number::Unknown {
        on(id!("number_unknown"));
    }
    if r == 0 && my_role == 0 {
        on(id!("parallel_subj"));
    }
    if r == 1 && my_role == 1 {
        on(id!("parallel_obj"));
    }
    let (qi, qj) = (cx.quoted(i), cx.quoted(j));
    if qi == qj {
        on(id!("same_quote"));
    }
    if qj {
        on(id!("cand_in_quote"));
    }
    if cj.sentence == 0 {
        on(id!("first_sentence"));
    }
    if cj.kind == MentionKind::Nominal && !cj.group {
        on(match attrs::noun_type(&cx.head_lemma(j)) {
            Some("person") => id!("ntype_person"),
            Some("organization") => id!("ntype_org"),
            Some("place") => id!("ntype_place"),
            _ => id!("ntype_other"),
        });
    }
    if let Some(e) = cj.entity {
        on(match cx.entities[e].label {
            EntityLabel::Per => id!("ner_per"),
            EntityLabel::Org => id!("ner_org"),
            _ => id!("ner_other"),
        });
    }
    if cj.group {
        on(id!("group"));
    }
    if cx.indefinite(j) {
        on(id!("indefinite"));
    }
    if coargument {
        on(id!("coargument"));
    }
    if dist == 0 {
        on(id!("cand_before_in_sentence"));
    }
    let d = match dist {
        0..=3 => dist,
        4 | 5 => 4,
        _ => 5,
    };
    let k = match cj.kind {
        MentionKind::Pronoun => 0,
        MentionKind::Name => 1,
        _ => 2,
    };
    on(CAND.len() + NULL.len() + my_role);
    // Each name's index once, not once per feature compared (a pathological article with 20,000
    // pronouns in one sentence took 24 s in this loop).
    let active: Vec<usize> = (0..BY_DIST.len())
        .filter(|&y| {
            let want = BY_DIST_IDS[y];
            f.iter().any(|&(x, _)| x == want)
        })
        .collect();
    for y in active {
        f.push((conj(4, d, y), 1.0));
    }
    for n in [
        conj(0, d, r),
        conj(1, d, k),
        conj(2, r, k),
        conj(3, my_role, r),
    ] {
        f.push((n, 1.0));
    }
    f.push((id!("mention_dist_log"), ((i - j) as f32).ln_1p()));
    f.push((id!("chain_size_log"), (ch.size[root] as f32).ln()));
    f
}

/// The "no antecedent" features of pronoun `i`.
fn null_features(cx: &Ctx, i: usize, cands: &[(usize, Vec<(usize, f32)>)]) -> Vec<(usize, f32)> {
    let c = &cx.cands[i];
    let w = &cx.syntax.words;
    let mut f: Vec<(usize, f32)> = vec![(id!("null_bias"), 1.0)];
    let mut on = |k: usize| f.push((k, 1.0));
    if role(cx, i) == 0 {
        on(id!("null_subj"));
    }
    if cx.quoted(i) {
        on(id!("null_in_quote"));
    }
    if c.sentence == 0 {
        on(id!("null_first_sentence"));
    }
    // `it is hard to say`, `it seems that`: a clause beside the pronoun under one head.
    if let Some(h) = w[c.head].head.map(|h| h as usize) {
        let range = &cx.syntax.sentences[c.sentence];
        let clausal = range.clone().any(|k| {
            w[k].head == Some(h as u32) && matches!(w[k].deprel, "ccomp" | "xcomp" | "csubj")
        });
        if clausal {
            on(id!("null_clausal_sibling"));
        }
    }
    let near = cands
        .iter()
        .any(|&(j, _)| c.sentence - cx.cands[j].sentence.min(c.sentence) <= 3);
    if !near {
        on(id!("null_no_cand_near"));
    }
    if cands.len() < 3 {
        on(id!("null_few_cands"));
    }
    f
}

/// The byte ranges inside quotation marks (straight quotes toggle, curly ones open and close; a
/// blank line closes any).
pub(super) fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let mut prev_newline = false;
    for (k, ch) in text.char_indices() {
        match ch {
            '"' => match open.take() {
                Some(s) => out.push((s, k)),
                None => open = Some(k),
            },
            '“' => open = Some(k),
            '”' => {
                if let Some(s) = open.take() {
                    out.push((s, k));
                }
            }
            '\n' if prev_newline => {
                if let Some(s) = open.take() {
                    out.push((s, k));
                }
            }
            _ => {}
        }
        prev_newline = ch == '\n';
    }
    if let Some(s) = open {
        out.push((s, text.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conjunction_indices_name_their_pair() {
        for (p, (xs, ys)) in PAIRS.iter().enumerate() {
            for (x, a) in xs.iter().enumerate() {
                for (y, b) in ys.iter().enumerate() {
                    assert_eq!(VOCAB[conj(p, x, y)], format!("{a}&{b}"));
                }
            }
        }
    }

    #[test]
    fn weights_read_back_what_they_write() {
        let mut w = Weights(vec![0.0; dim()]);
        w.0[3] = 0.5;
        w.0[dim() - 1] = -1.25;
        assert_eq!(Weights::parse(&w.to_tsv()).0, w.0);
        // The shipped file names only features the ranker knows.
        let known: HashSet<String> = (0..dim()).map(name).collect();
        for l in files::COREF_PRONOUN_WEIGHTS
            .lines()
            .filter(|l| !l.starts_with('#'))
        {
            let n = l.split('\t').next().unwrap_or("");
            assert!(known.contains(n), "unknown feature {n}");
        }
    }
}
