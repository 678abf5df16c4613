//! Training the syntax models (`train-syntax`, `just train-syntax`): the tagger, lemmatiser,
//! feature table and parser of [`extract::syntax`], from UD English CoNLL-U files.
//!
//! Deterministic for a seed. The tagger's epochs are chosen on dev; the parser trains on tags
//! predicted by jackknifing (each fold tagged by a tagger trained on the other folds), so it
//! learns from the tags it will see, and its epochs are chosen on dev (LAS). Non-projective
//! training trees, which the transition system cannot build, are left out of the parser's
//! training.

pub mod lexical;
pub mod parser;
pub mod perceptron;
pub mod tagger;

use crate::syntax::conllu::Sentence;
use extract::syntax::features::TagWord;
use extract::syntax::{intern, tag_hash, word_hash, SyntaxModel};
use std::collections::HashMap;

/// One gold sentence with its classes as ids.
#[derive(Clone)]
pub struct TrainSent {
    pub forms: Vec<String>,
    pub tags: Vec<u16>,
    pub lemmas: Vec<String>,
    pub feats: Vec<String>,
    /// Gold heads: index of the head word, `n` for the root.
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// The tag classes and labels of the training data.
pub struct Inventory {
    pub classes: Vec<(String, String)>,
    class_id: HashMap<(String, String), u16>,
    pub labels: Vec<&'static str>,
    label_id: HashMap<String, u16>,
}

/// At most this many tag classes (the weight tables' limit); rarer pairs map to the most
/// frequent class with the same XPOS.
const MAX_CLASSES: usize = extract::syntax::weights::MAX_CLASSES;

impl Inventory {
    pub fn new(train: &[Sentence]) -> Self {
        let mut pairs: HashMap<(String, String), usize> = HashMap::new();
        let mut labels: HashMap<String, usize> = HashMap::new();
        for s in train {
            for w in &s.words {
                *pairs.entry((w.upos.clone(), w.xpos.clone())).or_default() += 1;
                *labels.entry(w.deprel.clone()).or_default() += 1;
            }
        }
        let mut pairs: Vec<((String, String), usize)> = pairs.into_iter().collect();
        pairs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut labels: Vec<(String, usize)> = labels.into_iter().collect();
        labels.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let classes: Vec<(String, String)> = pairs
            .iter()
            .take(MAX_CLASSES)
            .map(|(p, _)| p.clone())
            .collect();
        let mut class_id: HashMap<(String, String), u16> = classes
            .iter()
            .enumerate()
            .map(|(i, p)| (p.clone(), i as u16))
            .collect();
        for (p, _) in pairs.iter().skip(MAX_CLASSES) {
            let same_xpos = classes.iter().position(|c| c.1 == p.1).unwrap_or(0);
            class_id.insert(p.clone(), same_xpos as u16);
        }
        let labels: Vec<&'static str> = labels
            .into_iter()
            .take(MAX_CLASSES)
            .map(|(l, _)| intern(&l))
            .collect();
        let label_id = labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.to_string(), i as u16))
            .collect();
        Inventory {
            classes,
            class_id,
            labels,
            label_id,
        }
    }

    /// `s` with ids (unknown classes and labels as the most frequent one).
    pub fn convert(&self, s: &Sentence) -> TrainSent {
        let n = s.words.len() as u32;
        TrainSent {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            tags: s
                .words
                .iter()
                .map(|w| {
                    let k = (w.upos.clone(), w.xpos.clone());
                    self.class_id.get(&k).copied().unwrap_or(0)
                })
                .collect(),
            lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
            feats: s.words.iter().map(|w| w.feats.clone()).collect(),
            heads: s
                .words
                .iter()
                .map(|w| if w.head == 0 { n } else { w.head as u32 - 1 })
                .collect(),
            labels: s
                .words
                .iter()
                .map(|w| self.label_id.get(&w.deprel).copied().unwrap_or(0))
                .collect(),
        }
    }
}

