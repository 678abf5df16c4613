//! Rough per-step timing of cleaning on the given files: `cargo run --release -p clean --example timing -- FILE...`.
use std::time::Instant;

fn main() {
    let texts: Vec<String> = std::env::args()
        .skip(1)
        .map(|p| std::fs::read_to_string(p).expect("read"))
        .collect();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let n = 200;
    let time = |name: &str, f: &dyn Fn(&str)| {
        let t = Instant::now();
        for _ in 0..n {
            for s in &texts {
                f(s);
            }
        }
        let secs = t.elapsed().as_secs_f64();
        println!("{name:<12} {:8.2} MB/s", (bytes * n) as f64 / secs / 1e6);
    };
    time("lang", &|s| {
        std::hint::black_box(clean::lang::detect(s));
    });
    time("paragraphs", &|s| {
        std::hint::black_box(clean::normalize::paragraphs(s));
    });
    time("clean", &|s| {
        let item = model::WorkItem {
            source_path: "x.txt".into(),
            content_hash: String::new(),
            bytes: s.as_bytes().to_vec(),
            modified: None,
        };
        std::hint::black_box(clean::clean(&item, &clean::CleanOptions::default()));
    });
    time("clean_text", &|s| {
        std::hint::black_box(clean::text::clean_text(s, None));
    });
}
