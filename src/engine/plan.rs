//! Planning a batch: how much of a ready backlog one batch takes ([`backlog_batch`]: renames kept
//! together, at most `--max-batch` files and [`MAX_BATCH_BYTES`]), and what the batch involves in
//! the ledger ([`Scope`]): looked up by key, never the whole corpus.

use super::process::Processed;
use anyhow::Result;
use ingest::ledger::{ArticleEntry, FileRecord, Ledger};
use ingest::scan::FileStat;
use model::WorkItem;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

/// Bytes of input per batch (at least one file). A batch's memory and each column of its part
/// files grow with its input (every stage's output is bounded by a small multiple of its article),
/// so this bounds both, and keeps every string column far below Arrow's 2 GiB offset limit (a
/// batch of 500 files of 16 MiB would overflow it).
pub(super) const MAX_BATCH_BYTES: u64 = 128 << 20;

/// How many files of `ready`, in order, one batch takes: at most `max_files`, whose sizes add up to
/// at most `max_bytes`, and at least one.
fn batch_len(ready: &[(String, FileStat)], max_files: usize, max_bytes: u64) -> usize {
    let mut total = 0u64;
    ready
        .iter()
        .take(max_files)
        .position(|(_, s)| {
            total = total.saturating_add(s.size);
            total > max_bytes
        })
        .unwrap_or(ready.len().min(max_files))
        .max(1)
        .min(ready.len())
}

/// What one batch involves, looked up in the ledger by key (never the whole corpus): the paths it
/// changes, the articles of their old and new contents, those articles' index entries and where
/// each of them lives after the batch.
pub(super) struct Scope {
    /// Live index entries of the involved articles.
    pub(super) existing: HashMap<String, ArticleEntry>,
    /// Which live file owns each involved article after the batch (path, content hash): the
    /// current owner if it still holds the content, else the first path in order that does.
    /// An involved article without an owner has no file any more.
    pub(super) owner: BTreeMap<String, (String, String)>,
}

impl Scope {
    pub(super) fn of(
        ledger: &Ledger,
        known: &HashMap<String, FileRecord>,
        deleted: &[String],
        copies: &HashMap<String, (WorkItem, FileStat)>,
        processed: &[Processed],
    ) -> Result<Scope> {
        // Paths whose content the batch changes: None deleted, else the new content hash.
        let mut changed: BTreeMap<&str, Option<&str>> = BTreeMap::new();
        for p in deleted {
            changed.insert(p.as_str(), None);
        }
        for (p, (item, _)) in copies {
            changed.insert(p.as_str(), Some(item.content_hash.as_str()));
        }
        for p in processed {
            changed.insert(p.path.as_str(), Some(p.hash.as_str()));
        }
        let after = |p: &str| -> Option<&str> {
            match changed.get(p) {
                Some(h) => *h,
                None => known.get(p).map(|k| k.content_hash.as_str()),
            }
        };
        // The contents involved: what the changed paths held, and what copies hold now (processed
        // contents are new: their articles come from the extraction).
        let mut hashes: BTreeSet<&str> = changed
            .keys()
            .filter_map(|p| known.get(*p))
            .map(|k| k.content_hash.as_str())
            .filter(|h| !h.is_empty())
            .collect();
        hashes.extend(copies.values().map(|(i, _)| i.content_hash.as_str()));
        let mut involved: BTreeSet<String> = ledger
            .articles_of_hashes(hashes)?
            .into_values()
            .flatten()
            .collect();
        let mut new_holders: HashMap<&str, Vec<&str>> = HashMap::new();
        for p in processed {
            for (a, _) in &p.articles {
                involved.insert(a.article_id.clone());
                new_holders
                    .entry(a.article_id.as_str())
                    .or_default()
                    .push(p.hash.as_str());
            }
        }
        let mut new_paths: HashMap<&str, Vec<&str>> = HashMap::new();
        for (p, h) in &changed {
            if let Some(h) = h {
                new_paths.entry(*h).or_default().push(*p);
            }
        }
        let existing = ledger.article_entries(involved.iter().map(String::as_str))?;
        let mut recorded: HashMap<String, Vec<String>> = HashMap::new();
        let mut owner = BTreeMap::new();
        for a in &involved {
            let mut contents = ledger.hashes_of_article(a)?;
            contents.extend(
                new_holders
                    .get(a.as_str())
                    .into_iter()
                    .flatten()
                    .map(|h| h.to_string()),
            );
            for h in &contents {
                if !recorded.contains_key(h) {
                    recorded.insert(h.clone(), ledger.paths_with_hash(h)?);
                }
            }
            let mut holders: BTreeSet<&str> = BTreeSet::new();
            for h in &contents {
                let paths = recorded[h].iter().map(String::as_str);
                for p in paths.chain(new_paths.get(h.as_str()).into_iter().flatten().copied()) {
                    if after(p) == Some(h.as_str()) {
                        holders.insert(p);
                    }
                }
            }
            let current = existing.get(a).filter(|e| {
                holders.contains(e.source_path.as_str())
                    && after(&e.source_path) == Some(e.content_hash.as_str())
            });
            let chosen = match current {
                Some(e) => Some((e.source_path.clone(), e.content_hash.clone())),
                None => holders
                    .first()
                    .and_then(|p| Some((p.to_string(), after(p)?.to_string()))),
            };
            if let Some(o) = chosen {
                owner.insert(a.clone(), o);
            }
        }
        Ok(Scope { existing, owner })
    }

