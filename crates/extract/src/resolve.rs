//! Name resolution. TODO(helper-ner): real implementation.
use model::EntityMention;

pub fn resolve_article(_text: &str, _mentions: &mut [EntityMention]) {
    todo!("resolve")
}
