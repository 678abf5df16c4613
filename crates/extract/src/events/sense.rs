//! Does the sentence support the event in the political sense CAMEO codes (issue 18, precision
//! first)? An event the sentence does not support is not emitted. The checks read the parse and
//! the event's actor codes; the words they key on are data (`lexicons/events_senses.tsv`):
//!
//! - every event names an actor (a source or target mention, or an actor code from a pronoun or
//!   description): `Ask yourself`, `the questions asked` are no appeal;
//! - a verb trigger the parse reads as a noun (`a talk show host`) is no verb event, unless the
//!   lexicon lists the form as a noun trigger too (`attacks`);
//! - a PETRARCH pattern alone (not one of lede's triggers) codes an event only between coded
//!   political actors, as PETRARCH itself does: a side whose actor code has a country or a
//!   political role (`come`, `launch`, `open` out of context have none);
//! - a trigger's own sense from its arguments ([`Need`]): `asked` is an appeal only with a request
//!   complement, `met`/`talked` need a partner, `hosted`/`suspended` an actor or event object,
//!   `signed` an agreement, `offered` an act, a `deal` a political side;
//! - of lede's triggers, a phrasal verb the trigger is not (`talk down`) and a noun trigger that
//!   modifies another noun (`attack ads`) are no events;
//! - material conflict (roots 18-20) needs a physical participant: an armed or state actor, or a
//!   place or state for target, not persons only (`Bush attacked Trump`).
//!
//! Without a parse the parse checks hold (the word rules of [`super::coding`] decide alone).

use super::cameo::CameoLexicon;
use super::coding::root_of;
use super::tree::Tree;
use super::Found;
use crate::doc::Doc;
use model::{EntityLabel, Event};
use std::collections::HashMap;
use std::sync::LazyLock;

/// What a trigger's political sense needs from its arguments (`events_senses.tsv`, `word` lines).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Need {
    Request,
    Partner,
    Object,
    Signed,
    Between,
    Offered,
    Threat,
    Agreed,
}

/// The senses file, read once: word needs, physical roots, political and armed roles.
struct Senses {
    words: HashMap<&'static str, Need>,
    physical: Vec<&'static str>,
    nonstate: Vec<&'static str>,
    political: Vec<&'static str>,
    armed: Vec<&'static str>,
    state: Vec<&'static str>,
}

static SENSES: LazyLock<Senses> = LazyLock::new(|| {
    let mut s = Senses {
        words: HashMap::new(),
        physical: Vec::new(),
        nonstate: Vec::new(),
        political: Vec::new(),
        armed: Vec::new(),
        state: Vec::new(),
    };
    for l in crate::lexicon::entries(crate::lexicon::files::EVENTS_SENSES) {
        let f: Vec<&str> = l.split('\t').map(str::trim).collect();
        let [kind, key, what] = f[..] else { continue };
        match (kind, what) {
            ("word", w) => {
                let need = match w {
                    "request" => Need::Request,
                    "partner" => Need::Partner,
                    "object" => Need::Object,
                    "signed" => Need::Signed,
                    "between" => Need::Between,
                    "offered" => Need::Offered,
                    "threat" => Need::Threat,
                    "agreed" => Need::Agreed,
                    _ => continue,
                };
                s.words.insert(key, need);
            }
            ("root", "physical") => s.physical.push(key),
            ("root", "nonstate") => s.nonstate.push(key),
            ("role", "state") => s.state.push(key),
            ("role", "political") => s.political.push(key),
            ("role", "armed") => s.armed.push(key),
            _ => {}
        }
    }
    s
});

/// Is a side with this country and type a political actor: a state (a country without a role), or
/// a political or armed role (`RUSGOV`, `USAELI`, `IGO`), not a country's business, media or
/// civilians (`MNCDEU`, `USAMED`, `ESPCVL`)?
fn political(country: Option<&str>, kind: Option<&str>) -> bool {
    match kind {
        None => country.is_some(),
        Some(k) => SENSES.political.contains(&k) || armed(Some(k)),
    }
}

fn armed(kind: Option<&str>) -> bool {
    kind.is_some_and(|k| SENSES.armed.contains(&k))
}

