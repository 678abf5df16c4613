//! What a chain says about its name's kind: a bare one-word "person" (`Fiat`, `Intel`, `Cisco`)
//! whose chain holds a description of an organisation (`the company`, `European automaker Fiat`,
//! `Fiat is a supplier`) and nothing that speaks of a person (`he`, `she`, `the senator`) is an
//! organisation. The tagger's PER for a capitalised word with no first name is its weakest guess;
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
                match attrs::noun_type(&lemma) {
                    Some("organization") => v.0 += 1,
                    Some("person") => v.1 += 1,
                    _ => {}
                }
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
