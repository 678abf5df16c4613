//! The schema version of an output folder's tables, checked when the folder is opened.
//!
//! Every commit records in the ledger, in its transaction, the version the snapshot was written
//! with ([`SCHEMA_META`]; a folder of version 1 has none). On open ([`check_schema`]):
//!
//! - the current version: nothing to do;
//! - any other: refused before anything changes, naming the `lede rebuild` (with the folder's own
//!   flags) that processes the inbox again from zero. An older folder cannot be brought up to date
//!   in place: version 3 added the `mentions` table, whose pronouns and descriptions only
//!   coreference over each article's text gives, and the events' CAMEO actor codes, so filling
//!   them would mean extracting every article again, which is what the rebuild does (with the
//!   corpus tables and the ledger kept consistent).
//!   A newer folder (written by a later lede) has tables this lede does not know.

use crate::config::{Options, PARSE_META, SCHEMA_META};
use anyhow::{bail, Result};
use export::schema::SCHEMA_VERSION;
use export::Tables;
use ingest::ledger::Ledger;

/// Refuses a committed folder whose tables were written with another schema version, before
/// anything changes (a folder with nothing committed yet takes the current one).
pub(super) fn check_schema(
    ledger: &Ledger,
    committed: Option<u64>,
    tables: Tables,
    opts: &Options,
) -> Result<()> {
    if committed.is_none() {
        return Ok(());
    }
    let version = ledger.meta(SCHEMA_META)?.unwrap_or_else(|| "1".to_string());
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    let ours: u32 = SCHEMA_VERSION.parse().expect("SCHEMA_VERSION is a number");
    let older = version.parse::<u32>().is_ok_and(|v| v < ours);
    let mut flags = String::new();
    if tables.tokens {
        flags.push_str(" --tokens");
    }
    if ledger.meta(PARSE_META)?.as_deref() == Some("0") {
        flags.push_str(" --no-parse");
    }
    let out = opts.out.display();
    let inbox = if opts.inbox.as_os_str().is_empty() {
        "INBOX".to_string()
    } else {
        opts.inbox.display().to_string()
    };
    if older {
        bail!(
            "{out} holds tables of schema version {version}, written by an older lede; this lede \
             writes version {SCHEMA_VERSION}, whose new rows and columns (the mentions table: \
             pronouns and descriptions linked to the names; the events' CAMEO actor codes: \
             actor1_code, actor1_country, actor1_type and the same for actor2) need every article \
             extracted again. Run `lede rebuild {inbox} --out {out}{flags}` to process the inbox \
             again from zero (docs/SCHEMA.md, Versions); the folder is left as it is until then"
        )
    }
    bail!(
        "{out} holds tables of schema version {version}, written by a newer lede; this lede \
         writes version {SCHEMA_VERSION}. Run the newer lede on it, or `lede rebuild INBOX --out \
         {out}{flags}` to discard the tables and process the inbox again from zero with this one"
    )
}
