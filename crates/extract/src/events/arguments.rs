//! The arguments of an event: its date (the nearest dated timex of the sentence), its place (a
//! place entity written as one, `in Vienna`), shared places, and its actors (source and target:
//! entities around the trigger, compound actors expanded into pairs).

use super::parse_actors::in_clause;
use super::{Found, Index};
use crate::budget::{Ticker, MAX_EVENT_MENTIONS};
use crate::doc::Doc;
use crate::ExtractError;
use model::{EntityLabel, EntityMention, Event, Timex};
use std::collections::{HashMap, HashSet};

static LOC_PREPS: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
    crate::lexicon::entries(crate::lexicon::files::EVENTS_PLACE_PREPOSITIONS).collect()
});
static PREPOSITIONS: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
    crate::lexicon::entries(crate::lexicon::files::EVENTS_PREPOSITIONS).collect()
});

/// The triggers of each sentence, `[from, to)` of `kept` (which is in sentence order).
fn of_sentence(kept: &[Found], si: usize) -> std::ops::Range<usize> {
    kept.partition_point(|f| f.sentence < si)..kept.partition_point(|f| f.sentence <= si)
}

/// The trigger of `kept[range]` nearest token `t` (a noun a little further than a verb), the first
/// of equals.
fn nearest(kept: &[Found], range: std::ops::Range<usize>, t: usize) -> Option<usize> {
    kept[range.clone()]
        .iter()
        .enumerate()
        .min_by_key(|(_, f)| {
            let d = if t >= f.tok.end {
                t - f.tok.end
            } else {
                f.tok.start.saturating_sub(t)
            };
            d + noun_penalty(f)
        })
        .map(|(k, _)| range.start + k)
}

/// Each dated timex goes to the nearest trigger of its sentence.
pub(super) fn dates_of<'t>(
    doc: &Doc,
    timexes: &'t [Timex],
    kept: &[Found],
    tick: &mut Ticker,
) -> Result<HashMap<usize, &'t Timex>, ExtractError> {
    let mut date_of: HashMap<usize, &Timex> = HashMap::new();
    for t in timexes.iter().filter(|t| t.date.is_some()) {
        tick.tick()?;
        let tt = tok_of(doc, t.span.start);
        if let Some(fi) = nearest(kept, of_sentence(kept, t.sentence), tt) {
            // of coordinated dates ("January 9 and 10") the event takes the last
            match date_of.get(&fi) {
                Some(prev) if coordinated(doc.text, prev, t) => {
                    date_of.insert(fi, t);
                }
                Some(prev) => {
                    let d_prev = dist(doc, &kept[fi], prev);
                    if dist(doc, &kept[fi], t) < d_prev {
                        date_of.insert(fi, t);
                    }
                }
                None => {
                    date_of.insert(fi, t);
                }
            }
        }
    }
    Ok(date_of)
}

/// Each placed location likewise goes to the nearest trigger of its sentence.
pub(super) fn places_of<'d>(
    doc: &Doc<'d>,
    ix: &Index,
    kept: &[Found],
    tick: &mut Ticker,
) -> Result<HashMap<usize, &'d EntityMention>, ExtractError> {
    let mut place_of: HashMap<usize, &EntityMention> = HashMap::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let range = of_sentence(kept, si);
        if range.is_empty() {
            continue;
        }
        let ents: Vec<&EntityMention> = ix
            .mentions_in(doc, s)
            .filter(|m| m.label == EntityLabel::Loc)
            .collect();
        // tokens right after a place of the sentence ("Brussels, Belgium": the comma)
        let loc_ends: HashSet<usize> = ents.iter().map(|o| tok_of(doc, o.span.end)).collect();
        for m in ents
            .iter()
            .copied()
            .filter(|m| placed(doc, &ix.lower, m, &loc_ends))
        {
            tick.tick()?;
            let t = tok_of(doc, m.span.start);
            if let Some(fi) = nearest(kept, range.clone(), t) {
                let f = &kept[fi];
                let d = |x: &EntityMention| {
                    let t = tok_of(doc, x.span.start);
                    if t >= f.tok.end {
                        t - f.tok.end
                    } else {
                        f.tok.start.saturating_sub(t)
                    }
                };
                if place_of.get(&fi).is_none_or(|p| d(m) < d(p)) {
                    place_of.insert(fi, m);
                }
            }
        }
    }
    Ok(place_of)
}

/// The mentions of a sentence an actor of the trigger at token `tok` is looked for among: all of
/// them, or the [`MAX_EVENT_MENTIONS`] nearest it in a sentence with more.
pub(super) fn actor_window<'e>(
    doc: &Doc,
    ix: &Index,
    ents: Vec<&'e EntityMention>,
    tok: usize,
) -> Vec<&'e EntityMention> {
    if ents.len() <= MAX_EVENT_MENTIONS {
        return ents;
    }
    ix.capped.set(ix.capped.get() + 1);
    let at = doc.tokens[tok].span.start;
    let p = ents.partition_point(|m| m.span.start < at);
    let lo = p
        .saturating_sub(MAX_EVENT_MENTIONS / 2)
        .min(ents.len() - MAX_EVENT_MENTIONS);
    ents[lo..lo + MAX_EVENT_MENTIONS].to_vec()
}

