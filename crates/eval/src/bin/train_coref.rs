//! `train-coref`: learns the coreference stage's data from GUM train (the openly licensed genres
//! only, as for the syntax model): the noun types (`crates/extract/lexicons/coref_noun_types.tsv`)
//! and the pronoun ranker's weights (`coref_pronoun_weights.tsv`, [`eval::coref::train`]);
//! `just train-coref`. `--tune` also scores each number of epochs and "no antecedent" shift on
//! GUM dev (how [`EPOCHS`], [`NULL_SHIFT`] and [`DEM_NULL_SHIFT`] were chosen) and writes nothing.
//! `--mentions train|dev` writes nothing either: it prints the split's scores and its mention
//! detection errors by class ([`eval::coref::mismatch`]).
//!
//! ```text
//! cargo run --release -p eval --bin train-coref -- [--data ../shared/data/ud_english] [--tune]
//! cargo run --release -p eval --bin train-coref -- --mentions train
//! ```

use eval::coref::{gold, train};
use eval::syntax::conllu;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Passes of SGD over GUM train, its step and L2 (chosen on GUM dev with `--tune`).
const EPOCHS: usize = 10;
const RATE: f32 = 0.1;
const L2: f32 = 0.001;
/// Added to the learnt weight of "no antecedent" (chosen on GUM dev with `--tune`).
const NULL_SHIFT: f32 = -3.0;
/// Added back to the "no antecedent" weight of demonstratives (`this`, `that`: mostly an event or
/// a claim, no mention), chosen on GUM dev with `--tune`.
const DEM_NULL_SHIFT: f32 = 2.0;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut data = root.join("../shared/data/ud_english");
    let lexicons = root.join("crates/extract/lexicons");
    let mut tune = false;
    let mut mentions: Option<String> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().unwrap_or_default().into(),
            "--tune" => tune = true,
            "--mentions" => mentions = Some(args.next().unwrap_or_else(|| "train".into())),
            other => {
                eprintln!("train-coref: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    if let Some(split) = mentions {
        return match mention_errors(&data, &split) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("train-coref: {e}");
                ExitCode::FAILURE
            }
        };
    }
    match run(&data, &lexicons, tune) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("train-coref: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(data: &Path, lexicons: &Path, tune: bool) -> Result<(), Box<dyn std::error::Error>> {
    let sentences = conllu::filter_open_gum(&conllu::read(&data.join("en_gum-ud-train.conllu"))?);
    let table = eval::coref::nouns::learn(&sentences);
    let pipeline = extract::Pipeline::new(extract::Resources::from_source(
        &extract::ModelSource::Builtin,
        true,
    )?);
    let docs = train::extract_all(&pipeline, gold::documents(&sentences)?)?;
    let cases = train::cases(&docs, None);
    eprintln!(
        "train-coref: {} documents, {} pronouns",
        docs.len(),
        cases.len()
    );
    if tune {
        // Dev: all its documents (choosing, not shipping).
        let sentences = conllu::read(&data.join("en_gum-ud-dev.conllu"))?;
        let dev = train::extract_all(&pipeline, gold::documents(&sentences)?)?;
        let dev_cases = train::cases(&dev, None);
        for epochs in [3, 5, 10] {
            for (shift, dem) in [0.0, -1.0, -2.0, -3.0, -5.0]
                .into_iter()
                .flat_map(|s| [0.0, 1.0, 2.0, 3.0, 5.0].map(|d| (s, d)))
            {
                let mut w = train::softmax(&cases, epochs, RATE, L2, &|_| true);
                train::shift_null(&mut w, shift);
                train::shift_null_of(&mut w, "dem", dem);
                let t = train::dev_scores(&dev, &w);
                println!(
                    "epochs {epochs} null shift {shift} demonstratives {dem:+}: CoNLL F1 {:.1}, pronoun accuracy {:.1} ({} of {}); dev cases {:?}",
                    100.0 * t.conll_f1(),
                    100.0 * t.pron_right as f64 / t.pron_total.max(1) as f64,
                    t.pron_right,
                    t.pron_total,
                    train::case_accuracy(&dev_cases, &w)
                );
            }
        }
        return Ok(());
    }
    let out = lexicons.join("coref_noun_types.tsv");
    std::fs::write(&out, &table)?;
    let n = table.lines().filter(|l| !l.starts_with('#')).count();
    eprintln!("train-coref: {n} noun types written to {}", out.display());
    let mut w = train::softmax(&cases, EPOCHS, RATE, L2, &|_| true);
    train::shift_null(&mut w, NULL_SHIFT);
    train::shift_null_of(&mut w, "dem", DEM_NULL_SHIFT);
    let out = lexicons.join("coref_pronoun_weights.tsv");
    let header = format!(
        "log-linear ranker (softmax), SGD with AdaGrad steps: {EPOCHS} epochs, rate {RATE}, L2 {L2}, \
         seed {}; no-antecedent weight shifted by {NULL_SHIFT} (demonstratives {DEM_NULL_SHIFT:+}); {} pronouns",
        train::SEED,
        cases.len()
    );
    std::fs::write(&out, train::weights_file(&w, &header))?;
    eprintln!(
        "train-coref: pronoun ranker weights written to {}",
        out.display()
    );
    Ok(())
}

/// Prints the mention detection errors of a GUM split (`train`: its openly licensed genres).
fn mention_errors(data: &Path, split: &str) -> Result<(), Box<dyn std::error::Error>> {
    let all = conllu::read(&data.join(format!("en_gum-ud-{split}.conllu")))?;
    let sentences = if split == "train" {
        conllu::filter_open_gum(&all)
    } else {
        all
    };
    let pipeline = extract::Pipeline::new(extract::Resources::from_source(
        &extract::ModelSource::Builtin,
        true,
    )?);
    let docs = train::extract_all(&pipeline, gold::documents(&sentences)?)?;
    let with: Vec<_> = docs
        .iter()
        .map(|(d, ex)| {
            let spans = extract::coref::resolve(&train::doc_of(d, ex))
                .mentions
                .iter()
                .map(|m| m.span)
                .collect();
            (d, ex, spans)
        })
        .collect();
    let t = train::dev_scores(&docs, &extract::coref::rank::WEIGHTS);
    for l in t.lines("").iter().filter(|l| !l.starts_with("speaker")) {
        println!("{l}");
    }
    let (missed, extra, n_gold, n_sys) = eval::coref::mismatch::analyse(&with);
    println!(
        "{}",
        missed.report("gold mentions in chains not detected exactly", n_gold)
    );
    println!("{}", extra.report("lede mentions GUM does not mark", n_sys));
    Ok(())
}
