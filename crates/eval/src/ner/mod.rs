//! NER evaluation and training: CoNLL-2003 files and the conlleval-style report ([`conll`],
//! [`eval_conll`]), MEANTIME entities and resolution ([`meantime`]), and the training loop of
//! the `train-ner` binary ([`train`]).

pub mod conll;
pub mod meantime;
pub mod train;

use extract::ner::NerModel;
use extract::ExtractError;
pub use meantime::eval_meantime;
use std::path::Path;

/// Evaluates `model` on a CoNLL-2003 file (IOB1 or IOB2) and returns the conlleval-style report,
/// whose last line is `overall precision P recall R f1 F` (percent).
pub fn eval_conll(model: &NerModel, path: &Path) -> Result<String, ExtractError> {
    let text = std::fs::read_to_string(path).map_err(|e| ExtractError::Load {
        what: "CoNLL file",
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    let docs = conll::read(&text);
    Ok(conll::evaluate(model, &docs).report())
}
