//! Trigger matching and coding: the trigger starting at a token ([`code_at`]: lede's own triggers,
//! then PETRARCH verb patterns, then which of the two codes it), the pattern matcher, one mention per
//! event per sentence, and the frame of a trigger (light verbs, negation, modality). Also the CAMEO
//! root and GDELT quad class of a code.

use super::cameo::{CameoLexicon, Pattern, Trigger};
use super::{Found, Index};
use crate::budget::Ticker;
use crate::doc::Doc;
use crate::ExtractError;

/// The CAMEO root of a code (`0256` -> `02`).
pub fn root_of(code: &str) -> &str {
    &code[..code.len().min(2)]
}

/// GDELT quad class of a root: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
/// 3 verbal conflict (09-13), 4 material conflict (14-20).
pub fn quad_class(root: &str) -> Option<u8> {
    let r: u8 = root.parse().ok()?;
    Some(match r {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

/// Does token `tok` match pattern word `w` (plurals and -s forms allowed)?
fn word_matches(tok: &str, w: &str) -> bool {
    tok == w
        || tok.strip_suffix('s').is_some_and(|t| t == w)
        || tok.strip_suffix("es").is_some_and(|t| t == w)
        || (w.ends_with('y')
            && tok
                .strip_suffix("ies")
                .is_some_and(|t| t == &w[..w.len() - 1]))
}

/// Matches `seq` at token `i`; returns the end.
fn seq_at(lower: &[String], i: usize, seq: &[String], limit: usize) -> Option<usize> {
    if i + seq.len() > limit {
        return None;
    }
    seq.iter()
        .enumerate()
        .all(|(k, w)| word_matches(&lower[i + k], w))
        .then_some(i + seq.len())
}

/// A pattern matched around a verb: the number of words matched, the gap between the verb and its
/// nearest matched element, and the token ranges of the elements matched after the verb.
type Matched = (usize, usize, Vec<std::ops::Range<usize>>);

/// Matches a pattern around a verb at tokens `[vs, ve)` of a sentence `[lo, hi)`.
fn match_pattern(
    window: usize,
    lower: &[String],
    vs: usize,
    ve: usize,
    lo: usize,
    hi: usize,
    p: &Pattern,
) -> Option<Matched> {
    let mut score = 0;
    let mut pos = ve;
    let mut gap = usize::MAX;
    let mut post = Vec::with_capacity(p.post.len());
    for alt in &p.post {
        let mut found = None;
        'outer: for start in pos..(pos + window).min(hi) {
            if matches!(lower[start].as_str(), "," | ";" | "." | ":") {
                break;
            }
            for seq in alt {
                if let Some(e) = seq_at(lower, start, seq, hi) {
                    found = Some((e, seq.len()));
                    break 'outer;
                }
            }
        }
        let (e, n) = found?;
        gap = gap.min(e - n - pos);
        post.push(e - n..e);
        pos = e;
        score += n;
    }
    let mut pos = vs;
    for alt in p.pre.iter().rev() {
        let mut found = None;
        'outer2: for start in (pos.saturating_sub(5).max(lo)..pos).rev() {
            for seq in alt {
                if let Some(e) = seq_at(lower, start, seq, pos) {
                    found = Some((start, e - start));
                    break 'outer2;
                }
            }
        }
        let (s, n) = found?;
        gap = gap.min(pos - (s + n));
        pos = s;
        score += n;
    }
    Some((score, gap, post))
}

static DETERMINERS: std::sync::LazyLock<Vec<&str>> = std::sync::LazyLock::new(|| {
    crate::lexicon::entries(crate::lexicon::files::EVENTS_DETERMINERS).collect()
});

/// One mention per event per sentence: "held a meeting" -> one event.
pub(super) fn one_per_event(
    found: Vec<Found>,
    tick: &mut Ticker,
) -> Result<Vec<Found>, ExtractError> {
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        tick.tick()?;
        let from = kept.partition_point(|k| k.sentence < f.sentence);
        if let Some(k) = kept[from..].iter_mut().find(|k| {
            k.sentence == f.sentence
                && root_of(&k.code) == root_of(&f.code)
                && f.tok.start <= k.tok.end + 2
        }) {
            // prefer the verb, and the more specific code
            if k.noun && !f.noun {
                *k = f;
            }
            continue;
        }
        kept.push(f);
    }
    Ok(kept)
}

