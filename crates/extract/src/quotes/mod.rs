//! Quotes: who said what, direct, indirect and mixed, with the speaker resolved to an entity.
//!
//! [`extract`] works in four passes over one article:
//!
//! 1. **Quote marks** ([`find_marks`]): every top-level quotation per paragraph, for all mark styles
//!    (`“ ” " ‘ ’ ' « » „ ‹ › 「 」`), nested quotes, quotes running over several paragraphs (an opening
//!    mark on each paragraph), unbalanced marks (cut at the end of the paragraph) and orphan closing
//!    marks (the quote then starts at its sentence start).
//! 2. **Cues** ([`find_cues`]): speech verbs and phrases from `data/lexicons/speech_cues.txt`
//!    (`said`, `told reporters`, `according to`, `adding`...), each with the speaker found for it: the
//!    subject to its left (skipping adverbials and `, who ...,` clauses) or the name right after it
//!    (`said Grushko`).
//! 3. **Direct quotes**: a quotation with a cue right after it (`“...,” he said`), right before it
//!    (`Grushko said: “...”`), or none: a follow-on quotation belongs to the last speaker of the same or
//!    the previous paragraph. A quotation split by its cue (`“A,” he said, “B.”`) gives a second quote
//!    with no cue and the same speaker span (a continuation). A partial quotation led in by the
//!    speaker's words (`They have “a higher set of expectations,” he said`) takes the lead-in (mixed);
//!    a quotation inside a `that` clause is mixed and handled with its cue. A cue ending in a colon
//!    introduces the next quotation. Short quoted fragments are kept for mixed quotes. A quotation with
//!    neither a cue nor a speaker (a title, a slogan, an unattributed passage) is no quote.
//! 4. **Indirect and mixed quotes**: every cue not used by a direct quote, with its clause as content
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
//! Speakers ([`Speakers`]): entity mentions (`doc.entities`, resolved), pronouns (the most recent
//! subject or speaker of the right gender, outside quotations; or a name fragment right after the cue:
//! `“...,” he said. Jens Stoltenberg, Secretary General of NATO.`), roles (`the Secretary General of the
//! Alliance`, matched to the person given that role in the article), and organisations or countries.
//! Unnamed speakers (`said a senior official`, `“...,” the official said`, `52 percent of voters say`)
//! keep their span as written with no entity. A coordinated cue (`... and said ...`) shares the subject
//! of the cue before it.

mod clause;
mod cues;
pub mod eval;
mod marks;
mod speakers;
mod subject;
mod text;
mod words;

pub use eval::{eval_polnear, eval_polnear_dump};

