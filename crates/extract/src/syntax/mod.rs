//! The syntax stage: part-of-speech tags (UPOS and Penn), lemmas, the morphological features later
//! stages need, and a labelled dependency tree (UD basic relations) for every sentence.
//!
//! It runs after `tokenize` and `sentences` on the words of [`words`] (lede's tokens, split as UD
//! English splits them) and fills [`model::Syntax`]. The models are trained by the project's own
//! code on the UD English treebanks (`just train-syntax`, `crates/eval`) and loaded once from
//! `data/models/syntax.bin` ([`format`]); docs/MODEL.md has their card.
//!
//! - [`features`]: hashed feature templates, shared with training;
//! - [`tagger`]: greedy averaged-perceptron tagger; [`lemma`]: edit-script lemmatiser;
//!   [`morph`]: feature lookup;
//! - [`parser`]: arc-hybrid transition parser with its dynamic oracle, and the arc labeller;
//! - [`weights`]: the compact weight tables; [`format`]: the model file.

pub mod features;
pub mod format;
pub mod lemma;
pub mod morph;
pub mod parser;
pub mod tagger;
pub mod weights;
pub mod words;

use crate::ExtractError;
use features::{hs, norm, TagWord};
use model::{Sentence, Span, Syntax, Token, Word};
use std::collections::HashSet;
use std::path::Path;
use std::sync::{LazyLock, Mutex};

/// A string with the lifetime of the process: tags, labels and feature sets are few and loaded
/// once, so they are interned rather than allocated per word.
pub fn intern(s: &str) -> &'static str {
    static SEEN: LazyLock<Mutex<HashSet<&'static str>>> = LazyLock::new(Default::default);
    let mut seen = SEEN.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(&x) = seen.get(s) {
        return x;
    }
    let x: &'static str = Box::leak(s.to_string().into_boxed_str());
    seen.insert(x);
    x
}

/// The analysis of one word, as `lede eval syntax` compares it with gold data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WordAnalysis {
    pub upos: &'static str,
    pub xpos: &'static str,
    pub lemma: String,
    pub feats: &'static str,
    /// 0 for the root, else the 1-based index of the head in the sentence.
    pub head: usize,
    pub deprel: &'static str,
}

/// The loaded syntax models.
pub struct SyntaxModel {
    pub tagger: tagger::Tagger,
    pub lemmas: lemma::Lemmatizer,
    pub morph: morph::Morph,
    pub parser: parser::Parser,
}

impl SyntaxModel {
    /// Loads `syntax.bin` from the models folder.
    pub fn load(models_dir: &Path) -> Result<Self, ExtractError> {
        let path = models_dir.join(format::FILE_NAME);
        let fail = |reason: String| ExtractError::Load {
            what: "syntax model",
            path: path.display().to_string(),
            reason,
        };
        let bytes = std::fs::read(&path).map_err(|e| fail(e.to_string()))?;
        format::read(&bytes).map_err(fail)
    }

    /// Whether the treebanks the model learnt from have `lower` (a lowercase form) with the tags
    /// `upos` and `xpos`: `given` as a past participle, but not `wyoming` as one, whatever the
    /// lemmatiser would make of it.
    pub fn knows(&self, lower: &str, upos: &str, xpos: &str) -> bool {
        let class = self
            .tagger
            .tags
            .iter()
            .position(|&(u, x)| u == upos && x == xpos);
        class.is_some_and(|c| {
            let key = lemma::form_key(lower, c as u16);
            self.lemmas.forms.contains_key(&key)
        })
    }

