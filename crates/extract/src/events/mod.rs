//! Events: mentions of what happened (or was planned, demanded, threatened), coded in CAMEO.
//!
//! [`CameoLexicon`] holds the coding resources, all data files in the lexicon dir:
//!
//! - `cameo_verbs.txt`: the PETRARCH2 verb pattern dictionary (`CAMEO.2.0.txt`, MIT, see
//!   `cameo_LICENSE`): verb forms, synonym sets and patterns (`- * TALKS [046]`) that refine a verb's
//!   code from the words around it;
//! - `events_triggers.tsv`: lede's own verb and noun triggers for the scope (meetings, intent,
//!   demands, rejections, threats, military posture, force, sanctions, agreements); they take
//!   precedence, PETRARCH patterns refine them or code verbs they do not list;
//! - `events_scope.txt`: the CAMEO roots coded and the light verbs that make a noun an event mention;
//! - `cameo_eventcodes.tsv` (GDELT's code table: labels) and `cameo_goldstein.tsv` (GDELT's Goldstein
//!   scale).
//!
//! [`extract`] finds triggers sentence by sentence, codes them, and fills actors (entities around the
//! trigger), location (a place entity after `in`/`at`), date (the nearest dated timex of the
//! sentence), negation and modality (from the words governing the trigger in the parse). Every event gets a [`cluster key`](cluster_id) computed from the
//! event alone (no shared state): the same real event reported by several articles gets the same id.
//!
//! Where the code lives: `cameo.rs` the lexicon ([`CameoLexicon`], its loading, the PETRARCH2
//! verb dictionary parser); `coding.rs` trigger matching and coding (the trigger at a token, its
//! CAMEO code, one mention per event, light verbs, negation and modality without a parse;
//! [`root_of`], [`quad_class`]); `pattern_fit.rs` whether a PETRARCH pattern matched on the words
//! holds in the parse; `frame.rs` modality and negation from the parse (`events_modality.tsv`);
//! `tree.rs` the view of a sentence's dependency tree these read; `sense.rs` whether the sentence
//! supports the event in its political sense (precision first: an actor or place, the trigger's
//! arguments, `events_senses.tsv`; an unsupported event is not emitted); `parse_actors.rs` source and
//! target from the parse; `arguments.rs` the date, place and actors (source and target) of an event;
//! `cluster.rs` the cluster ids ([`cluster_id`]); `actor_dict.rs` the CAMEO actor and agent
//! dictionaries ([`ActorLexicon`], PETRARCH2's Phoenix files, `lexicons/cameo_actors_*.txt` and
//! `cameo_agents.txt`); `actor_codes.rs` the actor codes of each event (`actor1_code`...: the
//! actor's noun phrase, entity name or coreference chain, coded at the published date); this file the public API ([`extract`],
//! [`extract_with`]), the per-article token index and the assembly of each [`model::Event`]. A
//! new trigger goes in `lexicons/events_triggers.tsv`, not in the code.
//!
//! Its evaluations (PETRARCH2 records, ECB+, MEANTIME) live in the `eval` crate (`eval::events`),
//! run by `lede eval events`.

mod actor_codes;
mod actor_dict;
mod arguments;
mod cameo;
mod cluster;
mod coding;
mod frame;
mod parse_actors;
mod pattern_fit;
mod sense;
mod tree;

pub use actor_dict::ActorLexicon;
pub use cameo::CameoLexicon;
pub use cluster::cluster_id;
pub use coding::{quad_class, root_of};

use crate::budget::{Budget, Ticker, MAX_EVENT_MENTIONS};
use crate::doc::Doc;
use crate::ExtractError;
use arguments::{actor_pairs, actor_window, dates_of, places_of, share_places, tok_of};
use cluster::{set_cluster_ids, MAX_CLUSTER_SENTENCE};
use coding::{code_at, has_light_verb, modality, negated, one_per_event};
use model::{CorefMention, DatePrecision, EntityLabel, EntityMention, Event, Timex};
use std::collections::HashMap;

/// A trigger found in a sentence, before actors and dates.
#[derive(Clone, Debug)]
struct Found {
    sentence: usize,
    /// Token range of the trigger.
    tok: std::ops::Range<usize>,
    code: String,
    /// The code of lede's trigger before a PETRARCH pattern refined it (`code` when none did).
    trigger_code: String,
    noun: bool,
    confidence: f32,
    /// Is it one of lede's own triggers (perhaps refined by a PETRARCH pattern), not a PETRARCH
    /// pattern alone?
    own: bool,
}

/// Codes every event mention of the article.
pub fn extract(doc: &Doc, timexes: &[Timex], cameo: &CameoLexicon) -> Vec<Event> {
    extract_with(
        doc,
        timexes,
        &[],
        cameo,
        &Budget::unlimited(),
        &mut Vec::new(),
    )
    .expect("an unlimited budget never runs out")
}

