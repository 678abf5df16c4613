//! Sentence splitter. TODO(helper-ner): real implementation.
use model::{Sentence, Token};

pub fn split(_text: &str, _tokens: &[Token]) -> Vec<Sentence> {
    todo!("sentence splitter")
}