    /// Tags, lemmatises and parses one sentence given as its words.
    pub fn analyse_words(&self, forms: &[&str]) -> Vec<WordAnalysis> {
        if forms.is_empty() {
            return Vec::new();
        }
        let mut buf = String::new();
        let tw: Vec<TagWord> = forms
            .iter()
            .map(|f| TagWord::with_buf(f, &mut buf))
            .collect();
        let tags = self.tagger.tag(&tw);
        let mut w: Vec<u64> = tw.iter().map(|x| x.w).collect();
        w.push(parser::ROOT_W);
        let mut t: Vec<u64> = tags.iter().zip(&w).map(|(&c, &f)| tag_hash(c, f)).collect();
        t.push(parser::ROOT_W);
        let arcs = self.parser.parse(&w, &t);
        let n = forms.len() as u32;
        forms
            .iter()
            .zip(&tags)
            .zip(arcs)
            .map(|((form, &tag), (head, label))| {
                let (upos, xpos) = self.tagger.tags[tag as usize];
                let base = lemma::lemma_base_cow(form);
                let lower = base.to_lowercase();
                let lemma = self.lemmas.lemma_of(&base, &lower, tag);
                WordAnalysis {
                    upos,
                    xpos,
                    feats: self.morph.feats(&lower, tag),
                    lemma,
                    head: if head == n { 0 } else { head as usize + 1 },
                    deprel: self.parser.label_names[label as usize],
                }
            })
            .collect()
    }

    /// The syntax of an article from its tokens and sentences.
    pub fn analyse(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Syntax {
        let (spans, owner) = words::words(text, tokens);
        let mut out = Syntax {
            words: Vec::with_capacity(spans.len()),
            sentences: Vec::with_capacity(sentences.len()),
            token_word: vec![0; tokens.len()],
        };
        let mut first_word = 0;
        for s in sentences {
            let start = first_word;
            while first_word < owner.len() && (owner[first_word] as usize) < s.tokens.end {
                first_word += 1;
            }
            let sent: &[Span] = &spans[start..first_word];
            let forms: Vec<&str> = sent.iter().map(|sp| &text[sp.start..sp.end]).collect();
            for (k, a) in self.analyse_words(&forms).into_iter().enumerate() {
                out.words.push(Word {
                    span: sent[k],
                    token: owner[start + k],
                    upos: a.upos,
                    xpos: a.xpos,
                    lemma: a.lemma,
                    feats: a.feats,
                    head: (a.head > 0).then(|| (start + a.head - 1) as u32),
                    deprel: a.deprel,
                });
            }
            out.sentences.push(start..first_word);
        }
        for (i, w) in out.words.iter().enumerate() {
            let head_outside = w.head.is_none_or(|h| owner[h as usize] != w.token);
            let t = w.token as usize;
            if head_outside || owner[out.token_word[t] as usize] != w.token {
                out.token_word[t] = i as u32;
            }
        }
        out
    }
}

/// The tag of a word as the parser's features see it: its tag class, refined for the names of
/// days and months and `today`, `yesterday`, `tomorrow`, `tonight` (`form` is the word's
/// [`word_hash`]). Tagged PROPN like any name, a bare `Friday` after a verb looked like an inverted
/// subject (`said Smith`) and took the reported clause as its relative clause (`said Friday that
/// it would strike`); with a tag of its own the parser learns, from every time word at once,
/// that these are adverbials (`obl:unmarked`). `may` and `march` are left out: mostly not dates.
pub fn tag_hash(class: u16, form: u64) -> u64 {
    static TIME_WORDS: LazyLock<Vec<u64>> = LazyLock::new(|| {
        model::WEEKDAY_NAMES
            .iter()
            .chain(
                model::MONTH_NAMES
                    .iter()
                    .filter(|m| !matches!(**m, "may" | "march")),
            )
            .chain(&["today", "yesterday", "tomorrow", "tonight"])
            .map(|w| word_hash(w))
            .collect()
    });
    if TIME_WORDS.contains(&form) {
        features::k2(902, class as u64, 1)
    } else {
        features::k1(901, class as u64)
    }
}

/// Hash of a normalised form (the parser's word feature).
pub fn word_hash(form: &str) -> u64 {
    hs(&norm(form))
}