/// [`extract`] within `budget` (checked every few triggers, dates and places), with the article's
/// coreference `mentions` (a pronoun or description argument takes its chain's entity for its
/// actor code); a cap of [`crate::budget`] that bites adds to `notes`.
pub fn extract_with(
    doc: &Doc,
    timexes: &[Timex],
    mentions: &[CorefMention],
    cameo: &CameoLexicon,
    budget: &Budget,
    notes: &mut Vec<String>,
) -> Result<Vec<Event>, ExtractError> {
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        return Ok(Vec::new());
    }
    let ix = Index::new(doc);
    let mut tick = budget.ticker("events");
    let mut found: Vec<Found> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (lo, hi) = (s.tokens.start, s.tokens.end.min(ix.lower.len()));
        let mut i = lo;
        while i < hi {
            tick.tick()?;
            match code_at(cameo, &ix, i, lo, hi, doc, doc.text) {
                Some(f) => {
                    let end = f.tok.end;
                    found.push(Found { sentence: si, ..f });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    let kept = one_per_event(found, &mut tick)?;
    let date_of = dates_of(doc, timexes, &kept, &mut tick)?;
    let place_of = places_of(doc, &ix, &kept, &mut tick)?;
    let chains = actor_codes::Chains::new(mentions);
    let mut events = code_events(
        doc,
        (cameo, &chains),
        &ix,
        &kept,
        (&date_of, &place_of),
        &mut tick,
    )?;
    if ix.capped.get() > 0 {
        notes.push(format!(
            "events: {} trigger(s) in sentences with more than {MAX_EVENT_MENTIONS} entity \
             mentions looked for actors among the {MAX_EVENT_MENTIONS} nearest only",
            ix.capped.get()
        ));
    }
    share_places(&mut events);
    let windowed = set_cluster_ids(doc, &mut events);
    if windowed > 0 {
        notes.push(format!(
            "events: {windowed} event(s) in sentences longer than {MAX_CLUSTER_SENTENCE} bytes: \
             without a date and an anchor, their cluster key takes the text around the trigger, \
             not the whole sentence"
        ));
    }
    Ok(events)
}

/// What [`extract`] looks up for every token or trigger, computed once so that no lookup scans the
/// whole article.
struct Index {
    lower: Vec<String>,
    /// Does the token lie inside an entity mention?
    in_entity: Vec<bool>,
    /// Indices of `doc.entities` by span start (their text order).
    by_start: Vec<usize>,
    /// `possible[i]`: how many tokens before `i` are `possible`.
    possible: Vec<usize>,
    /// `after_boundary[i]`: 1 + the last clause boundary token (`;`, `that`, `which`...) before `i`,
    /// 0 when there is none.
    after_boundary: Vec<usize>,
    /// Triggers whose sentence had more mentions than [`MAX_EVENT_MENTIONS`].
    capped: std::cell::Cell<usize>,
}

impl Index {
    fn new(doc: &Doc) -> Self {
        let lower: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| t.span.slice(doc.text).to_lowercase())
            .collect();
        let n = doc.tokens.len();
        let mut in_entity = vec![false; n];
        for m in doc.entities {
            let mut k = tok_of(doc, m.span.start);
            while k < n && doc.tokens[k].span.end <= m.span.end {
                in_entity[k] = true;
                k += 1;
            }
        }
        let mut by_start: Vec<usize> = (0..doc.entities.len()).collect();
        by_start.sort_by_key(|&i| doc.entities[i].span.start);
        let mut possible = Vec::with_capacity(n + 1);
        let mut after_boundary = Vec::with_capacity(n + 1);
        let (mut p, mut b) = (0, 0);
        for (k, w) in lower.iter().enumerate() {
            possible.push(p);
            after_boundary.push(b);
            p += usize::from(w == "possible");
            if matches!(
                w.as_str(),
                ";" | "that" | "which" | "who" | "while" | "but" | "when"
            ) {
                b = k + 1;
            }
        }
        possible.push(p);
        after_boundary.push(b);
        Index {
            lower,
            in_entity,
            by_start,
            possible,
            after_boundary,
            capped: std::cell::Cell::new(0),
        }
    }

    /// The mentions lying inside sentence `s`, in text order.
    fn mentions_in<'s, 'd: 's>(
        &'s self,
        doc: &Doc<'d>,
        s: &model::Sentence,
    ) -> impl Iterator<Item = &'d EntityMention> + 's {
        let ents: &'d [EntityMention] = doc.entities;
        let first = self
            .by_start
            .partition_point(|&i| ents[i].span.start < s.span.start);
        let (start, end) = (s.span.start, s.span.end);
        self.by_start[first..]
            .iter()
            .map(move |&i| &ents[i])
            .take_while(move |m| m.span.start < end)
            .filter(move |m| m.span.start >= start && m.span.end <= end)
    }
}

