//! Discovering inbox files: a recursive scan (the truth), settle checks and reading with a re-stat.

use crate::IngestError;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a scan knows of one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileStat {
    pub size: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i64,
}

impl FileStat {
    pub fn of(meta: &fs::Metadata) -> FileStat {
        let mtime_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0);
        FileStat {
            size: meta.len(),
            mtime_ns,
        }
    }

    /// The modification time as a UTC timestamp.
    pub fn modified(&self) -> chrono::DateTime<chrono::Utc> {
        chrono::DateTime::from_timestamp_nanos(self.mtime_ns)
    }

    /// True when the file has not been modified for at least `settle`.
    pub fn is_settled(&self, settle: Duration, now: SystemTime) -> bool {
        let now_ns = now
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_nanos() as i64)
            .unwrap_or(0);
        now_ns - self.mtime_ns >= settle.as_nanos() as i64
    }
}

/// Names a producer uses while a file is still being written, or that are not articles at all.
pub fn is_ignored_name(name: &str) -> bool {
    const SUFFIXES: [&str; 7] = [
        ".tmp",
        ".part",
        ".crdownload",
        ".partial",
        ".swp",
        ".lock",
        "~",
    ];
    name.starts_with('.') || SUFFIXES.iter().any(|s| name.ends_with(s))
}

/// Every article file under `inbox`, by path relative to it (with `/` separators), sorted.
///
/// Hidden files and folders and producer temp names are skipped; symlinked folders are not followed
/// (no loops). A missing inbox is an error the caller reports and waits on.
pub fn scan(inbox: &Path) -> Result<BTreeMap<String, FileStat>, IngestError> {
    if !inbox.is_dir() {
        return Err(IngestError::InboxMissing(inbox.display().to_string()));
    }
    let mut out = BTreeMap::new();
    let mut stack: Vec<PathBuf> = vec![inbox.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            // A subfolder removed during the scan: the next scan sees the truth.
            Err(_) if dir != inbox => continue,
            Err(e) => {
                return Err(IngestError::Io {
                    path: dir.display().to_string(),
                    source: e,
                })
            }
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if is_ignored_name(&name) {
                continue;
            }
            let Ok(ft) = entry.file_type() else { continue };
            let path = entry.path();
            if ft.is_dir() {
                stack.push(path);
            } else if ft.is_file() || ft.is_symlink() {
                let Ok(meta) = fs::metadata(&path) else {
                    continue;
                };
                if !meta.is_file() {
                    continue;
                }
                let rel = path.strip_prefix(inbox).expect("under inbox");
                let rel = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, FileStat::of(&meta));
            }
        }
    }
    Ok(out)
}

/// The result of reading one file.
pub enum ReadOutcome {
    /// Read whole and unchanged while reading.
    Stable { bytes: Vec<u8>, stat: FileStat },
    /// Changed (or vanished) while being read: back to pending.
    Unstable,
    /// Larger than the limit: a failure, not read.
    TooLarge { size: u64 },
}

/// Reads `path`, checking that size and mtime did not change while reading.
pub fn read_stable(
    path: &Path,
    expected: FileStat,
    max_bytes: u64,
) -> Result<ReadOutcome, IngestError> {
    if expected.size > max_bytes {
        return Ok(ReadOutcome::TooLarge {
            size: expected.size,
        });
    }
    let bytes = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReadOutcome::Unstable),
        Err(e) => {
            return Err(IngestError::Io {
                path: path.display().to_string(),
                source: e,
            })
        }
    };
    let after = match fs::metadata(path) {
        Ok(m) => FileStat::of(&m),
        Err(_) => return Ok(ReadOutcome::Unstable),
    };
    if after != expected || bytes.len() as u64 != after.size {
        return Ok(ReadOutcome::Unstable);
    }
    Ok(ReadOutcome::Stable { bytes, stat: after })
}

/// blake3 of `bytes`, hex.
pub fn content_hash(bytes: &[u8]) -> String {
    blake3::hash(bytes).to_hex().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scan_skips_temp_and_hidden_files_and_recurses() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        fs::create_dir_all(p.join("sub/deeper")).unwrap();
        fs::create_dir_all(p.join(".hidden")).unwrap();
        for f in [
            "a.txt",
            "sub/b.html",
            "sub/deeper/c.json",
            "x.part",
            "y.tmp",
            ".z.txt",
            "w~",
            ".hidden/h.txt",
        ] {
            fs::write(p.join(f), "x").unwrap();
        }
        let found: Vec<String> = scan(p).unwrap().into_keys().collect();
        assert_eq!(found, vec!["a.txt", "sub/b.html", "sub/deeper/c.json"]);
    }

    #[test]
    fn missing_inbox_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            scan(&dir.path().join("nope")),
            Err(IngestError::InboxMissing(_))
        ));
    }

    #[test]
    fn read_detects_a_file_changed_since_its_stat() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "hello").unwrap();
        let stat = FileStat::of(&fs::metadata(&f).unwrap());
        fs::write(&f, "hello, world").unwrap();
        assert!(matches!(
            read_stable(&f, stat, 1 << 20).unwrap(),
            ReadOutcome::Unstable
        ));
        let stat = FileStat::of(&fs::metadata(&f).unwrap());
        assert!(matches!(
            read_stable(&f, stat, 1 << 20).unwrap(),
            ReadOutcome::Stable { .. }
        ));
        assert!(matches!(
            read_stable(&f, stat, 4).unwrap(),
            ReadOutcome::TooLarge { size: 12 }
        ));
    }
}
