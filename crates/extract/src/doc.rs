//! [`Doc`]: the read-only view of one article that the later stages (timex, quotes, events) work on.

use chrono::NaiveDate;
use model::{EntityMention, Sentence, Token};

/// One article after tokens, sentences, entities and resolution.
pub struct Doc<'a> {
    pub text: &'a str,
    /// The article's published date, the anchor for relative dates (`None`: relative dates stay null).
    pub published: Option<NaiveDate>,
    pub tokens: &'a [Token],
    pub sentences: &'a [Sentence],
    /// Resolved mentions (entity_id and canonical filled), in text order.
    pub entities: &'a [EntityMention],
}
