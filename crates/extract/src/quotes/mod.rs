//! Quotes: who said what, direct, indirect and mixed, with the speaker resolved to an entity.
//!
//! [`extract`] works in four passes over one article:
//!
//! 1. **Quote marks** ([`find_marks`], `marks.rs`): every top-level quotation per paragraph, for all mark styles
//!    (`“ ” " ‘ ’ ' « » „ ‹ › 「 」`), nested quotes, quotes running over several paragraphs (an opening
//!    mark on each paragraph), unbalanced marks (cut at the end of the paragraph) and orphan closing
//!    marks (the quote then starts at its sentence start).
//! 2. **Cues** ([`Analysis::find_cues`], `cues.rs`): speech verbs and phrases from `data/lexicons/speech_cues.txt`
//!    (`said`, `told reporters`, `according to`, `adding`...), each with the speaker found for it: the
//!    subject to its left (skipping adverbials and `, who ...,` clauses) or the name right after it
//!    (`said Grushko`).
//! 3. **Direct quotes** ([`Analysis::direct_quotes`], `direct.rs`): a quotation with a cue right after it (`“...,” he said`), right before it
//!    (`Grushko said: “...”`), or none: a follow-on quotation belongs to the last speaker of the same or
//!    the previous paragraph. A quotation split by its cue (`“A,” he said, “B.”`) gives a second quote
//!    with no cue and the same speaker span (a continuation). A partial quotation led in by the
//!    speaker's words (`They have “a higher set of expectations,” he said`) takes the lead-in (mixed);
//!    a quotation inside a `that` clause is mixed and handled with its cue. A cue ending in a colon
//!    introduces the next quotation. Short quoted fragments are kept for mixed quotes. A quotation with
//!    neither a cue nor a speaker (a title, a slogan, an unattributed passage) is no quote.
//! 4. **Indirect and mixed quotes** ([`Analysis::reported_quotes`], `indirect.rs`, `content.rs`): every cue not used by a direct quote, with its clause as content
//!    (`X said that ...`, `According to him, ...`, `..., Peskov said`); quoted fragments inside make it
//!    mixed. A complementizer `that` belongs to the content, as in PARC and PolNeAR; reported content
//!    never cuts a quotation in half; a short adverbial lead before an inside cue (`But, he added,
//!    ...`) and a time adverbial before `that` (`said Thursday in Ohio that`) are left out. Where the
//!    reported clause ends: before a participle hanging on the cue (`, adding ...`, `, citing ...`,
//!    `, describing ...`), at the comma closing a subordinate or relative clause that holds the cue
//!    (`While X has said ..., MAIN`, `X, who said ..., are`), and before the next cue's own clause. An
//!    as-clause frames what was said (`As the Post reported, CLAUSE`); a commitment (`vowed to ...`)
//!    is a statement, other infinitives are not. A quotation right after reported speech, with no
//!    cue, carries on that speaker's statement.
//!
//! Speakers (`subject.rs`, `speakers.rs`): entity mentions (`doc.entities`, resolved), pronouns (the most recent
//! subject or speaker of the right gender, outside quotations; or a name fragment right after the cue:
//! `“...,” he said. Jens Stoltenberg, Secretary General of NATO.`), roles (`the Secretary General of the
//! Alliance`, matched to the person given that role in the article), and organisations or countries.
//! Unnamed speakers (`said a senior official`, `“...,” the official said`, `52 percent of voters say`)
//! keep their span as written with no entity. A coordinated cue (`... and said ...`) shares the subject
//! of the cue before it.
//!
//! ## Where things are
//!
//! - `mod.rs`: the public API ([`extract`], [`extract_with`]), the [`Analysis`] of one article (its
//!   tokens, sentences, paragraphs, quotations and mentions, with the position lookups every pass
//!   uses), [`Analysis::run`] (the passes in order, sharing a [`RunState`]) and the caps of
//!   [`crate::budget`] ([`Analysis::bound`]).
//! - `words.rs`: the cue lexicon (`LEX`) and the closed word lists (prepositions, pronouns,
//!   auxiliaries, unnamed speaker heads...), from `lexicons/` through [`crate::lexicon`]: a new
//!   word goes in its file there, not in the code.
//! - `text.rs`: small text helpers (word counts, span trimming, sentence stops, party tags).
//! - `marks.rs`: paragraphs and quotation marks (pass 1 of the list above).
//! - `cues.rs`: speech cues and the rules that tell a cue word from a noun or another sense.
//! - `subject.rs`: the speaker's words next to a cue (the subject to its left, the name after it).
//! - `speakers.rs`: a speaker's entity: mentions, roles, gender, pronoun resolution.
//! - `clause.rs`: where reported content ends (subordinate clauses, the speaker's further act,
//!   as-clauses, relative antecedents).
//! - `direct.rs`: pass 3 above, the direct quotes.
//! - `indirect.rs` and `content.rs`: pass 4 above, the indirect and mixed quotes; `content.rs`
//!   finds the clause a cue reports.
//!
//! Its evaluation on PolNeAR lives in the `eval` crate (`eval::polnear`, `lede eval quotes`).
//!
//! A new rule goes next to the rules of its kind, with its example sentence as a comment: a cue
//! word that is no cue in `cues.rs` ([`Analysis::cue_at`]); which quotation is a direct quote, and
//! its cue, in `direct.rs`; where reported content starts in `content.rs`
//! ([`Analysis::clause_start`]), how it is cut or dropped in `indirect.rs`
//! ([`Analysis::cut_content`], [`Analysis::adverbial_content`]) or `clause.rs`; who the speaker is
//! in `subject.rs` (the words) or `speakers.rs` (the entity).

