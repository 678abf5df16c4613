//! The daemon in real life: files written slowly or under producer temp names, `--poll` without
//! notifications, an inbox absent at start then deleted and recreated, and `--max-wait` holding a
//! small batch back while other files are still being written.

use crate::common::*;
use lede::config::Options;
use lede::engine::Engine;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant, SystemTime};

fn seed(n: usize) -> PathBuf {
    let mut v: Vec<PathBuf> = fs::read_dir(SEEDS)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    v.sort();
    v[n].clone()
}

/// `lede watch INBOX --out OUT ARGS...`, logging to `OUT.log`.
fn watch(inbox: &Path, out: &Path, args: &[&str]) -> (Child, PathBuf) {
    let log = out.with_extension("log");
    let child = lede()
        .arg("watch")
        .arg(inbox)
        .arg("--out")
        .arg(out)
        .args(args)
        .stdout(Stdio::null())
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    (child, log)
}

/// SIGTERM, then the exit status must be 0.
fn stop(mut child: Child) {
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = child.wait().unwrap();
    assert!(code.success(), "the daemon exited with {code}");
}

/// `source_path`s of the published articles, or None while the tables are not readable yet (or
/// are swapped while being read).
fn paths(out: &Path) -> Option<Vec<String>> {
    if !out.join("articles").exists() {
        return None;
    }
    let out = out.to_path_buf();
    std::panic::catch_unwind(move || {
        let mut v: Vec<String> = strings(&out, "articles", "source_path")
            .into_iter()
            .flatten()
            .collect();
        v.sort();
        v
    })
    .ok()
}

/// Waits (up to a minute) until the published articles come from exactly `want`.
fn wait_for(out: &Path, child: &mut Child, want: &[&str]) {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        assert!(
            child.try_wait().unwrap().is_none(),
            "the daemon stopped: see {}",
            out.with_extension("log").display()
        );
        let got = paths(out);
        if got.as_deref().is_some_and(|g| g == want) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "articles {got:?}, expected {want:?}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_slowly_written_file_is_read_once_complete_and_temp_names_are_ignored() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    fs::create_dir_all(inbox.join("sub")).unwrap();
    let (mut child, _log) = watch(&inbox, &out, &["--settle", "2", "--reconcile", "0.2"]);
    wait_for(&out, &mut child, &[]);

    // Producer temp names and hidden files hold whole articles but are never read.
    let text = fs::read(seed(0)).unwrap();
    for name in [
        "a.txt.tmp",
        "b.txt.part",
        "c.txt.crdownload",
        "d.txt~",
        ".e.txt",
    ] {
        fs::write(inbox.join("sub").join(name), &text).unwrap();
    }

    // A file under its final name, written in 10 pieces 250 ms apart: never still for the settle
    // time until complete.
    let text = fs::read(seed(1)).unwrap();
    let path = inbox.join("sub/slow.txt");
    let mut f = fs::File::create(&path).unwrap();
    for piece in text.chunks(text.len().div_ceil(10)) {
        f.write_all(piece).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(250));
    }
    drop(f);
    wait_for(&out, &mut child, &["sub/slow.txt"]);
    // Give a wrong read every chance to show, then check the one version committed is the whole file.
    std::thread::sleep(Duration::from_secs(3));
    assert_eq!(paths(&out).unwrap(), ["sub/slow.txt"]);
    stop(child);
    assert_eq!(count(&out, "failures"), 0);
    let fresh = dir.path().join("fresh");
    let alone = dir.path().join("alone");
    fs::create_dir_all(alone.join("sub")).unwrap();
    fs::copy(seed(1), alone.join("sub/slow.txt")).unwrap();
    run(&alone, &fresh);
    assert_eq!(row_multiset(&out), row_multiset(&fresh));
    // Batch 1 is the empty tables of a new output folder: the article was committed once, in batch 2.
    assert_eq!(
        strings(&out, "articles", "batch_id"),
        [Some("2".to_string())]
    );
}

#[test]
fn poll_mode_sees_new_modified_and_deleted_files_without_notifications() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    fs::create_dir_all(&inbox).unwrap();
    let (mut child, _log) = watch(
        &inbox,
        &out,
        &["--poll", "0.3", "--settle", "0", "--reconcile", "3600"],
    );
    wait_for(&out, &mut child, &[]);
    fs::copy(seed(0), inbox.join("a.txt")).unwrap();
    fs::copy(seed(1), inbox.join("b.txt")).unwrap();
    wait_for(&out, &mut child, &["a.txt", "b.txt"]);
    let mut text = fs::read_to_string(inbox.join("a.txt")).unwrap();
    text.push_str("\n\nNATO Secretary General Jens Stoltenberg will travel to Oslo on Friday.\n");
    fs::write(inbox.join("a.txt"), &text).unwrap();
    fs::remove_file(inbox.join("b.txt")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !strings(&out, "entities", "text").contains(&Some("Oslo".into())) {
        assert!(Instant::now() < deadline, "the modification was not seen");
        std::thread::sleep(Duration::from_millis(100));
    }
    wait_for(&out, &mut child, &["a.txt"]);
    stop(child);
}