/// Training settings.
#[derive(Clone, Debug)]
pub struct Config {
    pub tag_epochs: usize,
    pub parse_epochs: usize,
    /// Folds of the jackknife that tags the parser's training data.
    pub folds: usize,
    pub seed: u64,
    /// Averaged weights of smaller magnitude are dropped from the model.
    pub prune: f32,
    /// Train the tagger's second pass (right-context tags): +0.3 UPOS on EWT test, but the tagger
    /// twice as slow and the stage a quarter slower, so the shipped model has none.
    pub second_pass: bool,
    /// Parser features updated fewer times than this are dropped from the model (the tagger keeps
    /// all: its table is small).
    pub min_updates: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            tag_epochs: 12,
            parse_epochs: 20,
            folds: 4,
            seed: 20_121_216,
            prune: 0.01,
            min_updates: 2,
            second_pass: false,
        }
    }
}

/// Trains every model of the syntax stage on `train`, choosing epochs on `dev`; `log` gets one
/// line per step.
pub fn train(
    train: &[TrainSent],
    dev: &[TrainSent],
    inv: &Inventory,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> SyntaxModel {
    let n = inv.classes.len();
    let words = tagger::tag_words(train);
    let dev_words = tagger::tag_words(dev);
    let dict = tagger::dictionary(train);
    log(format!(
        "tagger: {n} classes, {} dictionary words",
        dict.len()
    ));
    let mut best: Option<(f64, usize, extract::syntax::tagger::Tagger)> = None;
    tagger::train(
        train,
        &words,
        None,
        n,
        &dict,
        cfg.tag_epochs,
        cfg.seed,
        |epoch, m| {
            let t = tagger::tagger(m, &inv.classes, &dict, cfg.prune, 1);
            let acc = tagger::accuracy(&t, dev, &dev_words);
            log(format!(
                "tagger epoch {epoch}: dev accuracy {:.2}",
                acc * 100.0
            ));
            if best.as_ref().is_none_or(|b| acc > b.0) {
                best = Some((acc, epoch, t));
            }
        },
    );
    let (first_acc, tag_epochs, mut final_tagger) = best.expect("at least one epoch");
    log(format!("tagger: epoch {tag_epochs} chosen"));
    let jack = jackknife(train, &words, inv, cfg, tag_epochs);
    if cfg.second_pass {
        final_tagger.second = second_pass(
            train,
            &words,
            &jack,
            dev,
            &dev_words,
            &final_tagger,
            first_acc,
            inv,
            cfg,
            log,
        );
    }
    let to_parse = |s: &TrainSent, tags: &[u16]| parser::ParseSent {
        w: s.forms
            .iter()
            .map(|f| word_hash(f))
            .chain([extract::syntax::parser::ROOT_W])
            .collect(),
        t: tags
            .iter()
            .zip(&s.forms)
            .map(|(&c, f)| tag_hash(c, word_hash(f)))
            .chain([extract::syntax::parser::ROOT_W])
            .collect(),
        heads: s.heads.clone(),
        labels: s.labels.clone(),
    };
    let ptrain: Vec<parser::ParseSent> = train
        .iter()
        .zip(&jack)
        .filter(|(s, _)| parser::projective(&s.heads))
        .map(|(s, t)| to_parse(s, t))
        .collect();
    let pdev: Vec<parser::ParseSent> = dev
        .iter()
        .zip(&dev_words)
        .map(|(s, w)| to_parse(s, &final_tagger.tag(w)))
        .collect();
    log(format!(
        "parser: {} projective training sentences of {}",
        ptrain.len(),
        train.len()
    ));
    let chosen = train_parser(&ptrain, &pdev, inv, cfg, log);
    SyntaxModel {
        tagger: final_tagger,
        lemmas: lexical::lemmatizer(train, n),
        morph: lexical::morph(train, n),
        parser: extract::syntax::parser::Parser::new(
            chosen.actions,
            chosen.labels,
            inv.labels.clone(),
        ),
    }
}

/// The tagger's second pass, trained on the jackknifed first-pass tags of the training data and
/// chosen on dev; `None` if no epoch beats the first pass alone.
#[allow(clippy::too_many_arguments)]
fn second_pass(
    train: &[TrainSent],
    words: &[Vec<TagWord>],
    jack: &[Vec<u16>],
    dev: &[TrainSent],
    dev_words: &[Vec<TagWord>],
    first: &extract::syntax::tagger::Tagger,
    first_acc: f64,
    inv: &Inventory,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> Option<extract::syntax::weights::Sparse> {
    let dev_first: Vec<Vec<u16>> = dev_words.iter().map(|w| first.tag(w)).collect();
    let mut best: Option<(f64, extract::syntax::weights::Sparse)> = None;
    let n = inv.classes.len();
    tagger::train(
        train,
        words,
        Some(jack),
        n,
        &first.dict,
        cfg.tag_epochs,
        cfg.seed + 1,
        |epoch, m| {
            let w = m.to_sparse(cfg.prune, 1);
            let acc = tagger::accuracy_second(first, &w, dev, dev_words, &dev_first);
            log(format!(
                "tagger second pass epoch {epoch}: dev accuracy {:.2}",
                acc * 100.0
            ));
            if acc > first_acc && best.as_ref().is_none_or(|b| acc > b.0) {
                best = Some((acc, w));
            }
        },
    );
    log(match &best {
        Some((acc, _)) => format!("tagger: second pass kept (dev {:.2})", acc * 100.0),
        None => "tagger: second pass no better than the first, left out".to_string(),
    });
    best.map(|b| b.1)
}

fn train_parser(
    ptrain: &[parser::ParseSent],
    pdev: &[parser::ParseSent],
    inv: &Inventory,
    cfg: &Config,
    log: &mut dyn FnMut(String),
) -> parser::Chosen {
    let mut learner = parser::Learner::new(inv.labels.clone());
    let mut rng = perceptron::Rng::new(cfg.seed ^ 0x5eed);
    let mut chosen: Option<parser::Chosen> = None;
    for epoch in 1..=cfg.parse_epochs {
        learner.epoch(ptrain, &mut rng, epoch > 1);
        let p = learner.parser(cfg.prune, cfg.min_updates);
        let (uas, las) = parser::attachment(&p, pdev);
        log(format!(
            "parser epoch {epoch}: dev UAS {:.2} LAS {:.2} ({} action, {} label features)",
            uas * 100.0,
            las * 100.0,
            p.actions.len(),
            p.labels.len()
        ));
        if chosen.as_ref().is_none_or(|c| las > c.las) {
            chosen = Some(parser::Chosen {
                epoch,
                uas,
                las,
                actions: p.actions,
                labels: p.labels,
            });
        }
    }
    let c = chosen.expect("at least one epoch");
    log(format!(
        "parser: epoch {} chosen (dev LAS {:.2})",
        c.epoch,
        c.las * 100.0
    ));
    c
}

/// Predicted tags for every training sentence, each fold tagged by a tagger trained on the
/// others (two folds at a time).
fn jackknife(
    train: &[TrainSent],
    words: &[Vec<TagWord>],
    inv: &Inventory,
    cfg: &Config,
    epochs: usize,
) -> Vec<Vec<u16>> {
    let folds = cfg.folds.max(2);
    let tag_fold = |k: usize| -> Vec<(usize, Vec<u16>)> {
        let rest: Vec<usize> = (0..train.len()).filter(|i| i % folds != k).collect();
        let sub: Vec<TrainSent> = rest.iter().map(|&i| train[i].clone()).collect();
        let sub_words: Vec<Vec<TagWord>> = rest.iter().map(|&i| words[i].clone()).collect();
        let dict = tagger::dictionary(&sub);
        let m = tagger::train(
            &sub,
            &sub_words,
            None,
            inv.classes.len(),
            &dict,
            epochs,
            cfg.seed + k as u64,
            |_, _| {},
        );
        let t = tagger::tagger(&m, &inv.classes, &dict, cfg.prune, 1);
        (0..train.len())
            .filter(|i| i % folds == k)
            .map(|i| (i, t.tag(&words[i])))
            .collect()
    };
    let mut out = vec![Vec::new(); train.len()];
    for pair in (0..folds).collect::<Vec<_>>().chunks(2) {
        let results: Vec<Vec<(usize, Vec<u16>)>> = std::thread::scope(|sc| {
            let hs: Vec<_> = pair
                .iter()
                .map(|&k| sc.spawn(move || tag_fold(k)))
                .collect();
            hs.into_iter().map(|h| h.join().expect("a fold")).collect()
        });
        for (i, tags) in results.into_iter().flatten() {
            out[i] = tags;
        }
    }
    out
}
