//! The rules of plain-text cleaning: what is body, what is metadata, what is junk.
//!
//! [`clean_text`] takes decoded text (a `.txt` file, or the body of a JSON/HTML article) and gives
//! the cleaned body with its metadata. One pass does, in order:
//!
//! 1. **Header**: YAML front matter or leading `Title:`/`Date:`/`By:` lines, and a date header
//!    glued to the first sentence (` date 2022-01-12 According to...`).
//! 2. **Paragraph rules**, each paragraph on its own: boilerplate (share/subscribe/cookie/comment
//!    form phrases from `crates/clean/lexicons/clean_boilerplate.txt`; a comment-section opener in the
//!    second half removes everything after it), photo captions (`... © Name / Agency`,
//!    `Photo: ...`, `REUTERS/Name`), bylines (`By ...` near the top or the end) and credit lines
//!    (`With EFE and Reuters`, `Reporting by ...`).
//! 3. **Title**: the given title (from metadata) or else the first paragraph when it looks like a
//!    headline (short, no final period, one sentence) *and* the next paragraph does not: the rule
//!    that keeps cleaning idempotent. Paragraphs that repeat the title (`Title(1)`, image alt
//!    texts) are removed.
//! 4. **Dateline** (`BRUSSELS –`, `KYIV, Ukraine, Jan 12 (Reuters) -`) at the start of the body.
//! 5. **Glued credits** at the end of the last paragraph (`...for years./ NYT, AP and REUTERS`).
//! 6. **Date stated in the text** when no header gave one: a date opening the lead
//!    (`On January 13, according to...`, the year taken from the nearest full date in the text),
//!    or a full date in the lead's first sentence.
//!
//! [`clean_text`] repeats the pass until the text no longer changes, so cleaning a cleaned text
//! gives it back unchanged. Every removal is recorded as a [`RemovedBlock`].

use crate::dates::{self, MONTH_RE};
use crate::lexicon;
use crate::normalize;
use crate::Found;
use model::{DateSource, RemovedBlock};
use regex::Regex;
use std::sync::LazyLock;

fn block(kind: &str, text: &str) -> RemovedBlock {
    RemovedBlock {
        kind: kind.to_string(),
        text: text.trim().to_string(),
    }
}

/// Cleans plain text. `known_title` (from metadata) switches title detection off and is used to
/// remove paragraphs repeating it.
pub fn clean_text(raw: &str, known_title: Option<&str>) -> Found {
    let mut found = pass(raw, known_title);
    // A pass that removed nothing only normalised: its output is already a fixpoint.
    let rounds = if found.removed.is_empty() { 0 } else { 32 };
    for _ in 0..rounds {
        // Each round is a fresh clean of the last output: at the fixpoint, cleaning the result
        // again gives it back unchanged.
        let next = pass(&found.text, known_title);
        if next.text == found.text {
            break;
        }
        merge(&mut found, next);
    }
    if found.published.is_none() {
        found.published = text_date(&found.text);
    }
    if found.byline.is_none() {
        found.byline = lead_author(&found.text);
    }
    found
}

static WRITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[,;]\s+(?:writes|reports)\s+(\p{Lu}\p{Ll}+(?:[\s-]+\p{Lu}[\p{Ll}'’-]+){1,3})(?:,|\.|$)",
    )
    .unwrap()
});

/// An author named in the lead (`..., writes Jane Doe, the paper's Moscow correspondent.`); the
/// sentence stays in the text.
fn lead_author(text: &str) -> Option<String> {
    let lead = text.split("\n\n").next()?;
    WRITES.captures(lead).map(|c| c[1].to_string())
}

fn merge(into: &mut Found, next: Found) {
    into.text = next.text;
    into.title = into.title.take().or(next.title);
    into.published = into.published.or(next.published);
    into.byline = into.byline.take().or(next.byline);
    into.dateline = into.dateline.take().or(next.dateline);
    into.url = into.url.take().or(next.url);
    into.language = into.language.take().or(next.language);
    into.credits.extend(next.credits);
    into.removed.extend(next.removed);
}

