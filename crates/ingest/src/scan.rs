//! Discovering inbox files: a recursive scan (the truth), settle checks and reading with a re-stat.
//!
//! [`scan`] walks the inbox and returns a [`Scan`]: the article files by relative path, and every
//! path it found but cannot process ([`Scan::problems`]: an unreadable folder, a name that is not
//! UTF-8, a dangling or looping link, a link leading outside the inbox, a FIFO, socket or device),
//! each with its reason, so that the caller makes it a failure row instead of dropping it.
//! [`read_stable`] opens only regular files (non-blocking open, type checked on the open handle, so a
//! FIFO swapped in after the scan cannot block), confined to the inbox unless links may lead out.

use crate::IngestError;
use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::io::Read;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{FileTypeExt, MetadataExt, OpenOptionsExt};
use std::path::{Component, Path, PathBuf};
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

/// How links in the inbox are treated.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScanOptions {
    /// Follow links to files and folders outside the inbox (`--follow-links`). By default a link is
    /// followed only when its target is inside the inbox.
    pub follow_links: bool,
}

/// What a scan found: the article files, and the paths it cannot process with the reason.
#[derive(Clone, Debug, Default)]
pub struct Scan {
    /// Article files by path relative to the inbox (`/` separators), with their stat.
    pub files: BTreeMap<String, FileStat>,
    /// Paths that cannot be processed, with the stat of the entry itself (so a change is seen) and
    /// why. A name that is not UTF-8 is written with `\xNN` escapes for its invalid bytes.
    pub problems: BTreeMap<String, (FileStat, String)>,
}

impl Scan {
    /// Every path the scan saw, processable or not, with its stat.
    pub fn all(&self) -> impl Iterator<Item = (&String, &FileStat)> {
        self.files
            .iter()
            .chain(self.problems.iter().map(|(p, (s, _))| (p, s)))
    }

    /// Whether the scan saw `path` (as a file or a problem).
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path) || self.problems.contains_key(path)
    }
}

/// A path component as text: UTF-8 as is; otherwise each invalid byte as `\xNN` (and `None` for
/// "this name is not UTF-8").
fn component_text(name: &std::ffi::OsStr) -> (String, bool) {
    match name.to_str() {
        Some(s) => (s.to_string(), true),
        None => {
            let mut out = String::new();
            for chunk in name.as_bytes().utf8_chunks() {
                out.push_str(chunk.valid());
                for b in chunk.invalid() {
                    out.push_str(&format!("\\x{b:02X}"));
                }
            }
            (out, false)
        }
    }
}

/// The key of `path` under `inbox`, and whether every component is UTF-8.
fn relative_key(inbox: &Path, path: &Path) -> (String, bool) {
    let rel = path.strip_prefix(inbox).unwrap_or(path);
    let mut utf8 = true;
    let parts: Vec<String> = rel
        .components()
        .map(|c| {
            let (s, ok) = component_text(c.as_os_str());
            utf8 &= ok;
            s
        })
        .collect();
    (parts.join("/"), utf8)
}

/// The kind of a non-regular, non-folder entry, for messages.
fn special_kind(ft: &fs::FileType) -> &'static str {
    if ft.is_fifo() {
        "a FIFO (named pipe)"
    } else if ft.is_socket() {
        "a socket"
    } else if ft.is_block_device() {
        "a block device"
    } else if ft.is_char_device() {
        "a character device"
    } else {
        "not a regular file"
    }
}

/// Why following a link failed, in words.
fn link_error(e: &std::io::Error) -> String {
    match e.raw_os_error() {
        Some(2) => "a link whose target does not exist (dangling link)".into(),
        Some(40) => "a link that loops (too many levels of links)".into(),
        _ => format!("a link that cannot be followed: {e}"),
    }
}

/// The stat of an entry itself (not what a link points to); zero when it cannot be read.
fn lstat(path: &Path) -> FileStat {
    fs::symlink_metadata(path)
        .map(|m| FileStat::of(&m))
        .unwrap_or(FileStat {
            size: 0,
            mtime_ns: 0,
        })
}

/// What one directory entry is to the scan.
enum Entry {
    /// A folder to walk.
    Walk,
    /// Nothing to do (a link to a folder inside the inbox: its files are found at their own path).
    Skip,
    File(FileStat),
    Problem(String),
}

