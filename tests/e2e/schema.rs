//! Schema versions of an output folder: a folder written with an older version (1: unsigned
//! integers, 2: no `mentions` table) or a newer one is refused before anything changes, naming the
//! `lede rebuild` (with the folder's flags) that makes it current, and left as it was.

use crate::common::*;
use export::schema::{SCHEMA_VERSION, SCHEMA_VERSION_KEY};
use parquet::file::reader::{FileReader, SerializedFileReader};
use std::fs::{self, File};
use std::path::{Path, PathBuf};

/// Every Parquet file of the committed snapshot (`OUT/current`), in path order.
fn snapshot_files(out: &Path) -> Vec<PathBuf> {
    let current = out.join("current").canonicalize().unwrap();
    let mut files = Vec::new();
    for t in fs::read_dir(&current).unwrap() {
        let t = t.unwrap().path();
        if !t.is_dir() {
            continue;
        }
        for f in fs::read_dir(&t).unwrap() {
            let f = f.unwrap().path();
            if f.extension().is_some_and(|x| x == "parquet") {
                files.push(f);
            }
        }
    }
    files.sort();
    assert!(files.len() >= 8, "a file per table at least: {files:?}");
    files
}

/// `lede.schema_version` in the key-value metadata of a Parquet file.
fn file_version(path: &Path) -> Option<String> {
    let r = SerializedFileReader::new(File::open(path).unwrap()).unwrap();
    r.metadata()
        .file_metadata()
        .key_value_metadata()?
        .iter()
        .find(|kv| kv.key == SCHEMA_VERSION_KEY)
        .and_then(|kv| kv.value.clone())
}

fn ledger(out: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(out.join(".lede/state.sqlite")).unwrap()
}

fn ledger_schema_version(out: &Path) -> Option<String> {
    ledger(out)
        .query_row(
            "SELECT value FROM meta WHERE key = 'tables.schema_version'",
            [],
            |r| r.get(0),
        )
        .ok()
}

#[test]
fn a_folder_of_an_older_schema_version_is_refused_naming_its_rebuild_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    run_with(&inbox, &out, &["--no-parse"]);
    assert_eq!(ledger_schema_version(&out).as_deref(), Some(SCHEMA_VERSION));
    let current = out.join("current").canonicalize().unwrap();
    let files = snapshot_files(&out);

    // Version 2 recorded its number; version 1 recorded none.
    for older in [Some("2"), None] {
        let l = ledger(&out);
        match older {
            Some(v) => l
                .execute(
                    "UPDATE meta SET value = ?1 WHERE key = 'tables.schema_version'",
                    [v],
                )
                .unwrap(),
            None => l
                .execute("DELETE FROM meta WHERE key = 'tables.schema_version'", [])
                .unwrap(),
        };
        let o = run_command(&inbox, &out, &["--quiet"]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(!o.status.success(), "an older folder was opened: {err}");
        let v = older.unwrap_or("1");
        assert!(
            err.contains(&format!("schema version {v}, written by an older lede"))
                && err.contains("mentions")
                && err.contains(&format!(
                    "lede rebuild INBOX --out {} --no-parse",
                    out.display()
                )),
            "{err}"
        );
        assert_eq!(out.join("current").canonicalize().unwrap(), current);
        assert_eq!(snapshot_files(&out), files);
        assert_eq!(ledger_schema_version(&out).as_deref(), older);
    }

    // The command it names makes the folder current, its flag kept.
    let o = lede()
        .arg("rebuild")
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--quiet", "--no-parse"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ledger_schema_version(&out).as_deref(), Some(SCHEMA_VERSION));
    assert_eq!(count(&out, "articles"), 5);
    assert!(snapshot_files(&out)
        .iter()
        .all(|f| file_version(f).as_deref() == Some(SCHEMA_VERSION)));
}

#[test]
fn a_folder_of_a_newer_schema_version_is_refused_and_left_as_it_was_until_rebuilt() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    run(&inbox, &out);
    ledger(&out)
        .execute(
            "UPDATE meta SET value = '99' WHERE key = 'tables.schema_version'",
            [],
        )
        .unwrap();
    let current = out.join("current").canonicalize().unwrap();
    let files = snapshot_files(&out);

    let o = run_command(&inbox, &out, &["--quiet"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "a newer folder was opened: {err}");
    assert!(
        err.contains("schema version 99") && err.contains("lede rebuild"),
        "{err}"
    );
    assert_eq!(out.join("current").canonicalize().unwrap(), current);
    assert_eq!(snapshot_files(&out), files);
    assert_eq!(ledger_schema_version(&out).as_deref(), Some("99"));

    let o = lede()
        .arg("rebuild")
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--quiet"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ledger_schema_version(&out).as_deref(), Some(SCHEMA_VERSION));
    assert_eq!(count(&out, "articles"), 5);
}
