//! Every lexicon of the extract stages, in one place: the word lists and tables under
//! `crates/extract/lexicons/` (data files, one entry a line, `#` comments), compiled into the
//! binary here and nowhere else, so every stage reads the same copy and `cargo package` carries
//! them. A stage takes the raw text of its files from [`files`] and the lines from [`entries`];
//! a list two stages share is parsed here once ([`speech_cues`]). To change a list, edit its file
//! and rebuild; a new list is a new file plus one constant in [`files`].
//!
//! The cleaning lexicons (`clean_*.txt`) belong to the `clean` crate (`crates/clean/lexicons/`).

use std::collections::HashSet;
use std::sync::LazyLock;

/// The raw text of each lexicon file.
pub mod files {
    /// Speech verbs and phrases (quotes: cues; events: say-verbs), `participle FORM` lines.
    pub const SPEECH_CUES: &str = include_str!("../lexicons/speech_cues.txt");
    /// Role words that stand for a speaker (`spokesman`, `minister`).
    pub const QUOTE_ROLES: &str = include_str!("../lexicons/quote_roles.txt");
    /// Participles of a speaker's further act that end reported content (`describing`).
    pub const QUOTE_SPEAKER_ACTS: &str = include_str!("../lexicons/quote_speaker_acts.txt");
    /// Female first names (pronoun agreement of speakers).
    pub const QUOTE_FEMALE_NAMES: &str = include_str!("../lexicons/quote_female_names.txt");
    /// Words that open an adverbial segment, which is never the speaker's clause.
    pub const QUOTE_ADVERBIAL_OPENERS: &str =
        include_str!("../lexicons/quote_adverbial_openers.txt");
    /// Prepositions that end a speaker phrase walking left from a cue.
    pub const QUOTE_PREPOSITIONS: &str = include_str!("../lexicons/quote_prepositions.txt");
    /// Objects a cue takes that are not the speaker (`told reporters`).
    pub const QUOTE_CUE_OBJECTS: &str = include_str!("../lexicons/quote_cue_objects.txt");
    /// Pronouns that can be a speaker (resolved to a person or group).
    pub const QUOTE_PRONOUNS: &str = include_str!("../lexicons/quote_pronouns.txt");
    /// Auxiliaries and modals: a phrase holding one is a clause (`the approach would fail`), not a speaker or a hearer.
    pub const QUOTE_AUXILIARIES: &str = include_str!("../lexicons/quote_auxiliaries.txt");
    /// Plural nouns that stand alone as an unnamed speaker: `said officials`, `police said`.
    pub const QUOTE_UNNAMED_HEADS: &str = include_str!("../lexicons/quote_unnamed_heads.txt");
    /// Auxiliaries and adverbs skipped between an unnamed subject and its cue (`voters have said`).
    pub const QUOTE_NP_AUXILIARIES: &str = include_str!("../lexicons/quote_np_auxiliaries.txt");
    /// Words that end an unnamed subject phrase walking left from a cue (subordinators, conjunctions).
    pub const QUOTE_NP_STOPS: &str = include_str!("../lexicons/quote_np_stops.txt");
    /// Determiners that open an unnamed speaker after a cue (`said a former senior official`).
    pub const QUOTE_DETERMINERS: &str = include_str!("../lexicons/quote_determiners.txt");
    /// Prepositions that introduce an event's place (`in Brussels`).
    pub const EVENTS_PLACE_PREPOSITIONS: &str =
        include_str!("../lexicons/events_place_prepositions.txt");
    /// Prepositions before a mention that is then not the event's source (`talks with NATO`).
    pub const EVENTS_PREPOSITIONS: &str = include_str!("../lexicons/events_prepositions.txt");
    /// Determiners before a noun trigger (`the talks`, `an invasion`).
    pub const EVENTS_DETERMINERS: &str = include_str!("../lexicons/events_determiners.txt");
    /// Irregular simple-past verb forms (`brought`, `made`).
    pub const ENGLISH_IRREGULAR_PAST: &str = include_str!("../lexicons/english_irregular_past.txt");
    /// Pronouns with person, number, gender and animacy (coreference agreement).
    pub const COREF_PRONOUNS: &str = include_str!("../lexicons/coref_pronouns.tsv");
    /// Nouns and honorifics that say a person's gender (`m spokesman`, `f mrs`).
    pub const COREF_GENDERED_NOUNS: &str = include_str!("../lexicons/coref_gendered_nouns.txt");
    /// Head nouns of mentions with the kind of thing they name, learnt from GUM train
    /// (`just train-coref`): `lemma<TAB>person|organization|place|...`.
    pub const COREF_NOUN_TYPES: &str = include_str!("../lexicons/coref_noun_types.tsv");
    /// Weights of the pronoun antecedent ranker, learnt from GUM train (`just train-coref`):
    /// `feature<TAB>weight`.
    pub const COREF_PRONOUN_WEIGHTS: &str = include_str!("../lexicons/coref_pronoun_weights.tsv");
    /// Nouns that name a kind of organisation (`automaker`, `carrier`), written by hand.
    pub const COREF_ORGANISATION_NOUNS: &str =
        include_str!("../lexicons/coref_organisation_nouns.txt");
    /// First names listed as female, and as male (Kantrowitz names corpus; both: ambiguous).
    pub const NAMES_FEMALE: &str = include_str!("../lexicons/names_female.txt");
    pub const NAMES_MALE: &str = include_str!("../lexicons/names_male.txt");
    /// Titles and roles stripped before a person's name.
    pub const NAMES_TITLES: &str = include_str!("../lexicons/names_titles.txt");
    /// Surname particles (`van`, `de`).
    pub const NAMES_PARTICLES: &str = include_str!("../lexicons/names_particles.txt");
    /// Spelling variants of first names, one group a line, key first.
    pub const NAMES_VARIANTS: &str = include_str!("../lexicons/names_variants.txt");
    /// Known aliases, `alias<TAB>canonical`.
    pub const NAMES_ALIASES: &str = include_str!("../lexicons/names_aliases.tsv");
    /// Abbreviations (tokenizer), `title` marks those that never end a sentence.
    pub const NER_ABBREVIATIONS: &str = include_str!("../lexicons/ner_abbreviations.txt");
    /// Common lowercase words (NER consistency: `us` is not `US`).
    pub const NER_COMMON_WORDS: &str = include_str!("../lexicons/ner_common_words.txt");
    /// Words that start a sentence after an abbreviation (`The`, `He`).
    pub const NER_SENTENCE_STARTERS: &str = include_str!("../lexicons/ner_sentence_starters.txt");
    /// Numbers that look like years but are not (timex).
    pub const TIMEX_NOT_YEAR: &str = include_str!("../lexicons/timex_not_year.txt");
    /// Event scope: CAMEO roots coded, light verbs.
    pub const EVENTS_SCOPE: &str = include_str!("../lexicons/events_scope.txt");
    /// The parse words that make an event's modality or negate it, `kind<TAB>lemma<TAB>what`.
    pub const EVENTS_MODALITY: &str = include_str!("../lexicons/events_modality.tsv");
    /// Noun and verb event triggers, `words<TAB>code<TAB>V|N`.
    pub const EVENTS_TRIGGERS: &str = include_str!("../lexicons/events_triggers.tsv");
    /// What a trigger's political sense needs from the sentence, `kind<TAB>key<TAB>what`.
    pub const EVENTS_SENSES: &str = include_str!("../lexicons/events_senses.tsv");
    /// GDELT's CAMEO code table (labels), with a header line.
    pub const CAMEO_EVENTCODES: &str = include_str!("../lexicons/cameo_eventcodes.tsv");
    /// GDELT's Goldstein scale per code.
    pub const CAMEO_GOLDSTEIN: &str = include_str!("../lexicons/cameo_goldstein.tsv");
    /// The PETRARCH2 verb pattern dictionary.
    /// Prefixes a hyphen keeps joined to the next word in UD English (`non-profit`).
    pub const SYNTAX_HYPHEN_PREFIXES: &str = include_str!("../lexicons/syntax_hyphen_prefixes.txt");
    /// Fused forms UD English splits in two (`cannot` -> `can` `not`), with the split offset.
    pub const SYNTAX_FUSED: &str = include_str!("../lexicons/syntax_fused.txt");
    pub const CAMEO_VERBS: &str = include_str!("../lexicons/cameo_verbs.txt");
    /// PETRARCH2's Phoenix actor dictionaries (countries and their people with dated roles,
    /// international organisations, non-state armed groups) and agents (`GOVERNMENT [~GOV]`),
    /// stripped of comments (see `cameo_PROVENANCE.md`): actor codes of events.
    pub const CAMEO_ACTORS_COUNTRIES: &str = include_str!("../lexicons/cameo_actors_countries.txt");
    pub const CAMEO_ACTORS_INTERNATIONAL: &str =
        include_str!("../lexicons/cameo_actors_international.txt");
    pub const CAMEO_ACTORS_MILNONSTATE: &str =
        include_str!("../lexicons/cameo_actors_milnonstate.txt");
    pub const CAMEO_AGENTS: &str = include_str!("../lexicons/cameo_agents.txt");
}

