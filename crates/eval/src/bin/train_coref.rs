//! `train-coref`: learns the noun types of the coreference stage from GUM train (the openly
//! licensed genres only, as for the syntax model) and writes
//! `crates/extract/lexicons/coref_noun_types.tsv` (`just train-coref`).
//!
//! ```text
//! cargo run --release -p eval --bin train-coref -- [--data ../shared/data/ud_english] [--out FILE]
//! ```

use eval::syntax::conllu;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut data = root.join("../shared/data/ud_english");
    let mut out = root.join("crates/extract/lexicons/coref_noun_types.tsv");
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--data" => data = args.next().unwrap_or_default().into(),
            "--out" => out = args.next().unwrap_or_default().into(),
            other => {
                eprintln!("train-coref: unknown argument {other}");
                return ExitCode::from(2);
            }
        }
    }
    let sentences = match conllu::read(&data.join("en_gum-ud-train.conllu")) {
        Ok(s) => conllu::filter_open_gum(&s),
        Err(e) => {
            eprintln!("train-coref: {e}");
            return ExitCode::FAILURE;
        }
    };
    let table = eval::coref::nouns::learn(&sentences);
    if let Err(e) = std::fs::write(&out, &table) {
        eprintln!("train-coref: cannot write {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let n = table.lines().filter(|l| !l.starts_with('#')).count();
    eprintln!("train-coref: {n} noun types written to {}", out.display());
    ExitCode::SUCCESS
}
