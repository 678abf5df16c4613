//! `train-syntax`: trains the tagger, lemmatiser and parser of the syntax stage on UD English and
//! writes `syntax.bin` (`just train-syntax`).
//!
//! ```text
//! cargo run --release -p eval --bin train-syntax -- [--out data/models] [--data ../shared/data/ud_english]
//!     [--tag-epochs 12] [--parse-epochs 20] [--folds 4] [--seed N] [--prune 0.01] [--min-updates 2] [--second-pass] [--limit N]
//! ```
//!
//! Trains on EWT train and the openly licensed genres of GUM train (see docs/MODEL.md), chooses
//! epochs on EWT dev and GUM dev. Test files are never read here: `lede eval syntax` reports them.
//! `--limit N` trains on the first N sentences only (a quick check, not a model to ship).

use eval::syntax::conllu;
use eval::train_syntax::{self, Config, Inventory};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut cfg = Config::default();
    let mut out = PathBuf::from("data/models");
    let mut data = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/data/ud_english"
    ));
    let mut limit = usize::MAX;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().unwrap_or_default();
        match a.as_str() {
            "--out" => out = val().into(),
            "--data" => data = val().into(),
            "--tag-epochs" => cfg.tag_epochs = val().parse().unwrap_or(cfg.tag_epochs),
            "--parse-epochs" => cfg.parse_epochs = val().parse().unwrap_or(cfg.parse_epochs),
            "--folds" => cfg.folds = val().parse().unwrap_or(cfg.folds),
            "--seed" => cfg.seed = val().parse().unwrap_or(cfg.seed),
            "--prune" => cfg.prune = val().parse().unwrap_or(cfg.prune),
            "--min-updates" => cfg.min_updates = val().parse().unwrap_or(cfg.min_updates),
            "--second-pass" => cfg.second_pass = true,
            "--limit" => limit = val().parse().unwrap_or(limit),
            _ => {
                eprintln!("unknown argument {a} (see the doc at the top of crates/eval/src/bin/train_syntax.rs)");
                return ExitCode::FAILURE;
            }
        }
    }
    let read = |name: &str| -> Result<Vec<conllu::Sentence>, String> {
        conllu::read(&data.join(name)).map_err(|e| e.to_string())
    };
    let loaded = (|| -> Result<_, String> {
        let mut train = read("en_ewt-ud-train.conllu")?;
        train.extend(conllu::filter_open_gum(&read("en_gum-ud-train.conllu")?));
        let mut dev = read("en_ewt-ud-dev.conllu")?;
        dev.extend(read("en_gum-ud-dev.conllu")?);
        Ok((train, dev))
    })();
    let (mut train, dev) = match loaded {
        Ok(x) => x,
        Err(e) => {
            eprintln!("train-syntax: {e}");
            return ExitCode::FAILURE;
        }
    };
    train.truncate(limit);
    let inv = Inventory::new(&train);
    let tr: Vec<_> = train.iter().map(|s| inv.convert(s)).collect();
    let dv: Vec<_> = dev.iter().map(|s| inv.convert(s)).collect();
    eprintln!(
        "train-syntax: {} training sentences ({} words), {} dev sentences; {cfg:?}",
        tr.len(),
        tr.iter().map(|s| s.forms.len()).sum::<usize>(),
        dv.len()
    );
    let started = std::time::Instant::now();
    let model = train_syntax::train(&tr, &dv, &inv, &cfg, &mut |line| {
        eprintln!("[{:>6.1}s] {line}", started.elapsed().as_secs_f64())
    });
    let bytes = extract::syntax::format::write(&model);
    let path = out.join(extract::syntax::format::FILE_NAME);
    if let Err(e) = std::fs::create_dir_all(&out).and_then(|_| std::fs::write(&path, &bytes)) {
        eprintln!("train-syntax: cannot write {}: {e}", path.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "train-syntax: wrote {} ({:.1} MB)",
        path.display(),
        bytes.len() as f64 / 1e6
    );
    ExitCode::SUCCESS
}
