//! `train-ner`: trains the NER tagger from CoNLL-format files and writes `ner.bin`.
//!
//! ```text
//! cargo run --release -p extract --bin train-ner -- \
//!     --train ../shared/data/conll2003/iob1_original/eng.train \
//!     --dev ../shared/data/conll2003/iob1_original/eng.testa \
//!     --gazetteer data/lexicons/ner_gazetteer.tsv \
//!     --test ../shared/data/conll2003/iob1_original/eng.testb --out data/models
//! ```
//!
//! `--train` may be repeated. `--test` is only reported at the end, never used for a choice.

use extract::ner::{conll, format, train, NerModel};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut train_files = Vec::new();
    let mut dev = None;
    let mut test = Vec::new();
    let mut gaz = None;
    let mut out = PathBuf::from("data/models");
    let mut cfg = train::TrainConfig::default();
    let mut prune = 0.0f32;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{a} needs a value"));
        match a.as_str() {
            "--train" => train_files.push(PathBuf::from(val())),
            "--dev" => dev = Some(PathBuf::from(val())),
            "--test" => test.push(PathBuf::from(val())),
            "--gazetteer" => gaz = Some(PathBuf::from(val())),
            "--out" => out = PathBuf::from(val()),
            "--epochs" => cfg.epochs = val().parse().expect("--epochs N"),
            "--seed" => cfg.seed = val().parse().expect("--seed N"),
            "--min-count" => cfg.min_count = val().parse().expect("--min-count N"),
            "--prune" => prune = val().parse().expect("--prune X"),
            _ => {
                eprintln!("unknown argument {a}");
                return ExitCode::FAILURE;
            }
        }
    }
    let read = |p: &PathBuf| {
        conll::read(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
    };
    let mut train_docs = Vec::new();
    for p in &train_files {
        train_docs.extend(read(p));
    }
    if train_docs.is_empty() {
        eprintln!("no training documents (use --train FILE)");
        return ExitCode::FAILURE;
    }
    let dev_docs = dev.as_ref().map(read).unwrap_or_default();
    let gazetteer = gaz
        .map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .unwrap_or_default();
    eprintln!(
        "train: {} docs, dev: {} docs",
        train_docs.len(),
        dev_docs.len()
    );
    let t0 = std::time::Instant::now();
    let data = train::train(&train_docs, &dev_docs, &gazetteer, &cfg, |l| {
        eprintln!("{l} [{:.0}s]", t0.elapsed().as_secs_f64())
    });
    let bytes = format::encode(&data, prune);
    std::fs::create_dir_all(&out).expect("create output folder");
    let path = out.join(format::FILE_NAME);
    std::fs::write(&path, &bytes).expect("write model");
    eprintln!(
        "wrote {} ({:.1} MB)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    let model = NerModel::from_bytes(&bytes).expect("reload model");
    for p in dev.iter().chain(&test) {
        let docs = read(p);
        println!(
            "== {}\n{}",
            p.display(),
            conll::evaluate(&model, &docs).report()
        );
    }
    ExitCode::SUCCESS
}
