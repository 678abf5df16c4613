//! What a chain says about its name's kind: a bare one-word "person" (`Fiat`, `Intel`, `Cisco`)
//! whose chain holds a description of an organisation (`the company`, `European automaker Fiat`,
//! `Fiat is a supplier`), or whose name is written beside one in its own phrase (`the flag carrier
//! Aeroflot`, `automaker Chrysler`) or coordinated with organisations (`GM and Chrysler`), and
//! nothing that speaks of a person (`he`, `she`, `the
//! senator`, `President ...`) is an organisation. The tagger's PER for a capitalised word with no first name is its weakest guess;
//! the article's own description of it is better evidence. (`it` cannot vote: the pronoun sieve
//! never gives `it` a person, and letting it try made `Obama` a company.)

use super::attrs::{self, Animacy, Attrs, Gender};
use super::mentions::Cand;
use model::{EntityLabel, EntityMention, MentionKind, Syntax};
use std::collections::{HashMap, HashSet};

/// Whether a PER name may be an organisation in disguise: one word, no first name or honorific.
fn weak_person(entity: &EntityMention, a: &Attrs) -> bool {
    entity.label == EntityLabel::Per
        && !entity.canonical.contains(char::is_whitespace)
        && a.gender == Gender::Unknown
}

/// What the words set beside a name in its own phrase say it is, as (organisation, person)
/// votes: a noun it stands in apposition to or is written right after (`the flag carrier
/// Aeroflot`, `automaker Chrysler`, `the German company DaimlerChrysler`) or a title before it
/// (`President Obama`), or what a copula says it is (`Fiat is a supplier`). A name that modifies
/// a noun (`the Obama administration`) says nothing: the noun is then what the name is attached
/// to, not what it is.
fn described_by(syntax: &Syntax, entities: &[EntityMention], c: &Cand) -> (u32, u32) {
    let words = &syntax.words;
    let Some(name) = c.entity.map(|e| entities[e].span) else {
        return (0, 0);
    };
    let inside = |i: usize| words[i].span.start >= name.start && words[i].span.end <= name.end;
    let describes = |deprel: &str| matches!(deprel, "appos" | "flat" | "compound" | "nmod:desc");
    let mut descriptors = Vec::new();
    let head = &words[c.head];
    if matches!(head.deprel, "appos" | "flat") {
        descriptors.extend(head.head.map(|h| h as usize));
    }
    // The subject of a copula: `Fiat is a supplier`, `Obama is the president`.
    if let (Some(h), true) = (
        head.head.map(|h| h as usize),
        head.deprel.starts_with("nsubj"),
    ) {
        let copula = words
            .iter()
            .enumerate()
            .skip(h.saturating_sub(8))
            .take(16)
            .any(|(i, w)| w.head == Some(h as u32) && w.deprel == "cop" && i != c.head);
        if copula {
            descriptors.push(h);
        }
    }
    let sentence = syntax.sentences[c.sentence].clone();
    descriptors.extend(
        sentence
            .clone()
            .filter(|&i| words[i].head == Some(c.head as u32) && describes(words[i].deprel)),
    );
    // The common noun written right before the name, whatever the tree made of it (`car company
    // DaimlerChrysler announced` parsed as two subjects).
    let mut first = c.head;
    while first > sentence.start && inside(first - 1) {
        first -= 1;
    }
    if first > sentence.start && words[first - 1].upos == "NOUN" {
        descriptors.push(first - 1);
    }
    descriptors.sort_unstable();
    descriptors.dedup();
    let (mut org, mut per) = conjuncts(syntax, entities, c.head, &sentence);
    for i in descriptors.into_iter().filter(|&i| !inside(i)) {
        let w = &words[i];
        if !matches!(w.upos, "NOUN" | "PROPN") {
            continue;
        }
        let lemma = w.lemma.to_lowercase();
        if attrs::organisation_noun(&lemma) {
            org += 1;
        } else if attrs::person_noun(&lemma) {
            per += 1;
        }
    }
    (org, per)
}

/// What the names coordinated with a name say it is, as (organisation, person) votes: `General
/// Motors and Chrysler`, `Ford, Chrysler and GM` list things of one kind. A name tagged ORG votes
/// organisation; only a person named in full (`Barack Obama`) votes person, since a one-word
/// "person" beside it may be the same mistake.
fn conjuncts(
    syntax: &Syntax,
    entities: &[EntityMention],
    head: usize,
    sentence: &std::ops::Range<usize>,
) -> (u32, u32) {
    let words = &syntax.words;
    let first = match (words[head].deprel, words[head].head) {
        ("conj", Some(h)) => h as usize,
        _ => head,
    };
    let members = std::iter::once(first).chain(
        sentence
            .clone()
            .filter(|&i| words[i].head == Some(first as u32) && words[i].deprel == "conj"),
    );
    let (mut org, mut per) = (0, 0);
    for i in members.filter(|&i| i != head) {
        let span = words[i].span;
        let Some(e) = entities
            .iter()
            .find(|e| e.span.start <= span.start && span.end <= e.span.end)
        else {
            continue;
        };
        match e.label {
            EntityLabel::Org => org += 1,
            EntityLabel::Per if e.canonical.contains(char::is_whitespace) => per += 1,
            _ => {}
        }
    }
    (org, per)
}

/// The entity ids of the weak persons whose chains speak of an organisation.
pub(super) fn organisations(
    syntax: &Syntax,
    entities: &[EntityMention],
    cands: &[Cand],
    attrs: &[Attrs],
    roots: &[usize],
) -> HashSet<String> {
    // chain root -> (organisation evidence, person evidence)
    let mut votes: HashMap<usize, (u32, u32)> = HashMap::new();
    for (i, c) in cands.iter().enumerate() {
        let v = votes.entry(roots[i]).or_default();
        match c.kind {
            MentionKind::Pronoun
                if attrs[i].person == 3
                    && attrs[i].animacy == Animacy::Animate
                    && attrs[i].gender != Gender::Unknown =>
            {
                v.1 += 1;
            }
            MentionKind::Nominal => {
                let lemma = syntax.words[c.head].lemma.to_lowercase();
                if attrs::organisation_noun(&lemma) {
                    v.0 += 1;
                } else if attrs::person_noun(&lemma) {
                    v.1 += 1;
                }
            }
            MentionKind::Name => {
                let (org, per) = described_by(syntax, entities, c);
                v.0 += org;
                v.1 += per;
            }
            _ => {}
        }
    }
    let mut out = HashSet::new();
    for (i, c) in cands.iter().enumerate() {
        let Some(e) = c.entity else { continue };
        let ent = &entities[e];
        if c.kind != MentionKind::Name || !weak_person(ent, &attrs[i]) {
            continue;
        }
        let (org, per) = votes.get(&roots[i]).copied().unwrap_or_default();
        if org > 0 && per == 0 {
            out.insert(ent.entity_id.clone());
        }
    }
    out
}
