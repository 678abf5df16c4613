//! MEANTIME (Minard et al. 2016, English Wikinews, `intra_cross-doc_annotation`): cross-document
//! event coreference of lede's event mentions clustered by `cluster_id`.
//!
//! Each document is rebuilt from its tokens ([`super::cat`], all sentences) with its DCT (the
//! `TIMEX3` with `functionInDocument="CREATION_TIME"`) as the published date, and run through the
//! real [`Pipeline`].
//!
//! **Gold.** Every token-anchored `EVENT_MENTION` is a gold mention; its gold cluster is the
//! `instance_id` of the `EVENT` instance it `REFERS_TO` (cross-document), or that document-local
//! instance when it has no `instance_id`, or the mention alone when it refers to nothing.
//!
//! **Matching.** A lede event matches the gold mention whose anchor tokens overlap its trigger span
//! (the first such mention in text order); a gold mention matched by several lede events (one per
//! actor pair) takes the cluster id of the first. Lede events matching no gold mention are counted
//! (detection precision) but not scored.
//!
//! **Scores** (B-cubed, MUC, CEAF-e, pairwise) are given twice: over the matched gold mentions only
//! (coreference quality of what lede found), and over all gold mentions with the unmatched ones as
//! response singletons (what a user of the table sees: missed mentions cost recall). The singleton
//! baseline puts every mention alone.

use super::cat::CatDoc;
use super::coref::{bcubed, ceaf_e, muc, pairwise};
use super::ecbplus::run_all;
use extract::{ExtractError, Pipeline};
use model::{CleanArticle, Extraction};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

struct GoldMention {
    /// Byte spans of the anchor tokens in the rebuilt text.
    spans: Vec<(usize, usize)>,
    cluster: String,
}

fn parse_dct(v: &str) -> Option<chrono::NaiveDate> {
    let v = v.trim();
    chrono::NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d")
        .or_else(|_| chrono::NaiveDate::parse_from_str(v, "%m-%d-%Y"))
        .ok()
}

