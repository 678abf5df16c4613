//! `train-ner`: trains the NER tagger from CoNLL-format files and writes `ner.bin`.
//!
//! ```text
//! cargo run --release -p eval --bin train-ner -- \
//!     --train ../shared/data/conll2003/iob1_original/eng.train \
//!     --dev ../shared/data/conll2003/iob1_original/eng.testa \
//!     --gazetteer data/lexicons/ner_gazetteer.tsv \
//!     --test ../shared/data/conll2003/iob1_original/eng.testb --out data/models
//! ```
//!
//! Without arguments it runs exactly the command above plus `--petrarch` (the PETRARCH2 actor
//! dictionaries), `--epochs 12 --min-count 3 --final` and the CoNLL++ test set (see
//! docs/MODEL.md). `--train` may be repeated. `--test` is only reported at the end, never used for a choice.
//! `--final` picks the epoch counts and temperature on `--dev`, then retrains on train + dev.
//! `--stage2-epochs N` caps the second stage's epochs (0: no second stage).
//! `--eval DIR` only evaluates the model in DIR on the `--dev`/`--test` files (and on MEANTIME
//! with `--meantime DIR`).

use eval::ner::{conll, train};
use extract::ner::{format, NerModel};
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
    let mut petrarch = None;
    let mut final_fit = false;
    let mut stage2_epochs = 10usize;
    let mut eval_only: Option<PathBuf> = None;
    let mut meantime: Option<PathBuf> = None;
    let mut given: Vec<String> = std::env::args().skip(1).collect();
    if given.is_empty() {
        // No arguments (`just train-ner`): the documented training run, from the repository root.
        let d = "../shared/data/conll2003/iob1_original";
        given = [
            "--train",
            &format!("{d}/eng.train"),
            "--dev",
            &format!("{d}/eng.testa"),
            "--petrarch",
            "../shared/data/cameo_petrarch2/petrarch2/data/dictionaries",
            "--epochs",
            "12",
            "--min-count",
            "3",
            "--final",
            "--out",
            "data/models",
            "--test",
            &format!("{d}/eng.testb"),
            "--test",
            "../shared/data/conll2003/iob2_conllpp/conllpp_test.txt",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        eprintln!("train-ner {}", given.join(" "));
    }
    let mut args = given.into_iter();
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
            "--folds" => cfg.folds = val().parse().expect("--folds N"),
            "--petrarch" => petrarch = Some(PathBuf::from(val())),
            "--final" => final_fit = true,
            "--stage2-epochs" => stage2_epochs = val().parse().expect("--stage2-epochs N"),
            "--eval" => eval_only = Some(PathBuf::from(val())),
            "--meantime" => meantime = Some(PathBuf::from(val())),
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
    if let Some(dir) = eval_only {
        // `--eval DIR`: no training, evaluate the model in DIR on the --dev and --test files.
        let model = match NerModel::load(&dir) {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        };
        for p in dev.iter().chain(&test) {
            let docs = read(p);
            let t = std::time::Instant::now();
            let score = conll::evaluate(&model, &docs);
            let ntok: usize = docs.iter().map(|d| d.words.len()).sum();
            eprintln!(
                "tagged {ntok} tokens at {:.0} tokens/s",
                ntok as f64 / t.elapsed().as_secs_f64()
            );
            println!("== {}\n{}", p.display(), score.report());
        }
        if let Some(m) = &meantime {
            match eval::ner::eval_meantime(&model, m) {
                Ok(r) => println!("== {}\n{r}", m.display()),
                Err(e) => {
                    eprintln!("{e}");
                    return ExitCode::FAILURE;
                }
            }
        }
        return ExitCode::SUCCESS;
    }
    if train_docs.is_empty() {
        eprintln!("no training documents (use --train FILE)");
        return ExitCode::FAILURE;
    }
    let dev_docs = dev.as_ref().map(read).unwrap_or_default();
    let mut gazetteer = gaz
        .map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .unwrap_or_default();
    if let Some(dir) = &petrarch {
        gazetteer.push_str(&train::petrarch_gazetteer(dir).unwrap_or_else(|e| panic!("{e}")));
    }
    eprintln!(
        "train: {} docs, dev: {} docs",
        train_docs.len(),
        dev_docs.len()
    );
    let t0 = std::time::Instant::now();
    let log = |l: &str| eprintln!("{l} [{:.0}s]", t0.elapsed().as_secs_f64());
    let (mut data, e1, e2) = if stage2_epochs == 0 {
        let (d, e) = train::train(&train_docs, &dev_docs, &gazetteer, &cfg, log);
        (d, e, 0)
    } else {
        train::train_full(&train_docs, &dev_docs, &gazetteer, &cfg, stage2_epochs, log)
    };
    if final_fit {
        // `--final`: the epoch counts and the temperature were chosen on dev; now train on
        // train + dev with them.
        let temperature = data.temperature;
        train_docs.extend(dev_docs);
        let final_cfg = train::TrainConfig {
            epochs: e1,
            ..cfg.clone()
        };
        eprintln!(
            "final fit on train + dev ({} docs), {e1} + {e2} epochs",
            train_docs.len()
        );
        data = if stage2_epochs == 0 {
            train::train(&train_docs, &[], &gazetteer, &final_cfg, log).0
        } else {
            train::train_full(&train_docs, &[], &gazetteer, &final_cfg, e2, log).0
        };
        data.temperature = temperature;
    }
    let bytes = format::encode(&data, prune);
    std::fs::create_dir_all(&out).expect("create output folder");
    let path = out.join(format::FILE_NAME);
    std::fs::write(&path, &bytes).expect("write model");
    eprintln!(
        "wrote {} ({:.1} MB)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    let mut model = NerModel::from_bytes(&bytes).expect("reload model");
    model.set_propagation(false);
    for p in dev.iter().chain(&test) {
        let score = conll::evaluate(&model, &read(p));
        let (pr, r, f) = score.overall();
        eprintln!(
            "{} without the consistency pass: P {pr:.2} R {r:.2} F1 {f:.2}",
            p.display()
        );
    }
    model.set_propagation(true);
    for p in dev.iter().chain(&test) {
        let docs = read(p);
        let t = std::time::Instant::now();
        let score = conll::evaluate(&model, &docs);
        let ntok: usize = docs.iter().map(|d| d.words.len()).sum();
        eprintln!(
            "tagged {ntok} tokens at {:.0} tokens/s",
            ntok as f64 / t.elapsed().as_secs_f64()
        );
        println!("== {}\n{}", p.display(), score.report());
    }
    ExitCode::SUCCESS
}
