//! The actors of a trigger from the dependency parse (issue 18): its subject (source),
//! object (target), passive subject (target) and agent (source), prepositional objects
//! (`with`, `against`, `to`...: target); an `xcomp` or `conj` verb without a subject takes its
//! head's. An argument word stands for the entity mention that covers it, or the highest mention
//! in its subtree (`the leader of Russia` -> Russia). Each slot the parse leaves empty falls back
//! to the token rules of [`super::arguments`] (PETRARCH2 validation, code with source and target:
//! 42.1% with the token rules alone, 45.4% with the parse first, 32.3% with the parse alone).

use super::Found;
use crate::doc::Doc;
use model::EntityMention;

const TARGET_CASES: &[&str] = &[
    "with", "against", "to", "on", "into", "toward", "towards", "at",
];

/// The words of the parse that stand for the trigger's source and target (word indices into
/// `Syntax::words`), `None` when the parse does not hold the trigger.
pub(super) fn slots(doc: &Doc, f: &Found) -> Option<(Option<usize>, Option<usize>)> {
    slots_in(doc, f).map(|(src, tgt, _)| (src, tgt))
}

/// Does mention `m` lie in the trigger's clause? It does when it lies under the word the
/// trigger's arguments were looked for at (the trigger, or the verb whose subject it shares:
/// `plans to attack`), or when the verb it hangs from governs that word (a parse error put it one
/// clause up); a target of the word rules hanging from another verb belongs to another clause
/// (`Russia denies it plans to attack, but Putin has accused ...`). True without a parse.
pub(super) fn in_clause(doc: &Doc, f: &Found, m: &EntityMention) -> bool {
    let Some((_, _, scope)) = slots_in(doc, f) else {
        return true;
    };
    let syn = doc.syntax;
    let Some(s) = syn.sentences.get(f.sentence) else {
        return true;
    };
    // the words from `at` up to the root
    let path = |at: usize| {
        std::iter::successors(Some(at), |&w| syn.words[w].head.map(|h| h as usize)).take(s.len())
    };
    let scope_path: Vec<usize> = path(scope).collect();
    s.clone()
        .filter(|&i| {
            let x = syn.words[i].span;
            m.span.start <= x.start && x.end <= m.span.end
        })
        .any(|w| {
            let mut up = path(w);
            up.any(|a| a == scope)
                || path(w)
                    .skip(1)
                    .find(|&a| syn.words[a].upos == "VERB")
                    .is_none_or(|v| scope_path.contains(&v))
        })
}

/// [`slots`] and the word they were found at (the trigger or the verb it took its subject from).
fn slots_in(doc: &Doc, f: &Found) -> Option<(Option<usize>, Option<usize>, usize)> {
    let syn = doc.syntax;
    let s = syn.sentences.get(f.sentence)?.clone();
    let tw = *syn.token_word.get(f.tok.start)? as usize;
    if !s.contains(&tw) {
        return None;
    }
    let kids = |h: usize| {
        s.clone()
            .filter(move |&i| syn.words[i].head == Some(h as u32))
    };
    let rel = |i: usize| syn.words[i].deprel;
    let case_of = |i: usize| {
        kids(i)
            .find(|&k| rel(k) == "case")
            .map(|k| doc.text[syn.words[k].span.start..syn.words[k].span.end].to_lowercase())
    };
    let mut src = None;
    let mut tgt = None;
    let mut p = tw;
    let noun = f.noun || syn.words[tw].upos == "NOUN";
    for _ in 0..3 {
        for k in kids(p).filter(|&k| k != tw) {
            match rel(k) {
                "nsubj" if src.is_none() => src = Some(k),
                "nsubj:pass" if tgt.is_none() => tgt = Some(k),
                "obl:agent" if src.is_none() => src = Some(k),
                "obj" | "iobj" if tgt.is_none() => tgt = Some(k),
                "nmod:poss" if f.noun && src.is_none() => src = Some(k),
                "obl" | "nmod" if tgt.is_none() => {
                    if let Some(c) = case_of(k) {
                        if c == "by" && src.is_none() {
                            src = Some(k);
                        } else if TARGET_CASES.contains(&c.as_str()) || (f.noun && c == "of") {
                            tgt = Some(k);
                        }
                    }
                }
                _ => {}
            }
        }
        // a verb without its own subject takes its head's (`agreed to meet`, `met and signed`),
        // a noun trigger the object of a verb takes the verb's (`Russia launched an invasion`)
        let verb_object = p == tw && noun && rel(p) == "obj";
        if src.is_none() && (matches!(rel(p), "xcomp" | "conj" | "advcl") || verb_object) {
            if let Some(h) = syn.words[p].head {
                p = h as usize;
                continue;
            }
        }
        break;
    }
    Some((src, tgt, p))
}

/// `(source, target)` from the parse, `None` when the parse names neither among `ents`.
pub(super) fn actors<'e>(
    doc: &Doc,
    f: &Found,
    ents: &[&'e EntityMention],
) -> Option<(Option<&'e EntityMention>, Option<&'e EntityMention>)> {
    let syn = doc.syntax;
    let s = syn.sentences.get(f.sentence)?.clone();
    let (src, tgt) = slots(doc, f)?;
    let mention = |w: usize| -> Option<&'e EntityMention> {
        let sp = syn.words[w].span;
        if let Some(m) = ents
            .iter()
            .find(|m| m.span.start <= sp.start && sp.end <= m.span.end)
        {
            return Some(*m);
        }
        // the highest mention in the word's subtree
        let depth_under = |i: usize| -> Option<usize> {
            let mut at = i;
            for d in 0..=s.len() {
                if at == w {
                    return Some(d);
                }
                at = syn.words[at].head? as usize;
            }
            None
        };
        ents.iter()
            .filter_map(|m| {
                let i = s.clone().find(|&i| {
                    let x = syn.words[i].span;
                    m.span.start <= x.start && x.end <= m.span.end
                })?;
                Some((depth_under(i)?, *m))
            })
            .min_by_key(|(d, _)| *d)
            .map(|(_, m)| m)
    };
    let a1 = src.and_then(mention);
    let a2 = tgt
        .and_then(mention)
        .filter(|m| a1.is_none_or(|x| x.entity_id != m.entity_id));
    (a1.is_some() || a2.is_some()).then_some((a1, a2))
}