/// One pass of the rules (see the module doc).
fn pass(raw: &str, known_title: Option<&str>) -> Found {
    let mut f = Found::default();
    let s = normalize::nfc(&normalize::chars(raw));
    let body = header(&s, &mut f);
    let paras = normalize::paragraphs_of_clean(body);
    // Removed blocks keyed by paragraph position (header = 0), sorted at the end so the list
    // reads in document order.
    let mut rm: Vec<(usize, RemovedBlock)> = f.removed.drain(..).map(|b| (0, b)).collect();

    // 2. Paragraph rules.
    let n = paras.len();
    let mut kept: Vec<(usize, String)> = Vec::with_capacity(n);
    let mut in_comments = false;
    for (i, p) in paras.into_iter().enumerate() {
        let at = i + 1;
        if in_comments {
            rm.push((at, block("boilerplate", &p)));
            continue;
        }
        let near_top = i < 4;
        let near_end = i + 3 >= n;
        if let Some(date) = date_line(&p).filter(|_| near_top) {
            if let Some(d) = date {
                f.published.get_or_insert((d, DateSource::Header));
            }
            rm.push((at, block("date_header", &p)));
        } else if let Some(opens_comments) = boilerplate(&p) {
            in_comments = opens_comments && i > 0 && i * 2 >= n;
            rm.push((at, block("boilerplate", &p)));
        } else if is_caption(&p) {
            rm.push((at, block("caption", &p)));
        } else if let Some(name) = byline(&p).filter(|_| near_top || near_end) {
            f.byline.get_or_insert(name);
            rm.push((at, block("byline", &p)));
        } else if let Some(items) = credit_paragraph(&p).filter(|_| near_end && i > 0) {
            f.credits.extend(items);
            rm.push((at, block("credit", &p)));
        } else {
            kept.push((at, p));
        }
    }

    // 3. Title and its repeats. A headline-like first line is removed even when the text's own
    // header named a title (then it is a subtitle): the same rule with or without the header,
    // so that cleaning stays idempotent. Only a title from metadata switches detection off.
    let given = known_title.map(normalize::line).or(f.title.clone());
    let drop_repeats =
        |kept: &mut Vec<(usize, String)>, t: &str, rm: &mut Vec<(usize, RemovedBlock)>| {
            let key = title_key(t);
            kept.retain(|(at, p)| {
                let repeat = !key.is_empty() && title_key(p) == key;
                if repeat {
                    rm.push((*at, block("repeated_title", p)));
                }
                !repeat
            });
        };
    if let Some(t) = &given {
        drop_repeats(&mut kept, t, &mut rm);
    }
    let mut title = given.clone();
    if known_title.is_none() && detect_title(&kept) {
        let (at, t) = kept.remove(0);
        rm.push((
            at,
            block(if given.is_some() { "subtitle" } else { "title" }, &t),
        ));
        drop_repeats(&mut kept, &t, &mut rm);
        title = title.or(Some(t));
    }
    f.title = title;

    // 4. Dateline.
    if let Some(d) = kept.first().and_then(|(_, p)| dateline(p)) {
        if let (Some((m, day)), None) = (d.month_day, f.published) {
            // The year as written, else from the nearest full date of the text, else no date.
            let date = match d.year {
                Some(y) => chrono::NaiveDate::from_ymd_opt(y, m, day),
                None => {
                    let all: Vec<&str> = kept.iter().map(|(_, p)| p.as_str()).collect();
                    dates::infer_year(m, day, &all.join("\n"))
                }
            };
            f.published = date.map(|x| (x, DateSource::Dateline));
        }
        let (at, first) = &mut kept[0];
        rm.push((*at, block("dateline", &first[..d.len])));
        f.dateline = Some(d.place);
        f.credits.extend(d.agency);
        *first = first[d.len..].trim_start().to_string();
        if first.is_empty() {
            kept.remove(0);
        }
    }

    // 5. Credits glued to the end of the last paragraph.
    if let Some((at, last)) = kept.last_mut() {
        if let Some((cut, items)) = glued_credit(last) {
            rm.push((*at, block("credit", &last[cut..])));
            f.credits.extend(items);
            last.truncate(cut);
            *last = last.trim_end().to_string();
            if last.is_empty() {
                kept.pop();
            }
        }
    }

    rm.sort_by_key(|(at, _)| *at);
    f.removed = rm.into_iter().map(|(_, b)| b).collect();
    let paras: Vec<&str> = kept.iter().map(|(_, p)| p.as_str()).collect();
    f.text = normalize::join(&paras);
    f
}

// ---------------------------------------------------------------------------------------------
// 1. Header

static GLUED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^\s*(?:date|dated|published(?: on)?|posted(?: on)?|publication date)\s*[:\-–]?\s*(\d{{4}}-\d{{2}}-\d{{2}}(?:[T ]\d{{2}}:\d{{2}}(?::\d{{2}}(?:\.\d+)?)?(?:Z|[+-]\d{{2}}:?\d{{2}})?)?|{MONTH_RE}\s+\d{{1,2}},?\s+\d{{4}}|\d{{1,2}}\s+{MONTH_RE}\s+\d{{4}})(?:\s+|$)"
    ))
    .unwrap()
});
static HEADER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(title|headline|date|published|publish_date|date_publish|author|authors|by|byline|url|link|source_url|language|lang)\s*:\s*(.+?)\s*$").unwrap()
});

