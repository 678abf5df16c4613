//! Scoring on gold tokens (CoNLL 2018 conventions): the system is given each sentence's gold
//! words and predicts tags, lemmas and a tree ([`GoldTokenParser`]); [`score_gold`] counts UPOS,
//! XPOS, lemma, UAS and LAS accuracy over every word, punctuation included. LAS ignores deprel
//! subtypes (`nmod:poss` == `nmod`); a lemma is right when equal to the gold lemma (case
//! sensitive) or when the gold lemma is `_`, as `conll18_ud_eval.py` does.

use super::conllu::Sentence;
use std::fmt::Write;

/// What a parser predicts for one word.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Predicted {
    pub upos: String,
    pub xpos: String,
    pub lemma: String,
    /// 0 = root, else the 1-based index of the head word in the sentence.
    pub head: usize,
    /// UD relation (a subtype is allowed and ignored by the scores).
    pub deprel: String,
}

/// A system that parses a sentence given as its gold words.
pub trait GoldTokenParser: Sync {
    /// One [`Predicted`] per word, in order.
    fn parse_words(&self, words: &[&str]) -> Vec<Predicted>;
}

/// Counts of a gold-token evaluation: `words` and the number right per figure.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldScores {
    pub sentences: usize,
    pub words: usize,
    pub upos: usize,
    pub xpos: usize,
    pub lemmas: usize,
    pub uas: usize,
    pub las: usize,
    /// Sentences where the parser returned a number of words other than the gold one (its
    /// missing words count as wrong, extra ones are ignored).
    pub length_mismatches: usize,
}

impl GoldScores {
    fn add(&mut self, o: &GoldScores) {
        self.sentences += o.sentences;
        self.words += o.words;
        self.upos += o.upos;
        self.xpos += o.xpos;
        self.lemmas += o.lemmas;
        self.uas += o.uas;
        self.las += o.las;
        self.length_mismatches += o.length_mismatches;
    }

    /// `n` as a percentage of the words (0 with no words).
    pub fn percent(&self, n: usize) -> f64 {
        if self.words == 0 {
            0.0
        } else {
            100.0 * n as f64 / self.words as f64
        }
    }

    /// The report: `words N sentences M`, then `UPOS 96.1`, `XPOS`, `Lemmas`, `UAS`, `LAS`
    /// (percent, one decimal), then `length mismatches K` only when K > 0.
    pub fn report(&self) -> String {
        let mut out = format!("words {} sentences {}\n", self.words, self.sentences);
        for (name, n) in [
            ("UPOS", self.upos),
            ("XPOS", self.xpos),
            ("Lemmas", self.lemmas),
            ("UAS", self.uas),
            ("LAS", self.las),
        ] {
            let _ = writeln!(out, "{name} {:.1}", self.percent(n));
        }
        if self.length_mismatches > 0 {
            let _ = writeln!(out, "length mismatches {}", self.length_mismatches);
        }
        out
    }
}

/// Prints [`GoldScores::report`] to stdout.
pub fn print(scores: &GoldScores) {
    print!("{}", scores.report());
}

/// The relation without its subtype (`nmod:poss` -> `nmod`).
pub fn base_deprel(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// The lemma rule of `conll18_ud_eval.py`: exact match, and any lemma is right where the gold
/// lemma is `_`.
pub fn lemma_matches(gold: &str, system: &str) -> bool {
    gold == "_" || gold == system
}

/// Scores `parser` on the gold words of `sentences`, on 2 threads.
pub fn score_gold(sentences: &[Sentence], parser: &dyn GoldTokenParser) -> GoldScores {
    let mid = sentences.len().div_ceil(2);
    let (a, b) = sentences.split_at(mid);
    let (sa, sb) = std::thread::scope(|scope| {
        let h = scope.spawn(|| score_part(b, parser));
        let sa = score_part(a, parser);
        (sa, h.join().expect("a scoring thread panicked"))
    });
    let mut total = sa;
    total.add(&sb);
    total
}

fn score_part(sentences: &[Sentence], parser: &dyn GoldTokenParser) -> GoldScores {
    let mut sc = GoldScores::default();
    for s in sentences {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let pred = parser.parse_words(&forms);
        sc.sentences += 1;
        sc.words += s.words.len();
        if pred.len() != s.words.len() {
            sc.length_mismatches += 1;
        }
        for (g, p) in s.words.iter().zip(&pred) {
            sc.upos += usize::from(g.upos == p.upos);
            sc.xpos += usize::from(g.xpos == p.xpos);
            sc.lemmas += usize::from(lemma_matches(&g.lemma, &p.lemma));
            if g.head == p.head {
                sc.uas += 1;
                sc.las += usize::from(base_deprel(&g.deprel) == base_deprel(&p.deprel));
            }
        }
    }
    sc
}
