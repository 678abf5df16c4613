//! Evaluation on MEANTIME (NewsReader, English Wikinews, CC BY 4.0): NER on named mentions and
//! cross-document resolution (B-cubed over entity ids).
//!
//! Type mapping: MEANTIME `PER`, `ORG`, `LOC` map to the same labels; `PRO` (products), `FIN`
//! (financial instruments) and `MIX` have no CoNLL counterpart and are not scored: a predicted
//! mention overlapping one of them is ignored, neither right nor wrong. MISC predictions are not
//! scored either (MEANTIME has no MISC).
//!
//! Gold mentions are the `NAM` and `PRE.NAM` entity mentions. Their extents are whole noun phrases
//! (`U.S. automaker Chrysler`), so the gold span is the name core: the last run of capitalised
//! tokens (with `of`, `and`, `&`, `de` inside). Only sentences with at least one gold entity
//! mention are scored, since MEANTIME annotates exhaustively only selected sentences.
//!
//! Cross-document resolution: every gold name mention the tagger finds with the exact span
//! carries the gold `instance_id` (shared across documents) and the system's `entity_id`;
//! B-cubed precision, recall and F1 are computed over those mentions, across all documents.

use super::conll::Score;
use extract::ner::{Found, NerModel};
use extract::ExtractError;
use model::{EntityLabel, EntityMention, Span};
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write;
use std::ops::Range;
use std::path::Path;

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// One MEANTIME document.
struct Doc {
    words: Vec<String>,
    sentences: Vec<Range<usize>>,
    /// Gold name mentions: (token range, label, cross-document instance id if any).
    gold: Vec<(Range<usize>, EntityLabel, Option<String>)>,
    /// Token ranges of mentions of unscored types (PRO, FIN, MIX).
    ignored: Vec<Range<usize>>,
}

/// A MEANTIME document as scanned, before the gold mentions are resolved.
#[derive(Default)]
struct Scan {
    words: Vec<String>,
    sent_of: Vec<usize>,
    tid_index: HashMap<String, usize>,
    /// m_id, syntactic_type, tokens
    mentions: Vec<(String, String, Vec<usize>)>,
    /// m_id -> type, instance
    entities: HashMap<String, (String, Option<String>)>,
    refers: Vec<(Vec<String>, Vec<String>)>,
}

fn parse(xml: &str) -> Doc {
    let Scan {
        words,
        sent_of,
        mentions,
        entities,
        refers,
        ..
    } = scan(xml);
    let target = mention_targets(&refers, &entities);
    let sentences = sentence_ranges(&sent_of, words.len());
    let (mut gold, ignored) = gold_mentions(&words, &mentions, &target);
    gold.sort_by_key(|g| (g.0.start, g.0.end));
    gold.dedup_by(|a, b| a.0 == b.0);
    Doc {
        words,
        sentences,
        gold,
        ignored,
    }
}

/// Reads the tokens, entity mentions, entities and `REFERS_TO` relations of a document.
fn scan(xml: &str) -> Scan {
    let mut s = Scan::default();
    let mut pos = 0;
    while let Some(off) = xml[pos..].find('<') {
        let start = pos + off;
        let end = match xml[start..].find('>') {
            Some(e) => start + e + 1,
            None => break,
        };
        let tag = &xml[start..end];
        pos = end;
        if tag.starts_with("<token ") {
            pos = scan_token(xml, tag, end, &mut s);
        } else if tag.starts_with("<ENTITY_MENTION ") {
            pos = scan_mention(xml, tag, end, &mut s);
        } else if tag.starts_with("<ENTITY ") {
            if let (Some(m), Some(t)) = (attr(tag, "m_id"), attr(tag, "ent_type")) {
                s.entities.insert(
                    m.to_string(),
                    (t.to_string(), attr(tag, "instance_id").map(str::to_string)),
                );
            }
        } else if tag.starts_with("<REFERS_TO") {
            let close = xml[end..]
                .find("</REFERS_TO>")
                .map(|c| end + c)
                .unwrap_or(end);
            let body = &xml[end..close];
            let ids = |kind: &str| -> Vec<String> {
                body.split(&format!("<{kind} "))
                    .skip(1)
                    .filter_map(|a| attr(&format!(" {a}"), "m_id").map(str::to_string))
                    .collect()
            };
            s.refers.push((ids("source"), ids("target")));
            pos = close;
        }
    }
    s
}

