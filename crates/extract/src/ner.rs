//! Named-entity recognition. TODO(helper-ner): real implementation.
use crate::ExtractError;
use model::{EntityMention, Sentence, Token};
use std::path::Path;

pub struct NerModel {}

impl NerModel {
    pub fn load(_models_dir: &Path) -> Result<Self, ExtractError> {
        Ok(NerModel {})
    }
    pub fn tag(&self, _text: &str, _tokens: &[Token], _sentences: &[Sentence]) -> Vec<EntityMention> {
        todo!("ner")
    }
}
