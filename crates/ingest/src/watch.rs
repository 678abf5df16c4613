//! Filesystem notifications as hints. A notification only says "scan soon"; the scan decides what
//! changed. Errors and overflows of the notification queue also mean "scan now", and when the inbox
//! cannot be watched (absent, or a filesystem inotify does not see) the daemon polls.

use crate::IngestError;
use notify::{RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError};
use std::time::Duration;

/// Watches the inbox recursively and turns events into wake-ups.
pub struct InboxWatcher {
    _watcher: RecommendedWatcher,
    rx: Receiver<()>,
    path: PathBuf,
}

impl InboxWatcher {
    pub fn new(inbox: &Path) -> Result<InboxWatcher, IngestError> {
        let (tx, rx) = channel();
        let mut watcher =
            notify::recommended_watcher(move |_res: notify::Result<notify::Event>| {
                // Any event or error (including a queue overflow) is a reason to scan.
                let _ = tx.send(());
            })
            .map_err(|e| IngestError::Watch {
                path: inbox.display().to_string(),
                reason: e.to_string(),
            })?;
        watcher
            .watch(inbox, RecursiveMode::Recursive)
            .map_err(|e| IngestError::Watch {
                path: inbox.display().to_string(),
                reason: e.to_string(),
            })?;
        Ok(InboxWatcher {
            _watcher: watcher,
            rx,
            path: inbox.to_path_buf(),
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Waits up to `timeout` for a hint; true if something happened. Drains queued hints.
    pub fn wait(&self, timeout: Duration) -> bool {
        let got = match self.rx.recv_timeout(timeout) {
            Ok(()) => true,
            Err(RecvTimeoutError::Timeout) => false,
            Err(RecvTimeoutError::Disconnected) => true,
        };
        while self.rx.try_recv().is_ok() {}
        got
    }
}
