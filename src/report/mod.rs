//! `lede report --out OUT [--html FILE]`: one self-contained HTML page about the tables in OUT, to
//! look at rather than query (issue 21): a timeline of event clusters by day and GDELT quad class
//! (an SVG chart written by lede), the top speakers with some of their quotes, the top entities
//! and who is mentioned with whom, and the failures. It works offline and loads nothing when
//! viewed: no CDN, no web font, CSS and SVG inline.
//!
//! - `tables.rs`: the rows of one published snapshot, read through the export crate.
//! - `summary.rs`: the aggregates (plain data).
//! - `html.rs`: the page and the escaping of every text from the tables (hostile input).
//! - `svg.rs`: the timeline chart.

mod html;
mod summary;
mod svg;
mod tables;

use anyhow::{Context, Result};
use std::hash::{BuildHasher, Hasher};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

/// The page's file name in OUT when `--html` is not given.
pub const DEFAULT_NAME: &str = "report.html";

/// Writes the report of OUT's current snapshot to `html` (default `OUT/report.html`) and says
/// where on stdout.
pub fn run(out: &Path, html: Option<&Path>) -> Result<ExitCode> {
    let started = Instant::now();
    let corpus = tables::Corpus::read(out)?;
    let snapshot = corpus.snapshot.display().to_string();
    let summary = summary::Summary::of(corpus);
    let page = html::page(
        &summary,
        &html::Meta {
            out: &out.display().to_string(),
            snapshot: &snapshot,
            generated: &chrono::Utc::now().format("%Y-%m-%d %H:%M UTC").to_string(),
            nonce: &nonce(),
        },
    );
    let path = html.map_or_else(|| out.join(DEFAULT_NAME), PathBuf::from);
    write_atomically(&path, page.as_bytes())?;
    println!(
        "lede report: {} ({}, {} of {} clusters on the timeline, {}) in {}",
        path.display(),
        crate::human::count(summary.n_articles as u64, "article"),
        summary
            .timeline
            .days
            .iter()
            .map(|d| d.quads.iter().sum::<usize>())
            .sum::<usize>(),
        summary.n_clusters,
        crate::human::count(summary.n_failures as u64, "failure"),
        crate::human::duration(started.elapsed())
    );
    Ok(ExitCode::SUCCESS)
}

/// A random token for the page's script nonce (std's per-process random hash keys; no crate).
fn nonce() -> String {
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    format!("{:016x}", h.finish())
}

/// Writes `bytes` to a hidden file beside `path`, then renames it: a reader (or a browser
/// reloading) never sees half a page.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .with_context(|| format!("{} is not a file name", path.display()))?;
    let tmp = dir.join(format!(".{}.tmp", name.to_string_lossy()));
    std::fs::write(&tmp, bytes).with_context(|| format!("writing {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("writing {}", path.display()))
}
