//! CoNLL-2003 files (IOB1 `eng.testb` or IOB2 CoNLL++) and the conlleval-style report.

use extract::ner::tags::iob_chunks;
use extract::ner::{Found, NerModel};
use model::EntityLabel;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write;
use std::ops::Range;

/// One document of a CoNLL file: words, their NER tags as written, and sentence token ranges.
#[derive(Clone, Debug, Default)]
pub struct ConllDoc {
    pub words: Vec<String>,
    pub tags: Vec<String>,
    pub sentences: Vec<Range<usize>>,
}

impl ConllDoc {
    /// Gold entities as (token range in the document, label).
    pub fn gold(&self) -> Vec<(Range<usize>, EntityLabel)> {
        let mut out = Vec::new();
        for s in &self.sentences {
            let tags: Vec<&str> = self.tags[s.clone()].iter().map(String::as_str).collect();
            for (r, l) in iob_chunks(&tags) {
                out.push((r.start + s.start..r.end + s.start, l));
            }
        }
        out
    }
}

/// Parses a CoNLL file: `WORD ... TAG` lines, blank lines between sentences, `-DOCSTART-` lines
/// between documents.
pub fn read(text: &str) -> Vec<ConllDoc> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut sent_start = 0;
    let end_sentence = |doc: &mut ConllDoc, start: &mut usize| {
        if doc.words.len() > *start {
            doc.sentences.push(*start..doc.words.len());
        }
        *start = doc.words.len();
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            end_sentence(&mut doc, &mut sent_start);
            if !doc.words.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            sent_start = 0;
            continue;
        }
        if line.trim().is_empty() {
            end_sentence(&mut doc, &mut sent_start);
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or_default();
        let tag = cols.next_back().unwrap_or("O");
        doc.words.push(word.to_string());
        doc.tags.push(tag.to_string());
    }
    end_sentence(&mut doc, &mut sent_start);
    if !doc.words.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Counts of one evaluation.
#[derive(Default, Clone, Debug)]
pub struct Score {
    pub tokens: usize,
    pub tokens_correct: usize,
    /// Per label: (gold, found, correct).
    pub by_label: BTreeMap<EntityLabel, (usize, usize, usize)>,
}

fn prf(gold: usize, found: usize, correct: usize) -> (f64, f64, f64) {
    let p = if found == 0 {
        0.0
    } else {
        100.0 * correct as f64 / found as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        100.0 * correct as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

impl Score {
    /// Adds one document: gold and predicted entities over `n` tokens.
    pub fn add(
        &mut self,
        n: usize,
        gold: &[(Range<usize>, EntityLabel)],
        found: &[(Range<usize>, EntityLabel)],
    ) {
        let label_of = |spans: &[(Range<usize>, EntityLabel)]| {
            let mut v = vec![None; n];
            for (r, l) in spans {
                for x in &mut v[r.clone()] {
                    *x = Some(*l);
                }
            }
            v
        };
        let (gl, fl) = (label_of(gold), label_of(found));
        self.tokens += n;
        self.tokens_correct += gl.iter().zip(&fl).filter(|(a, b)| a == b).count();
        let gold_set: HashSet<(usize, usize, EntityLabel)> =
            gold.iter().map(|(r, l)| (r.start, r.end, *l)).collect();
        for l in EntityLabel::ALL {
            self.by_label.entry(l).or_default();
        }
        for (_, l) in gold {
            self.by_label.entry(*l).or_default().0 += 1;
        }
        for (r, l) in found {
            let e = self.by_label.entry(*l).or_default();
            e.1 += 1;
            if gold_set.contains(&(r.start, r.end, *l)) {
                e.2 += 1;
            }
        }
    }

    /// Overall (precision, recall, F1) in percent.
    pub fn overall(&self) -> (f64, f64, f64) {
        let (g, f, c) = self
            .by_label
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        prf(g, f, c)
    }

    /// The conlleval-style report; its last line is `overall precision P recall R f1 F`.
    pub fn report(&self) -> String {
        let (g, f, c) = self
            .by_label
            .values()
            .fold((0, 0, 0), |a, b| (a.0 + b.0, a.1 + b.1, a.2 + b.2));
        let (p, r, f1) = prf(g, f, c);
        let acc = if self.tokens == 0 {
            0.0
        } else {
            100.0 * self.tokens_correct as f64 / self.tokens as f64
        };
        let mut s = String::new();
        let _ = writeln!(
            s,
            "processed {} tokens with {g} phrases; found: {f} phrases; correct: {c}.",
            self.tokens
        );
        let _ = writeln!(
            s,
            "accuracy: {acc:6.2}%; precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f1:6.2}"
        );
        for (l, &(lg, lf, lc)) in &self.by_label {
            let (p, r, f1) = prf(lg, lf, lc);
            let _ = writeln!(
                s,
                "{:>17}: precision: {p:6.2}%; recall: {r:6.2}%; FB1: {f1:6.2}  {lf}",
                l.as_str()
            );
        }
        let _ = write!(s, "overall precision {p:.2} recall {r:.2} f1 {f1:.2}");
        s
    }
}

/// Tags every document with `model` and scores it against the gold tags.
pub fn evaluate(model: &NerModel, docs: &[ConllDoc]) -> Score {
    let mut score = Score::default();
    for d in docs {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        let found: Vec<(Range<usize>, EntityLabel)> = model
            .tag_words(&words, &d.sentences)
            .into_iter()
            .map(|f: Found| (f.tokens, f.label))
            .collect();
        score.add(words.len(), &d.gold(), &found);
    }
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "EU NNP I-NP I-ORG\nrejects VBZ I-VP O\n\nPeter NNP I-NP I-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nX NN O B-LOC\n";
        let docs = read(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences, vec![0..2, 2..4]);
        assert_eq!(
            docs[0].gold(),
            vec![(0..1, EntityLabel::Org), (2..4, EntityLabel::Per)]
        );
        assert_eq!(docs[1].words, vec!["X"]);
    }

    #[test]
    fn report_last_line() {
        let mut s = Score::default();
        s.add(
            4,
            &[(0..2, EntityLabel::Per), (3..4, EntityLabel::Loc)],
            &[(0..2, EntityLabel::Per), (2..3, EntityLabel::Org)],
        );
        let rep = s.report();
        assert_eq!(
            rep.lines().last().unwrap(),
            "overall precision 50.00 recall 50.00 f1 50.00"
        );
        assert!(rep.contains("PER: precision: 100.00%"));
    }
}
