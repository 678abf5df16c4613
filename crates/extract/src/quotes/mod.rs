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

pub mod eval;

pub use eval::{eval_polnear, eval_polnear_dump};

use crate::budget::{
    Budget, Ticker, MAX_CUES_CROSSED, MAX_PRONOUN_CANDIDATES, MAX_QUOTES, MAX_QUOTE_CHARS,
    MAX_TITLE_TOKENS,
};
use crate::doc::Doc;
use crate::index::{first_covering, Intervals};
use crate::ExtractError;
use model::{EntityLabel, EntityMention, Quote, QuoteKind, Span};
use std::cell::Cell;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// The cue lexicon: multi-word cues as word lists, and participles.
struct Lexicon {
    cues: Vec<Vec<String>>,
    participles: HashSet<String>,
    roles: HashSet<&'static str>,
    female: HashSet<&'static str>,
    /// Participles of the speaker's further act (`, describing ...`) that end reported content.
    speaker_acts: HashSet<&'static str>,
    /// Irregular simple-past verb forms (`brought`, `made`).
    irregular_past: HashSet<&'static str>,
}

fn data_lines(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
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
const ADVERBIAL_OPENERS: &[&str] = &[
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

const PREPOSITIONS: &[&str] = &[
    "of", "to", "with", "from", "by", "for", "in", "at", "on", "about", "between", "against",
    "into", "over", "under", "toward", "towards", "near", "than", "like", "through", "without",
    "within", "among", "amid", "across", "around", "behind", "beyond", "upon", "onto", "via",
    "per",
];

const CUE_OBJECTS: &[&str] = &[
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

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we"];

/// Auxiliaries and modals: a phrase holding one is a clause (`the approach would fail`), not a
/// speaker or a hearer.
const AUXILIARIES: &[&str] = &[
    "is", "was", "are", "were", "has", "have", "had", "will", "would", "can", "could", "may",
    "might", "should", "must", "does", "did",
];

/// Plural nouns that stand alone as an unnamed speaker: `said officials`, `police said`.
const UNNAMED_HEADS: &[&str] = &[
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

fn is_word(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_alphanumeric())
}

fn capitalised(s: &str) -> bool {
    s.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«' | '‹' | '「' | '‘' | '"' | '\'' | '『')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '”' | '»' | '›' | '」' | '’' | '"' | '\'' | '“' | '』')
}

fn is_quote_mark(c: char) -> bool {
    is_open_mark(c) || is_close_mark(c)
}

/// Paragraphs: text between line breaks (clean text keeps one paragraph a line, blank lines between),
/// trimmed. A quote mark never runs past its line unless the next line opens with a quote mark.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\n' {
            let mut j = i + 1;
            while j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r') {
                j += 1;
            }
            if j <= bytes.len() {
                out.push(Span::new(start, i));
                while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                    j += 1;
                }
                start = j;
                i = j;
                continue;
            }
        }
        i += 1;
    }
    out.push(Span::new(start, text.len()));
    out.into_iter()
        .filter_map(|p| {
            let s = &text[p.range()];
            let lead = s.len() - s.trim_start().len();
            let trail = s.len() - s.trim_end().len();
            (p.len() > lead + trail).then(|| Span::new(p.start + lead, p.end - trail))
        })
        .collect()
}

/// The mark a closing char can close.
fn closes(open: char, close: char) -> bool {
    match open {
        '“' => matches!(close, '”' | '“' | '"'),
        '„' => matches!(close, '“' | '”' | '"'),
        '«' => close == '»',
        '‹' => close == '›',
        '「' => close == '」',
        '『' => close == '』',
        '‘' => matches!(close, '’' | '‘' | '\''),
        '"' => matches!(close, '"' | '”'),
        '\'' => matches!(close, '\'' | '’'),
        _ => false,
    }
}

/// The chars that may open a quotation (see `marks_in`).
const OPENERS: [char; 9] = ['“', '„', '«', '‹', '「', '‘', '"', '\'', '『'];

fn opener_index(c: char) -> usize {
    OPENERS.iter().position(|&o| o == c).unwrap_or(0)
}

/// Maximum length of one quotation before it is cut (a runaway mark in a long paragraph).
const MAX_QUOTE: usize = 3000;

/// Top-level quotations in one paragraph `[p.start, p.end)`; unclosed ones end at the paragraph end.
fn marks_in(text: &str, p: Span) -> (Vec<Marked>, Vec<usize>) {
    // two apostrophes are a double quote mark (''...'', older wire style); same byte length
    let norm = text[p.range()].replace("''", "\"\u{1}");
    let chars: Vec<(usize, char)> = norm.char_indices().collect();
    let mut stack: Vec<(char, usize)> = Vec::new();
    let mut open_count = [0usize; OPENERS.len()];
    let mut out = Vec::new();
    let mut orphans = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !is_quote_mark(c) {
            continue;
        }
        let prev = if k > 0 { Some(chars[k - 1].1) } else { None };
        let next = chars.get(k + 1).map(|x| x.1);
        let prev_space = prev.is_none_or(|c| {
            c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–' | '-' | ':' | '/')
        });
        let next_space = next.is_none_or(|c| {
            c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']')
        });
        let next_letter = next.is_some_and(|c| c.is_alphanumeric());
        let prev_letter = prev.is_some_and(|c| c.is_alphanumeric());
        // Apostrophes: Russia’s, don't, Russians’ (after a letter, before a letter or at a word end).
        // can a mark open on the stack be closed by `c`? (counted per opening char: no scan of a
        // deep stack of unclosed marks)
        let can_close = OPENERS
            .iter()
            .zip(&open_count)
            .any(|(o, &k)| k > 0 && closes(*o, c));
        if matches!(c, '’' | '\'') && prev_letter && (next_letter || !can_close) {
            continue;
        }
        let opening_look = prev_space && !next_space;
        let closing_look = !prev_space || next_space;
        let action_close = match c {
            '”' | '»' | '›' | '」' | '』' => true,
            '’' => can_close,
            '“' => {
                can_close
                    && (closing_look && !opening_look
                        || stack.last().is_some_and(|(o, _)| *o == '„'))
            }
            '"' | '\'' => can_close && closing_look,
            _ => false,
        };
        if action_close {
            if !can_close {
                if stack.is_empty() && matches!(c, '”' | '»' | '」') {
                    orphans.push(p.start + i);
                }
                continue;
            }
            while let Some((o, at)) = stack.pop() {
                open_count[opener_index(o)] -= 1;
                if closes(o, c) {
                    if stack.is_empty() {
                        let cs = p.start + at + o.len_utf8();
                        out.push(Marked {
                            open: p.start + at,
                            content: Span::new(cs, p.start + i),
                            close_end: p.start + i + c.len_utf8(),
                            closed: true,
                        });
                    }
                    break;
                }
            }
            continue;
        }
        let may_open = match c {
            '“' | '„' | '«' | '「' | '『' => true,
            '‹' => !next_space,
            '‘' => !next_space,
            '"' => opening_look || (prev.is_none() && !next_space),
            '\'' => opening_look && next_letter,
            _ => false,
        };
        if may_open {
            open_count[opener_index(c)] += 1;
            stack.push((c, i));
        } else if stack.is_empty() && c == '“' && closing_look {
            // a misused opening mark at the end of a quote with no opener: an orphan closer
            orphans.push(p.start + i);
        }
    }
    if let Some(&(o, at)) = stack.first() {
        let cs = p.start + at + o.len_utf8();
        out.push(Marked {
            open: p.start + at,
            content: Span::new(cs, p.end),
            close_end: p.end,
            closed: false,
        });
    }
    (out, orphans)
}

/// Trims whitespace and trailing orphan marks from a content span.
fn trim_span(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || c == '\'')
            .len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || is_quote_mark(c));
    Span::new(s.start + lead, (s.start + t2.len()).max(s.start + lead))
}