/// Within the article, mentions of one event (same root and day) share a known place: the first
/// one's.
pub(super) fn share_places(events: &mut [Event]) {
    let mut places: HashMap<(String, String), (Option<String>, Option<String>)> = HashMap::new();
    for e in events
        .iter()
        .filter(|e| e.location.is_some() && e.date.is_some())
    {
        places
            .entry((e.cameo_root.clone(), format!("{:?}", e.date)))
            .or_insert_with(|| (e.location.clone(), e.location_entity_id.clone()));
    }
    for e in events
        .iter_mut()
        .filter(|e| e.location.is_none() && e.date.is_some())
    {
        let key = (e.cameo_root.clone(), format!("{:?}", e.date));
        if let Some((l, id)) = places.get(&key) {
            e.location = l.clone();
            e.location_entity_id = id.clone();
        }
    }
}

/// A date or place attaches to the nearest trigger, a verb before a noun at about the same distance
/// ("will hold talks ... in Vienna, on January 13, which will be the third meeting": the talks).
fn noun_penalty(f: &Found) -> usize {
    if f.noun {
        5
    } else {
        0
    }
}

pub(super) fn tok_of(doc: &Doc, b: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < b)
}

fn dist(doc: &Doc, f: &Found, t: &Timex) -> usize {
    let tt = tok_of(doc, t.span.start);
    if tt >= f.tok.end {
        tt - f.tok.end
    } else {
        f.tok.start.saturating_sub(tt)
    }
}

/// `January 9 and 10`: two dated timexes joined by a coordinator.
fn coordinated(text: &str, a: &Timex, b: &Timex) -> bool {
    let (x, y) = if a.span.end <= b.span.start {
        (a, b)
    } else {
        (b, a)
    };
    let between = text[x.span.end..y.span.start].trim().to_lowercase();
    matches!(
        between.as_str(),
        "and" | "-" | "–" | "to" | "through" | "or"
    )
}

/// A place entity written as a place (`in Brussels`, `at the OSCE in Vienna`), not the country after
/// a city (`Brussels, Belgium`).
/// `loc_ends`: the token right after each place of the sentence.
fn placed(doc: &Doc, lower: &[String], m: &EntityMention, loc_ends: &HashSet<usize>) -> bool {
    let t = tok_of(doc, m.span.start);
    let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
    let prev2 = if t > 1 { lower[t - 2].as_str() } else { "" };
    let is_prep = |w: &str| LOC_PREPS.contains(&w) && w != "from";
    // a place ending at the comma (its end token is the comma, token t - 1) ends before m
    let after_comma_loc = prev == "," && loc_ends.contains(&(t - 1));
    (is_prep(prev) || (prev == "the" && is_prep(prev2))) && !after_comma_loc
}

/// The actor pairs of a trigger: compound subjects and objects expand to one pair each
/// (`X and Y welcomed ties with Z` -> X/Z, Y/Z), at most six; a reciprocal pair (`X and Y met`) stays
/// one pair.
pub(super) fn actor_pairs<'e>(
    doc: &Doc,
    lower: &[String],
    f: &Found,
    ents: &[&'e EntityMention],
    location: Option<&EntityMention>,
    boundary: usize,
) -> Vec<(Option<&'e EntityMention>, Option<&'e EntityMention>)> {
    let parsed = if doc.syntax.words.is_empty() {
        None
    } else {
        super::parse_actors::actors(doc, f, ents)
    };
    let (h1, h2) = actors_for(doc, lower, f, ents, location, boundary);
    let (a1, a2) = match parsed {
        Some((p1, p2)) => {
            let a1 = p1.or(h1);
            let a2 = p2
                .or(h2.filter(|m| in_clause(doc, f, m)))
                .filter(|m| a1.is_none_or(|x| x.entity_id != m.entity_id));
            (a1, a2)
        }
        None => (h1, h2.filter(|m| in_clause(doc, f, m))),
    };
    let trigger_start = doc.tokens[f.tok.start].span.start;
    let reciprocal = a2.is_some_and(|m| m.span.end <= trigger_start);
    if reciprocal {
        return vec![(a1, a2)];
    }
    // the entities coordinated with `first` ("Mordor, Rohan, Fornost and Bree")
    let coordinated = |first: &'e EntityMention| -> Vec<&'e EntityMention> {
        let is_loc = |m: &EntityMention| location.is_some_and(|l| l.span == m.span);
        let mut out = vec![first];
        let mut end = tok_of(doc, first.span.end);
        for m in ents
            .iter()
            .copied()
            .filter(|m| m.span.start >= first.span.end && !is_loc(m))
        {
            let t = tok_of(doc, m.span.start);
            if t < end {
                continue;
            }
            let gap = &lower[end..t];
            let joins = !gap.is_empty()
                && gap.len() <= 3
                && gap
                    .iter()
                    .all(|w| matches!(w.as_str(), "," | "and" | "the" | "or"))
                && gap.iter().any(|w| matches!(w.as_str(), "," | "and"));
            if !joins
                || (m.span.end > trigger_start && first.span.end <= trigger_start)
                || !in_clause(doc, f, m)
            {
                break;
            }
            if !out.iter().any(|o| o.entity_id == m.entity_id) {
                out.push(m);
            }
            end = tok_of(doc, m.span.end);
        }
        out
    };
    let subjects: Vec<Option<&EntityMention>> = match a1 {
        Some(m) if m.span.end <= trigger_start => coordinated(m).into_iter().map(Some).collect(),
        other => vec![other],
    };
    let objects: Vec<Option<&EntityMention>> = match a2 {
        Some(m) => coordinated(m).into_iter().map(Some).collect(),
        None => vec![None],
    };
    let mut pairs = Vec::new();
    for s in &subjects {
        for o in &objects {
            let same = matches!((s, o), (Some(x), Some(y)) if x.entity_id == y.entity_id);
            if !same && pairs.len() < 6 {
                pairs.push((*s, *o));
            }
        }
    }
    if pairs.is_empty() {
        pairs.push((a1, a2));
    }
    pairs
}

