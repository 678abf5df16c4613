//! End-to-end benches: clean + extract of real articles (articles/s, MB/s), and a whole `lede run`
//! of a fresh inbox through the binary's engine (scan, process, write Parquet, commit).
//!
//! The corpus: the bundled sample (the seed articles and MEANTIME's Wikinews articles).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use model::WorkItem;
use std::path::Path;

#[path = "../tests/e2e/common.rs"]
mod common;
use common::sample_files;

fn items() -> Vec<WorkItem> {
    sample_files()
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            WorkItem {
                source_path: p.file_name().unwrap().to_string_lossy().to_string(),
                content_hash: blake3::hash(&bytes).to_hex().to_string(),
                bytes,
                modified: None,
            }
        })
        .collect()
}

fn clean_and_extract(c: &mut Criterion) {
    let items = items();
    let bytes: u64 = items.iter().map(|i| i.bytes.len() as u64).sum();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let pipeline = extract::Pipeline::new(extract::Resources::load(&data).unwrap());
    let opts = clean::CleanOptions::default();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Elements(items.len() as u64));
    g.bench_function("clean+extract articles (one core)", |b| {
        b.iter(|| {
            let mut n = 0;
            for item in &items {
                for a in clean::clean(item, &opts).into_iter().flatten() {
                    n += pipeline.run(&a).map(|x| x.entities.len()).unwrap_or(0);
                }
            }
            n
        })
    });
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("clean+extract bytes (one core)", |b| {
        b.iter(|| {
            for item in &items {
                for a in clean::clean(item, &opts).into_iter().flatten() {
                    let _ = pipeline.run(&a);
                }
            }
        })
    });
    g.finish();
}

fn whole_run(c: &mut Criterion) {
    let files = sample_files();
    let mut g = c.benchmark_group("lede run");
    g.sample_size(10);
    g.throughput(Throughput::Elements(files.len() as u64));
    g.bench_function("fresh output, sample inbox", |b| {
        b.iter_batched(
            || tempfile::tempdir().unwrap(),
            |dir| {
                let opts = lede::config::Options {
                    inbox: Path::new(env!("CARGO_MANIFEST_DIR")).join("data/sample"),
                    out: dir.path().join("out"),
                    models: extract::ModelSource::Dir(
                        Path::new(env!("CARGO_MANIFEST_DIR")).join("data"),
                    ),
                    settle: std::time::Duration::ZERO,
                    max_batch: 500,
                    max_file_bytes: 16 << 20,
                    max_tries: 3,
                    article_timeout: std::time::Duration::from_secs(60),
                    scan: ingest::scan::ScanOptions::default(),
                    max_wait: std::time::Duration::ZERO,
                    clean: clean::CleanOptions::default(),
                    tokens: false,
                    no_parse: false,
                };
                let mut engine = lede::engine::Engine::open(opts).unwrap();
                let stop = std::sync::atomic::AtomicBool::new(false);
                engine.pass(&stop, &()).unwrap()
            },
            criterion::BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, clean_and_extract, whole_run);
criterion_main!(benches);
