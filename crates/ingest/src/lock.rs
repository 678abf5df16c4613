//! One writer per output folder: an exclusive advisory lock on `OUT/.lede/lock`, held for the life
//! of the process (released by the kernel even on SIGKILL).

use crate::IngestError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

/// Holds the lock until dropped.
pub struct OutLock {
    _file: File,
}

impl OutLock {
    /// Takes the lock at `path`, or fails with [`IngestError::Locked`] naming the holder's pid.
    pub fn acquire(path: &Path) -> Result<OutLock, IngestError> {
        let io = |e| IngestError::Io {
            path: path.display().to_string(),
            source: e,
        };
        let mut file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(path)
            .map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let out = path.parent().and_then(|p| p.parent()).unwrap_or(path);
                return Err(IngestError::Locked(
                    out.display().to_string(),
                    pid.trim().to_string(),
                ));
            }
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        file.set_len(0).map_err(io)?;
        file.seek(SeekFrom::Start(0)).map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(OutLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_on_the_same_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join(".lede")).unwrap();
        let p = dir.path().join(".lede/lock");
        let first = OutLock::acquire(&p).unwrap();
        assert!(matches!(
            OutLock::acquire(&p),
            Err(IngestError::Locked(_, _))
        ));
        drop(first);
        assert!(OutLock::acquire(&p).is_ok());
    }
}
