//! Scoring from raw text as the CoNLL 2018 shared task's `conll18_ud_eval.py`: the system gets
//! each document's text ([`documents`]), tokenizes, splits and parses it ([`RawParser`]); its
//! words are aligned with the gold words on character offsets in the text with whitespace
//! removed, and [`score_raw`] gives Tokens, Sentences and Words F1 (matched spans) and UPOS,
//! XPOS, Lemmas, UAS and LAS F1 over the aligned words.
//!
//! What differs from the script, and why:
//! - Documents: the text of a document is its sentences' `# text` joined by one space (a
//!   sentence without `# text` is rebuilt from its tokens and `SpaceAfter=No`). Sentences are
//!   grouped by `# newdoc id`; sentences with no document (a file without `# newdoc`) are cut
//!   into documents of [`CHUNK_SENTENCES`]. Each document is aligned on its own (the script
//!   aligns the whole file at once; the result is the same as no span crosses a document).
//! - Gold character offsets: CoNLL-U has none, so they come from walking the `# text` with the
//!   token forms (whitespace skipped on both sides); a form that does not match the text is an
//!   error naming the sentence ([`UdError::Text`]), never a guess.
//! - The system writes no CoNLL-U, so its tokens and forms come from spans: a system word's form
//!   is the text of its span (whitespace removed). Consecutive system words with the very same
//!   span form one multiword token (one token, its words multiword as in the script); those
//!   words have no form of their own, so inside the LCS of a multiword span the `k`-th of them
//!   matches the `k`-th gold word inside their span when the gold has as many words there (a
//!   gold multiword token of that span, or `Bob` `'s` for a system token `Bob's` split in two):
//!   what the LCS of forms gives when the system's forms are right.
//!   A system that splits `don't` into `do` (sub-span `do`) and `n't` (sub-span `n't`) gets
//!   both words aligned by their forms, as in the script, but counts two tokens where the gold
//!   has one; to be credited with the token, give the words of a contraction the token's span.
//! - The script checks that the system's characters are the gold's; here system spans are only
//!   checked to lie on character boundaries of the text, in text order.

use super::conllu::Sentence;
use super::score::{base_deprel, lemma_matches, Predicted};
use super::UdError;
use crate::metrics::ratio_of;
use std::fmt::Write;
use std::ops::Range;

/// One word a [`RawParser`] found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawWord {
    /// Byte offsets into the text given to [`RawParser::parse_text`].
    pub span: Range<usize>,
    /// Its `head` is 1-based within the word's sentence (0 = root).
    pub predicted: Predicted,
}

/// A system that tokenizes, splits and parses raw text.
pub trait RawParser: Sync {
    /// Sentences of words, in text order.
    fn parse_text(&self, text: &str) -> Vec<Vec<RawWord>>;
}

/// Sentences without a `# newdoc id` are cut into documents of this many.
pub const CHUNK_SENTENCES: usize = 100;

/// One document given to the system: its sentences (indices into the file's) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub sentences: Range<usize>,
    pub text: String,
}

/// The documents of a file: runs of sentences with the same `doc_id` (runs without one cut into
/// [`CHUNK_SENTENCES`]), each with its sentences' texts joined by one space.
pub fn documents(sentences: &[Sentence]) -> Vec<Document> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=sentences.len() {
        let cut = i == sentences.len()
            || sentences[i].doc_id != sentences[start].doc_id
            || (sentences[i].doc_id.is_none() && i - start >= CHUNK_SENTENCES);
        if cut {
            let texts: Vec<String> = sentences[start..i].iter().map(|s| s.raw_text()).collect();
            out.push(Document {
                sentences: start..i,
                text: texts.join(" "),
            });
            start = i;
        }
    }
    out
}

/// Gold, system and correct counts of one figure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub system: usize,
    pub correct: usize,
}

impl Counts {
    fn add(&mut self, o: Counts) {
        self.gold += o.gold;
        self.system += o.system;
        self.correct += o.correct;
    }

