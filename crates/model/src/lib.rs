//! Shared types of lede, with no heavy dependencies.
//!
//! One article flows through these types:
//!
//! - [`WorkItem`]: the bytes of one inbox file, with its path and content hash (made by `ingest`).
//! - [`CleanArticle`]: the article as published, with its metadata (made by `clean`). A file can hold
//!   several articles (JSON lines), so `clean` returns a list.
//! - [`Extraction`]: tokens, sentences, [`EntityMention`]s, [`Quote`]s, [`Timex`]es and [`Event`]s
//!   found in one article (made by `extract`).
//! - [`Failure`]: an article or file that could not be processed, and why (data, not a crash).
//!
//! All [`Span`]s are **byte** offsets into the one `CleanArticle::text`; `export` converts them to
//! Unicode code point offsets for the Parquet tables.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// A half-open byte range `[start, end)` into `CleanArticle::text`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end == self.start
    }
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
    /// The text this span covers in `text`.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: &Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// Converts byte offsets of one text into Unicode code point offsets (what the tables store).
pub struct CharOffsets {
    /// `char_at[b]` = number of chars before byte `b`, for every char boundary `b` (and `len`).
    char_at: Vec<u32>,
}

impl CharOffsets {
    pub fn new(text: &str) -> Self {
        let mut char_at = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, c) in text.char_indices() {
            for slot in &mut char_at[b..b + c.len_utf8()] {
                *slot = n;
            }
            n += 1;
        }
        char_at[text.len()] = n;
        CharOffsets { char_at }
    }
    /// Code point offset of byte offset `b` (which should be a char boundary).
    pub fn char_of(&self, b: usize) -> u32 {
        self.char_at[b.min(self.char_at.len() - 1)]
    }
}

/// The bytes of one inbox file, ready to clean.
#[derive(Clone, Debug)]
pub struct WorkItem {
    /// Path relative to the inbox, with `/` separators.
    pub source_path: String,
    /// blake3 of the bytes, hex.
    pub content_hash: String,
    pub bytes: Vec<u8>,
    /// File modification time (UTC), only used as a date when the user asks (`--date-from-mtime`).
    pub modified: Option<chrono::DateTime<chrono::Utc>>,
}

/// Where an article's published date came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DateSource {
    /// An explicit header in the text (`date 2022-01-12`).
    Header,
    /// Document metadata (HTML meta/`<time>`, JSON keys).
    Metadata,
    /// The dateline (`BRUSSELS, Jan 12 (Reuters) -`).
    Dateline,
    /// Stated in the body and inferred from it.
    Text,
    /// The file's modification time, only with `--date-from-mtime`.
    Mtime,
}

impl DateSource {
    pub fn as_str(&self) -> &'static str {
        match self {
            DateSource::Header => "header",
            DateSource::Metadata => "metadata",
            DateSource::Dateline => "dateline",
            DateSource::Text => "text",
            DateSource::Mtime => "mtime",
        }
    }
}

/// A block removed from the article by cleaning (caption, credit, repeated title, comment form...).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RemovedBlock {
    /// What it was: `caption`, `credit`, `byline`, `date_header`, `repeated_title`, `boilerplate`...
    pub kind: String,
    pub text: String,
}

/// One article as published: the cleaned body and its metadata.
#[derive(Clone, Debug, Default)]
pub struct CleanArticle {
    /// First 16 hex chars of blake3 of the article's own bytes: the whole file, or its line in a JSONL file.
    pub article_id: String,
    /// Path of the file it came from, relative to the inbox.
    pub source_path: String,
    /// blake3 (hex) of the whole file.
    pub content_hash: String,
    /// 1-based line number inside a JSONL file; `None` for one-article files.
    pub unit: Option<u32>,
    /// Input format as detected: `text`, `html`, `json`, `jsonl`.
    pub format: String,
    pub title: Option<String>,
    pub published: Option<NaiveDate>,
    pub published_from: Option<DateSource>,
    pub byline: Option<String>,
    /// Place named in the dateline (`BRUSSELS`).
    pub dateline: Option<String>,
    pub credits: Vec<String>,
    /// ISO 639-1 code (`en`), `None` when undetermined.
    pub language: Option<String>,
    pub url: Option<String>,
    /// The cleaned body: NFC, paragraphs separated by a blank line.
    pub text: String,
    pub removed: Vec<RemovedBlock>,
}

/// A token of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
}

/// A sentence: its span and the range of its tokens in the token list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<usize>,
}

/// One syntactic word as Universal Dependencies counts them: a token, or a part of one where UD
/// English splits what lede's tokenizer keeps whole (`anti-war` -> `anti` `-` `war`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte span into the article's text (inside the span of `token`).
    pub span: Span,
    /// Index of the token this word is (part of) in `Extraction::tokens`.
    pub token: u32,
    /// Universal part of speech (`NOUN`, `PROPN`, `VERB`...).
    pub upos: &'static str,
    /// Penn Treebank tag (`NN`, `NNP`, `VBD`...).
    pub xpos: &'static str,
    pub lemma: String,
    /// UD features that later stages use (`Number=Sing|Person=3|PronType=Prs`), `""` for none.
    pub feats: &'static str,
    /// Index of the head word in `Syntax::words`; `None` for the root of its sentence.
    pub head: Option<u32>,
    /// UD relation with its subtype (`nsubj`, `obl:tmod`, `root`).
    pub deprel: &'static str,
}

