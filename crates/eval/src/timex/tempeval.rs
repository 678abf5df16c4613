//! Scoring the timex recogniser on TimeML gold data (TempEval-3 platinum).
//!
//! [`eval_tempeval`] reads every `*.tml` file under a directory, strips the markup into plain text
//! while recording the gold `TIMEX3` extents and values, runs [`extract::timex::extract`] with the document
//! creation time (`DCT`) as the published date, and reports the TempEval-3 measures: strict (exact
//! extent) and relaxed (overlapping extent) precision/recall/F1, and value accuracy/F1 over relaxed
//! matches. [`score`] holds the measures, shared with the MEANTIME scorer ([`super::meantime`]).
//!
//! Development runs on the TempEval-3 training data (`Training/TBAQ-cleaned`, TimeBank + AQUAINT);
//! the platinum test set is for reporting only. `LEDE_TIMEX_ERRORS=1` prints every missed or wrongly
//! valued gold timex and every spurious match on stderr (see `tests/timex_eval.rs`).

use crate::metrics::{f1, ratio_of};
use chrono::NaiveDate;
use extract::doc::Doc;
use extract::ExtractError;
use std::path::{Path, PathBuf};

/// One gold document: plain text, creation date, gold timexes (byte span, value).
pub struct GoldDoc {
    pub name: String,
    pub text: String,
    pub dct: Option<NaiveDate>,
    pub timexes: Vec<(usize, usize, String)>,
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(tag[i..j].to_string())
}

/// Parses one TimeML file: the text inside `<TEXT>`, with gold `TIMEX3` spans in that text.
pub fn parse_timeml(name: &str, xml: &str) -> Result<GoldDoc, String> {
    let dct = xml
        .find("<DCT>")
        .and_then(|i| {
            attr(
                &xml[i..xml[i..].find("</DCT>").map_or(xml.len(), |j| i + j)],
                "value",
            )
        })
        .and_then(|v| NaiveDate::parse_from_str(v.get(..10).unwrap_or(&v), "%Y-%m-%d").ok());
    let start = xml.find("<TEXT>").ok_or("no <TEXT>")? + "<TEXT>".len();
    let end = xml[start..]
        .find("</TEXT>")
        .map(|j| start + j)
        .ok_or("no </TEXT>")?;
    let body = &xml[start..end];
    let mut text = String::new();
    let mut timexes = Vec::new();
    let mut open: Option<(usize, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        text.push_str(&unescape(&rest[..lt]));
        let gt = rest[lt..].find('>').ok_or("unclosed tag")? + lt;
        let tag = &rest[lt + 1..gt];
        if tag.starts_with("TIMEX3") {
            open = Some((text.len(), attr(tag, "value").unwrap_or_default()));
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s, v)) = open.take() {
                timexes.push((s, text.len(), v));
            }
        }
        rest = &rest[gt + 1..];
    }
    text.push_str(&unescape(rest));
    Ok(GoldDoc {
        name: name.to_string(),
        text,
        dct,
        timexes,
    })
}

/// Every file under `dir` (recursively) whose extension is `ext`.
pub(super) fn files_with_extension(
    dir: &Path,
    ext: &str,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            files_with_extension(&p, ext, out)?;
        } else if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    Ok(())
}

/// Scores the recogniser on every `*.tml` under `dir`; returns a small report.
pub fn eval_tempeval(dir: &Path) -> Result<String, ExtractError> {
    let err = |reason: String| ExtractError::Load {
        what: "TimeML gold data",
        path: dir.display().to_string(),
        reason,
    };
    let mut files = Vec::new();
    files_with_extension(dir, "tml", &mut files).map_err(|e| err(e.to_string()))?;
    files.sort();
    if files.is_empty() {
        return Err(err("no .tml files".into()));
    }
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        let xml = std::fs::read_to_string(f).map_err(|e| err(format!("{}: {e}", f.display())))?;
        let name = f
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        docs.push(parse_timeml(&name, &xml).map_err(|e| err(format!("{name}: {e}")))?);
    }
    Ok(score("TimeML timex evaluation", &docs))
}

