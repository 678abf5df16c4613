//! Evaluation of the coreference stage (issue 17) on GUM's gold chains: each document's text
//! ([`gold`]) goes through lede's whole pipeline from raw text (its own tokens, sentences, parse,
//! entities), and the chains it reports are scored against the gold chains by exact mention span
//! ([`score`]). `lede eval coref --conllu FILE [--genre G]` prints [`Report::lines`]: for all the
//! documents, then for news, interview and bio.

pub mod gold;
pub mod mismatch;
pub mod nouns;
pub mod score;
pub mod speakers;
pub mod train;

use crate::syntax::{conllu, UdError};
use extract::Pipeline;
use score::{Chains, Prf};
use std::collections::{BTreeMap, HashSet};
use std::ops::Range;
use std::path::Path;

/// Errors of the coreference evaluation.
#[derive(Debug, thiserror::Error)]
pub enum CorefEvalError {
    #[error(transparent)]
    Ud(#[from] UdError),
    #[error(transparent)]
    Extract(#[from] extract::ExtractError),
}

/// Scores summed over documents.
#[derive(Clone, Copy, Debug, Default)]
pub struct Tally {
    pub docs: usize,
    pub muc: Prf,
    pub b3: Prf,
    pub ceaf: Prf,
    pub pron_right: usize,
    pub pron_total: usize,
    pub gold_mentions: usize,
    pub sys_mentions: usize,
    /// Gold mentions in chains that lede detects as mentions (in a chain or not).
    pub detected: usize,
    /// Every gold mention, singletons included.
    pub gold_all: usize,
    /// Every mention lede detects, singletons included.
    pub sys_all: usize,
    /// Mentions lede detects whose span is a gold mention (singletons included on both sides).
    pub sys_matched: usize,
    /// Who spoke the quotes lede finds, against the gold chains ([`speakers`]).
    pub speakers: speakers::SpeakerTally,
}

impl Tally {
    pub fn add(&mut self, o: &Tally) {
        self.docs += o.docs;
        self.muc.add(o.muc);
        self.b3.add(o.b3);
        self.ceaf.add(o.ceaf);
        self.pron_right += o.pron_right;
        self.pron_total += o.pron_total;
        self.gold_mentions += o.gold_mentions;
        self.sys_mentions += o.sys_mentions;
        self.detected += o.detected;
        self.gold_all += o.gold_all;
        self.sys_all += o.sys_all;
        self.sys_matched += o.sys_matched;
        self.speakers.add(&o.speakers);
    }

    /// The mean of MUC, B-cubed and CEAF-e F1.
    pub fn conll_f1(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceaf.f1()) / 3.0
    }

    /// One measure a line, each starting with `prefix`.
    pub fn lines(&self, prefix: &str) -> Vec<String> {
        let pct = |x: f64| format!("{:.1}", 100.0 * x);
        let prf = |name: &str, p: &Prf| {
            format!(
                "{prefix}{name} {} (P {} R {})",
                pct(p.f1()),
                pct(p.precision()),
                pct(p.recall())
            )
        };
        let mut out = vec![
            format!(
                "{prefix}documents {} (gold mentions in chains {}, lede {})",
                self.docs, self.gold_mentions, self.sys_mentions
            ),
            format!(
                "{prefix}mention detection recall {}",
                pct(self.detected as f64 / self.gold_mentions.max(1) as f64)
            ),
            format!(
                "{prefix}mention detection precision {} (of {} lede mentions, singletons included; recall of all {} gold mentions {})",
                pct(self.sys_matched as f64 / self.sys_all.max(1) as f64),
                self.sys_all,
                self.gold_all,
                pct(self.sys_matched as f64 / self.gold_all.max(1) as f64)
            ),
            prf("MUC", &self.muc),
            prf("B3", &self.b3),
            prf("CEAF-e", &self.ceaf),
            format!("{prefix}CoNLL F1 {}", pct(self.conll_f1())),
            format!(
                "{prefix}pronoun accuracy {} ({} of {})",
                pct(self.pron_right as f64 / self.pron_total.max(1) as f64),
                self.pron_right,
                self.pron_total
            ),
        ];
        out.extend(self.speakers.lines(prefix));
        out
    }
}

/// The scores of every document and of each genre.
pub struct Report {
    pub all: Tally,
    pub genres: BTreeMap<String, Tally>,
}

impl Report {
    /// All documents first, then news, interview and bio (those present), one measure a line.
    pub fn lines(&self) -> String {
        let mut out = self.all.lines("");
        for g in ["news", "interview", "bio"] {
            if let Some(t) = self.genres.get(g) {
                out.extend(t.lines(&format!("{g} ")));
            }
        }
        out.join("\n")
    }
}

/// The GUM genre of a document id (`GUM_news_nasa` -> `news`).
fn genre(doc_id: &str) -> &str {
    doc_id.split('_').nth(1).unwrap_or("")
}

/// Scores lede's chains on the documents of a CoNLL-U file with GUM's `Entity=` annotation
/// (only those of `genre` if given).
pub fn eval_coref(
    pipeline: &Pipeline,
    path: &Path,
    only: Option<&str>,
) -> Result<Report, CorefEvalError> {
    let sentences = conllu::read(path)?;
    let docs = gold::documents(&sentences)?;
    let mut report = Report {
        all: Tally::default(),
        genres: BTreeMap::new(),
    };
    for d in docs
        .iter()
        .filter(|d| only.is_none_or(|g| genre(&d.id) == g))
    {
        let t = score_doc(pipeline, d)?;
        report.all.add(&t);
        report
            .genres
            .entry(genre(&d.id).to_string())
            .or_default()
            .add(&t);
    }
    Ok(report)
}

/// The chains lede finds in a text, singletons included.
pub fn system_chains(pipeline: &Pipeline, id: &str, text: &str) -> Result<Chains, CorefEvalError> {
    let ex = pipeline.run(&crate::english_article(id, text))?;
    Ok(chains_of(&ex))
}

/// The chains of an extraction, singletons included.
fn chains_of(ex: &model::Extraction) -> Chains {
    let mut chains: Chains = Vec::new();
    for m in &ex.mentions {
        let c = m.chain as usize;
        if chains.len() <= c {
            chains.resize(c + 1, Vec::new());
        }
        chains[c].push(m.span.start..m.span.end);
    }
    chains
}

fn score_doc(pipeline: &Pipeline, d: &gold::GoldDoc) -> Result<Tally, CorefEvalError> {
    let ex = pipeline.run(&crate::english_article(&d.id, &d.text))?;
    Ok(tally(d, &ex))
}

/// The scores of lede's extraction of one gold document.
pub fn tally(d: &gold::GoldDoc, ex: &model::Extraction) -> Tally {
    let mut by_entity: BTreeMap<&str, Vec<Range<usize>>> = BTreeMap::new();
    for m in &d.mentions {
        by_entity
            .entry(m.entity.as_str())
            .or_default()
            .push(m.span.clone());
    }
    let key = score::without_singletons(by_entity.into_values().collect());
    let third: HashSet<Range<usize>> = d
        .mentions
        .iter()
        .filter(|m| m.pronoun3)
        .map(|m| m.span.clone())
        .collect();
    let all = chains_of(ex);
    let (pron_right, pron_total) = score::pronouns(&key, &third, &all);
    let found: HashSet<&Range<usize>> = all.iter().flatten().collect();
    let detected = key.iter().flatten().filter(|s| found.contains(s)).count();
    let gold_all: HashSet<&Range<usize>> = d.mentions.iter().map(|m| &m.span).collect();
    let sys_matched = found.iter().filter(|s| gold_all.contains(*s)).count();
    let (gold_all, sys_all) = (gold_all.len(), found.len());
    if std::env::var("LEDE_COREF_DUMP").is_ok_and(|v| d.id.contains(&v)) {
        dump(d, &key, &all);
    }
    if std::env::var("LEDE_COREF_PRONOUNS").is_ok() {
        dump_pronouns(d, &key, &third, &all);
    }
    let resp = score::without_singletons(all);
    Tally {
        docs: 1,
        muc: score::muc(&key, &resp),
        b3: score::b_cubed(&key, &resp),
        ceaf: score::ceaf_e(&key, &resp),
        pron_right,
        pron_total,
        gold_mentions: key.iter().map(Vec::len).sum(),
        sys_mentions: resp.iter().map(Vec::len).sum(),
        detected,
        gold_all,
        sys_all,
        sys_matched,
        speakers: speakers::score(d, ex),
    }
}

/// Prints a document's gold chains and lede's (`LEDE_COREF_DUMP=<doc id part>`), for error analysis.
fn dump(d: &gold::GoldDoc, key: &Chains, all: &Chains) {
    let show = |c: &Vec<Range<usize>>| {
        c.iter()
            .map(|s| format!("[{}]", d.text[s.clone()].replace('\n', " ")))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let found: HashSet<&Range<usize>> = all.iter().flatten().collect();
    println!("== {}", d.id);
    for c in key {
        let missing: Vec<&str> = c
            .iter()
            .filter(|s| !found.contains(s))
            .map(|s| &d.text[s.clone()])
            .collect();
        println!("GOLD {}   MISSING {:?}", show(c), missing);
    }
    for c in all.iter().filter(|c| c.len() > 1) {
        println!("LEDE {}", show(c));
    }
}

/// Prints each third-person pronoun lede gets wrong (`LEDE_COREF_PRONOUNS=1`): the pronoun in its
/// context, lede's antecedent, the gold chain's first mention.
fn dump_pronouns(d: &gold::GoldDoc, key: &Chains, third: &HashSet<Range<usize>>, all: &Chains) {
    for k in key {
        let mut k = k.clone();
        k.sort_by_key(|s| (s.start, s.end));
        for s in k.iter().skip(1).filter(|s| third.contains(*s)) {
            let one: Chains = vec![k.clone()];
            let only: HashSet<Range<usize>> = [s.clone()].into_iter().collect();
            if score::pronouns(&one, &only, all).0 == 1 {
                continue;
            }
            let ante = all
                .iter()
                .find(|c| c.contains(s))
                .and_then(|c| {
                    c.iter()
                        .filter(|x| x.end <= s.start)
                        .max_by_key(|x| x.start)
                })
                .map_or("-".to_string(), |a| d.text[a.clone()].to_string());
            let lo = d.text.floor_char_boundary(s.start.saturating_sub(60));
            let hi = d.text.ceil_char_boundary((s.end + 20).min(d.text.len()));
            println!(
                "{}\t{}[[{}]]{}\tLEDE {:?}\tGOLD {:?}",
                d.id,
                d.text[lo..s.start].replace('\n', " "),
                &d.text[s.clone()],
                d.text[s.end..hi].replace('\n', " "),
                ante,
                &d.text[k[0].clone()]
            );
        }
    }
}
