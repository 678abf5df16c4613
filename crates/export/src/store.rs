//! The Parquet folder: immutable snapshots published by atomic symlink swap.
//!
//! Layout of `OUT`:
//!
//! ```text
//! OUT/current                      -> .lede/snap/<version>           (the committed snapshot)
//! OUT/<table>                      -> .lede/snap/<version>/<table>   (a convenience link per table)
//! OUT/.lede/snap/<version>/<table>/<part>.parquet                    (complete, fsynced snapshots)
//! OUT/.lede/snap/<version>/.published                                (its mtime: when it was published)
//! OUT/.lede/snap/<version>.tmp/...                                   (a snapshot being built)
//! ```
//!
//! A [`SnapshotBuilder`] makes version `v` from version `v-1`: parts kept unchanged are hard links
//! (no copy), new and rewritten parts are written and fsynced, and the folder is renamed from
//! `<v>.tmp` to `<v>` once complete. The ledger's commit of `v` is the commit point; [`Store::publish`]
//! then swaps the links (rename over the old link, atomic).
//!
//! Read paths. A snapshot folder never changes once renamed into place, and a part name is never
//! reused for other rows, so a reader that resolves `OUT/current` once (`realpath`, or
//! `lede path --out OUT`) and then lists and opens `<that>/<table>/*.parquet` reads exactly one
//! committed snapshot, consistent across tables. A snapshot is deleted ([`Store::gc`]) only once it has
//! been superseded for the retention time ([`Store::set_keep`], `--keep-snapshots`), so such a reader
//! has that long to finish. A reader that globs through the moving `OUT/<table>` link resolves it twice
//! (list, then open): when a commit drops a part in between, the open fails (DuckDB) or the part is
//! skipped (pyarrow). No layout avoids that through one path resolved twice: the listed names of
//! snapshot `v` would have to be openable through the link now at `v+1`, where a fresh reader would
//! then see them too.

use crate::schema::{Table, Tables, SCHEMA_VERSION, SCHEMA_VERSION_KEY};
use crate::ExportError;
pub use arrow_array::RecordBatch;
use arrow_array::{Array, BooleanArray, RecordBatchReader, StringArray};
use arrow_select::concat::concat_batches;
use arrow_select::filter::filter_record_batch;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use parquet::arrow::ArrowWriter;
use parquet::basic::{Compression, ZstdLevel};
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use std::collections::{HashMap, HashSet};
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

/// How long a superseded snapshot is kept for readers still on it, unless [`Store::set_keep`] says.
pub const DEFAULT_KEEP: Duration = Duration::from_secs(300);

/// The link to the committed snapshot, beside the table links.
pub const CURRENT: &str = "current";

/// In a snapshot folder, the file whose mtime says when the snapshot was published.
const PUBLISHED: &str = ".published";

/// The output folder.
pub struct Store {
    out: PathBuf,
    snap: PathBuf,
    keep: Duration,
    tables: Tables,
}

fn io(path: &Path, e: std::io::Error) -> ExportError {
    ExportError::Io {
        path: path.display().to_string(),
        source: e,
    }
}

/// fsync a directory so that renames and new entries in it are durable.
pub fn sync_dir(dir: &Path) -> Result<(), ExportError> {
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(|e| io(dir, e))
}

fn version_name(v: u64) -> String {
    format!("{v:010}")
}

impl Store {
    /// Opens (creating if needed) the output folder `out`.
    pub fn open(out: &Path) -> Result<Store, ExportError> {
        let snap = out.join(".lede").join("snap");
        fs::create_dir_all(&snap).map_err(|e| io(&snap, e))?;
        Ok(Store {
            out: out.to_path_buf(),
            snap,
            keep: DEFAULT_KEEP,
            tables: Tables::default(),
        })
    }

    /// The tables of this folder (the opt-in ones it was created with): what a snapshot holds and
    /// [`Store::publish`] links. Set before [`Store::recover`], which publishes.
    pub fn set_tables(&mut self, tables: Tables) {
        self.tables = tables;
    }

    pub fn tables(&self) -> Tables {
        self.tables
    }

