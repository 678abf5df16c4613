//! Events: mentions of what happened (or was planned, demanded, threatened), coded in CAMEO.
//!
//! [`CameoLexicon`] holds the coding resources, all data files in the lexicon dir:
//!
//! - `cameo_verbs.txt`: the PETRARCH2 verb pattern dictionary (`CAMEO.2.0.txt`, MIT, see
//!   `cameo_LICENSE`): verb forms, synonym sets and patterns (`- * TALKS [046]`) that refine a verb's
//!   code from the words around it;
//! - `events_triggers.tsv`: lede's own verb and noun triggers for the scope (meetings, intent,
//!   demands, rejections, threats, military posture, force, sanctions, agreements); they take
//!   precedence, PETRARCH patterns refine them or code verbs they do not list;
//! - `events_scope.txt`: the CAMEO roots coded and the light verbs that make a noun an event mention;
//! - `cameo_eventcodes.tsv` (GDELT's code table: labels) and `cameo_goldstein.tsv` (GDELT's Goldstein
//!   scale).
//!
//! [`extract`] finds triggers sentence by sentence, codes them, and fills actors (entities around the
//! trigger), location (a place entity after `in`/`at`), date (the nearest dated timex of the
//! sentence), negation and modality. Every event gets a [`cluster key`](cluster_id) computed from the
//! event alone (no shared state): the same real event reported by several articles gets the same id.
//!
//! Evaluations: [`eval_petrarch`] (event codes on PETRARCH2's validation records), [`eval_ecbplus`]
//! (document clustering induced by cluster ids on ECB+, [`ecbplus`]) and [`eval_meantime_events`]
//! (cross-document event coreference on MEANTIME, [`meantime`]); the scores are in [`coref`] and the
//! corpus reader in [`cat`]. `cargo run --release -p extract --bin eval-events -- --ecbplus DIR
//! --meantime DIR` runs the last two.

pub mod cat;
pub mod coref;
pub mod ecbplus;
pub mod eval;
pub mod meantime;

pub use ecbplus::{eval_ecbplus, TopicSplit};
pub use eval::eval_petrarch;
pub use meantime::eval_meantime_events;

use crate::budget::{Budget, Ticker, MAX_EVENT_MENTIONS};
use crate::doc::Doc;
use crate::ExtractError;
use model::{DatePrecision, EntityLabel, EntityMention, Event, Timex};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One element of a PETRARCH pattern: alternatives, each a sequence of words.
type Alt = Vec<Vec<String>>;

#[derive(Clone, Debug)]
struct Pattern {
    /// Elements before the verb (in text order).
    pre: Vec<Alt>,
    /// Elements after the verb (in text order).
    post: Vec<Alt>,
    /// `None`: "do not code" (`[---]`).
    code: Option<String>,
}

