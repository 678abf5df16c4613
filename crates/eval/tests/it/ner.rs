//! The conlleval-style report of `eval_conll` on a small CoNLL file.

use eval::ner::eval_conll;
use extract::ner::NerModel;
use std::path::Path;

fn models_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
}

#[test]
fn conll_report_ends_with_the_overall_line() {
    let model = NerModel::load(&models_dir()).unwrap();
    let dir = std::env::temp_dir().join(format!("lede-ner-conll-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mini.txt");
    let conll = "-DOCSTART- -X- -X- O\n\nJens NNP B-NP B-PER\nStoltenberg NNP I-NP I-PER\nvisited VBD B-VP O\nBerlin NNP B-NP B-LOC\n. . O O\n\n";
    std::fs::write(&path, conll).unwrap();
    let report = eval_conll(&model, &path).unwrap();
    let last = report.lines().last().unwrap();
    assert!(last.starts_with("overall precision "), "{report}");
    let nums: Vec<f64> = last
        .split_whitespace()
        .filter_map(|w| w.parse().ok())
        .collect();
    assert_eq!(nums.len(), 3);
    assert!(nums.iter().all(|x| (0.0..=100.0).contains(x)));
    assert!(report.contains("PER: precision"));
    assert!(eval_conll(&model, &dir.join("absent.txt")).is_err());
    std::fs::remove_dir_all(&dir).ok();
}