/// The syntax of one article: its words, in text order, with one dependency tree per sentence.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Syntax {
    pub words: Vec<Word>,
    /// The words of each sentence (parallel to `Extraction::sentences`).
    pub sentences: Vec<Range<usize>>,
    /// For each token, the word that stands for it: the word of a split token whose head lies
    /// outside the token (its only word for an unsplit token).
    pub token_word: Vec<u32>,
}

/// What a coreference mention is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// A proper name (`Jens Stoltenberg`, `NATO`).
    Name,
    /// A personal, possessive, reflexive or demonstrative pronoun (`he`, `their`, `this`).
    Pronoun,
    /// A description (`the minister`, `the alliance's chief`, `preliminary findings`).
    Nominal,
}

impl MentionKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            MentionKind::Name => "name",
            MentionKind::Pronoun => "pronoun",
            MentionKind::Nominal => "nominal",
        }
    }
}

/// One mention of the coreference stage: a noun phrase or pronoun, linked into a chain with every
/// other mention of the same person, organisation, place or thing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorefMention {
    /// Byte span into the article's text: the whole noun phrase (`the minister of defence`).
    pub span: Span,
    /// Its head word, an index into `Syntax::words`.
    pub head: u32,
    /// Index of its sentence in `Extraction::sentences`.
    pub sentence: u32,
    pub kind: MentionKind,
    /// The named entity (an index into `Extraction::entities`) this mention's head is part of.
    pub entity: Option<u32>,
    /// Its chain: mentions with the same `chain` refer to the same thing (chains numbered from 0
    /// in order of their first mention; a mention alone in its chain is a singleton).
    pub chain: u32,
}

/// A pronoun or description that refers to a named entity of the article (`he`, `the alliance's
/// chief` -> Jens Stoltenberg): what coreference adds to the names when a reader counts the
/// mentions of an entity (the `mentions` table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// Byte span into the article's text, as written.
    pub span: Span,
    /// Index of its sentence in `Extraction::sentences`.
    pub sentence: u32,
    /// [`MentionKind::Pronoun`] or [`MentionKind::Nominal`].
    pub kind: MentionKind,
    /// The named entity it refers to: an index into `Extraction::entities`.
    pub entity: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum EntityLabel {
    Per,
    Org,
    Loc,
    Misc,
}

impl EntityLabel {
    pub const ALL: [EntityLabel; 4] = [
        EntityLabel::Per,
        EntityLabel::Org,
        EntityLabel::Loc,
        EntityLabel::Misc,
    ];
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityLabel::Per => "PER",
            EntityLabel::Org => "ORG",
            EntityLabel::Loc => "LOC",
            EntityLabel::Misc => "MISC",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "PER" => Some(EntityLabel::Per),
            "ORG" => Some(EntityLabel::Org),
            "LOC" => Some(EntityLabel::Loc),
            "MISC" => Some(EntityLabel::Misc),
            _ => None,
        }
    }
}

impl fmt::Display for EntityLabel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One mention of a named entity.
#[derive(Clone, Debug, PartialEq)]
pub struct EntityMention {
    /// Index of the sentence in `Extraction::sentences`.
    pub sentence: usize,
    pub span: Span,
    /// The mention as written.
    pub text: String,
    pub label: EntityLabel,
    /// Same real entity, same id, across the whole corpus (filled by resolution).
    pub entity_id: String,
    /// Canonical name of the entity (filled by resolution).
    pub canonical: String,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum QuoteKind {
    Direct,
    Indirect,
    Mixed,
}

impl QuoteKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Indirect => "indirect",
            QuoteKind::Mixed => "mixed",
        }
    }
}

/// A statement attributed (or attributable) to a speaker.
#[derive(Clone, Debug, PartialEq)]
pub struct Quote {
    /// Stable within the article: `<article_id>-q<n>`, filled by the pipeline.
    pub quote_id: String,
    /// Sentence index where the quote content starts.
    pub sentence: usize,
    /// The content (without the surrounding quote marks for direct quotes).
    pub span: Span,
    pub text: String,
    pub kind: QuoteKind,
    /// The cue verb or phrase as written (`said`, `according to`).
    pub cue: Option<String>,
    pub cue_span: Option<Span>,
    /// The speaker as written (`he`, `Stoltenberg`, `the Kremlin`).
    pub speaker: Option<String>,
    pub speaker_span: Option<Span>,
    pub speaker_entity_id: Option<String>,
    pub speaker_canonical: Option<String>,
    pub confidence: f32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DatePrecision {
    Day,
    Month,
    Year,
}

impl DatePrecision {
    pub fn as_str(&self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Year => "year",
        }
    }
}