#[derive(Clone, Debug)]
struct VerbBlock {
    code: Option<String>,
    patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
struct VerbForm {
    /// All the words of the form (`meet with` -> [meet, with]).
    words: Vec<String>,
    block: usize,
    code: Option<String>,
}

/// One trigger of lede's own lexicon.
#[derive(Clone, Debug)]
struct Trigger {
    words: Vec<String>,
    code: String,
    noun: bool,
}

/// The CAMEO coding resources, loaded once and shared read-only.
pub struct CameoLexicon {
    labels: HashMap<String, String>,
    goldstein: HashMap<String, f32>,
    blocks: Vec<VerbBlock>,
    /// First word of a verb form -> forms.
    verbs: HashMap<String, Vec<VerbForm>>,
    /// First word of a trigger -> triggers (longest first).
    triggers: HashMap<String, Vec<Trigger>>,
    roots: HashSet<String>,
    light: Vec<Vec<String>>,
    /// Speech verbs: never event triggers (a plain "X said" is a quote).
    speech: HashSet<String>,
    /// Code a PETRARCH verb with its block's code when no pattern matches (PETRARCH's own rule;
    /// used by the validation run, off for news where lede's triggers decide).
    verb_defaults: bool,
}

fn read(dir: &Path, name: &str) -> Result<String, ExtractError> {
    let path = dir.join(name);
    std::fs::read_to_string(&path).map_err(|e| ExtractError::Load {
        what: "CAMEO lexicon",
        path: path.display().to_string(),
        reason: e.to_string(),
    })
}

fn data_lines(s: &str) -> impl Iterator<Item = &str> {
    s.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Regular English forms of a verb: base, 3rd person, past, gerund.
fn regular_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let (s, ed, ing) = if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        )
    } else if base.ends_with('e') {
        (
            format!("{base}s"),
            format!("{base}d"),
            format!("{}ing", base.strip_suffix('e').unwrap_or(base)),
        )
    } else if base.ends_with(['s', 'x', 'z'])
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('o')
    {
        (
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    } else {
        (
            format!("{base}s"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    };
    out.extend([s, ed, ing]);
    out
}

fn parse_code(s: &str) -> Option<String> {
    let c = s.split(':').next().unwrap_or("").trim();
    (!c.is_empty() && c != "---" && c.chars().all(|c| c.is_ascii_digit())).then(|| c.to_string())
}

/// Splits a pattern body into elements: words, `{compound}`, `(phrase)`, `&SET`, `*`.
fn pattern_elements(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '(' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | '}' => {
                depth -= 1;
                cur.push(c);
                if depth <= 0 {
                    out.push(std::mem::take(&mut cur));
                    depth = 0;
                }
            }
            c if c.is_whitespace() && depth == 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl CameoLexicon {
    /// Loads the lexicon from `lexicon_dir` (`data/lexicons`); a missing file is an error naming it.
    pub fn load(lexicon_dir: &Path) -> Result<Self, ExtractError> {
        let mut labels = HashMap::new();
        for l in read(lexicon_dir, "cameo_eventcodes.tsv")?.lines().skip(1) {
            if let Some((code, label)) = l.split_once('\t') {
                labels.insert(code.trim().to_string(), label.trim().to_string());
            }
        }
        let mut goldstein = HashMap::new();
        for l in data_lines(&read(lexicon_dir, "cameo_goldstein.tsv")?) {
            if let Some((code, g)) = l.split_once('\t') {
                if let Ok(g) = g.trim().parse::<f32>() {
                    goldstein.insert(code.trim().to_string(), g);
                }
            }
        }
        let mut roots = HashSet::new();
        let mut light = Vec::new();
        for l in data_lines(&read(lexicon_dir, "events_scope.txt")?) {
            if let Some(r) = l.strip_prefix("root ") {
                roots.insert(r.trim().to_string());
            } else if let Some(v) = l.strip_prefix("light ") {
                light.push(v.split_whitespace().map(str::to_string).collect());
            }
        }
        let mut triggers: HashMap<String, Vec<Trigger>> = HashMap::new();
        for l in data_lines(&read(lexicon_dir, "events_triggers.tsv")?) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let words: Vec<String> = f[0].split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            triggers.entry(first).or_default().push(Trigger {
                words,
                code: f[1].trim().to_string(),
                noun: f[2].trim() == "N",
            });
        }
        for v in triggers.values_mut() {
            v.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        let speech: HashSet<String> = data_lines(&read(lexicon_dir, "speech_cues.txt")?)
            .map(|l| l.strip_prefix("participle ").unwrap_or(l).to_string())
            .filter(|l| !l.contains(' '))
            .collect();
        let (blocks, verbs) = parse_verbs(&read(lexicon_dir, "cameo_verbs.txt")?);
        Ok(CameoLexicon {
            labels,
            goldstein,
            blocks,
            verbs,
            triggers,
            roots,
            light,
            speech,
            verb_defaults: false,
        })
    }

    /// Label of a code (`043` -> `Host a visit`).
    pub fn label(&self, code: &str) -> Option<&str> {
        self.labels.get(code).map(String::as_str)
    }

    /// Goldstein scale of a code, else of its root.
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.goldstein
            .get(code)
            .or_else(|| self.goldstein.get(root_of(code)))
            .copied()
    }

    /// Number of PETRARCH verb blocks and patterns loaded.
    pub fn size(&self) -> (usize, usize) {
        (
            self.blocks.len(),
            self.blocks.iter().map(|b| b.patterns.len()).sum(),
        )
    }
}

/// Parses the PETRARCH2 verb dictionary into blocks and a form index.
fn parse_verbs(text: &str) -> (Vec<VerbBlock>, HashMap<String, Vec<VerbForm>>) {
    let mut sets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut blocks: Vec<VerbBlock> = Vec::new();
    let mut verbs: HashMap<String, Vec<VerbForm>> = HashMap::new();
    let mut cur_set: Option<String> = None;
    let lower_words = |w: &str| -> Vec<String> {
        w.trim_start_matches('+')
            .split('_')
            .filter(|x| !x.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let t = line.trim();
        if t.is_empty() {
            cur_set = None;
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            if !t.contains(' ') {
                cur_set = Some(name.trim().to_string());
                sets.entry(name.trim().to_string()).or_default();
                continue;
            }
        }
        if let (Some(set), Some(w)) = (&cur_set, t.strip_prefix('+')) {
            if blocks.is_empty() {
                sets.entry(set.clone()).or_default().push(lower_words(w));
                continue;
            }
        }
        if t.starts_with("---") {
            // ---  MEET_PEOPLE   [040]  ---
            let code = t
                .find('[')
                .and_then(|a| t[a + 1..].find(']').map(|b| &t[a + 1..a + 1 + b]))
                .and_then(parse_code);
            blocks.push(VerbBlock {
                code,
                patterns: Vec::new(),
            });
            cur_set = None;
            continue;
        }
        let Some(bi) = blocks.len().checked_sub(1) else {
            continue;
        };
        if let Some(body) = t.strip_prefix('-') {
            let Some(open) = body.rfind('[') else {
                continue;
            };
            let code = body[open + 1..].split(']').next().unwrap_or("");
            let code = if code.trim() == "---" {
                None
            } else {
                parse_code(code)
            };
            let elems = pattern_elements(&body[..open]);
            let mut pre = Vec::new();
            let mut post = Vec::new();
            let mut seen_verb = false;
            for e in elems {
                if e == "*" {
                    seen_verb = true;
                    continue;
                }
                let Some(alt) = element_alt(&e, &sets) else {
                    continue;
                };
                if seen_verb {
                    post.push(alt);
                } else {
                    pre.push(alt);
                }
            }
            if !seen_verb || (pre.is_empty() && post.is_empty()) {
                continue;
            }
            blocks[bi].patterns.push(Pattern { pre, post, code });
            continue;
        }
        // a verb line: WORD {FORMS} [code]
        let code_here = t
            .find('[')
            .and_then(|a| t[a + 1..].find(']').map(|b| &t[a + 1..a + 1 + b]));
        let head = t.split(['{', '[']).next().unwrap_or("").trim();
        if head.is_empty() || head.contains(' ') {
            continue;
        }
        let mut forms: Vec<Vec<String>> = Vec::new();
        let base = lower_words(head);
        if base.is_empty() {
            continue;
        }
        if let Some(a) = t.find('{') {
            let inner = t[a + 1..].split('}').next().unwrap_or("");
            forms.push(base.clone());
            for f in inner.split_whitespace() {
                forms.push(lower_words(f));
            }
        } else {
            for f in regular_forms(&base[0]) {
                let mut w = vec![f];
                w.extend(base[1..].iter().cloned());
                forms.push(w);
            }
        }
        let code = match code_here {
            Some(c) if c.trim() == "---" => None,
            Some(c) => parse_code(c).or(blocks[bi].code.clone()),
            None => blocks[bi].code.clone(),
        };
        for words in forms.into_iter().filter(|w| !w.is_empty()) {
            verbs.entry(words[0].clone()).or_default().push(VerbForm {
                words,
                block: bi,
                code: code.clone(),
            });
        }
    }
    (blocks, verbs)
}

/// One pattern element as alternatives; `None` for markers (`$`, `+`, `%`, `^`).
fn element_alt(e: &str, sets: &HashMap<String, Vec<Vec<String>>>) -> Option<Alt> {
    let inner = e
        .trim_start_matches(['(', '{'])
        .trim_end_matches([')', '}']);
    let mut seq_alts: Vec<Vec<String>> = vec![Vec::new()];
    for w in inner.split_whitespace() {
        let w =
            w.trim_matches(|c: char| matches!(c, '$' | '+' | '%' | '^' | '(' | ')' | '{' | '}'));
        if w.is_empty() || w == "*" {
            continue;
        }
        // each word may be a set or alternatives (BY/WITH); expand into a cross product (bounded)
        let options: Vec<Vec<String>> = if let Some(set) = w.strip_prefix('&') {
            sets.get(set.trim_end_matches('_'))
                .or_else(|| sets.get(set))
                .cloned()
                .unwrap_or_default()
        } else {
            w.split('/')
                .map(|x| {
                    x.split('_')
                        .filter(|s| !s.is_empty())
                        .map(str::to_lowercase)
                        .collect()
                })
                .collect()
        };
        if options.is_empty() {
            return None;
        }
        let mut next = Vec::new();
        for s in &seq_alts {
            for o in &options {
                let mut n = s.clone();
                n.extend(o.iter().cloned());
                next.push(n);
                if next.len() > 200 {
                    break;
                }
            }
        }
        seq_alts = next;
    }
    seq_alts.retain(|s| !s.is_empty());
    (!seq_alts.is_empty()).then_some(seq_alts)
}

/// The CAMEO root of a code (`0256` -> `02`).
pub fn root_of(code: &str) -> &str {
    &code[..code.len().min(2)]
}

/// GDELT quad class of a root: 1 verbal cooperation (01-05), 2 material cooperation (06-08),
/// 3 verbal conflict (09-13), 4 material conflict (14-20).
pub fn quad_class(root: &str) -> Option<u8> {
    let r: u8 = root.parse().ok()?;
    Some(match r {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        14..=20 => 4,
        _ => return None,
    })
}

/// Does token `tok` match pattern word `w` (plurals and -s forms allowed)?
fn word_matches(tok: &str, w: &str) -> bool {
    tok == w
        || tok.strip_suffix('s').is_some_and(|t| t == w)
        || tok.strip_suffix("es").is_some_and(|t| t == w)
        || (w.ends_with('y')
            && tok
                .strip_suffix("ies")
                .is_some_and(|t| t == &w[..w.len() - 1]))
}

/// Matches `seq` at token `i`; returns the end.
fn seq_at(lower: &[String], i: usize, seq: &[String], limit: usize) -> Option<usize> {
    if i + seq.len() > limit {
        return None;
    }
    seq.iter()
        .enumerate()
        .all(|(k, w)| word_matches(&lower[i + k], w))
        .then_some(i + seq.len())
}

/// Matches a pattern around a verb at tokens `[vs, ve)` of a sentence `[lo, hi)`; returns the number
/// of words matched and the gap between the verb and its nearest matched element.
fn match_pattern(
    window: usize,
    lower: &[String],
    vs: usize,
    ve: usize,
    lo: usize,
    hi: usize,
    p: &Pattern,
) -> Option<(usize, usize)> {
    let mut score = 0;
    let mut pos = ve;
    let mut gap = usize::MAX;
    for alt in &p.post {
        let mut found = None;
        'outer: for start in pos..(pos + window).min(hi) {
            if matches!(lower[start].as_str(), "," | ";" | "." | ":") {
                break;
            }
            for seq in alt {
                if let Some(e) = seq_at(lower, start, seq, hi) {
                    found = Some((e, seq.len()));
                    break 'outer;
                }
            }
        }
        let (e, n) = found?;
        gap = gap.min(e - n - pos);
        pos = e;
        score += n;
    }
    let mut pos = vs;
    for alt in p.pre.iter().rev() {
        let mut found = None;
        'outer2: for start in (pos.saturating_sub(5).max(lo)..pos).rev() {
            for seq in alt {
                if let Some(e) = seq_at(lower, start, seq, pos) {
                    found = Some((start, e - start));
                    break 'outer2;
                }
            }
        }
        let (s, n) = found?;
        gap = gap.min(pos - (s + n));
        pos = s;
        score += n;
    }
    Some((score, gap))
}

/// A trigger found in a sentence, before actors and dates.
#[derive(Clone, Debug)]
struct Found {
    sentence: usize,
    /// Token range of the trigger.
    tok: std::ops::Range<usize>,
    code: String,
    noun: bool,
    confidence: f32,
}

const DETERMINERS: &[&str] = &[
    "the", "a", "an", "its", "his", "her", "their", "our", "own", "this", "that", "these", "those",
    "any", "no", "new", "first", "last", "final", "next",
];
const LOC_PREPS: &[&str] = &["in", "at", "near", "outside", "inside", "from"];
const PREPOSITIONS: &[&str] = &[
    "of", "to", "with", "from", "by", "for", "in", "at", "on", "about", "between", "against",
    "into", "over", "under", "near", "than", "like", "through", "without", "within", "among",
    "amid", "across", "around", "toward", "towards",
];

/// Codes every event mention of the article.
pub fn extract(doc: &Doc, timexes: &[Timex], cameo: &CameoLexicon) -> Vec<Event> {
    extract_with(doc, timexes, cameo, &Budget::unlimited(), &mut Vec::new())
        .expect("an unlimited budget never runs out")
}

/// [`extract`] within `budget` (checked every few triggers, dates and places); a cap of
/// [`crate::budget`] that bites adds to `notes`.
pub fn extract_with(
    doc: &Doc,
    timexes: &[Timex],
    cameo: &CameoLexicon,
    budget: &Budget,
    notes: &mut Vec<String>,
) -> Result<Vec<Event>, ExtractError> {
    if doc.tokens.is_empty() || doc.sentences.is_empty() {
        return Ok(Vec::new());
    }
    let ix = Index::new(doc);
    let mut tick = budget.ticker("events");
    let mut found: Vec<Found> = Vec::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let (lo, hi) = (s.tokens.start, s.tokens.end.min(ix.lower.len()));
        let mut i = lo;
        while i < hi {
            tick.tick()?;
            match code_at(cameo, &ix, i, lo, hi, doc, doc.text) {
                Some(f) => {
                    let end = f.tok.end;
                    found.push(Found { sentence: si, ..f });
                    i = end;
                }
                None => i += 1,
            }
        }
    }
    let kept = one_per_event(found, &mut tick)?;
    let date_of = dates_of(doc, timexes, &kept, &mut tick)?;
    let place_of = places_of(doc, &ix, &kept, &mut tick)?;
    let mut events = code_events(doc, cameo, &ix, &kept, (&date_of, &place_of), &mut tick)?;
    if ix.capped.get() > 0 {
        notes.push(format!(
            "events: {} trigger(s) in sentences with more than {MAX_EVENT_MENTIONS} entity \
             mentions looked for actors among the {MAX_EVENT_MENTIONS} nearest only",
            ix.capped.get()
        ));
    }
    share_places(&mut events);
    let windowed = set_cluster_ids(doc, &mut events);
    if windowed > 0 {
        notes.push(format!(
            "events: {windowed} event(s) in sentences longer than {MAX_CLUSTER_SENTENCE} bytes: \
             without a date and an anchor, their cluster key takes the text around the trigger, \
             not the whole sentence"
        ));
    }
    Ok(events)
}

