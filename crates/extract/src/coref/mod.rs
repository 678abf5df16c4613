//! Coreference: every mention of a person, organisation, place or thing (names, pronouns,
//! descriptions) linked into one chain per referent, read off the dependency parse.
//!
//! - [`mentions`]: the noun phrases and pronouns of each sentence (from the tree), plus the named
//!   entities the tree does not give as a phrase;
//! - [`attrs`]: person, number, gender and animacy of each mention (pronoun table, first names,
//!   honorifics, gendered nouns, the noun types learnt from GUM);
//! - [`link`]: the sieves that join mentions into chains, most precise first;
//! - [`rank`]: the learnt ranker that chooses each third-person pronoun's antecedent (or none);
//! - [`kinds`]: a one-word "person" whose chain describes an organisation (`the company`) is one;
//! - [`references`]: each chain's named entity, and the pronouns and descriptions that refer to
//!   one (`Extraction::references`, the `mentions` table);
//! - [`speakers`]: quotes whose speaker is a pronoun or a description take their chain's name.
//!
//! The stage runs only where the syntax stage ran; it is linear in the article's mentions but for
//! the bounded look-backs of head match and pronouns ([`link`]). Its output is
//! `Extraction::mentions`, each with its chain.

mod attrs;
mod kinds;
mod link;
mod mentions;
pub mod rank;
pub mod references;
pub mod speakers;

use crate::doc::Doc;
use model::CorefMention;

/// What the coreference stage finds in a document.
#[derive(Default)]
pub struct Coref {
    /// The mentions with their chains, in text order.
    pub mentions: Vec<CorefMention>,
    /// Entity ids the tagger called persons that their chains show to be organisations: the
    /// pipeline relabels their mentions ORG.
    pub organisations: std::collections::HashSet<String>,
}

/// The coreference mentions of a document with their chains, in text order.
pub fn resolve(doc: &Doc) -> Coref {
    resolve_with(doc, &rank::WEIGHTS)
}

/// The document's candidate mentions with their agreement attributes, as the sieves read them.
fn candidates(doc: &Doc) -> (Vec<mentions::Cand>, Vec<attrs::Attrs>) {
    let cands = mentions::detect(doc.syntax, doc.entities);
    let attrs = cands
        .iter()
        .map(|c| attrs::of(doc.text, doc.syntax, doc.entities, c))
        .collect();
    (cands, attrs)
}

/// [`resolve`] with other pronoun ranker weights (tuning them on GUM dev).
pub fn resolve_with(doc: &Doc, weights: &rank::Weights) -> Coref {
    if doc.syntax.words.is_empty() {
        return Coref::default();
    }
    let (cands, attrs) = candidates(doc);
    let cx = link::Ctx::new(doc.text, doc.syntax, doc.entities, &cands, &attrs);
    let roots = link::link(&cx, &mut rank::Decider::Model(weights));
    let organisations = kinds::organisations(doc.syntax, doc.entities, &cands, &attrs, &roots);
    // Chains numbered in order of their first mention.
    let mut number: std::collections::HashMap<usize, u32> = Default::default();
    let mentions = cands
        .iter()
        .zip(roots)
        .map(|(c, r)| {
            let next = number.len() as u32;
            let chain = *number.entry(r).or_insert(next);
            CorefMention {
                span: c.span,
                head: c.head as u32,
                sentence: c.sentence as u32,
                kind: c.kind,
                entity: c.entity.map(|e| e as u32),
                chain,
            }
        })
        .collect();
    Coref {
        mentions,
        organisations,
    }
}

/// The pronoun ranker's training cases of a document (`eval::coref::train`): each third-person
/// pronoun's candidates with their features, right where `gold` (the gold entity of a mention's
/// span, or else of its head word's span) puts them in the pronoun's chain. Each pronoun then
/// joins its nearest right candidate, so later pronouns see gold-like chains, or (`follow`) the
/// one those weights choose, so they see the model's own chains.
pub fn training_cases(
    doc: &Doc,
    gold: &dyn Fn(model::Span, model::Span) -> Option<usize>,
    follow: Option<&rank::Weights>,
) -> Vec<rank::Case> {
    if doc.syntax.words.is_empty() {
        return Vec::new();
    }
    let (cands, attrs) = candidates(doc);
    let cx = link::Ctx::new(doc.text, doc.syntax, doc.entities, &cands, &attrs);
    let mut dec = rank::Decider::Oracle {
        gold,
        cases: Vec::new(),
        follow,
    };
    link::link(&cx, &mut dec);
    match dec {
        rank::Decider::Oracle { cases, .. } => cases,
        rank::Decider::Model(_) => Vec::new(),
    }
}
