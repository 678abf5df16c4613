//! Criterion bench: quote extraction over the five seed articles (articles/s).

use criterion::{Criterion, Throughput};

use crate::support;

pub fn bench(c: &mut Criterion) {
    let docs = support::prepared();
    let mut g = c.benchmark_group("quotes");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("seed_articles", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract::quotes::extract(&d.doc()).len())
                .sum::<usize>()
        })
    });
    g.finish();
}
