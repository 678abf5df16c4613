//! JSON and JSON Lines input: the keys scrapers use, the body through the text rules.
//!
//! One object is one article. Its body comes from the first of [`TEXT_KEYS`] present (a string,
//! a list of paragraphs, or an object with `rendered`/`text`; HTML markup is turned into text),
//! its metadata from the usual keys (`title`, `date_publish`, `url`, `language`, `authors`...).
//! A `.json` file holding an array gives one article per element (its `unit` the 1-based index); a `.jsonl`/`.ndjson` file one
//! per line, where a bad line is an error for that line only.

use crate::{html, lang, normalize, text, CleanError, Found};
use model::DateSource;
use serde_json::{Map, Value};

/// Keys holding the article body, in order of preference.
pub const TEXT_KEYS: &[&str] = &[
    "maintext",
    "text",
    "body",
    "content",
    "article_text",
    "article_body",
    "articleBody",
    "full_text",
    "fulltext",
    "article",
    "story",
];
const TEXT_KEYS_MSG: &str = "maintext, text, body, content, article, articleBody...";
const TITLE_KEYS: &[&str] = &["title", "headline", "title_page", "name"];
const DATE_KEYS: &[&str] = &[
    "date_publish",
    "published",
    "date_published",
    "datePublished",
    "published_at",
    "publishedAt",
    "publish_date",
    "publication_date",
    "pubDate",
    "pub_date",
    "date",
];
const URL_KEYS: &[&str] = &["url", "link", "canonical_url", "source_url", "permalink"];
const LANG_KEYS: &[&str] = &["language", "lang", "locale", "inLanguage"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator"];

/// Does this look like one JSON object per line (two lines or more)?
pub fn looks_like_lines(bytes: &[u8]) -> bool {
    let mut lines = bytes
        .split(|b| *b == b'\n')
        .map(|l| l.trim_ascii())
        .filter(|l| !l.is_empty());
    let first = lines
        .next()
        .map(|l| l.strip_prefix(b"\xef\xbb\xbf").unwrap_or(l));
    let second = lines.next();
    match (first, second) {
        (Some(a), Some(_)) => {
            a.starts_with(b"{") && serde_json::from_slice::<Map<String, Value>>(a).is_ok()
        }
        _ => false,
    }
}

/// A serde error without its `line 1`, which would mislead inside a JSON Lines file.
fn json_error(e: serde_json::Error, one_line: bool) -> CleanError {
    let msg = e.to_string();
    let msg = match (one_line, msg.rfind(" at line ")) {
        (true, Some(i)) => format!("{} at column {}", &msg[..i], e.column()),
        _ => msg,
    };
    CleanError::Json(msg)
}

/// What a `.json` file holds.
pub enum JsonDoc {
    /// One article object.
    One(Box<Result<Found, CleanError>>),
    /// A top-level array: each element's own bytes (compact JSON) and its article or error.
    Many(Vec<(Vec<u8>, Result<Found, CleanError>)>),
}

/// Cleans a `.json` file holding one article object.
pub fn clean_json(s: &str) -> Result<Found, CleanError> {
    match clean_json_doc(s)? {
        JsonDoc::One(f) => *f,
        JsonDoc::Many(mut items) if !items.is_empty() => items.remove(0).1,
        JsonDoc::Many(_) => Err(CleanError::NoText),
    }
}

/// Cleans a `.json` file: one article, or one per element of a top-level array.
pub fn clean_json_doc(s: &str) -> Result<JsonDoc, CleanError> {
    let v: Value = serde_json::from_str(s).map_err(|e| json_error(e, false))?;
    match v {
        Value::Object(o) => Ok(JsonDoc::One(Box::new(clean_object(&o)))),
        Value::Array(items) => Ok(JsonDoc::Many(
            items
                .iter()
                .map(|v| {
                    let bytes = serde_json::to_vec(v).unwrap_or_default();
                    let found = match v {
                        Value::Object(o) => clean_object(o),
                        _ => Err(CleanError::Json("not a JSON object".to_string())),
                    };
                    (bytes, found)
                })
                .collect(),
        )),
        _ => Err(CleanError::NoTextKey(TEXT_KEYS_MSG)),
    }
}

/// Cleans a JSON Lines file: `(line number, the line's bytes, its article or error)`.
pub fn clean_lines(bytes: &[u8]) -> Vec<(u32, &[u8], Result<Found, CleanError>)> {
    let mut out = Vec::new();
    for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
        let line = raw.strip_suffix(b"\r").unwrap_or(raw);
        let line = if i == 0 {
            line.strip_prefix(b"\xef\xbb\xbf").unwrap_or(line)
        } else {
            line
        };
        if line.trim_ascii().is_empty() {
            continue;
        }
        let n = i as u32 + 1;
        let found = crate::decode::decode_noted(line, false).and_then(|d| {
            let v: Value = serde_json::from_str(&d.text).map_err(|e| json_error(e, true))?;
            match v {
                Value::Object(o) => clean_object(&o).map(|f| crate::with_notes(f, &d.notes)),
                _ => Err(CleanError::Json("not a JSON object".to_string())),
            }
        });
        out.push((n, line, found));
    }
    out
}

