//! A hostile inbox, through the binary (issue 14): files that used to crash, wedge or slip past
//! lede are each a failure row naming the file and the reason, or an article, and the run goes on.

use crate::common::*;
use std::collections::BTreeMap;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;

/// `source_path -> message` of the failures table.
fn failures(out: &Path) -> BTreeMap<String, String> {
    strings(out, "failures", "source_path")
        .into_iter()
        .zip(strings(out, "failures", "message"))
        .map(|(p, m)| (p.unwrap(), m.unwrap()))
        .collect()
}

/// Finding 5: a link to a file outside the inbox is not read (its text never reaches the tables)
/// unless `--follow-links`; finding 8: dangling and looping links, FIFOs and names that are not
/// UTF-8 are failure rows, and `lede status` and the run summary agree.
#[test]
fn links_out_special_files_and_bad_names_are_failures_not_leaks_or_silence() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    let secret = dir.path().join("secret.txt");
    fs::write(
        &secret,
        "The root password is swordfish, the administrator said.",
    )
    .unwrap();
    symlink(&secret, inbox.join("passwd.txt")).unwrap();
    symlink(inbox.join("nowhere.txt"), inbox.join("dangling.txt")).unwrap();
    symlink(inbox.join("b.txt"), inbox.join("a.txt")).unwrap();
    symlink(inbox.join("a.txt"), inbox.join("b.txt")).unwrap();
    let mkfifo = std::process::Command::new("mkfifo")
        .arg(inbox.join("pipe.txt"))
        .status()
        .unwrap();
    assert!(mkfifo.success());
    for b in [b"\xE9".as_slice(), b"\xC3"] {
        let name = [b"caf".as_slice(), b, b".txt"].concat();
        fs::write(
            inbox.join(std::ffi::OsStr::from_bytes(&name)),
            "NATO met in Brussels.",
        )
        .unwrap();
    }

    let o = run_with(&inbox, &out, &[]);
    let f = failures(&out);
    let keys: Vec<&str> = f.keys().map(|k| k.as_str()).collect();
    assert_eq!(
        keys,
        [
            "a.txt",
            "b.txt",
            "caf\\xC3.txt",
            "caf\\xE9.txt",
            "dangling.txt",
            "passwd.txt",
            "pipe.txt"
        ]
    );
    assert!(f["passwd.txt"].contains("outside the inbox"), "{f:?}");
    assert!(f["pipe.txt"].contains("FIFO"), "{f:?}");
    assert_eq!(count(&out, "articles"), 5, "the seeds, nothing else");
    let texts = strings(&out, "articles", "text");
    assert!(!texts.iter().flatten().any(|t| t.contains("swordfish")));
    assert!(o.stdout.is_empty(), "--quiet");

    // The summary of a later run names the standing failures that status lists.
    let o = run_command(&inbox, &out, &[]).output().unwrap();
    let summary = String::from_utf8_lossy(&o.stdout);
    assert!(summary.contains("7 failures stand"), "{summary}");
    let status = lede().args(["status", "--out"]).arg(&out).output().unwrap();
    let status = String::from_utf8_lossy(&status.stdout);
    assert!(status.contains("failures     7"), "{status}");
    assert!(status.contains("pending      0 files"), "{status}");

    // Asked for, a link leading out is followed.
    run_with(&inbox, &out, &["--follow-links"]);
    let texts = strings(&out, "articles", "text");
    assert!(texts.iter().flatten().any(|t| t.contains("swordfish")));
    assert!(!failures(&out).contains_key("passwd.txt"));
}

/// Finding 1: deeply nested HTML aborted the process (stack overflow) on every start.
#[test]
fn deeply_nested_html_does_not_crash_the_run() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    for (name, depth) in [("deep.html", 7_000), ("deeper.html", 100_000)] {
        let page = format!(
            "<html><body>{}NATO and Russia met in Brussels on Wednesday, officials said.{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        fs::write(inbox.join(name), page).unwrap();
    }
    run(&inbox, &out);
    let paths = strings(&out, "articles", "source_path");
    let failed = failures(&out);
    for name in ["deep.html", "deeper.html"] {
        assert!(
            paths.contains(&Some(name.into())) || failed.contains_key(name),
            "{name} is an article or a failure row: {failed:?}"
        );
    }
    assert!(count(&out, "articles") >= 5);
}

/// Finding 2: `He said "yes" ` repeated gave one quote per mark, each spanning the whole file.
#[test]
fn repeated_quotation_marks_give_bounded_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    fs::create_dir_all(&inbox).unwrap();
    let text = "He said \"yes\" ".repeat(20_000);
    fs::write(inbox.join("yes.txt"), &text).unwrap();
    run(&inbox, &out);
    let quoted: usize = strings(&out, "quotes", "text")
        .iter()
        .flatten()
        .map(|q| q.len())
        .sum();
    assert!(
        quoted <= 4 * text.len(),
        "{quoted} bytes of quote text from a {} byte file",
        text.len()
    );
}

/// A file over its time budget is a failure row naming the budget; the others are processed.
#[test]
fn a_file_over_its_time_budget_is_a_failure_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    fs::write(
        inbox.join("long.txt"),
        "NATO and Russia met in Brussels on Wednesday, officials said. ".repeat(40_000),
    )
    .unwrap();
    run_with(&inbox, &out, &["--article-timeout", "0.05"]);
    let f = failures(&out);
    assert!(
        f.get("long.txt").is_some_and(|m| m.contains("time budget")),
        "{f:?}"
    );
}

/// Finding 10: a UTF-8 article with a few stray Latin-1 bytes was decoded whole as Windows-1252
/// (every accented letter garbled, a quote lost).
#[test]
fn a_few_stray_bytes_do_not_turn_a_utf8_article_into_windows_1252() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    fs::create_dir_all(&inbox).unwrap();
    let mut bytes = Vec::new();
    bytes.extend_from_slice(
        "Jens Stoltenberg met Sergei Ryabkov in Brussels on Wednesday. “We will not compromise on \
         the core principles,” Stoltenberg said in Zürich. Gruško, Ryabkov’s deputy, said the \
         talks were “frank and useful.” The next round, in Genève, is planned for the spring, \
         according to the ministry’s statement. “Nothing is agreed until everything is agreed,” \
         said the alliance’s spokeswoman, Oana Lungescu, in Brussels. "
            .as_bytes(),
    );
    for stray in [0xE9u8, 0xFC, 0xF1] {
        bytes.extend_from_slice(b"A stray byte ");
        bytes.push(stray);
        bytes.extend_from_slice(b" here. ");
    }
    fs::write(inbox.join("mixed.txt"), &bytes).unwrap();
    run(&inbox, &out);
    let text = strings(&out, "articles", "text")[0].clone().unwrap();
    for word in ["Zürich", "Gruško", "“We will not compromise", "Ryabkov’s"] {
        assert!(text.contains(word), "{word} garbled: {text}");
    }
    let quotes = strings(&out, "quotes", "text");
    assert!(
        quotes
            .iter()
            .flatten()
            .any(|q| q.contains("We will not compromise")),
        "{quotes:?}"
    );
    let notes = strings(&out, "articles", "notes")[0]
        .clone()
        .unwrap_or_default();
    let removed = strings(&out, "articles", "removed")[0]
        .clone()
        .unwrap_or_default();
    assert!(
        notes.contains("byte") || removed.contains("byte"),
        "the replaced bytes are noted: {notes} {removed}"
    );
}
