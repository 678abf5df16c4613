//! Throughput of the syntax stage on the seed articles (`data/sample/*.txt`), in tokens per
//! second: tag + lemmas + parse of pre-tokenized sentences (`analyse`), and the tagger alone.
//!
//! `cargo bench -p extract --bench stages -- syntax`

use criterion::{Criterion, Throughput};
use extract::syntax::features::TagWord;
use extract::syntax::SyntaxModel;
use extract::{sentences, tokenize};
use std::hint::black_box;

use crate::support;
use std::path::Path;

pub fn bench(c: &mut Criterion) {
    let model = SyntaxModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models"))
        .expect("model");
    let texts = support::sample_texts();
    let prepared: Vec<_> = texts
        .iter()
        .map(|t| {
            let toks = tokenize::tokenize(t);
            let sents = sentences::split(t, &toks);
            (t.as_str(), toks, sents)
        })
        .collect();
    let ntokens: usize = prepared.iter().map(|p| p.1.len()).sum();
    let mut g = c.benchmark_group("syntax");
    g.throughput(Throughput::Elements(ntokens as u64));
    g.bench_function("tag_lemma_parse", |b| {
        b.iter(|| {
            for (t, toks, sents) in &prepared {
                black_box(model.analyse(t, toks, sents));
            }
        })
    });
    let words: Vec<Vec<TagWord>> = prepared
        .iter()
        .flat_map(|(t, toks, sents)| {
            sents.iter().map(|s| {
                toks[s.tokens.clone()]
                    .iter()
                    .map(|k| TagWord::new(&t[k.span.start..k.span.end]))
                    .collect()
            })
        })
        .collect();
    g.bench_function("tag", |b| {
        b.iter(|| {
            for w in &words {
                black_box(model.tagger.tag(black_box(w)));
            }
        })
    });
    g.finish();
}
