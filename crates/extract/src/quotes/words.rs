//! The word lists of quote extraction: the cue lexicon read from `data/lexicons/` ([`LEX`]) and
//! the closed word classes the rules test (adverbial openers, prepositions, cue objects, pronouns,
//! auxiliaries, unnamed speaker heads).

use std::collections::HashSet;
use std::sync::LazyLock;

/// The cue lexicon: multi-word cues as word lists, and participles.
pub(super) struct Lexicon {
    pub(super) cues: Vec<Vec<String>>,
    pub(super) participles: HashSet<String>,
    pub(super) roles: HashSet<&'static str>,
    pub(super) female: HashSet<&'static str>,
    /// Participles of the speaker's further act (`, describing ...`) that end reported content.
    pub(super) speaker_acts: HashSet<&'static str>,
    /// Irregular simple-past verb forms (`brought`, `made`).
    pub(super) irregular_past: HashSet<&'static str>,
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

pub(super) static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut cues = Vec::new();
    let mut participles = HashSet::new();
    for l in data_lines(include_str!("../../../../data/lexicons/speech_cues.txt")) {
        let (form, part) = match l.strip_prefix("participle ") {
            Some(f) => (f.trim(), true),
            None => (l, false),
        };
        let words: Vec<String> = form.split_whitespace().map(str::to_string).collect();
        if part {
            participles.insert(form.to_string());
        }
        cues.push(words);
    }
    cues.sort_by_key(|c| std::cmp::Reverse(c.len()));
    Lexicon {
        cues,
        participles,
        roles: data_lines(include_str!("../../../../data/lexicons/quote_roles.txt")).collect(),
        speaker_acts: data_lines(include_str!(
            "../../../../data/lexicons/quote_speaker_acts.txt"
        ))
        .collect(),
        female: data_lines(include_str!(
            "../../../../data/lexicons/quote_female_names.txt"
        ))
        .collect(),
        irregular_past: data_lines(include_str!(
            "../../../../data/lexicons/english_irregular_past.txt"
        ))
        .collect(),
    }
});

/// Words that open an adverbial segment, which is never the speaker's clause.
pub(super) const ADVERBIAL_OPENERS: &[&str] = &[
    "for",
    "in",
    "at",
    "on",
    "after",
    "before",
    "despite",
    "although",
    "though",
    "indeed",
    "however",
    "meanwhile",
    "finally",
    "also",
    "moreover",
    "furthermore",
    "still",
    "yet",
    "then",
    "now",
    "speaking",
    "who",
    "which",
    "whose",
    "whom",
    "when",
    "while",
    "as",
    "during",
    "with",
    "without",
    "besides",
    "instead",
    "nevertheless",
    "nonetheless",
    "thus",
    "therefore",
    "earlier",
    "later",
    "previously",
    "separately",
    "similarly",
    "likewise",
    "again",
    "even",
    "so",
    "if",
    "since",
    "until",
    "from",
    "by",
    "under",
    "over",
    "amid",
    "among",
    "regarding",
    "concerning",
    "asked",
    "answering",
    "responding",
    "according",
    "yesterday",
    "today",
    "last",
    "this",
];

pub(super) const PREPOSITIONS: &[&str] = &[
    "of", "to", "with", "from", "by", "for", "in", "at", "on", "about", "between", "against",
    "into", "over", "under", "toward", "towards", "near", "than", "like", "through", "without",
    "within", "among", "amid", "across", "around", "behind", "beyond", "upon", "onto", "via",
    "per",
];

pub(super) const CUE_OBJECTS: &[&str] = &[
    "reporters",
    "journalists",
    "press",
    "media",
    "him",
    "her",
    "them",
    "me",
    "parliament",
    "lawmakers",
    "listeners",
    "viewers",
    "also",
    "further",
    "later",
    "again",
    "repeatedly",
    "bluntly",
    "firmly",
    "clearly",
    "publicly",
    "separately",
    "earlier",
    "too",
];

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we"];

/// Auxiliaries and modals: a phrase holding one is a clause (`the approach would fail`), not a
/// speaker or a hearer.
pub(super) const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "should", "must", "does", "did",
];

/// Plural nouns that stand alone as an unnamed speaker: `said officials`, `police said`.
pub(super) const UNNAMED_HEADS: &[&str] = &[
    "officials",
    "sources",
    "aides",
    "experts",
    "analysts",
    "critics",
    "advocates",
    "supporters",
    "officers",
    "investigators",
    "prosecutors",
    "authorities",
    "residents",
    "witnesses",
    "police",
];
