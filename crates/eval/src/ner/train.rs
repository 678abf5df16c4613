//! Training of the tagger: a structured averaged perceptron (Collins 2002) over BILOU tags.
//!
//! Deterministic: sentences are visited in an order shuffled by a seeded xorshift generator, and
//! every map that decides an order is sorted. The epoch with the best dev F1 is kept, then a
//! softmax temperature for the confidences is fitted on dev (lowest token log-loss).

use super::conll::{self, ConllDoc};
use extract::ner::decode::{marginals, viterbi, Weights, TSIDE};
use extract::ner::features::{doc_features, Gazetteer};
use extract::ner::format::ModelData;
use extract::ner::tags::{self, NTAGS};
use extract::ner::NerModel;
use std::collections::HashMap;
use std::ops::Range;

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainConfig {
    pub epochs: usize,
    pub seed: u64,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Folds of the jackknifed training-name gazetteer (0: every document sees every name).
    pub folds: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 20_030_531,
            min_count: 2,
            folds: 5,
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// A training document with its features resolved to row ids (`u32::MAX`: unknown feature).
struct Prepared {
    rows: Vec<u32>,
    offsets: Vec<usize>,
    sentences: Vec<Range<usize>>,
    gold: Vec<usize>,
}

/// Gold BILOU tags of a CoNLL document.
pub fn gold_tags(d: &ConllDoc) -> Vec<usize> {
    tags::from_spans(d.words.len(), &d.gold())
}

/// Trains a model; `log` receives one line per epoch. Returns the model of the epoch with the
/// best dev F1 (the last one without dev documents) and that epoch.
pub fn train(
    train_docs: &[ConllDoc],
    dev_docs: &[ConllDoc],
    base_gazetteer: &str,
    cfg: &TrainConfig,
    mut log: impl FnMut(&str),
) -> (ModelData, usize) {
    // Names seen in training join the gazetteer. Each training document sees only the names of
    // the other folds (jackknife), so the tagger learns how far a gazetteer match can be trusted
    // for names it has not seen.
    let gazetteer = with_training_names(base_gazetteer, train_docs, |_| true);
    let gaz = Gazetteer::parse(&gazetteer);
    let folds: Vec<Gazetteer> = (0..cfg.folds)
        .map(|k| {
            Gazetteer::parse(&with_training_names(base_gazetteer, train_docs, |d| {
                d % cfg.folds != k
            }))
        })
        .collect();
    log(&format!(
        "gazetteer: {} entries ({} folds)",
        gaz.len(),
        folds.len()
    ));
    let feats: Vec<_> = train_docs
        .iter()
        .enumerate()
        .map(|(di, d)| {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            let g = if folds.is_empty() {
                &gaz
            } else {
                &folds[di % cfg.folds]
            };
            doc_features(&words, &d.sentences, g)
        })
        .collect();
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for f in &feats {
        for &k in &f.feats {
            *counts.entry(k).or_insert(0) += 1;
        }
    }
    let mut keys: Vec<u64> = counts
        .iter()
        .filter(|(_, &c)| c >= cfg.min_count)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let index: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    log(&format!(
        "features: {} seen, {} kept (min count {})",
        counts.len(),
        keys.len(),
        cfg.min_count
    ));
    drop(counts);
    let docs: Vec<Prepared> = train_docs
        .iter()
        .zip(feats)
        .map(|(d, f)| Prepared {
            rows: f
                .feats
                .iter()
                .map(|k| index.get(k).copied().unwrap_or(u32::MAX))
                .collect(),
            offsets: f.offsets,
            sentences: d.sentences.clone(),
            gold: gold_tags(d),
        })
        .collect();
    drop(index);

    let (f1, epoch, weights) = perceptron(
        &docs,
        &keys,
        cfg.epochs,
        cfg.seed,
        |w| {
            (!dev_docs.is_empty()).then(|| {
                let model = NerModel::from_weights(w.clone(), gaz.clone(), true);
                conll::evaluate(&model, dev_docs).overall().2
            })
        },
        &mut log,
    );
    log(&format!("kept epoch {epoch} (dev F1 {f1:.2})"));
    let temperature = fit_temperature(&weights, &gaz, dev_docs);
    log(&format!("temperature {temperature}"));
    let data = ModelData {
        weights,
        stage2: None,
        temperature,
        gazetteer,
    };
    (data, epoch)
}

/// The structured averaged perceptron over prepared documents: `epochs` passes in a seeded
/// shuffled order; after each, the averaged weights are scored by `eval` (dev F1; `None`: no dev,
/// the last epoch wins). Returns (score, epoch, weights) of the best epoch.
fn perceptron(
    docs: &[Prepared],
    keys: &[u64],
    epochs: usize,
    seed: u64,
    mut eval: impl FnMut(&Weights) -> Option<f64>,
    log: &mut impl FnMut(&str),
) -> (f64, usize, Weights) {
    let keys = keys.to_vec();
    let n = keys.len();
    let mut w = vec![0f32; n * NTAGS];
    let mut u = vec![0f64; n * NTAGS];
    let mut tw = vec![0f32; TSIDE * TSIDE];
    let mut tu = vec![0f64; TSIDE * TSIDE];
    let mut c: f64 = 1.0;
    let mut order: Vec<(usize, usize)> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, p)| (0..p.sentences.len()).map(move |s| (d, s)))
        .collect();
    let mut rng = XorShift(seed | 1);
    let mut best: Option<(f64, usize, Weights)> = None;
    let mut em: Vec<[f32; NTAGS]> = Vec::new();
    for epoch in 1..=epochs {
        rng.shuffle(&mut order);
        let mut errors = 0usize;
        for &(di, si) in &order {
            let d = &docs[di];
            let r = d.sentences[si].clone();
            em.clear();
            for i in r.clone() {
                let mut e = [0f32; NTAGS];
                for &row in &d.rows[d.offsets[i]..d.offsets[i + 1]] {
                    if row != u32::MAX {
                        let ws = &w[row as usize * NTAGS..(row as usize + 1) * NTAGS];
                        for (o, x) in e.iter_mut().zip(ws) {
                            *o += x;
                        }
                    }
                }
                em.push(e);
            }
            let pred = viterbi(&em, &tw);
            let gold = &d.gold[r.clone()];
            if pred != gold {
                for (k, i) in r.clone().enumerate() {
                    let (g, p) = (gold[k], pred[k]);
                    if g != p {
                        errors += 1;
                        for &row in &d.rows[d.offsets[i]..d.offsets[i + 1]] {
                            if row != u32::MAX {
                                let b = row as usize * NTAGS;
                                w[b + g] += 1.0;
                                u[b + g] += c;
                                w[b + p] -= 1.0;
                                u[b + p] -= c;
                            }
                        }
                    }
                    let (gp, pp) = if k == 0 {
                        (TSIDE - 1, TSIDE - 1)
                    } else {
                        (gold[k - 1], pred[k - 1])
                    };
                    if (gp, g) != (pp, p) {
                        tw[gp * TSIDE + g] += 1.0;
                        tu[gp * TSIDE + g] += c;
                        tw[pp * TSIDE + p] -= 1.0;
                        tu[pp * TSIDE + p] -= c;
                    }
                }
                let last = gold.len() - 1;
                let (g, p) = (gold[last], pred[last]);
                if g != p {
                    tw[g * TSIDE + TSIDE - 1] += 1.0;
                    tu[g * TSIDE + TSIDE - 1] += c;
                    tw[p * TSIDE + TSIDE - 1] -= 1.0;
                    tu[p * TSIDE + TSIDE - 1] -= c;
                }
            }
            c += 1.0;
        }
        let avg: Vec<f32> = w
            .iter()
            .zip(&u)
            .map(|(&a, &b)| (a as f64 - b / c) as f32)
            .collect();
        let tavg: Vec<f32> = tw
            .iter()
            .zip(&tu)
            .map(|(&a, &b)| (a as f64 - b / c) as f32)
            .collect();
        let weights = Weights::new(keys.clone(), avg, tavg);
        let f1 = eval(&weights).unwrap_or(epoch as f64);
        log(&format!(
            "epoch {epoch}: {errors} token errors, dev F1 {f1:.2}"
        ));
        if best.as_ref().is_none_or(|b| f1 > b.0) {
            best = Some((f1, epoch, weights));
        }
    }
    best.expect("at least one epoch")
}