/// Reads the header (front matter, `Key: value` lines, glued date) into `f`; returns the rest.
fn header<'a>(s: &'a str, f: &mut Found) -> &'a str {
    let mut rest = s.trim_start_matches(['\n', ' ']);
    // YAML front matter (Markdown).
    if let Some(after) = rest.strip_prefix("---\n") {
        if let Some(end) = after.find("\n---") {
            let (fm, tail) = after.split_at(end);
            if fm
                .lines()
                .all(|l| l.trim().is_empty() || l.contains(':') || l.starts_with([' ', '-']))
            {
                for l in fm.lines() {
                    header_field(l, f);
                }
                f.removed.push(block("header", &rest[..4 + end + 4]));
                rest = tail[4..].trim_start_matches(['-', '\n', ' ']);
            }
        }
    }
    // Leading `Key: value` lines, as long as they are.
    loop {
        let (line, tail) = rest.split_once('\n').unwrap_or((rest, ""));
        if line.len() > 300 || !HEADER_LINE.is_match(line) || tail.trim().is_empty() {
            break;
        }
        header_field(line, f);
        f.removed.push(block("header", line));
        rest = tail.trim_start_matches(['\n', ' ']);
    }
    // A date header glued to the first sentence.
    if let Some(c) = GLUED_DATE.captures(rest) {
        if let Some(d) = dates::parse(&c[1]) {
            f.published.get_or_insert((d, DateSource::Header));
            let end = c.get(0).unwrap().end();
            f.removed.push(block("date_header", &rest[..end]));
            rest = &rest[end..];
        }
    }
    rest
}

fn header_field(line: &str, f: &mut Found) {
    let Some(c) = HEADER_LINE.captures(line) else {
        return;
    };
    let value = c[2].trim().trim_matches(['"', '\'']).trim();
    if value.is_empty() {
        return;
    }
    match c[1].to_lowercase().as_str() {
        "title" | "headline" => {
            f.title.get_or_insert_with(|| normalize::line(value));
        }
        "date" | "published" | "publish_date" | "date_publish" => {
            if let Some(d) = dates::parse(value) {
                f.published.get_or_insert((d, DateSource::Header));
            }
        }
        "author" | "authors" | "by" | "byline" => {
            f.byline.get_or_insert_with(|| normalize::line(value));
        }
        "url" | "link" | "source_url" => {
            f.url.get_or_insert_with(|| value.to_string());
        }
        "language" | "lang" => {
            f.language = f.language.take().or_else(|| crate::lang::from_tag(value));
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// 2. Paragraph rules

/// Lowercase, with typographic apostrophes made plain, for phrase matching.
fn match_key(p: &str) -> String {
    p.to_lowercase().replace(['’', '‘'], "'")
}

/// A weekday name or its three-letter abbreviation, lower case (`wednesday`, `wed`).
fn is_weekday(w: &str) -> bool {
    model::WEEKDAY_NAMES
        .iter()
        .any(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
}

/// A paragraph that is only a date (`12 January 2022`, `Published: Jan. 12, 2022 18:40 CET`):
/// `Some(Some(date))` for a publication date, `Some(None)` for an update stamp.
fn date_line(p: &str) -> Option<Option<chrono::NaiveDate>> {
    if p.len() > 80 {
        return None;
    }
    let lower = p.to_lowercase();
    let (rest, updated) = match lower.split_once(|c: char| c == ':' || c.is_whitespace()) {
        Some((w, rest)) if ["published", "posted", "date", "dated", "on"].contains(&w) => {
            (rest, false)
        }
        Some((w, rest)) if ["updated", "modified", "last"].contains(&w) => (rest, true),
        _ => (lower.as_str(), false),
    };
    let rest = rest.trim_start_matches(|c: char| c == ':' || c.is_whitespace());
    let all_date_words = rest
        .split(|c: char| c.is_whitespace() || c == ',' || c == '|' || c == '·')
        .map(|t| t.trim_end_matches(':'))
        .filter(|t| !t.is_empty())
        .all(|t| {
            t.chars().all(|c| c.is_ascii_digit() || ":./+-".contains(c))
                || dates::month(t).is_some()
                || is_weekday(t.trim_end_matches('.'))
                || [
                    "am", "pm", "a.m.", "p.m.", "at", "updated", "gmt", "utc", "cet", "cest",
                    "est", "edt", "bst", "pst",
                ]
                .contains(&t)
        });
    if !all_date_words {
        return None;
    }
    let date = dates::parse(rest).or_else(|| dates::full_dates(p).first().copied())?;
    Some((!updated).then_some(date))
}

static SHARE_ROW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:share|tweet|email|e-mail|print|pin|whatsapp|facebook|twitter|x|linkedin|telegram|reddit|copy link|comments?)\s*[|/·•,]?\s*)+$").unwrap()
});
static COPYRIGHT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:copyright|©|\(c\))\s*(?:©\s*)?(?:\d{4}|.{0,80}(?-u:\b)rights reserved)")
        .unwrap()
});
static FOLLOW: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^follow\s+(?:\S+\s+){0,5}on\s+(?:twitter|x|facebook|instagram|threads|bluesky|linkedin|tiktok|telegram)(?-u:\b).{0,60}$").unwrap()
});
static NEWSLETTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:sign up|subscribe|register|get)(?-u:\b).{0,80}(?-u:\b)newsletters?(?-u:\b).{0,80}$").unwrap()
});
static READ_TIME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^\d+\s*(?:min|minutes?)\.?\s+read$").unwrap());
static COMMENT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\d+|no)\s+(?:comments?|responses?|replies)(?-u:\b).{0,60}$").unwrap()
});

