//! Linking mentions into chains, by sieves from the most precise to the least (after Lee et al.
//! 2013, "Deterministic coreference resolution based on entity-centric, precision-ranked rules"):
//! each sieve sees the chains the earlier ones built and may only merge them.
//!
//! 1. one entity of name resolution (`resolve`: same name, partial names, acronyms);
//! 2. exact match of the whole phrase (not an indefinite one);
//! 3. syntax: apposition (`X, the minister`), predicate nouns (`X is the union's president`);
//! 4. head match: the same head noun, and every content word of the later phrase already said of
//!    the chain (`the alliance` ... `the alliance`, not `the Russian proposal` ... `the US proposal`),
//!    within 20 sentences for a description; not for a bare plural (`students`: a kind);
//! 5. pronouns: the antecedent the ranker ([`super::rank`]) scores best among the compatible
//!    (number, gender, animacy) mentions of the sentences before, or none; I, we and you of the
//!    narrator join their earlier use.

use super::attrs::{self, Attrs};
use super::mentions::Cand;
use super::rank::{self, Decider};
use model::{EntityMention, MentionKind, Syntax};
use std::collections::{HashMap, HashSet};

/// How many earlier mentions with the same head a description is compared with (nearest first).
const HEAD_MATCH_CANDIDATES: usize = 50;
/// How far back (in sentences) a description looks for a head match (a name looks back further).
const HEAD_MATCH_WINDOW: usize = 20;

/// The chains being built: a union-find over mentions with the attributes of each chain.
pub(super) struct Chains {
    parent: Vec<usize>,
    pub(super) attrs: Vec<Attrs>,
    /// Lowercased words of every mention of the chain (at the root).
    words: Vec<HashSet<String>>,
    pub(super) has_name: Vec<bool>,
    /// The chain holds a pronoun.
    pub(super) has_pron: Vec<bool>,
    pub(super) size: Vec<usize>,
}

impl Chains {
    fn new(attrs: Vec<Attrs>, words: Vec<HashSet<String>>, cands: &[Cand]) -> Self {
        let n = attrs.len();
        Chains {
            parent: (0..n).collect(),
            has_name: cands.iter().map(|c| c.kind == MentionKind::Name).collect(),
            has_pron: cands
                .iter()
                .map(|c| c.kind == MentionKind::Pronoun)
                .collect(),
            attrs,
            words,
            size: vec![1; n],
        }
    }

    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a == b {
            return;
        }
        let (big, small) = if self.size[a] >= self.size[b] {
            (a, b)
        } else {
            (b, a)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
        let sa = self.attrs[small];
        attrs::merge(&mut self.attrs[big], &sa);
        let sw = std::mem::take(&mut self.words[small]);
        self.words[big].extend(sw);
        self.has_name[big] |= self.has_name[small];
        self.has_pron[big] |= self.has_pron[small];
    }
}

/// Everything the sieves read.
pub(super) struct Ctx<'a> {
    text: &'a str,
    pub(super) syntax: &'a Syntax,
    pub(super) entities: &'a [EntityMention],
    pub(super) cands: &'a [Cand],
    attrs: &'a [Attrs],
    /// Each mention's text, lowercased, with `’` as `'` (computed once: every sieve reads it).
    lower: Vec<String>,
    /// Whether each mention is inside quotation marks.
    quoted: Vec<bool>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(
        text: &'a str,
        syntax: &'a Syntax,
        entities: &'a [EntityMention],
        cands: &'a [Cand],
        attrs: &'a [Attrs],
    ) -> Self {
        let lower = cands
            .iter()
            .map(|c| {
                text[c.span.start..c.span.end]
                    .to_lowercase()
                    .replace('’', "'")
            })
            .collect();
        let ranges = rank::quoted_ranges(text);
        let quoted = cands
            .iter()
            .map(|c| {
                let k = ranges.partition_point(|r| r.0 <= c.span.start);
                k > 0 && c.span.start < ranges[k - 1].1
            })
            .collect();
        Ctx {
            text,
            syntax,
            entities,
            cands,
            attrs,
            lower,
            quoted,
        }
    }

    pub(super) fn lower(&self, i: usize) -> &str {
        &self.lower[i]
    }

    pub(super) fn quoted(&self, i: usize) -> bool {
        self.quoted[i]
    }

    pub(super) fn head_lemma(&self, i: usize) -> String {
        self.syntax.words[self.cands[i].head].lemma.to_lowercase()
    }

    /// True when mention `a` contains mention `b` (or the reverse): never one chain (`his` in
    /// `his mother`).
    pub(super) fn nested(&self, a: usize, b: usize) -> bool {
        let (x, y) = (self.cands[a].span, self.cands[b].span);
        (x.start <= y.start && y.end <= x.end) || (y.start <= x.start && x.end <= y.end)
    }

    pub(super) fn indefinite(&self, i: usize) -> bool {
        let l = self.lower(i);
        let first = l.split_whitespace().next().unwrap_or("");
        matches!(
            first,
            "a" | "an" | "some" | "any" | "another" | "one" | "many" | "several" | "no" | "every"
        )
    }

    /// True when no mention has `head` as its head, or the one that has is indefinite.
    fn indefinite_at(&self, head: usize, by_head: &HashMap<usize, usize>) -> bool {
        by_head.get(&head).is_none_or(|&j| self.indefinite(j))
    }
}

