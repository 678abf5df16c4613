//! The rows `lede report` needs, read from one published snapshot of OUT through the export crate
//! (`export::store::read_parquet`, then `export::migrate::conform`, so a folder of an older schema
//! version reads the same), into plain structs: only the columns the report shows.

use anyhow::{Context, Result};
use arrow_array::cast::AsArray;
use arrow_array::types::{Date32Type, Float32Type, Int32Type, Int64Type, TimestampMicrosecondType};
use arrow_array::{Array, ArrayRef};
use chrono::{DateTime, NaiveDate, Utc};
use export::store::RecordBatch;
use export::Table;
use std::path::{Path, PathBuf};

pub struct Article {
    pub article_id: String,
    pub title: Option<String>,
    pub source_path: String,
    pub published: Option<NaiveDate>,
}

pub struct Mention {
    pub article_id: String,
    pub entity_id: String,
}

pub struct Entity {
    pub entity_id: String,
    pub canonical: String,
    pub label: String,
    pub n_mentions: i64,
    pub n_articles: i64,
}

pub struct Quote {
    pub article_id: String,
    pub text: String,
    pub kind: String,
    pub speaker_entity_id: Option<String>,
    pub speaker_canonical: Option<String>,
    pub confidence: f32,
}

pub struct Event {
    pub article_id: String,
    pub cluster_id: String,
}

pub struct Cluster {
    pub cluster_id: String,
    pub cameo_root: String,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub location: Option<String>,
    pub n_articles: i64,
}

pub struct Failure {
    pub source_path: String,
    pub stage: String,
    pub message: String,
    pub tries: i32,
    pub at: Option<DateTime<Utc>>,
}

/// Everything the report shows, from one snapshot.
pub struct Corpus {
    /// The snapshot folder the rows come from (`OUT/.lede/snap/<version>`).
    pub snapshot: PathBuf,
    pub articles: Vec<Article>,
    pub mentions: Vec<Mention>,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub events: Vec<Event>,
    pub clusters: Vec<Cluster>,
    pub failures: Vec<Failure>,
}

impl Corpus {
    /// Reads the snapshot `OUT/current` points to, resolved once: a `lede watch` publishing at the
    /// same time cannot mix two snapshots into one report.
    pub fn read(out: &Path) -> Result<Corpus> {
        let link = out.join(export::store::CURRENT);
        let snapshot = link.canonicalize().with_context(|| {
            format!(
                "{} holds no published lede tables (no {}): run `lede run INBOX --out {}` first",
                out.display(),
                link.display(),
                out.display()
            )
        })?;
        let rows = |t: Table| read_table(&snapshot, t);
        Ok(Corpus {
            articles: rows(Table::Articles)?.iter().flat_map(articles).collect(),
            mentions: rows(Table::Entities)?.iter().flat_map(mentions).collect(),
            entities: rows(Table::EntityCatalog)?
                .iter()
                .flat_map(catalog)
                .collect(),
            quotes: rows(Table::Quotes)?.iter().flat_map(quotes).collect(),
            events: rows(Table::Events)?.iter().flat_map(events).collect(),
            clusters: rows(Table::EventClusters)?
                .iter()
                .flat_map(clusters)
                .collect(),
            failures: rows(Table::Failures)?.iter().flat_map(failures).collect(),
            snapshot,
        })
    }
}

/// Every part file of one table, each conformed to the current schema.
fn read_table(snapshot: &Path, table: Table) -> Result<Vec<RecordBatch>> {
    let dir = snapshot.join(table.name());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "parquet"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|f| {
            let b = export::store::read_parquet(f)
                .with_context(|| format!("reading {}", f.display()))?;
            export::migrate::conform(table, &b).with_context(|| format!("reading {}", f.display()))
        })
        .collect()
}

fn col<'a>(b: &'a RecordBatch, name: &str) -> &'a ArrayRef {
    b.column_by_name(name)
        .unwrap_or_else(|| panic!("conform gave the current schema, with column {name}"))
}

/// A string column's values (`None` for nulls).
fn strs(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
    let a = col(b, name).as_string::<i32>();
    (0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i).to_string()))
        .collect()
}

/// A non-null string column's values (nulls read as empty).
fn text(b: &RecordBatch, name: &str) -> Vec<String> {
    strs(b, name)
        .into_iter()
        .map(Option::unwrap_or_default)
        .collect()
}