/// Reads a `<token>` element (`tag` ends at `end`); returns where scanning resumes.
fn scan_token(xml: &str, tag: &str, end: usize, s: &mut Scan) -> usize {
    let close = xml[end..].find("</token>").map(|c| end + c).unwrap_or(end);
    let text = unescape(xml[end..close].trim());
    if let Some(t) = attr(tag, "t_id") {
        s.tid_index.insert(t.to_string(), s.words.len());
    }
    s.sent_of.push(
        attr(tag, "sentence")
            .and_then(|s| s.parse::<usize>().ok())
            .unwrap_or(0),
    );
    s.words.push(if text.is_empty() {
        "_".to_string()
    } else {
        text
    });
    close
}

/// Reads an `<ENTITY_MENTION>` element (`tag` ends at `end`); returns where scanning resumes.
fn scan_mention(xml: &str, tag: &str, end: usize, s: &mut Scan) -> usize {
    let close = xml[end..]
        .find("</ENTITY_MENTION>")
        .map(|c| end + c)
        .unwrap_or(end);
    let body = &xml[end..close];
    let toks: Vec<usize> = body
        .split("<token_anchor ")
        .skip(1)
        .filter_map(|a| attr(&format!(" {a}"), "t_id").and_then(|t| s.tid_index.get(t).copied()))
        .collect();
    let m = attr(tag, "m_id").unwrap_or_default().to_string();
    s.mentions.push((
        m,
        attr(tag, "syntactic_type").unwrap_or_default().to_string(),
        toks,
    ));
    close
}

/// The entity type and instance id each mention refers to.
fn mention_targets(
    refers: &[(Vec<String>, Vec<String>)],
    entities: &HashMap<String, (String, Option<String>)>,
) -> HashMap<String, (String, Option<String>)> {
    // Mention -> (type, instance id).
    let mut target: HashMap<String, (String, Option<String>)> = HashMap::new();
    for (sources, targets) in refers {
        for t in targets {
            if let Some((ty, inst)) = entities.get(t) {
                for s in sources {
                    let e = target.entry(s.clone()).or_insert((ty.clone(), None));
                    if inst.is_some() {
                        e.1 = inst.clone();
                    }
                }
            }
        }
    }
    target
}

/// The token range of each sentence (runs of tokens with the same sentence number).
fn sentence_ranges(sent_of: &[usize], n: usize) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut s0 = 0;
    for i in 1..=n {
        if i == n || sent_of[i] != sent_of[i - 1] {
            sentences.push(s0..i);
            s0 = i;
        }
    }
    sentences
}

/// A gold name mention: token range (name core), label, cross-document instance id if any.
type GoldName = (Range<usize>, EntityLabel, Option<String>);

/// The gold name mentions (unsorted) and the extents of mentions of unscored types.
fn gold_mentions(
    words: &[String],
    mentions: &[(String, String, Vec<usize>)],
    target: &HashMap<String, (String, Option<String>)>,
) -> (Vec<GoldName>, Vec<Range<usize>>) {
    let mut gold = Vec::new();
    let mut ignored = Vec::new();
    for (m, syn, toks) in mentions {
        let Some((ty, inst)) = target.get(m) else {
            continue;
        };
        let (Some(&lo), Some(&hi)) = (toks.iter().min(), toks.iter().max()) else {
            continue;
        };
        let extent = lo..hi + 1;
        let label = match ty.as_str() {
            "PER" => EntityLabel::Per,
            "ORG" => EntityLabel::Org,
            "LOC" => EntityLabel::Loc,
            _ => {
                ignored.push(extent);
                continue;
            }
        };
        if syn != "NAM" && syn != "PRE.NAM" {
            continue;
        }
        if let Some(core) = name_core(words, extent) {
            gold.push((core, label, inst.clone()));
        }
    }
    (gold, ignored)
}

/// The last run of capitalised tokens in `extent` (connectors allowed inside).
fn name_core(words: &[String], extent: Range<usize>) -> Option<Range<usize>> {
    let cap = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    let connector = |w: &str| matches!(w, "of" | "and" | "&" | "de" | "du" | "van" | "von" | "-");
    let mut end = extent.end;
    while end > extent.start && !cap(&words[end - 1]) {
        end -= 1;
    }
    if end == extent.start {
        return None;
    }
    let mut start = end - 1;
    while start > extent.start {
        let w = &words[start - 1];
        if cap(w) {
            start -= 1;
        } else if connector(w) && start >= extent.start + 2 && cap(&words[start - 2]) {
            start -= 2;
        } else {
            break;
        }
    }
    Some(start..end)
}