/// Trains the second stage on documents with their (jackknifed) stage-1 tags; returns the
/// weights of the best epoch on dev (stage-2 decoding of the dev stage-1 tags), that epoch and
/// its dev F1.
pub fn train_stage2(
    train_docs: &[(&ConllDoc, Vec<usize>)],
    dev_docs: &[(&ConllDoc, Vec<usize>)],
    epochs: usize,
    seed: u64,
    mut log: impl FnMut(&str),
) -> (Weights, usize, f64) {
    let prep = |d: &ConllDoc, t1: &[usize]| {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        extract::ner::stack::stage2_features(&words, &d.sentences, t1)
    };
    let feats: Vec<_> = train_docs.iter().map(|(d, t1)| prep(d, t1)).collect();
    let mut keys: Vec<u64> = feats.iter().flat_map(|f| f.feats.iter().copied()).collect();
    keys.sort_unstable();
    keys.dedup();
    let index: HashMap<u64, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    log(&format!("stage 2: {} features", keys.len()));
    let docs: Vec<Prepared> = train_docs
        .iter()
        .zip(feats)
        .map(|((d, _), f)| Prepared {
            rows: f
                .feats
                .iter()
                .map(|k| index.get(k).copied().unwrap_or(u32::MAX))
                .collect(),
            offsets: f.offsets,
            sentences: d.sentences.clone(),
            gold: gold_tags(d),
        })
        .collect();
    let dev_feats: Vec<_> = dev_docs.iter().map(|(d, t1)| prep(d, t1)).collect();
    let (f1, epoch, w) = perceptron(
        &docs,
        &keys,
        epochs,
        seed,
        |w| {
            (!dev_docs.is_empty()).then(|| {
                let mut score = conll::Score::default();
                for ((d, _), f) in dev_docs.iter().zip(&dev_feats) {
                    let found = decode_with(w, f, &d.sentences);
                    score.add(d.words.len(), &d.gold(), &found);
                }
                score.overall().2
            })
        },
        &mut log,
    );
    (w, epoch, f1)
}