/// Classifies one entry of type `ft` at `path` (`utf8`: its name is valid UTF-8).
fn classify(path: &Path, ft: &fs::FileType, utf8: bool, root: &Path, opts: ScanOptions) -> Entry {
    if ft.is_dir() {
        return Entry::Walk;
    }
    if !utf8 {
        return Entry::Problem("the file name is not valid UTF-8: rename the file".into());
    }
    if !ft.is_symlink() {
        return match fs::metadata(path) {
            Ok(meta) if ft.is_file() => Entry::File(FileStat::of(&meta)),
            Ok(_) => Entry::Problem(format!("{}, not an article file", special_kind(ft))),
            Err(e) => Entry::Problem(format!("cannot read the file's metadata: {e}")),
        };
    }
    // A link: where does it lead?
    let target = match fs::canonicalize(path) {
        Ok(t) => t,
        Err(e) => return Entry::Problem(link_error(&e)),
    };
    let inside = target.starts_with(root);
    let Ok(meta) = fs::metadata(&target) else {
        return Entry::Problem("a link whose target cannot be read".into());
    };
    if meta.is_dir() {
        return if opts.follow_links {
            Entry::Walk
        } else if inside {
            Entry::Skip
        } else {
            Entry::Problem(
                "a link to a folder outside the inbox: not followed (--follow-links allows it)"
                    .into(),
            )
        };
    }
    if !opts.follow_links && !inside {
        Entry::Problem(
            "a link to a file outside the inbox: not followed (--follow-links allows it)".into(),
        )
    } else if meta.is_file() {
        Entry::File(FileStat::of(&meta))
    } else {
        Entry::Problem(format!(
            "a link to {}, not an article file",
            special_kind(&meta.file_type())
        ))
    }
}