    pub fn precision(&self) -> f64 {
        ratio_of(self.correct, self.system)
    }

    pub fn recall(&self) -> f64 {
        ratio_of(self.correct, self.gold)
    }

    /// F1 in [0, 1] (`2 correct / (gold + system)`; 0 when both are 0, as the script).
    pub fn f1(&self) -> f64 {
        ratio_of(2 * self.correct, self.gold + self.system)
    }
}

/// The figures of a raw-text evaluation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RawScores {
    pub gold_sentences: usize,
    pub gold_words: usize,
    pub tokens: Counts,
    pub sentences: Counts,
    pub words: Counts,
    pub upos: Counts,
    pub xpos: Counts,
    pub lemmas: Counts,
    pub uas: Counts,
    pub las: Counts,
}

impl RawScores {
    /// The report: `words N sentences M` (gold counts), then `Tokens`, `Sentences`, `Words`,
    /// `UPOS`, `XPOS`, `Lemmas`, `UAS`, `LAS` F1 in percent with one decimal.
    pub fn report(&self) -> String {
        let mut out = format!(
            "words {} sentences {}\n",
            self.gold_words, self.gold_sentences
        );
        for (name, c) in [
            ("Tokens", self.tokens),
            ("Sentences", self.sentences),
            ("Words", self.words),
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("Lemmas", self.lemmas),
            ("UAS", self.uas),
            ("LAS", self.las),
        ] {
            let _ = writeln!(out, "{name} {:.1}", 100.0 * c.f1());
        }
        out
    }
}

/// Prints [`RawScores::report`] to stdout.
pub fn print(scores: &RawScores) {
    print!("{}", scores.report());
}

/// A word's head, as an index into its side's words of the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Head {
    Root,
    Word(usize),
    /// A system head beyond its sentence, or one not aligned to a gold word.
    None,
}

/// A word on either side, spans in non-whitespace characters of the document.
#[derive(Clone, Debug)]
struct AWord<'a> {
    start: usize,
    end: usize,
    /// (position, number of words) in its multiword token.
    multi: Option<(usize, usize)>,
    /// Lowercased; `None` for a system word of a multiword token.
    form: Option<String>,
    upos: &'a str,
    xpos: &'a str,
    lemma: &'a str,
    deprel: &'a str,
    head: Head,
}

/// One side of a document: words, token spans, sentence spans.
#[derive(Default)]
struct Side<'a> {
    words: Vec<AWord<'a>>,
    tokens: Vec<(usize, usize)>,
    sentences: Vec<(usize, usize)>,
}

/// Lines the gold tokens of a document's sentences up with their texts.
fn gold_side(sents: &[Sentence]) -> Result<Side<'_>, UdError> {
    let mut side = Side::default();
    let mut pos = 0;
    for s in sents {
        let text = s.raw_text();
        let mut chars = text.char_indices().filter(|(_, c)| !c.is_whitespace());
        let (base, sent_start) = (side.words.len(), pos);
        for t in &s.tokens {
            let start = pos;
            for fc in t.form.chars().filter(|c| !c.is_whitespace()) {
                match chars.next() {
                    Some((_, c)) if c == fc => pos += 1,
                    found => {
                        let at = found.map_or("the end of the text", |(i, _)| &text[i..]);
                        return Err(UdError::Text {
                            sent_id: s.label(),
                            reason: format!(
                                "token {:?} (word {}) does not match the text at {:?}",
                                t.form,
                                t.words.start + 1,
                                at.chars().take(20).collect::<String>()
                            ),
                        });
                    }
                }
            }
            side.tokens.push((start, pos));
            let n = t.words.len();
            for (k, wi) in t.words.clone().enumerate() {
                let w = &s.words[wi];
                side.words.push(AWord {
                    start,
                    end: pos,
                    multi: (n > 1).then_some((k, n)),
                    form: Some(w.form.to_lowercase()),
                    upos: &w.upos,
                    xpos: &w.xpos,
                    lemma: &w.lemma,
                    deprel: base_deprel(&w.deprel),
                    head: match w.head {
                        0 => Head::Root,
                        h => Head::Word(base + h - 1),
                    },
                });
            }
        }
        if let Some((i, _)) = chars.next() {
            return Err(UdError::Text {
                sent_id: s.label(),
                reason: format!("the text goes on after the last token: {:?}", &text[i..]),
            });
        }
        if pos > sent_start {
            side.sentences.push((sent_start, pos));
        }
    }
    Ok(side)
}

