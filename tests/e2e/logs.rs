//! What a user reads of a run: the logs (text and JSON lines, one event per failure naming the
//! file, stage and reason, in `run` and `watch`) and the summary (human units).

use crate::common::*;
use std::fs;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

/// An inbox with one good article and two bad files.
fn inbox_with_failures(inbox: &Path) {
    fs::create_dir_all(inbox).unwrap();
    let seed = sample_files()
        .into_iter()
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("000"))
        .unwrap();
    fs::copy(seed, inbox.join("good.txt")).unwrap();
    fs::write(inbox.join("junk.txt"), b"\x00\x01\x02\x03 binary").unwrap();
    fs::write(inbox.join("broken.json"), b"{not json").unwrap();
}

/// Every line of `text` parsed as a JSON object (panics on a line that is not one).
fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l)
                .unwrap_or_else(|e| panic!("not a JSON line ({e}): {l:?}\nin:\n{text}"));
            assert!(v.is_object(), "not an object: {l}");
            v
        })
        .collect()
}

/// The failure events among `events`: (file, stage, reason), sorted.
fn failure_events(events: &[serde_json::Value]) -> Vec<(String, String, String)> {
    let mut v: Vec<_> = events
        .iter()
        .filter(|e| e["level"] == "WARN" && e["file"].is_string())
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["stage"].as_str().unwrap_or_default().to_string(),
                e["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn json_logs_of_run_are_json_lines_naming_each_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    inbox_with_failures(&inbox);
    let o = lede()
        .args(["--log-format", "json", "run"])
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let stderr = String::from_utf8(o.stderr).unwrap();
    let events = json_lines(&stderr);
    let failures = failure_events(&events);
    assert_eq!(failures.len(), 2, "one event per failure: {stderr}");
    assert_eq!(failures[0].0, "broken.json");
    assert_eq!(failures[0].1, "clean");
    assert!(failures[0].2.contains("JSON"), "{:?}", failures[0]);
    assert_eq!(failures[1].0, "junk.txt");
    assert!(failures[1].2.contains("binary"), "{:?}", failures[1]);
    let done = events
        .iter()
        .find(|e| e["message"] == "run finished")
        .unwrap_or_else(|| panic!("no summary event: {stderr}"));
    assert_eq!(done["files"], 3);
    assert_eq!(done["failures"], 2);
    assert_eq!(done["added"], 1);
    // Only JSON: `2>&1 | jq` reads every line.
    assert!(
        o.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );

    // --quiet keeps the failures (warnings), drops the summary (info).
    fs::write(inbox.join("junk2.txt"), b"\x00\x00 more junk").unwrap();
    let o = lede()
        .args(["--quiet", "--log-format", "json", "run"])
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0"])
        .output()
        .unwrap();
    assert!(o.status.success());
    let events = json_lines(&String::from_utf8(o.stderr).unwrap());
    assert_eq!(failure_events(&events).len(), 1);
    assert!(events.iter().all(|e| e["level"] != "INFO"));
}

#[test]
fn text_logs_of_run_name_each_failure_and_the_summary_uses_human_units() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    inbox_with_failures(&inbox);
    fs::remove_file(inbox.join("broken.json")).unwrap();
    let o = run_command(&inbox, &out, &[]).output().unwrap();
    assert!(o.status.success());
    let stderr = String::from_utf8(o.stderr).unwrap();
    let warns: Vec<&str> = stderr.lines().filter(|l| l.contains("WARN")).collect();
    assert_eq!(warns.len(), 1, "{stderr}");
    assert!(
        warns[0].contains("file=\"junk.txt\"")
            && warns[0].contains("stage=\"clean\"")
            && warns[0].contains("reason="),
        "{stderr}"
    );
    // Not a terminal: no colour codes.
    assert!(!stderr.contains('\u{1b}'), "{stderr:?}");
    let stdout = String::from_utf8(o.stdout).unwrap();
    let summary = stdout.lines().next().unwrap();
    assert!(
        summary.starts_with("lede: 2 files processed in "),
        "{summary}"
    );
    assert!(summary.contains("+1 article,"), "{summary}");
    assert!(summary.contains("1 failure in this run"), "{summary}");
    // `123 ms` or `1.2 s`, never `0.123456789s`.
    let took = summary
        .split(" processed in ")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap();
    assert!(
        regex_like_duration(took),
        "duration {took:?} in {summary:?}"
    );
    // What to do next works with the installed binary alone: its own report, and plain SQL.
    assert!(stdout.contains("lede report --out"), "{stdout}");
    assert!(stdout.contains("SELECT canonical"), "{stdout}");
}

/// `250 ms`, `1.2 s`, `42 s`, `3 min 4 s`.
fn regex_like_duration(s: &str) -> bool {
    let parts: Vec<&str> = s.split(' ').collect();
    parts.len().is_multiple_of(2)
        && parts.chunks(2).all(|p| {
            ["ms", "s", "min", "h"].contains(&p[1])
                && p[0].parse::<f64>().is_ok()
                && p[0].split('.').nth(1).is_none_or(|d| d.len() == 1)
        })
}

#[test]
fn json_logs_of_watch_name_each_failure() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    inbox_with_failures(&inbox);
    let log = dir.path().join("watch.log");
    let mut child = lede()
        .args(["--log-format", "json", "watch"])
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--reconcile", "0.2"])
        .stdout(Stdio::null())
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let text = fs::read_to_string(&log).unwrap();
        if text.contains("\"committed\"") && failure_events(&json_lines(&text)).len() == 2 {
            break;
        }
        assert!(child.try_wait().unwrap().is_none(), "watch stopped: {text}");
        assert!(Instant::now() < deadline, "no failure events: {text}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
    let events = json_lines(&fs::read_to_string(&log).unwrap());
    let failures = failure_events(&events);
    assert_eq!(
        failures.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["broken.json", "junk.txt"]
    );
    assert!(events.iter().any(|e| e["message"] == "stopped cleanly"));
}

#[test]
fn deleting_a_watched_subfolder_logs_no_notification_internals() {
    let dir = tempfile::tempdir().unwrap();
    let (inbox, out) = (dir.path().join("inbox"), dir.path().join("out"));
    inbox_with_failures(&inbox.join("sub"));
    let log = dir.path().join("watch.log");
    let mut child = lede()
        .arg("watch")
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--reconcile", "0.2"])
        .stdout(Stdio::null())
        .stderr(fs::File::create(&log).unwrap())
        .spawn()
        .unwrap();
    let wait_for = |child: &mut std::process::Child, what: &dyn Fn(&str) -> bool| {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let text = fs::read_to_string(&log).unwrap();
            if what(&text) {
                return;
            }
            assert!(child.try_wait().unwrap().is_none(), "watch stopped: {text}");
            assert!(Instant::now() < deadline, "timed out: {text}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for(&mut child, &|t| t.contains("added=1"));
    fs::remove_dir_all(inbox.join("sub")).unwrap();
    wait_for(&mut child, &|t| t.contains("removed=1"));
    std::thread::sleep(Duration::from_millis(500));
    let status = std::process::Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(child.wait().unwrap().success());
    let text = fs::read_to_string(&log).unwrap();
    assert!(!text.contains("watch descriptor"), "{text}");
    assert!(
        text.lines()
            .all(|l| !l.contains(" INFO ") || !l.contains("inotify")),
        "{text}"
    );
}
