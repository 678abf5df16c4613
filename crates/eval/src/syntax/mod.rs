//! Evaluation of the syntax stage (issue 16) on Universal Dependencies treebanks (EWT, GUM): the
//! CoNLL-U reader ([`conllu`]), scoring on gold tokens ([`score`]: UPOS, XPOS, lemmas, UAS, LAS
//! as accuracies) and scoring from raw text as the CoNLL 2018 shared task's `conll18_ud_eval.py`
//! ([`align`]: tokens, sentences, words and the same figures as F1 over aligned words). The
//! systems under test are the traits [`GoldTokenParser`] and [`RawParser`]; `lede eval syntax
//! --conllu FILE [--raw]` prints [`GoldScores::report`] or [`RawScores::report`].

pub mod align;
pub mod conllu;
pub mod score;
pub mod system;

pub use align::{score_raw, RawParser, RawScores, RawWord};
pub use conllu::{Sentence, TokenRow, WordRow};
pub use score::{score_gold, GoldScores, GoldTokenParser, Predicted};

/// Errors of reading CoNLL-U or of lining a text up with its gold tokens.
#[derive(Debug, thiserror::Error)]
pub enum UdError {
    #[error("cannot read {path}: {reason}")]
    Io { path: String, reason: String },
    /// A malformed line (`line` 1-based).
    #[error("{file}:{line}: {reason}")]
    Format {
        file: String,
        line: usize,
        reason: String,
    },
    /// A gold form that does not match the sentence's `# text`.
    #[error("sentence {sent_id}: {reason}")]
    Text { sent_id: String, reason: String },
    /// System output that cannot be scored (a span outside the text, words out of order).
    #[error("system output: {0}")]
    System(String),
}
