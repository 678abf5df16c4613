//! [`Ledger::commit`]: one batch in one SQLite transaction, and the functions that apply a
//! [`Commit`] inside it (file states, the article index and mentions with their count deltas,
//! failure rows).

use super::corpus::{apply_deltas, entity_deltas, entity_row, event_deltas, event_row, Deltas};
use super::{db, failure_key, Commit, Corpus, Derived, EntityAgg, EventAgg, Ledger};
use crate::IngestError;
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeSet;

impl Ledger {
    /// Applies `c` in one transaction; `durable` runs inside it, after the changes and before the
    /// commit, with the corpus aggregates as they will be (and the keys the batch touched): it
    /// writes the snapshot. If it fails, nothing of the batch is committed. The work is
    /// proportional to the batch: file states, the article index and the aggregates change by delta.
    pub fn commit<E>(
        &mut self,
        c: &Commit,
        durable: impl FnOnce(&Derived) -> Result<(), E>,
    ) -> Result<Result<(), E>, IngestError> {
        let tx = db(self.conn.transaction())?;
        let now = chrono::Utc::now().to_rfc3339();
        apply_files(&tx, c, &now)?;
        let (entities, clusters) = apply_articles(&tx, c)?;
        let failures = apply_failures(&tx, c)?;
        db(tx.execute(
            "INSERT OR REPLACE INTO batches(batch_id, committed_at, n_files, n_added, n_removed, n_failed, millis)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                c.batch_id as i64,
                now,
                (c.upsert_files.len() + c.delete_files.len()) as i64,
                c.add_articles.len() as i64,
                c.remove_articles.len() as i64,
                c.set_failures.len() as i64,
                c.millis as i64
            ],
        ))?;
        db(tx.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES ('version', ?1)",
            [c.batch_id.to_string()],
        ))?;
        let result = durable(&Derived {
            conn: &tx,
            entities,
            clusters,
            failures,
        });
        match result {
            Ok(()) => {
                db(tx.commit())?;
                Ok(Ok(()))
            }
            Err(e) => {
                db(tx.rollback())?;
                Ok(Err(e))
            }
        }
    }
}

/// File states and the content -> articles map. `file_articles` entries are forgotten when no
/// file has their content any more, checked only for the contents this batch replaced or deleted.
fn apply_files(tx: &Connection, c: &Commit, now: &str) -> Result<(), IngestError> {
    let mut old_hash = db(tx.prepare("SELECT content_hash FROM files WHERE path = ?1"))?;
    let mut replaced: BTreeSet<String> = BTreeSet::new();
    for p in c
        .delete_files
        .iter()
        .chain(c.upsert_files.iter().map(|(p, _)| p))
    {
        if let Some(h) = db(old_hash
            .query_row([p], |r| r.get::<_, String>(0))
            .optional())?
        {
            replaced.insert(h);
        }
    }
    let mut del_file = db(tx.prepare("DELETE FROM files WHERE path = ?1"))?;
    for p in &c.delete_files {
        db(del_file.execute([p]))?;
    }
    let mut up_file = db(tx.prepare(
        "INSERT INTO files(path, size, mtime_ns, content_hash, status, tries, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(path) DO UPDATE SET size=?2, mtime_ns=?3, content_hash=?4, status=?5, tries=?6, updated_at=?7",
    ))?;
    for (p, f) in &c.upsert_files {
        db(up_file.execute(params![
            p,
            f.stat.size as i64,
            f.stat.mtime_ns,
            f.content_hash,
            f.status.as_str(),
            f.tries,
            now
        ]))?;
    }
    let mut fa = db(
        tx.prepare("INSERT OR IGNORE INTO file_articles(content_hash, article_id) VALUES (?1, ?2)")
    )?;
    for (h, a) in &c.file_articles {
        db(fa.execute([h, a]))?;
    }
    // Forget what no live file refers to any more.
    let mut forget = db(tx.prepare(
        "DELETE FROM file_articles WHERE content_hash = ?1
         AND NOT EXISTS (SELECT 1 FROM files WHERE content_hash = ?1)",
    ))?;
    for h in &replaced {
        db(forget.execute([h]))?;
    }
    Ok(())
}