/// Actor 1 (the doer) and actor 2 (the target or partner) of a trigger.
fn actors_for<'e>(
    doc: &Doc,
    lower: &[String],
    f: &Found,
    ents: &[&'e EntityMention],
    location: Option<&EntityMention>,
    boundary: usize,
) -> (Option<&'e EntityMention>, Option<&'e EntityMention>) {
    let is_loc = |m: &EntityMention| location.is_some_and(|l| l.span == m.span);
    let tok = |m: &EntityMention| tok_of(doc, m.span.start);
    let candidates: Vec<&EntityMention> = ents.iter().copied().filter(|m| !is_loc(m)).collect();
    // left: from the last clause boundary before the trigger (`boundary`, the sentence start if none)
    let left: Vec<&EntityMention> = candidates
        .iter()
        .copied()
        .filter(|m| tok(m) >= boundary && m.span.end <= doc.tokens[f.tok.start].span.start)
        .filter(|m| {
            let t = tok(m);
            t == 0 || !(PREPOSITIONS.contains(&lower[t - 1].as_str()) && lower[t - 1] != "between")
        })
        .collect();
    let right: Vec<&EntityMention> = candidates
        .iter()
        .copied()
        .filter(|m| m.span.start >= doc.tokens[f.tok.end - 1].span.end && tok(m) <= f.tok.end + 10)
        .collect();
    let mut a1 = left.first().copied();
    let mut a2 = None;
    // "NATO and Russia met": a coordinated subject is the pair only when there is no object
    let has_object = right.iter().any(|m| {
        let t = tok(m);
        let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
        !LOC_PREPS.contains(&prev) && prev != "between" && prev != ","
    });
    if let (Some(first), false) = (a1, has_object) {
        let e = tok_of(doc, first.span.end);
        // "NATO and Russia met", "the North Atlantic Treaty Organization (NATO) and Russia met"
        a2 = left.iter().copied().find(|m| {
            let t = tok(m);
            t > e
                && m.entity_id != first.entity_id
                && lower[e..t].iter().any(|w| w == "and")
                && lower[e..t].len() <= 5
        });
    }
    // "between X and Y", "with X", "of X"
    for m in &right {
        let t = tok(m);
        let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
        let prev2 = if t > 1 { lower[t - 2].as_str() } else { "" };
        if prev == "between" || prev2 == "between" {
            if a1.is_none() {
                a1 = Some(m);
            } else if a2.is_none() {
                a2 = Some(m);
            }
            let e = tok_of(doc, m.span.end);
            if e < lower.len() && lower[e] == "and" {
                if let Some(n) = right.iter().find(|n| tok(n) == e + 1 || tok(n) == e + 2) {
                    if a1.is_some_and(|x| x.span == m.span) {
                        a2 = Some(n);
                    } else {
                        a2 = a2.or(Some(n));
                    }
                }
            }
            break;
        }
    }
    if a2.is_none() {
        a2 = right.iter().copied().find(|m| {
            let t = tok(m);
            let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
            !LOC_PREPS.contains(&prev)
                && prev != ","
                && a1.is_none_or(|x| x.entity_id != m.entity_id)
        });
    }
    if a1.is_none() && f.noun {
        // "a meeting of NATO military representatives": the "of" phrase is the doer
        if let Some(m) = right.iter().copied().find(|m| {
            let t = tok(m);
            t > 0 && lower[t - 1] == "of"
        }) {
            a1 = Some(m);
            if a2.is_some_and(|x| x.span == m.span) {
                a2 = None;
            }
        }
    }
    if let (Some(x), Some(y)) = (a1, a2) {
        if x.entity_id == y.entity_id {
            a2 = None;
        }
    }
    (a1, a2)
}
