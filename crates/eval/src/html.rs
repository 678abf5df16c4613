//! Main text of web pages on the article extraction benchmark (Zyte's, 181 real pages:
//! `../shared/data/article_extraction_benchmark`, see its PROVENANCE).
//!
//! Each page (`html/<id>.html.gz`) goes through lede's own cleaning ([`clean::clean`], the code
//! `lede run` uses), and the article text lede would store is scored against the page's
//! `articleBody` in `ground-truth.json` with the benchmark's metric:
//!
//! - tokens are the `\w+` matches (Unicode, case kept); shingles are the runs of 4 consecutive
//!   tokens (a text of fewer than 4 tokens is one shingle);
//! - per page, over the multisets of shingles: TP = the shared counts, FP = the prediction's
//!   excess, FN = the truth's excess, each divided by TP + FP + FN so that every page weighs the
//!   same;
//! - precision and recall are the means over pages of TP/(TP+FP) and TP/(TP+FN) (pages where the
//!   denominator is 0 left out), F1 their harmonic mean, accuracy the share of pages whose token
//!   list equals the truth's.
//!
//! A page lede refuses (an error) is scored as an empty prediction.

use extract::ExtractError;
use regex::Regex;
use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::sync::LazyLock;

static WORD: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\w+").expect("valid regex"));

/// The benchmark's tokens: every `\w+` match, case kept.
pub fn tokens(text: &str) -> Vec<&str> {
    WORD.find_iter(text).map(|m| m.as_str()).collect()
}

/// The multiset of runs of `n` consecutive tokens; fewer than `n` tokens make one shingle (all of
/// them, possibly none).
pub fn shingles<'a>(tokens: &[&'a str], n: usize) -> HashMap<Vec<&'a str>, usize> {
    let mut out = HashMap::new();
    let windows = tokens.len().saturating_sub(n - 1).max(1);
    for i in 0..windows {
        let end = (i + n).min(tokens.len());
        *out.entry(tokens[i..end].to_vec()).or_insert(0) += 1;
    }
    out
}

/// One page's score: TP, FP, FN normalised to sum to 1, and whether the tokens match exactly.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PageScore {
    pub tp: f64,
    pub fp: f64,
    pub fn_: f64,
    pub exact: bool,
}

impl PageScore {
    /// TP/(TP+FP), or `None` when both are 0.
    pub fn precision(&self) -> Option<f64> {
        (self.tp + self.fp > 0.0).then(|| self.tp / (self.tp + self.fp))
    }

    /// TP/(TP+FN), or `None` when both are 0.
    pub fn recall(&self) -> Option<f64> {
        (self.tp + self.fn_ > 0.0).then(|| self.tp / (self.tp + self.fn_))
    }
}

/// Scores a prediction against the truth with 4-token shingles.
pub fn score_page(truth: &str, pred: &str) -> PageScore {
    let (t, p) = (tokens(truth), tokens(pred));
    let (ts, ps) = (shingles(&t, 4), shingles(&p, 4));
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &tc) in &ts {
        let pc = ps.get(k).copied().unwrap_or(0);
        tp += tc.min(pc);
        fn_ += tc.saturating_sub(pc);
    }
    for (k, &pc) in &ps {
        fp += pc.saturating_sub(ts.get(k).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    let norm = |x: usize| if sum > 0.0 { x as f64 / sum } else { 0.0 };
    PageScore {
        tp: norm(tp),
        fp: norm(fp),
        fn_: norm(fn_),
        exact: t == p,
    }
}

/// The benchmark's figures over pages.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Figures {
    pub f1: f64,
    pub precision: f64,
    pub recall: f64,
    pub accuracy: f64,
    pub pages: usize,
}

fn mean(xs: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = xs.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 {
        0.0
    } else {
        sum / n as f64
    }
}

/// Mean precision, mean recall, the F1 of the two means, and accuracy.
pub fn figures(scores: &[PageScore]) -> Figures {
    let precision = mean(scores.iter().filter_map(PageScore::precision));
    let recall = mean(scores.iter().filter_map(PageScore::recall));
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    let exact = scores.iter().filter(|s| s.exact).count();
    Figures {
        f1,
        precision,
        recall,
        accuracy: if scores.is_empty() {
            0.0
        } else {
            exact as f64 / scores.len() as f64
        },
        pages: scores.len(),
    }
}