/// What [`extract`] looks up for every token or trigger, computed once so that no lookup scans the
/// whole article.
struct Index {
    lower: Vec<String>,
    /// Does the token lie inside an entity mention?
    in_entity: Vec<bool>,
    /// Indices of `doc.entities` by span start (their text order).
    by_start: Vec<usize>,
    /// `possible[i]`: how many tokens before `i` are `possible`.
    possible: Vec<usize>,
    /// `after_boundary[i]`: 1 + the last clause boundary token (`;`, `that`, `which`...) before `i`,
    /// 0 when there is none.
    after_boundary: Vec<usize>,
    /// Triggers whose sentence had more mentions than [`MAX_EVENT_MENTIONS`].
    capped: std::cell::Cell<usize>,
}

impl Index {
    fn new(doc: &Doc) -> Self {
        let lower: Vec<String> = doc
            .tokens
            .iter()
            .map(|t| t.span.slice(doc.text).to_lowercase())
            .collect();
        let n = doc.tokens.len();
        let mut in_entity = vec![false; n];
        for m in doc.entities {
            let mut k = tok_of(doc, m.span.start);
            while k < n && doc.tokens[k].span.end <= m.span.end {
                in_entity[k] = true;
                k += 1;
            }
        }
        let mut by_start: Vec<usize> = (0..doc.entities.len()).collect();
        by_start.sort_by_key(|&i| doc.entities[i].span.start);
        let mut possible = Vec::with_capacity(n + 1);
        let mut after_boundary = Vec::with_capacity(n + 1);
        let (mut p, mut b) = (0, 0);
        for (k, w) in lower.iter().enumerate() {
            possible.push(p);
            after_boundary.push(b);
            p += usize::from(w == "possible");
            if matches!(
                w.as_str(),
                ";" | "that" | "which" | "who" | "while" | "but" | "when"
            ) {
                b = k + 1;
            }
        }
        possible.push(p);
        after_boundary.push(b);
        Index {
            lower,
            in_entity,
            by_start,
            possible,
            after_boundary,
            capped: std::cell::Cell::new(0),
        }
    }

