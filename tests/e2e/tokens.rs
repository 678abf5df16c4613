//! The opt-in `tokens` table (`--tokens`, issue 16): absent by default, one row per syntactic word
//! with it, kept current like every per-article table, and fixed for the life of an output folder
//! (refused on a folder created without it, kept on later runs without the flag).
//!
//! The rows come from the real syntax stage (`extract::syntax`), which the engine runs only for a
//! folder with the table.

use crate::common::*;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

fn ids(out: &Path, t: &str) -> BTreeSet<String> {
    strings(out, t, "article_id")
        .into_iter()
        .flatten()
        .collect()
}

/// The tokens table is whole: its schema is the public one, its articles are live ones, every live
/// article with words has rows, and each article's `word`s are `0..n` with heads among them.
fn check_tokens(out: &Path) -> usize {
    let current = out.join("current").canonicalize().unwrap();
    assert_eq!(
        fs::read_link(out.join("tokens")).unwrap(),
        Path::new(".lede/snap")
            .join(current.file_name().unwrap())
            .join("tokens")
    );
    for b in table(out, "tokens") {
        assert_eq!(b.schema().fields(), export::Table::Tokens.schema().fields());
    }
    let articles = ids(out, "articles");
    let rows = sorted_rows(
        out,
        "tokens",
        &["article_id", "word", "head", "sentence", "deprel", "upos"],
    );
    // One root per sentence, labelled `root`; every tag a UPOS tag.
    let mut roots: BTreeMap<(String, String), usize> = BTreeMap::new();
    for r in &rows {
        let key = (r[0].clone().unwrap(), r[3].clone().unwrap());
        let n = roots.entry(key).or_default();
        if r[2].is_none() {
            *n += 1;
            assert_eq!(r[4].as_deref(), Some("root"), "{r:?}");
        }
        const UPOS: [&str; 17] = [
            "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON",
            "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X",
        ];
        assert!(UPOS.contains(&r[5].as_deref().unwrap()), "{r:?}");
    }
    assert!(roots.values().all(|&n| n == 1), "one root a sentence");
    let mut words: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut heads: Vec<(String, u32)> = Vec::new();
    for r in &rows {
        let a = r[0].clone().unwrap();
        assert!(articles.contains(&a), "tokens of {a}, not a live article");
        words
            .entry(a.clone())
            .or_default()
            .push(r[1].as_ref().unwrap().parse().unwrap());
        if let Some(h) = &r[2] {
            heads.push((a, h.parse().unwrap()));
        }
    }
    for (a, mut w) in words.clone() {
        w.sort();
        assert_eq!(w, (0..w.len() as u32).collect::<Vec<_>>(), "words of {a}");
    }
    for (a, h) in heads {
        assert!((h as usize) < words[&a].len(), "head {h} of {a}");
    }
    rows.len()
}

/// Whether the published snapshot has a `tokens` folder.
fn snapshot_has_tokens(out: &Path) -> bool {
    out.join("current").join("tokens").exists()
}

#[test]
fn without_the_flag_there_is_no_tokens_table() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    copy_seeds(&inbox);
    run_with(&inbox, &out, &[]);
    assert!(fs_link(&out, "tokens").is_none());
    assert!(!snapshot_has_tokens(&out));
    let status = lede()
        .args(["status", "--json", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["opt_in_tables"], serde_json::json!([]));
    let o = lede()
        .args(["path", "--out"])
        .arg(&out)
        .arg("tokens")
        .output()
        .unwrap();
    assert!(!o.status.success(), "lede path of a table the folder lacks");
}

