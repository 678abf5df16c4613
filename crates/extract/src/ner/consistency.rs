//! Post-processing of the tagger's output over a whole document.
//!
//! - [`extend_possessive`]: an organisation named `X’s Y` that the tokenizer cut at the clitic
//!   (`King’s College London` tagged as `College London`) gets its `X’s` back when `X` is a
//!   capitalised word (not an acronym) inside the sentence that is not itself tagged.
//! - [`extend_numbered_unit`]: an organisation ending in a numbered unit (`Teamsters Local`)
//!   takes the number after it (`Teamsters Local 727`).
//! - [`people_after_the`]: a one-word PER mention right after `the` (`the Alliance`) is
//!   relabelled ORG: in CoNLL-2003 train, 26 of about 1,900 capitalised words after `the` are
//!   people, 733 are organisations.
//! - [`propagate`]: recovery of lowercase acronyms (`the nato (North Atlantic Treaty
//!   Organization)` in an article that says `NATO` elsewhere).
//!
//! [`propagate`] tags a lowercase word as the entity whose all-caps acronym (3 to 6 letters) the
//! tagger found at least twice in the same document, unless the word is a common lowercase word
//! (`lexicons/ner_common_words.txt`: `us` is not `US`). Broader rules (relabelling every
//! mention of a name with its majority label, tagging every capitalised repeat of a found name)
//! were measured on CoNLL-2003 dev and lowered F1 (92.29 -> 91.88 and 92.22), so they are not used.

use super::Found;
use model::EntityLabel;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::sync::OnceLock;

fn common_words() -> &'static HashSet<&'static str> {
    static S: OnceLock<HashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| crate::lexicon::entries(crate::lexicon::files::NER_COMMON_WORDS).collect())
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (3..=6).contains(&n) && w.chars().all(|c| c.is_ascii_uppercase())
}

/// Applies the acronym recovery to `found` (entities of one document, kept in token order).
pub fn propagate(words: &[&str], sentences: &[Range<usize>], found: &mut Vec<Found>) {
    let mut acronyms: HashMap<String, (usize, EntityLabel, f32)> = HashMap::new();
    for f in found.iter() {
        if f.tokens.len() == 1 && is_acronym(words[f.tokens.start]) {
            let e = acronyms
                .entry(words[f.tokens.start].to_lowercase())
                .or_insert((0, f.label, 0.0));
            e.0 += 1;
            e.2 = e.2.max(f.confidence);
        }
    }
    acronyms.retain(|k, v| v.0 >= 2 && !common_words().contains(k.as_str()));
    if acronyms.is_empty() {
        return;
    }
    let mut covered = vec![false; words.len()];
    for f in found.iter() {
        for c in &mut covered[f.tokens.clone()] {
            *c = true;
        }
    }
    let mut added = false;
    for (si, r) in sentences.iter().enumerate() {
        for i in r.clone() {
            if covered[i] || !words[i].chars().all(|c| c.is_ascii_lowercase()) {
                continue;
            }
            if let Some(&(_, label, conf)) = acronyms.get(words[i]) {
                found.push(Found {
                    sentence: si,
                    tokens: i..i + 1,
                    label,
                    confidence: conf * 0.6,
                });
                added = true;
            }
        }
    }
    if added {
        found.sort_by_key(|f| f.tokens.start);
    }
}

/// Relabels one-word PER mentions that follow `the` as ORG (see the module doc).
pub fn people_after_the(words: &[&str], sentences: &[Range<usize>], found: &mut [Found]) {
    for f in found.iter_mut() {
        let s = f.tokens.start;
        if f.label == EntityLabel::Per
            && f.tokens.len() == 1
            && s > sentences[f.sentence].start
            && matches!(words[s - 1], "the" | "The")
        {
            f.label = EntityLabel::Org;
        }
    }
}

/// Extends ORG mentions preceded by an untagged `X’s` (see the module doc).
pub fn extend_possessive(words: &[&str], sentences: &[Range<usize>], found: &mut [Found]) {
    let mut covered = vec![false; words.len()];
    for f in found.iter() {
        for c in &mut covered[f.tokens.clone()] {
            *c = true;
        }
    }
    for f in found.iter_mut() {
        let s = f.tokens.start;
        let r = &sentences[f.sentence];
        if f.label != EntityLabel::Org || s < r.start + 3 {
            continue;
        }
        let clitic = words[s - 1];
        let is_clitic = clitic.chars().count() == 2
            && clitic.starts_with(crate::tokenize::is_apostrophe)
            && clitic.ends_with(['s', 'S']);
        let x = words[s - 2];
        // A capitalised word, not an acronym (`HS’s Moscow correspondent`).
        let cap = x.chars().next().is_some_and(char::is_uppercase)
            && x.chars().skip(1).any(char::is_lowercase)
            && x.chars().all(char::is_alphabetic);
        if is_clitic && cap && !covered[s - 2] {
            f.tokens.start = s - 2;
        }
    }
}