/// Does the sentence support event `e` of trigger `f` (its actors and codes filled; `slots`: the
/// parse's source and target words, [`super::parse_actors::slots`])?
pub(super) fn supported(
    doc: &Doc,
    cameo: &CameoLexicon,
    f: &Found,
    slots: (Option<usize>, Option<usize>),
    e: &Event,
) -> bool {
    let has_actor = e.actor1.is_some()
        || e.actor2.is_some()
        || e.actor1_code.is_some()
        || e.actor2_code.is_some()
        || e.location.is_some();
    if !has_actor {
        return false;
    }
    let pol1 = political(e.actor1_country.as_deref(), e.actor1_type.as_deref());
    let pol2 = political(e.actor2_country.as_deref(), e.actor2_type.as_deref());
    // a PETRARCH pattern alone: between coded political actors only
    if !(f.own || pol1 || pol2) {
        return false;
    }
    let root = root_of(&e.cameo_code);
    if SENSES.physical.contains(&root) && e.cameo_code == format!("{root}0") && !physical(doc, e) {
        return false;
    }
    // a protest is not a state's or a politician's (a campaign rally)
    let state_source = e
        .actor1_type
        .as_deref()
        .is_some_and(|k| SENSES.state.contains(&k));
    if SENSES.nonstate.contains(&root) && state_source {
        return false;
    }
    let Some(t) = Tree::of(doc, f.sentence) else {
        return true;
    };
    let Some(w) = t.word_of(f.tok.start) else {
        return true;
    };
    // of lede's triggers: a phrasal verb the trigger is not (`talk down`, `talked up`), a noun
    // trigger modifying a noun (`attack ads`, `a meeting place`); PETRARCH patterns spell their
    // particles (`BREAK DOWN`)
    let particle = t.kids(w).any(|k| {
        t.full_rel(k) == "compound:prt" && !f.tok.contains(&token_of(doc, t.span(k).start))
    });
    if f.own && (particle || t.full_rel(w) == "compound") {
        return false;
    }
    // a verb trigger the parse reads as a noun, a noun trigger it reads as a verb or adjective
    // (`strike a deal`, `offensive lineman`), unless the lexicon lists that part of speech too
    let nominal = matches!(t.upos(w), "NOUN" | "PROPN");
    let verbal = matches!(t.upos(w), "VERB" | "ADJ");
    if f.tok.len() == 1 {
        let other = |noun: bool| entry(cameo, &t.lower(w), noun);
        if (!f.noun && nominal && !other(true)) || (f.own && f.noun && verbal && !other(false)) {
            return false;
        }
    }
    let need = SENSES
        .words
        .get(t.lemma(w).as_str())
        .or_else(|| SENSES.words.get(t.lower(w).as_str()));
    // a PETRARCH pattern alone brings its own context words; the needs are those of lede's triggers
    match need {
        _ if !f.own => true,
        None => true,
        Some(Need::Request) => request(&t, w),
        Some(Need::Partner) => {
            f.noun || nominal || reciprocal(doc, f, e) || partner(doc, cameo, &t, w, slots)
        }
        Some(Need::Object) => object(&t, w)
            .is_some_and(|o| actorish(doc, cameo, &t, o) || event_noun(cameo, &t, o, None)),
        Some(Need::Signed) => {
            object(&t, w).is_some_and(|o| event_noun(cameo, &t, o, Some(&["05", "06", "07", "08"])))
                || with_actor(doc, cameo, &t, w)
        }
        Some(Need::Between) => pol1 || pol2,
        Some(Need::Threat) => {
            nominal
                || object(&t, w).is_some_and(|o| actorish(doc, cameo, &t, o))
                || t.kids(w).any(|k| matches!(t.rel(k), "xcomp" | "ccomp"))
        }
        Some(Need::Agreed) => {
            t.kids(w).any(|k| t.rel(k) == "xcomp") || !t.kids(w).any(|k| t.rel(k) == "ccomp")
        }
        Some(Need::Offered) => {
            f.code != f.trigger_code
                || t.kids(w)
                    .any(|k| t.rel(k) == "xcomp" && t.upos(k) == "VERB")
                || object(&t, w).is_some_and(|o| event_noun(cameo, &t, o, None))
        }
    }
}

/// Is word `n` an actor ([`super::pattern_fit::actor`]), or a noun its compound, adjective or
/// possessor makes one (`NATO officials`, `Russian diplomats`, `Iran's negotiators`)?
fn actorish(doc: &Doc, cameo: &CameoLexicon, t: &Tree, n: usize) -> bool {
    super::pattern_fit::actor(doc, cameo, t, n)
        || (t.upos(n) == "NOUN"
            && t.kids(n).any(|k| {
                matches!(t.full_rel(k), "compound" | "amod" | "nmod:poss")
                    && super::pattern_fit::actor(doc, cameo, t, k)
            }))
}

/// The token starting at byte `b`.
fn token_of(doc: &Doc, b: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < b)
}

/// Does the lexicon list `form` as a one-word noun (`noun`) or verb trigger?
fn entry(cameo: &CameoLexicon, form: &str, noun: bool) -> bool {
    cameo
        .triggers
        .get(form)
        .is_some_and(|ts| ts.iter().any(|t| t.noun == noun && t.words.len() == 1))
}

/// Is word `o` a noun trigger of the lexicon (`talks`, `summit`), of one of `roots` when given?
fn event_noun(cameo: &CameoLexicon, t: &Tree, o: usize, roots: Option<&[&str]>) -> bool {
    [t.lower(o), t.lemma(o)].iter().any(|k| {
        cameo.triggers.get(k).is_some_and(|ts| {
            ts.iter().any(|tr| {
                tr.noun
                    && tr.words.len() == 1
                    && roots.is_none_or(|rs| rs.contains(&root_of(&tr.code)))
            })
        })
    })
}

/// The object of verb `w`, or its passive subject (`talks were hosted by Austria`).
fn object(t: &Tree, w: usize) -> Option<usize> {
    t.kids(w)
        .find(|&k| t.full_rel(k) == "obj" || t.full_rel(k) == "nsubj:pass")
}

