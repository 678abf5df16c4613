//! ECB+ (Cybulska & Vossen 2014): document clustering induced by lede's event clusters.
//!
//! Each of the 982 documents is rebuilt from its tokens ([`super::cat`]; the source-URL sentence 0
//! of `*ecbplus.xml` files is skipped) and run through the real [`Pipeline`]. ECB+ has no
//! publication dates, so `published` is null and relative dates ("on Friday") stay unresolved: only
//! events with an absolute date ("January 9, 2009") get a dated cluster key.
//!
//! **Induction.** Within the scored documents, two documents are linked when they share at least one
//! event `cluster_id`; the connected components are the predicted document clusters. Documents with
//! no event are singletons (the report counts them). The gold is `doc_clusters.tsv` (86 sub-topic
//! clusters, the seminal event of each half of a topic). Scores: B-cubed and pairwise P/R/F1 over
//! documents, next to the all-singletons baseline.
//!
//! **Split** (Cybulska & Vossen 2015, Barhom et al. 2019): test topics 36-45, dev topics 2, 5, 12,
//! 18, 21, 23, 34, 35, the rest train. Tune only on train and dev.

use super::cat::CatDoc;
use super::coref::{bcubed, pairwise};
use extract::{ExtractError, Pipeline};
use model::{CleanArticle, Extraction};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::path::Path;

/// A topic subset of ECB+.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TopicSplit {
    Train,
    Dev,
    Test,
    /// Train and dev: what tuning may look at.
    TrainDev,
    All,
}

const DEV: &[u32] = &[2, 5, 12, 18, 21, 23, 34, 35];

impl TopicSplit {
    pub fn contains(self, topic: u32) -> bool {
        let test = (36..=45).contains(&topic);
        let dev = DEV.contains(&topic);
        match self {
            TopicSplit::Train => !test && !dev,
            TopicSplit::Dev => dev,
            TopicSplit::Test => test,
            TopicSplit::TrainDev => !test,
            TopicSplit::All => true,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            TopicSplit::Train => "train topics (1-35 minus dev)",
            TopicSplit::Dev => "dev topics (2 5 12 18 21 23 34 35)",
            TopicSplit::Test => "test topics (36-45)",
            TopicSplit::TrainDev => "train+dev topics (1-35)",
            TopicSplit::All => "all topics",
        }
    }
}

/// One scored document: its gold cluster and lede's event cluster ids.
struct DocOut {
    topic: u32,
    gold: String,
    events: usize,
    dated: usize,
    clusters: HashSet<String>,
}

/// Runs the pipeline over the articles on all cores, in order.
pub(crate) fn run_all(
    pipeline: &Pipeline,
    arts: &[CleanArticle],
) -> Result<Vec<Extraction>, ExtractError> {
    let n = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1)
        .min(arts.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let mut out: Vec<Option<Result<Extraction, ExtractError>>> = Vec::new();
    out.resize_with(arts.len(), || None);
    let results = std::sync::Mutex::new(out);
    std::thread::scope(|s| {
        for _ in 0..n {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= arts.len() {
                    break;
                }
                let r = pipeline.run(&arts[i]);
                results.lock().unwrap()[i] = Some(r);
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(|r| r.expect("every article is run"))
        .collect()
}

fn load(dir: &Path, pipeline: &Pipeline) -> Result<Vec<DocOut>, ExtractError> {
    let tsv_path = dir.join("doc_clusters.tsv");
    let tsv = std::fs::read_to_string(&tsv_path).map_err(|e| ExtractError::Load {
        what: "ECB+ doc_clusters.tsv",
        path: tsv_path.display().to_string(),
        reason: e.to_string(),
    })?;
    let mut docs = Vec::new();
    let mut arts = Vec::new();
    for line in tsv.lines().skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        let topic: u32 = f[1].parse().unwrap_or(0);
        let cat = CatDoc::read(&dir.join(f[0]))?;
        let plus = f[0].ends_with("ecbplus.xml");
        let (text, _) = cat.text(|s| !(plus && s == 0));
        arts.push(CleanArticle {
            article_id: format!("ecb{}", docs.len()),
            source_path: f[0].to_string(),
            format: "text".into(),
            language: Some("en".into()),
            text,
            ..Default::default()
        });
        docs.push(DocOut {
            topic,
            gold: f[2].to_string(),
            events: 0,
            dated: 0,
            clusters: HashSet::new(),
        });
    }
    for (d, x) in docs.iter_mut().zip(run_all(pipeline, &arts)?) {
        d.events = x.events.len();
        d.dated = x.events.iter().filter(|e| e.date.is_some()).count();
        d.clusters = x.events.into_iter().map(|e| e.cluster_id).collect();
    }
    Ok(docs)
}

/// Connected components of documents sharing a cluster id: a label per document.
fn induce(docs: &[&DocOut]) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..docs.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut first: HashMap<&str, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        for c in &d.clusters {
            match first.get(c.as_str()) {
                Some(&j) => {
                    let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                    parent[a] = b;
                }
                None => {
                    first.insert(c.as_str(), i);
                }
            }
        }
    }
    (0..docs.len()).map(|i| find(&mut parent, i)).collect()
}