/// Trains both stages. Stage 1 as [`train`]; its tags on every training document come from
/// stage-1 models trained without that document's fold (jackknife, 5 folds), so stage 2 learns
/// from tags as good as those it will see on new text. With dev documents, the epochs of both
/// stages and the temperature (on stage-2 scores) are chosen on dev; without, `cfg.epochs` and
/// `stage2_epochs` are used as given. Returns the model and the two epoch counts.
pub fn train_full(
    train_docs: &[ConllDoc],
    dev_docs: &[ConllDoc],
    base_gazetteer: &str,
    cfg: &TrainConfig,
    stage2_epochs: usize,
    mut log: impl FnMut(&str),
) -> (ModelData, usize, usize) {
    let (mut data, e1) = train(train_docs, dev_docs, base_gazetteer, cfg, &mut log);
    let k = 5;
    let mut t1_train: Vec<Vec<usize>> = vec![Vec::new(); train_docs.len()];
    let cfg_k = TrainConfig {
        epochs: e1,
        ..cfg.clone()
    };
    for fold in 0..k {
        let part: Vec<ConllDoc> = train_docs
            .iter()
            .enumerate()
            .filter(|(i, _)| i % k != fold)
            .map(|(_, d)| d.clone())
            .collect();
        let m = NerModel::from_data(train(&part, &[], base_gazetteer, &cfg_k, |_| {}).0);
        for (i, d) in train_docs.iter().enumerate().filter(|(i, _)| i % k == fold) {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            t1_train[i] = m.stage1_tags(&words, &d.sentences);
        }
        log(&format!("stage-1 jackknife fold {fold} done"));
    }
    let m1 = NerModel::from_weights(
        data.weights.clone(),
        Gazetteer::parse(&data.gazetteer),
        false,
    );
    let dev_pairs: Vec<(&ConllDoc, Vec<usize>)> = dev_docs
        .iter()
        .map(|d| {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            (d, m1.stage1_tags(&words, &d.sentences))
        })
        .collect();
    let train_pairs: Vec<(&ConllDoc, Vec<usize>)> = train_docs.iter().zip(t1_train).collect();
    let (w2, e2, f2) = train_stage2(&train_pairs, &dev_pairs, stage2_epochs, cfg.seed, &mut log);
    log(&format!("stage 2: kept epoch {e2} (dev F1 {f2:.2})"));
    if !dev_pairs.is_empty() {
        let mut ems = Vec::new();
        for (d, t1) in &dev_pairs {
            let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
            let f = extract::ner::stack::stage2_features(&words, &d.sentences, t1);
            let gold = gold_tags(d);
            for r in &d.sentences {
                let em: Vec<[f32; NTAGS]> = r
                    .clone()
                    .map(|i| {
                        let mut e = [0f32; NTAGS];
                        w2.emit(f.token(i), &mut e);
                        e
                    })
                    .collect();
                ems.push((em, gold[r.clone()].to_vec()));
            }
        }
        data.temperature = best_temperature(&ems, &w2.trans);
        log(&format!("stage-2 temperature {}", data.temperature));
    }
    data.stage2 = Some(w2);
    (data, e1, e2)
}

