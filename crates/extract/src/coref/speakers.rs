//! Speakers from the chains: a quote whose speaker is written as a pronoun or a description (`he
//! said`, `the minister said`) takes the person or organisation its chain names, so that
//! `speaker_entity_id` / `speaker_canonical` are who spoke, not how the sentence referred to them.
//!
//! A chain's name is [`super::references::chain_names`]'s; a chain with no name leaves the speaker
//! as the quote stage resolved it (a pronoun it could not place stays null: unknown is not
//! invented).

use super::references::{fits, ChainNames};
use crate::doc::Doc;
use model::{CorefMention, EntityLabel, MentionKind, Quote, Span};

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
        let named = names.get(&m.chain).copied();
        let named = named.or_else(|| {
            (m.kind == MentionKind::Nominal)
                .then(|| titled_person(doc, mentions, m))
                .flatten()
        });
        if let Some(e) = named {
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

/// A description speaker (`the` and a singular person noun) whose head noun the article used as
/// a person's title (`the rookie defenceman said` after `Defenceman Owen Power`, `the coach said`
/// after `Coach Jane Smith`): the nearest such person before it (an entity index). The title is
/// the word right before the name (the tagger leaves it out of the name), one phrase with it in
/// the parse, with the description's head as its lemma.
fn titled_person(doc: &Doc, mentions: &[CorefMention], m: &CorefMention) -> Option<usize> {
    let words = &doc.syntax.words;
    let head = words.get(m.head as usize)?;
    let lemma = head.lemma.to_lowercase();
    // one definite person: `the rookie defenceman`, not `a friend`, `her friend`, `prosecutors`
    // or `the state` (a noun GUM knows as a place), whatever its title-like use
    let definite = m.span.slice(doc.text).to_lowercase().starts_with("the ");
    let not_a_person = super::attrs::noun_type(&lemma).is_some_and(|t| t != "person");
    if head.upos != "NOUN" || head.xpos != "NN" || !definite || not_a_person {
        return None;
    }
    mentions
        .iter()
        .take_while(|n| n.span.start < m.span.start)
        .filter(|n| n.kind == MentionKind::Name)
        .filter_map(|n| Some((n, n.entity? as usize)))
        .filter(|&(_, e)| {
            doc.entities
                .get(e)
                .is_some_and(|x| x.label == EntityLabel::Per)
        })
        .filter(|(n, _)| {
            let first = words.partition_point(|w| w.span.start < n.span.start);
            let Some(k) = first.checked_sub(1) else {
                return false;
            };
            let t = &words[k];
            let in_name = |i: usize| {
                let w = &words[i];
                n.span.start <= w.span.start && w.span.end <= n.span.end
            };
            // the title and the name are one phrase in the parse: the title modifies the name
            // (`compound`, `nmod:desc`) or the name hangs from it (`flat`, `appos`)
            let one_phrase = t.head.is_some_and(|h| in_name(h as usize))
                || (first..words.len())
                    .take_while(|&i| in_name(i))
                    .any(|i| words[i].head == Some(k as u32));
            t.span.end < n.span.start
                && t.lemma.to_lowercase() == lemma
                && doc.text[t.span.end..n.span.start].trim().is_empty()
                && one_phrase
        })
        .last()
        .map(|(_, e)| e)
}