/// The entries of a lexicon file: its lines, trimmed, without empty and `#` comment lines.
pub fn entries(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The speech cues of [`files::SPEECH_CUES`], parsed once for every stage that uses them.
pub struct SpeechCues {
    /// Each cue as its words, longest cues first.
    pub cues: Vec<Vec<String>>,
    /// The forms marked `participle` (`adding`), whose speaker is the subject of their clause.
    pub participles: HashSet<String>,
    /// The one-word cues, participles included (`said`, `adding`): event coding's say-verbs.
    pub single_words: HashSet<String>,
}

/// The speech cues (parsed on first use).
pub fn speech_cues() -> &'static SpeechCues {
    static CUES: LazyLock<SpeechCues> = LazyLock::new(|| {
        let mut cues = Vec::new();
        let mut participles = HashSet::new();
        let mut single_words = HashSet::new();
        for l in entries(files::SPEECH_CUES) {
            let (form, part) = match l.strip_prefix("participle ") {
                Some(f) => (f.trim(), true),
                None => (l, false),
            };
            if part {
                participles.insert(form.to_string());
            }
            let bare = l.strip_prefix("participle ").unwrap_or(l);
            if !bare.contains(' ') {
                single_words.insert(bare.to_string());
            }
            cues.push(form.split_whitespace().map(str::to_string).collect());
        }
        cues.sort_by_key(|c: &Vec<String>| std::cmp::Reverse(c.len()));
        SpeechCues {
            cues,
            participles,
            single_words,
        }
    });
    &CUES
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_cues_are_parsed_longest_first() {
        let s = speech_cues();
        assert!(s.cues.windows(2).all(|w| w[0].len() >= w[1].len()));
        assert!(s.single_words.contains("said"));
        assert!(s.cues.iter().any(|c| c == &["according", "to"]));
    }

    #[test]
    fn entries_skip_comments_and_blank_lines() {
        let got: Vec<&str> = entries("# head\n\n  said \n#x\nsays").collect();
        assert_eq!(got, ["said", "says"]);
    }
}
