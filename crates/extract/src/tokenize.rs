//! Tokenizer for news text. TODO(helper-ner): real implementation.
use model::Token;

pub fn tokenize(_text: &str) -> Vec<Token> {
    todo!("tokenizer")
}