/// Viterbi decoding of every sentence with `w` over precomputed features: entity spans.
pub fn decode_with(
    w: &Weights,
    f: &extract::ner::features::DocFeatures,
    sentences: &[Range<usize>],
) -> Vec<(Range<usize>, model::EntityLabel)> {
    let mut out = Vec::new();
    for r in sentences {
        let em: Vec<[f32; NTAGS]> = r
            .clone()
            .map(|i| {
                let mut e = [0f32; NTAGS];
                w.emit(f.token(i), &mut e);
                e
            })
            .collect();
        for (s, l) in tags::to_spans(&viterbi(&em, &w.trans)) {
            out.push((s.start + r.start..s.end + r.start, l));
        }
    }
    out
}

/// The base gazetteer plus `T_<LABEL>\tname` lines for the entities of the selected documents.
fn with_training_names(base: &str, docs: &[ConllDoc], keep: impl Fn(usize) -> bool) -> String {
    let mut names = std::collections::BTreeSet::new();
    for (i, d) in docs.iter().enumerate() {
        if !keep(i) {
            continue;
        }
        for (r, l) in d.gold() {
            names.insert(format!("T_{}\t{}", l.as_str(), d.words[r].join(" ")));
        }
    }
    let mut out = base.to_string();
    if !out.is_empty() && !out.ends_with('\n') {
        out.push('\n');
    }
    for n in names {
        out.push_str(&n);
        out.push('\n');
    }
    out
}

