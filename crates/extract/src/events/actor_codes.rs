//! CAMEO actor codes of an event's source and target (issue 18): `actor1_code` / `actor2_code`
//! (`RUSGOV`, `UKRMIL`, `IGOWSTNAT`), with their country and type, from the noun phrase that
//! stands for each actor and the [`ActorLexicon`].
//!
//! The phrase of a side: the parse's argument word of the trigger ([`super::parse_actors::slots`])
//! with its determiners, adjectives, compounds, flat names, possessors, appositions and `of`
//! modifiers (`the Ukrainian government`, `Russia's army`, `the leader of Russia`); when the
//! event's actor is an entity mention outside that phrase (found by the token rules), the mention's
//! own noun phrase. The phrase is coded first (`Russian soldiers` -> `RUSMIL`: country adjective
//! plus agent), then the entity's canonical name (`Putin` -> `Vladimir Putin`). A pronoun or
//! description (`he`, `the minister`) whose coreference chain names an entity takes that entity's
//! phrase and name; without one, a description codes as its agent alone (`the minister` -> `GOV`,
//! no country: the country is never guessed from the rest of the article). People with dated
//! roles are coded at the article's published date; without one, their undated code.

use super::actor_dict::ActorLexicon;
use crate::doc::Doc;
use model::{CorefMention, EntityMention, Event, MentionKind};
use std::collections::HashMap;

/// The coreference chains of the article, for pronoun and description arguments.
pub(super) struct Chains<'m> {
    /// Head word -> index of the mention with that head.
    by_head: HashMap<u32, usize>,
    /// Chain -> the entity (index into `doc.entities`) of its first named mention.
    entity_of_chain: HashMap<u32, u32>,
    mentions: &'m [CorefMention],
}

impl<'m> Chains<'m> {
    pub(super) fn new(mentions: &'m [CorefMention]) -> Self {
        let mut by_head = HashMap::new();
        let mut entity_of_chain = HashMap::new();
        for (i, m) in mentions.iter().enumerate() {
            by_head.entry(m.head).or_insert(i);
            if let Some(e) = m.entity {
                entity_of_chain.entry(m.chain).or_insert(e);
            }
        }
        Chains {
            by_head,
            entity_of_chain,
            mentions,
        }
    }

    /// The entity a pronoun or description headed by word `w` refers to.
    fn entity_of<'d>(&self, doc: &Doc<'d>, w: usize) -> Option<&'d EntityMention> {
        let m = &self.mentions[*self.by_head.get(&(w as u32))?];
        if m.kind == MentionKind::Name {
            return None;
        }
        doc.entities
            .get(*self.entity_of_chain.get(&m.chain)? as usize)
    }
}

/// Relations that keep a dependent inside its head's noun phrase.
const NP_RELATIONS: &[&str] = &[
    "det",
    "amod",
    "compound",
    "flat",
    "flat:name",
    "nmod:poss",
    "appos",
    "case",
];

