//! Criterion benches: event coding (articles/s) and cluster keys (ids/s) over the seed articles.

use criterion::{Criterion, Throughput};

use crate::support;

pub fn bench(c: &mut Criterion) {
    let docs = support::prepared();
    let lex = extract::events::CameoLexicon::builtin();
    let timexes: Vec<_> = docs
        .iter()
        .map(|d| extract::timex::extract(&d.doc()))
        .collect();
    let mut g = c.benchmark_group("events");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("code_seed_articles", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&timexes)
                .map(|(d, t)| extract::events::extract(&d.doc(), t, &lex).len())
                .sum::<usize>()
        })
    });
    g.finish();
    let evs: Vec<model::Event> = docs
        .iter()
        .zip(&timexes)
        .flat_map(|(d, t)| extract::events::extract(&d.doc(), t, &lex))
        .collect();
    let mut g = c.benchmark_group("clustering");
    g.throughput(Throughput::Elements(evs.len() as u64));
    g.bench_function("cluster_ids", |b| {
        b.iter(|| {
            evs.iter()
                .map(|e| {
                    extract::events::cluster_id(
                        &e.cameo_root,
                        e.date.zip(e.date_precision),
                        None,
                        e.location.clone(),
                        [e.actor1.clone(), e.actor2.clone()],
                        &e.trigger,
                        "",
                    )
                })
                .filter(|id| id.starts_with('C'))
                .count()
        })
    });
    g.finish();
    let mut g = c.benchmark_group("cameo_lexicon");
    g.sample_size(10);
    g.bench_function("load", |b| {
        b.iter(|| extract::events::CameoLexicon::builtin().size())
    });
    g.finish();
}
