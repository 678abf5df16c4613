//! Schema versions of an output folder (issue 21): the tables' integers are signed (version 2); a
//! folder written with version 1 (unsigned integers) is rewritten once by the next `lede run`,
//! nothing extracted again and every value kept; one written by a newer lede is refused, naming
//! `lede rebuild`, and left as it was.

use crate::common::*;
use arrow::datatypes::{DataType, Field, Schema};
use export::schema::{SCHEMA_VERSION, SCHEMA_VERSION_KEY};
use export::store::{read_parquet, RecordBatch};
use parquet::arrow::ArrowWriter;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use std::collections::HashMap;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;

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

/// The integer columns of a file, as `name: type`.
fn integer_columns(path: &Path) -> Vec<String> {
    read_parquet(path)
        .unwrap()
        .schema()
        .fields()
        .iter()
        .filter(|f| f.data_type().is_integer())
        .map(|f| format!("{}: {}", f.name(), f.data_type()))
        .collect()
}

/// The type schema version 1 gave an integer column.
fn v1_type(column: &str) -> DataType {
    match column {
        "batch_id" => DataType::UInt64,
        "quad_class" => DataType::UInt8,
        _ => DataType::UInt32,
    }
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

/// Makes `out` what a lede of schema version 1 wrote: every integer column of every file of the
/// committed snapshot unsigned, version `1` in the files' metadata, none in the ledger.
fn make_version_1(out: &Path) {
    for path in snapshot_files(out) {
        let rows = read_parquet(&path).unwrap();
        let (fields, columns): (Vec<Field>, Vec<_>) = rows
            .schema()
            .fields()
            .iter()
            .zip(rows.columns())
            .map(|(f, c)| {
                if f.data_type().is_integer() {
                    let t = v1_type(f.name());
                    let c = arrow::compute::cast(c, &t).unwrap();
                    (Field::new(f.name(), t, f.is_nullable()), c)
                } else {
                    (f.as_ref().clone(), c.clone())
                }
            })
            .unzip();
        let meta = HashMap::from([(SCHEMA_VERSION_KEY.to_string(), "1".to_string())]);
        let schema = Arc::new(Schema::new_with_metadata(fields, meta));
        let rows = RecordBatch::try_new(schema.clone(), columns).unwrap();
        let props = WriterProperties::builder()
            .set_key_value_metadata(Some(vec![KeyValue::new(
                SCHEMA_VERSION_KEY.to_string(),
                "1".to_string(),
            )]))
            .build();
        // A new file renamed over the old name: snapshots share files by hard link.
        let tmp = path.with_extension("v1");
        let mut w = ArrowWriter::try_new(File::create(&tmp).unwrap(), schema, Some(props)).unwrap();
        w.write(&rows).unwrap();
        w.close().unwrap();
        fs::rename(&tmp, &path).unwrap();
    }
    ledger(out)
        .execute("DELETE FROM meta WHERE key = 'tables.schema_version'", [])
        .unwrap();
}

/// What must survive the upgrade unchanged: every row, and when and in which batch each article was
/// processed (nothing is extracted again), and the failures.
fn values(
    out: &Path,
) -> (
    impl PartialEq + std::fmt::Debug,
    impl PartialEq + std::fmt::Debug,
) {
    let mut when = sorted_rows(out, "articles", &["article_id", "batch_id", "ingested_at"]);
    when.extend(sorted_rows(
        out,
        "failures",
        &["source_path", "stage", "tries", "at"],
    ));
    (row_multiset(out), when)
}

#[test]
fn a_folder_of_schema_version_1_is_rewritten_once_with_signed_integers_and_the_same_values() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    fs::write(inbox.join("empty.txt"), "").unwrap();
    run_with(&inbox, &out, &["--tokens"]);
    let before = values(&out);
    assert_eq!(count(&out, "failures"), 1, "the empty file");

    make_version_1(&out);
    let old = snapshot_files(&out);
    assert!(old.iter().all(|f| file_version(f).as_deref() == Some("1")));
    assert!(integer_columns(&old[0]).iter().any(|c| c.contains("UInt")));
    assert_eq!(ledger_schema_version(&out), None);
    let old_current = out.join("current").canonicalize().unwrap();

    run(&inbox, &out);
    let new_current = out.join("current").canonicalize().unwrap();
    assert_ne!(old_current, new_current, "a new snapshot");
    let files = snapshot_files(&out);
    assert!(files
        .iter()
        .any(|f| f.starts_with(new_current.join("tokens"))));
    for f in &files {
        assert_eq!(
            file_version(f).as_deref(),
            Some(SCHEMA_VERSION),
            "{}",
            f.display()
        );
        let unsigned: Vec<String> = integer_columns(f)
            .into_iter()
            .filter(|c| c.contains("UInt"))
            .collect();
        assert!(unsigned.is_empty(), "{}: {unsigned:?}", f.display());
    }
    assert_eq!(values(&out), before, "the rows changed");
    assert_eq!(ledger_schema_version(&out).as_deref(), Some(SCHEMA_VERSION));

    // Once: the next run has nothing to do.
    run(&inbox, &out);
    assert_eq!(out.join("current").canonicalize().unwrap(), new_current);
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
