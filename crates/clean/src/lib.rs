//! Cleaning: one inbox file in, its article(s) out, as published, with their metadata.
//!
//! The entry point is [`clean`]: it takes a [`model::WorkItem`] (bytes, path, hash) and gives one
//! `Result<`[`model::CleanArticle`]`, `[`CleanError`]`>` per article of the file: one for plain
//! text, Markdown, HTML and JSON files, one per line for JSON Lines (a bad line is an error naming
//! its line, the other lines go on) and one per element for a JSON array.
//!
//! The work is split by concern:
//!
//! - [`decode`](crate::decode): bytes to text (BOMs, UTF-16, legacy single-byte encodings, stray
//!   NULs removed), binary and empty input detected.
//! - [`normalize`](crate::normalize): control characters, whitespace, paragraphs, NFC.
//! - [`text`](crate::text): the rules for plain text: date header, title, byline, dateline,
//!   captions, credits, repeated titles and comment/share/subscribe junk, each removal recorded
//!   as a [`model::RemovedBlock`].
//! - [`markdown`](crate::markdown): Markdown markup taken off before the text rules.
//! - [`dates`](crate::dates): parsing of dates in metadata and in text.
//! - [`json`](crate::json) and [`html`](crate::html): the structured inputs, whose body goes
//!   through the same text rules.
//! - [`lang`](crate::lang): language identification (ISO 639-1).
//! - [`depth`](crate::depth): HTML nesting capped before any parser or tree walk sees it.
//!
//! Kinds of [`model::RemovedBlock`]: from the text rules `header` (front matter, `Key: value`
//! lines), `date_header`, `title`, `subtitle`, `repeated_title`, `byline`, `dateline`, `caption`,
//! `credit`, `boilerplate` (share/subscribe/cookie/comment junk); from an HTML page, the text
//! outside the article: `navigation`, `advertisement`, `related`, `comments`, `footer`,
//! `site_header`, `boilerplate`. Notes of what cleaning had to repair, which an article has no
//! other field for: `decoding` (stray bytes or NULs in UTF-8 text, see [`decode::decode_noted`]) and
//! `nesting` (HTML tags nested too deep, see [`depth`]).
//!
//! Nothing is invented: a published date comes from a header or metadata, else from a date stated
//! in the text ([`model::DateSource::Text`]), else it is `None` (the file's mtime only with
//! [`CleanOptions::date_from_mtime`]).

pub mod dates;
pub mod decode;
pub mod depth;
pub mod html;
pub mod json;
pub mod lang;
mod lexicon;
pub mod markdown;
pub mod normalize;
pub mod text;

use model::{CleanArticle, DateSource, WorkItem};

/// Why a file (or one line of a JSON Lines file) gave no article.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CleanError {
    /// The file has no bytes at all.
    #[error("empty file")]
    Empty,
    /// The bytes are not text.
    #[error("binary content, not text ({0})")]
    Binary(&'static str),
    /// A JSON document that does not parse.
    #[error("invalid JSON: {0}")]
    Json(String),
    /// Decoded fine, but nothing that looks like article text is left.
    #[error("no article text found")]
    NoText,
    /// A file of many articles (JSON Lines, a JSON array) that holds none: only blank lines, `[]`.
    #[error("no article in the file (only blank lines or an empty array)")]
    NoArticle,
    /// A JSON document without any of the keys that hold article text.
    #[error("no article text found (JSON has none of the keys {0})")]
    NoTextKey(&'static str),
    /// One element (1-based) of a JSON file holding an array of articles.
    #[error("element {index}: {source}")]
    Element {
        index: u32,
        #[source]
        source: Box<CleanError>,
    },
    /// One line of a JSON Lines file.
    #[error("line {line}: {source}")]
    Line {
        line: u32,
        #[source]
        source: Box<CleanError>,
    },
}

/// Options of cleaning.
#[derive(Clone, Debug, Default)]
pub struct CleanOptions {
    /// Use the file's mtime as published date when nothing else gives one (`--date-from-mtime`).
    pub date_from_mtime: bool,
}

/// The input formats `clean` knows, as written in `CleanArticle::format`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Html,
    Json,
    Jsonl,
}

