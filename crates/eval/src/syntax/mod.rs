//! Evaluation of the syntax stage (issue 16) on Universal Dependencies treebanks (EWT, GUM): the
//! CoNLL-U reader ([`conllu`]), scoring on gold tokens ([`score`]: UPOS, XPOS, lemmas, UAS, LAS
//! as accuracies) and scoring from raw text as the CoNLL 2018 shared task's `conll18_ud_eval.py`
//! (`align`, to come). The system under test is the trait [`GoldTokenParser`]; `lede eval
//! syntax --conllu FILE` prints [`GoldScores::report`].

pub mod conllu;
pub mod score;

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
}