/// Gazetteer lines from the PETRARCH2 actor dictionaries (`Phoenix.*.actors.txt`, MIT licence):
/// every root name and synonym with a category from its file and codes: `PC_PER` (country file,
/// dated role codes: people), `PC_LOC` (country file, bare ISO3 code), `PC_OTH`, `PI_PER`,
/// `PI_ORG` (international actors), `PM_ORG` (militant and non-state groups).
pub fn petrarch_gazetteer(dir: &std::path::Path) -> Result<String, String> {
    let mut out = std::collections::BTreeSet::new();
    let files = [
        ("Phoenix.Countries.actors.txt", "PC"),
        ("Phoenix.International.actors.txt", "PI"),
        ("Phoenix.MilNonState.actors.txt", "PM"),
    ];
    for (file, prefix) in files {
        let path = dir.join(file);
        let text =
            std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut names: Vec<String> = Vec::new();
        let mut codes = String::new();
        let mut flush = |names: &mut Vec<String>, codes: &mut String| {
            if !names.is_empty() {
                let dated = codes.contains(|c: char| c.is_ascii_digit());
                let iso3 = codes.split(']').next().is_some_and(|c| {
                    let c = c.trim().trim_start_matches('[');
                    c.len() == 3 && c.chars().all(|x| x.is_ascii_uppercase())
                });
                let cat = match (prefix, dated, iso3) {
                    ("PM", _, _) => "PM_ORG",
                    ("PC", true, _) => "PC_PER",
                    (_, true, _) => "PI_PER",
                    ("PC", false, true) => "PC_LOC",
                    ("PC", false, false) => "PC_OTH",
                    _ => "PI_ORG",
                };
                for n in names.drain(..) {
                    out.insert(format!("{cat}\t{n}"));
                }
            }
            codes.clear();
        };
        for line in text.lines() {
            let line = line.split('#').next().unwrap_or_default();
            if line.trim().is_empty() || line.trim_start().starts_with('<') {
                continue;
            }
            let (name_part, code_part) = match line.find('[') {
                Some(i) => (&line[..i], &line[i..]),
                None => (line, ""),
            };
            let starts_block = !line.starts_with(char::is_whitespace)
                && !line.starts_with('+')
                && !line.starts_with('[');
            if starts_block {
                flush(&mut names, &mut codes);
            }
            codes.push_str(code_part);
            let name = name_part
                .trim()
                .trim_start_matches('+')
                .trim_matches('_')
                .replace('_', " ");
            let name = name.split_whitespace().collect::<Vec<_>>().join(" ");
            if name.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
                names.push(name);
            }
        }
        flush(&mut names, &mut codes);
    }
    let mut s = String::new();
    for l in out {
        s.push_str(&l);
        s.push('\n');
    }
    Ok(s)
}

/// The softmax temperature with the lowest mean negative log-likelihood of the gold tags on dev.
fn fit_temperature(w: &Weights, gaz: &Gazetteer, dev: &[ConllDoc]) -> f32 {
    if dev.is_empty() {
        return 1.0;
    }
    let mut ems = Vec::new();
    for d in dev {
        let words: Vec<&str> = d.words.iter().map(String::as_str).collect();
        let f = doc_features(&words, &d.sentences, gaz);
        let gold = gold_tags(d);
        for r in &d.sentences {
            let em: Vec<[f32; NTAGS]> = r
                .clone()
                .map(|i| {
                    let mut e = [0f32; NTAGS];
                    w.emit(f.token(i), &mut e);
                    e
                })
                .collect();
            ems.push((em, gold[r.clone()].to_vec()));
        }
    }
    best_temperature(&ems, &w.trans)
}

/// The temperature (on a geometric grid) with the lowest mean negative log-likelihood of the
/// gold tags under the marginals.
fn best_temperature(ems: &[(Vec<[f32; NTAGS]>, Vec<usize>)], trans: &[f32]) -> f32 {
    let mut best = (f64::INFINITY, 1.0f32);
    for k in 0..16 {
        let t = 0.25 * 1.5f32.powi(k);
        let mut nll = 0f64;
        let mut n = 0usize;
        for (em, gold) in ems {
            let m = marginals(em, trans, t);
            for (row, &g) in m.iter().zip(gold) {
                nll -= (row[g].max(1e-9) as f64).ln();
                n += 1;
            }
        }
        let mean = nll / n.max(1) as f64;
        if mean < best.0 {
            best = (mean, t);
        }
    }
    best.1
}
