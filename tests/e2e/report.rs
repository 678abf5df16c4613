//! `lede report` (issue 21): the page of the sample's tables, checked as text (every section,
//! nothing to fetch, article text escaped) and in a real headless Chromium (Debian's `chromium`,
//! which `.ci/run` installs): the page loads with no console message and no script error, lede's
//! own script marks it ready, a `<script>` in a quote or a file name stays text, and the screenshot
//! is a real picture. `LEDE_REPORT_SCREENSHOT=docs/report.png` keeps the screenshot (the README's).
//! Without Chromium the browser test prints `skipped: ...`; under CI (`CI` set) it fails instead.

use crate::common::{count, lede, run, strings};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Who says the hostile quotes: more quotes than anyone in the sample, so the top speakers show
/// them.
const SPEAKER: &str = "Mallory Quinn";
const QUOTES: usize = 14;
/// A file name that is markup, for the failures table (the file is empty: a failure).
const HOSTILE_NAME: &str = "<img src=x onerror=document.body.setAttribute('data-pwned',3)>.txt";

fn hostile_article() -> String {
    let mut t = String::from(
        "Researcher warns of scripts in the news\n\nLONDON, 12 January 2022 - Mallory Quinn, a \
         security researcher at the University of London, spoke to reporters on Wednesday.\n\n",
    );
    for i in 0..QUOTES {
        t.push_str(&format!(
            "\"<script>document.documentElement.setAttribute('data-pwned','{i}')</script> is what \
             attacker number {i} types into a form,\" Quinn said.\n\n"
        ));
    }
    t
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let dest = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &dest);
        } else {
            std::fs::copy(&p, &dest).unwrap();
        }
    }
}

/// `lede run` on a copy of `data/sample` plus the hostile files, then `lede report`: OUT and the
/// page's path.
fn sample_report(dir: &Path) -> (PathBuf, PathBuf) {
    let inbox = dir.join("inbox");
    copy_dir(Path::new(crate::common::SEEDS), &inbox);
    std::fs::write(inbox.join("zz_quinn.txt"), hostile_article()).unwrap();
    std::fs::write(inbox.join(HOSTILE_NAME), "").unwrap();
    let out = dir.join("out");
    run(&inbox, &out);
    let quotes = strings(&out, "quotes", "text");
    assert!(
        quotes.iter().flatten().any(|q| q.contains("<script>")),
        "a quote with <script> is in the table, so the report has to escape it: {quotes:?}"
    );
    assert!(count(&out, "failures") >= 1);
    let html = dir.join("page/report.html");
    std::fs::create_dir_all(html.parent().unwrap()).unwrap();
    let started = std::time::Instant::now();
    let o = lede()
        .args(["report", "--out"])
        .arg(&out)
        .arg("--html")
        .arg(&html)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    eprintln!("lede report took {:?}: {stdout}", started.elapsed());
    assert!(stdout.contains("report.html"), "{stdout}");
    (out, html)
}

/// Every tag of the page (the text between a `<` and the next `>`): text from the tables is
/// escaped, so a `<` in the file always opens a real tag.
fn tags(html: &str) -> Vec<&str> {
    html.split('<')
        .skip(1)
        .map(|t| t.split('>').next().unwrap_or(""))
        .collect()
}

#[test]
fn the_report_of_the_sample_has_every_section_and_nothing_to_fetch() {
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = sample_report(dir.path());
    let page = std::fs::read_to_string(&html).unwrap();
    for id in [
        "id=\"timeline-chart\"",
        "id=\"speakers\"",
        "id=\"entities\"",
        "id=\"co-mentions\"",
        "id=\"pairs\"",
        "id=\"failures\"",
    ] {
        assert!(page.contains(id), "no {id}");
    }
    assert!(page.contains("<rect"), "the timeline has bars");
    assert!(page.contains("Stoltenberg"), "a speaker of the sample");
    assert!(page.contains(SPEAKER), "the top speaker");
    // Escaped: the quote and the file name are text, and the only script is lede's own.
    assert!(page.contains("&lt;script&gt;document.documentElement.setAttribute(&#39;data-pwned"));
    assert!(page.contains("&lt;img src=x onerror="));
    let tags = tags(&page);
    assert_eq!(tags.iter().filter(|t| t.starts_with("script")).count(), 1);
    assert!(!tags.iter().any(|t| t.starts_with("img")), "no image tag");
    // Self-contained: no tag loads or links anything, no stylesheet imports.
    for t in &tags {
        for attr in [" src=", " href=", " srcset=", " action="] {
            assert!(!t.contains(attr), "<{t}>");
        }
        assert!(!t.starts_with("link") && !t.starts_with("iframe"), "<{t}>");
    }
    assert!(!page.contains("@import") && !page.contains("url("));
    assert!(
        page.contains("default-src 'none'"),
        "the CSP forbids any fetch"
    );
}

