//! Criterion bench: the whole pipeline on one long article, the seed articles repeated to 100 KB and
//! to 1 MB. Extraction is linear when the 1 MB case takes about ten times the 100 KB one (issue 14:
//! it was super-linear, 7 s at 1 MB and 46 s at 2 MB).
//!
//! `cargo bench -p extract --bench stages -- scaling -- --warm-up-time 1 --measurement-time 5`

use criterion::{Criterion, Throughput};
use extract::{Pipeline, Resources};
use model::CleanArticle;
use std::path::PathBuf;

use crate::support;

/// The seed articles (headers removed), one paragraph block after the other, repeated to at least
/// `bytes`.
pub fn long_article(bytes: usize) -> CleanArticle {
    let text = support::seeds_repeated(bytes);
    CleanArticle {
        article_id: format!("long-{bytes}"),
        language: Some("en".into()),
        text,
        published: chrono::NaiveDate::from_ymd_opt(2022, 1, 12),
        ..Default::default()
    }
}

pub fn bench(c: &mut Criterion) {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let pipeline = Pipeline::new(Resources::load(&data).expect("resources"));
    let mut g = c.benchmark_group("scaling");
    g.sample_size(10);
    for (name, bytes) in [("100KB", 100_000), ("1MB", 1_000_000)] {
        let art = long_article(bytes);
        g.throughput(Throughput::Bytes(art.text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| pipeline.run(&art).expect("extraction").quotes.len())
        });
    }
    g.finish();
}
