//! Schema versions of an output folder: the tables' integers are signed (version 2, issue 21), the
//! `mentions` table (issue 17) and the events' CAMEO actor codes (issue 18) came with version 3. A
//! folder written with version 1 or 2 is refused, naming the exact `lede rebuild` command (its new
//! rows and columns need the articles extracted again), and left as it was; so is one written by a
//! newer lede. The actor code columns fill on
//! the bundled sample.

use crate::common::*;
use arrow_schema::{DataType, Field, Schema};
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

/// Writes `rows` over the Parquet file at `path` with schema version `version` in its key-value
/// metadata: a new file renamed over the old name, since snapshots share files by hard link.
fn rewrite(path: &Path, rows: &RecordBatch, version: &str) {
    let props = WriterProperties::builder()
        .set_key_value_metadata(Some(vec![KeyValue::new(
            SCHEMA_VERSION_KEY.to_string(),
            version.to_string(),
        )]))
        .build();
    let tmp = path.with_extension(format!("v{version}"));
    let mut w =
        ArrowWriter::try_new(File::create(&tmp).unwrap(), rows.schema(), Some(props)).unwrap();
    w.write(rows).unwrap();
    w.close().unwrap();
    fs::rename(&tmp, path).unwrap();
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
                    let c = arrow_cast::cast(c, &t).unwrap();
                    (Field::new(f.name(), t, f.is_nullable()), c)
                } else {
                    (f.as_ref().clone(), c.clone())
                }
            })
            .unzip();
        let meta = HashMap::from([(SCHEMA_VERSION_KEY.to_string(), "1".to_string())]);
        let schema = Arc::new(Schema::new_with_metadata(fields, meta));
        rewrite(&path, &RecordBatch::try_new(schema, columns).unwrap(), "1");
    }
    ledger(out)
        .execute("DELETE FROM meta WHERE key = 'tables.schema_version'", [])
        .unwrap();
}

/// Makes `out` what a lede of schema version 2 wrote: the events files without the actor code
/// columns version 3 added, version `2` in the files' metadata and in the ledger.
fn make_version_2(out: &Path) {
    for path in snapshot_files(out) {
        if !path.parent().unwrap().ends_with("events") {
            continue;
        }
        let rows = read_parquet(&path).unwrap();
        let keep: Vec<usize> = (0..rows.num_columns())
            .filter(|&i| {
                !export::migrate::ADDED_IN_3.contains(&rows.schema().field(i).name().as_str())
            })
            .collect();
        assert_eq!(
            keep.len() + 6,
            rows.num_columns(),
            "the six actor code columns"
        );
        rewrite(&path, &rows.project(&keep).unwrap(), "2");
    }
    ledger(out)
        .execute(
            "UPDATE meta SET value = '2' WHERE key = 'tables.schema_version'",
            [],
        )
        .unwrap();
}

/// An older folder is refused before anything changes, the error naming the exact command with the
/// folder's inbox and flags; that command then makes it current.
fn older_folder_is_refused_until_rebuilt(version: &str, make: fn(&Path), flags: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let inbox = dir.path().join("inbox");
    let out = dir.path().join("out");
    copy_seeds(&inbox);
    run_with(&inbox, &out, flags);
    make(&out);
    let current = out.join("current").canonicalize().unwrap();
    let files = snapshot_files(&out);
    assert!(files
        .iter()
        .all(|f| file_version(f).as_deref() == Some(version)
            || !f.parent().unwrap().ends_with("events") && version == "2"));

    let o = run_command(&inbox, &out, &["--quiet"]).output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        !o.status.success(),
        "a version {version} folder was opened: {err}"
    );
    let command = format!(
        "`lede rebuild {} --out {}{}`",
        inbox.display(),
        out.display(),
        flags.iter().map(|f| format!(" {f}")).collect::<String>()
    );
    assert!(
        err.contains(&format!("schema version {version}")) && err.contains(&command),
        "{command} not in {err}"
    );
    assert_eq!(out.join("current").canonicalize().unwrap(), current);
    assert_eq!(snapshot_files(&out), files, "the folder was changed");

    let o = lede()
        .arg("rebuild")
        .arg(&inbox)
        .arg("--out")
        .arg(&out)
        .args(["--settle", "0", "--quiet"])
        .args(flags)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ledger_schema_version(&out).as_deref(), Some(SCHEMA_VERSION));
    assert!(snapshot_files(&out)
        .iter()
        .all(|f| file_version(f).as_deref() == Some(SCHEMA_VERSION)));
    assert!(strings(&out, "events", "actor1_code")
        .iter()
        .any(Option::is_some));
    run(&inbox, &out);
}

#[test]
fn a_folder_of_schema_version_1_is_refused_naming_the_rebuild_command_with_its_flags() {
    older_folder_is_refused_until_rebuilt("1", make_version_1, &["--tokens"]);
}

#[test]
fn a_folder_of_schema_version_2_is_refused_naming_the_rebuild_command() {
    older_folder_is_refused_until_rebuilt("2", make_version_2, &[]);
}

#[test]
fn the_actor_code_columns_fill_on_the_sample() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    run(Path::new(SEEDS), &out);
    let rows = sorted_rows(
        &out,
        "events",
        &[
            "actor1_code",
            "actor1_country",
            "actor1_type",
            "actor2_code",
            "actor2_country",
            "actor2_type",
        ],
    );
    assert!(!rows.is_empty());
    let filled = |i: usize| rows.iter().filter(|r| r[i].is_some()).count();
    assert!(
        filled(0) * 5 >= rows.len(),
        "actor1_code in {} of {} events",
        filled(0),
        rows.len()
    );
    assert!(filled(3) > 0 && filled(1) > 0 && filled(2) > 0 && filled(4) > 0 && filled(5) > 0);
    // the talks of January 2022: NATO and Russia's government (Putin, Lavrov...) are coded
    let codes: Vec<&str> = rows
        .iter()
        .flat_map(|r| [&r[0], &r[3]])
        .filter_map(|c| c.as_deref())
        .collect();
    assert!(codes.contains(&"IGOWSTNAT"), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("RUS")), "{codes:?}");
    assert!(codes.iter().any(|c| c.starts_with("USA")), "{codes:?}");
    // a code's country and type are its parts
    for r in &rows {
        if let (Some(code), Some(country)) = (&r[0], &r[1]) {
            assert!(code.starts_with(country.as_str()), "{r:?}");
        }
        if let (Some(code), Some(kind)) = (&r[0], &r[2]) {
            assert!(code.contains(kind.as_str()), "{r:?}");
        }
    }
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
