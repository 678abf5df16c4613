//! The installed binary (issue 21): a copy of `lede` alone in a folder, run from a folder with no
//! `data/` and no `$LEDE_DATA`, uses the models and lexicons compiled into it; a wrong `--data` says
//! what the folder needs instead of asking the user to train models.

use crate::common::{copy_seeds, count, lede};
use std::path::Path;
use std::process::Command;

/// `lede` copied into `dir/bin/`, as `cargo install` or a download would leave it.
fn installed_copy(dir: &Path) -> std::path::PathBuf {
    let bin = dir.join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    let exe = bin.join("lede");
    std::fs::copy(env!("CARGO_BIN_EXE_lede"), &exe).unwrap();
    exe
}

#[test]
fn a_copied_binary_runs_from_a_folder_without_data_or_the_source_tree() {
    let dir = tempfile::tempdir().unwrap();
    let exe = installed_copy(dir.path());
    copy_seeds(&dir.path().join("inbox"));
    let cwd = dir.path().join("elsewhere");
    std::fs::create_dir_all(&cwd).unwrap();
    // --tokens: the syntax model too, not only the NER model.
    let o = Command::new(&exe)
        .current_dir(&cwd)
        .env_remove("LEDE_DATA")
        .args([
            "--quiet", "run", "../inbox", "--out", "x", "--settle", "0", "--tokens",
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = cwd.join("x");
    assert_eq!(count(&out, "articles"), 5);
    assert!(
        count(&out, "entities") > 20,
        "the built-in NER model found names"
    );
    assert!(
        count(&out, "tokens") > 500,
        "the built-in syntax model parsed"
    );
    assert!(!cwd.join("data").exists() && !dir.path().join("bin/data").exists());
}

#[test]
fn a_wrong_data_folder_names_what_it_needs_and_the_built_in_default() {
    let dir = tempfile::tempdir().unwrap();
    copy_seeds(&dir.path().join("inbox"));
    let o = lede()
        .arg("run")
        .arg(dir.path().join("inbox"))
        .arg("--out")
        .arg(dir.path().join("out"))
        .arg("--data")
        .arg(dir.path().join("nowhere"))
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("nowhere"), "{err}");
    assert!(err.contains("models/ner.bin"), "{err}");
    assert!(err.contains("built into lede"), "{err}");
    assert!(
        !err.contains("train"),
        "no training advice for a user: {err}"
    );
}
