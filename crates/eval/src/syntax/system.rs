//! lede's syntax stage as the system under test: [`Gold`] parses the gold words of each sentence
//! (`lede eval syntax --conllu FILE`), [`Raw`] takes the raw text through lede's own tokenizer,
//! sentence splitter and word splitting (`--raw`).
//!
//! In raw mode a token that UD English writes as a multiword token (`don't` -> `do` `n't`,
//! `it's` -> `it` `'s`, `cannot`) is reported as such: its words carry the span of the whole
//! surface token, as [`super::align`] expects. A possessive `'s` (tagged `POS`) stays a token of
//! its own, as in the treebanks.

use super::{GoldTokenParser, Predicted, RawParser, RawWord};
use extract::syntax::{SyntaxModel, WordAnalysis};
use model::Syntax;

/// Gold-token mode.
pub struct Gold<'a>(pub &'a SyntaxModel);

/// Raw-text mode.
pub struct Raw<'a>(pub &'a SyntaxModel);

fn predicted(a: WordAnalysis) -> Predicted {
    Predicted {
        upos: a.upos.to_string(),
        xpos: a.xpos.to_string(),
        lemma: a.lemma,
        head: a.head,
        deprel: a.deprel.to_string(),
    }
}

impl GoldTokenParser for Gold<'_> {
    fn parse_words(&self, words: &[&str]) -> Vec<Predicted> {
        self.0
            .analyse_words(words)
            .into_iter()
            .map(predicted)
            .collect()
    }
}

/// Clitics that UD English joins with the word before into one multiword token.
fn is_clitic(word: &str, xpos: &str) -> bool {
    let w = word.replace('’', "'").to_lowercase();
    matches!(w.as_str(), "n't" | "'m" | "'ll" | "'ve" | "'re" | "'d")
        || (w == "'s" && xpos != "POS")
}

impl RawParser for Raw<'_> {
    fn parse_text(&self, text: &str) -> Vec<Vec<RawWord>> {
        let tokens = extract::tokenize::tokenize(text);
        let sentences = extract::sentences::split(text, &tokens);
        let syn: Syntax = self.0.analyse(text, &tokens, &sentences);
        let mut out = Vec::with_capacity(syn.sentences.len());
        for range in &syn.sentences {
            let words = &syn.words[range.clone()];
            let mut spans: Vec<std::ops::Range<usize>> =
                words.iter().map(|w| w.span.start..w.span.end).collect();
            for i in 1..words.len() {
                let (prev, this) = (&words[i - 1], &words[i]);
                let token = tokens[this.token as usize].span;
                // `cannot` -> `can` `not`: one token split in words, not at a hyphen.
                let fused = this.token == prev.token && !text[token.start..token.end].contains('-');
                let clitic = spans[i - 1].end == spans[i].start
                    && is_clitic(&text[spans[i].clone()], this.xpos);
                if fused || clitic {
                    let merged = spans[i - 1].start..spans[i].end;
                    spans[i - 1] = merged.clone();
                    spans[i] = merged;
                }
            }
            let first = range.start as u32;
            out.push(
                words
                    .iter()
                    .zip(spans)
                    .map(|(w, span)| RawWord {
                        span,
                        predicted: Predicted {
                            upos: w.upos.to_string(),
                            xpos: w.xpos.to_string(),
                            lemma: w.lemma.clone(),
                            head: w.head.map_or(0, |h| (h - first) as usize + 1),
                            deprel: w.deprel.to_string(),
                        },
                    })
                    .collect(),
            );
        }
        out
    }
}
