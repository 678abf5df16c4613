//! The word lists of quote extraction, as the rules use them, all from `crates/extract/lexicons/`
//! through [`crate::lexicon`]: the cue lexicon ([`LEX`]) and the closed word classes the rules
//! test (adverbial openers, prepositions, cue objects, pronouns, auxiliaries, unnamed speaker
//! heads), each in its own `quote_*.txt` file.

use crate::lexicon::{entries, files, speech_cues};
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

pub(super) static LEX: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    cues: speech_cues().cues.clone(),
    participles: speech_cues().participles.clone(),
    roles: entries(files::QUOTE_ROLES).collect(),
    speaker_acts: entries(files::QUOTE_SPEAKER_ACTS).collect(),
    female: entries(files::QUOTE_FEMALE_NAMES).collect(),
    irregular_past: entries(files::ENGLISH_IRREGULAR_PAST).collect(),
});

/// The entries of one word-list file, in file order.
type Words = LazyLock<Vec<&'static str>>;

/// Words that open an adverbial segment, which is never the speaker's clause.
pub(super) static ADVERBIAL_OPENERS: Words =
    LazyLock::new(|| entries(files::QUOTE_ADVERBIAL_OPENERS).collect());

/// Prepositions that end a speaker phrase walking left from a cue.
pub(super) static PREPOSITIONS: Words =
    LazyLock::new(|| entries(files::QUOTE_PREPOSITIONS).collect());

/// Objects a cue takes that are not the speaker (`told reporters`).
pub(super) static CUE_OBJECTS: Words =
    LazyLock::new(|| entries(files::QUOTE_CUE_OBJECTS).collect());

/// Pronouns that can be a speaker (resolved to a person or group).
pub(super) static PRONOUNS: Words = LazyLock::new(|| entries(files::QUOTE_PRONOUNS).collect());

/// Auxiliaries and modals: a phrase holding one is a clause (`the approach would fail`), not a
/// speaker or a hearer.
pub(super) static AUXILIARIES: Words =
    LazyLock::new(|| entries(files::QUOTE_AUXILIARIES).collect());

/// Plural nouns that stand alone as an unnamed speaker: `said officials`, `police said`.
pub(super) static UNNAMED_HEADS: Words =
    LazyLock::new(|| entries(files::QUOTE_UNNAMED_HEADS).collect());

/// A day said in one word (lowercase): a weekday, `today`, `yesterday`, `tonight`: the time a
/// cue may carry before its reported clause (`said Tuesday the talks had failed`).
pub(super) fn is_bare_day(w: &str) -> bool {
    model::WEEKDAY_NAMES.contains(&w) || matches!(w, "today" | "yesterday" | "tonight")
}
