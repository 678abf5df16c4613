//! Building Arrow record batches of the tables from extracted articles and corpus-level rows.
//!
//! Byte spans of `model` become Unicode code point offsets here, the only place that converts them.

use crate::schema::{removed_block_fields, Table};
use arrow::array::{
    ArrayRef, BooleanArray, Date32Array, Float32Array, ListArray, StringArray, StringBuilder,
    StructArray, TimestampMicrosecondArray, UInt32Array, UInt64Array, UInt8Array,
};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{DataType, Field};
use arrow::error::ArrowError;
use arrow::record_batch::RecordBatch;
use chrono::{DateTime, NaiveDate, Utc};
use model::{CharOffsets, CleanArticle, Extraction};
use std::sync::Arc;

/// One processed article, as the batch loop hands it to export.
pub struct ArticleRecord<'a> {
    pub article: &'a CleanArticle,
    pub extraction: &'a Extraction,
}

/// A row of `entity_catalog`.
#[derive(Clone, Debug, PartialEq)]
pub struct CatalogRow {
    pub entity_id: String,
    pub canonical: String,
    pub label: String,
    pub aliases: Vec<String>,
    pub n_mentions: u32,
    pub n_articles: u32,
    /// A person named by surname only: the one full-name person of the corpus with that surname.
    pub same_as: Option<String>,
}

/// A row of `event_clusters`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClusterRow {
    pub cluster_id: String,
    pub cameo_root: String,
    pub label: String,
    pub date: Option<NaiveDate>,
    pub location: Option<String>,
    pub actors: Vec<String>,
    pub n_mentions: u32,
    pub n_articles: u32,
}

fn days(d: Option<NaiveDate>) -> Option<i32> {
    d.map(|d| (d - NaiveDate::from_ymd_opt(1970, 1, 1).expect("epoch")).num_days() as i32)
}

fn strs<'a, I: IntoIterator<Item = Option<&'a str>>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().collect::<StringArray>())
}
fn strs_req<'a, I: IntoIterator<Item = &'a str>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().map(Some).collect::<StringArray>())
}
fn u32s<I: IntoIterator<Item = u32>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().collect::<UInt32Array>())
}
fn f32s<I: IntoIterator<Item = f32>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().collect::<Float32Array>())
}
fn dates<I: IntoIterator<Item = Option<NaiveDate>>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().map(days).collect::<Date32Array>())
}
fn timestamps<I: IntoIterator<Item = DateTime<Utc>>>(it: I) -> ArrayRef {
    let a: TimestampMicrosecondArray = it.into_iter().map(|t| Some(t.timestamp_micros())).collect();
    Arc::new(a.with_timezone("UTC"))
}
/// `list<utf8>` from one list of strings per row.
fn string_lists<'a, I, L>(rows: I) -> ArrayRef
where
    I: IntoIterator<Item = L>,
    L: IntoIterator<Item = &'a str>,
{
    let mut values = StringBuilder::new();
    let mut lens = Vec::new();
    for row in rows {
        let mut n = 0;
        for v in row {
            values.append_value(v);
            n += 1;
        }
        lens.push(n);
    }
    let item = Arc::new(Field::new("item", DataType::Utf8, true));
    Arc::new(ListArray::new(
        item,
        OffsetBuffer::from_lengths(lens),
        Arc::new(values.finish()),
        None,
    ))
}

fn batch(table: Table, columns: Vec<ArrayRef>) -> Result<RecordBatch, ArrowError> {
    RecordBatch::try_new(table.schema(), columns)
}

