//! Speakers from the chains: a quote whose speaker is written as a pronoun or a description (`he
//! said`, `the minister said`) takes the person or organisation its chain names, so that
//! `speaker_entity_id` / `speaker_canonical` are who spoke, not how the sentence referred to them.
//!
//! A chain's name is [`super::references::chain_names`]'s; a chain with no name leaves the speaker
//! as the quote stage resolved it (a pronoun it could not place stays null: unknown is not
//! invented).

use super::references::{fits, ChainNames};
use crate::doc::Doc;
use model::{CorefMention, MentionKind, Quote, Span};

/// The mention that stands for a speaker written at `span`: the mention with exactly that span,
/// else the widest one inside it whose head word is inside it.
fn speaker_mention<'m>(
    doc: &Doc,
    mentions: &'m [CorefMention],
    span: Span,
) -> Option<&'m CorefMention> {
    let from = mentions.partition_point(|m| m.span.start < span.start);
    let inside = mentions[from..]
        .iter()
        .take_while(|m| m.span.start < span.end)
        .filter(|m| m.span.end <= span.end);
    if let Some(m) = inside.clone().find(|m| m.span == span) {
        return Some(m);
    }
    inside
        .filter(|m| {
            doc.syntax
                .words
                .get(m.head as usize)
                .is_some_and(|w| w.span.start >= span.start && w.span.end <= span.end)
        })
        .max_by_key(|m| (m.span.end - m.span.start, std::cmp::Reverse(m.span.start)))
}

/// Gives each quote whose speaker is a pronoun or an unresolved description the entity its chain
/// names. `mentions` are in text order (as [`super::resolve`] returns them), `names` their
/// chains' names ([`chain_names`]).
pub fn attribute(doc: &Doc, mentions: &[CorefMention], names: &ChainNames, quotes: &mut [Quote]) {
    if mentions.is_empty() {
        return;
    }
    for q in quotes.iter_mut() {
        let Some(span) = q.speaker_span else { continue };
        let Some(m) = speaker_mention(doc, mentions, span) else {
            continue;
        };
        let written_as_name = m.kind == MentionKind::Name && q.speaker_entity_id.is_some();
        if written_as_name {
            continue;
        }
        if m.kind != MentionKind::Pronoun && q.speaker_entity_id.is_some() {
            // a description the quote stage already matched to a named role (`the Secretary
            // General` -> Stoltenberg)
            continue;
        }
        if let Some(&e) = names.get(&m.chain) {
            let ent = &doc.entities[e];
            if m.kind == MentionKind::Pronoun && !fits(span.slice(doc.text), ent.label) {
                // `he` in a chain named `Earth` or `Well`: the chain went wrong, keep the quote
                // stage's answer
                continue;
            }
            q.speaker_entity_id = Some(ent.entity_id.clone());
            q.speaker_canonical = Some(ent.canonical.clone());
        }
    }
}
