//! The ledger's SQL schema (tables, indexes and the triggers that keep the `parts` index and the
//! corpus row counts), its format version ([`LEDGER_FORMAT`]) and the in-place migration of a
//! format-1 ledger ([`migrate_from_1`]).

use super::corpus::{apply_deltas, entity_deltas, entity_row, event_deltas, event_row, Deltas};
use super::{db, EntityAgg, EventAgg};
use super::{failure_key, Corpus};
use crate::IngestError;
use rusqlite::Connection;

/// On-disk format of the ledger; a different one is refused with a clear message.
/// Format 2 (issue 14, item 12) adds the delta-maintained corpus aggregates (`entity_counts`,
/// `cluster_counts`, `corpus_rows`, `surnames`), the `parts` index and `failures.hkey`; a format-1
/// ledger is migrated in place when opened ([`migrate_from_1`]).
pub const LEDGER_FORMAT: &str = "2";

pub(super) const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
    content_hash TEXT NOT NULL, status TEXT NOT NULL, tries INTEGER NOT NULL, updated_at TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS files_by_hash ON files(content_hash);
CREATE TABLE IF NOT EXISTS file_articles (
    content_hash TEXT NOT NULL, article_id TEXT NOT NULL, PRIMARY KEY (content_hash, article_id));
CREATE TABLE IF NOT EXISTS articles (
    article_id TEXT PRIMARY KEY, part TEXT NOT NULL, source_path TEXT NOT NULL,
    content_hash TEXT NOT NULL, batch_id INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS articles_by_part ON articles(part);
CREATE TABLE IF NOT EXISTS failures (
    source_path TEXT NOT NULL, content_hash TEXT NOT NULL, stage TEXT NOT NULL,
    message TEXT NOT NULL, tries INTEGER NOT NULL, at TEXT NOT NULL, hkey TEXT NOT NULL DEFAULT '');
CREATE INDEX IF NOT EXISTS failures_by_path ON failures(source_path);
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id TEXT NOT NULL, entity_id TEXT NOT NULL, canonical TEXT NOT NULL, label TEXT NOT NULL,
    alias TEXT NOT NULL, n INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS entity_mentions_by_article ON entity_mentions(article_id);
CREATE TABLE IF NOT EXISTS event_mentions (
    article_id TEXT NOT NULL, cluster_id TEXT NOT NULL, cameo_root TEXT NOT NULL, label TEXT NOT NULL,
    date TEXT, location TEXT, actors TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS event_mentions_by_article ON event_mentions(article_id);
CREATE TABLE IF NOT EXISTS batches (
    batch_id INTEGER PRIMARY KEY, committed_at TEXT NOT NULL, n_files INTEGER NOT NULL,
    n_added INTEGER NOT NULL, n_removed INTEGER NOT NULL, n_failed INTEGER NOT NULL, millis INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS file_articles_by_article ON file_articles(article_id);
CREATE TABLE IF NOT EXISTS parts (part TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS parts_add AFTER INSERT ON articles BEGIN
    INSERT OR IGNORE INTO parts(part, n) VALUES (NEW.part, 0);
    UPDATE parts SET n = n + 1 WHERE part = NEW.part;
END;
CREATE TRIGGER IF NOT EXISTS parts_del AFTER DELETE ON articles BEGIN
    UPDATE parts SET n = n - 1 WHERE part = OLD.part;
    DELETE FROM parts WHERE part = OLD.part AND n <= 0;
END;
CREATE TRIGGER IF NOT EXISTS parts_move AFTER UPDATE OF part ON articles WHEN OLD.part <> NEW.part BEGIN
    UPDATE parts SET n = n - 1 WHERE part = OLD.part;
    DELETE FROM parts WHERE part = OLD.part AND n <= 0;
    INSERT OR IGNORE INTO parts(part, n) VALUES (NEW.part, 0);
    UPDATE parts SET n = n + 1 WHERE part = NEW.part;
END;
CREATE TABLE IF NOT EXISTS entity_counts (
    entity_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (entity_id, facet, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS cluster_counts (
    cluster_id TEXT NOT NULL, facet TEXT NOT NULL, value TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (cluster_id, facet, value)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS corpus_rows (tbl TEXT PRIMARY KEY, n INTEGER NOT NULL);
INSERT OR IGNORE INTO corpus_rows(tbl, n) VALUES ('entity_catalog', 0), ('event_clusters', 0), ('failures', 0);
CREATE TRIGGER IF NOT EXISTS entity_rows_add AFTER INSERT ON entity_counts WHEN NEW.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'entity_catalog';
END;
CREATE TRIGGER IF NOT EXISTS entity_rows_del AFTER DELETE ON entity_counts WHEN OLD.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'entity_catalog';
END;
CREATE TRIGGER IF NOT EXISTS cluster_rows_add AFTER INSERT ON cluster_counts WHEN NEW.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'event_clusters';
END;
CREATE TRIGGER IF NOT EXISTS cluster_rows_del AFTER DELETE ON cluster_counts WHEN OLD.facet = 'mentions' BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'event_clusters';
END;
CREATE TRIGGER IF NOT EXISTS failure_rows_add AFTER INSERT ON failures BEGIN
    UPDATE corpus_rows SET n = n + 1 WHERE tbl = 'failures';
END;
CREATE TRIGGER IF NOT EXISTS failure_rows_del AFTER DELETE ON failures BEGIN
    UPDATE corpus_rows SET n = n - 1 WHERE tbl = 'failures';
END;
CREATE TABLE IF NOT EXISTS surnames (
    entity_id TEXT PRIMARY KEY, skey TEXT NOT NULL, full INTEGER NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS surnames_by_key ON surnames(skey, full);
";

/// Created after [`migrate_from_1`] (the column it indexes is added there for an old ledger).
pub(super) const SCHEMA_AFTER_MIGRATION: &str = "
CREATE INDEX IF NOT EXISTS failures_by_hkey ON failures(hkey);
";

/// Format 1 -> 2: fills the `parts` index, the corpus counts (from `entity_mentions` and
/// `event_mentions`, with the same delta functions a batch uses) and `failures.hkey`, and asks the
/// next commit to rewrite the corpus tables whole (`corpus.rebuild`). O(corpus), once.
pub(super) fn migrate_from_1(conn: &Connection) -> Result<(), IngestError> {
    tracing::info!("migrating the ledger from format 1 to 2 (incremental corpus tables)");
    db(conn.execute_batch("BEGIN IMMEDIATE"))?;
    let result = (|| {
        let cols: Vec<String> = {
            let mut st = db(conn.prepare("SELECT name FROM pragma_table_info('failures')"))?;
            let rows = db(st.query_map([], |r| r.get(0)))?;
            db(rows.collect())?
        };
        if !cols.iter().any(|c| c == "hkey") {
            db(conn.execute_batch("ALTER TABLE failures ADD COLUMN hkey TEXT NOT NULL DEFAULT ''"))?;
        }
        let paths: Vec<String> = {
            let mut st = db(conn.prepare("SELECT DISTINCT source_path FROM failures"))?;
            let rows = db(st.query_map([], |r| r.get(0)))?;
            db(rows.collect())?
        };
        for p in paths {
            db(conn.execute(
                "UPDATE failures SET hkey = ?2 WHERE source_path = ?1",
                [&p, &failure_key(&p)],
            ))?;
        }
        db(conn.execute_batch(
            "DELETE FROM parts; INSERT INTO parts(part, n) SELECT part, COUNT(*) FROM articles GROUP BY part;
             DELETE FROM entity_counts; DELETE FROM cluster_counts; DELETE FROM surnames;",
        ))?;
        let (mut ent_d, mut ev_d) = (Deltas::new(), Deltas::new());
        entity_deltas(&read_entities(conn)?, 1, &mut ent_d);
        event_deltas(&read_events(conn)?, 1, &mut ev_d);
        apply_deltas(conn, Corpus::Entities, &ent_d)?;
        apply_deltas(conn, Corpus::Clusters, &ev_d)?;
        db(conn.execute_batch(
            "UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM entity_counts WHERE facet = 'mentions') WHERE tbl = 'entity_catalog';
             UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM cluster_counts WHERE facet = 'mentions') WHERE tbl = 'event_clusters';
             UPDATE corpus_rows SET n = (SELECT COUNT(*) FROM failures) WHERE tbl = 'failures';
             INSERT OR REPLACE INTO meta(key, value) VALUES ('corpus.rebuild', '1');
             UPDATE meta SET value = '2' WHERE key = 'format';",
        ))?;
        Ok(())
    })();
    match result {
        Ok(()) => db(conn.execute_batch("COMMIT")),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn read_entities(conn: &Connection) -> Result<Vec<EntityAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, entity_id, canonical, label, alias, n FROM entity_mentions ORDER BY entity_id, article_id, alias",
    ))?;
    let rows = db(st.query_map([], entity_row))?;
    db(rows.collect())
}

fn read_events(conn: &Connection) -> Result<Vec<EventAgg>, IngestError> {
    let mut st = db(conn.prepare(
        "SELECT article_id, cluster_id, cameo_root, label, date, location, actors FROM event_mentions ORDER BY cluster_id, article_id",
    ))?;
    let rows = db(st.query_map([], event_row))?;
    db(rows.collect())
}
