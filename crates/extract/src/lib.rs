//! Extraction of facts from one cleaned article.
//!
//! [`Pipeline::run`] takes a [`model::CleanArticle`] and returns a [`model::Extraction`]; the stages
//! run in order, each adding to what the previous ones found:
//!
//! `tokenize` -> `sentences` -> `syntax` -> `ner` -> `resolve` -> `coref` -> `timex` -> `quotes` ->
//! `events` (`syntax` and `coref` only with a syntax model, see [`Resources::load_without_syntax`])
//!
//! [`Pipeline::run_with`] runs them under a per-article [`Budget`] (a deadline, checked between the
//! stages and inside the long loops of timex, quotes and events): an article that overruns stops with
//! [`ExtractError::Budget`]. Every stage is linear or n log n in the article's length; the caps
//! that keep it so are in [`budget`], and a cap that bites leaves a note in `Extraction::notes`.
//!
//! All spans are byte offsets into `CleanArticle::text`. Models and lexicons are loaded once into a
//! [`Pipeline`] ([`Resources`]) and shared read-only by worker threads. Both are compiled into the
//! binary ([`models`], [`lexicon`]); a models folder can override the models ([`ModelSource`]).

pub mod budget;
pub mod coref;
pub mod doc;
pub mod events;
mod index;
pub mod lexicon;
pub mod models;
pub mod ner;
pub mod quotes;
pub mod resolve;
pub mod sentences;
pub mod syntax;
pub mod timex;
pub mod tokenize;

pub use budget::Budget;
use model::{CleanArticle, Extraction};
pub use models::ModelSource;
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
    /// The article overran its [`Budget`]: `budget` names it (`time budget of 30 s`).
    #[error("{budget} exceeded in stage {stage}")]
    Budget { stage: &'static str, budget: String },
}

/// The loaded models and lexicons.
pub struct Resources {
    pub ner: ner::NerModel,
    /// `None`: the syntax stage does not run ([`Resources::load_without_syntax`]).
    pub syntax: Option<syntax::SyntaxModel>,
    pub cameo: events::CameoLexicon,
}

impl Resources {
    /// Loads the models from the project's `data/` folder (`data/models`); the lexicons are
    /// compiled in ([`lexicon`]).
    pub fn load(data_dir: &Path) -> Result<Self, ExtractError> {
        Self::from_source(&ModelSource::Dir(data_dir.to_path_buf()), true)
    }

    /// Loads the models from `source` (the built-in ones or a data folder), with the syntax model
    /// or without it ([`Resources::load_without_syntax`] says what that skips).
    pub fn from_source(source: &ModelSource, with_syntax: bool) -> Result<Self, ExtractError> {
        Ok(Resources {
            ner: source.ner()?,
            syntax: if with_syntax {
                Some(source.syntax()?)
            } else {
                None
            },
            cameo: events::CameoLexicon::builtin(),
        })
    }

    /// Loads every model but the syntax model: the pipeline then skips the syntax and coreference
    /// stages (`Extraction::syntax` and `Extraction::mentions` stay empty; speakers keep the quote
    /// stage's rules): what `--no-parse` loads (the engine calls [`Resources::from_source`]).
    pub fn load_without_syntax(data_dir: &Path) -> Result<Self, ExtractError> {
        Self::from_source(&ModelSource::Dir(data_dir.to_path_buf()), false)
    }
}

/// Runs every stage over one article.
pub struct Pipeline {
    res: Resources,
}

impl Pipeline {
    /// A pipeline that runs every stage its resources have models for.
    pub fn new(res: Resources) -> Self {
        Pipeline { res }
    }

    /// Runs every stage with no budget.
    pub fn run(&self, article: &CleanArticle) -> Result<Extraction, ExtractError> {
        self.run_with(article, &Budget::unlimited())
    }

    /// Runs every stage within `budget`; `Err(ExtractError::Budget)` names the stage that overran.
    pub fn run_with(
        &self,
        article: &CleanArticle,
        budget: &Budget,
    ) -> Result<Extraction, ExtractError> {
        let (out, english) = self.run_until_coref(article, budget)?;
        if !english {
            return Ok(out);
        }
        self.run_from_coref(article, budget, out)
    }