    /// The mentions lying inside sentence `s`, in text order.
    fn mentions_in<'s, 'd: 's>(
        &'s self,
        doc: &Doc<'d>,
        s: &model::Sentence,
    ) -> impl Iterator<Item = &'d EntityMention> + 's {
        let ents: &'d [EntityMention] = doc.entities;
        let first = self
            .by_start
            .partition_point(|&i| ents[i].span.start < s.span.start);
        let (start, end) = (s.span.start, s.span.end);
        self.by_start[first..]
            .iter()
            .map(move |&i| &ents[i])
            .take_while(move |m| m.span.start < end)
            .filter(move |m| m.span.start >= start && m.span.end <= end)
    }
}

/// The triggers of each sentence, `[from, to)` of `kept` (which is in sentence order).
fn of_sentence(kept: &[Found], si: usize) -> std::ops::Range<usize> {
    kept.partition_point(|f| f.sentence < si)..kept.partition_point(|f| f.sentence <= si)
}

/// One mention per event per sentence: "held a meeting" -> one event.
fn one_per_event(found: Vec<Found>, tick: &mut Ticker) -> Result<Vec<Found>, ExtractError> {
    let mut kept: Vec<Found> = Vec::new();
    for f in found {
        tick.tick()?;
        let from = kept.partition_point(|k| k.sentence < f.sentence);
        if let Some(k) = kept[from..].iter_mut().find(|k| {
            k.sentence == f.sentence
                && root_of(&k.code) == root_of(&f.code)
                && f.tok.start <= k.tok.end + 2
        }) {
            // prefer the verb, and the more specific code
            if k.noun && !f.noun {
                *k = f;
            }
            continue;
        }
        kept.push(f);
    }
    Ok(kept)
}

/// The trigger of `kept[range]` nearest token `t` (a noun a little further than a verb), the first
/// of equals.
fn nearest(kept: &[Found], range: std::ops::Range<usize>, t: usize) -> Option<usize> {
    kept[range.clone()]
        .iter()
        .enumerate()
        .min_by_key(|(_, f)| {
            let d = if t >= f.tok.end {
                t - f.tok.end
            } else {
                f.tok.start.saturating_sub(t)
            };
            d + noun_penalty(f)
        })
        .map(|(k, _)| range.start + k)
}

/// Each dated timex goes to the nearest trigger of its sentence.
fn dates_of<'t>(
    doc: &Doc,
    timexes: &'t [Timex],
    kept: &[Found],
    tick: &mut Ticker,
) -> Result<HashMap<usize, &'t Timex>, ExtractError> {
    let mut date_of: HashMap<usize, &Timex> = HashMap::new();
    for t in timexes.iter().filter(|t| t.date.is_some()) {
        tick.tick()?;
        let tt = tok_of(doc, t.span.start);
        if let Some(fi) = nearest(kept, of_sentence(kept, t.sentence), tt) {
            // of coordinated dates ("January 9 and 10") the event takes the last
            match date_of.get(&fi) {
                Some(prev) if coordinated(doc.text, prev, t) => {
                    date_of.insert(fi, t);
                }
                Some(prev) => {
                    let d_prev = dist(doc, &kept[fi], prev);
                    if dist(doc, &kept[fi], t) < d_prev {
                        date_of.insert(fi, t);
                    }
                }
                None => {
                    date_of.insert(fi, t);
                }
            }
        }
    }
    Ok(date_of)
}

/// Each placed location likewise goes to the nearest trigger of its sentence.
fn places_of<'d>(
    doc: &Doc<'d>,
    ix: &Index,
    kept: &[Found],
    tick: &mut Ticker,
) -> Result<HashMap<usize, &'d EntityMention>, ExtractError> {
    let mut place_of: HashMap<usize, &EntityMention> = HashMap::new();
    for (si, s) in doc.sentences.iter().enumerate() {
        let range = of_sentence(kept, si);
        if range.is_empty() {
            continue;
        }
        let ents: Vec<&EntityMention> = ix
            .mentions_in(doc, s)
            .filter(|m| m.label == EntityLabel::Loc)
            .collect();
        // tokens right after a place of the sentence ("Brussels, Belgium": the comma)
        let loc_ends: HashSet<usize> = ents.iter().map(|o| tok_of(doc, o.span.end)).collect();
        for m in ents
            .iter()
            .copied()
            .filter(|m| placed(doc, &ix.lower, m, &loc_ends))
        {
            tick.tick()?;
            let t = tok_of(doc, m.span.start);
            if let Some(fi) = nearest(kept, range.clone(), t) {
                let f = &kept[fi];
                let d = |x: &EntityMention| {
                    let t = tok_of(doc, x.span.start);
                    if t >= f.tok.end {
                        t - f.tok.end
                    } else {
                        f.tok.start.saturating_sub(t)
                    }
                };
                if place_of.get(&fi).is_none_or(|p| d(m) < d(p)) {
                    place_of.insert(fi, m);
                }
            }
        }
    }
    Ok(place_of)
}