mod clause;
mod content;
mod cues;
mod direct;
mod indirect;
mod marks;
mod speakers;
mod subject;
mod text;
mod words;

use crate::budget::{
    Budget, Ticker, MAX_CUES_CROSSED, MAX_PRONOUN_CANDIDATES, MAX_QUOTES, MAX_QUOTE_CHARS,
    MAX_TITLE_TOKENS,
};
use crate::doc::Doc;
use crate::index::{first_covering, Intervals};
use crate::ExtractError;
use marks::{find_marks, paragraphs, MAX_QUOTE};
use model::{EntityLabel, EntityMention, Quote, QuoteKind, Span};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};

/// A top-level quotation found from its marks.
#[derive(Clone, Debug)]
struct Marked {
    /// Byte of the opening mark (content start when there is none: orphan closer).
    open: usize,
    /// The content, marks excluded.
    content: Span,
    /// End of the closing mark (content end when unclosed).
    close_end: usize,
    closed: bool,
}

/// A speech cue and the speaker found for it.
#[derive(Clone, Debug)]
struct Cue {
    /// Token range of the cue.
    tok: std::ops::Range<usize>,
    span: Span,
    sentence: usize,
    participle: bool,
    according: bool,
    speaker: Option<Speaker>,
}

/// A speaker as written and, when known, the entity it refers to.
#[derive(Clone, Debug, PartialEq)]
struct Speaker {
    text: String,
    span: Span,
    entity: Option<(String, String)>,
    label: Option<EntityLabel>,
    pronoun: bool,
}

/// Extracts every quote of the article, in text order.
pub fn extract(doc: &Doc) -> Vec<Quote> {
    extract_with(doc, &Budget::unlimited(), &mut Vec::new())
        .expect("an unlimited budget never runs out")
}

/// [`extract`] within `budget` (checked every few quotations and cues); the caps of
/// [`crate::budget`] that bite add to `notes`.
pub fn extract_with(
    doc: &Doc,
    budget: &Budget,
    notes: &mut Vec<String>,
) -> Result<Vec<Quote>, ExtractError> {
    if doc.text.is_empty() || doc.tokens.is_empty() {
        return Ok(Vec::new());
    }
    let a = Analysis::new(doc);
    budget.check("quotes")?;
    let mut tick = budget.ticker("quotes");
    let quotes = a.run(&mut tick)?;
    Ok(a.bound(quotes, notes))
}