fn first<'a>(o: &'a Map<String, Value>, keys: &[&str]) -> Option<&'a Value> {
    keys.iter()
        .find_map(|k| o.get(*k).filter(|v| !v.is_null() && v.as_str() != Some("")))
}

/// A string value, a list of strings joined as paragraphs, or `rendered`/`text` of an object.
fn as_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        }
        Value::Object(o) => {
            first(o, &["rendered", "text", "body", "content", "value"]).and_then(as_text)
        }
        _ => None,
    }
}

/// Author names from a string, an object with `name`, or a list of either.
fn authors(v: &Value) -> Vec<String> {
    match v {
        Value::String(s) => vec![s.trim().to_string()],
        Value::Array(items) => items.iter().flat_map(authors).collect(),
        Value::Object(o) => o.get("name").map(authors).unwrap_or_default(),
        _ => Vec::new(),
    }
    .into_iter()
    .filter(|s| !s.is_empty())
    .collect()
}

fn looks_like_html(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    ["<p>", "<p ", "</p>", "<br", "<div", "</a>", "<h2"]
        .iter()
        .any(|t| l.contains(t))
}

/// One article object.
pub(crate) fn clean_object(o: &Map<String, Value>) -> Result<Found, CleanError> {
    let body_value = first(o, TEXT_KEYS).ok_or(CleanError::NoTextKey(TEXT_KEYS_MSG))?;
    // `article` may hold the whole article as a nested object.
    if let (Some(Value::Object(inner)), None) = (o.get("article"), first(o, &TEXT_KEYS[..9])) {
        if first(inner, TEXT_KEYS).is_some() {
            return clean_object(inner);
        }
    }
    let mut body = as_text(body_value).ok_or(CleanError::NoText)?;
    let mut nesting = None;
    if looks_like_html(&body) {
        (body, nesting) = html::fragment_to_text_noted(&body);
    }
    let title = first(o, TITLE_KEYS)
        .and_then(as_text)
        .map(|t| {
            if looks_like_html(&t) || t.contains('&') {
                html::fragment_to_text(&t)
            } else {
                t
            }
        })
        .map(|t| normalize::line(&t))
        .filter(|t| !t.is_empty());
    let mut f = text::clean_text(&body, title.as_deref());
    if let Some(text) = nesting {
        f.removed.insert(
            0,
            model::RemovedBlock {
                kind: "nesting".into(),
                text,
            },
        );
    }
    if let Some(d) = first(o, DATE_KEYS).and_then(|v| match v {
        Value::String(s) => crate::dates::parse(s),
        Value::Number(n) => n.as_i64().and_then(crate::dates::from_unix),
        _ => None,
    }) {
        f.published = Some((d, DateSource::Metadata));
    }
    let names = first(o, AUTHOR_KEYS).map(authors).unwrap_or_default();
    if !names.is_empty() {
        f.byline = Some(normalize::line(&names.join(", ")));
    }
    if let Some(u) = first(o, URL_KEYS).and_then(Value::as_str) {
        f.url = Some(u.trim().to_string());
    }
    if let Some(l) = first(o, LANG_KEYS)
        .and_then(Value::as_str)
        .and_then(lang::from_tag)
    {
        f.language = Some(l);
    }
    Ok(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scraper_keys() {
        let s = r#"{"title": "Talks end", "maintext": "Talks end\n\nThe talks ended without a deal on Wednesday.",
            "date_publish": "2022-01-12 10:00:00", "url": "https://example.org/a", "language": "en",
            "authors": ["Jane Doe", "John Roe"]}"#;
        let f = clean_json(s).unwrap();
        assert_eq!(f.title.as_deref(), Some("Talks end"));
        assert_eq!(f.text, "The talks ended without a deal on Wednesday.");
        assert_eq!(f.published.unwrap().1, DateSource::Metadata);
        assert_eq!(f.byline.as_deref(), Some("Jane Doe, John Roe"));
        assert_eq!(f.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(f.language.as_deref(), Some("en"));
    }

    #[test]
    fn errors_are_clear() {
        assert_eq!(
            clean_json(r#"{"title": "x"}"#)
                .unwrap_err()
                .to_string()
                .split(" (")
                .next(),
            Some("no article text found")
        );
        let lines = clean_lines(b"{\"text\": \"One fine article.\"}\n{broken\n");
        assert!(lines[0].2.is_ok());
        let e = lines[1].2.as_ref().unwrap_err().to_string();
        assert!(
            e.starts_with("invalid JSON: key must be a string at column 2"),
            "{e}"
        );
    }
}
