//! The parse as a second opinion on the tagger: a one-word "name" that the parse reads as a
//! function word or an interjection (`Well, ...`, `Moreover`, `Oh`), and that the article itself
//! writes in lower case elsewhere, is not a name. Only where the syntax stage ran; the tagger's
//! other mentions stand (a surname the parse misreads at a sentence start is never written in
//! lower case, so it stays).

use model::{EntityMention, Syntax};

/// Parts of speech a one-word name never has at the start of a sentence.
const NOT_A_NAME_FIRST: [&str; 9] = [
    "INTJ", "ADV", "SCONJ", "ADP", "CCONJ", "DET", "PRON", "AUX", "PART",
];

/// Whether `e` is one word that the parse reads as an interjection, or as a function word at the
/// start of its sentence.
fn reads_as_function_word(syntax: &Syntax, e: &EntityMention) -> bool {
    let from = syntax
        .words
        .partition_point(|w| w.span.start < e.span.start);
    let mut inside = syntax.words[from..]
        .iter()
        .enumerate()
        .take_while(|(_, w)| w.span.end <= e.span.end);
    let (Some((k, w)), None) = (inside.next(), inside.next()) else {
        return false;
    };
    if w.span != e.span {
        return false;
    }
    let i = from + k;
    let s = syntax.sentences.partition_point(|r| r.end <= i);
    let first = syntax.sentences.get(s).is_some_and(|r| r.start == i);
    w.upos == "INTJ" || (first && NOT_A_NAME_FIRST.contains(&w.upos))
}

/// Drops the one-word mentions the parse reads as an interjection anywhere, or as a function
/// word at the start of a sentence (where capitals say nothing), when the article also writes the
/// word in lower case. Returns how many it dropped.
pub fn drop_function_words(
    text: &str,
    syntax: &Syntax,
    entities: &mut Vec<EntityMention>,
) -> usize {
    if syntax.words.is_empty() {
        return 0;
    }
    let suspects: Vec<bool> = entities
        .iter()
        .map(|e| reads_as_function_word(syntax, e))
        .collect();
    if !suspects.contains(&true) {
        // the usual article: no need to list its lower-case words
        return 0;
    }
    let lower: std::collections::HashSet<&str> = syntax
        .words
        .iter()
        .filter_map(|w| text.get(w.span.start..w.span.end))
        .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
        .collect();
    let before = entities.len();
    let mut suspect = suspects.into_iter();
    entities.retain(|e| {
        let drop =
            suspect.next().unwrap_or(false) && lower.contains(e.text.to_lowercase().as_str());
        !drop
    });
    before - entities.len()
}