    /// Keeps a superseded snapshot for `keep` after it stopped being the current one.
    pub fn set_keep(&mut self, keep: Duration) {
        self.keep = keep;
    }

    /// Whether the folder holds published tables: a table link, or a snapshot built on a committed
    /// one (any version above 1, the empty start). A missing ledger beside them must not wipe them.
    pub fn holds_published(&self) -> Result<bool, ExportError> {
        let is_link = |name: &str| {
            fs::symlink_metadata(self.out.join(name)).is_ok_and(|m| m.file_type().is_symlink())
        };
        if is_link(CURRENT) || Table::ALL.iter().any(|t| is_link(t.name())) {
            return Ok(true);
        }
        for entry in fs::read_dir(&self.snap).map_err(|e| io(&self.snap, e))? {
            let entry = entry.map_err(|e| io(&self.snap, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            if name
                .trim_end_matches(".tmp")
                .parse::<u64>()
                .is_ok_and(|v| v > 1)
            {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// `lede rebuild`: removes the links and every snapshot (the ledger is the caller's).
    pub fn discard_all(&self) -> Result<(), ExportError> {
        for name in Table::ALL.iter().map(|t| t.name()).chain([CURRENT]) {
            let link = self.out.join(name);
            if fs::symlink_metadata(&link).is_ok_and(|m| m.file_type().is_symlink()) {
                fs::remove_file(&link).map_err(|e| io(&link, e))?;
            }
        }
        sync_dir(&self.out)?;
        for entry in fs::read_dir(&self.snap).map_err(|e| io(&self.snap, e))? {
            let entry = entry.map_err(|e| io(&self.snap, e))?;
            fs::remove_dir_all(entry.path()).map_err(|e| io(&entry.path(), e))?;
        }
        sync_dir(&self.snap)
    }

    /// The folder of the published snapshot (`OUT/current` resolved): a stable read path.
    pub fn current_dir(&self) -> Result<PathBuf, ExportError> {
        let link = self.out.join(CURRENT);
        link.canonicalize().map_err(|e| io(&link, e))
    }

    pub fn snapshot_dir(&self, version: u64) -> PathBuf {
        self.snap.join(version_name(version))
    }

    /// Starts snapshot `version` on top of `base` (the last committed version, if any).
    pub fn begin(&self, version: u64, base: Option<u64>) -> Result<SnapshotBuilder, ExportError> {
        let dir = self.snap.join(format!("{}.tmp", version_name(version)));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| io(&dir, e))?;
        }
        // `version` is the committed one + 1: a folder of that name is left by a commit that failed
        // after its rename (a full disk). It was never published.
        let final_dir = self.snapshot_dir(version);
        if final_dir.exists() {
            fs::remove_dir_all(&final_dir).map_err(|e| io(&final_dir, e))?;
        }
        for t in self.tables.all() {
            let d = dir.join(t.name());
            fs::create_dir_all(&d).map_err(|e| io(&d, e))?;
        }
        Ok(SnapshotBuilder {
            dir,
            final_dir: self.snapshot_dir(version),
            base: base.map(|b| self.snapshot_dir(b)),
            version,
            tables: self.tables,
            written: HashSet::new(),
        })
    }

    /// Points `OUT/current` and every `OUT/<table>` at snapshot `version` (atomic per link), fsyncs
    /// `OUT`, then marks the snapshot published now (once: a second publish keeps the first time).
    pub fn publish(&self, version: u64) -> Result<(), ExportError> {
        let target_dir = self.snapshot_dir(version);
        if !target_dir.is_dir() {
            return Err(ExportError::Corrupt(format!(
                "snapshot {} is missing",
                target_dir.display()
            )));
        }
        let snapshot = Path::new(".lede").join("snap").join(version_name(version));
        let links = std::iter::once((CURRENT, snapshot.clone())).chain(
            self.tables
                .all()
                .map(|t| (t.name(), snapshot.join(t.name()))),
        );
        for (name, target) in links {
            let link = self.out.join(name);
            if fs::read_link(&link).ok().as_deref() == Some(target.as_path()) {
                continue;
            }
            if link.exists()
                && fs::symlink_metadata(&link)
                    .map(|m| !m.file_type().is_symlink())
                    .unwrap_or(false)
            {
                return Err(ExportError::Corrupt(format!(
                    "{} is a real folder, not lede's link: move it away",
                    link.display()
                )));
            }
            let tmp = self.out.join(format!(".{name}.link.tmp"));
            let _ = fs::remove_file(&tmp);
            std::os::unix::fs::symlink(&target, &tmp).map_err(|e| io(&tmp, e))?;
            fs::rename(&tmp, &link).map_err(|e| io(&link, e))?;
        }
        sync_dir(&self.out)?;
        // After the swap: the mark may only be late (which keeps the previous snapshot longer).
        let mark = target_dir.join(PUBLISHED);
        if !mark.exists() {
            File::create(&mark).map_err(|e| io(&mark, e))?;
        }
        Ok(())
    }

    /// Crash recovery: removes snapshots newer than the committed one and half-built ones, then
    /// publishes the committed one (roll forward of a commit whose links were not yet swapped).
    pub fn recover(&self, committed: Option<u64>) -> Result<Vec<String>, ExportError> {
        let mut removed = Vec::new();
        for entry in fs::read_dir(&self.snap).map_err(|e| io(&self.snap, e))? {
            let entry = entry.map_err(|e| io(&self.snap, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            let keep = match name.parse::<u64>() {
                Ok(v) => committed.is_some_and(|c| v <= c),
                Err(_) => false, // `.tmp` or junk
            };
            if !keep {
                fs::remove_dir_all(entry.path()).map_err(|e| io(&entry.path(), e))?;
                removed.push(name);
            }
        }
        for entry in fs::read_dir(&self.out)
            .map_err(|e| io(&self.out, e))?
            .flatten()
        {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') && name.ends_with(".link.tmp") {
                let _ = fs::remove_file(entry.path());
            }
        }
        if let Some(v) = committed {
            self.publish(v)?;
        }
        Ok(removed)
    }

    /// Removes the snapshots older than `current` that were superseded more than the retention time
    /// ago: those with a newer snapshot (up to `current`) published that long ago. A snapshot
    /// superseded since is kept, however many commits followed, for the readers that resolved it.
    pub fn gc(&self, current: u64) -> Result<(), ExportError> {
        let now = SystemTime::now();
        let mut versions: Vec<(u64, PathBuf)> = fs::read_dir(&self.snap)
            .map_err(|e| io(&self.snap, e))?
            .flatten()
            .filter_map(|e| {
                let v = e.file_name().to_string_lossy().parse::<u64>().ok()?;
                Some((v, e.path()))
            })
            .filter(|(v, _)| *v <= current)
            .collect();
        versions.sort();
        // Going down from `current`: once a snapshot was published `keep` ago, every older one has
        // been superseded at least that long.
        let mut superseded_long_ago = false;
        for (_, path) in versions.iter().rev() {
            if superseded_long_ago {
                fs::remove_dir_all(path).map_err(|e| io(path, e))?;
                continue;
            }
            let published = fs::metadata(path.join(PUBLISHED))
                .and_then(|m| m.modified())
                .ok();
            superseded_long_ago =
                published.is_some_and(|t| now.duration_since(t).is_ok_and(|age| age >= self.keep));
        }
        Ok(())
    }
}

/// Builds one snapshot; nothing is visible until the ledger commits and the store publishes.
pub struct SnapshotBuilder {
    dir: PathBuf,
    final_dir: PathBuf,
    base: Option<PathBuf>,
    version: u64,
    tables: Tables,
    written: HashSet<(Table, String)>,
}

fn part_file(dir: &Path, table: Table, stem: &str) -> PathBuf {
    dir.join(table.name()).join(format!("{stem}.parquet"))
}

impl SnapshotBuilder {
    pub fn version(&self) -> u64 {
        self.version
    }

    /// The tables this snapshot holds (those of its folder).
    pub fn tables(&self) -> Tables {
        self.tables
    }

    /// Keeps the base snapshot's part `stem` of every per-article table (hard links, no copy).
    pub fn keep(&mut self, stem: &str) -> Result<(), ExportError> {
        let base = self
            .base
            .as_ref()
            .ok_or_else(|| ExportError::Corrupt(format!("no base snapshot to keep {stem}")))?;
        for t in self.tables.per_article() {
            let from = part_file(base, t, stem);
            let to = part_file(&self.dir, t, stem);
            if fs::hard_link(&from, &to).is_err() {
                fs::copy(&from, &to).map_err(|e| io(&from, e))?;
            }
            self.written.insert((t, stem.to_string()));
        }
        Ok(())
    }

    /// Reads the rows of base part `stem` of `table`, without the rows of articles in `drop`.
    pub fn read_base(
        &self,
        table: Table,
        stem: &str,
        drop: &HashSet<String>,
    ) -> Result<RecordBatch, ExportError> {
        let base = self
            .base
            .as_ref()
            .ok_or_else(|| ExportError::Corrupt(format!("no base snapshot to read {stem}")))?;
        let rows = read_parquet(&part_file(base, table, stem))?;
        if drop.is_empty() {
            return Ok(rows);
        }
        let ids = rows
            .column_by_name("article_id")
            .and_then(|c| c.as_any().downcast_ref::<StringArray>())
            .ok_or_else(|| {
                ExportError::Corrupt(format!("{} has no article_id column", table.name()))
            })?;
        let keep: BooleanArray = (0..ids.len())
            .map(|i| Some(!drop.contains(ids.value(i))))
            .collect();
        Ok(filter_record_batch(&rows, &keep)?)
    }

    /// Corpus tables: hard-links the base snapshot's files of `table` whose stem `keep` accepts
    /// (the buckets this batch does not rewrite). O(files of the table), no row is read.
    pub fn keep_corpus(
        &mut self,
        table: Table,
        keep: impl Fn(&str) -> bool,
    ) -> Result<usize, ExportError> {
        let Some(base) = self.base.as_ref() else {
            return Ok(0);
        };
        let dir = base.join(table.name());
        let Ok(entries) = fs::read_dir(&dir) else {
            return Ok(0);
        };
        let mut kept = 0;
        for entry in entries {
            let entry = entry.map_err(|e| io(&dir, e))?;
            let name = entry.file_name().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".parquet") else {
                continue;
            };
            if name.starts_with('.') || !keep(stem) {
                continue;
            }
            let to = part_file(&self.dir, table, stem);
            if fs::hard_link(entry.path(), &to).is_err() {
                fs::copy(entry.path(), &to).map_err(|e| io(&to, e))?;
            }
            self.written.insert((table, stem.to_string()));
            kept += 1;
        }
        Ok(kept)
    }

    /// The rows of the base snapshot's part `stem` of `table`, if it has that part.
    pub fn read_base_opt(
        &self,
        table: Table,
        stem: &str,
    ) -> Result<Option<RecordBatch>, ExportError> {
        let Some(base) = self.base.as_ref() else {
            return Ok(None);
        };
        let path = part_file(base, table, stem);
        if !path.exists() {
            return Ok(None);
        }
        read_parquet(&path).map(Some)
    }

    /// Writes one table's part `stem` into the snapshot (temp name, fsync, rename).
    pub fn write(
        &mut self,
        table: Table,
        stem: &str,
        batch: &RecordBatch,
    ) -> Result<(), ExportError> {
        let path = part_file(&self.dir, table, stem);
        write_parquet(&path, batch)?;
        self.written.insert((table, stem.to_string()));
        Ok(())
    }

    /// Makes the snapshot durable and complete: fsync every folder, rename `<v>.tmp` to `<v>`.
    pub fn finish(self) -> Result<(), ExportError> {
        for t in self.tables.all() {
            if !self.written.iter().any(|(wt, _)| *wt == t) {
                // An empty table still has one (empty) file, so globs always match.
                let empty = RecordBatch::new_empty(t.schema());
                write_parquet(
                    &part_file(
                        &self.dir,
                        t,
                        &format!("p{}-empty", version_name(self.version)),
                    ),
                    &empty,
                )?;
            }
            sync_dir(&self.dir.join(t.name()))?;
        }
        sync_dir(&self.dir)?;
        fs::rename(&self.dir, &self.final_dir).map_err(|e| io(&self.final_dir, e))?;
        sync_dir(
            self.final_dir
                .parent()
                .expect("snapshot folder has a parent"),
        )
    }
}

/// Writes `batch` to `path` atomically: a hidden temp file beside it, fsynced, then renamed.
pub fn write_parquet(path: &Path, batch: &RecordBatch) -> Result<(), ExportError> {
    let dir = path.parent().expect("part path has a folder");
    let tmp = dir.join(format!(
        ".{}.tmp",
        path.file_name().expect("file name").to_string_lossy()
    ));
    let props = WriterProperties::builder()
        .set_compression(Compression::ZSTD(
            ZstdLevel::try_new(3).expect("valid zstd level"),
        ))
        .set_key_value_metadata(Some(vec![KeyValue::new(
            SCHEMA_VERSION_KEY.to_string(),
            SCHEMA_VERSION.to_string(),
        )]))
        .build();
    let mut file = File::create(&tmp).map_err(|e| io(&tmp, e))?;
    {
        let mut w = ArrowWriter::try_new(&mut file, batch.schema(), Some(props))?;
        w.write(batch)?;
        w.close()?;
    }
    file.sync_all().map_err(|e| io(&tmp, e))?;
    fs::rename(&tmp, path).map_err(|e| io(path, e))
}

/// Reads a whole Parquet file into one batch (with the table's schema).
pub fn read_parquet(path: &Path) -> Result<RecordBatch, ExportError> {
    let file = File::open(path).map_err(|e| io(path, e))?;
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)?.build()?;
    let schema = reader.schema();
    let batches: Vec<RecordBatch> = reader.collect::<Result<_, _>>()?;
    Ok(concat_batches(&schema, &batches)?)
}

/// Concatenates batches of one table.
pub fn concat(table: Table, batches: &[RecordBatch]) -> Result<RecordBatch, ExportError> {
    Ok(concat_batches(&table.schema(), batches)?)
}

/// The rows of a batch with `source_path` replaced for the articles in `moved` (article id -> new
/// path): a file renamed inside the inbox keeps its rows, only its path changes. Tables without a
/// `source_path` column are returned as they are.
pub fn with_source_paths(
    rows: &RecordBatch,
    moved: &HashMap<String, String>,
) -> Result<RecordBatch, ExportError> {
    let schema = rows.schema();
    let (Ok(path_col), Some(ids)) = (
        schema.index_of("source_path"),
        rows.column_by_name("article_id")
            .and_then(|c| c.as_any().downcast_ref::<StringArray>()),
    ) else {
        return Ok(rows.clone());
    };
    let paths = rows
        .column(path_col)
        .as_any()
        .downcast_ref::<StringArray>()
        .ok_or_else(|| ExportError::Corrupt("source_path is not a string column".into()))?;
    let renamed: StringArray = (0..rows.num_rows())
        .map(|i| {
            Some(
                moved
                    .get(ids.value(i))
                    .map_or(paths.value(i), String::as_str),
            )
        })
        .collect();
    let mut columns = rows.columns().to_vec();
    columns[path_col] = Arc::new(renamed);
    Ok(RecordBatch::try_new(schema, columns)?)
}

/// A corpus-table bucket after a batch: the rows of `base` whose `key_col` is not in `replaced`,
/// plus `fresh` (the recomputed rows of the touched keys), sorted by `key_col`.
pub fn patch_sorted(
    table: Table,
    base: Option<&RecordBatch>,
    key_col: &str,
    replaced: &HashSet<String>,
    fresh: &RecordBatch,
) -> Result<RecordBatch, ExportError> {
    let mut parts = Vec::new();
    if let Some(base) = base {
        let keys = base
            .column_by_name(key_col)
            .and_then(|c| c.as_any().downcast_ref::<StringArray>())
            .ok_or_else(|| {
                ExportError::Corrupt(format!("{} has no {key_col} column", table.name()))
            })?;
        let keep: BooleanArray = (0..keys.len())
            .map(|i| Some(!replaced.contains(keys.value(i))))
            .collect();
        parts.push(filter_record_batch(base, &keep)?);
    }
    parts.push(fresh.clone());
    let all = concat(table, &parts)?;
    let key = all
        .column_by_name(key_col)
        .ok_or_else(|| ExportError::Corrupt(format!("{} has no {key_col}", table.name())))?;
    let order = arrow_ord::sort::sort_to_indices(key, None, None)?;
    Ok(arrow_select::take::take_record_batch(&all, &order)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn commit(store: &Store, v: u64) {
        let base = (v > 1).then(|| v - 1);
        store.begin(v, base).unwrap().finish().unwrap();
        store.publish(v).unwrap();
    }

    fn versions(store: &Store) -> Vec<u64> {
        let mut v: Vec<u64> = fs::read_dir(&store.snap)
            .unwrap()
            .filter_map(|e| e.unwrap().file_name().to_string_lossy().parse().ok())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn superseded_snapshots_are_kept_for_the_retention_time_however_many_commits_follow() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        store.set_keep(Duration::from_secs(3600));
        for v in 1..=6 {
            commit(&store, v);
            store.gc(v).unwrap();
        }
        assert_eq!(versions(&store), [1, 2, 3, 4, 5, 6], "a storm of commits");
        // Snapshot 3 was published two hours ago: 1 and 2 were superseded at least that long ago.
        let mark = store.snapshot_dir(3).join(PUBLISHED);
        File::options()
            .write(true)
            .open(&mark)
            .unwrap()
            .set_modified(SystemTime::now() - Duration::from_secs(7200))
            .unwrap();
        store.gc(6).unwrap();
        assert_eq!(versions(&store), [3, 4, 5, 6]);
        store.set_keep(Duration::ZERO);
        store.gc(6).unwrap();
        assert_eq!(versions(&store), [6]);
        assert_eq!(
            store.current_dir().unwrap(),
            store.snapshot_dir(6).canonicalize().unwrap()
        );
    }

    #[test]
    fn a_folder_left_by_a_failed_commit_does_not_block_the_next_try() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        commit(&store, 1);
        // Version 2 renamed into place, then the ledger commit failed (a full disk).
        store.begin(2, Some(1)).unwrap().finish().unwrap();
        store.begin(2, Some(1)).unwrap().finish().unwrap();
        store.publish(2).unwrap();
        // Recovery removes it when the ledger says 1.
        store.begin(3, Some(2)).unwrap().finish().unwrap();
        assert_eq!(store.recover(Some(2)).unwrap(), ["0000000003"]);
    }

    #[test]
    fn a_snapshot_holds_and_links_the_opt_in_tables_of_its_folder_only() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        commit(&store, 1);
        assert!(!store.snapshot_dir(1).join("tokens").exists());
        assert!(fs::symlink_metadata(dir.path().join("tokens")).is_err());
        assert!(dir.path().join("timexes").is_dir());
        store.set_tables(Tables { tokens: true });
        commit(&store, 2);
        let tokens = store.snapshot_dir(2).join("tokens");
        assert_eq!(fs::read_dir(&tokens).unwrap().count(), 1, "one empty part");
        assert_eq!(
            fs::read_link(dir.path().join("tokens")).unwrap(),
            Path::new(".lede/snap/0000000002/tokens")
        );
        // Kept parts are hard-linked for the folder's per-article tables, tokens included.
        let mut b = store.begin(3, Some(2)).unwrap();
        b.keep("p0000000002-empty").unwrap();
        b.finish().unwrap();
        assert!(store
            .snapshot_dir(3)
            .join("tokens/p0000000002-empty.parquet")
            .exists());
        // `lede rebuild` removes every link, the opt-in ones included.
        store.discard_all().unwrap();
        assert!(fs::symlink_metadata(dir.path().join("tokens")).is_err());
    }

    #[test]
    fn published_tables_are_recognised() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        assert!(!store.holds_published().unwrap());
        // The first commit of a fresh folder, crashed before the ledger committed it.
        store.begin(1, None).unwrap().finish().unwrap();
        assert!(!store.holds_published().unwrap());
        store.publish(1).unwrap();
        assert!(store.holds_published().unwrap());
        store.discard_all().unwrap();
        assert!(!store.holds_published().unwrap());
        assert!(versions(&store).is_empty());
        fs::create_dir_all(store.snap.join("0000000002.tmp")).unwrap();
        assert!(store.holds_published().unwrap());
    }
}
