//! lede's evaluation against the public gold data (`../shared/data`, see its README): the corpus
//! readers, the scorers and the NER training. It depends on `extract` and runs the real
//! [`extract::Pipeline`] (or one stage of it); nothing in `extract` depends on it, so the
//! pipeline a user runs carries none of this. `lede eval` (the binary's `src/eval.rs`) is the one
//! front door to every report; `train-ner` (`just train-ner`) writes `data/models/ner.bin`.
//!
//! - [`ner`]: CoNLL-2003 reading and the conlleval-style report ([`ner::eval_conll`]), MEANTIME
//!   entities and cross-document resolution ([`ner::eval_meantime`]), training ([`ner::train`]).
//! - [`timex`]: TempEval-3 ([`timex::eval_tempeval`]) and MEANTIME ([`timex::eval_meantime`]).
//! - [`polnear`]: quotes on PolNeAR ([`polnear::eval_polnear`]).
//! - [`events`]: CAMEO coding on PETRARCH2's validation records ([`events::eval_petrarch`]),
//!   event clustering on ECB+ ([`events::eval_ecbplus`]) and MEANTIME
//!   ([`events::eval_meantime_events`]), with the CAT XML reader and the clustering scores.
//! - [`syntax`]: Universal Dependencies (EWT, GUM): the CoNLL-U reader, tags, lemmas and trees
//!   scored on gold tokens ([`syntax::score_gold`]) and from raw text as the CoNLL 2018 shared
//!   task ([`syntax::score_raw`]).
//! - [`coref`]: coreference on GUM's gold chains ([`coref::eval_coref`]: MUC, B-cubed, CEAF-e,
//!   CoNLL F1, pronoun accuracy).
//! - [`html`]: the main text of web pages on the article extraction benchmark, through
//!   `clean` ([`html::eval_html`]).

pub mod coref;
pub mod events;
pub mod html;
pub mod metrics;
pub mod ner;
pub mod polnear;
pub mod syntax;
pub mod timex;
pub mod train_syntax;

pub use extract::ExtractError;

/// A gold document's text as the pipeline takes it: an English article with this id and nothing
/// else known (no date, no title).
pub fn english_article(id: &str, text: &str) -> model::CleanArticle {
    model::CleanArticle {
        article_id: id.to_string(),
        language: Some("en".into()),
        text: text.to_string(),
        ..Default::default()
    }
}