/// B-cubed precision, recall, F1 (percent) of a system clustering against a gold clustering of
/// the same items (`items[i] = (gold cluster, system cluster)`).
pub fn b_cubed(items: &[(String, String)]) -> (f64, f64, f64) {
    if items.is_empty() {
        return (0.0, 0.0, 0.0);
    }
    let mut gold: HashMap<&str, usize> = HashMap::new();
    let mut sys: HashMap<&str, usize> = HashMap::new();
    let mut both: HashMap<(&str, &str), usize> = HashMap::new();
    for (g, s) in items {
        *gold.entry(g).or_default() += 1;
        *sys.entry(s).or_default() += 1;
        *both.entry((g, s)).or_default() += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for (g, s) in items {
        let b = both[&(g.as_str(), s.as_str())] as f64;
        p += b / sys[s.as_str()] as f64;
        r += b / gold[g.as_str()] as f64;
    }
    let n = items.len() as f64;
    let (p, r) = (100.0 * p / n, 100.0 * r / n);
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Evaluates NER and cross-document resolution on a MEANTIME folder (the corpus root, or its
/// `intra_cross-doc_annotation` folder, searched recursively for `.xml` files).
pub fn eval_meantime(model: &NerModel, dir: &Path) -> Result<String, ExtractError> {
    let files = xml_files(dir)?;
    let mut score = Score::default();
    let mut items: Vec<(String, String)> = Vec::new();
    let mut by_label: BTreeMap<EntityLabel, Vec<(String, String)>> = BTreeMap::new();
    for f in &files {
        let xml = std::fs::read_to_string(f).map_err(|e| load_err(f, e.to_string()))?;
        let doc = parse(&xml);
        let words: Vec<&str> = doc.words.iter().map(String::as_str).collect();
        let found = model.tag_words(&words, &doc.sentences);
        score_names(&doc, &found, &mut score);

        // Resolution over the article, then B-cubed items for gold names found with exact spans.
        let mentions = resolve_found(&words, &found);
        for (r, label, inst) in &doc.gold {
            let Some(inst) = inst else { continue };
            if let Some(k) = found.iter().position(|f| f.tokens == *r) {
                let item = (inst.clone(), mentions[k].entity_id.clone());
                by_label.entry(*label).or_default().push(item.clone());
                items.push(item);
            }
        }
    }
    Ok(report(files.len(), &items, &by_label, &score))
}

/// A failure to read the MEANTIME corpus at `p`.
fn load_err(p: &Path, e: String) -> ExtractError {
    ExtractError::Load {
        what: "MEANTIME corpus",
        path: p.display().to_string(),
        reason: e,
    }
}

/// The `.xml` documents under `dir` (sorted), skipping the intra-document copies.
fn xml_files(dir: &Path) -> Result<Vec<std::path::PathBuf>, ExtractError> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|e| load_err(&d, e.to_string()))?;
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                // Both versions hold the same documents: prefer the cross-document one.
                if p.file_name().is_some_and(|n| n == "intra-doc_annotation") {
                    continue;
                }
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "xml") {
                files.push(p);
            }
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(load_err(dir, "no .xml documents".into()));
    }
    Ok(files)
}

/// Adds the document's gold and predicted PER/ORG/LOC names (in scored sentences, predictions
/// overlapping an unscored type left out) to `score`.
fn score_names(doc: &Doc, found: &[Found], score: &mut Score) {
    // Scored sentences: those with a gold mention of any type.
    let mut scored = vec![false; doc.sentences.len()];
    let sent_of = |t: usize| doc.sentences.partition_point(|r| r.end <= t);
    for r in doc.gold.iter().map(|g| &g.0).chain(&doc.ignored) {
        if let Some(s) = scored.get_mut(sent_of(r.start)) {
            *s = true;
        }
    }
    let keep = |r: &Range<usize>| scored.get(sent_of(r.start)).copied().unwrap_or(false);
    let gold: Vec<(Range<usize>, EntityLabel)> = doc
        .gold
        .iter()
        .filter(|g| keep(&g.0))
        .map(|g| (g.0.clone(), g.1))
        .collect();
    let pred: Vec<(Range<usize>, EntityLabel)> = found
        .iter()
        .filter(|f| f.label != EntityLabel::Misc && keep(&f.tokens))
        .filter(|f| {
            !doc.ignored
                .iter()
                .any(|r| r.start < f.tokens.end && f.tokens.start < r.end)
        })
        .map(|f| (f.tokens.clone(), f.label))
        .collect();
    score.add(doc.words.len(), &gold, &pred);
}