/// The words of the noun phrase headed by word `w` (word indices, in text order).
fn np_words(doc: &Doc, w: usize) -> Vec<usize> {
    let syn = doc.syntax;
    let Some(s) = syn.sentences.iter().find(|r| r.contains(&w)).cloned() else {
        return Vec::new();
    };
    let text = |i: usize| doc.text[syn.words[i].span.start..syn.words[i].span.end].to_lowercase();
    let mut out = vec![w];
    let mut todo = vec![(w, 0)];
    while let Some((h, depth)) = todo.pop() {
        for k in s.clone() {
            if syn.words[k].head != Some(h as u32) || depth > 4 {
                continue;
            }
            let rel = syn.words[k].deprel;
            // `of` and `from` modifiers (`the leader of Russia`, `soldiers from Gondor`), not
            // other prepositions (`soldiers in Ukraine` are not Ukraine's)
            let of_nmod = rel == "nmod"
                && s.clone().any(|c| {
                    syn.words[c].head == Some(k as u32)
                        && syn.words[c].deprel == "case"
                        && matches!(text(c).as_str(), "of" | "from")
                });
            if NP_RELATIONS.contains(&rel) || of_nmod {
                out.push(k);
                todo.push((k, depth + 1));
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// The lower-case words of word indices, without possessive markers.
fn phrase(doc: &Doc, words: &[usize]) -> Vec<String> {
    words
        .iter()
        .map(|&i| {
            let sp = doc.syntax.words[i].span;
            doc.text[sp.start..sp.end].to_lowercase()
        })
        .filter(|w| !matches!(w.as_str(), "'s" | "\u{2019}s" | "'" | "\u{2019}"))
        .collect()
}

/// The head word of a mention: its word whose head lies outside it, climbing over the flat and
/// compound names and titles around it (`Russian President Vladimir Putin`) and from a possessor
/// or an `of`/`from` modifier to the noun it modifies (`Gondor's government`, `the government of
/// Gondor`).
fn mention_head(doc: &Doc, m: &EntityMention) -> Option<usize> {
    let syn = doc.syntax;
    let s = syn.sentences.get(m.sentence)?.clone();
    let inside = |i: usize| {
        let sp = syn.words[i].span;
        m.span.start <= sp.start && sp.end <= m.span.end
    };
    let mut h = s
        .clone()
        .find(|&i| inside(i) && syn.words[i].head.is_none_or(|hd| !inside(hd as usize)))?;
    let case_of = |i: usize| {
        s.clone()
            .find(|&c| syn.words[c].head == Some(i as u32) && syn.words[c].deprel == "case")
            .map(|c| doc.text[syn.words[c].span.start..syn.words[c].span.end].to_lowercase())
    };
    for _ in 0..4 {
        let nominal = |hd: u32| matches!(syn.words[hd as usize].upos, "NOUN" | "PROPN");
        match (syn.words[h].deprel, syn.words[h].head) {
            ("flat" | "flat:name" | "compound", Some(hd)) => h = hd as usize,
            ("nmod:poss", Some(hd)) if nominal(hd) => h = hd as usize,
            ("nmod", Some(hd))
                if nominal(hd) && matches!(case_of(h).as_deref(), Some("of" | "from")) =>
            {
                h = hd as usize
            }
            _ => break,
        }
    }
    Some(h)
}

/// The code of one side: its argument word (`slot`) and the event's entity mention for it.
fn side_code(
    doc: &Doc,
    lex: &ActorLexicon,
    chains: &Chains<'_>,
    mention: Option<&EntityMention>,
    slot: Option<usize>,
) -> Option<String> {
    let date = doc.published;
    let canonical = |m: &EntityMention| -> Vec<String> {
        m.canonical
            .split_whitespace()
            .map(str::to_lowercase)
            .collect()
    };
    let code_mention = |m: &EntityMention, extra: &[usize]| {
        let mut words = mention_head(doc, m)
            .map(|h| np_words(doc, h))
            .unwrap_or_default();
        words.extend_from_slice(extra);
        words.sort_unstable();
        words.dedup();
        let words = phrase(doc, &words);
        let words = if words.is_empty() {
            m.text.split_whitespace().map(str::to_lowercase).collect()
        } else {
            words
        };
        lex.code(&words, date)
            .or_else(|| lex.code(&canonical(m), date))
    };
    let slot_words = slot.map(|w| np_words(doc, w)).unwrap_or_default();
    let covers = |m: &EntityMention| {
        slot_words.iter().any(|&i| {
            let sp = doc.syntax.words[i].span;
            m.span.start <= sp.start && sp.end <= m.span.end
        })
    };
    match (mention, slot) {
        (Some(m), Some(_)) if covers(m) => lex
            .code(&phrase(doc, &slot_words), date)
            .or_else(|| lex.code(&canonical(m), date)),
        (Some(m), _) => code_mention(m, &[]),
        (None, Some(w)) => match chains.entity_of(doc, w) {
            Some(m) => code_mention(m, &[]).or_else(|| lex.code(&phrase(doc, &slot_words), date)),
            None => lex.code(&phrase(doc, &slot_words), date),
        },
        (None, None) => None,
    }
}

/// Fills the actor codes, countries and types of `ev` (its actors already chosen) from the
/// parse's argument words `slots` of its trigger.
pub(super) fn fill(
    doc: &Doc,
    lex: &ActorLexicon,
    chains: &Chains<'_>,
    slots: (Option<usize>, Option<usize>),
    (a1, a2): (Option<&EntityMention>, Option<&EntityMention>),
    ev: &mut Event,
) {
    let c1 = side_code(doc, lex, chains, a1, slots.0);
    let c2 = side_code(doc, lex, chains, a2, slots.1);
    let (k1, t1) = c1.as_deref().map(|c| lex.split(c)).unwrap_or_default();
    let (k2, t2) = c2.as_deref().map(|c| lex.split(c)).unwrap_or_default();
    ev.actor1_code = c1;
    ev.actor1_country = k1;
    ev.actor1_type = t1;
    ev.actor2_code = c2;
    ev.actor2_country = k2;
    ev.actor2_type = t2;
}
