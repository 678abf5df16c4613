//! Name resolution: owns `canonical` and `entity_id` of every [`EntityMention`] (and may correct
//! a mention's label, see below).
//!
//! Within an article ([`resolve_article`]) mentions are grouped into entities:
//!
//! - a mention's name is its text without possessives (`Russia’s`) and, for people, without
//!   leading titles and roles (`Secretary General Jens Stoltenberg`, `Kremlin spokesman Dmitri
//!   Peskov`; word list `lexicons/names_titles.txt`);
//! - same label and same folded name -> one entity; a partial person name (`Stoltenberg`,
//!   `Gruško`) joins the full name it is part of (the nearest one before it when several differ);
//! - a one-word mention equal to the surname of a person named in full in the article is
//!   relabelled PER and joins that person (the tagger's label is overridden: `Putin’s`);
//! - an acronym joins its expansion (`North Atlantic Treaty Organization (NATO)`: initials, or an
//!   acronym in parentheses right after a name).
//!
//! Across the corpus no state is shared: [`entity_id`] is `E` + 16 hex chars of
//! `blake3(label + ":" + key)`, where the key is [`fold_name`] of the canonical name: diacritics
//! and transliterations folded (`Gruško` = `Grushkó` = `Grushko`), first-name variants folded
//! (`Dmitri`/`Dmitry`, `lexicons/names_variants.txt`), known aliases mapped
//! (`lexicons/names_aliases.tsv`). People who share a surname keep different keys because
//! their full names differ.

use model::{EntityLabel, EntityMention};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

use crate::lexicon::entries as data_lines;
use crate::lexicon::files::{
    NAMES_ALIASES as ALIASES, NAMES_PARTICLES as PARTICLES, NAMES_TITLES as TITLES,
    NAMES_VARIANTS as VARIANTS,
};

struct Lexicons {
    titles: HashSet<String>,
    particles: HashSet<String>,
    /// Folded variant -> folded key form.
    variants: HashMap<String, String>,
    /// Folded alias -> canonical name.
    aliases: HashMap<String, String>,
}

fn lexicons() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(|| {
        let words = |t: &str| {
            data_lines(t)
                .map(|l| l.trim_end_matches('.').to_lowercase())
                .collect::<HashSet<_>>()
        };
        let mut variants = HashMap::new();
        for line in data_lines(VARIANTS) {
            let mut it = line.split_whitespace();
            if let Some(key) = it.next() {
                for v in it {
                    variants.insert(v.to_string(), key.to_string());
                }
            }
        }
        let mut lex = Lexicons {
            titles: words(TITLES),
            particles: words(PARTICLES),
            variants,
            aliases: HashMap::new(),
        };
        for line in data_lines(ALIASES) {
            if let Some((alias, canon)) = line.split_once('\t') {
                let key = fold_raw(alias, &lex.variants);
                lex.aliases.insert(key, canon.trim().to_string());
            }
        }
        lex
    })
}

/// Letters whose transliteration is more than dropping a diacritic (`š` -> `sh`).
fn transliterate(c: char, out: &mut String) -> bool {
    let s = match c {
        'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "sh",
        'č' | 'Č' | 'ć' | 'Ć' => "ch",
        'ž' | 'Ž' => "zh",
        'ß' => "ss",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return false,
    };
    out.push_str(s);
    true
}

fn fold_raw(name: &str, variants: &HashMap<String, String>) -> String {
    let mut pre = String::with_capacity(name.len());
    for c in name.chars() {
        if !transliterate(c, &mut pre) {
            pre.push(c);
        }
    }
    let mut flat = String::with_capacity(pre.len());
    for c in pre.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            flat.extend(c.to_lowercase());
        } else if matches!(c, '.' | '\'' | '’' | '‘' | 'ʼ') {
            // U.S. -> us, O'Brien -> obrien
        } else {
            flat.push(' ');
        }
    }
    let toks: Vec<&str> = flat.split_whitespace().collect();
    let long = toks.iter().filter(|t| t.chars().count() > 1).count();
    let mut out = String::with_capacity(flat.len());
    for t in toks {
        // Middle initials do not distinguish people (`Sam A. Greene` = `Sam Greene`).
        if long >= 2 && t.chars().count() == 1 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(variants.get(t).map(String::as_str).unwrap_or(t));
    }
    out
}

/// The folded key of a name: transliterated (`š` -> `sh`), diacritics dropped, lowercase, dots and
/// apostrophes removed, other punctuation made spaces, middle initials dropped, name variants
/// folded (`dmitry` -> `dmitri`).
pub fn fold_name(name: &str) -> String {
    fold_raw(name, &lexicons().variants)
}