fn word_count(s: &str) -> usize {
    s.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’' && c != '-')
        .filter(|w| w.chars().any(|c| c.is_alphabetic()))
        .count()
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

    /// Role keywords given to each person: `ROLE Name`, `Name, ROLE,` and `ROLE, Name`.
    fn find_roles(&self) -> Vec<(&'d EntityMention, HashSet<String>)> {
        let lex = &*LEX;
        let mut out = Vec::new();
        for m in self
            .doc
            .entities
            .iter()
            .filter(|m| m.label == EntityLabel::Per)
        {
            let mut keys: HashSet<String> = HashSet::new();
            let first = self.tok_at(m.span.start);
            // ROLE Name: contiguous title words before the name
            let mut i = first;
            while i > 0 {
                let w = &self.lower[i - 1];
                let t = self.tok(i - 1);
                if lex.roles.contains(w.as_str())
                    || (capitalised(t) && is_word(t))
                    || matches!(w.as_str(), "of" | "for" | "to")
                {
                    keys.insert(w.clone());
                    i -= 1;
                } else {
                    break;
                }
            }
            // ROLE, Name: "the Secretary General of the Alliance, Jens Stoltenberg"
            if first >= 2 && self.tok(first - 1) == "," {
                let mut j = first - 1;
                let mut seg = Vec::new();
                while j > 0 && !matches!(self.tok(j - 1), "," | "." | ";" | ":") && seg.len() < 10 {
                    seg.push(self.lower[j - 1].clone());
                    j -= 1;
                }
                if seg.iter().any(|w| lex.roles.contains(w.as_str())) {
                    keys.extend(seg);
                }
            }
            // Name, ROLE[,.]
            let last = self.tok_at(m.span.end);
            if last < self.doc.tokens.len() && self.tok(last) == "," {
                let mut j = last + 1;
                let mut seg = Vec::new();
                while j < self.doc.tokens.len()
                    && !matches!(self.tok(j), "," | "." | ";" | ":" | "(")
                    && seg.len() < 10
                {
                    seg.push(self.lower[j].clone());
                    j += 1;
                }
                if seg
                    .first()
                    .is_some_and(|w| lex.roles.contains(w.as_str()) || w == "the")
                    && seg.iter().any(|w| lex.roles.contains(w.as_str()))
                {
                    keys.extend(seg);
                }
            }
            keys.retain(|k| {
                !matches!(k.as_str(), "the" | "of" | "to" | "for" | "a" | "an" | "and")
            });
            if !keys.is_empty() {
                out.push((m, keys));
            }
        }
        out
    }

    /// A name the tagger called MISC right after a title ("Secretary of state Sherman"): a person.
    fn titled(&self, m: &EntityMention) -> bool {
        let t = self.tok_at(m.span.start);
        m.label == EntityLabel::Misc
            && t > 0
            && (LEX.roles.contains(self.lower[t - 1].as_str())
                || matches!(self.lower[t - 1].as_str(), "state" | "affairs"))
            && capitalised(&m.text)
    }

    fn is_female(&self, m: &EntityMention) -> bool {
        let lex = &*LEX;
        let first = m
            .text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lex.female.contains(first.as_str()) {
            return true;
        }
        let cf = m
            .canonical
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lex.female.contains(cf.as_str()) {
            return true;
        }
        self.female_roles.contains(m.entity_id.as_str())
    }

    fn speaker_from_mention(&self, m: &EntityMention) -> Speaker {
        // extend a person's name left over its title ("Kremlin spokesman Dmitry Peskov"); "the Kremlin"
        let lex = &*LEX;
        let first = self.tok_at(m.span.start);
        let mut i = first;
        let mut start = m.span.start;
        if m.label == EntityLabel::Per {
            // never over the sentence start ("…,” said He\n\nDmitry Peskov wrote": no title)
            while i > 0 && self.tok_sent[i - 1] == self.tok_sent[first] {
                let w = &self.lower[i - 1];
                let t = self.tok(i - 1);
                let sent_start = self
                    .doc
                    .sentences
                    .get(self.tok_sent[i - 1])
                    .is_some_and(|s| s.tokens.start == i - 1);
                let titled = lex.roles.contains(w.as_str())
                    || (capitalised(t)
                        && is_word(t)
                        && (!sent_start || self.mention_at_token(i - 1).is_some()));
                let connector = matches!(w.as_str(), "of" | "for" | "to")
                    && i >= 2
                    && (capitalised(self.tok(i - 2))
                        || lex.roles.contains(self.lower[i - 2].as_str()));
                if titled || (connector && i - 1 < first) {
                    if first - i >= MAX_TITLE_TOKENS {
                        self.capped_titles.set(self.capped_titles.get() + 1);
                        break;
                    }
                    i -= 1;
                    start = self.doc.tokens[i].span.start;
                } else {
                    break;
                }
            }
            // never start on a connector
            while start < m.span.start {
                let t = self.tok_at(start);
                if matches!(self.lower[t].as_str(), "of" | "for" | "to") {
                    start = self.doc.tokens[t + 1].span.start;
                } else {
                    break;
                }
            }
        } else if first > 0 && self.lower[first - 1] == "the" {
            start = self.doc.tokens[first - 1].span.start;
        }
        let span = Span::new(start, m.span.end);
        Speaker {
            text: span.slice(self.text()).to_string(),
            span,
            entity: Some((m.entity_id.clone(), m.canonical.clone())),
            label: Some(m.label),
            pronoun: false,
        }
    }

    /// Person (or group) a pronoun at byte `anchor` refers to: the most recent subject or speaker.
    fn resolve_pronoun(
        &self,
        pron: &str,
        anchor: usize,
        speakers: &[(usize, Speaker)],
    ) -> Option<Speaker> {
        let want_per = matches!(pron, "he" | "she" | "i");
        let para = self.paragraph_of(anchor);
        let min_para = para.saturating_sub(2);
        // paragraph_of(pos) >= min_para
        let floor = match min_para {
            0 => 0,
            k => self.paragraphs.get(k).map_or(0, |p| p.start),
        };
        // candidates: subject mentions and resolved speakers before the anchor, in the last three
        // paragraphs; the most recent one that fits (of two at the same place, the speaker, then
        // the first listed)
        let fits = |sp: &Speaker| {
            let Some(label) = sp.label else { return false };
            let ok = if want_per {
                label == EntityLabel::Per
            } else {
                matches!(label, EntityLabel::Org | EntityLabel::Loc)
            };
            if !ok {
                return false;
            }
            if want_per {
                let found = sp
                    .entity
                    .as_ref()
                    .and_then(|(id, c)| self.first_mention.get(&(id.as_str(), c.as_str())));
                if let Some(m) = found {
                    let female = self.is_female(m);
                    if (pron == "she") != female {
                        return false;
                    }
                }
            }
            true
        };
        // `speakers` and `subjects` are sorted by position: walk back from the anchor
        let from_speakers = self
            .latest_fit(
                speakers[..speakers.partition_point(|x| x.0 < anchor)]
                    .iter()
                    .map(|(pos, sp)| (*pos, sp)),
                floor,
                &|sp: &Speaker| sp.entity.is_some() && fits(sp),
            )
            .map(|(pos, sp)| (pos, sp.clone()));
        let subjects = &self.subjects[..self.subjects.partition_point(|m| m.span.start < anchor)];
        let from_subjects = self.latest_fit(
            subjects
                .iter()
                .map(|m| (m.span.start, self.speaker_from_mention(m))),
            floor,
            &fits,
        );
        match (from_speakers, from_subjects) {
            (Some(a), Some(b)) if b.0 > a.0 => Some(b.1),
            (Some(a), _) => Some(a.1),
            (None, b) => b.map(|b| b.1),
        }
    }

    /// Of candidates sorted by position (walked from the last), the last one at or after `floor`
    /// that `fits` (the first listed of several at that position), looking at no more than
    /// [`MAX_PRONOUN_CANDIDATES`].
    fn latest_fit<S: std::borrow::Borrow<Speaker>>(
        &self,
        cands: impl DoubleEndedIterator<Item = (usize, S)>,
        floor: usize,
        fits: &dyn Fn(&Speaker) -> bool,
    ) -> Option<(usize, S)> {
        let mut best: Option<(usize, S)> = None;
        for (k, (pos, sp)) in cands.rev().enumerate() {
            if pos < floor || best.as_ref().is_some_and(|b| pos < b.0) {
                break;
            }
            if k == MAX_PRONOUN_CANDIDATES {
                self.capped_pronouns.set(self.capped_pronouns.get() + 1);
                break;
            }
            if fits(sp.borrow()) {
                best = Some((pos, sp));
            }
        }
        best
    }

    /// Subject-ish mentions: per sentence, the first entity outside quotations not after a preposition.
    fn find_subjects(&self) -> Vec<&'d EntityMention> {
        let mut out = Vec::new();
        let mut seen_sent = HashSet::new();
        let mut person_sent = HashSet::new();
        for m in &self.outside {
            let t = self.tok_at(m.span.start);
            let prev = if t > 0 {
                self.lower[t - 1].as_str()
            } else {
                ""
            };
            if PREPOSITIONS.contains(&prev) || prev == "'s" {
                continue;
            }
            if seen_sent.insert(m.sentence) {
                if m.label == EntityLabel::Per {
                    person_sent.insert(m.sentence);
                }
                out.push(*m);
            } else if m.label == EntityLabel::Per && person_sent.insert(m.sentence) {
                // a sentence led by an organisation or place may still have a person subject
                out.push(*m);
            }
        }
        out
    }

    /// Matches a role noun phrase (`the Secretary General of the Alliance`) to a person.
    // TODO(issue 14): this scans every role given in the article for each role noun phrase
    // (roles x cues); index the roles by head keyword if articles with thousands of titled people
    // turn up (not seen in profiles of 4 MB articles).
    fn resolve_role(&self, words: &[String], anchor: usize) -> Option<&'d EntityMention> {
        let lex = &*LEX;
        let keys: Vec<&String> = words
            .iter()
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "the" | "of" | "to" | "for" | "a" | "an" | "and" | "his" | "her" | "its"
                )
            })
            .collect();
        let head = words
            .iter()
            .rev()
            .find(|w| lex.roles.contains(w.as_str()))?;
        let mut best: Option<(f32, usize, &EntityMention)> = None;
        for (m, rk) in &self.roles {
            if !rk.contains(head.as_str()) {
                continue;
            }
            let overlap = keys.iter().filter(|k| rk.contains(k.as_str())).count() as f32
                / keys.len().max(1) as f32;
            if overlap < 0.5 {
                continue;
            }
            // prefer the closest mention before the anchor, then any
            let dist = if m.span.start <= anchor {
                anchor - m.span.start
            } else {
                usize::MAX / 2 + m.span.start
            };
            if best.is_none_or(|(o, d, _)| overlap > o || (overlap == o && dist < d)) {
                best = Some((overlap, dist, m));
            }
        }
        best.map(|b| b.2)
    }

    /// The subject of a cue starting at token `c` in sentence `si`: nearest non-adverbial comma segment.
    /// The name opening sentence `si`, set off by a comma, with an appositive or a relative clause
    /// after it up to the cue at token `c`: `Marlon Marshall, Clinton's director of state campaigns,
    /// said ...`, `Mike Morrell, a veteran of the CIA who retired in 2013, said ...`.
    fn appositive_opener(&self, c: usize, si: usize) -> Option<Speaker> {
        let mut lo = self.sentence_tokens(si).start;
        // "But Tom Miller, at a consulting firm ..., argues"
        if matches!(
            self.lower.get(lo).map(String::as_str),
            Some("but" | "and" | "so" | "yet")
        ) {
            lo += 1;
        }
        if c <= lo + 1 || self.tok(c - 1) != "," {
            return None;
        }
        let fc = (lo..c - 1)
            .find(|&t| self.tok(t) == ",")
            .filter(|&fc| fc > lo)?;
        let m = self.mention_at_token(lo).filter(|m| {
            matches!(m.label, EntityLabel::Per | EntityLabel::Org) && self.tok_at(m.span.end) == fc
        })?;
        let inner = self.lower.get(fc + 1).map_or("", String::as_str);
        let appositive = matches!(
            inner,
            "a" | "an" | "the" | "who" | "whose" | "which" | "at" | "of" | "from"
        ) || capitalised(self.tok(fc + 1));
        let clean = !(fc + 1..c).any(|t| {
            is_quote_mark(self.tok(t).chars().next().unwrap_or(' '))
                || matches!(self.tok(t), ";" | ":")
        });
        (appositive && clean).then(|| self.speaker_from_mention(m))
    }

    /// The subject opening sentence `si` when a name or a personal pronoun starts it (after a
    /// leading `But`/`And`) with no comma before token `before`: the subject a coordinated cue
    /// shares (`Reid caucused in Nevada and says he voted ...`).
    fn opening_subject(&self, si: usize, before: usize) -> Option<Speaker> {
        let sr = self.sentence_tokens(si);
        let mut t = sr.start;
        if t < before && matches!(self.lower[t].as_str(), "but" | "and") {
            t += 1;
        }
        if t >= before || (t..before).any(|k| matches!(self.tok(k), "," | ";" | ":")) {
            return None;
        }
        let seg: Vec<usize> = (t..before).collect();
        if let Some(m) = self.mention_at_token(t).filter(|m| {
            matches!(m.label, EntityLabel::Per | EntityLabel::Org)
                && m.span.start == self.doc.tokens[t].span.start
        }) {
            return Some(self.speaker_from_mention(m));
        }
        matches!(self.lower[t].as_str(), "he" | "she" | "they" | "i" | "we")
            .then(|| self.subject_in(&seg[..1]))
            .flatten()
    }

    fn subject_left(&self, c: usize, si: usize, floor: usize) -> Option<Speaker> {
        let lex = &*LEX;
        let sr = self.sentence_tokens(si);
        let lo = sr.start.max(floor).min(c);
        if let Some(sp) = self.appositive_opener(c, si) {
            return Some(sp);
        }
        // segments between commas, right to left
        let mut end = c;
        let mut segs = 0;
        while end > lo && segs < 4 {
            let mut start = end;
            while start > lo
                && !matches!(self.tok(start - 1), "," | ";" | ":" | "(" | ")" | "—" | "–")
                && !self.tok(start - 1).chars().all(is_quote_mark)
            {
                start -= 1;
            }
            let mut seg: Vec<usize> = (start..end).collect();
            // "it is reported that relevant sources revealed": the subject follows the subordinator
            if let Some(k) = seg.iter().rposition(|&t| {
                matches!(
                    self.lower[t].as_str(),
                    "that" | "which" | "who" | "whom" | "whether" | "because"
                )
            }) {
                if k > 0 {
                    seg.drain(..=k);
                }
            }
            segs += 1;
            let first_word = seg.first().map(|&t| self.lower[t].as_str()).unwrap_or("");
            // "Sen. Lindsey Graham (R-S.C.) told", "McConnell, R-Ky., said": the name is before
            let tag = seg.first().is_some_and(|&a| {
                let b = self.doc.tokens[*seg.last().unwrap()].span.end;
                party_tag(&self.text()[self.doc.tokens[a].span.start..b])
            });
            let adverbial = tag
                || seg.is_empty()
                || ADVERBIAL_OPENERS.contains(&first_word) && !self.segment_has_subject(&seg);
            if !adverbial {
                if let Some(sp) = self.subject_in(&seg) {
                    return Some(sp);
                }
                // a role or plural noun phrase: "the US undersecretary of state", "Officials"
                let words: Vec<String> = seg
                    .iter()
                    .map(|&t| self.lower[t].clone())
                    .filter(|w| is_word(w))
                    .collect();
                let skip = words
                    .iter()
                    .take_while(|w| {
                        matches!(
                            w.as_str(),
                            "but" | "and" | "so" | "yet" | "also" | "even" | "then"
                        )
                    })
                    .count();
                let np = &words[skip..];
                let aux = |w: &String| {
                    matches!(
                        w.as_str(),
                        "has"
                            | "have"
                            | "had"
                            | "was"
                            | "were"
                            | "is"
                            | "are"
                            | "will"
                            | "would"
                            | "also"
                            | "further"
                            | "did"
                            | "does"
                            | "do"
                            | "not"
                            | "then"
                            | "again"
                            | "repeatedly"
                            | "bluntly"
                            | "later"
                            | "earlier"
                            | "previously"
                            | "already"
                    )
                };
                let np_len = np.iter().take_while(|w| !aux(w)).count();
                // the noun phrase is the subject of the cue only when nothing but auxiliaries and
                // adverbs stands between them ("the talks were hard and said" has another verb)
                let adjacent = np[np_len..].iter().all(aux);
                let np = &np[..np_len];
                if !np.is_empty()
                    && np.len() <= 10
                    && np.iter().any(|w| lex.roles.contains(w.as_str()))
                    && !np.iter().any(|w| PRONOUNS.contains(&w.as_str()))
                {
                    let ts = seg[skip..]
                        .iter()
                        .copied()
                        .filter(|&t| is_word(self.tok(t)))
                        .collect::<Vec<_>>();
                    let (s0, s1) = (ts[0], ts[np.len() - 1]);
                    let span =
                        Span::new(self.doc.tokens[s0].span.start, self.doc.tokens[s1].span.end);
                    let person = self.resolve_role(np, span.start);
                    return Some(Speaker {
                        text: span.slice(self.text()).to_string(),
                        span,
                        entity: person.map(|p| (p.entity_id.clone(), p.canonical.clone())),
                        label: person.map(|p| p.label),
                        pronoun: false,
                    });
                }
                // any other short noun phrase right before the cue ("the company said"): the
                // speaker as written, unresolved
                let det = [
                    "the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
                    "their", "our", "my", "one", "some", "many", "several", "two", "three", "both",
                ];
                let ts: Vec<usize> = seg[skip..]
                    .iter()
                    .copied()
                    .filter(|&t| is_word(self.tok(t)))
                    .collect();
                // "52 percent of voters say", "researchers disclosed": a number or a bare plural
                let opens = np.first().is_some_and(|w| det.contains(&w.as_str()))
                    || ts.first().is_some_and(|&t| capitalised(self.tok(t)))
                    || np
                        .first()
                        .is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
                    || np.len() <= 2
                        && np
                            .last()
                            .is_some_and(|w| UNNAMED_HEADS.contains(&w.as_str()))
                    || np.len() <= 2
                        && np.last().is_some_and(|w| {
                            w.len() > 3
                                && w.ends_with('s')
                                && !w.ends_with("ss")
                                && !w.ends_with("ly")
                        });
                if end == c
                    && adjacent
                    && !np.is_empty()
                    && np.len() <= 6
                    && np.len() == ts.len().min(np.len())
                    && opens
                {
                    let (s0, s1) = (ts[0], ts[np.len() - 1]);
                    let span =
                        Span::new(self.doc.tokens[s0].span.start, self.doc.tokens[s1].span.end);
                    return Some(Speaker {
                        text: span.slice(self.text()).to_string(),
                        span,
                        entity: None,
                        label: None,
                        pronoun: false,
                    });
                }
                // an appositive ("Senator Dianne Feinstein, Democrat of California, said"): the
                // name is in the segment before; anything longer ends the search
                if seg.len() > 8 {
                    return None;
                }
            }
            if start == lo {
                break;
            }
            end = start - 1;
        }
        None
    }

    fn segment_has_subject(&self, seg: &[usize]) -> bool {
        // "For his part, Sherman said": the adverbial opener is in its own segment; a segment that
        // opens with "but"/"and" followed by a name is a clause
        let first = seg.first().map(|&t| self.lower[t].as_str()).unwrap_or("");
        // "While Ramos said that ...", "Although in September she said ...": a subordinate
        // clause with its own subject
        matches!(
            first,
            "while"
                | "although"
                | "though"
                | "when"
                | "after"
                | "before"
                | "since"
                | "because"
                | "if"
                | "once"
                | "but"
                | "and"
                | "or"
                | "so"
                | "also"
                | "then"
                | "now"
                | "even"
                | "yet"
                | "still"
                | "finally"
                | "meanwhile"
        ) && self.subject_in(seg).is_some()
    }

    /// The subject inside a segment: the last person; else the first organisation/place or pronoun.
    fn subject_in(&self, seg: &[usize]) -> Option<Speaker> {
        if seg.is_empty() {
            return None;
        }
        let (s, e) = (
            self.doc.tokens[seg[0]].span.start,
            self.doc.tokens[*seg.last().unwrap()].span.end,
        );
        let ms: Vec<&EntityMention> = self
            .outside
            .iter()
            .copied()
            .filter(|m| {
                m.span.start >= s
                    && m.span.end <= e
                    && (m.label != EntityLabel::Misc || self.titled(m))
            })
            .filter(|m| {
                let t = self.tok_at(m.span.start);
                t == 0
                    || !PREPOSITIONS.contains(&self.lower[t - 1].as_str())
                    || m.label == EntityLabel::Per
            })
            .collect();
        // a person after a relative pronoun belongs to the clause, not to the subject
        if let Some(p) = ms
            .iter()
            .rev()
            .find(|m| m.label == EntityLabel::Per || self.titled(m))
        {
            return Some(self.speaker_from_mention(p));
        }
        // pronoun subject
        for &t in seg {
            let w = self.lower[t].as_str();
            if matches!(w, "he" | "she" | "they" | "it" | "i" | "we") {
                if let Some(m) = ms.first() {
                    if m.span.start < self.doc.tokens[t].span.start {
                        return Some(self.speaker_from_mention(m));
                    }
                }
                return Some(Speaker {
                    text: self.tok(t).to_string(),
                    span: self.doc.tokens[t].span,
                    entity: None,
                    label: None,
                    pronoun: true,
                });
            }
        }
        let m = ms.first()?;
        let mut sp = self.speaker_from_mention(m);
        // "the US undersecretary of state", "NATO officials", "Kremlin spokesman": a role of that body
        let mut t = self.tok_at(m.span.end);
        let mut words = Vec::new();
        let last = *seg.last().unwrap();
        while t <= last
            && (LEX.roles.contains(self.lower[t].as_str())
                || (!words.is_empty()
                    && matches!(
                        self.lower[t].as_str(),
                        "of" | "for" | "to" | "state" | "affairs"
                    )))
        {
            words.push(self.lower[t].clone());
            t += 1;
        }
        if words.iter().any(|w| LEX.roles.contains(w.as_str())) {
            let end = self.doc.tokens[t - 1].span.end;
            sp.span = Span::new(sp.span.start, end);
            sp.text = sp.span.slice(self.text()).to_string();
            let mut all: Vec<String> = vec![m.text.to_lowercase()];
            all.extend(words);
            if let Some(p) = self.resolve_role(&all, sp.span.start) {
                sp.entity = Some((p.entity_id.clone(), p.canonical.clone()));
                sp.label = Some(p.label);
            } else if all.iter().any(|w| {
                LEX.roles.contains(w.as_str())
                    && !w.ends_with('s')
                    && !matches!(w.as_str(), "council" | "ministry" | "delegation")
            }) {
                // "the US deputy secretary of state": a person we cannot name, not the country
                sp.entity = None;
                sp.label = None;
            }
        }
        Some(sp)
    }

    /// Tokens `first..=last` as a speaker written out but not resolved to an entity.
    fn unresolved_speaker(&self, first: usize, last: usize) -> Speaker {
        let span = Span::new(
            self.doc.tokens[first].span.start,
            self.doc.tokens[last].span.end,
        );
        Speaker {
            text: span.slice(self.text()).to_string(),
            span,
            entity: None,
            label: None,
            pronoun: false,
        }
    }

    /// The words right before a cue when no person, organisation or role stands there: `40
    /// percent of Clinton voters said`, `49%, say`, `voters, who said` (the antecedent), kept as
    /// written and unresolved. Auxiliaries and adverbs between subject and cue are skipped; the
    /// phrase stops at punctuation, a subordinator or after 10 words.
    fn np_left(&self, c: usize, si: usize) -> Option<Speaker> {
        const AUX: &[&str] = &[
            "has",
            "have",
            "had",
            "was",
            "were",
            "is",
            "are",
            "will",
            "would",
            "could",
            "may",
            "might",
            "must",
            "should",
            "can",
            "did",
            "does",
            "do",
            "not",
            "also",
            "later",
            "previously",
            "repeatedly",
            "reportedly",
            "publicly",
            "recently",
            "often",
            "long",
            "never",
            "always",
            "once",
            "then",
            "again",
            "already",
            "still",
            "even",
        ];
        const STOPS: &[&str] = &[
            "that", "which", "who", "whom", "when", "while", "after", "before", "because", "if",
            "as", "and", "but", "or", "so", "since", "although", "though", "than", "to", "of",
            "for", "with", "by", "in", "on", "at", "from", "about", "what", "it", "there",
        ];
        let sr = self.sentence_tokens(si);
        let mut t = c;
        while t > sr.start && AUX.contains(&self.lower[t - 1].as_str()) {
            t -= 1;
        }
        // "voters, who said": the relative pronoun stands for the noun phrase before it
        if t > sr.start && matches!(self.lower[t - 1].as_str(), "who" | "which") {
            t -= 1;
            if t > sr.start && self.tok(t - 1) == "," {
                t -= 1;
            }
        }
        // "Just over a quarter, 26 percent, say": an appositive number before the cue
        if t > sr.start && self.tok(t - 1) == "," {
            t -= 1;
        }
        let end = t;
        while t > sr.start && end - t < 10 {
            let w = self.tok(t - 1);
            let wl = self.lower[t - 1].as_str();
            let wordish = w
                .chars()
                .all(|ch| ch.is_alphanumeric() || matches!(ch, '%' | '-' | '\'' | '’' | '.' | '$'))
                && w != ".";
            if !wordish || STOPS.contains(&wl) || PRONOUNS.contains(&wl) || self.cue_words_in(wl) {
                break;
            }
            t -= 1;
        }
        // "recently the company": a leading adverb is not part of the subject (a capitalised
        // "Kelly" is a name)
        while t < end
            && !capitalised(self.tok(t))
            && (self.lower[t].ends_with("ly") || matches!(self.lower[t].as_str(), "now" | "then"))
        {
            t += 1;
        }
        // "... to charge an added cost": a phrase ending on a determiner is no subject
        if t == end
            || !self.tok(t).chars().any(char::is_alphanumeric)
            || matches!(
                self.lower[end - 1].as_str(),
                "a" | "an" | "the" | "its" | "their" | "his" | "her" | "this" | "these" | "those"
            )
        {
            return None;
        }
        Some(self.unresolved_speaker(t, end - 1))
    }

    /// The speaker right after a cue (`said Grushko`, `said Sam A. Greene, director ...`).
    /// A noun phrase right after `according to` ("according to a new poll"), up to the next comma or
    /// the sentence end, as an unresolved speaker.
    fn np_right(&self, c_end: usize, si: usize) -> Option<Speaker> {
        let sr = self.sentence_tokens(si);
        let end = (c_end..sr.end.min(self.lower.len()))
            .find(|&k| matches!(self.tok(k), "," | "." | ";" | ":" | "!" | "?"))
            .unwrap_or(sr.end.min(self.lower.len()));
        if end <= c_end || end - c_end > 10 {
            return None;
        }
        Some(self.unresolved_speaker(c_end, end - 1))
    }

    fn subject_right(&self, c_end: usize, si: usize) -> Option<Speaker> {
        let sr = self.sentence_tokens(si);
        let mut t = c_end;
        // skip the cue's adverbs/objects
        while t < sr.end
            && t < self.lower.len()
            && CUE_OBJECTS.contains(&self.lower[t].as_str())
            && !matches!(self.lower[t].as_str(), "him" | "her" | "them" | "me")
        {
            t += 1;
        }
        if t >= sr.end.min(self.lower.len()) {
            return None;
        }
        let w = self.lower[t].as_str();
        if matches!(w, "he" | "she" | "they" | "it" | "him" | "her" | "them") {
            return Some(Speaker {
                text: self.tok(t).to_string(),
                span: self.doc.tokens[t].span,
                entity: None,
                label: None,
                pronoun: true,
            });
        }
        let b = self.doc.tokens[t].span.start;
        let b2 = if w == "the" && t + 1 < self.lower.len() {
            self.doc.tokens[t + 1].span.start
        } else {
            b
        };
        // a description before the name: "said pollster Frank Luntz", "said Republican political
        // consultant Chris Russell"
        if let Some(m) = (t + 1..(t + 5).min(sr.end)).find_map(|k| {
            let m = self
                .mention_at_token(k)
                .filter(|m| m.label == EntityLabel::Per)?;
            // "noted NBC’s Dante Chinni": a possessive description
            let plain = (t..k).all(|j| {
                (is_word(self.tok(j)) || matches!(self.tok(j), "’s" | "'s"))
                    && !PREPOSITIONS.contains(&self.lower[j].as_str())
                    && !PRONOUNS.contains(&self.lower[j].as_str())
                    && !matches!(self.lower[j].as_str(), "that" | "and" | "but" | "or")
            });
            plain.then_some(m)
        }) {
            return Some(self.speaker_from_mention(m));
        }
        // a title before the name: "said Russian Deputy Foreign Minister Alexander Grushko"
        let mut k = t;
        while k < sr.end
            && k < t + 8
            && (capitalised(self.tok(k))
                || LEX.roles.contains(self.lower[k].as_str())
                || matches!(self.lower[k].as_str(), "the" | "of" | "to" | "for"))
        {
            if let Some(m) = self.mention_at_token(k) {
                let placed = m.span.start == b || m.span.start == b2 || m.label == EntityLabel::Per;
                let near = m.label == EntityLabel::Per || k == t || (k == t + 1 && w == "the");
                if m.label != EntityLabel::Misc && placed && near {
                    return Some(self.speaker_from_mention(m));
                }
            }
            k += 1;
        }
        self.unnamed_right(t, sr.end.min(self.lower.len()))
    }

    /// An unnamed speaker right after the cue, kept as written with no entity: `said a former senior
    /// official`, `said one aide`, `said officials`. The phrase stops before punctuation, a relative
    /// clause or a preposition other than `of`.
    fn unnamed_right(&self, t: usize, end: usize) -> Option<Speaker> {
        const DETERMINERS: &[&str] = &[
            "a", "an", "the", "one", "another", "two", "three", "several", "some", "many", "other",
            "senior", "top", "former", "local",
        ];
        let w = self.lower.get(t)?.as_str();
        if !DETERMINERS.contains(&w) && !UNNAMED_HEADS.contains(&w) {
            return None;
        }
        let mut k = t + 1;
        while k < end
            && k < t + 8
            && is_word(self.tok(k))
            && !PREPOSITIONS.contains(&self.lower[k].as_str())
            && !matches!(
                self.lower[k].as_str(),
                "who" | "that" | "which" | "and" | "but" | "if" | "when" | "as"
            )
            || k < end
                && k < t + 8
                && matches!(
                    self.lower[k].as_str(),
                    "of" | "for" | "at" | "from" | "with"
                )
        {
            k += 1;
        }
        // the phrase ends at a boundary, not in the middle of a clause
        let boundary = k >= end
            || !is_word(self.tok(k))
            || PREPOSITIONS.contains(&self.lower[k].as_str())
            || matches!(
                self.lower[k].as_str(),
                "who" | "that" | "which" | "and" | "but" | "if" | "when" | "as"
            );
        // "..., said the simplistic approach would fail", "said the event brought back memories":
        // a clause, not a speaker; a past form before a role is an adjective ("an elected official")
        // and one before a preposition a modifier ("a lawsuit filed in Manhattan")
        let finite = (t..k).any(|j| AUXILIARIES.contains(&self.lower[j].as_str()))
            || (t + 2..k.saturating_sub(1)).any(|j| {
                let w = self.lower[j].as_str();
                let n = self.lower[j + 1].as_str();
                let past = LEX.irregular_past.contains(w) || w.ends_with("ed") && w.len() > 4;
                past && !LEX.roles.contains(n)
                    && !UNNAMED_HEADS.contains(&n)
                    && !PREPOSITIONS.contains(&n)
            });
        if k == t + 1 && DETERMINERS.contains(&w)
            || !boundary
            || finite
            || PREPOSITIONS.contains(&self.lower[k - 1].as_str())
        {
            return None;
        }
        Some(self.unresolved_speaker(t, k - 1))
    }

    /// Resolves a pronoun speaker; a name fragment right after the cue's sentence wins
    /// (`“...,” he said. Jens Stoltenberg, Secretary General of NATO.`).
    fn finish_speaker(
        &self,
        sp: Option<Speaker>,
        anchor: usize,
        cue_end: usize,
        speakers: &[(usize, Speaker)],
    ) -> Option<Speaker> {
        let mut sp = sp?;
        if !sp.pronoun {
            return Some(sp);
        }
        let pron = match sp.text.to_lowercase().as_str() {
            "him" => "he".to_string(),
            "her" => "she".to_string(),
            "them" => "they".to_string(),
            p => p.to_string(),
        };
        let rest = &self.text()[cue_end..];
        let skipped = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == ',')
                .len();
        let after = cue_end + skipped;
        if rest[..skipped].contains('.') {
            let from = self.outside.partition_point(|m| m.span.start < after);
            if let Some(m) = self.outside[from..]
                .iter()
                .take_while(|m| m.span.start == after)
                .find(|m| m.label == EntityLabel::Per)
            {
                // the fragment has no verb of its own: it ends soon, at a full stop
                let tail = &self.text()[m.span.end..];
                let frag_end = tail.find(['.', '\n']).unwrap_or(tail.len());
                let frag = &tail[..frag_end];
                let has_cue = self.cue_words_in(frag);
                if frag.split_whitespace().count() <= 12
                    && !has_cue
                    && (frag.trim_start().starts_with(',') || frag.trim().is_empty())
                {
                    sp.entity = Some((m.entity_id.clone(), m.canonical.clone()));
                    sp.label = Some(m.label);
                    return Some(sp);
                }
            }
        }
        if let Some(r) = self.resolve_pronoun(&pron, anchor, speakers) {
            sp.entity = r.entity;
            sp.label = r.label;
        }
        Some(sp)
    }

    /// Does token `t` (right after a cue) open a reported clause of the same sentence: `that`, a
    /// subject pronoun, a determiner or a name (`says he isn't`, `said the talks`, `said Russia`),
    /// rather than end the sentence or start an adverbial (`said.`, `said on Tuesday`)?
    fn opens_clause(&self, t: usize, si: usize) -> bool {
        if t >= self.sentence_tokens(si).end {
            return false;
        }
        let w = self.lower[t].as_str();
        if matches!(
            w,
            "that" | "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "there"
        ) || PRONOUNS.contains(&w)
        {
            return w != "this"
                || !matches!(
                    self.lower.get(t + 1).map(String::as_str),
                    Some("week" | "month" | "year" | "morning" | "afternoon" | "evening")
                );
        }
        capitalised(self.tok(t))
            && !model::WEEKDAY_NAMES.contains(&w)
            && !model::MONTH_NAMES.contains(&w)
    }

    /// Whether the line holding token `t` is a title-case headline: most of its words (of four
    /// letters or more) capitalised.
    fn title_case_line(&self, t: usize) -> bool {
        let p = self.paragraphs[self.paragraph_of(self.doc.tokens[t].span.start)];
        let words: Vec<&str> = self.text()[p.range()]
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .collect();
        words.len() >= 3
            && words
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .count()
                * 4
                >= words.len() * 3
    }

    /// Whether `tail`, the text after a cue that follows its clause (`CLAUSE, he said, TAIL`),
    /// hangs on the cue rather than going on with the clause: a speech participle (`, adding ...`,
    /// `, citing ...`), a relative clause on the source (`, which tracks ...`) or the reporter's
    /// terms (`, on condition of anonymity`). The content is then the clause alone. Anything
    /// else (`, to take cues from ...`, `, including ...`) continues the clause.
    fn adjunct_tail(tail: &str) -> bool {
        let Some(rest) = tail.trim_start().strip_prefix(',') else {
            return false;
        };
        let mut words = rest
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let first = words.next().unwrap_or("");
        let w = first.to_lowercase();
        first.chars().next().is_some_and(char::is_lowercase)
            && (LEX.participles.contains(&w)
                || matches!(
                    w.as_str(),
                    "who" | "which" | "whose" | "where" | "according" | "citing" | "speaking"
                )
                || w == "on" && words.next() == Some("condition"))
    }

    /// The content framed by the as-clause of cue `c` (`as the Post reported`), in sentence
    /// `s_span`, with the clause's subject: the clause after it (`As the Post reported, CLAUSE`),
    /// the clause before it (`CLAUSE, as police have said.`) or the sentence around it
    /// (`A, as he noted, B`). None when no `as` leads the cue's clause or the cue does not close it.
    fn as_clause_content(&self, c: &Cue, s_span: Span) -> Option<(Span, Option<Speaker>)> {
        let text = self.text();
        let sr = self.sentence_tokens(c.sentence);
        let lo = sr.start.max(c.tok.start.saturating_sub(10));
        let as_tok = (lo..c.tok.start).rev().find(|&t| {
            self.lower[t] == "as" || matches!(self.tok(t), "," | ";" | ":" | "(" | "—" | "–")
        })?;
        if self.lower[as_tok] != "as" || as_tok + 1 >= c.tok.start {
            return None;
        }
        // "as police have previously said": the subject without its auxiliaries and adverbs
        let last = self.back_over(
            c.tok.start,
            as_tok + 2,
            &[
                "has", "have", "had", "was", "were", "is", "are", "did", "also", "once",
            ],
        ) - 1;
        let seg: Vec<usize> = (as_tok + 1..=last).collect();
        let who = self
            .subject_in(&seg)
            .unwrap_or_else(|| self.unresolved_speaker(as_tok + 1, last));
        let as_start = self.doc.tokens[as_tok].span.start;
        // the as-clause ends at the first comma or stop after the cue, a few adverbial words on
        let close = (c.tok.end..sr.end.min(c.tok.end + 6))
            .find(|&t| matches!(self.tok(t), "," | "." | ";" | "!" | "?"))
            .or((c.tok.end >= sr.end).then_some(sr.end))?;
        let after = if close < sr.end {
            self.doc.tokens[close].span.end
        } else {
            s_span.end
        };
        let lead = text[s_span.start..as_start].trim_end();
        let rest = text[after..s_span.end].trim();
        // "But as a Politico reporter noted, CLAUSE": a conjunction before the as-clause
        let conj = matches!(
            lead.to_lowercase().as_str(),
            "but" | "and" | "so" | "yet" | "still"
        );
        let content = if lead.is_empty() || conj {
            // "As the Post reported, CLAUSE"
            (close < sr.end && self.tok(close) == "," && word_count(rest) >= 3)
                .then(|| Span::new(after, s_span.end))?
        } else if lead.ends_with(',') && word_count(lead) >= 3 {
            if word_count(rest) == 0 {
                // "CLAUSE, as police have said."
                Span::new(s_span.start, s_span.start + lead.len() - 1)
            } else {
                // "A, as he noted, B"
                s_span
            }
        } else {
            return None;
        };
        Some((trim_span(text, content), Some(who)))
    }

    /// Where the content of cue `c` ends when the cue sits in a subordinate clause opening its
    /// sentence (`While X has said ..., MAIN CLAUSE`, `Though he insisted that ..., ...`): at the
    /// first comma after the content starts, outside quotations, before a new clause.
    fn subordinate_cut(&self, c: &Cue, content: Span) -> Option<usize> {
        let sr = self.sentence_tokens(c.sentence);
        let mut first = sr.start;
        if matches!(self.lower[first].as_str(), "but" | "and" | "yet") {
            first += 1;
        }
        // the first comma of the content outside quotations (before a new clause when
        // `before_clause`), leaving at least three words
        let comma_cut = |before_clause: bool| {
            let t0 = self.tok_at(content.start);
            let k = (t0 + 1..sr.end)
                .take_while(|&t| self.doc.tokens[t].span.end <= content.end)
                .find(|&t| {
                    self.tok(t) == ","
                        && !self.in_quote(self.doc.tokens[t].span.start)
                        && (!before_clause || self.opens_clause(t + 1, c.sentence))
                })?;
            let cut = self.doc.tokens[k].span.start;
            (word_count(&self.text()[content.start..cut]) >= 3).then_some(cut)
        };
        // "Donald J. Trump, who suggested the battle could be left to Russia, are ...": a
        // relative clause set off by commas ends at its closing comma
        let w = self.back_over(c.tok.start, sr.start, &["also", "has", "had", "have"]);
        if w >= sr.start + 2
            && matches!(self.lower[w - 1].as_str(), "who" | "which")
            && self.tok(w - 2) == ","
            && content.start >= c.span.end
        {
            // not when an adverbial of the reported clause follows that comma ("who said he
            // would use it sparingly, in emergency scenarios.")
            let cut = comma_cut(false)?;
            let next = self.tok_at(cut) + 1;
            let adverbial = self
                .lower
                .get(next)
                .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()));
            return (!adverbial).then_some(cut);
        }
        let opener = self.lower.get(first)?.as_str();
        let even = opener == "even"
            && matches!(
                self.lower.get(first + 1).map(String::as_str),
                Some("if" | "though")
            );
        if !even
            && !matches!(
                opener,
                "while"
                    | "though"
                    | "although"
                    | "whereas"
                    | "because"
                    | "if"
                    | "since"
                    | "when"
                    | "after"
                    | "before"
                    | "once"
                    | "unless"
                    | "until"
            )
        {
            return None;
        }
        // the cue belongs to that clause: no comma between its opener and the cue
        if (first..c.tok.start).any(|t| self.tok(t) == ",") || content.start < c.span.end {
            return None;
        }
        comma_cut(true)
    }

    /// Where the run of `-ly` adverbs and `words` ending before token `end` starts, never below
    /// `floor`: what stands between a subject and its cue (`which has strongly denied`).
    fn back_over(&self, end: usize, floor: usize, words: &[&str]) -> usize {
        let mut w = end;
        while w > floor
            && (self.lower[w - 1].ends_with("ly") || words.contains(&self.lower[w - 1].as_str()))
        {
            w -= 1;
        }
        w
    }

    /// The person or organisation a relative pronoun subject of the cue at token `c` stands for:
    /// `the Saudi government, which has strongly denied ...`, `Trump, who has repeatedly pledged ...`.
    fn relative_antecedent(&self, c: usize) -> Option<Speaker> {
        let w = self.back_over(
            c,
            0,
            &["also", "has", "had", "have", "never", "not", "again"],
        );
        if w < 2 || !matches!(self.lower[w - 1].as_str(), "who" | "which") {
            return None;
        }
        let before = if self.tok(w - 2) == "," { w - 2 } else { w - 1 };
        Some(self.speaker_from_mention(self.name_ending_at(before)?))
    }

    /// Where reported content `content` ends before a participle of the speaker's further act
    /// (`, describing ...`, `, citing ...`), outside any quotation: the comma's offset.
    fn speaker_act_cut(&self, content: Span) -> Option<usize> {
        let text = self.text();
        let t0 = self.tok_at(content.start);
        (t0 + 1..self.doc.tokens.len())
            .take_while(|&t| self.doc.tokens[t].span.end <= content.end)
            .find(|&t| {
                self.tok(t - 1) == ","
                    && LEX.speaker_acts.contains(self.lower[t].as_str())
                    && !self.in_quote(self.doc.tokens[t].span.start)
            })
            .map(|t| self.doc.tokens[t - 1].span.start)
            .filter(|&cut| word_count(&text[content.start..cut]) >= 3)
    }

    /// The unused cue that closes paragraph `p` with a colon (`He said:`, `X told reporters on
    /// Tuesday:`): what follows in the next paragraph is what was said.
    fn colon_cue_closing(&self, cues: &[Cue], used: &[bool], p: Span) -> Option<usize> {
        let text = self.text();
        // cues are in text order: those starting in the paragraph
        let lo = cues.partition_point(|c| c.span.start < p.start);
        let hi = cues.partition_point(|c| c.span.start < p.end);
        let (ci, c) = cues[lo..hi]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| c.span.end <= p.end)
            .map(|(k, c)| (lo + k, c))?;
        let after = text[c.span.end..p.end].trim_end();
        (!used[ci] && !c.according && after.ends_with(':') && word_count(after) <= 8).then_some(ci)
    }

    /// Where the content of cue `ci` must end when it runs over [`MAX_CUES_CROSSED`] later cues
    /// of its sentence: before the last of them and the word before it (its subject).
    fn crossed_cue_cut(&self, cues: &[Cue], ci: usize, content: Span) -> Option<usize> {
        let c = &cues[ci];
        let n = cues[ci + 1..]
            .iter()
            .take_while(|n| n.sentence == c.sentence && n.span.start < content.end)
            .filter(|n| n.span.start >= content.start)
            .nth(MAX_CUES_CROSSED - 1)?;
        self.capped_crossings.set(self.capped_crossings.get() + 1);
        let t = n.tok.start;
        let cut = if t > 0 && is_word(self.tok(t - 1)) {
            self.doc.tokens[t - 1].span.start
        } else {
            n.span.start
        };
        Some(cut.max(content.start))
    }

    fn cue_words_in(&self, s: &str) -> bool {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        LEX.cues
            .iter()
            .any(|c| c.len() == 1 && words.contains(&c[0]))
    }

    /// Every speech cue of the article with its own speaker (pronouns not yet resolved).
    fn find_cues(&self) -> Vec<Cue> {
        let lex = &*LEX;
        let n = self.lower.len();
        let mut out: Vec<Cue> = Vec::new();
        let mut i = 0;
        while i < n {
            let mut matched = None;
            for c in &lex.cues {
                // a cue of several words lies within one sentence ("according\n\nto" is none)
                if i + c.len() <= n
                    && c.iter().enumerate().all(|(k, w)| self.lower[i + k] == *w)
                    && self.tok_sent[i + c.len() - 1] == self.tok_sent[i]
                {
                    matched = Some(c);
                    break;
                }
            }
            let Some(c) = matched else {
                i += 1;
                continue;
            };
            let len = c.len();
            let form = c.join(" ");
            let span = Span::new(
                self.doc.tokens[i].span.start,
                self.doc.tokens[i + len - 1].span.end,
            );
            if self.in_quote(span.start) {
                i += len;
                continue;
            }
            // nouns and adjectives that look like cues: "the said", "reports", "states", "claims" after
            // a determiner, "United States"
            let prev = if i > 0 {
                self.lower[i - 1].as_str()
            } else {
                ""
            };
            let noun_like = matches!(
                prev,
                "the"
                    | "a"
                    | "an"
                    | "these"
                    | "those"
                    | "its"
                    | "his"
                    | "her"
                    | "their"
                    | "our"
                    | "member"
                    | "united"
                    | "of"
                    | "baltic"
                    | "gulf"
                    | "other"
                    | "some"
                    | "many"
                    | "all"
                    | "two"
                    | "three"
                    | "new"
                    | "media"
                    | "news"
                    | "press"
                    | "to"
                    | "such"
                    | "and"
                    | "or"
                    | "no"
                    | "any"
                    | "this"
                    | "that"
                    | "european"
                    | "allied"
                    | "western"
                    | "arab"
                    | "nato"
                    | "eu"
                    | "both"
                    | "several"
                    | "island"
                    | "small"
                    | "central"
                    | "neighboring"
                    | "neighbouring"
            );
            // the verb is the cue's first word: "points out" is an -s form, "told reporters" not
            let is_s_form = c[0].ends_with('s') && !c[0].ends_with("ss");
            // "... and says she expects": a form that is never a noun is a coordinated verb
            let verb_only = matches!(
                form.as_str(),
                "says" | "adds" | "tells" | "insists" | "argues" | "warns" | "explains" | "writes"
            ) && matches!(prev, "and" | "or");
            // "CBS News reports that ...": a name ending right before the form is its subject
            let after_name = self.name_ending_at(i).is_some();
            if noun_like
                && !verb_only
                && !after_name
                && (is_s_form || prev == "the" || prev == "united" || prev == "to" || prev == "a")
            {
                i += len;
                continue;
            }
            // "had their say": the noun
            if form == "say"
                && matches!(
                    prev,
                    "his" | "her" | "their" | "its" | "our" | "my" | "your"
                )
            {
                i += len;
                continue;
            }
            let next = self.lower.get(i + len).map_or("", |w| w.as_str());
            // "maintained her status as front-runner", "maintains a lead": keeping, not saying;
            // "maintained that ..." and "maintained his innocence" are statements
            if form.starts_with("maintain") {
                let statement = PRONOUNS.contains(&next)
                    || matches!(next, "that" | "," | ".")
                    || next == "his"
                        && self.lower.get(i + len + 1).is_none_or(|w| w == "innocence")
                    || self
                        .tok_text(i + len)
                        .is_some_and(|w| w.starts_with(is_quote_mark));
                if !statement {
                    i += len;
                    continue;
                }
            }
            // "added to his portfolio", "added up to", "added 1 million jobs": adding, not saying
            if matches!(form.as_str(), "added" | "adds")
                && (matches!(next, "up" | "over")
                    || next.starts_with(|ch: char| ch.is_ascii_digit())
                    // but "added to People", "added to reporters" name a hearer
                    || next == "to"
                        && self.tok_text(i + len + 1).is_some_and(|w| {
                            !capitalised(w) && !matches!(w, "reporters" | "journalists")
                        }))
            {
                i += len;
                continue;
            }
            // "Ryan Grim reported from Washington": a dateline credit
            if form == "reported"
                && next == "from"
                && self.tok_text(i + len + 1).is_some_and(capitalised)
            {
                i += len;
                continue;
            }
            // "33 pledged delegates": a participle used as an adjective
            if form == "pledged" && matches!(next, "delegates" | "delegate") {
                i += len;
                continue;
            }
            // "investigate alleged pay-to-play", "an alleged bias": an adjective before a noun
            if form == "alleged"
                && (PREPOSITIONS.contains(&prev)
                    || matches!(prev, "a" | "an" | "the" | "and" | "or" | "investigate" | "")
                    || self.tok_text(i + 1).is_some_and(|w| {
                        w.chars().next().is_some_and(char::is_lowercase)
                            && !matches!(w, "that" | "he" | "she" | "they" | "it" | "the" | "a")
                    }))
            {
                i += len;
                continue;
            }
            // "States" in a name; but in a title-case headline "Howard Dean Tells Democratic
            // Convention" is a verb after a name
            let headline_verb = i > 0
                && self
                    .mention_at_token(i - 1)
                    .is_some_and(|m| m.label == EntityLabel::Per && self.tok_at(m.span.end) == i)
                && self.title_case_line(i)
                && form != "states";
            if capitalised(self.tok(i)) && is_s_form && form != "says" && !headline_verb {
                i += len;
                continue;
            }
            // passives ("it is reported", "was said") have no speaker of their own
            let mut back = i;
            while back > 0 && self.lower[back - 1].ends_with("ly") {
                back -= 1;
            }
            if back > 0
                && matches!(
                    self.lower[back - 1].as_str(),
                    "is" | "was" | "were" | "are" | "been" | "be" | "being"
                )
                && form != "according to"
                && !self.lower[i].ends_with("ing")
            {
                i += len;
                continue;
            }
            // an -s form is a verb after a subject: a name, a pronoun, an adverb ("independent states")
            if is_s_form && form != "says" && i > 0 {
                // a name before it, but "Southern states", "Rust Belt states" are places
                let after_subject = self.mention_at_token(i - 1).is_some_and(|m| {
                    form != "states" || matches!(m.label, EntityLabel::Per | EntityLabel::Org)
                })
                    || matches!(
                        prev,
                        "he" | "she"
                            | "it"
                            | "who"
                            | "that"
                            | "which"
                            | "also"
                            | "now"
                            | "still"
                            | "but"
                    )
                    || prev.ends_with("ly")
                    // "Dan McAdams, a psychology professor, writes ..."
                    || prev == "," && self.appositive_opener(i, self.tok_sent[i]).is_some()
                    || self.name_set_off_before(i)
                    // "“...,” Brent Bozell III, founder of the Media Research Center, tells": the
                    // cue after a quotation opening the sentence and its speaker's appositive
                    || prev == ","
                        && self
                            .tok_text(self.sentence_tokens(self.tok_sent[i]).start)
                            .is_some_and(|w| w.starts_with(is_open_mark))
                    // "“...,” writes Nate Silver": inverted after a quotation
                    || matches!(prev, "”" | "\"" | "''")
                        && (matches!(
                            form.as_str(),
                            "writes" | "adds" | "tells" | "insists" | "argues" | "explains" | "warns"
                        ) || i >= 2 && self.tok(i - 2) == ",")
                    // "CLAUSE, the lawsuit alleges.": a noun phrase subject closing the sentence
                    || matches!(next, "." | "")
                        && (i.saturating_sub(3)..i).any(|k| {
                            matches!(self.lower[k].as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
                        })
                        && (i.saturating_sub(4)..i).any(|k| self.tok(k) == ",")
                    // "Research suggests that ...", "the suit claims that ...": a verb when a
                    // clause follows and no determiner or modifier makes it a noun
                    // "The ad claims “...”": likewise before a quotation
                    || (next == "that"
                        || self
                            .tok_text(i + len)
                            .is_some_and(|w| w.starts_with(is_open_mark) && w != "'"))
                        && form != "states"
                        && is_word(prev)
                        && !PREPOSITIONS.contains(&prev)
                        && !prev.ends_with("ed")
                        && !prev.ends_with("'s")
                        && !prev.ends_with("’s")
                        && !matches!(
                            prev,
                            "a" | "an"
                                | "his"
                                | "her"
                                | "their"
                                | "its"
                                | "our"
                                | "your"
                                | "my"
                                | "these"
                                | "those"
                                | "such"
                                | "of"
                                | "and"
                                | "or"
                                | "false"
                                | "new"
                                | "similar"
                                | "earlier"
                                | "repeated"
                                | "unfounded"
                                | "baseless"
                                | "previous"
                        );
                if !after_subject {
                    i += len;
                    continue;
                }
            }
            let si = self.tok_sent[i];
            let participle = lex.participles.contains(&form);
            let according = form == "according to";
            let speaker = if according {
                self.subject_right(i + len, si)
                    .or_else(|| self.np_right(i + len, si))
            } else {
                None
            };
            out.push(Cue {
                tok: i..i + len,
                span,
                sentence: si,
                participle,
                according,
                speaker,
            });
            i += len;
        }
        out
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

/// Trims whitespace, trailing sentence punctuation and unbalanced edge marks from reported content.
fn trim_content(text: &str, s: Span) -> Span {
    let t = &text[s.range()];
    let lead = t.len()
        - t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ':' | '–' | '—'))
            .len();
    let t2 = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | ';' | ':'));
    let end = s.start + t2.len();
    Span::new((s.start + lead).min(end), end)
}

