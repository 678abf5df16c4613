//! Named-entity recognition: owns the statistical tagger that finds PER/ORG/LOC/MISC mentions.
//!
//! - [`NerModel`]: a structured averaged perceptron over hashed features ([`features`]) with
//!   BILOU tags ([`tags`]) and constrained Viterbi decoding ([`decode`]), loaded from the
//!   versioned file `data/models/ner.bin` ([`format`]). Read-only after loading (Send + Sync).
//! - [`NerModel::tag`]: the pipeline's entry point, article text in, [`EntityMention`]s out
//!   (entity ids and canonical names are left to [`crate::resolve`]).
//! - [`syntax_check`]: where the parse ran, one-word "names" it reads as function words go.
//! - Training (the `train-ner` binary), CoNLL-2003 reading and the scorers live in the `eval`
//!   crate (`eval::ner`).

pub mod consistency;
pub mod decode;
pub mod features;
pub mod format;
pub mod stack;
pub mod syntax_check;
pub mod tags;

use crate::ExtractError;
use decode::{marginals, viterbi, Weights};
use features::{doc_features, Gazetteer};
use model::{EntityLabel, EntityMention, Sentence, Token};
use std::ops::Range;
use std::path::Path;
use tags::NTAGS;

/// One entity found by the tagger, in token coordinates.
#[derive(Clone, Debug, PartialEq)]
pub struct Found {
    pub sentence: usize,
    pub tokens: Range<usize>,
    pub label: EntityLabel,
    pub confidence: f32,
}

/// The trained tagger.
pub struct NerModel {
    weights: Weights,
    stage2: Option<Weights>,
    temperature: f32,
    gazetteer: Gazetteer,
    propagate: bool,
}

impl NerModel {
    /// Loads `ner.bin` from the models folder (`data/models`).
    pub fn load(models_dir: &Path) -> Result<Self, ExtractError> {
        let path = models_dir.join(format::FILE_NAME);
        let err = |reason: String| ExtractError::Load {
            what: "NER model",
            path: path.display().to_string(),
            reason,
        };
        let bytes = std::fs::read(&path).map_err(|e| err(e.to_string()))?;
        Self::from_bytes(&bytes).map_err(err)
    }

    /// Parses a model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, String> {
        let m = format::decode(bytes)?;
        Ok(Self::from_data(m))
    }

    /// A tagger of the first stage only (no second-stage weights, temperature 1): what training
    /// scores on dev between epochs. `propagate`: label every later mention of a name found once.
    pub fn from_weights(weights: Weights, gazetteer: Gazetteer, propagate: bool) -> Self {
        NerModel {
            weights,
            stage2: None,
            temperature: 1.0,
            gazetteer,
            propagate,
        }
    }

    /// The tagger a decoded model file describes.
    pub fn from_data(m: format::ModelData) -> Self {
        NerModel {
            gazetteer: Gazetteer::parse(&m.gazetteer),
            weights: m.weights,
            stage2: m.stage2,
            temperature: m.temperature,
            propagate: true,
        }
    }

    /// Number of feature rows in the model.
    pub fn num_features(&self) -> usize {
        self.weights.len()
    }

    /// Stage-1 (Viterbi) tags of every token of a document.
    pub fn stage1_tags(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<usize> {
        let feats = doc_features(words, sentences, &self.gazetteer);
        let mut out = vec![tags::O; words.len()];
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        for r in sentences {
            em.clear();
            for i in r.clone() {
                let mut e = [0f32; NTAGS];
                self.weights.emit(feats.token(i), &mut e);
                em.push(e);
            }
            out[r.clone()].copy_from_slice(&viterbi(&em, &self.weights.trans));
        }
        out
    }

    /// Tags a tokenized document given as token strings and sentence token ranges.
    pub fn tag_words(&self, words: &[&str], sentences: &[Range<usize>]) -> Vec<Found> {
        let feats = doc_features(words, sentences, &self.gazetteer);
        let emissions = |w: &Weights,
                         f: &features::DocFeatures,
                         r: &Range<usize>,
                         em: &mut Vec<[f32; NTAGS]>| {
            em.clear();
            for i in r.clone() {
                let mut e = [0f32; NTAGS];
                w.emit(f.token(i), &mut e);
                em.push(e);
            }
        };
        let mut em: Vec<[f32; NTAGS]> = Vec::new();
        // With a second stage, stage 1 only provides the tags its features are built from.
        let (weights, feats) = match &self.stage2 {
            Some(w2) => {
                let mut t1 = vec![tags::O; words.len()];
                for r in sentences {
                    emissions(&self.weights, &feats, r, &mut em);
                    t1[r.clone()].copy_from_slice(&viterbi(&em, &self.weights.trans));
                }
                (w2, stack::stage2_features(words, sentences, &t1))
            }
            None => (&self.weights, feats),
        };
        let mut out = Vec::new();
        for (si, r) in sentences.iter().enumerate() {
            emissions(weights, &feats, r, &mut em);
            let best = viterbi(&em, &weights.trans);
            let spans = tags::to_spans(&best);
            if spans.is_empty() {
                continue;
            }
            let marg = marginals(&em, &weights.trans, self.temperature);
            for (tr, label) in spans {
                let confidence = tr
                    .clone()
                    .map(|k| marg[k][best[k]])
                    .fold(1f32, f32::min)
                    .clamp(0.0, 1.0);
                out.push(Found {
                    sentence: si,
                    tokens: tr.start + r.start..tr.end + r.start,
                    label,
                    confidence,
                });
            }
        }
        if self.propagate {
            consistency::people_after_the(words, sentences, &mut out);
            consistency::extend_possessive(words, sentences, &mut out);
            consistency::extend_numbered_unit(words, sentences, &mut out);
            consistency::propagate(words, sentences, &mut out);
        }
        out
    }

    /// Turns the document-level consistency pass on or off (on by default).
    pub fn set_propagation(&mut self, on: bool) {
        self.propagate = on;
    }

    /// Finds the entity mentions of an article, in text order.
    pub fn tag(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<EntityMention> {
        let words: Vec<&str> = tokens.iter().map(|t| t.span.slice(text)).collect();
        let ranges: Vec<Range<usize>> = sentences.iter().map(|s| s.tokens.clone()).collect();
        self.tag_words(&words, &ranges)
            .into_iter()
            .map(|f| {
                let span = model::Span::new(
                    tokens[f.tokens.start].span.start,
                    tokens[f.tokens.end - 1].span.end,
                );
                EntityMention {
                    sentence: f.sentence,
                    span,
                    text: span.slice(text).to_string(),
                    label: f.label,
                    entity_id: String::new(),
                    canonical: String::new(),
                    confidence: f.confidence,
                }
            })
            .collect()
    }
}