/// The trigger starting at token `i`, coded.
pub(super) fn code_at(
    cameo: &CameoLexicon,
    ix: &Index,
    i: usize,
    lo: usize,
    hi: usize,
    doc: &Doc,
    text: &str,
) -> Option<Found> {
    let lower = &ix.lower;
    let w = &lower[i];
    if cameo.speech.contains(w) || !w.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    // capitalised words inside a sentence are names ("Attack" as a title word is rare)
    let tok_text = doc.tokens[i].span.slice(text);
    if i > lo && tok_text.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    if ix.in_entity[i] {
        return None;
    }
    let prev = if i > lo { lower[i - 1].as_str() } else { "" };
    // after a determiner, a possessive or an adjective ("a positive sign") a verb form is a noun;
    // with a parse the previous word is an adjective when the parse says so (`the government
    // condemned`: `government` ends like one), without one when it ends like one
    let prev_word = (i > lo)
        .then(|| doc.syntax.token_word.get(i - 1))
        .flatten()
        .and_then(|&w| doc.syntax.words.get(w as usize));
    let adjective = match prev_word {
        Some(pw) => pw.upos == "ADJ",
        None => [
            "ive", "al", "ful", "ous", "ic", "ary", "ble", "ent", "ant", "est",
        ]
        .iter()
        .any(|s| prev.len() > 4 && prev.ends_with(s)),
    };
    let after_det =
        DETERMINERS.contains(&prev) || prev.ends_with("’s") || prev.ends_with("'s") || adjective;
    // lede's own triggers
    let own = own_trigger(cameo, lower, i, hi, after_det);
    // PETRARCH verb patterns (verbs only, not after a determiner)
    let petr = if after_det {
        None
    } else {
        let fits = |post: &[std::ops::Range<usize>], set: bool| {
            super::pattern_fit::holds(doc, cameo, i, post, set)
        };
        petrarch_code(cameo, lower, (i, lo, hi), own, &fits)
    };
    // with a parse, a passive's roles come from the tree (agent: source, subject: target)
    let parsed = doc
        .syntax
        .token_word
        .get(i)
        .is_some_and(|&w| doc.syntax.words.get(w as usize).is_some());
    let prev = if parsed { "" } else { prev };
    choose(cameo, own, petr, (i, lo), prev, w)
}

/// lede's own trigger starting at token `i` (`events_triggers.tsv`, longest first): `held talks`,
/// `attack`; a verb entry after a determiner is passed over for a noun one (`the attack`). Returns
/// its end token and the trigger.
fn own_trigger<'c>(
    cameo: &'c CameoLexicon,
    lower: &[String],
    i: usize,
    hi: usize,
    after_det: bool,
) -> Option<(usize, &'c Trigger)> {
    let w = &lower[i];
    let mut own: Option<(usize, &Trigger)> = None;
    if let Some(ts) = cameo.triggers.get(w) {
        for t in ts {
            if let Some(e) = seq_at(lower, i, &t.words, hi) {
                if t.words.iter().zip(&lower[i..e]).all(|(a, b)| a == b) {
                    // a verb form after a determiner is a noun ("the attack"): look for a noun entry
                    if !t.noun && after_det {
                        continue;
                    }
                    own = Some((e, t));
                    break;
                }
            }
        }
    }
    own
}

