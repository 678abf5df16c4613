//! [`Doc`]: the read-only view of one article that the later stages (timex, quotes, events) work on.

use chrono::NaiveDate;
use model::{EntityMention, Sentence, Syntax, Token};

/// One article after tokens, sentences, entities and resolution.
pub struct Doc<'a> {
    pub text: &'a str,
    /// The article's published date, the anchor for relative dates (`None`: relative dates stay null).
    pub published: Option<NaiveDate>,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    /// Resolved mentions (entity_id and canonical filled), in text order.
    pub entities: &'a [EntityMention],
    /// Tags, lemmas and dependency trees ([`NO_SYNTAX`] where the stage did not run).
    pub syntax: &'a Syntax,
}

/// The syntax of a document the syntax stage did not see (no words).
pub static NO_SYNTAX: Syntax = Syntax {
    words: Vec::new(),
    sentences: Vec::new(),
    token_word: Vec::new(),
};