fn files(dir: &Path) -> Result<Vec<PathBuf>, ExtractError> {
    let root = [
        dir.join("data/meantime_newsreader_english_oct15/intra_cross-doc_annotation"),
        dir.join("meantime_newsreader_english_oct15/intra_cross-doc_annotation"),
        dir.join("intra_cross-doc_annotation"),
        dir.to_path_buf(),
    ]
    .into_iter()
    .find(|p| p.join("corpus_airbus").is_dir())
    .ok_or_else(|| ExtractError::Load {
        what: "MEANTIME corpus",
        path: dir.display().to_string(),
        reason: "no intra_cross-doc_annotation/corpus_* folders".into(),
    })?;
    let mut out = Vec::new();
    let rd = |p: &Path| {
        std::fs::read_dir(p).map_err(|e| ExtractError::Load {
            what: "MEANTIME corpus",
            path: p.display().to_string(),
            reason: e.to_string(),
        })
    };
    for c in rd(&root)?.flatten() {
        if c.path().is_dir() {
            for f in rd(&c.path())?.flatten() {
                if f.path().extension().is_some_and(|e| e == "xml") {
                    out.push(f.path());
                }
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Scores cross-document event coreference of lede's event clusters on MEANTIME (`dir`: the corpus
/// folder, e.g. `meantime_newsreader_en`).
pub fn eval_meantime_events(dir: &Path, pipeline: &Pipeline) -> Result<String, ExtractError> {
    let paths = files(dir)?;
    let mut golds: Vec<Vec<GoldMention>> = Vec::new();
    let mut arts = Vec::new();
    let mut no_dct = 0;
    for (di, p) in paths.iter().enumerate() {
        let (gold, art) = read_document(di, p)?;
        if art.published.is_none() {
            no_dct += 1;
        }
        golds.push(gold);
        arts.push(art);
    }
    let xs = run_all(pipeline, &arts)?;
    let matches = match_events(&xs, &golds);
    let chains = key_and_response(&golds, &matches.pred);
    Ok(report(paths.len(), no_dct, &golds, &matches, &chains))
}

/// Reads one MEANTIME document (number `di`): its gold event mentions, in text order, and the
/// article rebuilt from its tokens with its DCT as the published date.
fn read_document(di: usize, p: &Path) -> Result<(Vec<GoldMention>, CleanArticle), ExtractError> {
    let cat = CatDoc::read(p)?;
    let (text, spans) = cat.text(|_| true);
    let tok: HashMap<&str, (usize, usize)> = cat
        .tokens
        .iter()
        .zip(&spans)
        .filter_map(|(t, s)| s.map(|s| (t.t_id.as_str(), s)))
        .collect();
    let dct = cat
        .markables
        .iter()
        .find(|m| {
            m.tag == "TIMEX3"
                && m.attrs.get("functionInDocument").map(String::as_str) == Some("CREATION_TIME")
        })
        .and_then(|m| m.attrs.get("value"))
        .and_then(|v| parse_dct(v));
    let refers = gold_clusters(di, &cat);
    let mut gold: Vec<GoldMention> = cat
        .markables
        .iter()
        .filter(|m| m.tag == "EVENT_MENTION" && !m.anchors.is_empty())
        .map(|m| {
            let id = m.attrs.get("m_id").cloned().unwrap_or_default();
            GoldMention {
                spans: m
                    .anchors
                    .iter()
                    .filter_map(|t| tok.get(t.as_str()).copied())
                    .collect(),
                cluster: refers
                    .get(id.as_str())
                    .cloned()
                    .unwrap_or_else(|| format!("{di}/mention/{id}")),
            }
        })
        .filter(|g| !g.spans.is_empty())
        .collect();
    gold.sort_by_key(|g| g.spans[0]);
    let art = CleanArticle {
        article_id: format!("mt{di}"),
        source_path: p.display().to_string(),
        format: "text".into(),
        language: Some("en".into()),
        published: dct,
        text,
        ..Default::default()
    };
    Ok((gold, art))
}

/// The gold cluster of every event mention that refers to an `EVENT` instance: the instance's
/// `instance_id`, else the document-local instance (`<di>/local/<m_id>`).
fn gold_clusters(di: usize, cat: &CatDoc) -> HashMap<&str, String> {
    let instance: HashMap<&str, String> = cat
        .markables
        .iter()
        .filter(|m| m.tag == "EVENT")
        .filter_map(|m| {
            let id = m.attrs.get("m_id")?;
            Some((
                id.as_str(),
                m.attrs
                    .get("instance_id")
                    .filter(|s| !s.is_empty())
                    .cloned()
                    .unwrap_or_else(|| format!("{di}/local/{id}")),
            ))
        })
        .collect();
    let mut refers: HashMap<&str, String> = HashMap::new();
    for r in cat.relations.iter().filter(|r| r.tag == "REFERS_TO") {
        for t in &r.targets {
            if let Some(inst) = instance.get(t.as_str()) {
                for s in &r.sources {
                    // a cross-document instance wins over a local one
                    let e = refers.entry(s.as_str()).or_insert_with(|| inst.clone());
                    if e.contains("/local/") {
                        *e = inst.clone();
                    }
                }
            }
        }
    }
    refers
}

/// Lede's events against the gold mentions: the cluster id given to each matched gold mention,
/// and counts of lede's event mentions (distinct trigger spans).
struct Matches {
    /// per gold mention (doc, index): lede's cluster id
    pred: HashMap<(usize, usize), String>,
    lede_mentions: usize,
    unmatched: usize,
    dated: usize,
}

/// Matches every lede event to the first gold mention its trigger overlaps.
fn match_events(xs: &[Extraction], golds: &[Vec<GoldMention>]) -> Matches {
    // per gold mention (doc, index): lede's cluster id
    let mut pred: HashMap<(usize, usize), String> = HashMap::new();
    let (mut lede_mentions, mut unmatched, mut dated) = (0usize, 0usize, 0usize);
    let mut seen_spans = std::collections::HashSet::new();
    for (di, x) in xs.iter().enumerate() {
        for e in &x.events {
            let (a, b) = (e.trigger_span.start, e.trigger_span.end);
            let first = seen_spans.insert((di, a, b));
            if first {
                lede_mentions += 1;
                if e.date.is_some() {
                    dated += 1;
                }
            }
            let hit = golds[di]
                .iter()
                .position(|g| g.spans.iter().any(|&(s, t)| s < b && a < t));
            match hit {
                Some(gi) => {
                    pred.entry((di, gi)).or_insert_with(|| e.cluster_id.clone());
                }
                None if first => unmatched += 1,
                None => {}
            }
        }
    }
    Matches {
        pred,
        lede_mentions,
        unmatched,
        dated,
    }
}

/// Key (gold) and response (lede) cluster numbers, over the matched gold mentions (`_m`) and over
/// all of them (`_all`, unmatched ones as response singletons).
struct Chains {
    gold_instances: usize,
    key_m: Vec<usize>,
    resp_m: Vec<usize>,
    key_all: Vec<usize>,
    resp_all: Vec<usize>,
    /// Matched gold mentions of a cross-document instance.
    cross_gold: usize,
}

/// Numbers the gold and lede clusters of every gold mention (see [`Chains`]).
fn key_and_response(golds: &[Vec<GoldMention>], pred: &HashMap<(usize, usize), String>) -> Chains {
    let mut gold_ids: HashMap<&str, usize> = HashMap::new();
    let mut pred_ids: HashMap<&str, usize> = HashMap::new();
    let (mut key_m, mut resp_m, mut key_all, mut resp_all) = (vec![], vec![], vec![], vec![]);
    let mut cross_gold = 0;
    for (di, gold) in golds.iter().enumerate() {
        for (gi, g) in gold.iter().enumerate() {
            let n = gold_ids.len();
            let k = *gold_ids.entry(g.cluster.as_str()).or_insert(n);
            let r = match pred.get(&(di, gi)) {
                Some(c) => {
                    let n = pred_ids.len();
                    let r = *pred_ids.entry(c.as_str()).or_insert(n);
                    key_m.push(k);
                    resp_m.push(r);
                    if !g.cluster.contains('/') {
                        cross_gold += 1;
                    }
                    r
                }
                None => usize::MAX - key_all.len(),
            };
            key_all.push(k);
            resp_all.push(r);
        }
    }
    Chains {
        gold_instances: gold_ids.len(),
        key_m,
        resp_m,
        key_all,
        resp_all,
        cross_gold,
    }
}

/// The report: counts, then lede's and the singleton baseline's scores over matched and over all
/// gold mentions.
fn report(
    docs: usize,
    no_dct: usize,
    golds: &[Vec<GoldMention>],
    matches: &Matches,
    chains: &Chains,
) -> String {
    let Matches {
        lede_mentions,
        unmatched,
        dated,
        ..
    } = *matches;
    let Chains {
        key_m,
        resp_m,
        key_all,
        resp_all,
        ..
    } = chains;
    let gold_total: usize = golds.iter().map(Vec::len).sum();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "MEANTIME cross-document event coreference ({} docs, DCT as published date; {} without a DCT)",
        docs,
        no_dct
    );
    let _ = writeln!(
        out,
        "gold: {} event mentions in {} instances; lede: {} event mentions ({} dated), {} match a gold \
         mention, {} match none (not scored)",
        gold_total,
        chains.gold_instances,
        lede_mentions,
        dated,
        lede_mentions - unmatched,
        unmatched
    );
    let mut multi_pred: HashMap<usize, usize> = HashMap::new();
    for &r in resp_m {
        *multi_pred.entry(r).or_insert(0) += 1;
    }
    let _ = writeln!(
        out,
        "matched gold mentions: {} ({} of a cross-document instance); lede puts them in {} clusters \
         ({} with more than one mention)",
        key_m.len(),
        chains.cross_gold,
        multi_pred.len(),
        multi_pred.values().filter(|&&n| n > 1).count()
    );
    let single_m: Vec<usize> = (0..key_m.len()).collect();
    let single_all: Vec<usize> = (0..key_all.len()).collect();
    for (name, key, resp, single) in [
        ("matched mentions", key_m, resp_m, &single_m),
        (
            "all gold mentions (unmatched = singletons)",
            key_all,
            resp_all,
            &single_all,
        ),
    ] {
        let _ = writeln!(out, "{name}:");
        let _ = writeln!(out, "  lede      B-cubed  {}", bcubed(key, resp));
        let _ = writeln!(out, "  lede      MUC      {}", muc(key, resp));
        let _ = writeln!(out, "  lede      CEAF-e   {}", ceaf_e(key, resp));
        let _ = writeln!(out, "  lede      pairwise {}", pairwise(key, resp));
        let _ = writeln!(out, "  singleton B-cubed  {}", bcubed(key, single));
        let _ = writeln!(out, "  singleton CEAF-e   {}", ceaf_e(key, single));
    }
    out
}
