//! The per-article resolution: mentions joined into entities (same key whatever the label, partial
//! person names, acronyms), then one label (the majority's, given to every mention), canonical name
//! and id per entity.

use model::{EntityLabel, EntityMention};
use std::collections::{HashMap, HashSet};

use super::names::{canonical_name, entity_id, fold_name, mention_name};

/// Letters of an acronym-like name (`NATO`, `nato`, `U.N.`), uppercased; `None` otherwise.
fn acronym_letters(name: &str) -> Option<String> {
    if name.contains(char::is_whitespace) {
        return None;
    }
    let letters: String = name.chars().filter(|c| *c != '.' && *c != '&').collect();
    let n = letters.chars().count();
    if !(2..=8).contains(&n) || !letters.chars().all(char::is_alphabetic) {
        return None;
    }
    let upper = letters.chars().filter(|c| c.is_uppercase()).count();
    let all_lower = upper == 0;
    if upper >= n.saturating_sub(1) || all_lower {
        Some(letters.to_uppercase())
    } else {
        None
    }
}

/// Initials of a multi-word name, with and without function words (`of`, `and`...).
fn initials(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let first = |ws: &mut dyn Iterator<Item = &&str>| -> String {
        ws.filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
            .flat_map(char::to_uppercase)
            .collect()
    };
    let small = [
        "of", "and", "the", "for", "in", "on", "de", "du", "des", "&", "to", "at",
    ];
    let all = first(&mut words.iter());
    let content = first(
        &mut words
            .iter()
            .filter(|w| !small.contains(&w.to_lowercase().as_str())),
    );
    if all == content {
        vec![all]
    } else {
        vec![content, all]
    }
}

/// Every byte offset `e` before `at` such that `text[e..at]` is `(` with only whitespace around it.
fn paren_before(text: &str, at: usize) -> Vec<usize> {
    let head = &text[..at];
    let inner = head.trim_end_matches(char::is_whitespace);
    let Some(open) = inner.strip_suffix('(') else {
        return Vec::new();
    };
    let outer = open.trim_end_matches(char::is_whitespace);
    open[outer.len()..]
        .char_indices()
        .map(|(k, _)| outer.len() + k)
        .chain(std::iter::once(open.len()))
        .collect()
}

/// The root of `i`'s set (union-find, with path halving).
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Joins the sets of `a` and `b`.
fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb {
        // The earlier mention stays the root: deterministic.
        let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
        parent[hi] = lo;
    }
}

/// Fills `canonical` and `entity_id` of every mention of one article (mentions in text order).
pub fn resolve_article(text: &str, mentions: &mut [EntityMention]) {
    let n = mentions.len();
    let names: Vec<String> = mentions
        .iter()
        .map(|m| mention_name(&m.text, m.label))
        .collect();
    let keys: Vec<String> = names.iter().map(|s| fold_name(s)).collect();
    let toks: Vec<Vec<&str>> = keys.iter().map(|k| k.split(' ').collect()).collect();
    let mut parent: Vec<usize> = (0..n).collect();

    relabel_surnames(mentions, &toks);
    join_same_keys(&keys, &mut parent);
    join_partial_names(mentions, &keys, &toks, &mut parent);
    let multi_word: Vec<bool> = names
        .iter()
        .map(|nm| nm.split_whitespace().count() >= 2)
        .collect();
    join_acronyms(text, mentions, &names, &multi_word, &mut parent);
    name_entities(mentions, &names, &keys, &toks, &multi_word, &mut parent);
}

/// Relabels as PER every one-word mention that is the surname of a person named in full.
fn relabel_surnames(mentions: &mut [EntityMention], toks: &[Vec<&str>]) {
    let n = mentions.len();
    // A one-word mention that is the surname of a person named in full in the article is that
    // person, whatever label the tagger gave it (`Putin’s` tagged LOC next to `Vladimir Putin`).
    let surnames: HashSet<&str> = (0..n)
        .filter(|&j| mentions[j].label == EntityLabel::Per && toks[j].len() >= 2)
        .filter_map(|j| toks[j].last().copied())
        .collect();
    for i in 0..n {
        if mentions[i].label != EntityLabel::Per
            && toks[i].len() == 1
            && surnames.contains(toks[i][0])
        {
            mentions[i].label = EntityLabel::Per;
        }
    }
}

/// Joins mentions with the same (non-empty) key, whatever their labels: one name is one entity
/// of an article (`Boeing` tagged ORG nine times and PER once), and takes the label most of its
/// mentions have ([`entity_label`]).
fn join_same_keys(keys: &[String], parent: &mut [usize]) {
    let mut first_of: HashMap<&str, usize> = HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if key.is_empty() {
            continue;
        }
        let j = *first_of.entry(key.as_str()).or_insert(i);
        union(parent, i, j);
    }
}

