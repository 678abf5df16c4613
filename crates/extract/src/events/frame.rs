//! The frame of an event from the parse (issue 18): its modality (`asserted`, `planned`,
//! `possible`, `threatened`, `demanded`, `conditional`, `reported`) and whether it is negated,
//! from the words that govern the trigger in the dependency tree rather than the words near it.
//! The words are data (`lexicons/events_modality.tsv`):
//!
//! - the trigger's own auxiliaries and modifiers (`will attack`, `may attack`, `did not attack`,
//!   `a possible attack`, `no talks`) and its clause's subordinator (`if Russia invades`);
//! - the words it is the complement of, climbing the tree: `plans to attack` (xcomp), `the threat
//!   to invade` (acl), `said Russia attacked` (ccomp), `refused to meet`, `barred from joining`,
//!   `called for talks` (a noun trigger's governor);
//! - a noun trigger held by a light verb takes the verb's frame (`will hold talks`, `did not hold
//!   talks`); a conjunct takes its first conjunct's governors (`denied it attacked and occupied`)
//!   but not its auxiliaries.
//!
//! The innermost modality wins (`said it plans to attack`: planned); a negation of the trigger, of
//! the verbs whose infinitive it is, or a negating governor (`refuse`, `deny`, `fail`, `bar`) below
//! any report negates it. A negation in a relative clause of a noun trigger (`the agreement, which
//! did not bar ...`) is the relative clause's, not the trigger's. [`of`] is `None` without a parse:
//! the caller then reads the words around the trigger (`coding::modality`, `coding::negated`).

use super::cameo::CameoLexicon;
use super::tree::Tree;
use super::Found;
use crate::doc::Doc;
use std::collections::HashMap;
use std::sync::LazyLock;

/// The frame of an event.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Frame {
    pub(super) modality: &'static str,
    pub(super) negated: bool,
    /// Is the trigger, or for a noun the verb it hangs from, in the past (`visited`, `has met`,
    /// `offered ... during a visit on Sunday`)? Then a date after the published date is the
    /// timex's misreading, not a plan.
    pub(super) past: bool,
}

/// What a word of the parse does to an event, by `(kind, lemma)` (`events_modality.tsv`).
static WORDS: LazyLock<HashMap<(&'static str, &'static str), &'static str>> = LazyLock::new(|| {
    crate::lexicon::entries(crate::lexicon::files::EVENTS_MODALITY)
        .filter_map(|l| {
            let mut it = l.split('\t');
            Some(((it.next()?, it.next()?), it.next()?))
        })
        .collect()
});

/// What a word of `kind` does, by its lemma or, failing that, its written form.
fn what(t: &Tree, kind: &str, i: usize) -> Option<&'static str> {
    let (lemma, form) = (t.lemma(i), t.lower(i));
    WORDS
        .get(&(kind, lemma.as_str()))
        .or_else(|| WORDS.get(&(kind, form.as_str())))
        .copied()
}

/// The prepositions that make a noun the complement of its head (`called for talks`, `the threat
/// of an invasion`, `agreed on talks`), not an adjunct (`during a visit`, `after the attack`).
const COMPLEMENT_CASES: &[&str] = &["for", "of", "to", "on", "about", "toward", "towards"];