/// Words that end an organisation's name only with their number: a union local (`Teamsters
/// Local 727`), a lodge, a chapter, a post of a veterans' league.
const NUMBERED_UNITS: [&str; 5] = ["local", "lodge", "chapter", "post", "district"];

/// Extends ORG mentions that end in a numbered unit (`Teamsters Local`) by the number after
/// them (`Teamsters Local 727`, `UFCW Local 1006A`): the tagger, which learnt names from text
/// with few of them, stops before the number.
pub fn extend_numbered_unit(words: &[&str], sentences: &[Range<usize>], found: &mut [Found]) {
    let starts: HashSet<usize> = found.iter().map(|f| f.tokens.start).collect();
    for f in found.iter_mut() {
        let e = f.tokens.end;
        let r = &sentences[f.sentence];
        if f.label != EntityLabel::Org || e >= r.end || starts.contains(&e) {
            continue;
        }
        let unit = words[e - 1].to_lowercase();
        let number = words[e].starts_with(|c: char| c.is_ascii_digit())
            && words[e].chars().all(char::is_alphanumeric);
        if number && NUMBERED_UNITS.contains(&unit.as_str()) {
            f.tokens.end = e + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A mention of the one sentence of a test, at tokens `t`.
    fn found(t: Range<usize>, label: EntityLabel) -> Found {
        Found {
            sentence: 0,
            tokens: t,
            label,
            confidence: 0.9,
        }
    }

    #[test]
    fn a_union_local_keeps_its_number() {
        let words = [
            "Teamsters",
            "Local",
            "727",
            "said",
            "Local",
            "5",
            "and",
            "Post",
            "5",
        ];
        let mut mentions = vec![
            found(0..2, EntityLabel::Org),
            found(4..5, EntityLabel::Per),
            found(7..8, EntityLabel::Org),
        ];
        let all = 0..words.len();
        extend_numbered_unit(&words, std::slice::from_ref(&all), &mut mentions);
        assert_eq!(mentions[0].tokens, 0..3);
        assert_eq!(mentions[1].tokens, 4..5, "only an organisation");
        assert_eq!(mentions[2].tokens, 7..9);
    }

    #[test]
    fn one_word_people_after_the_become_organisations() {
        let words = [
            "the", "Alliance", "and", "Smith", "met", "the", "John", "Smith",
        ];
        let f = |t: Range<usize>| Found {
            sentence: 0,
            tokens: t,
            label: EntityLabel::Per,
            confidence: 0.9,
        };
        let mut found = vec![f(1..2), f(3..4), f(6..8)];
        people_after_the(&words, std::slice::from_ref(&(0..8)), &mut found);
        let labels: Vec<EntityLabel> = found.iter().map(|f| f.label).collect();
        assert_eq!(
            labels,
            [EntityLabel::Org, EntityLabel::Per, EntityLabel::Per]
        );
    }

    #[test]
    fn possessive_names_are_extended() {
        let words = [
            "He", "works", "at", "King", "’s", "College", "London", "and", "Russia", "’s",
            "Foreign", "Ministry", "HS", "’s", "Moscow",
        ];
        let mut mentions = vec![
            found(5..7, EntityLabel::Org),
            found(8..9, EntityLabel::Loc),
            found(10..12, EntityLabel::Org),
            found(14..15, EntityLabel::Loc),
        ];
        extend_possessive(&words, std::slice::from_ref(&(0..15)), &mut mentions);
        assert_eq!(mentions[3].tokens, 14..15);
        assert_eq!(mentions[0].tokens, 3..7);
        assert_eq!(mentions[2].tokens, 10..12);
    }

    #[test]
    fn lowercase_acronym_is_recovered_but_common_words_are_not() {
        let words = [
            "NATO", "met", "NATO", ";", "the", "nato", "and", "us", "US", "US",
        ];
        let f = |t: Range<usize>, label| Found {
            sentence: 0,
            tokens: t,
            label,
            confidence: 0.9,
        };
        let mut found = vec![
            f(0..1, EntityLabel::Org),
            f(2..3, EntityLabel::Org),
            f(8..9, EntityLabel::Loc),
            f(9..10, EntityLabel::Loc),
        ];
        propagate(&words, std::slice::from_ref(&(0..10)), &mut found);
        assert_eq!(found.len(), 5);
        assert_eq!(found[2].tokens, 5..6);
        assert_eq!(found[2].label, EntityLabel::Org);
        assert!(found[2].confidence < 0.9);
    }
}