/// The system's words of one document, spans turned into non-whitespace character offsets.
fn system_side<'a>(text: &str, sents: &'a [Vec<RawWord>]) -> Result<Side<'a>, UdError> {
    // Non-whitespace characters before each byte offset (valid at char boundaries).
    let mut before = vec![0usize; text.len() + 1];
    let mut n = 0;
    for (i, c) in text.char_indices() {
        before[i] = n;
        n += usize::from(!c.is_whitespace());
    }
    before[text.len()] = n;
    let mut side = Side::default();
    let mut prev_start = 0;
    for sent in sents.iter().filter(|s| !s.is_empty()) {
        let base = side.words.len();
        for (k, w) in sent.iter().enumerate() {
            let r = &w.span;
            if r.start > r.end
                || r.end > text.len()
                || !text.is_char_boundary(r.start)
                || !text.is_char_boundary(r.end)
            {
                return Err(UdError::System(format!(
                    "span {r:?} of word {} is not a range of the text ({} bytes) on character boundaries",
                    k + 1,
                    text.len()
                )));
            }
            let (start, end) = (before[r.start], before[r.end]);
            if start < prev_start {
                return Err(UdError::System(format!(
                    "word {:?} at {r:?} comes before the word preceding it",
                    &text[r.clone()]
                )));
            }
            prev_start = start;
            let p = &w.predicted;
            let form: String = text[r.clone()]
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            side.words.push(AWord {
                start,
                end,
                multi: None,
                form: Some(form.to_lowercase()),
                upos: &p.upos,
                xpos: &p.xpos,
                lemma: &p.lemma,
                deprel: base_deprel(&p.deprel),
                head: match p.head {
                    0 => Head::Root,
                    h if h <= sent.len() => Head::Word(base + h - 1),
                    _ => Head::None,
                },
            });
        }
        let last = &side.words[side.words.len() - 1];
        side.sentences.push((side.words[base].start, last.end));
    }
    group_multiword(&mut side);
    side.sentences.sort_unstable();
    Ok(side)
}

/// Consecutive system words with the same span: one multiword token. Fills the tokens.
fn group_multiword(side: &mut Side<'_>) {
    let words = &mut side.words;
    let mut i = 0;
    while i < words.len() {
        let span = (words[i].start, words[i].end);
        let mut j = i + 1;
        while j < words.len() && (words[j].start, words[j].end) == span {
            j += 1;
        }
        if j - i > 1 {
            for (k, w) in words[i..j].iter_mut().enumerate() {
                w.multi = Some((k, j - i));
                w.form = None;
            }
        }
        side.tokens.push(span);
        i = j;
    }
    side.tokens.sort_unstable();
}

/// `spans_score` of the script: spans (sorted) matched on start and end.
fn spans_score(gold: &[(usize, usize)], system: &[(usize, usize)]) -> Counts {
    let (mut gi, mut si, mut correct) = (0, 0, 0);
    while gi < gold.len() && si < system.len() {
        if system[si].0 < gold[gi].0 {
            si += 1;
        } else if gold[gi].0 < system[si].0 {
            gi += 1;
        } else {
            correct += usize::from(gold[gi].1 == system[si].1);
            gi += 1;
            si += 1;
        }
    }
    Counts {
        gold: gold.len(),
        system: system.len(),
        correct,
    }
}

