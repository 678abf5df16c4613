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

use eval::ner::conll::ConllDoc;
use eval::ner::{conll, train};
use extract::ner::format::ModelData;
use extract::ner::{format, NerModel};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The command line.
struct Args {
    train_files: Vec<PathBuf>,
    dev: Option<PathBuf>,
    test: Vec<PathBuf>,
    gaz: Option<PathBuf>,
    out: PathBuf,
    cfg: train::TrainConfig,
    prune: f32,
    petrarch: Option<PathBuf>,
    final_fit: bool,
    stage2_epochs: usize,
    eval_only: Option<PathBuf>,
    meantime: Option<PathBuf>,
}

fn main() -> ExitCode {
    let Some(args) = parse_args() else {
        return ExitCode::FAILURE;
    };
    let mut train_docs = Vec::new();
    for p in &args.train_files {
        train_docs.extend(read(p));
    }
    if let Some(dir) = &args.eval_only {
        // `--eval DIR`: no training, evaluate the model in DIR on the --dev and --test files.
        return evaluate_only(dir, &args);
    }
    if train_docs.is_empty() {
        eprintln!("no training documents (use --train FILE)");
        return ExitCode::FAILURE;
    }
    let data = train_model(&args, train_docs);
    let bytes = write_model(&args, &data);
    evaluate_trained(&args, &bytes);
    ExitCode::SUCCESS
}

/// The arguments given, or the documented training run when none are; `None` (after a message)
/// on an unknown argument.
fn parse_args() -> Option<Args> {
    let mut a = Args {
        train_files: Vec::new(),
        dev: None,
        test: Vec::new(),
        gaz: None,
        out: PathBuf::from("data/models"),
        cfg: train::TrainConfig::default(),
        prune: 0.0f32,
        petrarch: None,
        final_fit: false,
        stage2_epochs: 10usize,
        eval_only: None,
        meantime: None,
    };
    let mut given: Vec<String> = std::env::args().skip(1).collect();
    if given.is_empty() {
        given = default_args();
        eprintln!("train-ner {}", given.join(" "));
    }
    let mut args = given.into_iter();
    while let Some(arg) = args.next() {
        let mut val = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--train" => a.train_files.push(PathBuf::from(val())),
            "--dev" => a.dev = Some(PathBuf::from(val())),
            "--test" => a.test.push(PathBuf::from(val())),
            "--gazetteer" => a.gaz = Some(PathBuf::from(val())),
            "--out" => a.out = PathBuf::from(val()),
            "--epochs" => a.cfg.epochs = val().parse().expect("--epochs N"),
            "--seed" => a.cfg.seed = val().parse().expect("--seed N"),
            "--min-count" => a.cfg.min_count = val().parse().expect("--min-count N"),
            "--folds" => a.cfg.folds = val().parse().expect("--folds N"),
            "--petrarch" => a.petrarch = Some(PathBuf::from(val())),
            "--final" => a.final_fit = true,
            "--stage2-epochs" => a.stage2_epochs = val().parse().expect("--stage2-epochs N"),
            "--eval" => a.eval_only = Some(PathBuf::from(val())),
            "--meantime" => a.meantime = Some(PathBuf::from(val())),
            "--prune" => a.prune = val().parse().expect("--prune X"),
            _ => {
                eprintln!("unknown argument {arg}");
                return None;
            }
        }
    }
    Some(a)
}

/// The arguments of the documented training run.
fn default_args() -> Vec<String> {
    // No arguments (`just train-ner`): the documented training run, from the repository root.
    let d = "../shared/data/conll2003/iob1_original";
    [
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
    .collect()
}

/// The documents of a CoNLL file (panics if it cannot be read).
fn read(p: &Path) -> Vec<ConllDoc> {
    conll::read(&std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
}

/// `--eval DIR`: evaluates the model in DIR on the --dev and --test files (and MEANTIME).
fn evaluate_only(dir: &Path, args: &Args) -> ExitCode {
    let model = match NerModel::load(dir) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    report_files(&model, args);
    if let Some(m) = &args.meantime {
        match eval::ner::eval_meantime(&model, m) {
            Ok(r) => println!("== {}\n{r}", m.display()),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::FAILURE;
            }
        }
    }
    ExitCode::SUCCESS
}

/// Prints the model's score on each --dev and --test file (and its speed to stderr).
fn report_files(model: &NerModel, args: &Args) {
    for p in args.dev.iter().chain(&args.test) {
        let docs = read(p);
        let t = std::time::Instant::now();
        let score = conll::evaluate(model, &docs);
        let ntok: usize = docs.iter().map(|d| d.words.len()).sum();
        eprintln!(
            "tagged {ntok} tokens at {:.0} tokens/s",
            ntok as f64 / t.elapsed().as_secs_f64()
        );
        println!("== {}\n{}", p.display(), score.report());
    }
}

/// Trains the model on the training documents (epochs chosen on dev), then, with `--final`,
/// again on train + dev.
fn train_model(args: &Args, mut train_docs: Vec<ConllDoc>) -> ModelData {
    let (cfg, stage2_epochs) = (&args.cfg, args.stage2_epochs);
    let dev_docs = args.dev.as_deref().map(read).unwrap_or_default();
    let mut gazetteer = args
        .gaz
        .clone()
        .map(|p| std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display())))
        .unwrap_or_default();
    if let Some(dir) = &args.petrarch {
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
        let (d, e) = train::train(&train_docs, &dev_docs, &gazetteer, cfg, log);
        (d, e, 0)
    } else {
        train::train_full(&train_docs, &dev_docs, &gazetteer, cfg, stage2_epochs, log)
    };
    if args.final_fit {
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
    data
}

/// Encodes the model (pruned by `--prune`) and writes it to `--out`; returns its bytes.
fn write_model(args: &Args, data: &ModelData) -> Vec<u8> {
    let bytes = format::encode(data, args.prune);
    std::fs::create_dir_all(&args.out).expect("create output folder");
    let path = args.out.join(format::FILE_NAME);
    std::fs::write(&path, &bytes).expect("write model");
    eprintln!(
        "wrote {} ({:.1} MB)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    bytes
}

/// Evaluates the written model on --dev and --test, without and with the consistency pass.
fn evaluate_trained(args: &Args, bytes: &[u8]) {
    let mut model = NerModel::from_bytes(bytes).expect("reload model");
    model.set_propagation(false);
    for p in args.dev.iter().chain(&args.test) {
        let score = conll::evaluate(&model, &read(p));
        let (pr, r, f) = score.overall();
        eprintln!(
            "{} without the consistency pass: P {pr:.2} R {r:.2} F1 {f:.2}",
            p.display()
        );
    }
    model.set_propagation(true);
    report_files(&model, args);
}