/// The PETRARCH code of the verb starting at token `i` of a sentence `[lo, hi)` (`met with ... on
/// trade` -> the best matching pattern of the verb's block whose words `fits` the parse, of equal
/// scores the one written for this verb): its end token, code and pattern score (1: the block's
/// default under `verb_defaults`, 0: the block's code for a verb lede lists too, `own`).
fn petrarch_code(
    cameo: &CameoLexicon,
    lower: &[String],
    (i, lo, hi): (usize, usize, usize),
    own: Option<(usize, &Trigger)>,
    fits: &dyn Fn(&[std::ops::Range<usize>], bool) -> bool,
) -> Option<(usize, String, usize)> {
    let w = &lower[i];
    let mut petr: Option<(usize, String, usize)> = None;
    // PETRARCH matches patterns within the verb phrase of a parse; without a parser lede looks
    // a few words on (news), or to the end of the clause (PETRARCH's own validation semantics)
    let window = if cameo.verb_defaults { 12 } else { 3 };
    if let Some(forms) = cameo.verbs.get(w) {
        for f in forms {
            let Some(ve) = seq_at(lower, i, &f.words, hi) else {
                continue;
            };
            if !f.words.iter().zip(&lower[i..ve]).all(|(a, b)| a == b) {
                continue;
            }
            let block = &cameo.blocks[f.block];
            let mut best: Option<(usize, bool, Option<String>)> = None;
            for p in &block.patterns {
                if let Some((score, gap, post)) = match_pattern(window, lower, i, ve, lo, hi, p) {
                    // one loose word is weak evidence: it must be next to the verb (or after one word)
                    if score < 2 && gap > 1 && !cameo.verb_defaults {
                        continue;
                    }
                    let mine = p.verbs.contains(&f.base);
                    let better = best
                        .as_ref()
                        .is_none_or(|(s, m, _)| score > *s || (score == *s && mine && !m));
                    if better && fits(&post, p.ends_in_set) {
                        best = Some((score, mine, p.code.clone()));
                    }
                }
            }
            match best {
                Some((score, _, Some(code))) => {
                    if petr.as_ref().is_none_or(|(_, _, s)| score > *s) {
                        petr = Some((ve, code, score));
                    }
                }
                Some((_, _, None)) => {}
                None => {
                    if let (true, Some(code), None) = (cameo.verb_defaults, &f.code, &petr) {
                        petr = Some((ve, code.clone(), 1));
                    }
                    // the block's own code counts only for verbs lede lists too
                    if let (Some(code), Some((_, t))) = (&f.code, own) {
                        if !t.noun && petr.is_none() && root_of(code) == root_of(&t.code) {
                            petr = Some((ve, code.clone(), 0));
                        }
                    }
                }
            }
        }
    }
    petr
}

/// Which coding of the trigger at token `i` of a sentence starting at `lo` wins: a PETRARCH pattern
/// in scope that refines lede's own verb trigger (0.75), else lede's trigger (0.7), else a PETRARCH
/// pattern alone, not after a passive auxiliary (`was attacked`) nor a sentence-initial gerund
/// (0.6).
fn choose(
    cameo: &CameoLexicon,
    own: Option<(usize, &Trigger)>,
    petr: Option<(usize, String, usize)>,
    (i, lo): (usize, usize),
    prev: &str,
    w: &str,
) -> Option<Found> {
    let in_scope = |c: &str| cameo.roots.contains(root_of(c));
    match (own, petr) {
        (Some((e, t)), Some((pe, code, score)))
            if score > 0
                && in_scope(&code)
                && !t.noun
                && (score >= 2 || root_of(&code) == root_of(&t.code)) =>
        {
            Some(Found {
                sentence: 0,
                tok: i..e.max(pe.min(i + t.words.len())),
                trigger_code: t.code.clone(),
                code,
                noun: false,
                confidence: 0.75,
                own: true,
            })
        }
        (Some((e, t)), _) if in_scope(&t.code) => Some(Found {
            sentence: 0,
            tok: i..e,
            code: t.code.clone(),
            trigger_code: t.code.clone(),
            noun: t.noun,
            confidence: 0.7,
            own: true,
        }),
        (None, Some((pe, code, score))) if score > 0 && in_scope(&code) => {
            let passive = matches!(
                prev,
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            );
            let initial_gerund = i == lo && w.ends_with("ing");
            (!passive && !initial_gerund).then_some(Found {
                sentence: 0,
                tok: i..pe,
                trigger_code: code.clone(),
                code,
                noun: false,
                confidence: 0.6,
                own: false,
            })
        }
        _ => None,
    }
}