/// Whether a gold and a system word of a multiword span match in the LCS: the script compares
/// lowercased forms; a system word of a multiword token has none and matches the gold word at
/// its position among the gold words inside its span when there are as many of them as words
/// in the system token (`positional`, see the module doc).
fn same_form(g: &AWord<'_>, s: &AWord<'_>, positional: Option<usize>, gi: usize) -> bool {
    match &s.form {
        Some(f) => g.form.as_ref() == Some(f),
        None => positional == Some(gi),
    }
}

/// For each system word of a multiword span without a form (one of a multiword token of `n`
/// words at position `k`, span S): the index of the gold word it stands for, the `k`-th of the
/// gold words inside S if there are exactly `n`.
fn positional_matches(gold: &[AWord<'_>], system: &[AWord<'_>]) -> Vec<Option<usize>> {
    system
        .iter()
        .map(|s| {
            let (k, n) = s.multi.filter(|_| s.form.is_none())?;
            let inside: Vec<usize> = (0..gold.len())
                .filter(|&g| gold[g].start >= s.start && gold[g].end <= s.end)
                .collect();
            (inside.len() == n).then(|| inside[k])
        })
        .collect()
}

/// `align_words` of the script: (gold index, system index) pairs.
fn align_words(gold: &[AWord<'_>], system: &[AWord<'_>]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let (mut gi, mut si) = (0, 0);
    while gi < gold.len() && si < system.len() {
        if gold[gi].multi.is_some() || system[si].multi.is_some() {
            let (gs, ss, ge, se) = find_multiword_span(gold, system, gi, si);
            (gi, si) = (ge, se);
            if se > ss && ge > gs {
                align_lcs(&gold[gs..ge], &system[ss..se], |g, s| {
                    out.push((gs + g, ss + s))
                });
            }
        } else if (gold[gi].start, gold[gi].end) == (system[si].start, system[si].end) {
            out.push((gi, si));
            gi += 1;
            si += 1;
        } else if gold[gi].start <= system[si].start {
            gi += 1;
        } else {
            si += 1;
        }
    }
    out
}

