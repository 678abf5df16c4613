//! Extraction over Arrow tables of texts: the path of the Python package (`crates/python`), which
//! takes rows from pyarrow, polars, DuckDB, Spark or Ray instead of files from an inbox.
//!
//! A row is one item, as a file is for `lede run`: its `text` column holds the bytes `lede run`
//! would read from the file (plain text, HTML, JSON, JSON Lines: cleaning detects which), its `id`
//! column the path (`source_path`; its extension breaks format ties as a file name's does). Each
//! row goes through [`crate::engine::process::process_item`] and the rows are built by
//! [`export::build::per_article_batches`], the functions `lede run` uses: a row with the bytes and
//! path of a file gives the rows `lede run` writes for that file, but `ingested_at` and `batch_id`
//! (this call's time, batch 0). The `title` and `published` columns, when given and not null,
//! replace what cleaning found (`published_from` is then `metadata`).

use crate::engine::process::{load_pipeline, process_item, worker_pool, ItemOptions};
use anyhow::Result;
use arrow_array::cast::AsArray;
use arrow_array::{Array, RecordBatch};
use arrow_cast::cast;
use arrow_schema::{ArrowError, DataType};
use chrono::{NaiveDate, Utc};
use export::build::{self, ArticleRecord};
use export::{Table, Tables};
use extract::Pipeline;
use model::{CleanArticle, DateSource, Extraction, Failure, WorkItem};
use rayon::prelude::*;

/// The columns of the input that hold each field; only `text` is required.
#[derive(Clone, Debug)]
pub struct Columns {
    /// The item's bytes: a string or binary column.
    pub text: String,
    /// The item's path (`source_path`); without it, `source_path` is empty.
    pub id: Option<String>,
    /// A published date (date, timestamp or `YYYY-MM-DD` string) that replaces cleaning's.
    pub published: Option<String>,
    /// A title that replaces cleaning's.
    pub title: Option<String>,
}

impl Columns {
    /// Text in the column `text`, nothing else.
    pub fn text(name: &str) -> Self {
        Columns {
            text: name.to_string(),
            id: None,
            published: None,
            title: None,
        }
    }
}

/// One input row, read out of its batch.
#[derive(Clone, Debug, Default)]
pub struct Row {
    pub id: String,
    pub bytes: Vec<u8>,
    pub published: Option<NaiveDate>,
    pub title: Option<String>,
}

/// The column `name` of `batch` cast to `to`, or an error naming the columns there are.
fn column(
    batch: &RecordBatch,
    name: &str,
    to: &DataType,
) -> Result<arrow_array::ArrayRef, ArrowError> {
    let col = batch.column_by_name(name).ok_or_else(|| {
        let names: Vec<String> = batch
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        ArrowError::SchemaError(format!(
            "no column {name:?} in the input (it has {names:?})"
        ))
    })?;
    cast(col, to)
        .map_err(|e| ArrowError::CastError(format!("column {name:?} ({}): {e}", col.data_type())))
}

/// Strings of an optional column (`None` where the column is absent or the value null).
fn strings(batch: &RecordBatch, name: Option<&str>) -> Result<Vec<Option<String>>, ArrowError> {
    let Some(name) = name else {
        return Ok(vec![None; batch.num_rows()]);
    };
    let col = column(batch, name, &DataType::Utf8)?;
    Ok(col
        .as_string::<i32>()
        .iter()
        .map(|v| v.map(str::to_string))
        .collect())
}

/// The rows of `batch`: a null or absent value is an empty field (an empty text is a failure of
/// that row, as an empty file is).
pub fn rows(batch: &RecordBatch, cols: &Columns) -> Result<Vec<Row>, ArrowError> {
    let text = batch
        .column_by_name(&cols.text)
        .map(|c| c.data_type().clone());
    let binary = matches!(
        text,
        Some(DataType::Binary | DataType::LargeBinary | DataType::BinaryView)
    );
    let bytes: Vec<Vec<u8>> = if binary {
        let col = column(batch, &cols.text, &DataType::Binary)?;
        let col = col.as_binary::<i32>();
        col.iter().map(|v| v.unwrap_or_default().to_vec()).collect()
    } else {
        let col = column(batch, &cols.text, &DataType::Utf8)?;
        let col = col.as_string::<i32>();
        col.iter()
            .map(|v| v.unwrap_or_default().as_bytes().to_vec())
            .collect()
    };
    let ids = strings(batch, cols.id.as_deref())?;
    let titles = strings(batch, cols.title.as_deref())?;
    let published: Vec<Option<NaiveDate>> = match &cols.published {
        None => vec![None; batch.num_rows()],
        Some(name) => {
            let col = column(batch, name, &DataType::Date32)?;
            let col = col.as_primitive::<arrow_array::types::Date32Type>();
            (0..col.len())
                .map(|i| col.is_valid(i).then(|| col.value_as_date(i)).flatten())
                .collect()
        }
    };
    Ok(bytes
        .into_iter()
        .zip(ids)
        .zip(titles)
        .zip(published)
        .map(|(((bytes, id), title), published)| Row {
            id: id.unwrap_or_default(),
            bytes,
            published,
            title,
        })
        .collect())
}

/// The tables of one call: the per-article tables (in [`Table::PER_ARTICLE`] order) and the
/// `failures` of the rows that gave none or not all of their articles.
pub struct Output {
    pub tables: Vec<(Table, RecordBatch)>,
    pub failures: RecordBatch,
}

/// What one row gave: its articles with their extraction, and its failures.
type Processed = (Vec<(CleanArticle, Extraction)>, Vec<Failure>);