use crate::budget::{
    Budget, Ticker, MAX_CUES_CROSSED, MAX_PRONOUN_CANDIDATES, MAX_QUOTES, MAX_QUOTE_CHARS,
    MAX_TITLE_TOKENS,
};
use crate::doc::Doc;
use crate::index::{first_covering, Intervals};
use crate::ExtractError;
use cues::floor_of;
use marks::{find_marks, is_open_mark, is_quote_mark, paragraphs, MAX_QUOTE};
use model::{EntityLabel, EntityMention, Quote, QuoteKind, Span};
use speakers::add_speaker;
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use text::{has_stop, is_word, trim_content, trim_span, word_count};
use words::LEX;
use words::{ADVERBIAL_OPENERS, AUXILIARIES, CUE_OBJECTS, PREPOSITIONS, PRONOUNS};

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

    fn run(&self, tick: &mut Ticker) -> Result<Vec<Quote>, ExtractError> {
        let text = self.text();
        let mut cues = self.find_cues();
        // cues are in token order (so in sentence order)
        let cue_starts: HashSet<usize> = cues.iter().map(|c| c.tok.start).collect();
        let cues_of = |cues: &[Cue], si: usize| {
            cues.partition_point(|c| c.sentence < si)..cues.partition_point(|c| c.sentence <= si)
        };
        // is there a cue within bytes `from..to`?
        let cue_within = |cues: &[Cue], from: usize, to: usize| {
            cues[cues.partition_point(|c| c.span.start < from)..]
                .iter()
                .take_while(|c| c.span.start < to)
                .any(|c| c.span.end <= to)
        };
        // quotations of pass 1 taken as direct quotes (sorted spans) and the longest one
        let mut direct: Vec<Span> = Vec::new();
        let mut direct_max = 0;
        let mut used_cue = vec![false; cues.len()];
        let mut quotes: Vec<Quote> = Vec::new();
        // resolved speakers in text order (position of the quote content start)
        let mut speakers: Vec<(usize, Speaker)> = Vec::new();
        let mut fragment_of: Vec<Option<usize>> = vec![None; self.marks.len()];
        // quotations with neither cue nor speaker kept in case reported speech comes right before
        let mut pending: Vec<usize> = Vec::new();

        // pass 1: direct quotes (and fragments of mixed ones)
        let mut last_direct: Option<(usize, usize, Option<Speaker>)> = None; // (paragraph, end, speaker)
        for (qi, m) in self.marks.iter().enumerate() {
            tick.tick()?;
            let content = trim_span(text, m.content);
            if content.is_empty() {
                continue;
            }
            let ctext = &text[content.range()];
            let words = word_count(ctext);
            let si = self.sentence_of_byte(m.open);
            let para = self.paragraph_of(m.open);
            // cue before the opener in the same sentence
            let of_si = cues_of(&cues, si);
            let before = cues[of_si.clone()]
                .iter()
                .enumerate()
                .rev()
                .find(|(_, c)| c.span.end <= m.open && !c.according)
                .map(|(k, c)| (of_si.start + k, c));
            let mut direct_before = None;
            // “A,” said X, a long appositive ..., “B.”: the cue already introduced the first part
            let split_by_cue = before.is_some_and(|(ci, c)| {
                used_cue[ci]
                    && quotes.last().is_some_and(|q| q.cue_span == Some(c.span))
                    && !self.quotation_opens_in(c.span.end + 1, m.open)
                    && !text[c.span.end..m.open].contains('\n')
            });
            if split_by_cue {
                direct_before = before.map(|(ci, _)| ci);
            } else if let Some((ci, c)) = before {
                let gap = &text[c.span.end..m.open];
                let gap_words: Vec<&str> = gap
                    .split(|ch: char| !ch.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let trimmed = gap.trim_end();
                let gap_clean = gap_words.iter().all(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "that"
                            | "reporters"
                            | "journalists"
                            | "also"
                            | "further"
                            | "again"
                            | "then"
                            | "him"
                            | "her"
                            | "them"
                            | "us"
                    )
                });
                let has_quote_between = self.quotation_opens_in(c.span.end + 1, m.open);
                if !has_quote_between
                    && (gap_clean
                        || ((trimmed.ends_with(',') || trimmed.ends_with(':'))
                            && !gap_words.iter().any(|w| w.eq_ignore_ascii_case("that"))
                            && gap_words.len() <= 12))
                {
                    // "said that “...”": a quotation inside a reported clause is a mixed quote
                    // (when it stays within the cue's sentence)
                    let s_end = self
                        .doc
                        .sentences
                        .get(si)
                        .map_or(m.close_end, |s| s.span.end);
                    if gap_clean
                        && gap_words.iter().any(|w| w.eq_ignore_ascii_case("that"))
                        && (words < 4 || m.content.end <= s_end)
                    {
                        fragment_of[qi] = Some(ci);
                        continue;
                    }
                    direct_before = Some(ci);
                } else if !has_quote_between || gap_words.len() <= 25 {
                    // reported speech with a quoted fragment: mixed, handled with the cue
                    fragment_of[qi] = Some(ci);
                    continue;
                }
            }
            // "Reporter Jomana Karadsheh says: ¶ “Well Anderson, ...”": a cue and its colon
            // close the paragraph before the one the quotation opens
            if direct_before.is_none()
                && before.is_none()
                && para > 0
                && text[self.paragraphs[para].start..m.open].trim().is_empty()
            {
                direct_before = self.colon_cue_closing(&cues, &used_cue, self.paragraphs[para - 1]);
            }
            // cue right after the closer
            // the quotation opens its sentence
            let opens_sentence = self
                .doc
                .tokens
                .get(self.sentence_tokens(si).start)
                .is_some_and(|t| t.span.start >= m.open.saturating_sub(1));
            let mut direct_after = None;
            if direct_before.is_none() {
                let after_tok = self.tok_at(m.close_end);
                let from = cues.partition_point(|c| c.tok.start < after_tok);
                if let Some(ci) = cues[from..]
                    .iter()
                    .take_while(|c| c.tok.start <= after_tok + 24)
                    .position(|c| !c.according)
                    .map(|k| from + k)
                {
                    let c = &cues[ci];
                    let between = &text[m.close_end..c.span.start];
                    let no_stop = !between.contains('\n')
                        && !has_stop(between.trim_start_matches(['.', ',', ' ']));
                    let between_words = word_count(between);
                    // a long stretch is only a speaker's name with its appositive role
                    // (or a person named after a short description: “...,” California Rep.
                    // Duncan Hunter’s chief of staff, Joe Kasper, told POLITICO)
                    // a mention starting after the closer: near it, or before the cue
                    let near = self.outside.partition_point(|e| e.span.start < m.close_end);
                    let reach = (m.close_end + 7).max(c.span.start);
                    let appositive = between_words <= 22
                        && self.outside[near..]
                            .iter()
                            .take_while(|e| e.span.start < reach)
                            .any(|e| {
                                e.span.start >= m.close_end
                                    && (e.span.start <= m.close_end + 6
                                        || e.label == EntityLabel::Per
                                            && opens_sentence
                                            && e.span.end <= c.span.start
                                            && word_count(&text[m.close_end..e.span.start]) <= 8)
                                    && matches!(e.label, EntityLabel::Per | EntityLabel::Org)
                            })
                        && between.contains(',');
                    // “A.” Mr. Zahed said: “B.”: a cue with a colon introduces the next quotation
                    let introduces_next = text[c.span.end..]
                        .trim_start()
                        .strip_prefix(':')
                        .is_some_and(|r| r.trim_start().starts_with(is_open_mark));
                    // “... identity.” Cruz says he isn't familiar ...: a quotation closed with a
                    // full stop, then a cue with its own reported clause, starts a new statement
                    let reports_onward = ctext.trim_end().ends_with('.')
                        && between_words >= 1
                        && self.opens_clause(c.tok.end, c.sentence);
                    if no_stop
                        && (between_words <= 8 || appositive)
                        && !introduces_next
                        && !reports_onward
                    {
                        direct_after = Some(ci);
                    }
                }
            }
            let sentence_initial =
                opens_sentence || text[self.paragraphs[para].start..m.open].trim().is_empty();
            let short = words < 4 && !(ctext.trim_end().ends_with(['.', '!', '?']) && words >= 2);
            // “A,” he said, “B.”: the second part continues the quote its cue already introduced
            let continuation = direct_before.is_some_and(|ci| {
                used_cue[ci]
                    && quotes
                        .last()
                        .is_some_and(|q| q.cue_span == Some(cues[ci].span))
            });
            let (cue_idx, kind_conf) = match (direct_before, direct_after) {
                _ if continuation => (None, 0.9),
                (Some(ci), _) | (None, Some(ci)) => (Some(ci), 0.9),
                _ => (None, 0.6),
            };
            if !continuation && cue_idx.is_none() && (short || !sentence_initial) {
                continue;
            }
            // They have “a higher set of expectations,” he said: a partial quote led in by the
            // speaker's own words, which belong to the content (mixed)
            let s_start = self
                .doc
                .sentences
                .get(si)
                .map_or(m.open, |s| s.span.start)
                .max(self.paragraphs[para].start);
            let lead = &text[s_start..m.open];
            let led_in = direct_after.is_some()
                && direct_after == cue_idx
                && !sentence_initial
                && word_count(lead) >= 2
                && !lead.trim_end().ends_with([':', ';', '—', '–'])
                && !self.quotation_opens_in(s_start, m.open)
                && !cue_within(&cues, s_start, m.open);
            // a short led-in quotation is a statement only when its cue closes the sentence
            // (`Not paying taxes “makes me smart,” Trump said last week.`), not a show's title
            // before another clause (`On ABC’s “Good Morning America,” Kasich said that ...`)
            let cue_closes = cue_idx.is_some_and(|ci| {
                let s_end = self
                    .doc
                    .sentences
                    .get(si)
                    .map_or(text.len(), |s| s.span.end);
                let c_end = cues[ci].span.end;
                c_end <= s_end
                    && (word_count(&text[c_end..s_end]) <= 3
                        || Self::adjunct_tail(&text[c_end..s_end]))
            });
            if cue_idx.is_some() && short && !sentence_initial && !(led_in && cue_closes) {
                continue;
            }
            let mut speaker = None;
            let mut cue_text = None;
            let mut cue_span = None;
            let mut content = content;
            let mut kind = QuoteKind::Direct;
            if continuation {
                speaker = last_direct.as_ref().and_then(|l| l.2.clone());
            } else if let Some(ci) = cue_idx {
                if led_in {
                    content = Span::new(s_start, content.end);
                    kind = QuoteKind::Mixed;
                }
                // "The streets were deserted, he added, “but people need to connect.”": the
                // sentence opening before a parenthetical cue is said too, when the quotation
                // carries on its sentence
                if direct_before == Some(ci) {
                    let c = &cues[ci];
                    let before_cue = text[s_start.min(c.span.start)..c.span.start].trim_end();
                    // only when the quotation goes on with the sentence (`“but ...`), not when it
                    // opens one of its own (`Asked about X, he said, “Sure.”`)
                    let cue_then_quote = text[c.span.end..m.open].trim() == ","
                        && ctext
                            .trim_start_matches(|ch: char| !ch.is_alphanumeric())
                            .starts_with(char::is_lowercase);
                    if let Some(k) = before_cue.rfind(',').filter(|_| cue_then_quote) {
                        let lead = &before_cue[..k];
                        let subject = &before_cue[k + 1..];
                        if word_count(lead) >= 2
                            && (1..=5).contains(&word_count(subject))
                            && !self.quotation_opens_in(s_start, c.span.start)
                            && !cue_within(&cues, s_start, c.span.start.saturating_sub(1))
                        {
                            content = Span::new(s_start, content.end);
                            kind = QuoteKind::Mixed;
                        }
                    }
                }
                used_cue[ci] = true;
                let c = cues[ci].clone();
                cue_text = Some(c.span.slice(text).to_string());
                cue_span = Some(c.span);
                let raw = if direct_after == Some(ci) {
                    // between the closer and the cue, else right after the cue
                    let t0 = self.tok_at(m.close_end);
                    let seg: Vec<usize> = (t0..c.tok.start)
                        .filter(|&t| is_word(self.tok(t)))
                        .collect();
                    self.subject_in(&seg)
                        .or_else(|| self.subject_right(c.tok.end, c.sentence))
                        // “...,” the official said: an unnamed speaker as written
                        .or_else(|| self.subject_left(c.tok.start, c.sentence, t0))
                } else {
                    self.subject_left(c.tok.start, c.sentence, floor_of(&cues, ci))
                        .or_else(|| self.subject_right(c.tok.end, c.sentence))
                };
                let anchor = if direct_after == Some(ci) {
                    m.open
                } else {
                    c.span.start
                };
                speaker = self.finish_speaker(raw, anchor, c.span.end, &speakers);
                cues[ci].speaker = speaker.clone();
            } else if let Some((lp, _lend, ls)) = &last_direct {
                // follow-on: same paragraph after a cue'd quote, or a paragraph that opens with a quote
                if *lp == para
                    || (*lp + 1 == para
                        && text[self.paragraphs[para].start..m.open].trim().is_empty())
                {
                    speaker = ls.clone();
                }
            }
            // no cue and no speaker: a title, a slogan or an unattributed passage, not who said what;
            // unless reported speech ends right before it (kept for now: its speaker is settled
            // once reported speech is found, below)
            if cue_idx.is_none() && !continuation && speaker.is_none() {
                let after_cue = si > 0
                    && self.paragraph_of(self.doc.sentences[si - 1].span.start) == para
                    && cues_of(&cues, si - 1).any(|k| !used_cue[k]);
                if !after_cue {
                    continue;
                }
                pending.push(content.start);
            }
            let conf = match &speaker {
                Some(s) if s.entity.is_some() && !s.pronoun => kind_conf,
                Some(s) if s.entity.is_some() => kind_conf - 0.1,
                Some(_) => 0.5,
                None => 0.4,
            };
            if let Some(s) = &speaker {
                add_speaker(&mut speakers, content.start, s);
            }
            last_direct = Some((
                self.paragraph_of(m.content.end.saturating_sub(1)),
                content.end,
                speaker.clone(),
            ));
            if kind == QuoteKind::Direct {
                add_direct(&mut direct, &mut direct_max, content);
            }
            quotes.push(self.make(content, kind, cue_text, cue_span, speaker, conf));
        }

        // pass 2: indirect and mixed quotes from the remaining cues
        for ci in 0..cues.len() {
            tick.tick()?;
            if used_cue[ci] {
                continue;
            }
            let c = cues[ci].clone();
            let sr = self.sentence_tokens(c.sentence);
            let s_span = self
                .doc
                .sentences
                .get(c.sentence)
                .map(|s| s.span)
                .unwrap_or(Span::new(0, text.len()));
            // "In a speech last July, he said: ¶ Let no one be mistaken ...": a block quotation
            // set off as its own paragraph, without marks
            let para = self.paragraph_of(c.span.start);
            if para + 1 < self.paragraphs.len()
                && self.colon_cue_closing(&cues, &used_cue, self.paragraphs[para]) == Some(ci)
            {
                let block = trim_span(text, self.paragraphs[para + 1]);
                let btext = &text[block.range()];
                if !btext.starts_with(is_quote_mark) && word_count(btext) >= 4 {
                    let raw = self
                        .subject_left(c.tok.start, c.sentence, floor_of(&cues, ci))
                        .or_else(|| self.np_left(c.tok.start, c.sentence));
                    let speaker = self.finish_speaker(raw, c.span.start, c.span.end, &speakers);
                    cues[ci].speaker = speaker.clone();
                    if let Some(sp) = &speaker {
                        add_speaker(&mut speakers, block.start, sp);
                    }
                    let conf = if speaker.is_some() { 0.6 } else { 0.3 };
                    add_direct(&mut direct, &mut direct_max, block);
                    quotes.push(self.make(
                        block,
                        QuoteKind::Direct,
                        Some(c.span.slice(text).to_string()),
                        Some(c.span),
                        speaker,
                        conf,
                    ));
                    continue;
                }
            }
            let (content, speaker_raw) = if c.according {
                let sp = c.speaker.clone();
                // "According to X, CLAUSE" or "CLAUSE, according to X."
                let at_start = text[s_span.start..c.span.start].trim().is_empty()
                    || text[s_span.start..c.span.start].trim_end().ends_with(',')
                        && word_count(&text[s_span.start..c.span.start]) <= 2;
                if at_start {
                    let comma = text[c.span.end..s_span.end]
                        .find(',')
                        .map(|i| c.span.end + i + 1);
                    match comma {
                        Some(cs) => (Span::new(cs, s_span.end), sp),
                        None => continue,
                    }
                } else {
                    let mut e = c.span.start;
                    let head = text[s_span.start..e].trim_end();
                    e = s_span.start + head.trim_end_matches(',').len();
                    // "Other cleavages, according to the poll, include ...": the source sits inside
                    // the content, which is the whole sentence
                    let inside = sp.as_ref().is_some_and(|x| {
                        let rest = &text[x.span.end.min(s_span.end)..s_span.end];
                        rest.trim_start().starts_with(',')
                            && word_count(rest) >= 3
                            && !Self::adjunct_tail(rest)
                    }) && head.ends_with(',');
                    if inside {
                        (s_span, sp)
                    } else {
                        (Span::new(s_span.start, e), sp)
                    }
                }
            } else {
                let mut sp = if c.participle {
                    cues[..ci]
                        .iter()
                        .rev()
                        .take_while(|p| p.sentence == c.sentence)
                        .find(|p| p.speaker.is_some())
                        .and_then(|p| p.speaker.clone())
                        // "Trump attacked Obama, saying ...": the participle hangs on the main
                        // clause, whose subject is the first name of the sentence, not the object
                        .or_else(|| {
                            let sr = self.sentence_tokens(c.sentence);
                            let lo = self.doc.tokens[sr.start].span.start;
                            let from = self.outside.partition_point(|m| m.span.start < lo);
                            let first = self.outside[from..]
                                .iter()
                                .take_while(|m| m.span.start < c.span.start)
                                .find(|m| {
                                    m.span.start >= lo
                                        && m.span.end <= c.span.start
                                        && matches!(m.label, EntityLabel::Per | EntityLabel::Org)
                                })?;
                            let t = self.tok_at(first.span.start);
                            let free = t == sr.start
                                || !PREPOSITIONS.contains(&self.lower[t - 1].as_str());
                            free.then(|| self.speaker_from_mention(first))
                        })
                        .or_else(|| self.subject_left(c.tok.start, c.sentence, floor_of(&cues, ci)))
                } else {
                    self.subject_left(c.tok.start, c.sentence, floor_of(&cues, ci))
                };
                // "He said the base ... and said Stevens's rescue ...": a coordinated cue shares
                // the subject of the cue before it
                if sp.is_none()
                    && c.tok.start > sr.start
                    && matches!(self.lower[c.tok.start - 1].as_str(), "and" | "but")
                {
                    sp = cues[..ci]
                        .iter()
                        .rev()
                        .find(|p| p.sentence == c.sentence && !p.according)
                        .and_then(|p| p.speaker.clone())
                        // "Reid caucused in Nevada on Saturday and says he voted ...": the
                        // subject opening the sentence
                        .or_else(|| self.opening_subject(c.sentence, c.tok.start));
                }
                // "As the Post reported, CLAUSE", "CLAUSE, as police have said": an as-clause
                // frames what was said, before or after it
                if let Some((content, who)) = self.as_clause_content(&c, s_span) {
                    (content, who)
                } else {
                    let inverted = c.tok.start > sr.start
                        && self.tok(c.tok.start - 1) == ","
                        && !c.participle
                        && self.appositive_opener(c.tok.start, c.sentence).is_none()
                        && !self.name_set_off_before(c.tok.start);
                    let inverted = inverted
                        && match self.subject_right(c.tok.end, c.sentence) {
                            Some(r) => {
                                let after = text[r.span.end..s_span.end].trim_start();
                                // "..., said a senior official in Brussels."
                                let adjunct = after
                                    .split(|c: char| !c.is_alphanumeric())
                                    .next()
                                    .is_some_and(|w| PREPOSITIONS.contains(&w))
                                    && word_count(after) <= 6
                                    && !self.cue_words_in(after);
                                // "..., said an American official who was briefed ..."
                                let relative = after
                                    .split(|c: char| !c.is_alphanumeric())
                                    .next()
                                    .is_some_and(|w| matches!(w, "who" | "whose"))
                                    && matches!(
                                        r.text.split(' ').next(),
                                        Some("a" | "an" | "one" | "another")
                                    );
                                let closes = after.is_empty()
                                    || after.starts_with([',', '.', ';', '('])
                                    || adjunct
                                    || relative;
                                if closes {
                                    sp = Some(r);
                                }
                                closes
                            }
                            None => false,
                        };
                    // skip objects and "that"; "announced at the briefing that ...": start after "that"
                    let mut t = c.tok.end;
                    let mut saw_that = false;
                    // "He added, that there's ...": a stray comma before "that"
                    if t + 1 < sr.end
                        && self.tok(t) == ","
                        && self.lower[t + 1] == "that"
                        // not a parenthetical cue ("It's an investment, they say, that ...")
                        && !(sr.start.max(c.tok.start.saturating_sub(4))..c.tok.start)
                            .any(|k| self.tok(k) == ",")
                    {
                        t += 1;
                    }
                    while t < sr.end
                        && (CUE_OBJECTS.contains(&self.lower[t].as_str())
                            || self.lower[t] == "that")
                    {
                        saw_that |= self.lower[t] == "that";
                        t += 1;
                    }
                    // "assured Moscow that ...": an object before "that"
                    if let Some(m) = (t < sr.end).then(|| self.mention_at_token(t)).flatten() {
                        let after = self.tok_at(m.span.end);
                        if after < sr.end && self.lower[after] == "that" {
                            t = after + 1;
                            saw_that = true;
                        }
                    }
                    let adverbial_next = t < sr.end
                        && (PREPOSITIONS.contains(&self.lower[t].as_str())
                            || matches!(
                                self.lower[t].as_str(),
                                "during" | "after" | "before" | "following" | "throughout" | "as"
                            )
                            || self.lower[t].ends_with("ly")
                            || matches!(self.tok(t), "–" | "—" | "-"));
                    // "said Thursday during a taping in Buffalo, New York, that ...": a time adverbial
                    // (and what hangs on it) before the reported clause
                    let time_next = t < sr.end
                        && (model::WEEKDAY_NAMES.contains(&self.lower[t].as_str())
                            || matches!(
                                self.lower[t].as_str(),
                                "today"
                                    | "yesterday"
                                    | "tonight"
                                    | "last"
                                    | "this"
                                    | "earlier"
                                    | "recently"
                            ));
                    if !saw_that && time_next {
                        if let Some(k) = (t..sr.end.min(t + 24)).find(|&k| self.lower[k] == "that")
                        {
                            if !(t..k).any(|j| {
                                is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                                    || cue_starts.contains(&j)
                            }) {
                                t = k + 1;
                                saw_that = true;
                            }
                        }
                    }
                    // "cautioned, as did the Clinton campaign itself, that ...": a parenthetical
                    // between the cue and its clause
                    if !saw_that && t < sr.end && self.tok(t) == "," {
                        if let Some(k) = (t + 2..sr.end.min(t + 16))
                            .find(|&k| self.lower[k] == "that" && self.tok(k - 1) == ",")
                        {
                            if !(t + 1..k - 1).any(|j| {
                                is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                                    || cue_starts.contains(&j)
                            }) {
                                t = k + 1;
                                saw_that = true;
                            }
                        }
                    }
                    if !saw_that && adverbial_next {
                        if let Some(k) = (t..sr.end.min(t + 16)).find(|&k| self.lower[k] == "that")
                        {
                            // "reported on Tuesday -- a development that ...": a summary
                            // appositive, whose "that" is not the reported clause's
                            let summary = |j: usize| {
                                matches!(self.tok(j), "-" | "--" | "—" | "–")
                                    && matches!(
                                        self.lower.get(j + 1).map(String::as_str),
                                        Some("a" | "an")
                                    )
                            };
                            if !(t..k).any(|j| {
                                matches!(self.tok(j), "," | ";" | ":")
                                    || summary(j)
                                    || is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                            }) {
                                t = k + 1;
                                saw_that = true;
                            }
                        }
                    }
                    // "told Fox News host Alex Marlow on Thursday how ...": skip the hearer to the clause
                    let tells = matches!(
                        self.lower[c.tok.start].as_str(),
                        "told" | "tells" | "tell" | "telling"
                    );
                    if !saw_that && tells {
                        let k = (t..sr.end.min(t + 12)).find(|&k| {
                            matches!(
                                self.lower[k].as_str(),
                                "that"
                                    | "how"
                                    | "why"
                                    | "what"
                                    | "whether"
                                    | "he"
                                    | "she"
                                    | "they"
                                    | "it"
                                    | "we"
                                    | "i"
                            )
                        });
                        if let Some(k) = k.filter(|&k| {
                            k > t && !(t..k).any(|j| matches!(self.tok(j), "," | ";" | ":"))
                        }) {
                            t = if self.lower[k] == "that" { k + 1 } else { k };
                            saw_that = true;
                        } else if let Some(m) = (t..sr.end.min(t + 4)).find_map(|j| {
                            // "told host Sean Hannity a Clinton loss is ...": the hearer named,
                            // after a description
                            let m = self.mention_at_token(j).filter(|m| {
                                matches!(m.label, EntityLabel::Per | EntityLabel::Org)
                            })?;
                            (t..j)
                                .all(|x| self.tok(x).chars().all(char::is_lowercase))
                                .then_some(m)
                        }) {
                            let after = self.tok_at(m.span.end);
                            if after + 2 < sr.end && self.opens_clause(after, c.sentence) {
                                t = after;
                                saw_that = true;
                            }
                        }
                    }
                    let rest_start = self
                        .doc
                        .tokens
                        .get(t)
                        .map(|x| x.span.start)
                        .unwrap_or(s_span.end)
                        .min(s_span.end);
                    // PolNeAR / PARC convention: the complementizer belongs to the content ("said that X")
                    let content_start = if saw_that && t > c.tok.end && self.lower[t - 1] == "that"
                    {
                        self.doc.tokens[t - 1].span.start.min(s_span.end)
                    } else {
                        rest_start
                    };
                    let rest = &text[rest_start..s_span.end];
                    let rest_words = word_count(rest.split(", adding").next().unwrap_or(rest));
                    let quoted_rest = self.quotation_opens_in(rest_start, s_span.end);
                    // "CLAUSE, Wilkin said during his campaign speech.": an adverbial after a
                    // postposed subject, with the clause before it
                    let clause_before = sp.as_ref().is_some_and(|s| {
                        let head = text[s_span.start..s.span.start.max(s_span.start)].trim_end();
                        head.ends_with(',')
                            && word_count(head) >= 4
                            && !head.trim_start().starts_with(is_quote_mark)
                            // not a commitment's infinitive ("vowed to deliver change") nor a
                            // quotation after the cue
                            && self.lower.get(t).is_some_and(|w| w != "to")
                            && !self.quotation_opens_in(c.span.end, s_span.end)
                    });
                    let postposed = inverted
                        || !saw_that && adverbial_next && clause_before
                        || !saw_that
                            && (rest.trim_start().is_empty()
                                || rest.trim_start().starts_with([',', '.', '!', '?', ';'])
                                || rest_words < 3
                                // "CLAUSE, he told the court in his filing.": only the hearer
                                || tells
                                    && !self.title_case_line(c.tok.start)
                                    && rest_words <= 7
                                    && !rest
                                        .split(|ch: char| !ch.is_alphanumeric())
                                        .map(str::to_lowercase)
                                        .any(|w| {
                                            w.ends_with("ed")
                                                || PRONOUNS.contains(&w.as_str())
                                                || AUXILIARIES.contains(&w.as_str())
                                        })
                                    && !rest.contains([',', ':', ';'])
                                    && !quoted_rest);
                    if postposed {
                        // "CLAUSE, Peskov said[, adding ...]": the clause before the subject
                        if sp.is_none() {
                            sp = self.subject_right(c.tok.end, c.sentence);
                        }
                        let subj_start = if inverted {
                            c.span.start
                        } else {
                            sp.as_ref()
                                .map(|s| s.span.start.min(c.span.start))
                                .unwrap_or(c.span.start)
                        };
                        let mut head = text[s_span.start..subj_start.max(s_span.start)].trim_end();
                        // "CLAUSE, one West Virginia official said": the speaker found is the
                        // name inside the noun phrase; its determiner is not said
                        if !inverted {
                            let last = head.rsplit(' ').next().unwrap_or("").to_lowercase();
                            if matches!(
                                last.as_str(),
                                "a" | "an" | "the" | "one" | "another" | "two" | "three" | "some"
                            ) {
                                head = head[..head.len() - last.len()].trim_end();
                            }
                        }
                        let tail = &text[c.span.end..s_span.end];
                        let inside = !inverted
                            && tail.trim_start().starts_with(',')
                            && word_count(tail) >= 3
                            && !Self::adjunct_tail(tail);
                        let head_words = word_count(head);
                        // "Asked if ..., Peskov said", "In a speech last July, he said": a question
                        // or an adverbial before the cue, not what was said
                        let head_first = head
                            .split(|ch: char| !ch.is_alphanumeric())
                            .find(|w| !w.is_empty())
                            .unwrap_or("")
                            .to_lowercase();
                        if !inside
                            && (head_first == "asked"
                                || PREPOSITIONS.contains(&head_first.as_str()) && head_words <= 6)
                        {
                            continue;
                        }
                        // "Marco Rubio says, win or lose in Florida, he’s staying in the race":
                        // the subject opens the sentence and the clause follows the comma
                        let clause_after = tail.trim_start().strip_prefix(',').filter(|rest| {
                            // a named or pronoun subject near the sentence start, not an idiom
                            // ("That said, ...", "All told, ...", "to, say, ...")
                            !inverted
                                && !c.participle
                                && !head.contains(',')
                                && word_count(head) <= 6
                                && c.tok.start > sr.start
                                && self.tok(c.tok.start - 1) != ","
                                && sp.as_ref().is_some_and(|s| {
                                    s.span.end <= c.span.start && (s.pronoun || s.label.is_some())
                                })
                                && word_count(rest) >= 4
                                && !Self::adjunct_tail(tail)
                                // ", including ...": a phrase, not a clause
                                && !rest
                                    .split(|ch: char| !ch.is_alphanumeric())
                                    .find(|w| !w.is_empty())
                                    .is_some_and(|w| w.ends_with("ing"))
                                && !head.split(' ').any(|w| {
                                    let w = w.to_lowercase();
                                    matches!(w.as_str(), "which" | "who" | "that" | "what" | "when")
                                })
                                && !self.cue_words_in(rest)
                                && !self.quotation_opens_in(c.span.end, s_span.end)
                        });
                        if let Some(rest) = clause_after {
                            let start = s_span.end - rest.len();
                            (Span::new(start, s_span.end), sp)
                        } else {
                            if !head.ends_with(',')
                                || head_words < if inside { 1 } else { 4 }
                                || self.in_quote(s_span.start)
                                || head.trim_start().starts_with(is_quote_mark)
                            {
                                continue;
                            }
                            // "Acts of protest, Mr. Obama said, are acts of patriotism": the cue sits inside
                            // the content, which is the whole sentence
                            // "But, Carson added, he did not ...", "In 2008, Trump said, the ...": a short
                            // adverbial lead is the reporter's; the content starts after the cue
                            let lead_word = head
                                .split(|ch: char| !ch.is_alphanumeric())
                                .find(|w| !w.is_empty())
                                .unwrap_or("")
                                .to_lowercase();
                            let adverbial_lead = head_words <= 4
                                && (ADVERBIAL_OPENERS.contains(&lead_word.as_str())
                                    || matches!(
                                        lead_word.as_str(),
                                        "but" | "and" | "or" | "yet" | "so"
                                    )
                                    || lead_word.chars().all(|ch| ch.is_ascii_digit()));
                            if inside && adverbial_lead {
                                let after = c.span.end + tail.find(',').map_or(0, |k| k + 1);
                                (Span::new(after, s_span.end), sp)
                            } else if inside {
                                (s_span, sp)
                            } else {
                                let e = s_span.start + head.len() - 1;
                                (Span::new(s_span.start, e), sp)
                            }
                        }
                    } else {
                        // cut before a following cue of the same sentence: a participle ("..., adding"), or a
                        // new clause with its own cue ("... and said", ", though she acknowledged")
                        let mut end = s_span.end;
                        if let Some(n) = cues
                            .get(ci + 1)
                            .filter(|n| n.sentence == c.sentence && !n.according)
                        {
                            if n.participle {
                                end = text[..n.span.start].trim_end().trim_end_matches(',').len();
                            } else {
                                let first = self.tok_at(rest_start);
                                let cut = (first..n.tok.start).rev().find(|&k| {
                                    matches!(
                                        self.lower[k].as_str(),
                                        "," | "and" | "but" | "though" | "although" | "while" | ";"
                                    )
                                });
                                if let Some(k) = cut.filter(|&k| k > first + 2) {
                                    end = self.doc.tokens[k].span.start;
                                }
                            }
                        }
                        (Span::new(content_start, end.max(content_start)), sp)
                    }
                }
            };
            let mut content = trim_content(text, content);
            // a content running over several cues of its sentence with their own clauses (`He
            // said "yes" He said "yes" He said ...` with no sentence end) is cut before the
            // [`MAX_CUES_CROSSED`]-th of them
            if let Some(cut) = self.crossed_cue_cut(&cues, ci, content) {
                content = trim_content(text, Span::new(content.start, cut));
            }
            // a quotation opened inside the content is never cut in half: the content runs to its
            // closing mark (reported speech going on with a multi-sentence quotation)
            if let Some(m) = self.marks[self.marks_opening_in(content.start, content.end)]
                .iter()
                .find(|m| {
                    m.open >= content.start
                        && m.open < content.end
                        && m.close_end > content.end
                        && self.paragraph_of(m.open) == self.paragraph_of(m.close_end - 1)
                })
            {
                content = trim_content(text, Span::new(content.start, m.close_end));
            }
            // "While the president has said he opposes X, his administration ...": a cue in a
            // subordinate clause opening the sentence reports up to the comma before the main clause
            if let Some(cut) = self.subordinate_cut(&c, content) {
                content = trim_content(text, Span::new(content.start, cut));
            }
            // "said that is a distortion, describing the team as ...": the speaker's further act
            // ends what was said
            if let Some(cut) = self.speaker_act_cut(content) {
                content = trim_content(text, Span::new(content.start, cut));
            }
            // "said in his interview", "said when she resigned ...": an adverbial, not what was
            // said; the reported clause, if any, follows its comma
            let first_word = text[content.range()]
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("")
                .to_lowercase();
            // "has not agreed to ...": an infinitive is not reported speech, but a commitment is
            // ("vowed to go after anyone who ...", "promised to release them")
            let commits = ["vow", "promis", "pledg"]
                .iter()
                .any(|v| self.lower[c.tok.start].starts_with(v));
            let adverbial = PREPOSITIONS.contains(&first_word.as_str())
                && !(commits && first_word == "to")
                || matches!(
                    first_word.as_str(),
                    "when" | "while" | "after" | "before" | "as" | "since" | "during" | "yesterday"
                )
                || model::WEEKDAY_NAMES.contains(&first_word.as_str())
                    // "said Thursday's speeches have ...": a possessive is a noun phrase
                    && !text[content.start + first_word.len()..].starts_with(['\'', '’']);
            // "responded to Sanders more aggressively", "responded by easing sanctions": a
            // reaction, not a statement, unless a reported clause or a quotation follows
            // "declared himself an independent", "revealed itself": a reflexive object
            if matches!(
                first_word.as_str(),
                "himself" | "herself" | "itself" | "themselves" | "myself" | "ourselves"
            ) {
                continue;
            }
            let reacts = self.lower[c.tok.start].starts_with("respond");
            if reacts && adverbial && content.start >= c.span.end {
                continue;
            }
            if adverbial && content.start >= c.span.end {
                // "wrote in both listings he was ...": a reported clause opened by a pronoun
                // subject right after the adverbial
                let t0 = self.tok_at(content.start);
                let pronoun_clause = (t0 + 1..(t0 + 10).min(self.doc.tokens.len()))
                    .take_while(|&t| {
                        self.doc.tokens[t].span.end <= content.end
                            && !matches!(self.tok(t), "," | ";" | ":")
                    })
                    .find(|&t| matches!(self.lower[t].as_str(), "he" | "she" | "they" | "we"));
                match text[content.range()].find(',') {
                    Some(k) if word_count(&text[content.start + k..content.end]) >= 4 => {
                        content = trim_content(text, Span::new(content.start + k + 1, content.end));
                    }
                    _ => match pronoun_clause {
                        Some(t) => {
                            content = trim_content(
                                text,
                                Span::new(self.doc.tokens[t].span.start, content.end),
                            );
                        }
                        None => continue,
                    },
                }
            }
            if content.is_empty() || word_count(&text[content.range()]) < 3 {
                continue;
            }
            if text[content.range()].starts_with("to ") && !commits {
                continue;
            }
            // no named subject: the noun phrase before the cue as written ("40 percent of voters
            // said"); when there is none either, the statement is kept with its speaker unknown
            // "the Saudi government, which has strongly denied any involvement": the name a
            // relative pronoun subject stands for
            let speaker_raw = speaker_raw.or_else(|| self.relative_antecedent(c.tok.start));
            let named = speaker_raw.is_some();
            let speaker_raw = match speaker_raw {
                None if !c.according => self.np_left(c.tok.start, c.sentence),
                s => s,
            };
            // without a named subject, only a reported clause counts ("iMovie added audio
            // editing capabilities" adds a feature, it says nothing)
            if !named && !c.according {
                let t0 = self.tok_at(content.start);
                if !self.opens_clause(t0, self.sentence_of_byte(content.start)) {
                    continue;
                }
            }
            // impersonal "it is reported that"
            if speaker_raw
                .as_ref()
                .is_some_and(|s| s.pronoun && s.text.eq_ignore_ascii_case("it"))
                && text[text.floor_char_boundary(c.span.start.saturating_sub(12))..c.span.start]
                    .to_lowercase()
                    .contains(" is ")
            {
                continue;
            }
            let speaker = self.finish_speaker(speaker_raw, c.span.start, c.span.end, &speakers);
            cues[ci].speaker = speaker.clone();
            // a quotation inside the content opens at most a mark's length before its content
            let inner = self.marks_opening_in(content.start.saturating_sub(4), content.end);
            let mixed = inner.into_iter().any(|qi| {
                let m = &self.marks[qi];
                content.contains(&m.content)
                    && (fragment_of[qi] == Some(ci) || word_count(&text[m.content.range()]) < 8)
            });
            // a direct quote overlapping the content starts at most `direct_max` before it
            let near = direct.partition_point(|q| q.start + direct_max < content.start);
            if direct[near..]
                .iter()
                .take_while(|q| q.start < content.end)
                .any(|q| q.overlaps(&content) && q.len() * 2 > content.len())
            {
                continue;
            }
            let kind = if mixed {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            };
            let conf = match &speaker {
                Some(s) if s.entity.is_some() && !s.pronoun => 0.75,
                Some(s) if s.entity.is_some() => 0.65,
                Some(_) => 0.45,
                None => 0.3,
            };
            if let Some(s) = &speaker {
                add_speaker(&mut speakers, content.start, s);
            }
            quotes.push(self.make(
                content,
                kind,
                Some(c.span.slice(text).to_string()),
                Some(c.span),
                speaker,
                conf,
            ));
        }
        quotes.sort_by_key(|q| q.span.start);
        // "Greene added that the Fed wants out. “They don’t like to talk about it.”": a quotation
        // with no cue right after reported speech carries on that speaker's statement
        for i in 1..quotes.len() {
            let (prev, cur) = (&quotes[i - 1], &quotes[i]);
            let gap = text.get(prev.span.end..cur.span.start).unwrap_or("x");
            if cur.kind == QuoteKind::Direct
                && cur.cue.is_none()
                && prev.kind != QuoteKind::Direct
                && prev.speaker_span.is_some()
                && !gap.chars().any(char::is_alphanumeric)
                && gap.matches('\n').count() <= 2
            {
                let p = prev.clone();
                let q = &mut quotes[i];
                q.speaker = p.speaker;
                q.speaker_span = p.speaker_span;
                q.speaker_entity_id = p.speaker_entity_id;
                q.speaker_canonical = p.speaker_canonical;
            }
        }
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

/// Adds the span of a direct quote to `direct` (sorted by start), `max` the longest.
fn add_direct(direct: &mut Vec<Span>, max: &mut usize, s: Span) {
    let k = direct.partition_point(|q| q.start <= s.start);
    direct.insert(k, s);
    *max = (*max).max(s.len());
}

/// Is the content `s` longer than [`MAX_QUOTE_CHARS`]?
fn overlong(text: &str, s: Span) -> bool {
    s.len() > MAX_QUOTE_CHARS
        && (s.len() > 4 * MAX_QUOTE_CHARS || text[s.range()].chars().count() > MAX_QUOTE_CHARS)
}