/// `Some(opens_comment_section)` when the paragraph is boilerplate.
fn boilerplate(p: &str) -> Option<bool> {
    if p.len() > 300 {
        return None;
    }
    let key = match_key(p);
    for (phrase, opens) in lexicon::BOILERPLATE_PHRASES.iter() {
        if key.starts_with(phrase.as_str()) {
            // A phrase must end at a word boundary ("advertisement", not "advertisements are").
            let next = key[phrase.len()..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                continue;
            }
            // A short phrase followed by lowercase words is a sentence that starts the same way
            // ("Advertisement spending rose..."), not the boilerplate.
            let short = phrase.split_whitespace().count() <= 2;
            let sentence = p.len() == key.len()
                && p.get(phrase.len()..).is_some_and(|rest| {
                    rest.trim_start_matches(' ')
                        .starts_with(|c: char| c.is_lowercase())
                });
            if !(short && sentence) {
                return Some(*opens);
            }
        }
    }
    if COPYRIGHT.is_match(p)
        || READ_TIME.is_match(p)
        || FOLLOW.is_match(p)
        || NEWSLETTER.is_match(p)
    {
        return Some(false);
    }
    if COMMENT_COUNT.is_match(p) {
        return Some(true);
    }
    if p.len() < 120 && SHARE_ROW.is_match(p) {
        return Some(false);
    }
    None
}

static CAPTION_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?ix)(?:
        ©\s*[^©.!?]{2,80}$                                       # ... © Johanna Geron / Reuters
      | (?-u:\b)(?:photo|photograph|picture|image|foto|illustration|graphic)s?(?:\s+(?:by|credit|courtesy))?\s*[:/]\s*[^.!?:]{2,80}$
      | \((?:photo|image|picture|foto|pictured)(?-u:\b)[^()]{0,80}\)$  # (Photo: AFP)
      | (?-u:\b)(?:REUTERS|AP\s+Photo|AFP|EPA(?:-EFE)?|Getty\s+Images|Anadolu)\s*/\s*[\p{L}.'\s-]{2,40}$
      | (?-u:\b)(?:via\s+)?Getty\s+Images$
      | (?-u:\b)photo:\s*\S.{0,80}$
    )").unwrap()
});
static CAPTION_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:file\s+photo|photo|image|picture|pictured|caption|watch|video)\s*[:|]\s*")
        .unwrap()
});

fn is_caption(p: &str) -> bool {
    if p.len() > 500 {
        return false;
    }
    CAPTION_START.is_match(p) || (CAPTION_END.is_match(p) && !p.starts_with('©'))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:by|written by|words by|text by|story by|author:|authors:|von|por|par|di)\s+(.{2,100})$").unwrap()
});
/// Words that start an ordinary phrase after "By" ("By the way", "By 2030").
const NOT_A_NAME: &[&str] = &[
    "the",
    "a",
    "an",
    "this",
    "that",
    "these",
    "those",
    "then",
    "now",
    "way",
    "far",
    "contrast",
    "comparison",
    "then",
    "mid",
    "late",
    "early",
    "noon",
    "midnight",
    "tomorrow",
    "today",
    "tonight",
    "default",
    "design",
    "chance",
    "law",
    "means",
    "all",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "some",
    "most",
    "many",
    "doing",
    "using",
    "making",
    "taking",
];

