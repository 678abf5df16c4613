//! The parse as a second opinion on the tagger: a one-word "name" that the parse reads as a
//! function word or an interjection (`Well, ...`, `Moreover`, `Oh`), and that the article itself
//! writes in lower case elsewhere, is not a name; nor is a sentence's first word that the parse
//! reads as a verb form of the treebanks opening an adverbial clause (`Given the cuts, ...`,
//! `Following the vote, ...`). Only where the syntax stage ran; the tagger's other mentions stand
//! (a surname the parse misreads at a sentence start is never written in lower case, and no verb
//! form the treebanks have, so it stays).

use model::{EntityMention, Syntax};

/// Parts of speech a one-word name never has at the start of a sentence.
const NOT_A_NAME_FIRST: [&str; 9] = [
    "INTJ", "ADV", "SCONJ", "ADP", "CCONJ", "DET", "PRON", "AUX", "PART",
];

/// How the parse reads a one-word name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Reading {
    /// As a name (or the parse says nothing against it).
    Name,
    /// As an interjection anywhere, or a function word at the start of a sentence: not a name
    /// if the article writes it in lower case elsewhere.
    FunctionWord,
    /// As the first word of a sentence, a verb form the treebanks have (`given` as VBN, not
    /// `wyoming` as VBG) heading an adverbial clause: `Given the cuts, Moore said ...`.
    Participle,
}

/// Whether the treebanks have a lowercase form with a UPOS and a Penn tag.
pub type Knows<'a> = dyn Fn(&str, &str, &str) -> bool + 'a;

/// How the parse reads `e`, when `e` is one word.
fn reading(syntax: &Syntax, knows: &Knows, e: &EntityMention) -> Reading {
    let from = syntax
        .words
        .partition_point(|w| w.span.start < e.span.start);
    let mut inside = syntax.words[from..]
        .iter()
        .enumerate()
        .take_while(|(_, w)| w.span.end <= e.span.end);
    let (Some((k, w)), None) = (inside.next(), inside.next()) else {
        return Reading::Name;
    };
    if w.span != e.span {
        return Reading::Name;
    }
    let i = from + k;
    let s = syntax.sentences.partition_point(|r| r.end <= i);
    let first = syntax.sentences.get(s).is_some_and(|r| r.start == i);
    if w.upos == "INTJ" || (first && NOT_A_NAME_FIRST.contains(&w.upos)) {
        return Reading::FunctionWord;
    }
    if first
        && w.upos == "VERB"
        && w.deprel == "advcl"
        && knows(&e.text.to_lowercase(), w.upos, w.xpos)
    {
        return Reading::Participle;
    }
    Reading::Name
}

/// Drops the one-word mentions the parse reads as an interjection anywhere, or as a function
/// word at the start of a sentence (where capitals say nothing), when the article also writes the
/// word in lower case; and those it reads as a sentence-opening participle. Returns how many it
/// dropped.
pub fn drop_function_words(
    text: &str,
    syntax: &Syntax,
    knows: &Knows,
    entities: &mut Vec<EntityMention>,
) -> usize {
    if syntax.words.is_empty() {
        return 0;
    }
    let suspects: Vec<Reading> = entities.iter().map(|e| reading(syntax, knows, e)).collect();
    if suspects.iter().all(|&r| r == Reading::Name) {
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
    entities.retain(|e| match suspect.next().unwrap_or(Reading::Name) {
        Reading::Name => true,
        Reading::FunctionWord => !lower.contains(e.text.to_lowercase().as_str()),
        Reading::Participle => false,
    });
    before - entities.len()
}
