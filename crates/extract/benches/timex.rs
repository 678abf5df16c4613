//! Criterion bench: timex recognition and normalisation over the five seed articles (articles/s).

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use extract::doc::Doc;
use model::{EntityMention, Sentence, Token};
use std::path::PathBuf;

/// A seed article prepared up to the timex stage (tokens, sentences, entities).
pub struct Prepared {
    pub text: String,
    pub published: Option<chrono::NaiveDate>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<EntityMention>,
}

impl Prepared {
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: &self.text,
            published: self.published,
            tokens: &self.tokens,
            sentences: &self.sentences,
            entities: &self.entities,
        }
    }
}

/// The seed articles, header removed, through the real tokenizer, splitter, NER and resolution.
pub fn prepared() -> Vec<Prepared> {
    let data = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let ner = extract::ner::NerModel::load(&data.join("models")).expect("NER model");
    let mut files: Vec<PathBuf> = std::fs::read_dir(data.join("sample"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).unwrap();
            let t = raw.trim_start();
            let (text, published) = match t.strip_prefix("date ") {
                Some(rest) => (
                    rest[10..].trim_start().to_string(),
                    chrono::NaiveDate::parse_from_str(&rest[..10], "%Y-%m-%d").ok(),
                ),
                None => (raw.clone(), chrono::NaiveDate::from_ymd_opt(2022, 1, 13)),
            };
            let tokens = extract::tokenize::tokenize(&text);
            let sentences = extract::sentences::split(&text, &tokens);
            let mut entities = ner.tag(&text, &tokens, &sentences);
            extract::resolve::resolve_article(&text, &mut entities);
            Prepared {
                text,
                published,
                tokens,
                sentences,
                entities,
            }
        })
        .collect()
}

#[allow(dead_code)]
fn bench(c: &mut Criterion) {
    let docs = prepared();
    let mut g = c.benchmark_group("timex");
    g.throughput(Throughput::Elements(docs.len() as u64));
    g.bench_function("seed_articles", |b| {
        b.iter(|| {
            docs.iter()
                .map(|d| extract::timex::extract(&d.doc()).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