/// The name of a byline paragraph (`By Jane Doe`, `By yqqlm yqqlm`, `By Jane Doe, Reuters`).
fn byline(p: &str) -> Option<String> {
    let c = BYLINE.captures(p)?;
    let name = c[1].trim().trim_end_matches(['.', ',']);
    let first = name.split_whitespace().next()?.to_lowercase();
    let words = name.split_whitespace().count();
    // "Jane A. Doe" has initials; "Doe. The talks" is a sentence.
    let parts: Vec<&str> = name.split(". ").collect();
    let sentence_like = parts[..parts.len() - 1].iter().any(|w| {
        w.rsplit(' ')
            .next()
            .is_some_and(|last| last.chars().count() > 3)
    });
    if words > 10
        || first.starts_with(|c: char| c.is_ascii_digit())
        || NOT_A_NAME.contains(&first.as_str())
        || name.ends_with(['!', '?'])
        || sentence_like
    {
        return None;
    }
    Some(name.to_string())
}

static CREDIT_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:with|with (?:information|reporting|files|input|reports|material) (?:from|of|by)|with agencies|from|sources?|via|agencies|information|credits?)\s*[:\-–]?\s*(.{2,150}?)\.?$").unwrap()
});
static CREDIT_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:additional\s+)?(?:reporting|writing|editing|research|translation|translated|graphics|photography|photos|video|compiled|produced|fact-checking)(?:\s+and\s+\w+)?\s+by)\s+\p{Lu}[^.!?]{1,100}$").unwrap()
});

static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.!?]{3,150}\s(?:contributed|also contributed)\s(?:reporting\s)?(?:to\s)?(?:this|the)\s(?:report|story|article)\.?$").unwrap()
});

/// Splits a credit list (`EFE and Reuters`, `NYT, W, POST, AP and REUTERS`).
fn credit_items(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    for part in list.split([',', ';', '/', '&']) {
        for item in part.split(" and ") {
            let item = item.trim().trim_matches(['(', ')', '.', ' ']).trim();
            if !item.is_empty() {
                items.push(item.to_string());
            }
        }
    }
    items
}

/// Items that all look like agency names, at least one of them a known one.
fn agency_list(list: &str) -> Option<Vec<String>> {
    let items = credit_items(list);
    let agency_like = |s: &str| {
        lexicon::is_agency(s)
            || (s.len() <= 12 && s.chars().all(|c| c.is_uppercase() || c == '-' || c == '.'))
    };
    (!items.is_empty()
        && items.len() <= 8
        && items.iter().all(|s| agency_like(s))
        && items.iter().any(|s| lexicon::is_agency(s)))
    .then_some(items)
}

/// A paragraph that only credits: `With EFE and Reuters`, `(AFP)`, `Reporting by X; Editing by Y`.
fn credit_paragraph(p: &str) -> Option<Vec<String>> {
    if p.len() > 250 {
        return None;
    }
    if let Some(c) = CREDIT_WITH.captures(p) {
        if let Some(items) = agency_list(&c[1]) {
            return Some(items);
        }
    }
    let bare = p.trim_start_matches(['/', '–', '—', '-', ' ']);
    if let Some(items) = (bare.len() <= 120).then(|| agency_list(bare)).flatten() {
        return Some(items);
    }
    if CONTRIBUTED.is_match(p) {
        return Some(vec![p.trim_end_matches('.').to_string()]);
    }
    // "Reporting by X; Editing by Y": every part names a role and who did it.
    let parts: Vec<&str> = p
        .trim_end_matches('.')
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !parts.is_empty() && parts.iter().all(|s| CREDIT_ROLE.is_match(s)) {
        return Some(parts.iter().map(|s| s.to_string()).collect());
    }
    None
}

static CREDIT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:with (?:information|reporting|files|input|reports) (?:from|of|by)|with|sources?|via|from)\s*:?\s+").unwrap()
});

/// Credits glued after the last sentence: returns the cut position and the items.
fn glued_credit(p: &str) -> Option<(usize, Vec<String>)> {
    let end = p.rfind(['.', '!', '?', '”', '"', '’'])?;
    let cut = end + p[end..].chars().next()?.len_utf8();
    let tail = &p[cut..];
    let t = tail.trim();
    if t.is_empty() || t.len() > 100 || !t.starts_with(['/', '–', '—', '-', '(']) {
        return None;
    }
    let list = t
        .trim_start_matches(['/', '–', '—', '-', ' ', '('])
        .trim_end_matches([')', '.']);
    let list = CREDIT_LEAD.find(list).map_or(list, |m| &list[m.end()..]);
    let items = agency_list(list)?;
    Some((cut, items))
}