/// All top-level quotations of the article: per paragraph, multi-paragraph quotes merged, orphan
/// closers turned into quotes from their sentence start, overlong ones cut.
fn find_marks(text: &str, paragraphs: &[Span], doc: &Doc) -> (Vec<Marked>, usize) {
    let mut cut_count = 0;
    let mut per_para: Vec<(Vec<Marked>, Vec<usize>)> =
        paragraphs.iter().map(|p| marks_in(text, *p)).collect();
    let mut out: Vec<Marked> = Vec::new();
    let mut i = 0;
    while i < per_para.len() {
        let (ms, orphans) = std::mem::take(&mut per_para[i]);
        let marked = Intervals::new(ms.iter().map(|m| Span::new(m.open, m.close_end)));
        let mut ends: Vec<usize> = ms.iter().map(|m| m.close_end).collect();
        ends.sort_unstable();
        let mut ms2 = ms.clone();
        for o in orphans {
            if marked.holds(o) {
                continue;
            }
            // the quote opens at its sentence start (after the last closed quote)
            let si = doc
                .sentences
                .partition_point(|s| s.span.start <= o)
                .saturating_sub(1);
            let mut start = doc
                .sentences
                .get(si)
                .map(|s| s.span.start)
                .unwrap_or(paragraphs[i].start)
                .max(paragraphs[i].start);
            if let Some(&prev) = ends[..ends.partition_point(|&e| e <= o)].last() {
                start = start.max(prev);
            }
            let cs = trim_span(text, Span::new(start, o));
            if word_count(&text[cs.range()]) >= 4 {
                ms2.push(Marked {
                    open: cs.start,
                    content: cs,
                    close_end: o + text[o..].chars().next().map_or(1, |c| c.len_utf8()),
                    closed: true,
                });
            }
        }
        ms2.sort_by_key(|m| m.open);
        for mut m in ms2 {
            // continues on the next paragraph when that one opens with a quote mark (a stray
            // mark on a few words, `''family fortunes.'.')`, is no paragraph-long quotation)
            if !m.closed && word_count(&text[m.content.range()]) >= 5 {
                let mut j = i + 1;
                while j < per_para.len() {
                    let next_start = paragraphs[j].start;
                    let opens = text[next_start..].chars().next().is_some_and(is_open_mark);
                    if !opens {
                        break;
                    }
                    let (nms, _) = &per_para[j];
                    let Some(first) = nms.first().filter(|n| n.open == next_start).cloned() else {
                        break;
                    };
                    m.content = Span::new(m.content.start, first.content.end);
                    m.close_end = first.close_end;
                    m.closed = first.closed;
                    let rest: Vec<Marked> = nms[1..].to_vec();
                    per_para[j].0 = rest;
                    if m.closed {
                        break;
                    }
                    j += 1;
                }
            }
            if m.content.len() > MAX_QUOTE {
                // a runaway quote: cut at the last sentence end within the bound
                let lim = (m.content.start + MAX_QUOTE).min(text.len());
                let mut lim = lim;
                while !text.is_char_boundary(lim) {
                    lim -= 1;
                }
                let cut = text[m.content.start..lim]
                    .rfind(['.', '!', '?'])
                    .map(|k| m.content.start + k + 1)
                    .unwrap_or(lim);
                m.content = Span::new(m.content.start, cut);
                m.close_end = cut;
                cut_count += 1;
            }
            out.push(m);
        }
        i += 1;
    }
    out.sort_by_key(|m| m.open);
    (out, cut_count)
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

/// Adds a resolved speaker at `pos`, keeping `speakers` sorted by position (after those already at
/// `pos`).
fn add_speaker(speakers: &mut Vec<(usize, Speaker)>, pos: usize, sp: &Speaker) {
    let k = speakers.partition_point(|x| x.0 <= pos);
    speakers.insert(k, (pos, sp.clone()));
}

/// Token index after which the subject of cue `ci` must be: the end of the previous cue of the same
/// sentence ("Smith said a 2008 summit concluded that ...": "concluded" is not Smith's).
fn floor_of(cues: &[Cue], ci: usize) -> usize {
    let c = &cues[ci];
    // cues are in sentence order: the earlier cues of the sentence are the last ones before `ci`
    cues[..ci]
        .iter()
        .rev()
        .take_while(|p| p.sentence == c.sentence)
        .find(|p| !p.according && p.tok.end <= c.tok.start)
        .map(|p| p.tok.end)
        .unwrap_or(0)
}

/// Is this a US party-and-state tag after a politician's name (`R-Ky.`, `D-Calif.`, `R-S.C.`,
/// `I-Vt`, `R`), written without its parentheses or comma?
fn party_tag(s: &str) -> bool {
    let mut cs = s.chars();
    let party = cs.next().is_some_and(|c| matches!(c, 'R' | 'D' | 'I'));
    let rest = cs.as_str();
    party
        && s.len() <= 12
        && (rest.is_empty()
            || rest.strip_prefix('-').is_some_and(|state| {
                state.chars().next().is_some_and(char::is_uppercase)
                    && state
                        .chars()
                        .all(|c| c.is_alphabetic() || c == '.' || c == '-')
            }))
}

/// Does a short stretch of text hold a sentence end or a new quotation? Periods of titles and
/// initials (`Mr.`, `Sen.`, `A.`) do not count.
fn has_stop(s: &str) -> bool {
    if s.contains(['!', '?', '“', '"', '«', '\u{1}']) {
        return true;
    }
    s.split_whitespace().any(|w| {
        let closed = w.ends_with(')') || w.ends_with("),");
        let w = w.trim_end_matches([',', ')']).trim_start_matches('(');
        let Some(stem) = w.strip_suffix('.') else {
            return false;
        };
        // "(D-Wis.)", "(R-Ga.)": a state abbreviation in parentheses
        let short = closed
            && stem.rsplit('-').next().is_some_and(|x| {
                x.len() <= 5 && x.chars().next().is_some_and(|c| c.is_uppercase())
            });
        if short || party_tag(w) {
            return false;
        }
        let initial = stem.chars().count() == 1 && stem.chars().all(|c| c.is_uppercase());
        let dotted = stem.contains('.');
        let title = matches!(
            stem,
            "Mr" | "Mrs"
                | "Ms"
                | "Dr"
                | "Sen"
                | "Rep"
                | "Gov"
                | "Gen"
                | "Jr"
                | "Sr"
                | "St"
                | "Lt"
                | "Col"
                | "Prof"
                | "Rev"
                | "Sgt"
                | "Capt"
                | "Adm"
                | "Maj"
                | "Pres"
                | "No"
        );
        !(initial || dotted || title)
    })
}