#[test]
fn with_the_flag_the_table_has_a_row_per_word_kept_current_by_later_runs_with_or_without_it() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    copy_seeds(&inbox);
    let o = lede()
        .arg("run")
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--tokens"])
        .output()
        .unwrap();
    assert!(o.status.success());
    assert!(
        String::from_utf8_lossy(&o.stdout).contains("timexes,tokens,"),
        "the summary lists the table: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(snapshot_has_tokens(&out));
    let n = check_tokens(&out);
    assert!(n > 0, "the syntax stage gives rows");
    assert_eq!(ids(&out, "tokens"), ids(&out, "articles"));

    let status = lede()
        .args(["status", "--json", "--out"])
        .arg(&out)
        .output()
        .unwrap();
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["opt_in_tables"], serde_json::json!(["tokens"]));

    // A changed article: its old rows go, its new ones come (a later run without the flag: the
    // folder remembers it).
    let before = ids(&out, "tokens");
    let f = inbox.join("000_cb95377f110488cb.txt");
    let mut text = fs::read_to_string(&f).unwrap();
    text.push_str("\n\nNATO Secretary General Jens Stoltenberg will travel to Berlin on Friday.\n");
    fs::write(&f, &text).unwrap();
    run_with(&inbox, &out, &[]);
    let after = ids(&out, "tokens");
    assert_eq!(after.len(), 5);
    assert_eq!(
        before.difference(&after).count(),
        1,
        "the old version's rows"
    );
    assert!(strings(&out, "tokens", "text").contains(&Some("Berlin".into())));
    let m = check_tokens(&out);
    assert!(m > n, "{m} rows after adding a sentence, {n} before");

    // A deleted article: its rows go.
    let gone: BTreeSet<String> = ids(&out, "articles");
    fs::remove_file(inbox.join("004_6c01302419d617b7.txt")).unwrap();
    run_with(&inbox, &out, &["--tokens"]);
    let left = ids(&out, "tokens");
    assert_eq!(left.len(), 4);
    assert_eq!(left, ids(&out, "articles"));
    assert_eq!(gone.difference(&left).count(), 1);
    check_tokens(&out);

    // Compaction (which takes no flag) keeps the table whole.
    let rows = row_multiset(&out);
    let o = lede()
        .args(["compact", "--out"])
        .arg(&out)
        .args(["--max-articles", "100"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(row_multiset(&out), rows);
    check_tokens(&out);
}

#[test]
fn the_flag_on_a_folder_created_without_it_is_refused_until_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    copy_seeds(&inbox);
    run_with(&inbox, &out, &[]);
    let rows = row_multiset(&out);
    let current = out.join("current").canonicalize().unwrap();
    // A new file waits: the refusal must not half-process it either.
    fs::write(
        inbox.join("new.txt"),
        "Angela Merkel met Emmanuel Macron in Paris.\n",
    )
    .unwrap();
    let o = run_command(&inbox, &out, &["--tokens"]).output().unwrap();
    assert!(
        !o.status.success(),
        "--tokens on a folder without the table"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--tokens") && err.contains("lede rebuild"),
        "the refusal names the way out: {err}"
    );
    assert_eq!(out.join("current").canonicalize().unwrap(), current);
    assert_eq!(row_multiset(&out), rows, "nothing committed");
    assert!(fs_link(&out, "tokens").is_none());

    // `lede rebuild --tokens` processes everything again with the table, filled for every article.
    let o = lede()
        .args(["--quiet", "rebuild"])
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--tokens"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(check_tokens(&out) > 0);
    assert_eq!(ids(&out, "tokens"), ids(&out, "articles"));
    assert_eq!(ids(&out, "articles").len(), 6);

    // `lede rebuild` without it drops the table.
    let o = lede()
        .args(["--quiet", "rebuild"])
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(fs_link(&out, "tokens").is_none());
    assert!(!snapshot_has_tokens(&out));
}

#[test]
fn a_crash_at_each_step_of_a_commit_with_tokens_recovers_the_whole_table() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    copy_seeds(&inbox);
    let clean_out = dir.path().join("clean");
    run_with(&inbox, &clean_out, &["--tokens"]);
    let expected = row_multiset(&clean_out);
    assert!(expected.keys().any(|k| k.starts_with("tokens|")));
    for point in [
        "before-commit",
        "snapshot-durable",
        "committed",
        "published",
    ] {
        let out = dir.path().join(point);
        // Version 1 is the empty start, version 2 the first batch of three files; the second
        // batch crashes at `point`. The run after it has no flag: the folder remembers it.
        let crashed = lede()
            .args(["--quiet", "run"])
            .arg(&inbox)
            .arg("--out")
            .arg(&out)
            .args(["--settle", "0", "--max-batch", "3", "--tokens"])
            .env("LEDE_CRASH_AT", format!("{point}@3"))
            .output()
            .unwrap();
        assert!(
            !crashed.status.success(),
            "{point}: the run must have aborted"
        );
        run_with(&inbox, &out, &[]);
        assert_eq!(row_multiset(&out), expected, "crash at {point}");
        check_tokens(&out);
    }
}

/// `lede watch INBOX --out OUT ARGS...`.
fn watch(inbox: &Path, out: &Path, args: &[&str]) -> std::process::Child {
    lede()
        .arg("watch")
        .arg(inbox)
        .arg("--out")
        .arg(out)
        .args(["--settle", "0", "--poll", "0.2", "--max-wait", "0"])
        .args(args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Waits (up to a minute) until `n` articles are published, each with its token rows.
fn wait_for_articles(out: &Path, child: &mut std::process::Child, n: usize) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        assert!(child.try_wait().unwrap().is_none(), "the daemon stopped");
        let o = out.to_path_buf();
        // The moving links can be swapped while being read: try again.
        let got = std::panic::catch_unwind(move || (ids(&o, "articles"), ids(&o, "tokens")));
        if let Ok((articles, tokens)) = got {
            if articles.len() == n && articles == tokens {
                return;
            }
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no {n} articles with tokens"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

fn stop(mut child: std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
}

#[test]
fn lede_watch_with_the_flag_makes_the_table_and_a_watch_without_it_keeps_it_current() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    copy_seeds(&inbox);
    let mut child = watch(&inbox, &out, &["--tokens"]);
    wait_for_articles(&out, &mut child, 5);
    stop(child);
    let mut child = watch(&inbox, &out, &[]);
    fs::write(
        inbox.join("new.txt"),
        "Angela Merkel met Emmanuel Macron in Paris on Monday.\n",
    )
    .unwrap();
    wait_for_articles(&out, &mut child, 6);
    stop(child);
    check_tokens(&out);
}

#[test]
fn a_lost_ledger_of_a_folder_with_tokens_names_the_rebuild_that_keeps_them() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    copy_seeds(&inbox);
    run_with(&inbox, &out, &["--tokens"]);
    fs::remove_file(out.join(".lede/state.sqlite")).unwrap();
    let o = run_command(&inbox, &out, &[]).output().unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("--tokens`"), "{err}");
}