// ---------------------------------------------------------------------------------------------
// 3. Title

static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?][”\x22’]?\s+[\p{Lu}“\x22]").unwrap());

/// Does this paragraph look like a headline?
fn title_like(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let first = p.chars().next().unwrap_or(' ');
    (2..=30).contains(&words)
        && p.len() <= 220
        && (first.is_uppercase() || first.is_ascii_digit() || "“\"‘'«„¿¡".contains(first))
        && !p.ends_with(['.', ',', ';', ':', '…'])
        && !p.ends_with(".”")
        && !p.ends_with(".\"")
        && !SENTENCE_BREAK.is_match(p)
}

/// The first paragraph is the title when it looks like one and the next one does not.
fn detect_title(kept: &[(usize, String)]) -> bool {
    let Some((_, first)) = kept.first().filter(|(_, p)| title_like(p)) else {
        return false;
    };
    let key = title_key(first);
    kept[1..]
        .iter()
        .map(|(_, p)| p)
        .find(|p| title_key(p) != key)
        .is_some_and(|next| !title_like(next))
}

static IMAGE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[(\[]\d{1,2}[)\]]$").unwrap());

/// A title compared loosely: no image marker `(1)`, case and trailing punctuation ignored.
fn title_key(p: &str) -> String {
    let p = IMAGE_MARKER.replace(p, "");
    p.trim_end_matches(|c: char| c.is_whitespace() || ".!?".contains(c))
        .to_lowercase()
}

// ---------------------------------------------------------------------------------------------
// 4. Dateline

struct Dateline {
    /// Length in bytes of the dateline prefix, separator included.
    len: usize,
    place: String,
    agency: Option<String>,
    month_day: Option<(u32, u32)>,
    year: Option<i32>,
}

static DATELINE_CAPS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>\p{{Lu}}[\p{{Lu}}\p{{M}}'’.-]+(?:\s+\p{{Lu}}[\p{{Lu}}\p{{M}}'’.-]+){{0,3}}(?:,\s*\p{{Lu}}[\p{{L}}.]+(?:\s+\p{{Lu}}[\p{{L}}.]+){{0,2}})?)(?:,?\s+(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?)?\s*(?:\((?P<ag>[^()]{{2,40}})\))?\s*(?:[–—]\s*|--?\s+)"
    ))
    .unwrap()
});
static DATELINE_AGENCY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?P<place>\p{{Lu}}\p{{Ll}}+(?:\s+\p{{Lu}}\p{{Ll}}+){{0,2}}(?:,\s*\p{{Lu}}[\p{{L}}.]+)?)(?:,?\s+(?:(?P<m1>{MONTH_RE})\s+(?P<d1>\d{{1,2}})|(?P<d2>\d{{1,2}})\s+(?P<m2>{MONTH_RE}))(?:,?\s+(?P<y>\d{{4}}))?)?\s*\((?P<ag>[^()]{{2,40}})\)\s*(?:[–—]\s*|--?\s+)"
    ))
    .unwrap()
});

/// Labels that open a story like a dateline but are not places.
const KICKERS: &[&str] = &[
    "exclusive",
    "breaking",
    "breaking news",
    "update",
    "updated",
    "watch",
    "analysis",
    "opinion",
    "live",
    "video",
    "photos",
    "editorial",
    "commentary",
    "fact check",
    "review",
    "interview",
    "alert",
    "urgent",
    "flash",
    "sponsored",
    "correction",
    "explainer",
    "new",
    "just in",
];

fn dateline(p: &str) -> Option<Dateline> {
    let (c, caps) = match DATELINE_CAPS.captures(p) {
        Some(c) => (c, true),
        None => (DATELINE_AGENCY.captures(p)?, false),
    };
    let whole = c.get(0)?;
    let place = c["place"].trim().trim_end_matches(',').to_string();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    // The body goes on with a capital, a quote or a digit; the place has real letters.
    let next = p[whole.end()..].chars().next()?;
    if letters < 3 || !(next.is_uppercase() || next.is_ascii_digit() || "“\"‘'«".contains(next))
    {
        return None;
    }
    let head = place.split(',').next().unwrap_or_default();
    if caps && (lexicon::is_agency(head) || KICKERS.contains(&head.to_lowercase().as_str())) {
        return None;
    }
    let agency = c.name("ag").map(|a| a.as_str().trim().to_string());
    if !caps && !agency.as_deref().is_some_and(lexicon::is_agency) {
        return None;
    }
    let month_day = match (c.name("m1").or(c.name("m2")), c.name("d1").or(c.name("d2"))) {
        (Some(m), Some(d)) => dates::month(m.as_str()).zip(d.as_str().parse().ok()),
        _ => None,
    };
    let year = c.name("y").and_then(|y| y.as_str().parse().ok());
    Some(Dateline {
        len: whole.as_str().trim_end().len(),
        place,
        agency,
        month_day,
        year,
    })
}