    /// The stages before coreference (tokens, sentences, parse, entities and their resolution):
    /// the extraction as the coreference stage reads it (`eval::coref::train` learns from it),
    /// and whether the article is English (the later stages run only then).
    pub fn run_until_coref(
        &self,
        article: &CleanArticle,
        budget: &Budget,
    ) -> Result<(Extraction, bool), ExtractError> {
        let mut out = Extraction::default();
        let text = article.text.as_str();
        budget.check("tokenize")?;
        out.tokens = tokenize::tokenize(text);
        budget.check("sentences")?;
        out.sentences = sentences::split(text, &out.tokens);
        let cut = out
            .sentences
            .iter()
            .filter(|s| s.tokens.len() >= sentences::MAX_SENTENCE_TOKENS)
            .count();
        if cut > 0 {
            out.notes.push(format!(
                "sentences: {cut} run(s) of {} tokens without a sentence end cut there",
                sentences::MAX_SENTENCE_TOKENS
            ));
        }
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
            return Ok((out, false));
        }
        if let Some(model) = &self.res.syntax {
            budget.check("syntax")?;
            out.syntax = model.analyse(text, &out.tokens, &out.sentences);
        }
        budget.check("ner")?;
        out.entities = self.res.ner.tag(text, &out.tokens, &out.sentences);
        let knows = |lower: &str, upos: &str, xpos: &str| {
            self.res
                .syntax
                .as_ref()
                .is_some_and(|m| m.knows(lower, upos, xpos))
        };
        let dropped =
            ner::syntax_check::drop_function_words(text, &out.syntax, &knows, &mut out.entities);
        if dropped > 0 {
            out.notes.push(format!(
                "ner: {dropped} one-word name(s) the parse reads as a function word dropped"
            ));
        }
        budget.check("resolve")?;
        resolve::resolve_article(text, &mut out.entities);
        Ok((out, true))
    }

    /// The stages from coreference on (the second half of [`Pipeline::run_with`]).
    fn run_from_coref(
        &self,
        article: &CleanArticle,
        budget: &Budget,
        mut out: Extraction,
    ) -> Result<Extraction, ExtractError> {
        let text = article.text.as_str();
        // The view the later stages read, borrowing `out` field by field.
        macro_rules! doc {
            () => {
                doc::Doc {
                    text,
                    published: article.published,
                    tokens: &out.tokens,
                    sentences: &out.sentences,
                    entities: &out.entities,
                    syntax: &out.syntax,
                }
            };
        }
        budget.check("coref")?;
        let found = coref::resolve(&doc!());
        out.mentions = found.mentions;
        for e in out.entities.iter_mut() {
            if found.organisations.contains(&e.entity_id) {
                e.label = model::EntityLabel::Org;
            }
        }
        let doc = doc!();
        let chain_names = coref::references::chain_names(&doc, &out.mentions);
        out.references = coref::references::find(&doc, &out.mentions, &chain_names);
        budget.check("timex")?;
        out.timexes = timex::extract_with(&doc, budget)?;
        budget.check("quotes")?;
        out.quotes = quotes::extract_with(&doc, budget, &mut out.notes)?;
        // Speakers written as pronouns and descriptions take the person their chain names.
        coref::speakers::attribute(&doc, &out.mentions, &chain_names, &mut out.quotes);
        budget.check("events")?;
        out.events = events::extract_with(
            &doc,
            &out.timexes,
            &out.mentions,
            &self.res.cameo,
            budget,
            &mut out.notes,
        )?;
        for (i, q) in out.quotes.iter_mut().enumerate() {
            q.quote_id = format!("{}-q{}", &article.article_id, i);
        }
        for (i, e) in out.events.iter_mut().enumerate() {
            e.event_id = format!("{}-e{}", &article.article_id, i);
        }
        Ok(out)
    }
}