/// The models, loaded once, and the workers that run them over rows.
pub struct Extractor {
    pipeline: Pipeline,
    workers: rayon::ThreadPool,
    opts: ItemOptions,
}

impl Extractor {
    /// Loads the models as `lede run` does for an output folder with these tables (the parse
    /// included: `lede run`'s default); the time budget per row is `lede run`'s default.
    pub fn load(models: &extract::ModelSource, tables: Tables) -> Result<Self> {
        Ok(Extractor {
            pipeline: load_pipeline(models, true)?,
            workers: worker_pool()?,
            opts: ItemOptions {
                article_timeout: std::time::Duration::from_secs_f64(
                    crate::config::DEFAULT_ARTICLE_TIMEOUT_SECS,
                ),
                clean: clean::CleanOptions::default(),
                tables,
            },
        })
    }

    /// The per-article tables this extractor writes.
    pub fn tables(&self) -> Tables {
        self.opts.tables
    }

    /// Cleans and extracts the rows in parallel (one worker per core), in order.
    pub fn extract(&self, rows: Vec<Row>) -> Result<Output, ArrowError> {
        let done: Vec<Processed> = self
            .workers
            .install(|| rows.into_par_iter().map(|row| self.one(row)).collect());
        let mut articles = Vec::new();
        let mut failures = Vec::new();
        for (a, f) in done {
            articles.extend(a);
            failures.extend(f);
        }
        let records: Vec<ArticleRecord> = articles
            .iter()
            .map(|(article, extraction)| ArticleRecord {
                article,
                extraction,
            })
            .collect();
        Ok(Output {
            tables: build::per_article_batches(&records, 0, Utc::now(), self.opts.tables)?,
            failures: build::failures(&failures)?,
        })
    }

    fn one(&self, row: Row) -> Processed {
        let item = WorkItem {
            content_hash: ingest::scan::content_hash(&row.bytes),
            source_path: row.id,
            bytes: row.bytes,
            modified: None,
        };
        let (title, published) = (row.title, row.published);
        let edit = move |a: &mut CleanArticle| {
            if let Some(t) = &title {
                a.title = Some(t.clone());
            }
            if let Some(d) = published {
                a.published = Some(d);
                a.published_from = Some(DateSource::Metadata);
            }
        };
        process_item(&self.pipeline, &self.opts, &item, &edit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{ArrayRef, Date32Array, LargeStringArray, StringArray};
    use std::sync::Arc;

    fn batch(cols: Vec<(&str, ArrayRef)>) -> RecordBatch {
        RecordBatch::try_from_iter(cols).unwrap()
    }

    #[test]
    fn rows_read_every_string_type_and_nulls_as_empty() {
        let b = batch(vec![
            (
                "body",
                Arc::new(LargeStringArray::from(vec![Some("One."), None])) as ArrayRef,
            ),
            (
                "path",
                Arc::new(StringArray::from(vec![None, Some("b.txt")])),
            ),
            (
                "day",
                Arc::new(StringArray::from(vec![Some("2024-03-01"), None])),
            ),
        ]);
        let cols = Columns {
            id: Some("path".into()),
            published: Some("day".into()),
            ..Columns::text("body")
        };
        let r = rows(&b, &cols).unwrap();
        assert_eq!(r[0].bytes, b"One.");
        assert_eq!(r[0].id, "");
        assert_eq!(r[0].published, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!((r[1].bytes.len(), r[1].id.as_str()), (0, "b.txt"));
        assert_eq!(r[1].published, None);
    }

    #[test]
    fn a_missing_column_is_an_error_naming_the_columns() {
        let b = batch(vec![(
            "body",
            Arc::new(Date32Array::from(vec![1])) as ArrayRef,
        )]);
        let e = rows(&b, &Columns::text("text")).unwrap_err().to_string();
        assert!(e.contains("\"text\"") && e.contains("body"), "{e}");
    }

    #[test]
    fn rows_give_lede_runs_articles_and_failures() {
        let x = Extractor::load(&extract::ModelSource::Builtin, Tables::default()).unwrap();
        let path = "000_cb95377f110488cb.txt";
        let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("data/sample")
            .join(path);
        let text = std::fs::read(sample).unwrap();
        let out = x
            .extract(vec![
                Row {
                    id: path.into(),
                    bytes: text,
                    title: Some("Given".into()),
                    published: NaiveDate::from_ymd_opt(2020, 1, 2),
                },
                Row::default(),
            ])
            .unwrap();
        let names: Vec<&str> = out.tables.iter().map(|(t, _)| t.name()).collect();
        assert_eq!(
            names,
            ["articles", "entities", "mentions", "quotes", "events", "timexes"]
        );
        let articles = &out.tables[0].1;
        assert_eq!(articles.schema(), Table::Articles.schema());
        assert_eq!(articles.num_rows(), 1);
        let col = |n: &str| articles.column_by_name(n).unwrap().clone();
        assert_eq!(col("title").as_string::<i32>().value(0), "Given");
        assert_eq!(
            col("published_from").as_string::<i32>().value(0),
            "metadata"
        );
        assert_eq!(col("source_path").as_string::<i32>().value(0), path);
        assert!(out.tables[1].1.num_rows() > 0, "entities found");
        assert_eq!(out.failures.num_rows(), 1, "the empty row is a failure");
        let stage = out.failures.column_by_name("stage").unwrap().clone();
        assert_eq!(stage.as_string::<i32>().value(0), "clean");
    }
}
