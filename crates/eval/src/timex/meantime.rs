//! Scoring the timex recogniser on the NewsReader MEANTIME corpus (CAT XML).
//!
//! [`eval_meantime`] reads every `*.xml` document under a directory (point it at one annotation
//! version, e.g. `intra-doc_annotation/`, or each article is counted twice), rebuilds the article text
//! from its `<token>` elements (ordinary spacing around punctuation, the title on its own line) and
//! takes the gold `TIMEX3` markables as token spans. Only the title and the first sentences are
//! annotated in MEANTIME, so only they are scored. The document creation time is the `TIMEX3` with
//! `functionInDocument="CREATION_TIME"` (ISO `YYYY-MM-DD`; the corpus also has one `DD-MM-YYYY`), or,
//! when that markable is missing, the date line under the title (`September 01 , 2007`). That date line
//! is the article's dateline, not its text: like the TempEval-3 `DCT` it is left out of the text and of
//! the gold. The measures are those of [`super::tempeval::score`] (strict/relaxed extent, value accuracy and
//! F1), so the figures compare with the TempEval-3 ones.

use super::tempeval::{score, GoldDoc};
use chrono::NaiveDate;
use extract::ExtractError;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

/// MEANTIME annotates the title and the first five sentences (sentences 0 to 5, the dateline being
/// sentence 1); the rest of the article has no markables and is left out of the scored text.
const ANNOTATED_SENTENCES: u32 = 5;

static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<token\b([^>]*)>(.*?)</token>"#).expect("valid token regex")
});
static TIMEX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?s)<TIMEX3\b([^>]*?)(?:/>|>(.*?)</TIMEX3>)"#).expect("valid timex regex")
});
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"<token_anchor\s+t_id="(\d+)""#).expect("valid anchor regex"));

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// A creation-time value: ISO first, then the corpus's one day-first date.
fn parse_dct(v: &str) -> Option<NaiveDate> {
    let v = v.get(..10).unwrap_or(v);
    NaiveDate::parse_from_str(v, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(v, "%d-%m-%Y"))
        .ok()
}

/// A dateline such as `September 01 , 2007`.
fn parse_dateline(s: &str) -> Option<NaiveDate> {
    let s = s.replace(" ,", ",");
    NaiveDate::parse_from_str(s.trim(), "%B %d, %Y").ok()
}

/// No space before closing punctuation and clitics, none after opening brackets and `$`.
fn glue_left(tok: &str) -> bool {
    matches!(
        tok,
        "," | "."
            | ";"
            | ":"
            | "!"
            | "?"
            | ")"
            | "]"
            | "%"
            | "'s"
            | "'"
            | "n't"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}

fn glue_right(tok: &str) -> bool {
    matches!(tok, "(" | "[" | "$" | "£" | "€")
}

/// Parses one MEANTIME document: text without the dateline, creation date, gold timexes.
pub fn parse_meantime(name: &str, xml: &str) -> Result<GoldDoc, String> {
    struct Tok {
        id: u32,
        sentence: u32,
        text: String,
    }
    let mut toks = Vec::new();
    for c in TOKEN.captures_iter(xml) {
        let a = &c[1];
        let id = attr(a, "t_id")
            .and_then(|v| v.parse().ok())
            .ok_or("token without t_id")?;
        let sentence = attr(a, "sentence")
            .and_then(|v| v.parse().ok())
            .ok_or("token without sentence")?;
        toks.push(Tok {
            id,
            sentence,
            text: unescape(&c[2]),
        });
    }
    if toks.is_empty() {
        return Err("no tokens".into());
    }
    // gold markables (token ids), and the creation time
    let mut gold: Vec<(Vec<u32>, String)> = Vec::new();
    let mut dct = None;
    let mut dct_tokens: HashSet<u32> = HashSet::new();
    for c in TIMEX.captures_iter(xml) {
        let a = &c[1];
        let ids: Vec<u32> = c
            .get(2)
            .map(|b| {
                ANCHOR
                    .captures_iter(b.as_str())
                    .filter_map(|m| m[1].parse().ok())
                    .collect()
            })
            .unwrap_or_default();
        if attr(a, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            dct = attr(a, "value").as_deref().and_then(parse_dct);
            dct_tokens.extend(ids);
            continue;
        }
        if ids.is_empty() {
            continue; // a timex with no words in the text
        }
        gold.push((ids, attr(a, "value").unwrap_or_default()));
    }
    // the dateline: the second sentence when it is only a date
    let line: Vec<&Tok> = toks.iter().filter(|t| t.sentence == 1).collect();
    let line_text = line
        .iter()
        .map(|t| t.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(d) = parse_dateline(&line_text) {
        dct = dct.or(Some(d));
        dct_tokens.extend(line.iter().map(|t| t.id));
    }
    // rebuild the text
    let mut text = String::new();
    let mut spans: HashMap<u32, (usize, usize)> = HashMap::new();
    let mut prev: Option<&Tok> = None;
    let mut open_quote = false;
    for t in &toks {
        if dct_tokens.contains(&t.id) || t.sentence > ANNOTATED_SENTENCES {
            continue;
        }
        if let Some(p) = prev {
            let sep = if p.sentence == 0 && t.sentence != 0 {
                "\n\n"
            } else if glue_left(&t.text)
                || glue_right(&p.text)
                || (t.text == "\"" && open_quote)
                || (p.text == "\"" && open_quote)
            {
                ""
            } else {
                " "
            };
            text.push_str(sep);
        }
        let s = text.len();
        text.push_str(&t.text);
        spans.insert(t.id, (s, text.len()));
        if t.text == "\"" {
            open_quote = !open_quote;
        }
        prev = Some(t);
    }
    let mut timexes = Vec::new();
    for (ids, value) in gold {
        if ids.iter().any(|i| dct_tokens.contains(i)) {
            continue;
        }
        let s = ids.iter().filter_map(|i| spans.get(i)).map(|x| x.0).min();
        let e = ids.iter().filter_map(|i| spans.get(i)).map(|x| x.1).max();
        if let (Some(s), Some(e)) = (s, e) {
            timexes.push((s, e, value));
        }
    }
    timexes.sort();
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        timexes,
    })
}

