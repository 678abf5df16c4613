//! Throughput of the NER stages on the seed articles (`data/sample/*.txt`), in tokens per second:
//! tokenize, sentence split, tag (pre-tokenized), tokenize + split + tag, and resolve.
//!
//! `cargo bench -p extract --bench stages -- ner`

use criterion::{Criterion, Throughput};
use extract::ner::NerModel;
use extract::{resolve, sentences, tokenize};
use std::hint::black_box;

use crate::support;
use std::path::Path;

pub fn bench(c: &mut Criterion) {
    let model = NerModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models"))
        .expect("model");
    let texts = support::sample_texts();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let toks = tokenize::tokenize(t);
            let sents = sentences::split(t, &toks);
            let ents = model.tag(t, &toks, &sents);
            (t.as_str(), toks, sents, ents)
        })
        .collect();
    let ntokens: usize = prepared.iter().map(|p| p.1.len()).sum();
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(ntokens as u64));
    g.bench_function("tokenize", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(tokenize::tokenize(black_box(t)));
            }
        })
    });
    g.bench_function("sentence_split", |b| {
        b.iter(|| {
            for (t, toks, _, _) in &prepared {
                black_box(sentences::split(t, toks));
            }
        })
    });
    g.bench_function("tag", |b| {
        b.iter(|| {
            for (t, toks, sents, _) in &prepared {
                black_box(model.tag(t, toks, sents));
            }
        })
    });
    g.bench_function("tokenize_split_tag", |b| {
        b.iter(|| {
            for t in &texts {
                let toks = tokenize::tokenize(t);
                let sents = sentences::split(t, &toks);
                black_box(model.tag(t, &toks, &sents));
            }
        })
    });
    g.bench_function("resolve", |b| {
        b.iter(|| {
            for (t, _, _, ents) in &prepared {
                let mut e = ents.clone();
                resolve::resolve_article(t, &mut e);
                black_box(e);
            }
        })
    });
    g.finish();
}