/// The mentions of a sentence an actor of the trigger at token `tok` is looked for among: all of
/// them, or the [`MAX_EVENT_MENTIONS`] nearest it in a sentence with more.
fn actor_window<'e>(
    doc: &Doc,
    ix: &Index,
    ents: Vec<&'e EntityMention>,
    tok: usize,
) -> Vec<&'e EntityMention> {
    if ents.len() <= MAX_EVENT_MENTIONS {
        return ents;
    }
    ix.capped.set(ix.capped.get() + 1);
    let at = doc.tokens[tok].span.start;
    let p = ents.partition_point(|m| m.span.start < at);
    let lo = p
        .saturating_sub(MAX_EVENT_MENTIONS / 2)
        .min(ents.len() - MAX_EVENT_MENTIONS);
    ents[lo..lo + MAX_EVENT_MENTIONS].to_vec()
}

/// The events of the kept triggers: actors, place, date, negation and modality (a noun trigger
/// without a light verb, a date or a place of its own is no event).
fn code_events(
    doc: &Doc,
    cameo: &CameoLexicon,
    ix: &Index,
    kept: &[Found],
    (date_of, place_of): (&HashMap<usize, &Timex>, &HashMap<usize, &EntityMention>),
    tick: &mut Ticker,
) -> Result<Vec<Event>, ExtractError> {
    let (text, lower) = (doc.text, &ix.lower);
    let mut events: Vec<Event> = Vec::new();
    for (fi, f) in kept.iter().enumerate() {
        tick.tick()?;
        let s = &doc.sentences[f.sentence];
        let (lo, hi) = (s.tokens.start, s.tokens.end.min(lower.len()));
        let sent_ents: Vec<&EntityMention> = ix
            .mentions_in(doc, s)
            .filter(|m| m.label != EntityLabel::Misc)
            .collect();
        let sent_ents = actor_window(doc, ix, sent_ents, f.tok.start);
        let location = place_of.get(&fi).copied();
        let boundary = ix.after_boundary[f.tok.start].max(lo);
        let pairs = actor_pairs(doc, lower, f, &sent_ents, location, boundary);
        let timex = date_of.get(&fi).copied();
        // noun triggers need a frame: a light verb, or a date or place of their own
        let place_next = location.is_some_and(|m| {
            let t = tok_of(doc, m.span.start);
            t >= f.tok.end && t <= f.tok.end + 3
        });
        if f.noun && !has_light_verb(cameo, lower, f, lo, hi) && timex.is_none() && !place_next {
            continue;
        }
        let negated = negated(lower, f, lo, hi);
        let possible_before = ix.possible[f.tok.start] > ix.possible[lo.min(f.tok.start)];
        let mut modality = modality(lower, f, lo, hi, possible_before);
        if let (Some(t), Some(p)) = (timex.and_then(|t| t.date), doc.published) {
            if t > p && modality == "asserted" {
                modality = "planned".into();
            }
        }
        let code = f.code.clone();
        let root = root_of(&code).to_string();
        let trigger_span = model::Span::new(
            doc.tokens[f.tok.start].span.start,
            doc.tokens[f.tok.end - 1].span.end,
        );
        let mut ev = Event {
            event_id: String::new(),
            sentence: f.sentence,
            trigger: trigger_span.slice(text).to_string(),
            trigger_span,
            label: cameo
                .label(&code)
                .or(cameo.label(&root))
                .unwrap_or("")
                .to_string(),
            quad_class: quad_class(&root),
            goldstein: cameo.goldstein(&code),
            cameo_code: code,
            cameo_root: root,
            actor1: None,
            actor1_entity_id: None,
            actor2: None,
            actor2_entity_id: None,
            location: location.map(|m| m.text.clone()),
            location_entity_id: location.map(|m| m.entity_id.clone()),
            date: timex.and_then(|t| t.date),
            date_precision: timex.and_then(|t| t.precision),
            date_text: timex.map(|t| t.text.clone()),
            negated,
            modality,
            cluster_id: String::new(),
            confidence: f.confidence,
        };
        if ev.date_precision.is_none() && ev.date.is_some() {
            ev.date_precision = Some(DatePrecision::Day);
        }
        // one event per actor pair of compound actors ("X and Y welcomed ... with Z")
        for (a1, a2) in pairs {
            let mut e = ev.clone();
            e.actor1 = a1.map(|m| m.text.clone());
            e.actor1_entity_id = a1.map(|m| m.entity_id.clone());
            e.actor2 = a2.map(|m| m.text.clone());
            e.actor2_entity_id = a2.map(|m| m.entity_id.clone());
            events.push(e);
        }
    }
    Ok(events)
}

/// Within the article, mentions of one event (same root and day) share a known place: the first
/// one's.
fn share_places(events: &mut [Event]) {
    let mut places: HashMap<(String, String), (Option<String>, Option<String>)> = HashMap::new();
    for e in events
        .iter()
        .filter(|e| e.location.is_some() && e.date.is_some())
    {
        places
            .entry((e.cameo_root.clone(), format!("{:?}", e.date)))
            .or_insert_with(|| (e.location.clone(), e.location_entity_id.clone()));
    }
    for e in events
        .iter_mut()
        .filter(|e| e.location.is_none() && e.date.is_some())
    {
        let key = (e.cameo_root.clone(), format!("{:?}", e.date));
        if let Some((l, id)) = places.get(&key) {
            e.location = l.clone();
            e.location_entity_id = id.clone();
        }
    }
}

/// Longest sentence (bytes) whose whole text keys an undated, unanchored event (see
/// [`cluster_id`]); a longer one (no real sentence is) keys it by the text around the trigger.
const MAX_CLUSTER_SENTENCE: usize = 20_000;

/// Fills every event's cluster id; returns how many were keyed by a window of an over-long sentence.
fn set_cluster_ids(doc: &Doc, events: &mut [Event]) -> usize {
    let mut windowed = 0;
    // the canonical name of each entity id: its first mention's
    let mut canonical: HashMap<&str, String> = HashMap::new();
    for m in doc.entities {
        canonical
            .entry(m.entity_id.as_str())
            .or_insert_with(|| m.canonical.to_lowercase());
    }
    for e in events.iter_mut() {
        let canon = |id: &Option<String>| -> Option<String> {
            canonical.get(id.as_ref()?.as_str()).cloned()
        };
        let sent = doc
            .sentences
            .get(e.sentence)
            .map(|s| s.span.slice(doc.text))
            .unwrap_or("");
        let sent = if sent.len() > MAX_CLUSTER_SENTENCE {
            windowed += 1;
            let half = MAX_CLUSTER_SENTENCE / 2;
            let (a, b) = (e.trigger_span.start, e.trigger_span.end);
            let mut lo = a.saturating_sub(half);
            while !doc.text.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (b + half).min(doc.text.len());
            while !doc.text.is_char_boundary(hi) {
                hi += 1;
            }
            &doc.text[lo..hi]
        } else {
            sent
        };
        e.cluster_id = cluster_id(
            &e.cameo_root,
            e.date.zip(e.date_precision),
            doc.published,
            canon(&e.location_entity_id).or_else(|| e.location.as_ref().map(|l| l.to_lowercase())),
            [canon(&e.actor1_entity_id), canon(&e.actor2_entity_id)],
            &e.trigger,
            sent,
        );
    }
    windowed
}

