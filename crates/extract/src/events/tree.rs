//! A read-only view of one sentence's dependency tree for the event rules ([`Tree`]): a word's
//! children, relation, head and lemma, the word a token stands for, and whether one word lies
//! under another. The parse itself is the syntax stage's (`model::Syntax`).

use crate::doc::Doc;
use model::Syntax;
use std::ops::Range;

/// The tree of one sentence of a parsed document.
pub(super) struct Tree<'d> {
    syn: &'d Syntax,
    text: &'d str,
    /// The sentence's words, indices into `Syntax::words`.
    words: Range<usize>,
}

impl<'d> Tree<'d> {
    /// The tree of sentence `sentence`, `None` when the document has no parse for it.
    pub(super) fn of(doc: &Doc<'d>, sentence: usize) -> Option<Tree<'d>> {
        let syn = doc.syntax;
        let words = syn.sentences.get(sentence)?.clone();
        (!words.is_empty()).then_some(Tree {
            syn,
            text: doc.text,
            words,
        })
    }

    /// The word that stands for token `tok`, when it lies in this sentence.
    pub(super) fn word_of(&self, tok: usize) -> Option<usize> {
        let w = *self.syn.token_word.get(tok)? as usize;
        self.words.contains(&w).then_some(w)
    }

    /// Whether word `i` lies in this sentence.
    pub(super) fn has(&self, i: usize) -> bool {
        self.words.contains(&i)
    }

    pub(super) fn kids(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .clone()
            .filter(move |&i| self.syn.words[i].head == Some(h as u32))
    }

    /// The UD relation without its subtype (`nsubj:pass` -> `nsubj`).
    pub(super) fn rel(&self, i: usize) -> &'static str {
        let r = self.syn.words[i].deprel;
        r.split(':').next().unwrap_or(r)
    }

    /// The UD relation with its subtype.
    pub(super) fn full_rel(&self, i: usize) -> &'static str {
        self.syn.words[i].deprel
    }

    pub(super) fn head(&self, i: usize) -> Option<usize> {
        let h = self.syn.words[i].head? as usize;
        self.words.contains(&h).then_some(h)
    }

    pub(super) fn upos(&self, i: usize) -> &'static str {
        self.syn.words[i].upos
    }

    /// The Penn Treebank tag (`VBD`, `NN`).
    pub(super) fn xpos(&self, i: usize) -> &'static str {
        self.syn.words[i].xpos
    }

    pub(super) fn lemma(&self, i: usize) -> String {
        self.syn.words[i].lemma.to_lowercase()
    }

    /// The word as written, lowercased.
    pub(super) fn lower(&self, i: usize) -> String {
        let sp = self.syn.words[i].span;
        self.text[sp.start..sp.end].to_lowercase()
    }

    pub(super) fn span(&self, i: usize) -> model::Span {
        self.syn.words[i].span
    }

    /// Does word `i` lie under word `anc` (or is it `anc`)?
    pub(super) fn under(&self, i: usize, anc: usize) -> bool {
        let mut at = i;
        for _ in 0..=self.words.len() {
            if at == anc {
                return true;
            }
            match self.head(at) {
                Some(h) => at = h,
                None => return false,
            }
        }
        false
    }
}