/// The case marker of word `k`, lowercased.
fn case_of(t: &Tree, k: usize) -> Option<String> {
    t.kids(k).find(|&c| t.rel(c) == "case").map(|c| t.lower(c))
}

/// `asked Russia to withdraw`, `asked that ...`, `asked for talks`: a request, not a question
/// (`asked whether`, `asked about`, `asked a question`).
fn request(t: &Tree, w: usize) -> bool {
    let question = t.kids(w).any(|k| {
        matches!(t.rel(k), "obl" | "ccomp" | "advcl")
            && t.kids(k).any(|m| {
                matches!(t.rel(m), "case" | "mark")
                    && matches!(t.lower(m).as_str(), "about" | "whether" | "if")
            })
    });
    !question
        && t.kids(w).any(|k| match t.rel(k) {
            "xcomp" => {
                t.upos(k) == "VERB" && t.kids(k).any(|m| t.rel(m) == "mark" && t.lower(m) == "to")
            }
            "ccomp" => t
                .kids(k)
                .any(|m| t.rel(m) == "mark" && matches!(t.lower(m).as_str(), "that" | "to")),
            "obl" => case_of(t, k).as_deref() == Some("for"),
            _ => false,
        })
}

/// Has verb `w` a `with` or `between` partner that is an actor?
fn with_actor(doc: &Doc, cameo: &CameoLexicon, t: &Tree, w: usize) -> bool {
    t.kids(w).any(|k| {
        matches!(t.rel(k), "obl" | "nmod")
            && matches!(case_of(t, k).as_deref(), Some("with" | "between"))
            && actorish(doc, cameo, t, k)
    })
}

/// Are both actors of the event before its trigger (`NATO and Russia met`: the token rules' pair of
/// a coordinated subject)?
fn reciprocal(doc: &Doc, f: &Found, e: &Event) -> bool {
    let at = doc.tokens[f.tok.start].span.start;
    let from = doc.sentences[f.sentence].span.start;
    let before = |id: &Option<String>| {
        id.as_ref().is_some_and(|id| {
            doc.entities
                .iter()
                .any(|m| &m.entity_id == id && m.span.start >= from && m.span.end <= at)
        })
    };
    let end_of = |id: &Option<String>, first: bool| {
        let ms = doc.entities.iter().filter(|m| {
            id.as_ref() == Some(&m.entity_id) && m.span.start >= from && m.span.end <= at
        });
        if first {
            ms.map(|m| m.span.end).min()
        } else {
            ms.map(|m| m.span.start).max()
        }
    };
    // joined by `and` a few words apart (`NATO and Russia met`), not two clauses' actors
    let joined = match (
        end_of(&e.actor1_entity_id, true),
        end_of(&e.actor2_entity_id, false),
    ) {
        (Some(a), Some(b)) if a <= b => {
            let gap = &doc.text[a..b];
            gap.split_whitespace().count() <= 5 && gap.split_whitespace().any(|w| w == "and")
        }
        _ => false,
    };
    joined && before(&e.actor1_entity_id) && before(&e.actor2_entity_id)
}

/// A partner of a meeting verb: an actor object or `with` partner, or a subject that is
/// coordinated (`Russia and Ukraine met`) or a plural actor (`the leaders met`).
fn partner(
    doc: &Doc,
    cameo: &CameoLexicon,
    t: &Tree,
    w: usize,
    (src, tgt): (Option<usize>, Option<usize>),
) -> bool {
    let is_actor = |k: usize| actorish(doc, cameo, t, k);
    if tgt.is_some_and(is_actor) || with_actor(doc, cameo, t, w) {
        return true;
    }
    src.is_some_and(|s| {
        is_actor(s)
            && (t
                .kids(s)
                .any(|k| t.rel(k) == "conj" || t.kids(k).any(|c| t.rel(c) == "conj"))
                || matches!(t.xpos(s), "NNS" | "NNPS")
                || t.lower(s) == "we"
                || t.lower(s) == "they")
    })
}

/// Does material conflict event `e` have a physical participant: an armed side, a state or
/// organisation side (a country code without a person's role), or a place for target?
fn physical(doc: &Doc, e: &Event) -> bool {
    if armed(e.actor1_type.as_deref()) || armed(e.actor2_type.as_deref()) {
        return true;
    }
    let label = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| doc.entities.iter().find(|m| &m.entity_id == id))
            .map(|m| m.label)
    };
    let state =
        |id: &Option<String>, country: &Option<String>, kind: &Option<String>| match label(id) {
            Some(EntityLabel::Loc) => true,
            Some(EntityLabel::Per) => false,
            _ => country.is_some() && kind.as_deref().is_none_or(|k| k == "GOV" || k == "IGO"),
        };
    let person = |id: &Option<String>| label(id) == Some(EntityLabel::Per);
    state(&e.actor2_entity_id, &e.actor2_country, &e.actor2_type)
        || state(&e.actor1_entity_id, &e.actor1_country, &e.actor1_type)
        || (e.location.is_some() && !person(&e.actor1_entity_id) && !person(&e.actor2_entity_id))
}
