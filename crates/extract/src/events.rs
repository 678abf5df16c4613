//! Events coded in CAMEO. TODO(helper-events): real implementation.
use crate::doc::Doc;
use crate::ExtractError;
use model::{Event, Timex};
use std::path::Path;

pub struct CameoLexicon {}

impl CameoLexicon {
    pub fn load(_lexicon_dir: &Path) -> Result<Self, ExtractError> {
        Ok(CameoLexicon {})
    }
}

pub fn extract(_doc: &Doc, _timexes: &[Timex], _cameo: &CameoLexicon) -> Vec<Event> {
    todo!("events")
}