/// A temporal expression, normalised against the article's published date.
#[derive(Clone, Debug, PartialEq)]
pub struct Timex {
    pub sentence: usize,
    pub span: Span,
    pub text: String,
    /// TIMEX3-style value: `2022-01-12`, `2022-01`, `2014`, `P20Y`, `PRESENT_REF`; `None` when unresolved.
    pub value: Option<String>,
    /// The (first) day it denotes, when it denotes a calendar date, month or year.
    pub date: Option<NaiveDate>,
    pub precision: Option<DatePrecision>,
}

/// An event mention coded in CAMEO.
#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    /// Stable within the article: `<article_id>-e<n>`, filled by the pipeline.
    pub event_id: String,
    pub sentence: usize,
    /// The trigger word or phrase as written (`met`, `talks`).
    pub trigger: String,
    pub trigger_span: Span,
    /// CAMEO code (`043`), its root (`04`) and label.
    pub cameo_code: String,
    pub cameo_root: String,
    pub label: String,
    /// GDELT quad class 1..=4 (verbal coop., material coop., verbal conflict, material conflict).
    pub quad_class: Option<u8>,
    pub goldstein: Option<f32>,
    pub actor1: Option<String>,
    pub actor1_entity_id: Option<String>,
    pub actor2: Option<String>,
    pub actor2_entity_id: Option<String>,
    /// CAMEO actor codes of the source and target (`RUSGOV`, `UKRMIL`, `IGOWSTNAT`, `GOV`), their
    /// country (ISO 3166 alpha-3, or a CAMEO region) and type (`GOV`, `MIL`, `IGO`...); `None`
    /// when the dictionaries do not code the actor.
    pub actor1_code: Option<String>,
    pub actor1_country: Option<String>,
    pub actor1_type: Option<String>,
    pub actor2_code: Option<String>,
    pub actor2_country: Option<String>,
    pub actor2_type: Option<String>,
    pub location: Option<String>,
    pub location_entity_id: Option<String>,
    pub date: Option<NaiveDate>,
    pub date_precision: Option<DatePrecision>,
    pub date_text: Option<String>,
    /// `did not attack`, `refused to meet`: coded, but flagged as not having happened.
    pub negated: bool,
    /// `asserted` (happened), `reported`, `planned`, `possible`, `demanded`, `conditional`,
    /// `threatened` (docs/SCHEMA.md).
    pub modality: String,
    /// The same real event across articles.
    pub cluster_id: String,
    pub confidence: f32,
}

/// Everything extracted from one article.
#[derive(Clone, Debug, Default)]
pub struct Extraction {
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    /// Part-of-speech tags, lemmas and dependency trees (empty when the syntax stage did not run).
    pub syntax: Syntax,
    pub entities: Vec<EntityMention>,
    /// Coreference mentions in text order (empty when the syntax stage did not run).
    pub mentions: Vec<CorefMention>,
    /// The pronouns and descriptions that refer to a named entity, in text order (empty when the
    /// syntax stage did not run).
    pub references: Vec<Reference>,
    pub quotes: Vec<Quote>,
    pub timexes: Vec<Timex>,
    pub events: Vec<Event>,
    /// What the pipeline did or skipped, in words (e.g. non-English text not extracted).
    pub notes: Vec<String>,
}

/// A file or article that could not be processed: one row of the `failures` table, as the engine
/// records it, the ledger keeps it and export writes it (the one failure type of lede).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    pub source_path: String,
    /// Empty when the file could not be read.
    pub content_hash: String,
    /// `read`, `clean`, `extract`, `export`...
    pub stage: String,
    pub message: String,
    /// Versions of the file that failed in a row (1 for a failure that did not stop the file).
    pub tries: u32,
    /// When it was recorded.
    pub at: chrono::DateTime<chrono::Utc>,
}

impl Failure {
    /// A failure of `stage` of the file `source_path` with the content `content_hash`, recorded
    /// now, first try.
    pub fn new(source_path: &str, content_hash: &str, stage: &str, message: String) -> Self {
        Failure {
            source_path: source_path.to_string(),
            content_hash: content_hash.to_string(),
            stage: stage.to_string(),
            message,
            tries: 1,
            at: chrono::Utc::now(),
        }
    }
}

/// Short stable id: the first 16 hex chars of blake3 is done by callers; this joins a prefix and parts.
pub fn short_id(prefix: &str, hex: &str) -> String {
    format!("{prefix}{}", &hex[..hex.len().min(16)])
}

/// English month names, lower case, January first (cleaning and timex both read dates).
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// English weekday names, lower case, Monday first.
pub const WEEKDAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "Gruško said “yes”.";
        let co = CharOffsets::new(text);
        let b = text.find('s').unwrap();
        assert_eq!(co.char_of(b), 7);
        assert_eq!(co.char_of(text.len()), text.chars().count() as u32);
    }
}