/// `find_multiword_span` of the script: (gold start, system start, gold end, system end).
fn find_multiword_span(
    gold: &[AWord<'_>],
    system: &[AWord<'_>],
    mut gi: usize,
    mut si: usize,
) -> (usize, usize, usize, usize) {
    let mut end;
    if gold[gi].multi.is_some() {
        end = gold[gi].end;
        if system[si].multi.is_none() && system[si].start < gold[gi].start {
            si += 1;
        }
    } else {
        end = system[si].end;
        if gold[gi].multi.is_none() && gold[gi].start < system[si].start {
            gi += 1;
        }
    }
    let (gs, ss) = (gi, si);
    while !beyond_end(gold, gi, end) || !beyond_end(system, si, end) {
        if gi < gold.len() && (si >= system.len() || gold[gi].start <= system[si].start) {
            end = extend_end(&gold[gi], end);
            gi += 1;
        } else {
            end = extend_end(&system[si], end);
            si += 1;
        }
    }
    (gs, ss, gi, si)
}

fn beyond_end(words: &[AWord<'_>], i: usize, end: usize) -> bool {
    match words.get(i) {
        None => true,
        Some(w) if w.multi.is_some() => w.start >= end,
        Some(w) => w.end > end,
    }
}

fn extend_end(w: &AWord<'_>, end: usize) -> usize {
    if w.multi.is_some() && w.end > end {
        w.end
    } else {
        end
    }
}

/// `compute_lcs` and the walk after it in the script's `align_words`.
fn align_lcs(gold: &[AWord<'_>], system: &[AWord<'_>], mut push: impl FnMut(usize, usize)) {
    let (ng, ns) = (gold.len(), system.len());
    let pos = positional_matches(gold, system);
    let same = |g: usize, s: usize| same_form(&gold[g], &system[s], pos[s], g);
    // lcs[g][s] over gold[g..], system[s..]; row and column ng / ns are 0.
    let mut lcs = vec![vec![0usize; ns + 1]; ng + 1];
    for g in (0..ng).rev() {
        for s in (0..ns).rev() {
            let mut v = if same(g, s) { 1 + lcs[g + 1][s + 1] } else { 0 };
            v = v.max(lcs[g + 1][s]).max(lcs[g][s + 1]);
            lcs[g][s] = v;
        }
    }
    let (mut g, mut s) = (0, 0);
    while g < ng && s < ns {
        if same(g, s) {
            push(g, s);
            g += 1;
            s += 1;
        } else if lcs[g][s] == lcs[g + 1][s] {
            g += 1;
        } else {
            s += 1;
        }
    }
}

/// Scores one document's sides into `sc`.
fn score_doc(gold: &Side<'_>, system: &Side<'_>, sc: &mut RawScores) {
    sc.tokens.add(spans_score(&gold.tokens, &system.tokens));
    sc.sentences
        .add(spans_score(&gold.sentences, &system.sentences));
    let pairs = align_words(&gold.words, &system.words);
    let mut to_gold = vec![None; system.words.len()];
    for &(g, s) in &pairs {
        to_gold[s] = Some(g);
    }
    let count = |c: &mut Counts, right: &dyn Fn(&AWord<'_>, &AWord<'_>) -> bool| {
        c.add(Counts {
            gold: gold.words.len(),
            system: system.words.len(),
            correct: pairs
                .iter()
                .filter(|&&(g, s)| right(&gold.words[g], &system.words[s]))
                .count(),
        })
    };
    let head = |s: &AWord<'_>| match s.head {
        Head::Word(h) => to_gold[h].map_or(Head::None, Head::Word),
        other => other,
    };
    count(&mut sc.words, &|_, _| true);
    count(&mut sc.upos, &|g, s| g.upos == s.upos);
    count(&mut sc.xpos, &|g, s| g.xpos == s.xpos);
    count(&mut sc.lemmas, &|g, s| lemma_matches(g.lemma, s.lemma));
    count(&mut sc.uas, &|g, s| g.head == head(s));
    count(&mut sc.las, &|g, s| {
        g.head == head(s) && g.deprel == s.deprel
    });
}

/// Gives `parser` the text of every document of `sentences` ([`documents`], on 2 threads) and
/// scores its output as `conll18_ud_eval.py` (see the module doc for the differences).
/// Errors: a gold form that does not match its `# text` (before any parsing), or system
/// output that cannot be placed in the text.
pub fn score_raw(sentences: &[Sentence], parser: &dyn RawParser) -> Result<RawScores, UdError> {
    let docs = documents(sentences);
    let golds = docs
        .iter()
        .map(|d| gold_side(&sentences[d.sentences.clone()]))
        .collect::<Result<Vec<_>, _>>()?;
    let mid = docs.len().div_ceil(2);
    let parse = |ds: &[Document]| -> Vec<Vec<Vec<RawWord>>> {
        ds.iter().map(|d| parser.parse_text(&d.text)).collect()
    };
    let outputs = std::thread::scope(|scope| {
        let h = scope.spawn(|| parse(&docs[mid..]));
        let mut first = parse(&docs[..mid]);
        first.extend(h.join().expect("a parsing thread panicked"));
        first
    });
    let mut sc = RawScores {
        gold_sentences: sentences.len(),
        gold_words: sentences.iter().map(|s| s.words.len()).sum(),
        ..RawScores::default()
    };
    for ((d, gold), out) in docs.iter().zip(&golds).zip(&outputs) {
        let system = system_side(&d.text, out).map_err(|e| match e {
            UdError::System(m) => UdError::System(format!(
                "document of sentence {}: {m}",
                sentences[d.sentences.start].label()
            )),
            e => e,
        })?;
        score_doc(gold, &system, &mut sc);
    }
    Ok(sc)
}