fn report(out: &mut String, docs: &[DocOut], split: TopicSplit, detail: bool) {
    let sel: Vec<&DocOut> = docs.iter().filter(|d| split.contains(d.topic)).collect();
    let mut gold_ids: HashMap<&str, usize> = HashMap::new();
    let key: Vec<usize> = sel
        .iter()
        .map(|d| {
            let n = gold_ids.len();
            *gold_ids.entry(d.gold.as_str()).or_insert(n)
        })
        .collect();
    let resp = induce(&sel);
    let single: Vec<usize> = (0..sel.len()).collect();
    let events: usize = sel.iter().map(|d| d.events).sum();
    let dated: usize = sel.iter().map(|d| d.dated).sum();
    let no_events = sel.iter().filter(|d| d.events == 0).count();
    let mut sizes: HashMap<usize, usize> = HashMap::new();
    for &r in &resp {
        *sizes.entry(r).or_insert(0) += 1;
    }
    let multi = sizes.values().filter(|&&n| n > 1).count();
    let in_multi: usize = sizes.values().filter(|&&n| n > 1).sum();
    let _ = writeln!(
        out,
        "{}: {} docs, {} gold clusters; {} events ({} dated) ; {} docs without events (singletons)",
        split.name(),
        sel.len(),
        gold_ids.len(),
        events,
        dated,
        no_events
    );
    let _ = writeln!(
        out,
        "  predicted: {} clusters, {} of them multi-document ({} docs), {} singletons",
        sizes.len(),
        multi,
        in_multi,
        sizes.len() - multi
    );
    let _ = writeln!(out, "  lede     B-cubed  {}", bcubed(&key, &resp));
    let _ = writeln!(out, "  lede     pairwise {}", pairwise(&key, &resp));
    let _ = writeln!(out, "  singleton B-cubed {}", bcubed(&key, &single));
    let _ = writeln!(out, "  singleton pairwise {}", pairwise(&key, &single));
    if detail {
        // cross-document links by cluster id: right (same gold cluster) or wrong
        let mut by_id: BTreeMap<&str, Vec<&DocOut>> = BTreeMap::new();
        for d in &sel {
            for c in &d.clusters {
                by_id.entry(c.as_str()).or_default().push(d);
            }
        }
        let (mut right, mut wrong) = (0usize, 0usize);
        for ds in by_id.values().filter(|v| v.len() > 1) {
            for i in 0..ds.len() {
                for j in i + 1..ds.len() {
                    if ds[i].gold == ds[j].gold {
                        right += 1;
                    } else {
                        wrong += 1;
                    }
                }
            }
        }
        let _ = writeln!(
            out,
            "  shared-id document pairs: {right} same gold cluster, {wrong} different"
        );
    }
}

/// Scores the document clustering induced by lede's event clusters on ECB+ (`dir`: the folder with
/// `doc_clusters.tsv` and `ECB+/`), one section per split.
pub fn eval_ecbplus(
    dir: &Path,
    pipeline: &Pipeline,
    splits: &[TopicSplit],
) -> Result<String, ExtractError> {
    let docs = load(dir, pipeline)?;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "ECB+ document clustering induced by event cluster ids ({} docs read; no publication dates: \
         published is null, only absolute dates resolve)",
        docs.len()
    );
    let _ = writeln!(
        out,
        "induction: documents sharing an event cluster_id are linked; connected components are the \
         predicted clusters; documents without events are singletons"
    );
    for &s in splits {
        report(
            &mut out,
            &docs,
            s,
            s != TopicSplit::Test && s != TopicSplit::All,
        );
    }
    Ok(out)
}