/// Every article file under `inbox`, and every path that cannot be processed (see [`Scan`]).
///
/// Hidden files and folders and producer temp names are skipped. Links are followed only inside the
/// inbox unless `opts.follow_links`; a link to a folder inside the inbox is not walked again (its
/// files are found at their own path); folders are visited once each (no loops). A missing inbox is
/// an error the caller reports and waits on.
pub fn scan(inbox: &Path, opts: ScanOptions) -> Result<Scan, IngestError> {
    if !inbox.is_dir() {
        return Err(IngestError::InboxMissing(inbox.display().to_string()));
    }
    let root = inbox.canonicalize().map_err(|e| IngestError::Io {
        path: inbox.display().to_string(),
        source: e,
    })?;
    let mut out = Scan::default();
    let mut visited: HashSet<(u64, u64)> = HashSet::new();
    let mut stack: Vec<PathBuf> = vec![inbox.to_path_buf()];
    while let Some(dir) = stack.pop() {
        if let Ok(m) = fs::metadata(&dir) {
            if !visited.insert((m.dev(), m.ino())) {
                continue;
            }
        }
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if dir != inbox => {
                // Removed during the scan: the next scan sees the truth. Anything else (permission)
                // is a path lede cannot process.
                if e.kind() != std::io::ErrorKind::NotFound {
                    let (key, _) = relative_key(inbox, &dir);
                    out.problems
                        .insert(key, (lstat(&dir), format!("cannot read the folder: {e}")));
                }
                continue;
            }
            Err(e) => {
                return Err(IngestError::Io {
                    path: dir.display().to_string(),
                    source: e,
                })
            }
        };
        for entry in entries.flatten() {
            let (name, _) = component_text(&entry.file_name());
            if is_ignored_name(&name) {
                continue;
            }
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            let (key, utf8) = relative_key(inbox, &path);
            match classify(&path, &ft, utf8, &root, opts) {
                Entry::Walk => stack.push(path),
                Entry::Skip => {}
                Entry::File(stat) => {
                    out.files.insert(key, stat);
                }
                Entry::Problem(reason) => {
                    out.problems.insert(key, (lstat(&path), reason));
                }
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
    /// Not something lede reads (not a regular file, a link leading outside the inbox, a size
    /// that disagrees with what was read): a failure, with the reason.
    Refused { reason: String },
}

/// Reads `inbox/rel`, checking that size and mtime did not change while reading.
///
/// The file is opened non-blocking (a FIFO or device swapped in after the scan cannot block the
/// open) and its type is checked on the open handle: only regular files are read, at most
/// `max_bytes + 1` bytes. Unless `opts.follow_links`, a path that resolves outside the inbox is
/// refused.
pub fn read_stable(
    inbox: &Path,
    rel: &str,
    expected: FileStat,
    max_bytes: u64,
    opts: ScanOptions,
) -> Result<ReadOutcome, IngestError> {
    let path = inbox.join(rel);
    let io = |e: std::io::Error| IngestError::Io {
        path: path.display().to_string(),
        source: e,
    };
    if expected.size > max_bytes {
        return Ok(ReadOutcome::TooLarge {
            size: expected.size,
        });
    }
    if Path::new(rel)
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return Ok(ReadOutcome::Refused {
            reason: "not a plain path inside the inbox".into(),
        });
    }
    let real = match fs::canonicalize(&path) {
        Ok(r) => r,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReadOutcome::Unstable),
        Err(e) => return Err(io(e)),
    };
    if !opts.follow_links {
        let root = inbox.canonicalize().map_err(io)?;
        if !real.starts_with(&root) {
            return Ok(ReadOutcome::Refused {
                reason:
                    "a link to a file outside the inbox: not followed (--follow-links allows it)"
                        .into(),
            });
        }
    }
    let file = match fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(&real)
    {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ReadOutcome::Unstable),
        Err(e) => return Err(io(e)),
    };
    let meta = file.metadata().map_err(io)?;
    if !meta.is_file() {
        return Ok(ReadOutcome::Refused {
            reason: format!("{}, not an article file", special_kind(&meta.file_type())),
        });
    }
    if FileStat::of(&meta) != expected {
        return Ok(ReadOutcome::Unstable);
    }
    let mut bytes = Vec::with_capacity(expected.size.min(max_bytes) as usize);
    file.take(max_bytes + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > max_bytes {
        return Ok(ReadOutcome::TooLarge {
            size: bytes.len() as u64,
        });
    }
    let after = match fs::metadata(&real) {
        Ok(m) => FileStat::of(&m),
        Err(_) => return Ok(ReadOutcome::Unstable),
    };
    if after != expected {
        return Ok(ReadOutcome::Unstable);
    }
    if bytes.len() as u64 != after.size {
        // Unchanged stat, yet another length: a file whose size is not its content (/proc, sysfs).
        return Ok(ReadOutcome::Refused {
            reason: format!(
                "the file's size ({} bytes) is not what reading it gives ({} bytes): a special file?",
                after.size,
                bytes.len()
            ),
        });
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
        let found: Vec<String> = scan(p, ScanOptions::default())
            .unwrap()
            .files
            .into_keys()
            .collect();
        assert_eq!(found, vec!["a.txt", "sub/b.html", "sub/deeper/c.json"]);
    }

    #[test]
    fn missing_inbox_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            scan(&dir.path().join("nope"), ScanOptions::default()),
            Err(IngestError::InboxMissing(_))
        ));
    }

    #[test]
    fn read_detects_a_file_changed_since_its_stat() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        let read = |stat, max| read_stable(dir.path(), "a.txt", stat, max, ScanOptions::default());
        fs::write(&f, "hello").unwrap();
        let stat = FileStat::of(&fs::metadata(&f).unwrap());
        std::thread::sleep(Duration::from_millis(5));
        fs::write(&f, "hello, world").unwrap();
        assert!(matches!(
            read(stat, 1 << 20).unwrap(),
            ReadOutcome::Unstable
        ));
        let stat = FileStat::of(&fs::metadata(&f).unwrap());
        assert!(matches!(
            read(stat, 1 << 20).unwrap(),
            ReadOutcome::Stable { .. }
        ));
        assert!(matches!(
            read(stat, 4).unwrap(),
            ReadOutcome::TooLarge { size: 12 }
        ));
    }

    fn mkfifo(path: &Path) {
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
    }

    /// Issue 14, finding 7: a FIFO swapped in for a file after the scan hung lede in `open`.
    #[test]
    fn a_fifo_swapped_in_after_the_scan_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.txt");
        fs::write(&f, "hello").unwrap();
        let stat = FileStat::of(&fs::metadata(&f).unwrap());
        fs::remove_file(&f).unwrap();
        mkfifo(&f);
        let inbox = dir.path().to_path_buf();
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let r = read_stable(&inbox, "a.txt", stat, 1 << 20, ScanOptions::default());
            let _ = tx.send(r.map(|o| match o {
                ReadOutcome::Refused { reason } => reason,
                _ => "read as something else".into(),
            }));
        });
        // No timing is measured: an open that blocks never answers, and the test fails after 20 s.
        let reason = rx
            .recv_timeout(Duration::from_secs(20))
            .expect("read_stable blocked on a FIFO")
            .unwrap();
        assert!(reason.contains("FIFO"), "{reason}");
    }

    fn problems(inbox: &Path, opts: ScanOptions) -> BTreeMap<String, String> {
        scan(inbox, opts)
            .unwrap()
            .problems
            .into_iter()
            .map(|(p, (_, r))| (p, r))
            .collect()
    }

    /// Issue 14, findings 5 and 8: links leading out, dangling and looping links, FIFOs and
    /// names that are not UTF-8 are each a problem with a reason, never silently skipped or read.
    #[test]
    fn what_cannot_be_processed_is_a_problem_with_its_reason() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        fs::create_dir_all(inbox.join("sub")).unwrap();
        let secret = dir.path().join("secret.txt");
        fs::write(&secret, "root:x:0:0").unwrap();
        fs::write(inbox.join("a.txt"), "article").unwrap();
        symlink(&secret, inbox.join("passwd.txt")).unwrap();
        symlink(inbox.join("a.txt"), inbox.join("inside.txt")).unwrap();
        symlink(inbox.join("gone.txt"), inbox.join("dangling.txt")).unwrap();
        symlink(inbox.join("loop2.txt"), inbox.join("loop1.txt")).unwrap();
        symlink(inbox.join("loop1.txt"), inbox.join("loop2.txt")).unwrap();
        symlink(dir.path(), inbox.join("sub/up")).unwrap();
        mkfifo(&inbox.join("pipe.txt"));
        let bad = |b: &[u8]| {
            inbox.join(std::ffi::OsStr::from_bytes(
                &[b"caf".as_slice(), b, b".txt"].concat(),
            ))
        };
        fs::write(bad(b"\xE9"), "one").unwrap();
        fs::write(bad(b"\xC3"), "two").unwrap();

        let found = scan(&inbox, ScanOptions::default()).unwrap();
        let files: Vec<&String> = found.files.keys().collect();
        assert_eq!(files, ["a.txt", "inside.txt"]);
        let p = problems(&inbox, ScanOptions::default());
        let keys: Vec<&str> = p.keys().map(|k| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "caf\\xC3.txt",
                "caf\\xE9.txt",
                "dangling.txt",
                "loop1.txt",
                "loop2.txt",
                "passwd.txt",
                "pipe.txt",
                "sub/up"
            ]
        );
        assert!(p["passwd.txt"].contains("outside the inbox"));
        assert!(p["dangling.txt"].contains("does not exist"));
        assert!(p["loop1.txt"].contains("loops"));
        assert!(p["pipe.txt"].contains("FIFO"));
        assert!(p["caf\\xE9.txt"].contains("not valid UTF-8"));
        assert!(p["sub/up"].contains("folder outside the inbox"));

        // Reading the link that leads out is refused even when asked for directly.
        let stat = FileStat::of(&fs::metadata(inbox.join("passwd.txt")).unwrap());
        let r = read_stable(&inbox, "passwd.txt", stat, 1 << 20, ScanOptions::default());
        assert!(matches!(r.unwrap(), ReadOutcome::Refused { .. }));

        // --follow-links: the outside file is an article file; the folder link is walked once.
        let follow = ScanOptions { follow_links: true };
        let found = scan(&inbox, follow).unwrap();
        assert!(found.files.contains_key("passwd.txt"));
        assert!(found.files.contains_key("sub/up/secret.txt"));
        let r = read_stable(&inbox, "passwd.txt", stat, 1 << 20, follow);
        assert!(matches!(r.unwrap(), ReadOutcome::Stable { .. }));
    }

    /// Issue 14, finding 8: an unreadable folder is a problem, not a silent skip (root reads it).
    #[test]
    fn an_unreadable_folder_is_a_problem() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let locked = dir.path().join("locked");
        fs::create_dir_all(&locked).unwrap();
        fs::write(locked.join("a.txt"), "x").unwrap();
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        if fs::read_dir(&locked).is_ok() {
            eprintln!("skipped: this user reads folders without permission (root)");
            return;
        }
        let p = problems(dir.path(), ScanOptions::default());
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
        assert!(p["locked"].contains("cannot read the folder"), "{p:?}");
    }
}
