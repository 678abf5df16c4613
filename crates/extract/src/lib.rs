//! Extraction of facts from one cleaned article.
//!
//! [`Pipeline::run`] takes a [`model::CleanArticle`] and returns a [`model::Extraction`]; the stages
//! run in order, each adding to what the previous ones found:
//!
//! `tokenize` -> `sentences` -> `ner` -> `resolve` -> `timex` -> `quotes` -> `events`
//!
//! All spans are byte offsets into `CleanArticle::text`. Models and lexicons are loaded once into a
//! [`Pipeline`] ([`Resources`]) and shared read-only by worker threads.

pub mod doc;
pub mod events;
pub mod ner;
pub mod quotes;
pub mod resolve;
pub mod sentences;
pub mod timex;
pub mod tokenize;

use model::{CleanArticle, Extraction};
use std::path::Path;

/// Errors of the extraction crate.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error("cannot load {what} from {path}: {reason}")]
    Load {
        what: &'static str,
        path: String,
        reason: String,
    },
    #[error("extraction failed in stage {stage}: {reason}")]
    Stage { stage: &'static str, reason: String },
}

/// The loaded models and lexicons.
pub struct Resources {
    pub ner: ner::NerModel,
    pub cameo: events::CameoLexicon,
}

impl Resources {
    /// Loads everything from the project's `data/` folder (`data/models`, `data/lexicons`).
    pub fn load(data_dir: &Path) -> Result<Self, ExtractError> {
        Ok(Resources {
            ner: ner::NerModel::load(&data_dir.join("models"))?,
            cameo: events::CameoLexicon::load(&data_dir.join("lexicons"))?,
        })
    }
}

/// Runs every stage over one article.
pub struct Pipeline {
    res: Resources,
}

impl Pipeline {
    pub fn new(res: Resources) -> Self {
        Pipeline { res }
    }

    pub fn run(&self, article: &CleanArticle) -> Result<Extraction, ExtractError> {
        let mut out = Extraction::default();
        let text = article.text.as_str();
        out.tokens = tokenize::tokenize(text);
        out.sentences = sentences::split(text, &out.tokens);
        let english = article
            .language
            .as_deref()
            .map(|l| l == "en")
            .unwrap_or(true);
        if !english {
            out.notes.push(format!(
                "language {} is not supported by the English models: tokens and sentences only",
                article.language.as_deref().unwrap_or("?")
            ));
            return Ok(out);
        }
        out.entities = self.res.ner.tag(text, &out.tokens, &out.sentences);
        resolve::resolve_article(text, &mut out.entities);
        let doc = doc::Doc {
            text,
            published: article.published,
            tokens: &out.tokens,
            sentences: &out.sentences,
            entities: &out.entities,
        };
        out.timexes = timex::extract(&doc);
        out.quotes = quotes::extract(&doc);
        out.events = events::extract(&doc, &out.timexes, &self.res.cameo);
        for (i, q) in out.quotes.iter_mut().enumerate() {
            q.quote_id = format!("{}-q{}", &article.article_id, i);
        }
        for (i, e) in out.events.iter_mut().enumerate() {
            e.event_id = format!("{}-e{}", &article.article_id, i);
        }
        Ok(out)
    }
}