/// Runs the recogniser on gold documents and reports strict/relaxed extent P/R/F1 and value
/// accuracy/F1, one line each (`LEDE_TIMEX_ERRORS` lists misses and spurious matches on stderr).
pub fn score(title: &str, docs: &[GoldDoc]) -> String {
    let (
        mut gold_n,
        mut sys_n,
        mut strict,
        mut relaxed_sys,
        mut relaxed_gold,
        mut value_ok,
        mut matched,
    ) = (0, 0, 0, 0, 0, 0, 0);
    for g in docs {
        let name = &g.name;
        let tokens = extract::tokenize::tokenize(&g.text);
        let sentences = extract::sentences::split(&g.text, &tokens);
        let doc = Doc {
            text: &g.text,
            published: g.dct,
            tokens: &tokens,
            sentences: &sentences,
            entities: &[],
            syntax: &extract::doc::NO_SYNTAX,
        };
        let sys = extract::timex::extract(&doc);
        if std::env::var_os("LEDE_TIMEX_ERRORS").is_some() {
            for (s, e, v) in &g.timexes {
                if !sys.iter().any(|t| {
                    t.span.start == *s && t.span.end == *e && t.value.as_deref() == Some(v.as_str())
                }) {
                    let got: Vec<String> = sys
                        .iter()
                        .filter(|t| *s < t.span.end && t.span.start < *e)
                        .map(|t| format!("{:?}={:?}", t.text, t.value))
                        .collect();
                    eprintln!("GOLD {name} {:?}={v} got {got:?}", &g.text[*s..*e]);
                }
            }
            for t in &sys {
                if !g
                    .timexes
                    .iter()
                    .any(|(s, e, _)| *s < t.span.end && t.span.start < *e)
                {
                    eprintln!("SPURIOUS {name} {:?}={:?}", t.text, t.value);
                }
            }
        }
        gold_n += g.timexes.len();
        sys_n += sys.len();
        for t in &sys {
            if g.timexes
                .iter()
                .any(|(s, e, _)| *s == t.span.start && *e == t.span.end)
            {
                strict += 1;
            }
            if g.timexes
                .iter()
                .any(|(s, e, _)| *s < t.span.end && t.span.start < *e)
            {
                relaxed_sys += 1;
            }
        }
        for (s, e, v) in &g.timexes {
            let m = sys
                .iter()
                .filter(|t| *s < t.span.end && t.span.start < *e)
                .max_by_key(|t| t.span.end.min(*e) - t.span.start.max(*s));
            if let Some(t) = m {
                relaxed_gold += 1;
                matched += 1;
                if t.value.as_deref() == Some(v.as_str()) {
                    value_ok += 1;
                }
            }
        }
    }
    let (sp, sr) = (ratio_of(strict, sys_n), ratio_of(strict, gold_n));
    let (rp, rr) = (ratio_of(relaxed_sys, sys_n), ratio_of(relaxed_gold, gold_n));
    let (vp, vr) = (ratio_of(value_ok, sys_n), ratio_of(value_ok, gold_n));
    format!(
        "{title}: {} documents, {gold_n} gold timexes, {sys_n} system timexes\n\
         strict extent:  P {:.3}  R {:.3}  F1 {:.3}\n\
         relaxed extent: P {:.3}  R {:.3}  F1 {:.3}\n\
         value: accuracy on relaxed matches {:.3} ({value_ok}/{matched}), value F1 {:.3} (P {:.3} R {:.3})\n",
        docs.len(),
        sp,
        sr,
        f1(sp, sr),
        rp,
        rr,
        f1(rp, rr),
        ratio_of(value_ok, matched),
        f1(vp, vr),
        vp,
        vr
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_timeml() {
        let xml = r#"<DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>It <EVENT eid="e1">started</EVENT> <TIMEX3 tid="t1" type="DATE" value="2013-03-22">Friday</TIMEX3> &amp; ended.</TEXT>"#;
        let g = parse_timeml("x", xml).unwrap();
        assert_eq!(g.text, "It started Friday & ended.");
        assert_eq!(g.dct, NaiveDate::from_ymd_opt(2013, 3, 22));
        assert_eq!(g.timexes, vec![(11, 17, "2013-03-22".to_string())]);
    }
}
