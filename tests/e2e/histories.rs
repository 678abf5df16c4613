//! Property test over random inbox histories: files created, written partially under a temp name
//! and completed by rename, modified, renamed, touched, deleted, with runs and killed runs in
//! between. Whatever the history, after a last run the tables hold exactly what a fresh run over the
//! final inbox gives (every completed file version is processed exactly once: no lost, stale or
//! doubled row), and every article's `source_path` is a current file with its content.

use crate::common::*;
use proptest::prelude::*;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

const NAMES: [&str; 4] = ["a.txt", "b.txt", "sub/c.txt", "sub/deep/d.txt"];

#[derive(Clone, Debug)]
enum Op {
    /// Create or modify `NAMES[n]` with content `c`.
    Write(usize, usize),
    /// Write half of content `c` under `NAMES[n]`'s temp name.
    Partial(usize, usize),
    /// Rename `NAMES[n]`'s temp name into place, completing the content.
    Complete(usize),
    Rename(usize, usize),
    Touch(usize),
    Delete(usize),
    Run,
    /// A run killed after `ms` milliseconds.
    Kill(u64),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        3 => (0..4usize, 0..6usize).prop_map(|(n, c)| Op::Write(n, c)),
        1 => (0..4usize, 0..6usize).prop_map(|(n, c)| Op::Partial(n, c)),
        1 => (0..4usize).prop_map(Op::Complete),
        1 => (0..4usize, 0..4usize).prop_map(|(a, b)| Op::Rename(a, b)),
        1 => (0..4usize).prop_map(Op::Touch),
        1 => (0..4usize).prop_map(Op::Delete),
        2 => Just(Op::Run),
        1 => (200..1500u64).prop_map(Op::Kill),
    ]
}

/// Six contents: the five seeds and a variant of the first.
fn contents() -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut v: Vec<String> = copy_seeds(dir.path())
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    v.push(format!(
        "{}\n\nThe talks will continue in Vienna on Thursday, officials said.\n",
        v[0]
    ));
    v
}

fn apply(inbox: &Path, out: &Path, op: &Op, contents: &[String]) {
    let path = |n: usize| inbox.join(NAMES[n]);
    let temp = |n: usize| inbox.join(format!("{}.part", NAMES[n]));
    let parent = |p: &Path| fs::create_dir_all(p.parent().unwrap()).unwrap();
    match op {
        Op::Write(n, c) => {
            parent(&path(*n));
            fs::write(path(*n), &contents[*c]).unwrap();
        }
        Op::Partial(n, c) => {
            parent(&temp(*n));
            let half = contents[*c]
                .char_indices()
                .nth(contents[*c].chars().count() / 2)
                .unwrap()
                .0;
            fs::write(temp(*n), &contents[*c][..half]).unwrap();
            // The producer finishes writing the whole file under its temp name later.
            fs::write(temp(*n), &contents[*c]).unwrap();
        }
        Op::Complete(n) => {
            if temp(*n).exists() {
                fs::rename(temp(*n), path(*n)).unwrap();
            }
        }
        Op::Rename(a, b) => {
            if a != b && path(*a).exists() {
                parent(&path(*b));
                fs::rename(path(*a), path(*b)).unwrap();
            }
        }
        Op::Touch(n) => {
            if let Ok(bytes) = fs::read(path(*n)) {
                fs::write(path(*n), bytes).unwrap();
            }
        }
        Op::Delete(n) => {
            let _ = fs::remove_file(path(*n));
        }
        Op::Run => {
            run_with(inbox, out, &["--max-batch", "2"]);
        }
        Op::Kill(ms) => {
            let mut child = lede()
                .args(["--quiet", "run"])
                .arg(inbox)
                .arg("--out")
                .arg(out)
                .args(["--settle", "0", "--max-batch", "1"])
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap();
            std::thread::sleep(Duration::from_millis(*ms));
            let _ = std::process::Command::new("kill")
                .arg("-KILL")
                .arg(child.id().to_string())
                .status();
            let _ = child.wait();
        }
    }
}

/// The row multiset without `source_path` (which copies may legitimately keep from an older owner).
fn rows_without_paths(out: &Path) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = row_multiset_except(out, &["source_path"])
        .into_iter()
        .collect();
    v.sort();
    v
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(12),
        max_shrink_iters: 20,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_history_ends_in_the_tables_of_a_fresh_run(ops in prop::collection::vec(op(), 3..10)) {
        let contents = contents();
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        let out = dir.path().join("out");
        fs::create_dir_all(&inbox).unwrap();
        for op in &ops {
            apply(&inbox, &out, op, &contents);
        }
        run(&inbox, &out);
        let fresh = dir.path().join("fresh");
        run(&inbox, &fresh);
        prop_assert_eq!(rows_without_paths(&out), rows_without_paths(&fresh));
        // Every article's path is a current file holding that content.
        let paths = strings(&out, "articles", "source_path");
        let hashes = strings(&out, "articles", "content_hash");
        for (p, h) in paths.iter().zip(&hashes) {
            let bytes = fs::read(inbox.join(p.as_ref().unwrap())).unwrap();
            prop_assert_eq!(blake3::hash(&bytes).to_hex().to_string(), h.clone().unwrap());
        }
    }
}