/// The cluster id of an event, from the event and its article's publication date alone (no shared
/// state), so that mentions of the same real event in different articles agree and ids never change
/// as new articles arrive. The *anchor* is the place (`at:` its canonical name) or else the sorted
/// actor set (`by:`):
///
/// - with a date: `C` + 16 hex of blake3(root, date at its precision, anchor);
/// - without a date but with an anchor: blake3(root, `reported:` the publication day, anchor): reports
///   of the same day with the same family and place (or actors) are one event. Without a publication
///   date either (`reported:unknown`, e.g. ECB+), nothing bounds the time and recurrences with the
///   same family and anchor merge: the cost measured on ECB+ (see [`ecbplus`]);
/// - with neither a date nor an anchor: the root, the trigger and the whole sentence (normalised):
///   only a verbatim repeat of the same report (syndicated copy) shares it.
///
/// Dated and undated keys never collide: an undated mention does not join a dated cluster.
pub fn cluster_id(
    root: &str,
    date: Option<(chrono::NaiveDate, DatePrecision)>,
    published: Option<chrono::NaiveDate>,
    place: Option<String>,
    actors: [Option<String>; 2],
    trigger: &str,
    sentence: &str,
) -> String {
    let anchor = match place.filter(|p| !p.trim().is_empty()) {
        Some(pl) => Some(format!("at:{pl}")),
        None => {
            let mut a: Vec<String> = actors
                .into_iter()
                .flatten()
                .filter(|a| !a.trim().is_empty())
                .collect();
            // the most specific actor (longest name, then alphabetical): reports that name the
            // same protagonist with different counterparts agree
            a.sort_by(|x, y| y.chars().count().cmp(&x.chars().count()).then(x.cmp(y)));
            a.first().map(|x| format!("by:{x}"))
        }
    };
    let key = match (date, anchor) {
        (Some((d, p)), anchor) => {
            let ds = match p {
                DatePrecision::Day => d.format("%Y-%m-%d").to_string(),
                DatePrecision::Month => d.format("%Y-%m").to_string(),
                DatePrecision::Year => d.format("%Y").to_string(),
            };
            format!(
                "{root}\u{1f}{ds}\u{1f}{}",
                anchor.unwrap_or_else(|| "by:".into())
            )
        }
        (None, Some(anchor)) => {
            let rep = published.map_or_else(
                || "unknown".to_string(),
                |p| p.format("%Y-%m-%d").to_string(),
            );
            format!("{root}\u{1f}reported:{rep}\u{1f}{anchor}")
        }
        (None, None) => {
            let norm: String = sentence
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            format!(
                "{root}\u{1f}undated\u{1f}{}\u{1f}{norm}",
                trigger.to_lowercase()
            )
        }
    };
    let h = blake3::hash(key.as_bytes()).to_hex();
    format!("C{}", &h.as_str()[..16])
}

/// A date or place attaches to the nearest trigger, a verb before a noun at about the same distance
/// ("will hold talks ... in Vienna, on January 13, which will be the third meeting": the talks).
fn noun_penalty(f: &Found) -> usize {
    if f.noun {
        5
    } else {
        0
    }
}

fn tok_of(doc: &Doc, b: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.start < b)
}

fn dist(doc: &Doc, f: &Found, t: &Timex) -> usize {
    let tt = tok_of(doc, t.span.start);
    if tt >= f.tok.end {
        tt - f.tok.end
    } else {
        f.tok.start.saturating_sub(tt)
    }
}

/// `January 9 and 10`: two dated timexes joined by a coordinator.
fn coordinated(text: &str, a: &Timex, b: &Timex) -> bool {
    let (x, y) = if a.span.end <= b.span.start {
        (a, b)
    } else {
        (b, a)
    };
    let between = text[x.span.end..y.span.start].trim().to_lowercase();
    matches!(
        between.as_str(),
        "and" | "-" | "–" | "to" | "through" | "or"
    )
}

