//! What the chains say each pronoun and description refers to, for the rest of the pipeline: the
//! named entity of a chain ([`chain_names`]), whether a pronoun can stand for it ([`fits`]), and
//! the references a reader counts with the names ([`find`]: `he`, `the minister` -> the person
//! named in the article, the `mentions` table).
//!
//! A chain's name is the named entity most of its name mentions are (the first of equals). A
//! chain with no name refers to nobody the article names, and a pronoun or description that
//! cannot stand for its chain's name (`he` in a chain named `Earth`, `the plan` in a person's) is
//! a chain gone wrong: neither is a reference.

use super::attrs;
use crate::doc::Doc;
use model::{CorefMention, EntityLabel, MentionKind, Reference};
use std::collections::HashMap;

/// Chain -> its named entity (an index into `Doc::entities`), for the chains that have one.
pub type ChainNames = HashMap<u32, usize>;

/// The named entity (index into `Doc::entities`) of each chain that has one: computed once per
/// article, read by [`find`] and [`super::speakers::attribute`].
pub fn chain_names(doc: &Doc, mentions: &[CorefMention]) -> ChainNames {
    // chain -> entity_id -> (count, first entity index)
    let mut counts: HashMap<u32, HashMap<&str, (usize, usize)>> = HashMap::new();
    for m in mentions {
        let Some(e) = m.entity else { continue };
        let e = e as usize;
        let Some(ent) = doc.entities.get(e) else {
            continue;
        };
        let c = counts
            .entry(m.chain)
            .or_default()
            .entry(ent.entity_id.as_str())
            .or_insert((0, e));
        c.0 += 1;
    }
    counts
        .into_iter()
        .filter_map(|(chain, ids)| {
            let best = ids
                .into_values()
                .max_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)))?;
            Some((chain, best.1))
        })
        .collect()
}

/// Whether a pronoun can stand for a name of this label: `he`, `she`, `I` only for a person, `it`
/// never for one.
pub(crate) fn fits(pronoun: &str, label: EntityLabel) -> bool {
    match pronoun.to_lowercase().as_str() {
        "he" | "she" | "him" | "her" | "his" | "hers" | "himself" | "herself" | "i" | "me"
        | "my" | "mine" | "myself" => label == EntityLabel::Per,
        "it" | "its" | "itself" => label != EntityLabel::Per,
        // a demonstrative mostly stands for an event or a claim, not a named entity
        "this" | "that" | "these" | "those" => false,
        _ => true,
    }
}

/// Whether a description's head noun names a thing of this label: a plan, a delay or a supply is
/// not a person, a company or a country (a chain that joined `the plan` to a person went wrong).
/// Precision first: a head noun of unknown kind (`brainchild`, `schedule`) is not taken either.
fn describes(doc: &Doc, m: &CorefMention, label: EntityLabel) -> bool {
    let Some(head) = doc.syntax.words.get(m.head as usize) else {
        return false;
    };
    let lemma = head.lemma.to_lowercase();
    let kind = if attrs::organisation_noun(&lemma) {
        Some("organization")
    } else if attrs::person_noun(&lemma) {
        Some("person")
    } else {
        attrs::noun_type(&lemma)
    };
    match (label, kind) {
        (_, None) => false,
        (EntityLabel::Per, Some(k)) => k == "person",
        (EntityLabel::Org | EntityLabel::Loc, Some(k)) => matches!(k, "organization" | "place"),
        (EntityLabel::Misc, Some(k)) => k != "person",
    }
}

/// The pronouns and descriptions of `mentions` (in text order, as [`super::resolve`] returns
/// them) that refer to a named entity of the document, in text order. A mention inside a name
/// (`NATO` in `NATO's chief`... the name itself) is counted as the name, not again here.
pub fn find(doc: &Doc, mentions: &[CorefMention], names: &ChainNames) -> Vec<Reference> {
    mentions
        .iter()
        .filter(|m| m.entity.is_none() && m.kind != MentionKind::Name)
        .filter_map(|m| {
            let &e = names.get(&m.chain)?;
            let label = doc.entities[e].label;
            if m.kind == MentionKind::Pronoun && !fits(m.span.slice(doc.text), label) {
                return None;
            }
            if m.kind == MentionKind::Nominal && !describes(doc, m, label) {
                return None;
            }
            Some(Reference {
                span: m.span,
                sentence: m.sentence,
                kind: m.kind,
                entity: e as u32,
            })
        })
        .collect()
}
