//! Throughput of `clean` in bytes per second, on the seed articles (plain text), the HTML news
//! page and a JSON Lines file; and the time of an HTML page of nested `<div>`s, 1,000 and 10,000
//! deep (`nesting/depth_*`), whose ratio shows whether depth costs linear or quadratic time.
//! Run: `cargo bench -p clean --bench clean`.

use clean::{clean, CleanOptions};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use model::WorkItem;
use std::hint::black_box;

#[path = "../tests/it/support.rs"]
mod support;
use support::{fixture, item};

fn bench(c: &mut Criterion) {
    let opts = CleanOptions::default();
    let seeds: Vec<WorkItem> = [
        "000_cb95377f110488cb.txt",
        "001_71161054fa49cb52.txt",
        "002_3734a19be76f42cc.txt",
        "003_8aac02441589c102.txt",
        "004_6c01302419d617b7.txt",
    ]
    .iter()
    .map(|n| item(n, fixture(&format!("seeds/{n}"))))
    .collect();
    let seed_bytes: usize = seeds.iter().map(|i| i.bytes.len()).sum();

    let mut g = c.benchmark_group("clean");
    g.throughput(Throughput::Bytes(seed_bytes as u64));
    g.bench_function("text_seeds", |b| {
        b.iter(|| {
            for i in &seeds {
                black_box(clean(black_box(i), &opts));
            }
        })
    });

    let html = item("page.html", fixture("news_page.html"));
    g.throughput(Throughput::Bytes(html.bytes.len() as u64));
    g.bench_function("html_page", |b| {
        b.iter(|| black_box(clean(black_box(&html), &opts)))
    });

    // 200 JSON lines, each a seed article.
    let mut lines = Vec::new();
    for k in 0..200 {
        let s = String::from_utf8_lossy(&seeds[k % seeds.len()].bytes).into_owned();
        lines.push(
            serde_json::json!({"title": format!("Article {k}"), "text": s, "date": "2022-01-12"})
                .to_string(),
        );
    }
    let jsonl = item("many.jsonl", lines.join("\n").into_bytes());
    g.throughput(Throughput::Bytes(jsonl.bytes.len() as u64));
    g.bench_function("jsonl_200", |b| {
        b.iter(|| black_box(clean(black_box(&jsonl), &opts)))
    });
    g.finish();

    // Nesting: 10x the depth should cost about 10x the time (it cost ~100x when quadratic).
    let mut g = c.benchmark_group("nesting");
    g.sample_size(10);
    for depth in [1_000usize, 10_000] {
        let html = format!(
            "<html><body>{}The council met on Monday and agreed a budget.{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let it = item("deep.html", html.into_bytes());
        g.throughput(Throughput::Bytes(it.bytes.len() as u64));
        g.bench_function(format!("depth_{depth}"), |b| {
            b.iter(|| black_box(clean(black_box(&it), &opts)))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