/// The article index and the corpus aggregates (by delta); returns the entity and cluster ids
/// whose aggregate changed.
fn apply_articles(
    tx: &Connection,
    c: &Commit,
) -> Result<(BTreeSet<String>, BTreeSet<String>), IngestError> {
    let (mut ent_d, mut ev_d) = (Deltas::new(), Deltas::new());
    // What the removed articles counted, read before their rows go.
    let mut ent_st = db(tx.prepare(
        "SELECT article_id, entity_id, canonical, label, alias, n FROM entity_mentions WHERE article_id = ?1",
    ))?;
    let mut ev_st = db(tx.prepare(
        "SELECT article_id, cluster_id, cameo_root, label, date, location, actors FROM event_mentions WHERE article_id = ?1",
    ))?;
    for a in &c.remove_articles {
        let rows: Vec<EntityAgg> = db(db(ent_st.query_map([a], entity_row))?.collect())?;
        entity_deltas(&rows, -1, &mut ent_d);
        let rows: Vec<EventAgg> = db(db(ev_st.query_map([a], event_row))?.collect())?;
        event_deltas(&rows, -1, &mut ev_d);
    }
    entity_deltas(&c.entities, 1, &mut ent_d);
    event_deltas(&c.events, 1, &mut ev_d);
    for sql in [
        "DELETE FROM articles WHERE article_id = ?1",
        "DELETE FROM entity_mentions WHERE article_id = ?1",
        "DELETE FROM event_mentions WHERE article_id = ?1",
    ] {
        let mut st = db(tx.prepare(sql))?;
        for a in &c.remove_articles {
            db(st.execute([a]))?;
        }
    }
    let mut add = db(tx.prepare(
        "INSERT INTO articles(article_id, part, source_path, content_hash, batch_id) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT(article_id) DO UPDATE SET part=?2, source_path=?3, content_hash=?4, batch_id=?5",
    ))?;
    for a in &c.add_articles {
        db(add.execute(params![
            a.article_id,
            a.part,
            a.source_path,
            a.content_hash,
            a.batch_id as i64
        ]))?;
    }
    let mut mv = db(tx.prepare("UPDATE articles SET part = ?2 WHERE article_id = ?1"))?;
    for (a, p) in &c.move_articles {
        db(mv.execute([a, p]))?;
    }
    let mut relocate =
        db(tx.prepare("UPDATE articles SET source_path = ?2 WHERE article_id = ?1"))?;
    for (a, p) in &c.relocate_articles {
        db(relocate.execute([a, p]))?;
    }
    insert_mentions(tx, c)?;
    Ok((
        apply_deltas(tx, Corpus::Entities, &ent_d)?,
        apply_deltas(tx, Corpus::Clusters, &ev_d)?,
    ))
}

fn insert_mentions(tx: &Connection, c: &Commit) -> Result<(), IngestError> {
    let mut ent = db(tx.prepare(
        "INSERT INTO entity_mentions(article_id, entity_id, canonical, label, alias, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    ))?;
    for e in &c.entities {
        db(ent.execute(params![
            e.article_id,
            e.entity_id,
            e.canonical,
            e.label,
            e.alias,
            e.n
        ]))?;
    }
    let mut ev = db(tx.prepare(
        "INSERT INTO event_mentions(article_id, cluster_id, cameo_root, label, date, location, actors)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    ))?;
    for e in &c.events {
        db(ev.execute(params![
            e.article_id,
            e.cluster_id,
            e.cameo_root,
            e.label,
            e.date,
            e.location,
            e.actors.join("\u{1f}")
        ]))?;
    }
    Ok(())
}

/// Failure rows; returns the `hkey`s of the paths whose rows changed.
fn apply_failures(tx: &Connection, c: &Commit) -> Result<BTreeSet<String>, IngestError> {
    let mut touched = BTreeSet::new();
    let mut clear = db(tx.prepare("DELETE FROM failures WHERE source_path = ?1"))?;
    for p in c.clear_failures.iter().chain(&c.delete_files) {
        if db(clear.execute([p]))? > 0 {
            touched.insert(failure_key(p));
        }
    }
    let mut fail = db(tx.prepare(
        "INSERT INTO failures(source_path, content_hash, stage, message, tries, at, hkey) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    ))?;
    for f in &c.set_failures {
        let key = failure_key(&f.source_path);
        db(fail.execute(params![
            f.source_path,
            f.content_hash,
            f.stage,
            f.message,
            f.tries,
            f.at.to_rfc3339(),
            key
        ]))?;
        touched.insert(key);
    }
    Ok(touched)
}