struct Analysis<'d, 'a> {
    doc: &'d Doc<'a>,
    lower: Vec<String>,
    /// Sentence of each token.
    tok_sent: Vec<usize>,
    paragraphs: Vec<Span>,
    marks: Vec<Marked>,
    /// The content of every quotation.
    quoted: Intervals,
    /// Where each quotation opens, sorted.
    opens: Vec<usize>,
    /// The first mention (index in `doc.entities`) covering each token.
    tok_mention: Vec<Option<usize>>,
    /// Mentions outside quotations, in text order.
    outside: Vec<&'d EntityMention>,
    /// Subject-ish mentions (see [`Analysis::find_subjects`]), in text order.
    subjects: Vec<&'d EntityMention>,
    /// The first mention of each (entity id, canonical name).
    first_mention: HashMap<(&'d str, &'d str), &'d EntityMention>,
    /// Roles given to people: (person mention, role keywords).
    roles: Vec<(&'d EntityMention, HashSet<String>)>,
    /// Entity ids given a female role (`spokeswoman`, `Ms.`).
    female_roles: HashSet<&'d str>,
    /// Quotations cut at [`MAX_QUOTE`]; pronoun lookups and titles stopped by their caps.
    cut_marks: usize,
    capped_pronouns: Cell<usize>,
    capped_titles: Cell<usize>,
    capped_crossings: Cell<usize>,
}

/// What the passes of [`Analysis::run`] share: the cues, which are used, and the quotes so far.
struct RunState {
    /// The cues of the article, in token order (so in sentence order), each with its speaker once
    /// a pass settles it.
    cues: Vec<Cue>,
    /// The first token of every cue.
    cue_starts: HashSet<usize>,
    /// Cues taken by a direct quote of pass 1.
    used_cue: Vec<bool>,
    /// Quotations of pass 1 taken as direct quotes (sorted spans) and the longest one.
    direct: Vec<Span>,
    direct_max: usize,
    quotes: Vec<Quote>,
    /// Resolved speakers in text order (position of the quote content start).
    speakers: Vec<(usize, Speaker)>,
    /// The cue of each quotation (by index in `marks`) left by pass 1 as a fragment of its
    /// reported speech (mixed).
    fragment_of: Vec<Option<usize>>,
    /// Quotations with neither cue nor speaker kept in case reported speech comes right before.
    pending: Vec<usize>,
}

impl RunState {
    fn new(cues: Vec<Cue>, marks: usize) -> Self {
        RunState {
            cue_starts: cues.iter().map(|c| c.tok.start).collect(),
            used_cue: vec![false; cues.len()],
            cues,
            direct: Vec::new(),
            direct_max: 0,
            quotes: Vec::new(),
            speakers: Vec::new(),
            fragment_of: vec![None; marks],
            pending: Vec::new(),
        }
    }
}

impl<'d, 'a> Analysis<'d, 'a> {
    fn new(doc: &'d Doc<'a>) -> Self {
        let text = doc.text;
        let lower: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| t.span.slice(text).to_lowercase())
            .collect();
        let mut tok_sent = vec![0usize; doc.tokens.len()];
        for (si, s) in doc.sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                if t < tok_sent.len() {
                    tok_sent[t] = si;
                }
            }
        }
        let paragraphs = paragraphs(text);
        let (marks, cut_marks) = find_marks(text, &paragraphs, doc);
        let quoted = Intervals::new(marks.iter().map(|m| m.content));
        let mut opens: Vec<usize> = marks.iter().map(|m| m.open).collect();
        opens.sort_unstable();
        let outside: Vec<&EntityMention> = doc
            .entities
            .iter()
            .filter(|m| !quoted.contains(&m.span))
            .collect();
        let mut first_mention = HashMap::new();
        for m in doc.entities {
            first_mention
                .entry((m.entity_id.as_str(), m.canonical.as_str()))
                .or_insert(m);
        }
        let mut a = Analysis {
            doc,
            lower,
            tok_sent,
            paragraphs,
            marks,
            quoted,
            opens,
            tok_mention: first_covering(doc.tokens, doc.entities.iter().map(|m| m.span)),
            outside,
            subjects: Vec::new(),
            first_mention,
            roles: Vec::new(),
            female_roles: HashSet::new(),
            cut_marks,
            capped_pronouns: Cell::new(0),
            capped_titles: Cell::new(0),
            capped_crossings: Cell::new(0),
        };
        a.subjects = a.find_subjects();
        a.roles = a.find_roles();
        a.female_roles = a
            .roles
            .iter()
            .filter(|(_, keys)| {
                keys.iter().any(|k| {
                    matches!(
                        k.as_str(),
                        "spokeswoman"
                            | "chairwoman"
                            | "congresswoman"
                            | "ms"
                            | "mrs"
                            | "madam"
                            | "queen"
                    )
                })
            })
            .map(|(p, _)| p.entity_id.as_str())
            .collect();
        a
    }

    fn text(&self) -> &'a str {
        self.doc.text
    }

    /// Token `i`'s text, if there is such a token.
    fn tok_text(&self, i: usize) -> Option<&'a str> {
        self.doc.tokens.get(i).map(|t| t.span.slice(self.text()))
    }

    fn tok(&self, i: usize) -> &'a str {
        self.doc.tokens[i].span.slice(self.doc.text)
    }

    /// First token starting at or after byte `b`.
    fn tok_at(&self, b: usize) -> usize {
        self.doc.tokens.partition_point(|t| t.span.start < b)
    }

    fn sentence_of_byte(&self, b: usize) -> usize {
        let s = self.doc.sentences;
        if s.is_empty() {
            return 0;
        }
        s.partition_point(|x| x.span.start <= b).saturating_sub(1)
    }

    fn sentence_tokens(&self, si: usize) -> std::ops::Range<usize> {
        match self.doc.sentences.get(si) {
            Some(s) => s.tokens.clone(),
            None => 0..self.doc.tokens.len(),
        }
    }

    fn paragraph_of(&self, b: usize) -> usize {
        self.paragraphs
            .partition_point(|p| p.start <= b)
            .saturating_sub(1)
    }

    fn in_quote(&self, b: usize) -> bool {
        self.quoted.holds(b)
    }

    /// The person or organisation whose mention ends right before token `t`.
    fn name_ending_at(&self, t: usize) -> Option<&'d EntityMention> {
        self.mention_at_token(t.checked_sub(1)?).filter(|m| {
            matches!(m.label, EntityLabel::Per | EntityLabel::Org) && self.tok_at(m.span.end) == t
        })
    }

    /// Does a person's name set off by commas end right before token `c`, a cue (`A top
    /// strategist, John Weaver, tells`, `Trump's former campaign manager, Corey Lewandowski,
    /// said`)? That name is the cue's subject.
    fn name_set_off_before(&self, c: usize) -> bool {
        c > 0
            && self.tok(c - 1) == ","
            && self.name_ending_at(c - 1).is_some_and(|m| {
                let t = self.tok_at(m.span.start);
                m.label == EntityLabel::Per && t > 0 && self.tok(t - 1) == ","
            })
    }

    /// Does a quotation open in bytes `from..to`?
    fn quotation_opens_in(&self, from: usize, to: usize) -> bool {
        let k = self.opens.partition_point(|&o| o < from);
        self.opens.get(k).is_some_and(|&o| o < to)
    }

    /// The quotations (indices in `marks`, in order) opening in bytes `from..to`.
    fn marks_opening_in(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        // marks are sorted by `open`
        self.marks.partition_point(|m| m.open < from)..self.marks.partition_point(|m| m.open < to)
    }

    fn mention_at_token(&self, t: usize) -> Option<&'d EntityMention> {
        let doc: &'d Doc<'a> = self.doc;
        self.tok_mention[t].map(|i| &doc.entities[i])
    }

    /// Every quote of the article, in text order: the passes over the quotations and cues found.
    fn run(&self, tick: &mut Ticker) -> Result<Vec<Quote>, ExtractError> {
        let mut st = RunState::new(self.find_cues(), self.marks.len());
        self.direct_quotes(&mut st, tick)?;
        self.reported_quotes(&mut st, tick)?;
        let RunState {
            mut quotes,
            pending,
            ..
        } = st;
        quotes.sort_by_key(|q| q.span.start);
        self.carry_on_reported(&mut quotes);
        // a quotation kept for reported speech that did not come has neither cue nor speaker
        let pending: HashSet<usize> = pending.into_iter().collect();
        quotes.retain(|q| q.speaker_span.is_some() || !pending.contains(&q.span.start));
        Ok(quotes)
    }

    /// Applies the caps of [`crate::budget`] to the quotes of the article, with a note for each
    /// cap that bites.
    fn bound(&self, mut quotes: Vec<Quote>, notes: &mut Vec<String>) -> Vec<Quote> {
        let text = self.text();
        let before = quotes.len();
        quotes.retain(|q| !overlong(text, q.span));
        if quotes.len() < before {
            notes.push(format!(
                "quotes: {} quote(s) with content longer than {MAX_QUOTE_CHARS} chars dropped \
                 (a runaway span, not a quote)",
                before - quotes.len()
            ));
        }
        if quotes.len() > MAX_QUOTES {
            notes.push(format!(
                "quotes: {} quote(s) found, only the first {MAX_QUOTES} kept",
                quotes.len()
            ));
            quotes.truncate(MAX_QUOTES);
        }
        if self.cut_marks > 0 {
            notes.push(format!(
                "quotes: {} quotation(s) longer than {MAX_QUOTE} bytes cut at a sentence end",
                self.cut_marks
            ));
        }
        if self.capped_pronouns.get() > 0 {
            notes.push(format!(
                "quotes: {} pronoun(s) resolved among the {MAX_PRONOUN_CANDIDATES} nearest \
                 candidates only",
                self.capped_pronouns.get()
            ));
        }
        if self.capped_crossings.get() > 0 {
            notes.push(format!(
                "quotes: {} reported clause(s) running over {MAX_CUES_CROSSED} later cues of \
                 their sentence cut before the last",
                self.capped_crossings.get()
            ));
        }
        if self.capped_titles.get() > 0 {
            notes.push(format!(
                "quotes: {} speaker title(s) stopped at {MAX_TITLE_TOKENS} tokens",
                self.capped_titles.get()
            ));
        }
        quotes
    }

    fn make(
        &self,
        content: Span,
        kind: QuoteKind,
        cue: Option<String>,
        cue_span: Option<Span>,
        speaker: Option<Speaker>,
        confidence: f32,
    ) -> Quote {
        let text = self.text();
        let (speaker_text, speaker_span, entity, canonical) = match speaker {
            Some(s) => {
                let (id, can) = s
                    .entity
                    .map(|(a, b)| (Some(a), Some(b)))
                    .unwrap_or((None, None));
                (Some(s.text), Some(s.span), id, can)
            }
            None => (None, None, None, None),
        };
        Quote {
            quote_id: String::new(),
            sentence: self.sentence_of_byte(content.start),
            span: content,
            // an overlong content is dropped by `bound`: no copy of it
            text: if overlong(text, content) {
                String::new()
            } else {
                text[content.range()].to_string()
            },
            kind,
            cue,
            cue_span,
            speaker: speaker_text,
            speaker_span,
            speaker_entity_id: entity,
            speaker_canonical: canonical,
            confidence,
        }
    }
}

/// Is the content `s` longer than [`MAX_QUOTE_CHARS`]?
fn overlong(text: &str, s: Span) -> bool {
    s.len() > MAX_QUOTE_CHARS
        && (s.len() > 4 * MAX_QUOTE_CHARS || text[s.range()].chars().count() > MAX_QUOTE_CHARS)
}