/// The events of the kept triggers: actors, place, date, negation and modality (a noun trigger
/// without a light verb, a date or a place of its own is no event).
fn code_events(
    doc: &Doc,
    (cameo, chains): (&CameoLexicon, &actor_codes::Chains<'_>),
    ix: &Index,
    kept: &[Found],
    (date_of, place_of): (&HashMap<usize, &Timex>, &HashMap<usize, &EntityMention>),
    tick: &mut Ticker,
) -> Result<Vec<Event>, ExtractError> {
    let (text, lower) = (doc.text, &ix.lower);
    let mut events: Vec<Event> = Vec::new();
    for (fi, f) in kept.iter().enumerate() {
        tick.tick()?;
        let s = &doc.sentences[f.sentence];
        let (lo, hi) = (s.tokens.start, s.tokens.end.min(lower.len()));
        let sent_ents: Vec<&EntityMention> = ix
            .mentions_in(doc, s)
            .filter(|m| m.label != EntityLabel::Misc)
            .collect();
        let sent_ents = actor_window(doc, ix, sent_ents, f.tok.start);
        let location = place_of.get(&fi).copied();
        let boundary = ix.after_boundary[f.tok.start].max(lo);
        let pairs = actor_pairs(doc, lower, f, &sent_ents, location, boundary);
        let timex = date_of.get(&fi).copied();
        // noun triggers need a frame: a light verb, or a date or place of their own
        let place_next = location.is_some_and(|m| {
            let t = tok_of(doc, m.span.start);
            t >= f.tok.end && t <= f.tok.end + 3
        });
        if f.noun && !has_light_verb(cameo, lower, f, lo, hi) && timex.is_none() && !place_next {
            continue;
        }
        let (negated, mut modality, past) = match frame::of(doc, cameo, f) {
            Some(fr) => (fr.negated, fr.modality.to_string(), fr.past),
            None => {
                let possible_before = ix.possible[f.tok.start] > ix.possible[lo.min(f.tok.start)];
                (
                    negated(lower, f, lo, hi),
                    modality(lower, f, lo, hi, possible_before),
                    false,
                )
            }
        };
        if let (Some(t), Some(p)) = (timex.and_then(|t| t.date), doc.published) {
            if t > p && modality == "asserted" && !past {
                modality = "planned".into();
            }
        }
        let code = f.code.clone();
        let root = root_of(&code).to_string();
        let trigger_span = model::Span::new(
            doc.tokens[f.tok.start].span.start,
            doc.tokens[f.tok.end - 1].span.end,
        );
        let mut ev = Event {
            event_id: String::new(),
            sentence: f.sentence,
            trigger: trigger_span.slice(text).to_string(),
            trigger_span,
            label: cameo
                .label(&code)
                .or(cameo.label(&root))
                .unwrap_or("")
                .to_string(),
            quad_class: quad_class(&root),
            goldstein: cameo.goldstein(&code),
            cameo_code: code,
            cameo_root: root,
            actor1: None,
            actor1_entity_id: None,
            actor2: None,
            actor2_entity_id: None,
            actor1_code: None,
            actor1_country: None,
            actor1_type: None,
            actor2_code: None,
            actor2_country: None,
            actor2_type: None,
            location: location.map(|m| m.text.clone()),
            location_entity_id: location.map(|m| m.entity_id.clone()),
            date: timex.and_then(|t| t.date),
            date_precision: timex.and_then(|t| t.precision),
            date_text: timex.map(|t| t.text.clone()),
            negated,
            modality,
            cluster_id: String::new(),
            confidence: f.confidence,
        };
        if ev.date_precision.is_none() && ev.date.is_some() {
            ev.date_precision = Some(DatePrecision::Day);
        }
        let slots = parse_actors::slots(doc, f).unwrap_or_default();
        // one event per actor pair of compound actors ("X and Y welcomed ... with Z")
        for (a1, a2) in pairs {
            let mut e = ev.clone();
            e.actor1 = a1.map(|m| m.text.clone());
            e.actor1_entity_id = a1.map(|m| m.entity_id.clone());
            e.actor2 = a2.map(|m| m.text.clone());
            e.actor2_entity_id = a2.map(|m| m.entity_id.clone());
            actor_codes::fill(doc, &cameo.actors, chains, slots, (a1, a2), &mut e);
            if sense::supported(doc, cameo, f, slots, &e) {
                events.push(e);
            }
        }
    }
    Ok(events)
}