impl Format {
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// What a format reader found for one article, before the common finishing steps of [`clean`].
#[derive(Clone, Debug, Default)]
pub struct Found {
    /// The cleaned body: NFC, paragraphs separated by one blank line.
    pub text: String,
    pub title: Option<String>,
    /// The published date and where it came from.
    pub published: Option<(chrono::NaiveDate, DateSource)>,
    pub byline: Option<String>,
    /// The place of the dateline.
    pub dateline: Option<String>,
    pub credits: Vec<String>,
    /// Language named by the input's metadata (ISO 639-1); detection on the text wins.
    pub language: Option<String>,
    pub url: Option<String>,
    /// Every block taken out of the text (for HTML: the page blocks outside the article first).
    pub removed: Vec<model::RemovedBlock>,
}

/// Cleans one file into its article(s); a JSONL file gives one result per line. Never empty: a
/// file that yields no article and no error (a JSONL file of blank lines, `[]`) is
/// [`CleanError::NoArticle`], so that nothing is dropped silently.
pub fn clean(item: &WorkItem, opts: &CleanOptions) -> Vec<Result<CleanArticle, CleanError>> {
    let out = clean_file(item, opts);
    if out.is_empty() {
        return vec![Err(CleanError::NoArticle)];
    }
    out
}

fn clean_file(item: &WorkItem, opts: &CleanOptions) -> Vec<Result<CleanArticle, CleanError>> {
    if item.bytes.is_empty() {
        return vec![Err(CleanError::Empty)];
    }
    let format = detect_format(&item.source_path, &item.bytes);
    match format {
        Format::Jsonl => json::clean_lines(&item.bytes)
            .into_iter()
            .map(|(line, bytes, found)| {
                found
                    .and_then(|f| finish(item, opts, Format::Jsonl, bytes, Some(line), f))
                    .map_err(|e| CleanError::Line {
                        line,
                        source: Box::new(e),
                    })
            })
            .collect(),
        _ => {
            let (text, notes) = match decode::decode_noted(&item.bytes, format == Format::Html) {
                Ok(d) => (d.text, d.notes),
                Err(e) => return vec![Err(e)],
            };
            let found = match format {
                Format::Html => html::clean_html(&text),
                Format::Json => match json::clean_json_doc(&text) {
                    Ok(json::JsonDoc::One(f)) => *f,
                    Ok(json::JsonDoc::Many(items)) => {
                        return items
                            .into_iter()
                            .zip(1u32..)
                            .map(|((bytes, found), index)| {
                                found
                                    .map(|f| with_notes(f, &notes))
                                    .and_then(|f| {
                                        finish(item, opts, format, &bytes, Some(index), f)
                                    })
                                    .map_err(|e| CleanError::Element {
                                        index,
                                        source: Box::new(e),
                                    })
                            })
                            .collect();
                    }
                    Err(e) => Err(e),
                },
                _ if is_markdown(&item.source_path) => {
                    Ok(text::clean_text(&markdown::to_text(&text), None))
                }
                _ => Ok(text::clean_text(&text, None)),
            };
            vec![found
                .map(|f| with_notes(f, &notes))
                .and_then(|f| finish(item, opts, format, &item.bytes, None, f))]
        }
    }
}

/// Notes of decoding, recorded on the article as removed blocks of kind `decoding` (an article
/// has no other place for notes), first.
pub(crate) fn with_notes(mut found: Found, notes: &[String]) -> Found {
    if !notes.is_empty() {
        let mut removed: Vec<model::RemovedBlock> = notes
            .iter()
            .map(|n| model::RemovedBlock {
                kind: "decoding".into(),
                text: n.clone(),
            })
            .collect();
        removed.append(&mut found.removed);
        found.removed = removed;
    }
    found
}

/// Common last steps: ids, language, the mtime fallback, and the "no text" check.
fn finish(
    item: &WorkItem,
    opts: &CleanOptions,
    format: Format,
    own_bytes: &[u8],
    unit: Option<u32>,
    found: Found,
) -> Result<CleanArticle, CleanError> {
    if !found.text.chars().any(char::is_alphanumeric) {
        return Err(CleanError::NoText);
    }
    let mut published = found.published;
    if published.is_none() && opts.date_from_mtime {
        published = item.modified.map(|m| (m.date_naive(), DateSource::Mtime));
    }
    let language = lang::detect(&found.text).or(found.language);
    let hash = blake3::hash(own_bytes).to_hex();
    Ok(CleanArticle {
        article_id: hash[..16].to_string(),
        source_path: item.source_path.clone(),
        content_hash: item.content_hash.clone(),
        unit,
        format: format.as_str().to_string(),
        title: found.title,
        published: published.map(|p| p.0),
        published_from: published.map(|p| p.1),
        byline: found.byline,
        dateline: found.dateline,
        credits: found.credits,
        language,
        url: found.url,
        text: found.text,
        removed: found.removed,
    })
}

fn is_markdown(path: &str) -> bool {
    let p = path.to_ascii_lowercase();
    p.ends_with(".md") || p.ends_with(".markdown")
}

/// Detects the format by content first, the extension breaking ties.
pub fn detect_format(path: &str, bytes: &[u8]) -> Format {
    let ext = path
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head);
    let head = head.trim_start_matches('\u{feff}').trim_start();
    let lower = head.to_ascii_lowercase();
    let looks_html = lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
        || (lower.starts_with('<')
            && [
                "<body", "<head", "<p>", "<p ", "<div", "<article", "<br", "<h1",
            ]
            .iter()
            .any(|t| lower.contains(t)));
    if looks_html {
        return Format::Html;
    }
    let json_start = head.starts_with('{') || head.starts_with('[');
    match ext.as_str() {
        "jsonl" | "ndjson" => Format::Jsonl,
        "json" if json::looks_like_lines(bytes) => Format::Jsonl,
        "json" => Format::Json,
        "html" | "htm" | "xhtml" if lower.contains('<') => Format::Html,
        _ if json_start && json::looks_like_lines(bytes) => Format::Jsonl,
        _ if json_start && serde_json::from_slice::<serde_json::Value>(bytes).is_ok() => {
            Format::Json
        }
        _ => Format::Text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_content_and_extension() {
        assert_eq!(detect_format("a.txt", b"Plain words."), Format::Text);
        assert_eq!(
            detect_format("a.txt", b"<!DOCTYPE html><html></html>"),
            Format::Html
        );
        assert_eq!(
            detect_format("a.txt", b"<p>One</p><p>Two</p>"),
            Format::Html
        );
        assert_eq!(
            detect_format("a.html", b"Just text, no tags."),
            Format::Text
        );
        assert_eq!(detect_format("a.txt", br#"{"text": "x"}"#), Format::Json);
        assert_eq!(detect_format("a.txt", b"{not json at all"), Format::Text);
        assert_eq!(
            detect_format("a.json", b"{\"a\":1}\n{\"b\":2}\n"),
            Format::Jsonl
        );
        assert_eq!(detect_format("a.ndjson", b"{\"a\":1}"), Format::Jsonl);
        assert_eq!(detect_format("a.json", b"{\n  \"a\": 1\n}\n"), Format::Json);
    }
}