/// Links the mentions, pronouns as `dec` decides; returns each mention's chain root.
pub(super) fn link(cx: &Ctx, dec: &mut Decider) -> Vec<usize> {
    let words: Vec<HashSet<String>> = (0..cx.cands.len())
        .map(|i| {
            let mut w: HashSet<String> = content_words(cx, i).into_iter().collect();
            w.extend(cx.lower(i).split_whitespace().map(str::to_string));
            w
        })
        .collect();
    let mut ch = Chains::new(cx.attrs.to_vec(), words, cx.cands);
    same_entity(cx, &mut ch);
    exact_match(cx, &mut ch);
    syntactic(cx, &mut ch);
    head_match(cx, &mut ch);
    pronouns(cx, &mut ch, dec);
    (0..cx.cands.len()).map(|i| ch.find(i)).collect()
}

fn same_entity(cx: &Ctx, ch: &mut Chains) {
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, c) in cx.cands.iter().enumerate() {
        if let Some(e) = c.entity {
            let id = cx.entities[e].entity_id.as_str();
            if id.is_empty() {
                continue;
            }
            match first.get(id) {
                Some(&j) => ch.union(j, i),
                None => {
                    first.insert(id, i);
                }
            }
        }
    }
}

fn exact_match(cx: &Ctx, ch: &mut Chains) {
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, c) in cx.cands.iter().enumerate() {
        if c.kind == MentionKind::Pronoun || c.group || cx.indefinite(i) {
            continue;
        }
        let key = cx.lower(i).trim_end_matches("'s").trim().to_string();
        match seen.get(&key) {
            Some(&j) if !cx.nested(i, j) => ch.union(j, i),
            _ => {}
        }
        seen.insert(key, i);
    }
}

fn syntactic(cx: &Ctx, ch: &mut Chains) {
    let words = &cx.syntax.words;
    let by_head: HashMap<usize, usize> = cx
        .cands
        .iter()
        .enumerate()
        .filter(|(_, c)| !c.group)
        .map(|(i, c)| (c.head, i))
        .collect();
    let with_copula: HashSet<usize> = words
        .iter()
        .filter(|x| x.deprel == "cop")
        .filter_map(|x| x.head.map(|h| h as usize))
        .collect();
    for (i, c) in cx.cands.iter().enumerate().filter(|(_, c)| !c.group) {
        let w = &words[c.head];
        let Some(h) = w.head.map(|h| h as usize) else {
            continue;
        };
        // X, the minister: the appositive joins its head's mention.
        if w.deprel == "appos" {
            if let Some(&j) = by_head.get(&h) {
                if attrs::compatible(&cx.attrs[i], &cx.attrs[j]) {
                    ch.union(j, i);
                }
            }
        }
        // X is the president: the predicate noun (with a copula) joins its subject.
        let predicate = w.deprel.starts_with("nsubj")
            && c.kind != MentionKind::Pronoun
            && with_copula.contains(&h)
            && !cx.indefinite_at(h, &by_head);
        if let Some(&j) = by_head.get(&h).filter(|_| predicate) {
            if !cx.nested(i, j) && attrs::compatible(&cx.attrs[i], &cx.attrs[j]) {
                ch.union(i, j);
            }
        }
    }
}

fn head_match(cx: &Ctx, ch: &mut Chains) {
    let mut by_lemma: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, c) in cx.cands.iter().enumerate() {
        if c.kind == MentionKind::Pronoun || c.group {
            continue;
        }
        let lemma = cx.head_lemma(i);
        if !cx.indefinite(i) && !bare_plural(cx, i) {
            let mods = content_words(cx, i);
            let earlier = by_lemma.get(&lemma).cloned().unwrap_or_default();
            for &j in earlier.iter().rev().take(HEAD_MATCH_CANDIDATES) {
                if cx.nested(i, j) {
                    continue;
                }
                let far = c.sentence - cx.cands[j].sentence > HEAD_MATCH_WINDOW;
                if far && c.kind != MentionKind::Name {
                    break;
                }
                let root = ch.find(j);
                let said = mods.iter().all(|m| ch.words[root].contains(m));
                if said && attrs::compatible(&cx.attrs[i], &ch.attrs[root]) {
                    ch.union(j, i);
                    break;
                }
            }
        }
        by_lemma.entry(lemma).or_default().push(i);
    }
}

/// A plural noun with nothing before it (`students`, `people who ...`): mostly a kind, not a
/// group met before; it does not take an antecedent by head match.
fn bare_plural(cx: &Ctx, i: usize) -> bool {
    let c = &cx.cands[i];
    c.kind == MentionKind::Nominal && c.words.0 == c.head && cx.syntax.words[c.head].xpos == "NNS"
}

/// The content words of a mention (nouns, names, adjectives, numbers, verbs), lowercased.
fn content_words(cx: &Ctx, i: usize) -> Vec<String> {
    let (lo, hi) = cx.cands[i].words;
    cx.syntax.words[lo..=hi]
        .iter()
        .filter(|w| matches!(w.upos, "NOUN" | "PROPN" | "ADJ" | "NUM" | "VERB"))
        .map(|w| cx.text[w.span.start..w.span.end].to_lowercase())
        .collect()
}

fn pronouns(cx: &Ctx, ch: &mut Chains, dec: &mut Decider) {
    let mut narrator: HashMap<(u8, bool), usize> = HashMap::new();
    for (i, c) in cx.cands.iter().enumerate() {
        if c.kind != MentionKind::Pronoun {
            continue;
        }
        let Some(a) = attrs::pronoun(cx.lower(i)) else {
            continue;
        };
        if a.person < 3 {
            let key = (a.person, a.number == attrs::Number::Plur);
            if let Some(&j) = narrator.get(&key) {
                ch.union(j, i);
            }
            narrator.insert(key, i);
            continue;
        }
        if let Some(j) = rank::antecedent(cx, ch, i, &a, dec) {
            ch.union(j, i);
        }
    }
}