/// The canonical form of a name: the target of a known alias (`U.S.` -> `United States`), else
/// the name itself.
pub fn canonical_name(name: &str) -> String {
    let lex = lexicons();
    lex.aliases
        .get(&fold_raw(name, &lex.variants))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// The corpus-wide id of an entity: `E` + first 16 hex chars of `blake3(label:fold(canonical))`.
pub fn entity_id(label: EntityLabel, canonical: &str) -> String {
    let key = format!(
        "{}:{}",
        label.as_str(),
        fold_name(&canonical_name(canonical))
    );
    let hex = blake3::hash(key.as_bytes()).to_hex();
    format!("E{}", &hex[..16])
}

/// The folded surname of a person's canonical name (`Alexander Grushko` -> `grushko`), `None`
/// for other labels. For a corpus-level catalog: an id whose canonical name is a bare surname
/// (`Grushko`) can be recorded as merged into the one full-name id with the same surname key,
/// when there is exactly one; resolution itself keeps no corpus state.
pub fn surname_key(label: EntityLabel, canonical: &str) -> Option<String> {
    if label != EntityLabel::Per {
        return None;
    }
    let key = fold_name(&canonical_name(canonical));
    // Generational suffixes are not surnames: `Martin Luther King Jr.` -> `king`.
    const SUFFIXES: [&str; 7] = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];
    key.split(' ')
        .rev()
        .find(|w| !w.is_empty() && !SUFFIXES.contains(w))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
}

/// The name in a mention: possessive removed and, for people, leading titles and roles removed.
pub fn mention_name(text: &str, label: EntityLabel) -> String {
    let toks = crate::tokenize::tokenize(text);
    let words: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
    let mut end = words.len();
    // Possessives: `Russia’s`, `Soldiers’`.
    while end > 0 {
        let w = words[end - 1];
        let clitic = w.chars().next().is_some_and(crate::tokenize::is_apostrophe)
            && w.chars()
                .skip(1)
                .collect::<String>()
                .eq_ignore_ascii_case("s");
        let bare =
            w.chars().count() == 1 && w.chars().next().is_some_and(crate::tokenize::is_apostrophe);
        if clitic || bare {
            end -= 1;
        } else {
            break;
        }
    }
    let mut start = 0;
    if label == EntityLabel::Per {
        let lex = lexicons();
        for (i, w) in words[..end].iter().enumerate().take(end.saturating_sub(1)) {
            let lw = w.trim_end_matches('.').to_lowercase();
            let lower_initial = w.chars().next().is_some_and(char::is_lowercase);
            let role = lex.titles.contains(&lw) || (lower_initial && !lex.particles.contains(&lw));
            let punct = !w.chars().any(char::is_alphanumeric);
            if role || punct {
                start = i + 1;
            }
        }
    } else if words.first().is_some_and(|w| *w == "the") && end > 1 {
        start = 1;
    }
    if start >= end {
        return text.trim().to_string();
    }
    text[toks[start].span.start..toks[end - 1].span.end].to_string()
}

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

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

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
    join_same_keys(mentions, &keys, &mut parent);
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