/// The trigger starting at token `i`, coded.
fn code_at(
    cameo: &CameoLexicon,
    ix: &Index,
    i: usize,
    lo: usize,
    hi: usize,
    doc: &Doc,
    text: &str,
) -> Option<Found> {
    let lower = &ix.lower;
    let w = &lower[i];
    if cameo.speech.contains(w) || !w.chars().next().is_some_and(|c| c.is_alphabetic()) {
        return None;
    }
    // capitalised words inside a sentence are names ("Attack" as a title word is rare)
    let tok_text = doc.tokens[i].span.slice(text);
    if i > lo && tok_text.chars().next().is_some_and(|c| c.is_uppercase()) {
        return None;
    }
    if ix.in_entity[i] {
        return None;
    }
    let prev = if i > lo { lower[i - 1].as_str() } else { "" };
    // after a determiner, a possessive or an adjective ("a positive sign") a verb form is a noun
    let adjective = [
        "ive", "al", "ful", "ous", "ic", "ary", "ble", "ent", "ant", "est",
    ]
    .iter()
    .any(|s| prev.len() > 4 && prev.ends_with(s));
    let after_det =
        DETERMINERS.contains(&prev) || prev.ends_with("’s") || prev.ends_with("'s") || adjective;
    // lede's own triggers
    let mut own: Option<(usize, &Trigger)> = None;
    if let Some(ts) = cameo.triggers.get(w) {
        for t in ts {
            if let Some(e) = seq_at(lower, i, &t.words, hi) {
                if t.words.iter().zip(&lower[i..e]).all(|(a, b)| a == b) {
                    // a verb form after a determiner is a noun ("the attack"): look for a noun entry
                    if !t.noun && after_det {
                        continue;
                    }
                    own = Some((e, t));
                    break;
                }
            }
        }
    }
    // PETRARCH verb patterns (verbs only, not after a determiner)
    let mut petr: Option<(usize, String, usize)> = None;
    if !after_det {
        // PETRARCH matches patterns within the verb phrase of a parse; without a parser lede looks
        // a few words on (news), or to the end of the clause (PETRARCH's own validation semantics)
        let window = if cameo.verb_defaults { 12 } else { 3 };
        if let Some(forms) = cameo.verbs.get(w) {
            for f in forms {
                let Some(ve) = seq_at(lower, i, &f.words, hi) else {
                    continue;
                };
                if !f.words.iter().zip(&lower[i..ve]).all(|(a, b)| a == b) {
                    continue;
                }
                let block = &cameo.blocks[f.block];
                let mut best: Option<(usize, Option<String>)> = None;
                for p in &block.patterns {
                    if let Some((score, gap)) = match_pattern(window, lower, i, ve, lo, hi, p) {
                        // one loose word is weak evidence: it must be next to the verb (or after one word)
                        if score < 2 && gap > 1 && !cameo.verb_defaults {
                            continue;
                        }
                        if best.as_ref().is_none_or(|(s, _)| score > *s) {
                            best = Some((score, p.code.clone()));
                        }
                    }
                }
                match best {
                    Some((score, Some(code))) => {
                        if petr.as_ref().is_none_or(|(_, _, s)| score > *s) {
                            petr = Some((ve, code, score));
                        }
                    }
                    Some((_, None)) => {}
                    None => {
                        if let (true, Some(code), None) = (cameo.verb_defaults, &f.code, &petr) {
                            petr = Some((ve, code.clone(), 1));
                        }
                        // the block's own code counts only for verbs lede lists too
                        if let (Some(code), Some((_, t))) = (&f.code, own) {
                            if !t.noun && petr.is_none() && root_of(code) == root_of(&t.code) {
                                petr = Some((ve, code.clone(), 0));
                            }
                        }
                    }
                }
            }
        }
    }
    let in_scope = |c: &str| cameo.roots.contains(root_of(c));
    match (own, petr) {
        (Some((e, t)), Some((pe, code, score)))
            if score > 0
                && in_scope(&code)
                && !t.noun
                && (score >= 2 || root_of(&code) == root_of(&t.code)) =>
        {
            Some(Found {
                sentence: 0,
                tok: i..e.max(pe.min(i + t.words.len())),
                code,
                noun: false,
                confidence: 0.75,
            })
        }
        (Some((e, t)), _) if in_scope(&t.code) => Some(Found {
            sentence: 0,
            tok: i..e,
            code: t.code.clone(),
            noun: t.noun,
            confidence: 0.7,
        }),
        (None, Some((pe, code, score))) if score > 0 && in_scope(&code) => {
            let passive = matches!(
                prev,
                "is" | "are" | "was" | "were" | "be" | "been" | "being"
            );
            let initial_gerund = i == lo && w.ends_with("ing");
            (!passive && !initial_gerund).then_some(Found {
                sentence: 0,
                tok: i..pe,
                code,
                noun: false,
                confidence: 0.6,
            })
        }
        _ => None,
    }
}

fn has_light_verb(cameo: &CameoLexicon, lower: &[String], f: &Found, lo: usize, hi: usize) -> bool {
    let near = |k: usize| -> bool {
        cameo.light.iter().any(|lv| {
            seq_at(lower, k, lv, hi).is_some() && lv.iter().zip(&lower[k..]).all(|(a, b)| a == b)
        })
    };
    // "held talks", "held a meeting", "talks will continue", "the meeting ended", "the meeting, chaired by ..., began"
    let before = (f.tok.start.saturating_sub(4).max(lo)..f.tok.start).any(near);
    let after = (f.tok.end..(f.tok.end + 12).min(hi)).any(near);
    before || after
}

fn negated(lower: &[String], f: &Found, lo: usize, hi: usize) -> bool {
    let neg = |w: &str| {
        matches!(
            w,
            "not"
                | "n't"
                | "never"
                | "no"
                | "without"
                | "nor"
                | "denies"
                | "denied"
                | "deny"
                | "refused"
                | "failed"
                | "cannot"
                | "didn’t"
                | "didn't"
                | "won’t"
                | "won't"
        )
    };
    let before = (f.tok.start.saturating_sub(5).max(lo)..f.tok.start).any(|k| neg(&lower[k]));
    // "the talks did not make any breakthrough": a noun trigger negated by its verb
    let after = f.noun
        && (f.tok.end..(f.tok.end + 4).min(hi)).any(|k| {
            let aux = k > 0
                && matches!(
                    lower[k - 1].as_str(),
                    "did" | "does" | "do" | "has" | "have" | "had" | "will" | "would" | "could"
                );
            (neg(&lower[k]) && aux) || matches!(lower[k].as_str(), "never" | "failed")
        });
    before || after
}

/// `possible_before`: the sentence has `possible` before the trigger.
fn modality(lower: &[String], f: &Found, lo: usize, hi: usize, possible_before: bool) -> String {
    let window: Vec<&str> = lower[f.tok.start.saturating_sub(6).max(lo)..f.tok.start]
        .iter()
        .map(String::as_str)
        .collect();
    let after: Vec<&str> = if f.noun {
        lower[f.tok.end..(f.tok.end + 3).min(hi)]
            .iter()
            .map(String::as_str)
            .collect()
    } else {
        Vec::new()
    };
    let any = |ws: &[&str], set: &[&str]| ws.iter().any(|w| set.contains(w));
    if any(&window, &["if", "unless"]) {
        return "conditional".into();
    }
    if any(
        &window,
        &[
            "demand",
            "demanded",
            "demands",
            "demanding",
            "urged",
            "urge",
            "asked",
            "ask",
            "called",
            "calls",
        ],
    ) && window.contains(&"to")
        || any(&window, &["demanded", "demand"]) && window.contains(&"that")
    {
        return "demanded".into();
    }
    if any(
        &window,
        &[
            "may", "might", "could", "possible", "possibly", "likely", "risk", "prelude", "fears",
            "feared",
        ],
    ) || possible_before
    {
        return "possible".into();
    }
    if any(
        &window,
        &[
            "will",
            "shall",
            "'ll",
            "plans",
            "plan",
            "planned",
            "planning",
            "scheduled",
            "expected",
            "intends",
            "would",
            "preparing",
            "prepares",
            "ready",
            "going",
        ],
    ) || any(&after, &["will", "would", "shall"])
    {
        return "planned".into();
    }
    "asserted".into()
}

/// A place entity written as a place (`in Brussels`, `at the OSCE in Vienna`), not the country after
/// a city (`Brussels, Belgium`).
/// `loc_ends`: the token right after each place of the sentence.
fn placed(doc: &Doc, lower: &[String], m: &EntityMention, loc_ends: &HashSet<usize>) -> bool {
    let t = tok_of(doc, m.span.start);
    let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
    let prev2 = if t > 1 { lower[t - 2].as_str() } else { "" };
    let is_prep = |w: &str| LOC_PREPS.contains(&w) && w != "from";
    // a place ending at the comma (its end token is the comma, token t - 1) ends before m
    let after_comma_loc = prev == "," && loc_ends.contains(&(t - 1));
    (is_prep(prev) || (prev == "the" && is_prep(prev2))) && !after_comma_loc
}

