//! Step 1: the header. YAML front matter, leading `Key: value` lines (`Title:`, `Date:`, `By:`...)
//! and a date header glued to the first sentence are read into the metadata and removed.

use super::block;
use crate::dates::{self, MONTH_RE};
use crate::normalize;
use crate::Found;
use model::DateSource;
use regex::Regex;
use std::sync::LazyLock;

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
pub(super) fn header<'a>(s: &'a str, f: &mut Found) -> &'a str {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::clean_text;

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
}