/// The tagger's mentions on the words joined by spaces, resolved as one article.
fn resolve_found(words: &[&str], found: &[Found]) -> Vec<EntityMention> {
    let mut text = String::new();
    let mut spans = Vec::with_capacity(words.len());
    for w in words {
        if !text.is_empty() {
            text.push(' ');
        }
        spans.push(Span::new(text.len(), text.len() + w.len()));
        text.push_str(w);
    }
    let mut mentions: Vec<EntityMention> = found
        .iter()
        .map(|f| {
            let span = Span::new(spans[f.tokens.start].start, spans[f.tokens.end - 1].end);
            EntityMention {
                sentence: f.sentence,
                span,
                text: span.slice(&text).to_string(),
                label: f.label,
                entity_id: String::new(),
                canonical: String::new(),
                confidence: f.confidence,
            }
        })
        .collect();
    extract::resolve::resolve_article(&text, &mut mentions);
    mentions
}

/// The report: B-cubed overall and per label, then the NER score.
fn report(
    docs: usize,
    items: &[(String, String)],
    by_label: &BTreeMap<EntityLabel, Vec<(String, String)>>,
    score: &Score,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "MEANTIME: {} documents; PER/ORG/LOC named mentions (PRO, FIN, MIX and MISC not scored)",
        docs
    );
    let (p, r, f) = b_cubed(items);
    let _ = writeln!(
        out,
        "cross-document resolution (B-cubed over {} gold name mentions found with exact spans): precision {p:.2} recall {r:.2} f1 {f:.2}",
        items.len()
    );
    for (l, it) in by_label {
        let (p, r, f) = b_cubed(it);
        let _ = writeln!(
            out,
            "{:>17}: B-cubed precision {p:.2} recall {r:.2} f1 {f:.2}  ({} mentions)",
            l.as_str(),
            it.len()
        );
    }
    out.push_str(&score.report());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn b_cubed_counts() {
        let items: Vec<(String, String)> = [("a", "x"), ("a", "x"), ("b", "x")]
            .iter()
            .map(|(g, s)| (g.to_string(), s.to_string()))
            .collect();
        let (p, r, _) = b_cubed(&items);
        assert!((r - 100.0).abs() < 1e-9);
        assert!((p - 100.0 * (2.0 / 3.0 * 2.0 + 1.0 / 3.0) / 3.0).abs() < 1e-9);
    }

    #[test]
    fn parses_tokens_mentions_and_name_cores() {
        let xml = r#"<Document><token number="0" sentence="0" t_id="1">U.S.</token>
<token number="1" sentence="0" t_id="2">automaker</token><token number="2" sentence="0" t_id="3">Chrysler</token>
<token number="0" sentence="1" t_id="4">Bank</token><token number="1" sentence="1" t_id="5">of</token><token number="2" sentence="1" t_id="6">America</token>
<Markables><ENTITY_MENTION m_id="1" syntactic_type="NAM"><token_anchor t_id="1"/><token_anchor t_id="2"/><token_anchor t_id="3"/></ENTITY_MENTION>
<ENTITY_MENTION m_id="2" syntactic_type="NAM"><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></ENTITY_MENTION>
<ENTITY ent_type="ORG" instance_id="ORG1" m_id="9"/><ENTITY ent_type="ORG" m_id="10"/></Markables>
<Relations><REFERS_TO r_id="1"><source m_id="1"/><target m_id="9"/></REFERS_TO><REFERS_TO r_id="2"><source m_id="2"/><target m_id="10"/></REFERS_TO></Relations></Document>"#;
        let d = parse(xml);
        assert_eq!(d.words.len(), 6);
        assert_eq!(d.sentences, vec![0..3, 3..6]);
        assert_eq!(
            d.gold[0],
            (2..3, EntityLabel::Org, Some("ORG1".to_string()))
        );
        assert_eq!(d.gold[1], (3..6, EntityLabel::Org, None));
    }
}