/// Joins partial person names to the full name they are part of.
fn join_partial_names(
    mentions: &[EntityMention],
    keys: &[String],
    toks: &[Vec<&str>],
    parent: &mut [usize],
) {
    let n = mentions.len();
    // Partial person names join the full name they are part of: the nearest longer name before,
    // else after, with the same last word (and the same first word, for a name of two words or
    // more). Longer names are indexed by (first word or `None` for any, last word, length).
    let mut longer: HashMap<(Option<&str>, &str, usize), Vec<usize>> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::new();
    for j in (0..n).filter(|&j| mentions[j].label == EntityLabel::Per) {
        let c = &toks[j];
        let (Some(&first), Some(&last)) = (c.first(), c.last()) else {
            continue;
        };
        longer.entry((None, last, c.len())).or_default().push(j);
        longer
            .entry((Some(first), last, c.len()))
            .or_default()
            .push(j);
        if !lengths.contains(&c.len()) {
            lengths.push(c.len());
        }
    }
    for i in 0..n {
        if mentions[i].label != EntityLabel::Per || toks[i].is_empty() || keys[i].is_empty() {
            continue;
        }
        let t = &toks[i];
        let first = (t.len() > 1).then_some(t[0]);
        let lists = lengths
            .iter()
            .filter(|&&l| l > t.len())
            .filter_map(|&l| longer.get(&(first, t[t.len() - 1], l)));
        let (mut before, mut after): (Option<usize>, Option<usize>) = (None, None);
        for js in lists {
            let p = js.partition_point(|&j| j < i);
            if let Some(&j) = p.checked_sub(1).and_then(|k| js.get(k)) {
                before = before.max(Some(j));
            }
            if let Some(&j) = js[p..].iter().find(|&&j| j > i) {
                after = Some(after.map_or(j, |a| a.min(j)));
            }
        }
        if let Some(j) = before.or(after) {
            // Link to the longest name of that entity (transitively joined later anyway).
            union(parent, i, j);
        }
    }
}

/// Joins acronyms to their expansion (initials, or `Expansion (ACR)` in the text).
fn join_acronyms(
    text: &str,
    mentions: &[EntityMention],
    names: &[String],
    multi_word: &[bool],
    parent: &mut [usize],
) {
    let n = mentions.len();
    // Acronyms join their expansion: initials, or `Expansion (ACR)` in the text; the nearest one,
    // the first of two as near. Expansions are indexed by their initials.
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::new();
    for j in (0..n).filter(|&j| multi_word[j]) {
        for init in initials(&names[j]) {
            let v = by_initials.entry(init).or_default();
            if v.last() != Some(&j) {
                v.push(j);
            }
        }
    }
    let mut ends: HashMap<usize, Vec<usize>> = HashMap::new();
    for j in (0..n).filter(|&j| multi_word[j]) {
        ends.entry(mentions[j].span.end).or_default().push(j);
    }
    for i in 0..n {
        let Some(acr) = acronym_letters(&names[i]) else {
            continue;
        };
        let mut cands: Vec<usize> = paren_before(text, mentions[i].span.start)
            .into_iter()
            .filter_map(|e| ends.get(&e))
            .flatten()
            .copied()
            .filter(|&j| j != i && mentions[j].span.end <= mentions[i].span.start)
            .collect();
        if let Some(js) = by_initials.get(&acr) {
            let p = js.partition_point(|&j| j < i);
            cands.extend(p.checked_sub(1).map(|k| js[k]));
            cands.extend(js[p..].iter().copied().find(|&j| j != i));
        }
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<usize> = None;
        for j in cands {
            if best.is_none_or(|b| i.abs_diff(j) < i.abs_diff(b)) {
                best = Some(j);
            }
        }
        if let Some(j) = best {
            union(parent, i, j);
        }
    }
}

/// Gives every entity (set of joined mentions) one label, one canonical name and one id.
fn name_entities(
    mentions: &mut [EntityMention],
    names: &[String],
    keys: &[String],
    toks: &[Vec<&str>],
    multi_word: &[bool],
    parent: &mut [usize],
) {
    // One canonical name and id per entity.
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..mentions.len() {
        let r = find(parent, i);
        members.entry(r).or_default().push(i);
    }
    for (_, ms) in members {
        let label = entity_label(mentions, &ms);
        let chosen = entity_name(label, &ms, names, keys, toks, multi_word);
        let canonical = canonical_name(&chosen);
        let id = entity_id(&canonical);
        for &m in &ms {
            mentions[m].label = label;
            mentions[m].canonical = canonical.clone();
            mentions[m].entity_id = id.clone();
        }
    }
}

/// The label of an entity: the most frequent label of its mentions, the first mention's on a tie.
fn entity_label(mentions: &[EntityMention], ms: &[usize]) -> EntityLabel {
    let mut votes: HashMap<EntityLabel, usize> = HashMap::new();
    for &m in ms {
        *votes.entry(mentions[m].label).or_insert(0) += 1;
    }
    EntityLabel::ALL
        .iter()
        .copied()
        .max_by_key(|l| {
            (
                votes.get(l).copied().unwrap_or(0),
                std::cmp::Reverse(*l != mentions[ms[0]].label),
            )
        })
        .unwrap_or(mentions[ms[0]].label)
}

/// The name chosen for an entity (before aliases): its acronym when it has an expansion, the
/// longest name for a person, else the most frequent key's longest, earliest name.
fn entity_name(
    label: EntityLabel,
    ms: &[usize],
    names: &[String],
    keys: &[String],
    toks: &[Vec<&str>],
    multi_word: &[bool],
) -> String {
    let has_expansion = ms.iter().any(|&o| multi_word[o]);
    let acronym = ms
        .iter()
        .find_map(|&m| has_expansion.then(|| acronym_letters(&names[m])).flatten());
    if let Some(a) = acronym {
        ms.iter()
            .map(|&m| names[m].clone())
            .find(|nm| {
                nm.chars().any(char::is_uppercase)
                    && acronym_letters(nm).as_deref() == Some(a.as_str())
            })
            .unwrap_or(a)
    } else if label == EntityLabel::Per {
        let best = ms
            .iter()
            .copied()
            .max_by_key(|&m| (toks[m].len(), std::cmp::Reverse(m)))
            .unwrap_or(ms[0]);
        names[best].clone()
    } else {
        let mut count: HashMap<&str, usize> = HashMap::new();
        for &m in ms {
            *count.entry(keys[m].as_str()).or_insert(0) += 1;
        }
        let best = ms
            .iter()
            .copied()
            .max_by_key(|&m| (count[keys[m].as_str()], toks[m].len(), std::cmp::Reverse(m)))
            .unwrap_or(ms[0]);
        names[best].clone()
    }
}