#[test]
fn report_of_a_folder_without_tables_says_to_run_lede_first() {
    let dir = tempfile::tempdir().unwrap();
    let o = lede()
        .args(["report", "--out"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("lede run"), "{err}");
    assert!(!dir.path().join("report.html").exists());
}

/// Chromium from `$LEDE_CHROMIUM` or the PATH.
fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("LEDE_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|d| ["chromium", "chromium-browser"].map(|n| d.join(n)))
        .find(|p| p.is_file())
}

/// Headless Chromium on `page` with `args`, its own profile, killed after two minutes.
fn headless(browser: &Path, profile: &Path, page: &Path, args: &[&str]) -> std::process::Output {
    let o = Command::new("timeout")
        .arg("120")
        .arg(browser)
        .args([
            "--headless",
            "--disable-gpu",
            "--no-sandbox",
            "--no-first-run",
        ])
        .args(["--hide-scrollbars", "--enable-logging=stderr", "--v=0"])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "chromium failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// The page as Chromium leaves it after loading: its DOM, and the console messages it logged.
struct Loaded {
    dom: String,
    console: Vec<String>,
}

fn load(browser: &Path, profile: &Path, page: &Path) -> Loaded {
    let o = headless(browser, profile, page, &["--dump-dom"]);
    Loaded {
        dom: String::from_utf8_lossy(&o.stdout).into_owned(),
        console: String::from_utf8_lossy(&o.stderr)
            .lines()
            .filter(|l| l.contains(":CONSOLE"))
            .map(str::to_string)
            .collect(),
    }
}

/// Why a loaded page is not clean: a console message (a script error, a blocked fetch, a CSP
/// violation all log one), a script error lede's script counted, an injected script that ran, or
/// lede's script never marking the page ready.
fn problems(l: &Loaded) -> Vec<String> {
    let root = l
        .dom
        .split("<html")
        .nth(1)
        .and_then(|r| r.split('>').next());
    let mut p: Vec<String> = l.console.iter().map(|c| format!("console: {c}")).collect();
    match root {
        None => p.push("no <html> element".into()),
        Some(r) => {
            if !r.contains("data-ready=\"1\"") {
                p.push(format!("not marked ready: <html{r}>"));
            }
            if r.contains("data-errors") {
                p.push(format!("script errors: <html{r}>"));
            }
        }
    }
    // The injected scripts mark <html> or <body>: their own tags say whether one ran.
    let body = l
        .dom
        .split("<body")
        .nth(1)
        .and_then(|r| r.split('>').next());
    if [root, body]
        .iter()
        .flatten()
        .any(|t| t.contains("data-pwned"))
    {
        p.push("an injected script ran".into());
    }
    p
}

/// The browser, or `None` after saying `skipped:` (a failure under CI, which installs it).
fn browser_or_skip(test: &str) -> Option<PathBuf> {
    let b = chromium();
    if b.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{test}: chromium not found (CI installs it: apt-get install chromium)"
        );
        eprintln!("skipped: {test}: chromium not found (apt-get install chromium)");
    }
    b
}

#[test]
fn the_browser_check_catches_script_errors_blocked_fetches_and_injected_scripts() {
    let Some(browser) = browser_or_skip("browser check") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = sample_report(dir.path());
    let good = std::fs::read_to_string(&html).unwrap();
    let nonce = good
        .split("nonce=\"")
        .nth(1)
        .and_then(|n| n.split('"').next())
        .unwrap()
        .to_string();
    // The report with, in turn, a failing script of its own, a fetch the CSP blocks, and a script
    // without the nonce: each is caught.
    let broken = [
        format!("<script nonce=\"{nonce}\">undefinedFunction();</script>"),
        "<img alt=\"\" src=\"https://example.invalid/x.png\">".to_string(),
        "<script>document.body.setAttribute('data-pwned','1')</script>".to_string(),
    ];
    for (i, extra) in broken.iter().enumerate() {
        let page = dir.path().join(format!("broken{i}.html"));
        std::fs::write(&page, good.replace("</body>", &format!("{extra}</body>"))).unwrap();
        let l = load(&browser, &dir.path().join(format!("profile{i}")), &page);
        assert!(!problems(&l).is_empty(), "{extra} went unnoticed");
    }
}

#[test]
fn the_report_loads_in_headless_chromium_without_errors_and_shows_every_section() {
    let Some(browser) = browser_or_skip("report in chromium") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (_, html) = sample_report(dir.path());
    let l = load(&browser, &dir.path().join("profile"), &html);
    assert_eq!(problems(&l), Vec::<String>::new(), "{}", l.dom);
    for (what, marker) in [
        ("timeline chart", "<svg id=\"timeline-chart\""),
        ("bars", "<rect "),
        ("speakers", "<section id=\"speakers\""),
        ("a speaker", "<h3>Mallory Quinn</h3>"),
        ("entities", "<section id=\"entities\""),
        ("co-mentions", "<section id=\"co-mentions\""),
        ("failures", "<section id=\"failures\""),
        (
            "the quote, as text",
            "&lt;script&gt;document.documentElement",
        ),
        ("the file name, as text", "&lt;img src=x onerror="),
    ] {
        assert!(l.dom.contains(marker), "{what}: no {marker} in the DOM");
    }
    let png = dir.path().join("report.png");
    headless(
        &browser,
        &dir.path().join("profile"),
        &html,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1100,1500",
        ],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    assert_eq!((be(16), be(20)), (1100, 1500), "IHDR: the window's size");
    // A blank page of this size compresses to a few KiB; text, tables and bars do not.
    assert!(
        bytes.len() > 40_000,
        "a near-empty screenshot: {} bytes",
        bytes.len()
    );
    if let Some(keep) = std::env::var_os("LEDE_REPORT_SCREENSHOT").filter(|p| !p.is_empty()) {
        std::fs::copy(&png, keep).unwrap();
    }
}