impl Figures {
    /// One line per figure: `F1 0.962`, `precision`, `recall`, `accuracy`, `pages`.
    pub fn report(&self) -> String {
        format!(
            "F1 {:.3}\nprecision {:.3}\nrecall {:.3}\naccuracy {:.3}\npages {}\n",
            self.f1, self.precision, self.recall, self.accuracy, self.pages
        )
    }
}

/// One page of the benchmark: its id, URL, true article body and raw bytes.
pub struct Page {
    pub id: String,
    pub url: String,
    pub truth: String,
    pub html: Vec<u8>,
}

fn load_err(dir: &Path, reason: String) -> ExtractError {
    ExtractError::Load {
        what: "article extraction benchmark",
        path: dir.display().to_string(),
        reason,
    }
}

/// Reads `ground-truth.json` and every page it names (`html/<id>.html.gz`), in id order.
pub fn read_benchmark(dir: &Path) -> Result<Vec<Page>, ExtractError> {
    let gt = std::fs::read_to_string(dir.join("ground-truth.json"))
        .map_err(|e| load_err(dir, format!("ground-truth.json: {e}")))?;
    let gt: serde_json::Value =
        serde_json::from_str(&gt).map_err(|e| load_err(dir, format!("ground-truth.json: {e}")))?;
    let obj = gt
        .as_object()
        .ok_or_else(|| load_err(dir, "ground-truth.json is not an object".into()))?;
    let mut pages = Vec::with_capacity(obj.len());
    for (id, v) in obj {
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let gz = std::fs::read(&path).map_err(|e| load_err(dir, format!("{id}: {e}")))?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(gz.as_slice())
            .read_to_end(&mut html)
            .map_err(|e| load_err(dir, format!("{id}: {e}")))?;
        let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
        pages.push(Page {
            id: id.clone(),
            url: field("url"),
            truth: field("articleBody"),
            html,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The article lede would store for a page: the first one [`clean::clean`] gives, or `None`
/// when it refuses the page.
pub fn lede_article(page: &Page) -> Option<model::CleanArticle> {
    let item = model::WorkItem {
        source_path: format!("{}.html", page.id),
        content_hash: String::new(),
        bytes: page.html.clone(),
        modified: None,
    };
    clean::clean(&item, &clean::CleanOptions::default())
        .into_iter()
        .find_map(Result::ok)
}

/// The article text lede would store for a page, or nothing when it refuses the page.
pub fn lede_text(page: &Page) -> String {
    lede_article(page).map(|a| a.text).unwrap_or_default()
}

/// `lede eval html`: the figures on the benchmark in `dir`, and how many pages lede gives a
/// published date (`dated N`; the benchmark has no gold dates). With `verbose`, first one line
/// per page, worst first: `page <P> <R> <=|~> <id> <url>`. With `dump`, each page's truth and lede's text
/// are written there (`<id>.truth.txt`, `<id>.lede.txt`).
pub fn eval_html(dir: &Path, verbose: bool, dump: Option<&Path>) -> Result<String, ExtractError> {
    let pages = read_benchmark(dir)?;
    if let Some(d) = dump {
        std::fs::create_dir_all(d).map_err(|e| load_err(d, e.to_string()))?;
    }
    let mut scored = Vec::with_capacity(pages.len());
    let mut dated = 0;
    for page in &pages {
        let article = lede_article(page);
        dated += usize::from(article.as_ref().is_some_and(|a| a.published.is_some()));
        let text = article.map(|a| a.text).unwrap_or_default();
        if let Some(d) = dump {
            let write = |ext: &str, t: &str| {
                std::fs::write(d.join(format!("{}.{ext}.txt", page.id)), t)
                    .map_err(|e| load_err(d, e.to_string()))
            };
            write("truth", &page.truth)?;
            write("lede", &text)?;
        }
        scored.push((score_page(&page.truth, &text), page));
    }
    let mut report = String::new();
    if verbose {
        let f = |s: &PageScore| {
            let (p, r) = (s.precision().unwrap_or(0.0), s.recall().unwrap_or(0.0));
            if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            }
        };
        let mut order: Vec<_> = scored.iter().collect();
        order.sort_by(|a, b| f(&a.0).total_cmp(&f(&b.0)));
        for (s, page) in order {
            report += &format!(
                "page {:.3} {:.3} {} {} {}\n",
                s.precision().unwrap_or(0.0),
                s.recall().unwrap_or(0.0),
                if s.exact { "=" } else { "~" },
                page.id,
                page.url
            );
        }
    }
    let scores: Vec<PageScore> = scored.iter().map(|(s, _)| *s).collect();
    report += &figures(&scores).report();
    report += &format!("dated {dated}\n");
    Ok(report)
}
