//! Pages per second of HTML cleaning on one core: [`clean::clean`] over the 181 real pages of the
//! article extraction benchmark (`../shared/data/article_extraction_benchmark/html/*.html.gz`,
//! beside the repository; see its PROVENANCE), read and unzipped before timing. The figure is
//! criterion's `elem/s`: one element is one page. Without that folder the bench says so and
//! measures nothing.
//! Run: `cargo bench -p clean --bench html`.

use clean::{clean, CleanOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use model::WorkItem;
use std::hint::black_box;
use std::io::Read;
use std::path::Path;

/// The benchmark's pages, unzipped, in name order.
fn pages(dir: &Path) -> Vec<WorkItem> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let gz = std::fs::read(p).expect("readable page");
            let mut html = Vec::new();
            flate2::read::GzDecoder::new(gz.as_slice())
                .read_to_end(&mut html)
                .expect("gzipped page");
            WorkItem {
                source_path: p.file_name().unwrap().to_string_lossy().replace(".gz", ""),
                content_hash: String::new(),
                bytes: html,
                modified: None,
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/article_extraction_benchmark/html");
    let pages = pages(&dir);
    if pages.is_empty() {
        eprintln!("html bench: no pages in {} (skipped)", dir.display());
        return;
    }
    let opts = CleanOptions::default();
    let mut g = c.benchmark_group("html");
    // One sample cleans all the pages (about a second on an idle core).
    g.sample_size(10);
    g.measurement_time(std::time::Duration::from_secs(30));
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function("benchmark_pages", |b| {
        b.iter(|| {
            for p in &pages {
                black_box(clean(black_box(p), &opts));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