/// Scores the recogniser on every MEANTIME `*.xml` under `dir`; returns a small report in the
/// format of [`super::eval_tempeval`].
pub fn eval_meantime(dir: &Path) -> Result<String, ExtractError> {
    let err = |reason: String| ExtractError::Load {
        what: "MEANTIME gold data",
        path: dir.display().to_string(),
        reason,
    };
    let mut files = Vec::new();
    super::tempeval::files_with_extension(dir, "xml", &mut files)
        .map_err(|e| err(e.to_string()))?;
    files.sort();
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        let xml = std::fs::read_to_string(f).map_err(|e| err(format!("{}: {e}", f.display())))?;
        if !xml.contains("<Document") {
            continue;
        }
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(parse_meantime(&name, &xml).map_err(|e| err(format!("{name}: {e}")))?);
    }
    if docs.is_empty() {
        return Err(err("no MEANTIME .xml documents".into()));
    }
    Ok(score("MEANTIME timex evaluation", &docs))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_meantime() {
        let xml = r#"<?xml version="1.0" ?><Document doc_id="1" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Sales</token>
<token number="1" sentence="0" t_id="2">fall</token>
<token number="2" sentence="1" t_id="3">February</token>
<token number="3" sentence="1" t_id="4">03</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">Sales</token>
<token number="7" sentence="2" t_id="8">fell</token>
<token number="8" sentence="2" t_id="9">in</token>
<token number="9" sentence="2" t_id="10">January</token>
<token number="10" sentence="2" t_id="11">,</token>
<token number="11" sentence="2" t_id="12">&quot;</token>
<token number="12" sentence="2" t_id="13">sharply</token>
<token number="13" sentence="2" t_id="14">&quot;</token>
<token number="14" sentence="2" t_id="15">.</token>
<Markables>
<TIMEX3 anchorTimeID="" functionInDocument="CREATION_TIME" m_id="14" type="DATE" value="03-02-2009">
<token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/>
</TIMEX3>
<TIMEX3 anchorTimeID="14" functionInDocument="NONE" m_id="15" type="DATE" value="2009-01">
<token_anchor t_id="10"/>
</TIMEX3>
<TIMEX3 m_id="16" type="DATE" value="2009" />
</Markables></Document>"#;
        let g = parse_meantime("x", xml).unwrap();
        assert_eq!(g.text, "Sales fall\n\nSales fell in January, \"sharply\".");
        assert_eq!(g.dct, NaiveDate::from_ymd_opt(2009, 2, 3));
        assert_eq!(g.timexes, vec![(26, 33, "2009-01".to_string())]);
    }
}