    /// Articles whose rows go (`remove`) and articles that need rows written (`need`: new, or
    /// moved to another owner; a moved one is in both until it is relocated instead).
    pub(super) fn changes(&self) -> (BTreeSet<String>, BTreeSet<String>) {
        let mut remove = BTreeSet::new();
        let mut need = BTreeSet::new();
        for (a, e) in &self.existing {
            match self.owner.get(a) {
                None => {
                    remove.insert(a.clone());
                }
                Some((p, h)) if *p != e.source_path || *h != e.content_hash => {
                    remove.insert(a.clone());
                    need.insert(a.clone());
                }
                Some(_) => {}
            }
        }
        for a in self.owner.keys() {
            if !self.existing.contains_key(a) {
                need.insert(a.clone());
            }
        }
        (remove, need)
    }
}

/// The part of a backlog one batch takes: at most `max_batch` ready files of at most `max_bytes` in
/// all (see [`batch_len`]), and the deleted paths
/// that can go now. A rename is a deletion plus a ready file with the same bytes; both must be in
/// the same batch, or the deletion removes the articles and a later batch extracts them again
/// (issue 14, item 9). A renamed file keeps its size (and usually its mtime), so ready files of the
/// size of a deleted file go first, and a deletion waits while a ready file of its size is left for
/// a later batch. Every batch takes ready files, so the deferred deletions go at the latest with the
/// last batch of the backlog.
pub(super) fn backlog_batch(
    known: &HashMap<String, FileRecord>,
    deleted: Vec<String>,
    mut ready: Vec<(String, FileStat)>,
    max_batch: usize,
    max_bytes: u64,
) -> (Vec<String>, Vec<(String, FileStat)>) {
    if batch_len(&ready, max_batch, max_bytes) == ready.len() {
        return (deleted, ready);
    }
    let sizes: HashSet<u64> = deleted
        .iter()
        .filter_map(|p| known.get(p))
        .map(|k| k.stat.size)
        .collect();
    // Stable: rename candidates first, each group in path order.
    ready.sort_by_key(|(_, s)| !sizes.contains(&s.size));
    let cut = batch_len(&ready, max_batch, max_bytes);
    let left: HashSet<u64> = ready[cut..].iter().map(|(_, s)| s.size).collect();
    ready.truncate(cut);
    let deleted = deleted
        .into_iter()
        .filter(|p| known.get(p).is_none_or(|k| !left.contains(&k.stat.size)))
        .collect();
    (deleted, ready)
}

/// Whether two paths are read as the same format (the extension decides it, with the bytes).
pub(super) fn same_format(a: &str, b: &str) -> bool {
    let ext = |p: &str| {
        std::path::Path::new(p)
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
    };
    ext(a) == ext(b)
}