/// The actor pairs of a trigger: compound subjects and objects expand to one pair each
/// (`X and Y welcomed ties with Z` -> X/Z, Y/Z), at most six; a reciprocal pair (`X and Y met`) stays
/// one pair.
fn actor_pairs<'e>(
    doc: &Doc,
    lower: &[String],
    f: &Found,
    ents: &[&'e EntityMention],
    location: Option<&EntityMention>,
    boundary: usize,
) -> Vec<(Option<&'e EntityMention>, Option<&'e EntityMention>)> {
    let (a1, a2) = actors_for(doc, lower, f, ents, location, boundary);
    let trigger_start = doc.tokens[f.tok.start].span.start;
    let reciprocal = a2.is_some_and(|m| m.span.end <= trigger_start);
    if reciprocal {
        return vec![(a1, a2)];
    }
    // the entities coordinated with `first` ("Mordor, Rohan, Fornost and Bree")
    let coordinated = |first: &'e EntityMention| -> Vec<&'e EntityMention> {
        let is_loc = |m: &EntityMention| location.is_some_and(|l| l.span == m.span);
        let mut out = vec![first];
        let mut end = tok_of(doc, first.span.end);
        for m in ents
            .iter()
            .copied()
            .filter(|m| m.span.start >= first.span.end && !is_loc(m))
        {
            let t = tok_of(doc, m.span.start);
            if t < end {
                continue;
            }
            let gap = &lower[end..t];
            let joins = !gap.is_empty()
                && gap.len() <= 3
                && gap
                    .iter()
                    .all(|w| matches!(w.as_str(), "," | "and" | "the" | "or"))
                && gap.iter().any(|w| matches!(w.as_str(), "," | "and"));
            if !joins || (m.span.end > trigger_start && first.span.end <= trigger_start) {
                break;
            }
            if !out.iter().any(|o| o.entity_id == m.entity_id) {
                out.push(m);
            }
            end = tok_of(doc, m.span.end);
        }
        out
    };
    let subjects: Vec<Option<&EntityMention>> = match a1 {
        Some(m) if m.span.end <= trigger_start => coordinated(m).into_iter().map(Some).collect(),
        other => vec![other],
    };
    let objects: Vec<Option<&EntityMention>> = match a2 {
        Some(m) => coordinated(m).into_iter().map(Some).collect(),
        None => vec![None],
    };
    let mut pairs = Vec::new();
    for s in &subjects {
        for o in &objects {
            let same = matches!((s, o), (Some(x), Some(y)) if x.entity_id == y.entity_id);
            if !same && pairs.len() < 6 {
                pairs.push((*s, *o));
            }
        }
    }
    if pairs.is_empty() {
        pairs.push((a1, a2));
    }
    pairs
}

/// Actor 1 (the doer) and actor 2 (the target or partner) of a trigger.
fn actors_for<'e>(
    doc: &Doc,
    lower: &[String],
    f: &Found,
    ents: &[&'e EntityMention],
    location: Option<&EntityMention>,
    boundary: usize,
) -> (Option<&'e EntityMention>, Option<&'e EntityMention>) {
    let is_loc = |m: &EntityMention| location.is_some_and(|l| l.span == m.span);
    let tok = |m: &EntityMention| tok_of(doc, m.span.start);
    let candidates: Vec<&EntityMention> = ents.iter().copied().filter(|m| !is_loc(m)).collect();
    // left: from the last clause boundary before the trigger (`boundary`, the sentence start if none)
    let left: Vec<&EntityMention> = candidates
        .iter()
        .copied()
        .filter(|m| tok(m) >= boundary && m.span.end <= doc.tokens[f.tok.start].span.start)
        .filter(|m| {
            let t = tok(m);
            t == 0 || !(PREPOSITIONS.contains(&lower[t - 1].as_str()) && lower[t - 1] != "between")
        })
        .collect();
    let right: Vec<&EntityMention> = candidates
        .iter()
        .copied()
        .filter(|m| m.span.start >= doc.tokens[f.tok.end - 1].span.end && tok(m) <= f.tok.end + 10)
        .collect();
    let mut a1 = left.first().copied();
    let mut a2 = None;
    // "NATO and Russia met": a coordinated subject is the pair only when there is no object
    let has_object = right.iter().any(|m| {
        let t = tok(m);
        let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
        !LOC_PREPS.contains(&prev) && prev != "between" && prev != ","
    });
    if let (Some(first), false) = (a1, has_object) {
        let e = tok_of(doc, first.span.end);
        // "NATO and Russia met", "the North Atlantic Treaty Organization (NATO) and Russia met"
        a2 = left.iter().copied().find(|m| {
            let t = tok(m);
            t > e
                && m.entity_id != first.entity_id
                && lower[e..t].iter().any(|w| w == "and")
                && lower[e..t].len() <= 5
        });
    }
    // "between X and Y", "with X", "of X"
    for m in &right {
        let t = tok(m);
        let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
        let prev2 = if t > 1 { lower[t - 2].as_str() } else { "" };
        if prev == "between" || prev2 == "between" {
            if a1.is_none() {
                a1 = Some(m);
            } else if a2.is_none() {
                a2 = Some(m);
            }
            let e = tok_of(doc, m.span.end);
            if e < lower.len() && lower[e] == "and" {
                if let Some(n) = right.iter().find(|n| tok(n) == e + 1 || tok(n) == e + 2) {
                    if a1.is_some_and(|x| x.span == m.span) {
                        a2 = Some(n);
                    } else {
                        a2 = a2.or(Some(n));
                    }
                }
            }
            break;
        }
    }
    if a2.is_none() {
        a2 = right.iter().copied().find(|m| {
            let t = tok(m);
            let prev = if t > 0 { lower[t - 1].as_str() } else { "" };
            !LOC_PREPS.contains(&prev)
                && prev != ","
                && a1.is_none_or(|x| x.entity_id != m.entity_id)
        });
    }
    if a1.is_none() && f.noun {
        // "a meeting of NATO military representatives": the "of" phrase is the doer
        if let Some(m) = right.iter().copied().find(|m| {
            let t = tok(m);
            t > 0 && lower[t - 1] == "of"
        }) {
            a1 = Some(m);
            if a2.is_some_and(|x| x.span == m.span) {
                a2 = None;
            }
        }
    }
    if let (Some(x), Some(y)) = (a1, a2) {
        if x.entity_id == y.entity_id {
            a2 = None;
        }
    }
    (a1, a2)
}
