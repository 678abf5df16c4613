//! Helpers of the end-to-end tests: run the `lede` binary on a temp inbox and read the tables back.

#![allow(dead_code)]

use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Int32Type};
use arrow_array::Array;
use export::store::{read_parquet, RecordBatch};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/sample");

pub fn lede() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_lede"));
    c.env("LEDE_DATA", concat!(env!("CARGO_MANIFEST_DIR"), "/data"));
    c
}

/// The Python of the tests' readers (DuckDB, pandas, pyarrow): `$LEDE_PYTHON` (`just test` sets it
/// to the project's `.venv/`), else the project's `.venv/bin/python` when there is one, else
/// `python3` from the PATH.
pub fn python() -> Command {
    let venv = Path::new(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python");
    let exe = match std::env::var_os("LEDE_PYTHON") {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ if venv.exists() => venv,
        _ => PathBuf::from("python3"),
    };
    Command::new(exe)
}

/// `lede run INBOX --out OUT --settle 0`, asserting success.
pub fn run(inbox: &Path, out: &Path) -> Output {
    run_with(inbox, out, &[])
}

/// The command `lede run INBOX --out OUT --settle 0 EXTRA...`, to run as the caller needs.
pub fn run_command(inbox: &Path, out: &Path, extra: &[&str]) -> Command {
    let mut c = lede();
    c.arg("run")
        .arg(inbox)
        .arg("--out")
        .arg(out)
        .args(["--settle", "0"])
        .args(extra);
    c
}

/// `lede --quiet run INBOX --out OUT --settle 0 EXTRA...`, asserting success.
pub fn run_with(inbox: &Path, out: &Path, extra: &[&str]) -> Output {
    let o = run_command(inbox, out, extra)
        .arg("--quiet")
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "lede run failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

/// Copies the seed articles (the `0*.txt` files of the sample) into `inbox`.
pub fn copy_seeds(inbox: &Path) -> Vec<PathBuf> {
    std::fs::create_dir_all(inbox).unwrap();
    let mut out = Vec::new();
    for e in std::fs::read_dir(SEEDS).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().to_string();
        if name.starts_with('0') && name.ends_with(".txt") {
            let to = inbox.join(&name);
            std::fs::copy(&p, &to).unwrap();
            out.push(to);
        }
    }
    out.sort();
    assert_eq!(out.len(), 5, "the five seed articles");
    out
}

/// Where the link `OUT/<table>` points, if there is one.
pub fn fs_link(out: &Path, t: &str) -> Option<PathBuf> {
    std::fs::read_link(out.join(t)).ok()
}

/// Every Parquet file of a table, read through the `OUT/<table>` link as a user would glob it.
pub fn table(out: &Path, name: &str) -> Vec<RecordBatch> {
    let dir = out.join(name);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "{name} has no parquet file");
    files.iter().map(|f| read_parquet(f).unwrap()).collect()
}

/// One column of a table as strings (nulls as None), over all its files.
pub fn strings(out: &Path, t: &str, col: &str) -> Vec<Option<String>> {
    let mut v = Vec::new();
    for b in table(out, t) {
        let c = b
            .column_by_name(col)
            .unwrap_or_else(|| panic!("{t}.{col} missing"));
        match c.data_type() {
            arrow_schema::DataType::Utf8 => {
                let a = c.as_string::<i32>();
                v.extend((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i).to_string())));
            }
            arrow_schema::DataType::Int32 => {
                let a = c.as_primitive::<Int32Type>();
                v.extend((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i).to_string())));
            }
            arrow_schema::DataType::Date32 => {
                let a = c.as_primitive::<Date32Type>();
                v.extend((0..a.len()).map(|i| a.value_as_date(i).map(|d| d.to_string())));
            }
            arrow_schema::DataType::Timestamp(_, _) => {
                // Raw units: the column's time zone needs no parsing to compare two values.
                let a = c.as_primitive::<arrow_array::types::TimestampMicrosecondType>();
                v.extend((0..a.len()).map(|i| a.is_valid(i).then(|| a.value(i).to_string())));
            }
            _ => {
                let f =
                    arrow_cast::display::ArrayFormatter::try_new(c.as_ref(), &Default::default())
                        .unwrap();
                v.extend((0..c.len()).map(|i| c.is_valid(i).then(|| f.value(i).to_string())));
            }
        }
    }
    v
}

/// The values of `cols` in every row of table `t` (nulls as `None`), sorted.
pub fn sorted_rows(out: &Path, t: &str, cols: &[&str]) -> Vec<Vec<Option<String>>> {
    let columns: Vec<_> = cols.iter().map(|c| strings(out, t, c)).collect();
    let n = columns.first().map_or(0, |c| c.len());
    let mut rows: Vec<Vec<Option<String>>> = (0..n)
        .map(|i| columns.iter().map(|c| c[i].clone()).collect())
        .collect();
    rows.sort();
    rows
}

pub fn count(out: &Path, t: &str) -> usize {
    table(out, t).iter().map(|b| b.num_rows()).sum()
}

/// Every row of the per-article tables as text, without the columns that say when it was written:
/// two runs that processed the same articles give equal multisets.
pub fn row_multiset(out: &Path) -> BTreeMap<String, usize> {
    row_multiset_except(out, &[])
}

/// [`row_multiset`] without the columns named in `skip` as well.
pub fn row_multiset_except(out: &Path, skip: &[&str]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for t in [
        "articles",
        "entities",
        "mentions",
        "quotes",
        "events",
        "timexes",
        "entity_catalog",
        "event_clusters",
        "tokens",
    ] {
        if t == "tokens" && fs_link(out, t).is_none() {
            continue; // the opt-in table, in a folder created without --tokens
        }
        for b in table(out, t) {
            let keep: Vec<usize> = (0..b.num_columns())
                .filter(|i| {
                    !["ingested_at", "batch_id"].contains(&b.schema().field(*i).name().as_str())
                        && !skip.contains(&b.schema().field(*i).name().as_str())
                })
                .collect();
            let b = b.project(&keep).unwrap();
            let cols: Vec<_> = b
                .columns()
                .iter()
                .map(|c| {
                    arrow_cast::display::ArrayFormatter::try_new(c.as_ref(), &Default::default())
                        .unwrap()
                })
                .collect();
            for r in 0..b.num_rows() {
                let row: Vec<String> = cols.iter().map(|c| c.value(r).to_string()).collect();
                *m.entry(format!("{t}|{}", row.join("|"))).or_insert(0) += 1;
            }
        }
    }
    m
}

/// Every file of the sample inbox (`data/sample`: the seeds and MEANTIME's Wikinews articles), in
/// path order.
pub fn sample_files() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::from(SEEDS)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}
