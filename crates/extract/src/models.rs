//! The model files compiled into lede, in one place: `data/models/ner.bin` and
//! `data/models/syntax.bin` are embedded with `include_bytes!` here and nowhere else, so an
//! installed `lede` runs from any folder without the source tree (issue 21). The lexicons are
//! compiled in by [`crate::lexicon`] (and the `clean` crate's own `lexicon` module).
//!
//! A models folder given at run time (`lede --data DIR`, `$LEDE_DATA`) still overrides these
//! ([`ModelSource::Dir`]): a model trained with `just train-ner` can be tried without a rebuild,
//! and a rebuild embeds it (cargo tracks the files).

use crate::{ner, syntax, ExtractError};
use std::path::{Path, PathBuf};

/// One model file compiled into the binary.
pub struct ModelFile {
    /// Its name in a models folder (`ner.bin`).
    pub name: &'static str,
    /// Its bytes as they were when lede was built.
    pub bytes: &'static [u8],
}

/// The NER model (`data/models/ner.bin`).
pub static NER: ModelFile = ModelFile {
    name: ner::format::FILE_NAME,
    bytes: include_bytes!("../../../data/models/ner.bin"),
};

/// The syntax models: tagger, lemmatiser, parser (`data/models/syntax.bin`).
pub static SYNTAX: ModelFile = ModelFile {
    name: syntax::format::FILE_NAME,
    bytes: include_bytes!("../../../data/models/syntax.bin"),
};

/// Where the models come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum ModelSource {
    /// The files compiled into the binary ([`NER`], [`SYNTAX`]).
    #[default]
    Builtin,
    /// A data folder with `models/ner.bin` and `models/syntax.bin` (`--data DIR`).
    Dir(PathBuf),
}

impl ModelSource {
    /// `Dir(dir)` when a folder is given, else the built-in models.
    pub fn from_dir(dir: Option<&Path>) -> Self {
        dir.map_or(ModelSource::Builtin, |d| ModelSource::Dir(d.to_path_buf()))
    }

    /// Loads the NER model from this source.
    pub fn ner(&self) -> Result<ner::NerModel, ExtractError> {
        match self {
            ModelSource::Builtin => {
                ner::NerModel::from_bytes(NER.bytes).map_err(builtin("NER model"))
            }
            ModelSource::Dir(d) => ner::NerModel::load(&d.join("models")),
        }
    }

    /// Loads the syntax model from this source.
    pub fn syntax(&self) -> Result<syntax::SyntaxModel, ExtractError> {
        match self {
            ModelSource::Builtin => {
                syntax::format::read(SYNTAX.bytes).map_err(builtin("syntax model"))
            }
            ModelSource::Dir(d) => syntax::SyntaxModel::load(&d.join("models")),
        }
    }
}

impl std::fmt::Display for ModelSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ModelSource::Builtin => f.write_str("the models built into lede"),
            ModelSource::Dir(d) => write!(f, "{}", d.join("models").display()),
        }
    }
}

fn builtin(what: &'static str) -> impl Fn(String) -> ExtractError {
    move |reason| ExtractError::Load {
        what,
        path: "(built in)".to_string(),
        reason,
    }
}