/// The five per-article tables of one batch of articles, in [`Table::PER_ARTICLE`] order.
pub fn per_article_batches(
    records: &[ArticleRecord<'_>],
    batch_id: u64,
    ingested_at: DateTime<Utc>,
) -> Result<Vec<(Table, RecordBatch)>, ArrowError> {
    let offsets: Vec<CharOffsets> = records
        .iter()
        .map(|r| CharOffsets::new(&r.article.text))
        .collect();
    Ok(vec![
        (Table::Articles, articles(records, batch_id, ingested_at)?),
        (Table::Entities, entities(records, &offsets)?),
        (Table::Quotes, quotes(records, &offsets)?),
        (Table::Events, events(records, &offsets)?),
        (Table::Timexes, timexes(records, &offsets)?),
    ])
}

fn articles(
    records: &[ArticleRecord<'_>],
    batch_id: u64,
    at: DateTime<Utc>,
) -> Result<RecordBatch, ArrowError> {
    let a = || records.iter().map(|r| r.article);
    let removed = {
        let kinds: Vec<&str> = a()
            .flat_map(|a| a.removed.iter().map(|b| b.kind.as_str()))
            .collect();
        let texts: Vec<&str> = a()
            .flat_map(|a| a.removed.iter().map(|b| b.text.as_str()))
            .collect();
        let st = StructArray::new(
            removed_block_fields(),
            vec![strs_req(kinds), strs_req(texts)],
            None,
        );
        let item = Arc::new(Field::new(
            "item",
            DataType::Struct(removed_block_fields()),
            true,
        ));
        let lens = a().map(|a| a.removed.len());
        Arc::new(ListArray::new(
            item,
            OffsetBuffer::from_lengths(lens),
            Arc::new(st),
            None,
        )) as ArrayRef
    };
    batch(
        Table::Articles,
        vec![
            strs_req(a().map(|a| a.article_id.as_str())),
            strs_req(a().map(|a| a.source_path.as_str())),
            strs_req(a().map(|a| a.content_hash.as_str())),
            Arc::new(a().map(|a| a.unit).collect::<UInt32Array>()),
            strs_req(a().map(|a| a.format.as_str())),
            strs(a().map(|a| a.title.as_deref())),
            dates(a().map(|a| a.published)),
            strs(a().map(|a| a.published_from.map(|d| d.as_str()))),
            strs(a().map(|a| a.language.as_deref())),
            strs(a().map(|a| a.byline.as_deref())),
            strs(a().map(|a| a.dateline.as_deref())),
            string_lists(a().map(|a| a.credits.iter().map(String::as_str))),
            strs(a().map(|a| a.url.as_deref())),
            strs_req(a().map(|a| a.text.as_str())),
            u32s(a().map(|a| a.text.chars().count() as u32)),
            u32s(a().map(|a| a.text.split_whitespace().count() as u32)),
            u32s(records.iter().map(|r| r.extraction.sentences.len() as u32)),
            removed,
            string_lists(
                records
                    .iter()
                    .map(|r| r.extraction.notes.iter().map(String::as_str)),
            ),
            timestamps(records.iter().map(|_| at)),
            Arc::new(records.iter().map(|_| batch_id).collect::<UInt64Array>()),
        ],
    )
}

/// `(article_id, offsets, item)` for every item of every record.
fn each<'a, T>(
    records: &'a [ArticleRecord<'a>],
    offsets: &'a [CharOffsets],
    items: impl Fn(&'a Extraction) -> &'a [T],
) -> Vec<(&'a str, &'a CharOffsets, &'a T)> {
    records
        .iter()
        .zip(offsets)
        .flat_map(|(r, o)| {
            items(r.extraction)
                .iter()
                .map(move |x| (r.article.article_id.as_str(), o, x))
        })
        .collect()
}

fn entities(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    let rows = each(records, offsets, |x| &x.entities);
    batch(
        Table::Entities,
        vec![
            strs_req(rows.iter().map(|r| r.0)),
            u32s(rows.iter().map(|r| r.2.sentence as u32)),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.start))),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.end))),
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs_req(rows.iter().map(|r| r.2.label.as_str())),
            strs_req(rows.iter().map(|r| r.2.entity_id.as_str())),
            strs_req(rows.iter().map(|r| r.2.canonical.as_str())),
            f32s(rows.iter().map(|r| r.2.confidence)),
        ],
    )
}

fn quotes(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    let rows = each(records, offsets, |x| &x.quotes);
    batch(
        Table::Quotes,
        vec![
            strs_req(rows.iter().map(|r| r.0)),
            strs_req(rows.iter().map(|r| r.2.quote_id.as_str())),
            u32s(rows.iter().map(|r| r.2.sentence as u32)),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.start))),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.end))),
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs_req(rows.iter().map(|r| r.2.kind.as_str())),
            strs(rows.iter().map(|r| r.2.cue.as_deref())),
            strs(rows.iter().map(|r| r.2.speaker.as_deref())),
            Arc::new(
                rows.iter()
                    .map(|r| r.2.speaker_span.map(|s| r.1.char_of(s.start)))
                    .collect::<UInt32Array>(),
            ),
            Arc::new(
                rows.iter()
                    .map(|r| r.2.speaker_span.map(|s| r.1.char_of(s.end)))
                    .collect::<UInt32Array>(),
            ),
            strs(rows.iter().map(|r| r.2.speaker_entity_id.as_deref())),
            strs(rows.iter().map(|r| r.2.speaker_canonical.as_deref())),
            f32s(rows.iter().map(|r| r.2.confidence)),
        ],
    )
}