// ---------------------------------------------------------------------------------------------
// 6. A date stated in the text

static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"^(?:(?:On|This|Last|Since|As of)\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({MONTH_RE})|({MONTH_RE})\s+(\d{{1,2}})(?:st|nd|rd|th)?)(?-u:\b)(?:,?\s+(\d{{4}})(?-u:\b))?"
    ))
    .unwrap()
});

/// The date opening the lead, or a full date in the lead's first sentence.
fn text_date(text: &str) -> Option<(chrono::NaiveDate, DateSource)> {
    let lead = text.split("\n\n").next()?;
    if let Some(c) = LEAD_DATE.captures(lead) {
        let (m, d) = match (c.get(1), c.get(2), c.get(3), c.get(4)) {
            (Some(d), Some(m), _, _) | (_, _, Some(m), Some(d)) => (m.as_str(), d.as_str()),
            _ => return None,
        };
        let m = dates::month(m)?;
        let d: u32 = d.parse().ok()?;
        let date = match c.get(5) {
            Some(y) => chrono::NaiveDate::from_ymd_opt(y.as_str().parse().ok()?, m, d),
            None => dates::infer_year(m, d, text),
        };
        return date.map(|x| (x, DateSource::Text));
    }
    // Up to the end mark of the first sentence break (the match starts with two letters).
    let end = SENTENCE_BREAK
        .find(lead)
        .and_then(|b| b.as_str().find(['.', '!', '?']).map(|i| b.start() + i + 1));
    let first_sentence = &lead[..end.unwrap_or(lead.len())];
    dates::full_dates(first_sentence)
        .first()
        .map(|d| (*d, DateSource::Text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines() {
        assert_eq!(byline("By yqqlm yqqlm").as_deref(), Some("yqqlm yqqlm"));
        assert_eq!(
            byline("By Jane A. Doe, Reuters").as_deref(),
            Some("Jane A. Doe, Reuters")
        );
        assert_eq!(byline("By the way, the talks failed."), None);
        assert_eq!(byline("By 2030 the alliance will grow."), None);
    }

    #[test]
    fn author_in_the_lead() {
        let t = "Clashes seem viable, writes Jenni Jeskanen, HS’s Moscow correspondent.\n\nMore.";
        assert_eq!(lead_author(t).as_deref(), Some("Jenni Jeskanen"));
        assert_eq!(lead_author("He writes letters, often."), None);
    }

    #[test]
    fn date_lines() {
        let d = chrono::NaiveDate::from_ymd_opt(2022, 1, 12);
        assert_eq!(date_line("12 January 2022"), Some(d));
        assert_eq!(
            date_line("Published: Wednesday, Jan. 12, 2022 at 18:40 CET"),
            Some(d)
        );
        assert_eq!(date_line("Updated January 12, 2022"), Some(None));
        let d8 = chrono::NaiveDate::from_ymd_opt(2022, 3, 8);
        assert_eq!(
            date_line("Published: 8 Mar 2022 | Updated: 9 Mar 2022"),
            Some(d8)
        );
        assert_eq!(date_line("January 12, 2022 was a cold day"), None);
    }

    #[test]
    fn boilerplate_but_not_sentences() {
        assert_eq!(boilerplate("Advertisement"), Some(false));
        assert_eq!(boilerplate("Advertisement spending rose 5% in 2021."), None);
        assert_eq!(boilerplate("Leave a Reply"), Some(true));
        assert_eq!(
            boilerplate("No comments yet. Why don’t you start the discussion?"),
            Some(true)
        );
        assert_eq!(
            boilerplate("Copyright 2022 The Associated Press. All rights reserved."),
            Some(false)
        );
        assert_eq!(boilerplate("5 min read"), Some(false));
        assert_eq!(boilerplate("Sign up for our daily newsletter"), Some(false));
        assert_eq!(
            boilerplate("Follow Ian Hanchett on Twitter @IanHanchett."),
            Some(false)
        );
        assert_eq!(boilerplate("Share | Tweet | Email"), Some(false));
        assert_eq!(boilerplate("Sharing of intelligence was discussed."), None);
    }

    #[test]
    fn captions() {
        assert!(is_caption(
            "Wendy Sherman holds a press conference in Brussels. © Johanna Geron / Reuters"
        ));
        assert!(is_caption(
            "Soldiers in a trench near Donetsk. REUTERS/Gleb Garanich"
        ));
        assert!(is_caption("Jens Stoltenberg in Brussels (Photo: AFP)"));
        assert!(!is_caption(
            "The photo was taken in Brussels on Wednesday, officials said."
        ));
    }

    #[test]
    fn credits() {
        assert_eq!(
            credit_paragraph("With EFE and Reuters"),
            Some(vec!["EFE".into(), "Reuters".into()])
        );
        assert_eq!(
            credit_paragraph("With love and patience, the talks went on."),
            None
        );
        assert_eq!(
            credit_paragraph("Reporting by Jane Doe; Editing by John Roe"),
            Some(vec![
                "Reporting by Jane Doe".into(),
                "Editing by John Roe".into()
            ])
        );
        let p = "It left Russia weakened for years./ NYT, W, POST, AP and REUTERS";
        let (cut, items) = glued_credit(p).unwrap();
        assert_eq!(&p[..cut], "It left Russia weakened for years.");
        assert_eq!(items, ["NYT", "W", "POST", "AP", "REUTERS"]);
        assert_eq!(glued_credit("He said so - and left."), None);
        let (_, items) = glued_credit("He said so. (With Reuters and AFP)").unwrap();
        assert_eq!(items, ["Reuters", "AFP"]);
        let (_, items) = glued_credit("He said so.— AP").unwrap();
        assert_eq!(items, ["AP"]);
    }

    #[test]
    fn datelines() {
        let d = dateline("BRUSSELS – The meeting ended.").unwrap();
        assert_eq!((d.place.as_str(), d.len), ("BRUSSELS", "BRUSSELS –".len()));
        let d = dateline("KYIV, Ukraine, Jan 12 (Reuters) - Talks ended.").unwrap();
        assert_eq!(d.place, "KYIV, Ukraine");
        assert_eq!(d.agency.as_deref(), Some("Reuters"));
        assert_eq!(d.month_day, Some((1, 12)));
        assert!(dateline("Paris (AFP) - The minister said.").is_some());
        let d = dateline("LONDON, 12 January 2022 (Reuters) - Prices rose.").unwrap();
        assert_eq!(
            (d.place.as_str(), d.month_day, d.year),
            ("LONDON", Some((1, 12)), Some(2022))
        );
        assert!(dateline("NATO - the alliance said.").is_none());
        assert!(dateline("AFL-CIO President Richard Trumka said.").is_none());
        assert!(dateline("EXCLUSIVE – Donald Trump said.").is_none());
        assert!(dateline("SELMA, N.C.—The rally began.").is_some());
        assert!(dateline("Paris - The minister said.").is_none());
    }

    #[test]
    fn titles() {
        assert!(title_like(
            "NATO is in security dialogue with Russia, despite the main differences"
        ));
        assert!(title_like(
            "The talks ended fruitlessly, and the door was not closed?"
        ));
        assert!(!title_like("The talks ended. Nobody was surprised"));
        assert!(!title_like("the talks ended"));
        assert_eq!(
            title_key("The talks were not closed?(1)"),
            "the talks were not closed"
        );
    }

    #[test]
    fn glued_date_header() {
        let f = clean_text(
            " date 2022-01-12 According to Russia, clashes are possible.",
            None,
        );
        assert_eq!(
            f.published,
            Some((
                chrono::NaiveDate::from_ymd_opt(2022, 1, 12).unwrap(),
                DateSource::Header
            ))
        );
        assert_eq!(f.text, "According to Russia, clashes are possible.");
        assert_eq!(f.removed, vec![block("date_header", "date 2022-01-12")]);
    }

    #[test]
    fn front_matter() {
        let f = clean_text(
            "---\ntitle: Talks end\ndate: 2022-01-13\n---\n\nThe talks ended.\n",
            None,
        );
        assert_eq!(f.title.as_deref(), Some("Talks end"));
        assert_eq!(f.published.unwrap().1, DateSource::Header);
        assert_eq!(f.text, "The talks ended.");
    }

    #[test]
    fn lead_sentence_with_wide_letters() {
        let f = clean_text(
            "Ich wüßte 𐓯𐓯. Gruško met on January 12, 2022 in Brussels.",
            None,
        );
        assert_eq!(f.published, None);
        let f = clean_text(
            "Talks on January 12, 2022 in Brussels ended. Then more.",
            None,
        );
        assert_eq!(f.published.map(|p| p.1), Some(DateSource::Text));
    }

    #[test]
    fn no_date_is_invented() {
        let f = clean_text("Yesterday the talks ended.\n\nNobody was surprised.", None);
        assert_eq!(f.published, None);
    }
}