/// The modality and negation of trigger `f` from the parse, `None` without one.
pub(super) fn of(doc: &Doc, cameo: &CameoLexicon, f: &Found) -> Option<Frame> {
    let t = Tree::of(doc, f.sentence)?;
    let trigger = t.word_of(f.tok.start)?;
    let mut w = trigger;
    // a noun trigger by the lexicon or by the parse (`a nuclear attack`)
    let noun = f.noun || t.upos(w) == "NOUN";
    let past = in_the_past(&t, w);
    let mut modality: Option<&'static str> = None;
    let mut negated = false;
    // `own`: the markers of `w` (auxiliaries, negation) are the event's too
    let mut own = true;
    for hop in 0..6 {
        markers(&t, w, own, &mut modality, &mut negated);
        let Some(h) = t.head(w) else { break };
        let r = t.rel(w);
        // a noun trigger is the complement of its head when it is its object or subject, or its
        // prepositional object by a complement's preposition (`called for talks`, `the threat of
        // an invasion`), not an adjunct's (`offered ... during a visit`)
        let noun_arg = noun
            && hop == 0
            && (matches!(r, "obj" | "nsubj")
                || (matches!(r, "obl" | "nmod")
                    && t.kids(w).any(|k| {
                        t.rel(k) == "case" && COMPLEMENT_CASES.contains(&t.lower(k).as_str())
                    })));
        if r == "conj" {
            // a conjunct shares its first conjunct's governors, not its auxiliaries
            w = h;
            own = false;
            continue;
        }
        if !(noun_arg || matches!(r, "xcomp" | "ccomp" | "advcl" | "acl" | "csubj")) {
            break;
        }
        // an adverbial clause is not the content of its governor (`declined since Trump launched`)
        let gov = if r == "advcl" {
            None
        } else {
            what(&t, "gov", h)
        };
        match gov {
            Some("reported") => {
                modality.get_or_insert("reported");
                break;
            }
            Some("negated") => negated = true,
            Some(m) => {
                modality.get_or_insert(m);
            }
            None => {}
        }
        // an infinitive shares its governor's auxiliaries and negation (`did not agree to
        // meet`); so does a noun held by a light verb (`will hold talks`)
        let light = noun_arg && matches!(r, "obj" | "nsubj") && is_light(cameo, &t, h);
        own = r == "xcomp" || light;
        // past a noun's head that is no light verb, the governors are the head's, not the event's
        // (`sought to downplay the significance of her visit`: not a planned visit)
        if !(own || matches!(r, "ccomp" | "acl" | "advcl")) {
            break;
        }
        w = h;
    }
    if modality.is_none() {
        modality = governing_noun_before(&t, trigger);
    }
    Some(Frame {
        modality: modality.unwrap_or("asserted"),
        negated,
        past,
    })
}

/// `a threat to invade`, `its plans to attack`: an infinitive right after a noun that governs
/// its complement (a `gov` word of `events_modality.tsv`) is that noun's complement, however the
/// parse attached it (a greedy parser often hangs it on the clause's verb: `warned of a threat
/// to invade` with `invade` an adverbial clause of `warned`). The noun's modality, if any.
fn governing_noun_before(t: &Tree, w: usize) -> Option<&'static str> {
    let (to, noun) = (w.checked_sub(1)?, w.checked_sub(2)?);
    let infinitive =
        t.has(noun) && t.lower(to) == "to" && t.rel(to) == "mark" && t.head(to) == Some(w);
    if !infinitive || t.upos(noun) != "NOUN" {
        return None;
    }
    // not a say-verb's lemma read as a noun: `rallies in the state to drum up support`
    what(t, "gov", noun).filter(|&m| m != "reported")
}

/// Is the first verb at or above word `w` in the past: a simple past (`VBD`) or a participle with
/// `have` (`has met`)?
fn in_the_past(t: &Tree, w: usize) -> bool {
    let mut at = w;
    for _ in 0..4 {
        if t.upos(at) == "VERB" {
            return t.xpos(at) == "VBD"
                || (t.xpos(at) == "VBN"
                    && t.kids(at)
                        .any(|k| t.rel(k) == "aux" && t.lemma(k) == "have"));
        }
        match t.head(at) {
            Some(h) => at = h,
            None => return false,
        }
    }
    false
}

/// The auxiliaries, modifiers and subordinator of word `w` (only the subordinator when `own` is
/// false: a conjunct shares its clause's `if`, not its head's auxiliaries).
fn markers(t: &Tree, w: usize, own: bool, modality: &mut Option<&'static str>, negated: &mut bool) {
    let clause_is_adverbial = matches!(t.rel(w), "advcl");
    for k in t.kids(w) {
        let found = match t.rel(k) {
            "mark" if clause_is_adverbial => what(t, "mark", k),
            "aux" if own => what(t, "aux", k),
            "advmod" | "amod" | "det" | "neg" if own => what(t, "mod", k),
            _ => None,
        };
        match found {
            Some("negated") => *negated = true,
            Some(m) => {
                modality.get_or_insert(m);
            }
            None => {}
        }
    }
}

/// Is word `h` a light verb (`hold`, `begin`: lexicons/events_scope.txt)?
fn is_light(cameo: &CameoLexicon, t: &Tree, h: usize) -> bool {
    let w = t.lower(h);
    cameo.light.iter().any(|lv| lv.len() == 1 && lv[0] == w)
}