fn events(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    let rows = each(records, offsets, |x| &x.events);
    let e = || rows.iter().map(|r| r.2);
    batch(
        Table::Events,
        vec![
            strs_req(rows.iter().map(|r| r.0)),
            strs_req(e().map(|e| e.event_id.as_str())),
            u32s(e().map(|e| e.sentence as u32)),
            strs_req(e().map(|e| e.trigger.as_str())),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.trigger_span.start))),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.trigger_span.end))),
            strs_req(e().map(|e| e.cameo_code.as_str())),
            strs_req(e().map(|e| e.cameo_root.as_str())),
            strs_req(e().map(|e| e.label.as_str())),
            Arc::new(e().map(|e| e.quad_class).collect::<UInt8Array>()),
            Arc::new(e().map(|e| e.goldstein).collect::<Float32Array>()),
            strs(e().map(|e| e.actor1.as_deref())),
            strs(e().map(|e| e.actor1_entity_id.as_deref())),
            strs(e().map(|e| e.actor2.as_deref())),
            strs(e().map(|e| e.actor2_entity_id.as_deref())),
            strs(e().map(|e| e.location.as_deref())),
            strs(e().map(|e| e.location_entity_id.as_deref())),
            dates(e().map(|e| e.date)),
            strs(e().map(|e| e.date_precision.map(|p| p.as_str()))),
            strs(e().map(|e| e.date_text.as_deref())),
            Arc::new(e().map(|e| Some(e.negated)).collect::<BooleanArray>()),
            strs_req(e().map(|e| e.modality.as_str())),
            strs_req(e().map(|e| e.cluster_id.as_str())),
            f32s(e().map(|e| e.confidence)),
        ],
    )
}

fn timexes(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    let rows = each(records, offsets, |x| &x.timexes);
    batch(
        Table::Timexes,
        vec![
            strs_req(rows.iter().map(|r| r.0)),
            u32s(rows.iter().map(|r| r.2.sentence as u32)),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.start))),
            u32s(rows.iter().map(|r| r.1.char_of(r.2.span.end))),
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs(rows.iter().map(|r| r.2.value.as_deref())),
            dates(rows.iter().map(|r| r.2.date)),
            strs(rows.iter().map(|r| r.2.precision.map(|p| p.as_str()))),
        ],
    )
}

pub fn entity_catalog(rows: &[CatalogRow]) -> Result<RecordBatch, ArrowError> {
    batch(
        Table::EntityCatalog,
        vec![
            strs_req(rows.iter().map(|r| r.entity_id.as_str())),
            strs_req(rows.iter().map(|r| r.canonical.as_str())),
            strs_req(rows.iter().map(|r| r.label.as_str())),
            string_lists(rows.iter().map(|r| r.aliases.iter().map(String::as_str))),
            u32s(rows.iter().map(|r| r.n_mentions)),
            u32s(rows.iter().map(|r| r.n_articles)),
            strs(rows.iter().map(|r| r.same_as.as_deref())),
        ],
    )
}

pub fn event_clusters(rows: &[ClusterRow]) -> Result<RecordBatch, ArrowError> {
    batch(
        Table::EventClusters,
        vec![
            strs_req(rows.iter().map(|r| r.cluster_id.as_str())),
            strs_req(rows.iter().map(|r| r.cameo_root.as_str())),
            strs_req(rows.iter().map(|r| r.label.as_str())),
            dates(rows.iter().map(|r| r.date)),
            strs(rows.iter().map(|r| r.location.as_deref())),
            string_lists(rows.iter().map(|r| r.actors.iter().map(String::as_str))),
            u32s(rows.iter().map(|r| r.n_mentions)),
            u32s(rows.iter().map(|r| r.n_articles)),
        ],
    )
}

pub fn failures(rows: &[model::Failure]) -> Result<RecordBatch, ArrowError> {
    batch(
        Table::Failures,
        vec![
            strs_req(rows.iter().map(|r| r.source_path.as_str())),
            strs_req(rows.iter().map(|r| r.content_hash.as_str())),
            strs_req(rows.iter().map(|r| r.stage.as_str())),
            strs_req(rows.iter().map(|r| r.message.as_str())),
            u32s(rows.iter().map(|r| r.tries)),
            timestamps(rows.iter().map(|r| r.at)),
        ],
    )
}
