//! The schema version of an output folder's tables, checked when the folder is opened.
//!
//! Every commit records in the ledger, in its transaction, the version the snapshot was written
//! with ([`SCHEMA_META`]; a folder of version 1 has none). On open ([`schema_to_upgrade`]):
//!
//! - the current version: nothing to do;
//! - an older one that a rewrite brings to the current one (a version in [`REWRITE_FROM`]):
//!   [`Engine::upgrade_schema`] rewrites the tables once, in one new snapshot, from the parts of
//!   the committed one ([`export::migrate::conform`]: version 1's unsigned integers cast to signed
//!   ones) and the corpus tables from the ledger. Nothing is extracted again, the rows keep their
//!   values (`batch_id` and `ingested_at` included), and readers go from the old snapshot to the
//!   new one in one publication like any commit's. A crash half way leaves the old snapshot
//!   current, and the next open starts again. None since version 3;
//! - an older one that needs the articles extracted again (versions 1 and 2: version 3 added the
//!   events' CAMEO actor codes, which no rewrite of the rows can fill): refused before anything
//!   changes, naming the exact `lede rebuild` command (the folder's inbox and flags);
//! - a newer one (a folder written by a later lede): refused, naming `lede rebuild`.

use super::Engine;
use crate::config::{Options, PARSE_META, SCHEMA_META};
use anyhow::{bail, Result};
use export::schema::SCHEMA_VERSION;
use export::Tables;
use ingest::ledger::{Commit, Ledger};
use std::collections::HashSet;

/// Older schema versions whose tables a rewrite brings to the current one. Empty since version 3:
/// the events' actor code columns (`actor1_code`...) need the articles extracted again.
const REWRITE_FROM: &[u32] = &[];

/// The older schema version of a committed folder's tables, to upgrade from (`None`: current, or
/// no committed version yet). A newer or unknown version is refused, before anything changes.
pub(super) fn schema_to_upgrade(
    ledger: &Ledger,
    committed: Option<u64>,
    tables: Tables,
    opts: &Options,
) -> Result<Option<String>> {
    if committed.is_none() {
        return Ok(None);
    }
    let version = ledger.meta(SCHEMA_META)?.unwrap_or_else(|| "1".to_string());
    let ours: u32 = SCHEMA_VERSION.parse().expect("SCHEMA_VERSION is a number");
    match version.parse::<u32>() {
        Ok(v) if v == ours => Ok(None),
        Ok(v) if REWRITE_FROM.contains(&v) => Ok(Some(version)),
        Ok(v) if v < ours => bail!(
            "{out} holds tables of schema version {version}; this lede writes version \
             {SCHEMA_VERSION}, whose events columns (the CAMEO actor codes: actor1_code, \
             actor1_country, actor1_type and the same for actor2) need every article extracted \
             again. Run `lede rebuild {inbox} --out {out}{flags}{parse}` to discard the tables and \
             process the inbox again from zero, or keep using the older lede on it",
            out = opts.out.display(),
            inbox = opts.inbox.display(),
            flags = if tables.tokens { " --tokens" } else { "" },
            parse = if ledger.meta(PARSE_META)?.as_deref() == Some("0") {
                " --no-parse"
            } else {
                ""
            },
        ),
        _ => bail!(
            "{out} holds tables of schema version {version}, written by a newer lede; this lede \
             writes version {SCHEMA_VERSION}. Run the newer lede on it, or `lede rebuild INBOX \
             --out {out}{flags}` to discard the tables and process the inbox again from zero with \
             this one",
            out = opts.out.display(),
            flags = if tables.tokens { " --tokens" } else { "" },
        ),
    }
}

impl Engine {
    /// Rewrites the committed snapshot's tables with the current schema, as one commit: every
    /// per-article part under its own name, its rows cast ([`export::migrate::conform`]), and the
    /// corpus tables whole from the ledger (`corpus.rebuild`). O(corpus), once per folder.
    pub(super) fn upgrade_schema(&mut self, from: &str) -> Result<()> {
        let base = self.ledger.committed_version()?;
        let version = base.map_or(1, |b| b + 1);
        let parts = self.ledger.parts()?;
        tracing::warn!(
            out = %self.opts.out.display(),
            from,
            to = SCHEMA_VERSION,
            parts = parts.len(),
            "the tables were written with an older schema version: rewriting them once with the \
             current one (signed integers, see docs/SCHEMA.md), nothing is extracted again"
        );
        // Outside the commit's transaction: a crash before it commits leaves the flag set, and the
        // next commit (this upgrade, started again) rewrites the corpus tables whole anyway.
        self.ledger.set_meta("corpus.rebuild", "1")?;
        let mut snap = self.store.begin(version, base)?;
        let keep_all = HashSet::new();
        for (stem, _) in &parts {
            for t in snap.tables().per_article() {
                let rows = snap.read_base(t, stem, &keep_all)?;
                snap.write(t, stem, &export::migrate::conform(t, &rows)?)?;
            }
        }
        let commit = Commit {
            batch_id: version,
            ..Commit::default()
        };
        self.publish(&commit, snap, version)
    }
}