#[test]
fn an_inbox_absent_at_start_then_deleted_and_recreated_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    let (mut child, log) = watch(&inbox, &out, &["--settle", "0", "--reconcile", "0.5"]);
    wait_for(&out, &mut child, &[]);
    let logged = |what: &str| fs::read_to_string(&log).unwrap().contains(what);
    let deadline = Instant::now() + Duration::from_secs(30);
    while !logged("inbox does not exist (yet): waiting for it") {
        assert!(
            Instant::now() < deadline,
            "no message about the missing inbox"
        );
        std::thread::sleep(Duration::from_millis(100));
    }

    fs::create_dir_all(&inbox).unwrap();
    fs::copy(seed(0), inbox.join("a.txt")).unwrap();
    wait_for(&out, &mut child, &["a.txt"]);
    assert!(logged("inbox is back"));

    // Deleted: the daemon says so and waits; its last tables stay readable meanwhile.
    let before = fs::read_to_string(&log).unwrap().len();
    fs::remove_dir_all(&inbox).unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !fs::read_to_string(&log).unwrap()[before..].contains("inbox does not exist") {
        assert!(
            Instant::now() < deadline,
            "no message about the deleted inbox"
        );
        assert!(child.try_wait().unwrap().is_none(), "the daemon stopped");
        std::thread::sleep(Duration::from_millis(100));
    }
    assert_eq!(paths(&out).unwrap(), ["a.txt"]);

    // Recreated with other content: the scan is the truth.
    fs::create_dir_all(&inbox).unwrap();
    fs::copy(seed(2), inbox.join("c.txt")).unwrap();
    wait_for(&out, &mut child, &["c.txt"]);
    stop(child);
}

fn engine(inbox: &Path, out: &Path, settle: Duration, max_wait: Duration) -> Engine {
    Engine::open(Options {
        inbox: inbox.to_path_buf(),
        out: out.to_path_buf(),
        models: extract::ModelSource::Dir(PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data"
        ))),
        settle,
        max_batch: 100,
        max_wait,
        max_file_bytes: 1 << 24,
        max_tries: 3,
        article_timeout: std::time::Duration::from_secs(60),
        scan: ingest::scan::ScanOptions::default(),
        clean: clean::CleanOptions::default(),
        tokens: false,
        no_parse: false,
    })
    .unwrap()
}

fn backdate(path: &Path, secs: u64) {
    fs::File::options()
        .append(true)
        .open(path)
        .unwrap()
        .set_modified(SystemTime::now() - Duration::from_secs(secs))
        .unwrap();
}

#[test]
fn max_wait_holds_a_small_batch_while_other_files_are_being_written() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    let never = AtomicBool::new(false);
    let ready = inbox.join("ready.txt");
    let writing = inbox.join("writing.txt");
    fs::copy(seed(0), &ready).unwrap();
    backdate(&ready, 3600);
    fs::copy(seed(1), &writing).unwrap();

    // One file settled, one still being written (settle 1 h): the settled one is held back...
    let out = dir.path().join("held");
    let mut e = engine(
        &inbox,
        &out,
        Duration::from_secs(3600),
        Duration::from_secs(600),
    );
    let s = e.pass(&never, &()).unwrap();
    assert_eq!((s.batches, s.files_processed, s.pending), (0, 0, 2));
    // ...and both go in one batch once the second has settled.
    backdate(&writing, 3600);
    let s = e.pass(&never, &()).unwrap();
    assert_eq!((s.batches, s.files_processed, s.pending), (1, 2, 0));
    drop(e);

    // The wait is bounded: after --max-wait the settled file goes alone.
    fs::copy(seed(1), &writing).unwrap();
    fs::copy(seed(2), inbox.join("other.txt")).unwrap();
    backdate(&inbox.join("other.txt"), 3600);
    let mut e = engine(
        &inbox,
        &out,
        Duration::from_secs(3600),
        Duration::from_millis(300),
    );
    let s = e.pass(&never, &()).unwrap();
    assert_eq!((s.batches, s.files_processed), (0, 0));
    std::thread::sleep(Duration::from_millis(400));
    let s = e.pass(&never, &()).unwrap();
    assert_eq!((s.batches, s.files_processed, s.pending), (1, 1, 1));
    drop(e);

    // Without --max-wait (zero, as `lede run`), what is ready goes at once.
    let out = dir.path().join("eager");
    let mut e = engine(&inbox, &out, Duration::from_secs(3600), Duration::ZERO);
    let s = e.pass(&never, &()).unwrap();
    assert_eq!((s.batches, s.files_processed, s.pending), (1, 2, 1));
}