fn dates(b: &RecordBatch, name: &str) -> Vec<Option<NaiveDate>> {
    let a = col(b, name).as_primitive::<Date32Type>();
    (0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value_as_date(i)).flatten())
        .collect()
}

fn i32s(b: &RecordBatch, name: &str) -> Vec<Option<i32>> {
    let a = col(b, name).as_primitive::<Int32Type>();
    (0..a.len())
        .map(|i| a.is_valid(i).then(|| a.value(i)))
        .collect()
}

fn i64s(b: &RecordBatch, name: &str) -> Vec<i64> {
    let a = col(b, name).as_primitive::<Int64Type>();
    (0..a.len()).map(|i| a.value(i)).collect()
}

fn articles(b: &RecordBatch) -> Vec<Article> {
    let (ids, titles, paths, published) = (
        text(b, "article_id"),
        strs(b, "title"),
        text(b, "source_path"),
        dates(b, "published"),
    );
    ids.into_iter()
        .zip(titles)
        .zip(paths)
        .zip(published)
        .map(|(((article_id, title), source_path), published)| Article {
            article_id,
            title,
            source_path,
            published,
        })
        .collect()
}

fn mentions(b: &RecordBatch) -> Vec<Mention> {
    text(b, "article_id")
        .into_iter()
        .zip(text(b, "entity_id"))
        .map(|(article_id, entity_id)| Mention {
            article_id,
            entity_id,
        })
        .collect()
}

fn catalog(b: &RecordBatch) -> Vec<Entity> {
    let (ids, names, labels) = (text(b, "entity_id"), text(b, "canonical"), text(b, "label"));
    let (m, a) = (i64s(b, "n_mentions"), i64s(b, "n_articles"));
    (0..ids.len())
        .map(|i| Entity {
            entity_id: ids[i].clone(),
            canonical: names[i].clone(),
            label: labels[i].clone(),
            n_mentions: m[i],
            n_articles: a[i],
        })
        .collect()
}

fn quotes(b: &RecordBatch) -> Vec<Quote> {
    let (ids, texts, kinds) = (text(b, "article_id"), text(b, "text"), text(b, "kind"));
    let (eids, names) = (strs(b, "speaker_entity_id"), strs(b, "speaker_canonical"));
    let conf = col(b, "confidence").as_primitive::<Float32Type>();
    (0..ids.len())
        .map(|i| Quote {
            article_id: ids[i].clone(),
            text: texts[i].clone(),
            kind: kinds[i].clone(),
            speaker_entity_id: eids[i].clone(),
            speaker_canonical: names[i].clone(),
            confidence: conf.value(i),
        })
        .collect()
}

fn events(b: &RecordBatch) -> Vec<Event> {
    text(b, "article_id")
        .into_iter()
        .zip(text(b, "cluster_id"))
        .map(|(article_id, cluster_id)| Event {
            article_id,
            cluster_id,
        })
        .collect()
}

fn clusters(b: &RecordBatch) -> Vec<Cluster> {
    let (ids, roots, labels) = (
        text(b, "cluster_id"),
        text(b, "cameo_root"),
        text(b, "label"),
    );
    let (days, places, n) = (dates(b, "date"), strs(b, "location"), i64s(b, "n_articles"));
    (0..ids.len())
        .map(|i| Cluster {
            cluster_id: ids[i].clone(),
            cameo_root: roots[i].clone(),
            label: labels[i].clone(),
            date: days[i],
            location: places[i].clone(),
            n_articles: n[i],
        })
        .collect()
}

fn failures(b: &RecordBatch) -> Vec<Failure> {
    let (paths, stages, messages) = (text(b, "source_path"), text(b, "stage"), text(b, "message"));
    let tries = i32s(b, "tries");
    let at = col(b, "at").as_primitive::<TimestampMicrosecondType>();
    (0..paths.len())
        .map(|i| Failure {
            source_path: paths[i].clone(),
            stage: stages[i].clone(),
            message: messages[i].clone(),
            tries: tries[i].unwrap_or(0),
            at: at
                .is_valid(i)
                .then(|| DateTime::from_timestamp_micros(at.value(i)))
                .flatten(),
        })
        .collect()
}