/// Joins mentions with the same label and the same (non-empty) key.
fn join_same_keys(mentions: &[EntityMention], keys: &[String], parent: &mut [usize]) {
    // Same label, same key.
    let mut first_of: HashMap<(EntityLabel, &str), usize> = HashMap::new();
    for i in 0..mentions.len() {
        if keys[i].is_empty() {
            continue;
        }
        let j = *first_of
            .entry((mentions[i].label, keys[i].as_str()))
            .or_insert(i);
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
        let id = entity_id(label, &canonical);
        for &m in &ms {
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

#[cfg(test)]
mod tests {
    use super::*;
    use model::Span;

    fn mention(text: &str, at: &str, label: EntityLabel) -> EntityMention {
        let start = text.find(at).expect("mention in text");
        EntityMention {
            sentence: 0,
            span: Span::new(start, start + at.len()),
            text: at.to_string(),
            label,
            entity_id: String::new(),
            canonical: String::new(),
            confidence: 1.0,
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold_name("Gruško"), "grushko");
        assert_eq!(fold_name("Grushkó"), "grushko");
        assert_eq!(fold_name("Dmitry Peskov"), fold_name("Dmitri Peskov"));
        assert_eq!(
            fold_name("Aleksandr Grushko"),
            fold_name("Alexander Grushko")
        );
        assert_eq!(
            fold_name("Alexandr Grushko"),
            fold_name("Alexander Grushko")
        );
        assert_eq!(fold_name("Sam A. Greene"), fold_name("Sam Greene"));
        assert_ne!(fold_name("Julianne Smith"), fold_name("Wendy Smith"));
    }

    #[test]
    fn names_without_titles_and_possessives() {
        assert_eq!(
            mention_name("Secretary General Jens Stoltenberg", EntityLabel::Per),
            "Jens Stoltenberg"
        );
        assert_eq!(
            mention_name("Kremlin spokesman Dmitri Peskov", EntityLabel::Per),
            "Dmitri Peskov"
        );
        assert_eq!(
            mention_name("Ursula von der Leyen", EntityLabel::Per),
            "Ursula von der Leyen"
        );
        assert_eq!(mention_name("Russia’s", EntityLabel::Loc), "Russia");
        assert_eq!(
            mention_name("King’s College London", EntityLabel::Org),
            "King’s College London"
        );
    }

    #[test]
    fn surname_keys() {
        assert_eq!(
            surname_key(EntityLabel::Per, "Alexander Grushko").as_deref(),
            Some("grushko")
        );
        assert_eq!(
            surname_key(EntityLabel::Per, "Gruško").as_deref(),
            Some("grushko")
        );
        assert_eq!(surname_key(EntityLabel::Org, "NATO"), None);
        assert_eq!(
            surname_key(EntityLabel::Per, "Martin Luther King Jr.").as_deref(),
            Some("king")
        );
        assert_eq!(surname_key(EntityLabel::Per, "Jr"), None);
    }

    #[test]
    fn surname_with_another_label_joins_the_person() {
        let text = "Vladimir Putin spoke. Putin’s plans are unclear.";
        let mut ms = vec![
            mention(text, "Vladimir Putin", EntityLabel::Per),
            mention(text, "Putin’s", EntityLabel::Loc),
        ];
        ms[1].text = "Putin".into();
        ms[1].span.end = ms[1].span.start + "Putin".len();
        resolve_article(text, &mut ms);
        assert_eq!(ms[1].label, EntityLabel::Per);
        assert_eq!(ms[1].entity_id, ms[0].entity_id);
        assert_eq!(ms[1].canonical, "Vladimir Putin");
    }

    #[test]
    fn ids_are_deterministic_and_label_sensitive() {
        assert_eq!(
            entity_id(EntityLabel::Per, "Gruško"),
            entity_id(EntityLabel::Per, "Grushko")
        );
        assert_ne!(
            entity_id(EntityLabel::Per, "Grushko"),
            entity_id(EntityLabel::Org, "Grushko")
        );
        assert_eq!(
            entity_id(EntityLabel::Loc, "U.S."),
            entity_id(EntityLabel::Loc, "United States")
        );
        let id = entity_id(EntityLabel::Org, "NATO");
        assert!(id.starts_with('E') && id.len() == 17);
    }

    #[test]
    fn article_resolution() {
        let text = "Secretary General Jens Stoltenberg spoke for the North Atlantic Treaty Organization (NATO). \
                    Stoltenberg said NATO’s door is open. Alexander Grushko and Gruško. Julianne Smith met Wendy Sherman; Smith left.";
        let mut ms = vec![
            mention(text, "Secretary General Jens Stoltenberg", EntityLabel::Per),
            mention(text, "North Atlantic Treaty Organization", EntityLabel::Org),
            mention(text, "NATO", EntityLabel::Org),
            mention(text, "Stoltenberg said", EntityLabel::Per),
            mention(text, "NATO’s", EntityLabel::Org),
            mention(text, "Alexander Grushko", EntityLabel::Per),
            mention(text, "Gruško", EntityLabel::Per),
            mention(text, "Julianne Smith", EntityLabel::Per),
            mention(text, "Wendy Sherman", EntityLabel::Per),
            mention(text, "Smith left", EntityLabel::Per),
        ];
        ms[3].text = "Stoltenberg".into();
        ms[3].span.end = ms[3].span.start + "Stoltenberg".len();
        ms[9].text = "Smith".into();
        ms[9].span.end = ms[9].span.start + "Smith".len();
        resolve_article(text, &mut ms);
        assert_eq!(ms[0].canonical, "Jens Stoltenberg");
        assert_eq!(ms[3].entity_id, ms[0].entity_id);
        assert_eq!(ms[1].entity_id, ms[2].entity_id);
        assert_eq!(ms[2].entity_id, ms[4].entity_id);
        assert_eq!(ms[2].canonical, "NATO");
        assert_eq!(ms[5].entity_id, ms[6].entity_id);
        assert_eq!(ms[9].entity_id, ms[7].entity_id);
        assert_ne!(ms[7].entity_id, ms[8].entity_id);
        assert!(ms
            .iter()
            .all(|m| !m.entity_id.is_empty() && !m.canonical.is_empty()));
    }
}