pub(super) fn has_light_verb(
    cameo: &CameoLexicon,
    lower: &[String],
    f: &Found,
    lo: usize,
    hi: usize,
) -> bool {
    let near = |k: usize| -> bool {
        cameo.light.iter().any(|lv| {
            seq_at(lower, k, lv, hi).is_some() && lv.iter().zip(&lower[k..]).all(|(a, b)| a == b)
        })
    };
    // "held talks", "held a meeting", "talks will continue", "the meeting ended", "the meeting, chaired by ..., began"
    let before = (f.tok.start.saturating_sub(4).max(lo)..f.tok.start).any(near);
    let after = (f.tok.end..(f.tok.end + 12).min(hi)).any(near);
    before || after
}

pub(super) fn negated(lower: &[String], f: &Found, lo: usize, hi: usize) -> bool {
    let neg = |w: &str| {
        matches!(
            w,
            "not"
                | "n't"
                | "never"
                | "no"
                | "without"
                | "nor"
                | "denies"
                | "denied"
                | "deny"
                | "refused"
                | "failed"
                | "cannot"
                | "didn’t"
                | "didn't"
                | "won’t"
                | "won't"
        )
    };
    let before = (f.tok.start.saturating_sub(5).max(lo)..f.tok.start).any(|k| neg(&lower[k]));
    // "the talks did not make any breakthrough": a noun trigger negated by its verb
    let after = f.noun
        && (f.tok.end..(f.tok.end + 4).min(hi)).any(|k| {
            let aux = k > 0
                && matches!(
                    lower[k - 1].as_str(),
                    "did" | "does" | "do" | "has" | "have" | "had" | "will" | "would" | "could"
                );
            (neg(&lower[k]) && aux) || matches!(lower[k].as_str(), "never" | "failed")
        });
    before || after
}

/// `possible_before`: the sentence has `possible` before the trigger.
pub(super) fn modality(
    lower: &[String],
    f: &Found,
    lo: usize,
    hi: usize,
    possible_before: bool,
) -> String {
    let window: Vec<&str> = lower[f.tok.start.saturating_sub(6).max(lo)..f.tok.start]
        .iter()
        .map(String::as_str)
        .collect();
    let after: Vec<&str> = if f.noun {
        lower[f.tok.end..(f.tok.end + 3).min(hi)]
            .iter()
            .map(String::as_str)
            .collect()
    } else {
        Vec::new()
    };
    let any = |ws: &[&str], set: &[&str]| ws.iter().any(|w| set.contains(w));
    if any(&window, &["if", "unless"]) {
        return "conditional".into();
    }
    if any(
        &window,
        &[
            "demand",
            "demanded",
            "demands",
            "demanding",
            "urged",
            "urge",
            "asked",
            "ask",
            "called",
            "calls",
        ],
    ) && window.contains(&"to")
        || any(&window, &["demanded", "demand"]) && window.contains(&"that")
    {
        return "demanded".into();
    }
    if any(
        &window,
        &[
            "may", "might", "could", "possible", "possibly", "likely", "risk", "prelude", "fears",
            "feared",
        ],
    ) || possible_before
    {
        return "possible".into();
    }
    if any(
        &window,
        &[
            "will",
            "shall",
            "'ll",
            "plans",
            "plan",
            "planned",
            "planning",
            "scheduled",
            "expected",
            "intends",
            "would",
            "preparing",
            "prepares",
            "ready",
            "going",
        ],
    ) || any(&after, &["will", "would", "shall"])
    {
        return "planned".into();
    }
    "asserted".into()
}
