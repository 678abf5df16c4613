//! Criterion bench: quote extraction over the five seed articles (articles/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

#[path = "../tests/it/support.rs"]
mod support;

fn bench(c: &mut Criterion) {
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

criterion_group!(benches, bench);
criterion_main!(benches);
