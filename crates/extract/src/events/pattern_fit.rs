//! Does a PETRARCH verb pattern matched on the words hold in the parse (issue 18)? PETRARCH's
//! patterns were written for parse trees: a pattern ending in a preposition (`LEAD - * TO [030]`) wants the verb's prepositional object
//! there, an actor (`led the delegation to Moscow`, not `led to felony charges`, nor the
//! infinitive of `managed to outsell`), and a pattern ending in a synonym set of things wants the
//! thing (`&MILITARY`: troops, army), not an adjective (`the military alliance`). Without a parse every match holds.

use super::cameo::CameoLexicon;
use super::tree::Tree;
use crate::doc::Doc;
use model::EntityLabel;
use std::ops::Range;

/// Do the elements matched after the verb at token `verb` (token ranges `post`) fit the parse? The
/// pattern's last word, a synonym set's, heads its phrase; a last word that is a preposition has
/// an actor in the verb's phrase for its object. (Requiring every matched word to lie in the
/// verb's phrase lost validation records to parse errors, `promised raids` parsed as a noun
/// phrase: it is not required.)
pub(super) fn holds(
    doc: &Doc,
    cameo: &CameoLexicon,
    verb: usize,
    post: &[Range<usize>],
    ends_in_set: bool,
) -> bool {
    let si = doc.sentences.partition_point(|s| s.tokens.end <= verb);
    let Some(t) = Tree::of(doc, si) else {
        return true;
    };
    let Some(v) = t.word_of(verb) else {
        return true;
    };
    let last = post.len().saturating_sub(1);
    post.iter().enumerate().all(|(k, r)| {
        let Some(x) = r.end.checked_sub(1).and_then(|k| t.word_of(k)) else {
            return true;
        };
        if k < last {
            return true; // `OVER EFFORTS`, `DIPLOMATIC TIES`: the last word decides
        }
        if t.full_rel(x) == "compound:prt" {
            return true; // a phrasal verb's particle (`set up`)
        }
        if t.upos(x) == "ADP" || t.upos(x) == "PART" {
            // a bare preposition: the verb's prepositional object is an actor
            return t.rel(x) == "case"
                && t.head(x)
                    .is_some_and(|n| t.under(n, v) && actor(doc, cameo, &t, n));
        }
        // a set's word that modifies a word further on is not its phrase's head
        !(ends_in_set && t.rel(x) == "amod" && t.head(x).is_some_and(|h| h > x))
    })
}

/// Is word `n` an actor: inside a named mention (not `Misc`), a pronoun, or a noun the actor
/// dictionaries code (`the government`, `troops`)?
pub(super) fn actor(doc: &Doc, cameo: &CameoLexicon, t: &Tree, n: usize) -> bool {
    let sp = t.span(n);
    let named = doc
        .entities
        .iter()
        .any(|m| m.label != EntityLabel::Misc && m.span.start <= sp.start && sp.end <= m.span.end);
    named
        || matches!(t.upos(n), "PRON" | "PROPN")
        || cameo.actors.code(&[t.lower(n)], None).is_some()
        || cameo.actors.code(&[t.lemma(n)], None).is_some()
}
