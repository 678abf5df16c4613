//! Building Arrow record batches of the tables from extracted articles and corpus-level rows.
//!
//! Byte spans of `model` become Unicode code point offsets here, the only place that converts them.

use crate::schema::{removed_block_fields, Table, Tables};
use arrow_array::builder::StringBuilder;
use arrow_array::{
    ArrayRef, BooleanArray, Date32Array, Float32Array, Int32Array, Int64Array, ListArray,
    RecordBatch, StringArray, StructArray, TimestampMicrosecondArray,
};
use arrow_buffer::OffsetBuffer;
use arrow_schema::{ArrowError, DataType, Field};
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
    pub n_mentions: i64,
    pub n_articles: i64,
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
    pub n_mentions: i64,
    pub n_articles: i64,
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
/// `int32` values (offsets, counts and codes of one article): the tables' integers are signed
/// (issue 21); one that does not fit is an error (the article fails alone), never a wrapped value.
fn i32_of<T: TryInto<i32> + Copy + std::fmt::Display>(v: T) -> Result<i32, ArrowError> {
    v.try_into()
        .map_err(|_| ArrowError::InvalidArgumentError(format!("{v} does not fit an int32 column")))
}
fn i32s<T, I>(it: I) -> Result<ArrayRef, ArrowError>
where
    T: TryInto<i32> + Copy + std::fmt::Display,
    I: IntoIterator<Item = T>,
{
    let v = it
        .into_iter()
        .map(i32_of)
        .collect::<Result<Int32Array, _>>()?;
    Ok(Arc::new(v))
}
/// Nullable `int32` values.
fn opt_i32s<T, I>(it: I) -> Result<ArrayRef, ArrowError>
where
    T: TryInto<i32> + Copy + std::fmt::Display,
    I: IntoIterator<Item = Option<T>>,
{
    let v = it
        .into_iter()
        .map(|v| v.map(i32_of).transpose())
        .collect::<Result<Int32Array, _>>()?;
    Ok(Arc::new(v))
}
fn i64s<I: IntoIterator<Item = i64>>(it: I) -> ArrayRef {
    Arc::new(it.into_iter().collect::<Int64Array>())
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

/// The per-article tables of one batch of articles that the output folder has (`tables`), in
/// [`Table::PER_ARTICLE`] order.
pub fn per_article_batches(
    records: &[ArticleRecord<'_>],
    batch_id: u64,
    ingested_at: DateTime<Utc>,
    tables: Tables,
) -> Result<Vec<(Table, RecordBatch)>, ArrowError> {
    let offsets: Vec<CharOffsets> = records
        .iter()
        .map(|r| CharOffsets::new(&r.article.text))
        .collect();
    let mut out = vec![
        (Table::Articles, articles(records, batch_id, ingested_at)?),
        (Table::Entities, entities(records, &offsets)?),
        (Table::Mentions, mentions(records, &offsets)?),
        (Table::Quotes, quotes(records, &offsets)?),
        (Table::Events, events(records, &offsets)?),
        (Table::Timexes, timexes(records, &offsets)?),
    ];
    if tables.tokens {
        out.push((Table::Tokens, tokens(records, &offsets)?));
    }
    Ok(out)
}

fn articles(
    records: &[ArticleRecord<'_>],
    batch_id: u64,
    at: DateTime<Utc>,
) -> Result<RecordBatch, ArrowError> {
    let a = || records.iter().map(|r| r.article);
    let batch_id = i64::try_from(batch_id).map_err(|_| {
        ArrowError::InvalidArgumentError(format!("batch id {batch_id} does not fit int64"))
    })?;
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
            opt_i32s(a().map(|a| a.unit))?,
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
            i32s(a().map(|a| a.text.chars().count()))?,
            i32s(a().map(|a| a.text.split_whitespace().count()))?,
            i32s(records.iter().map(|r| r.extraction.sentences.len()))?,
            removed,
            string_lists(
                records
                    .iter()
                    .map(|r| r.extraction.notes.iter().map(String::as_str)),
            ),
            timestamps(records.iter().map(|_| at)),
            i64s(records.iter().map(|_| batch_id)),
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
            i32s(rows.iter().map(|r| r.2.sentence))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.start)))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.end)))?,
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs_req(rows.iter().map(|r| r.2.label.as_str())),
            strs_req(rows.iter().map(|r| r.2.entity_id.as_str())),
            strs_req(rows.iter().map(|r| r.2.canonical.as_str())),
            f32s(rows.iter().map(|r| r.2.confidence)),
        ],
    )
}

/// Every mention of a named entity: its names (the `entities` rows) and the pronouns and
/// descriptions coreference refers to it (`Extraction::references`), in text order.
fn mentions(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    struct Row<'a> {
        article_id: &'a str,
        offsets: &'a CharOffsets,
        span: model::Span,
        sentence: usize,
        kind: &'static str,
        entity: &'a model::EntityMention,
        text: &'a str,
    }
    let mut rows = Vec::new();
    for (r, o) in records.iter().zip(offsets) {
        let x = r.extraction;
        let article_id = r.article.article_id.as_str();
        let start = rows.len();
        rows.extend(x.entities.iter().map(|e| Row {
            article_id,
            offsets: o,
            span: e.span,
            sentence: e.sentence,
            kind: model::MentionKind::Name.as_str(),
            entity: e,
            text: e.text.as_str(),
        }));
        rows.extend(x.references.iter().filter_map(|m| {
            Some(Row {
                article_id,
                offsets: o,
                span: m.span,
                sentence: m.sentence as usize,
                kind: m.kind.as_str(),
                entity: x.entities.get(m.entity as usize)?,
                text: r.article.text.get(m.span.start..m.span.end)?,
            })
        }));
        rows[start..].sort_by_key(|m| (m.span.start, m.span.end));
    }
    batch(
        Table::Mentions,
        vec![
            strs_req(rows.iter().map(|r| r.article_id)),
            i32s(rows.iter().map(|r| r.sentence))?,
            i32s(rows.iter().map(|r| r.offsets.char_of(r.span.start)))?,
            i32s(rows.iter().map(|r| r.offsets.char_of(r.span.end)))?,
            strs_req(rows.iter().map(|r| r.text)),
            strs_req(rows.iter().map(|r| r.kind)),
            strs_req(rows.iter().map(|r| r.entity.label.as_str())),
            strs_req(rows.iter().map(|r| r.entity.entity_id.as_str())),
            strs_req(rows.iter().map(|r| r.entity.canonical.as_str())),
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
            i32s(rows.iter().map(|r| r.2.sentence))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.start)))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.end)))?,
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs_req(rows.iter().map(|r| r.2.kind.as_str())),
            strs(rows.iter().map(|r| r.2.cue.as_deref())),
            strs(rows.iter().map(|r| r.2.speaker.as_deref())),
            opt_i32s(
                rows.iter()
                    .map(|r| r.2.speaker_span.map(|s| r.1.char_of(s.start))),
            )?,
            opt_i32s(
                rows.iter()
                    .map(|r| r.2.speaker_span.map(|s| r.1.char_of(s.end))),
            )?,
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
            i32s(e().map(|e| e.sentence))?,
            strs_req(e().map(|e| e.trigger.as_str())),
            i32s(rows.iter().map(|r| r.1.char_of(r.2.trigger_span.start)))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.trigger_span.end)))?,
            strs_req(e().map(|e| e.cameo_code.as_str())),
            strs_req(e().map(|e| e.cameo_root.as_str())),
            strs_req(e().map(|e| e.label.as_str())),
            opt_i32s(e().map(|e| e.quad_class))?,
            Arc::new(e().map(|e| e.goldstein).collect::<Float32Array>()),
            strs(e().map(|e| e.actor1.as_deref())),
            strs(e().map(|e| e.actor1_entity_id.as_deref())),
            strs(e().map(|e| e.actor2.as_deref())),
            strs(e().map(|e| e.actor2_entity_id.as_deref())),
            strs(e().map(|e| e.actor1_code.as_deref())),
            strs(e().map(|e| e.actor1_country.as_deref())),
            strs(e().map(|e| e.actor1_type.as_deref())),
            strs(e().map(|e| e.actor2_code.as_deref())),
            strs(e().map(|e| e.actor2_country.as_deref())),
            strs(e().map(|e| e.actor2_type.as_deref())),
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
            i32s(rows.iter().map(|r| r.2.sentence))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.start)))?,
            i32s(rows.iter().map(|r| r.1.char_of(r.2.span.end)))?,
            strs_req(rows.iter().map(|r| r.2.text.as_str())),
            strs(rows.iter().map(|r| r.2.value.as_deref())),
            dates(rows.iter().map(|r| r.2.date)),
            strs(rows.iter().map(|r| r.2.precision.map(|p| p.as_str()))),
        ],
    )
}

/// One row of `tokens`: a syntactic word of an article, checked against its syntax.
struct WordRow<'a> {
    article_id: &'a str,
    sentence: u32,
    index: u32,
    text: &'a str,
    start_char: u32,
    end_char: u32,
    word: &'a model::Word,
}

/// The rows of `tokens` of one article: every word of `Extraction::syntax`, with its sentence.
/// Syntax that contradicts itself (a word in no sentence, a head that is no word, a span off the
/// text) is an error, so that the article fails alone instead of writing wrong rows.
fn word_rows<'a>(
    r: &'a ArticleRecord<'a>,
    offsets: &CharOffsets,
) -> Result<Vec<WordRow<'a>>, ArrowError> {
    let syntax = &r.extraction.syntax;
    let text = r.article.text.as_str();
    let n = syntax.words.len();
    let bad = |what: String| ArrowError::InvalidArgumentError(format!("tokens: {what}"));
    let mut sentence_of: Vec<Option<u32>> = vec![None; n];
    for (s, range) in syntax.sentences.iter().enumerate() {
        let slots = sentence_of
            .get_mut(range.clone())
            .ok_or_else(|| bad(format!("sentence {s} holds words {range:?} of {n}")))?;
        for slot in slots {
            *slot = Some(s as u32);
        }
    }
    syntax
        .words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let sentence =
                sentence_of[i].ok_or_else(|| bad(format!("word {i} is in no sentence")))?;
            if w.head.is_some_and(|h| h as usize >= n) {
                return Err(bad(format!("word {i} has head {:?} of {n} words", w.head)));
            }
            let word_text = text
                .get(w.span.range())
                .ok_or_else(|| bad(format!("word {i} has span {:?} off the text", w.span)))?;
            Ok(WordRow {
                article_id: r.article.article_id.as_str(),
                sentence,
                index: i as u32,
                text: word_text,
                start_char: offsets.char_of(w.span.start),
                end_char: offsets.char_of(w.span.end),
                word: w,
            })
        })
        .collect()
}

fn tokens(
    records: &[ArticleRecord<'_>],
    offsets: &[CharOffsets],
) -> Result<RecordBatch, ArrowError> {
    let mut rows = Vec::new();
    for (r, o) in records.iter().zip(offsets) {
        rows.extend(word_rows(r, o)?);
    }
    let w = || rows.iter().map(|r| r.word);
    batch(
        Table::Tokens,
        vec![
            strs_req(rows.iter().map(|r| r.article_id)),
            i32s(rows.iter().map(|r| r.sentence))?,
            i32s(rows.iter().map(|r| r.index))?,
            i32s(w().map(|w| w.token))?,
            i32s(rows.iter().map(|r| r.start_char))?,
            i32s(rows.iter().map(|r| r.end_char))?,
            strs_req(rows.iter().map(|r| r.text)),
            strs_req(w().map(|w| w.upos)),
            strs_req(w().map(|w| w.xpos)),
            strs_req(w().map(|w| w.lemma.as_str())),
            strs(w().map(|w| (!w.feats.is_empty()).then_some(w.feats))),
            opt_i32s(w().map(|w| w.head))?,
            strs_req(w().map(|w| w.deprel)),
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
            i64s(rows.iter().map(|r| r.n_mentions)),
            i64s(rows.iter().map(|r| r.n_articles)),
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
            i64s(rows.iter().map(|r| r.n_mentions)),
            i64s(rows.iter().map(|r| r.n_articles)),
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
            i32s(rows.iter().map(|r| r.tries))?,
            timestamps(rows.iter().map(|r| r.at)),
        ],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int32Type;
    use arrow_array::Array;
    use model::{Span, Syntax, Word};

    /// A word of `text` at its first occurrence at or after byte `from`.
    fn word(
        text: &str,
        from: usize,
        w: &str,
        token: u32,
        tags: (&'static str, &'static str, &'static str),
        head: Option<u32>,
        deprel: &'static str,
    ) -> Word {
        let start = from + text[from..].find(w).expect("word in text");
        Word {
            span: Span::new(start, start + w.len()),
            token,
            upos: tags.0,
            xpos: tags.1,
            lemma: w.to_lowercase(),
            feats: tags.2,
            head,
            deprel,
        }
    }

    /// Two sentences with non-ASCII letters before, inside and after words.
    fn article() -> (CleanArticle, Extraction) {
        let text = "Zoë ate crème brûlée. Ça va.";
        let a = CleanArticle {
            article_id: "a1".into(),
            text: text.into(),
            ..CleanArticle::default()
        };
        let second = text.find("Ça").unwrap();
        let words = vec![
            word(
                text,
                0,
                "Zoë",
                0,
                ("PROPN", "NNP", "Number=Sing"),
                Some(1),
                "nsubj",
            ),
            word(
                text,
                0,
                "ate",
                1,
                ("VERB", "VBD", "Tense=Past"),
                None,
                "root",
            ),
            word(text, 0, "crème", 2, ("NOUN", "NN", ""), Some(3), "compound"),
            word(
                text,
                0,
                "brûlée",
                3,
                ("NOUN", "NN", "Number=Sing"),
                Some(1),
                "obj",
            ),
            word(text, 0, ".", 4, ("PUNCT", ".", ""), Some(1), "punct"),
            word(text, second, "Ça", 5, ("PRON", "PRP", ""), Some(6), "nsubj"),
            word(text, second, "va", 6, ("VERB", "VBZ", ""), None, "root"),
            word(text, second, ".", 7, ("PUNCT", ".", ""), Some(6), "punct"),
        ];
        let x = Extraction {
            syntax: Syntax {
                words,
                sentences: vec![0..5, 5..8],
                token_word: (0..8).collect(),
            },
            ..Extraction::default()
        };
        (a, x)
    }

    fn i32_col(b: &RecordBatch, name: &str) -> Vec<Option<i32>> {
        let c = b.column_by_name(name).unwrap().as_primitive::<Int32Type>();
        (0..c.len())
            .map(|i| c.is_valid(i).then(|| c.value(i)))
            .collect()
    }
    fn str_col(b: &RecordBatch, name: &str) -> Vec<Option<String>> {
        let c = b.column_by_name(name).unwrap().as_string::<i32>();
        (0..c.len())
            .map(|i| c.is_valid(i).then(|| c.value(i).to_string()))
            .collect()
    }

    fn tokens_of(a: &CleanArticle, x: &Extraction, tables: Tables) -> Option<RecordBatch> {
        let records = [ArticleRecord {
            article: a,
            extraction: x,
        }];
        per_article_batches(&records, 1, Utc::now(), tables)
            .unwrap()
            .into_iter()
            .find(|(t, _)| *t == Table::Tokens)
            .map(|(_, b)| b)
    }

    #[test]
    fn tokens_rows_are_the_words_with_char_offsets_sentences_and_heads() {
        let (a, x) = article();
        let b = tokens_of(&a, &x, Tables { tokens: true }).expect("a tokens table");
        assert_eq!(b.schema(), Table::Tokens.schema());
        assert_eq!(b.num_rows(), x.syntax.words.len());
        let some = |v: &[i32]| v.iter().map(|n| Some(*n)).collect::<Vec<_>>();
        assert_eq!(str_col(&b, "article_id"), vec![Some("a1".to_string()); 8]);
        assert_eq!(i32_col(&b, "sentence"), some(&[0, 0, 0, 0, 0, 1, 1, 1]));
        assert_eq!(i32_col(&b, "word"), some(&[0, 1, 2, 3, 4, 5, 6, 7]));
        assert_eq!(i32_col(&b, "token"), some(&[0, 1, 2, 3, 4, 5, 6, 7]));
        // Code points, not bytes: `Zoë` is 3 chars (4 bytes), `brûlée` 6 (8 bytes).
        assert_eq!(
            i32_col(&b, "start_char"),
            some(&[0, 4, 8, 14, 20, 22, 25, 27])
        );
        assert_eq!(
            i32_col(&b, "end_char"),
            some(&[3, 7, 13, 20, 21, 24, 27, 28])
        );
        let chars: Vec<char> = a.text.chars().collect();
        let texts = str_col(&b, "text");
        for (i, (s, e)) in i32_col(&b, "start_char")
            .into_iter()
            .zip(i32_col(&b, "end_char"))
            .enumerate()
        {
            let (s, e) = (s.unwrap() as usize, e.unwrap() as usize);
            let by_chars: String = chars[s..e].iter().collect();
            assert_eq!(texts[i].as_deref(), Some(by_chars.as_str()), "word {i}");
        }
        assert_eq!(texts[3].as_deref(), Some("brûlée"));
        // The head is the head's `word` index (across sentences), null for a root.
        assert_eq!(
            i32_col(&b, "head"),
            vec![
                Some(1),
                None,
                Some(3),
                Some(1),
                Some(1),
                Some(6),
                None,
                Some(6)
            ]
        );
        // Empty feats are null.
        assert_eq!(
            str_col(&b, "feats")[..3],
            [Some("Number=Sing".into()), Some("Tense=Past".into()), None]
        );
        assert_eq!(str_col(&b, "upos")[5].as_deref(), Some("PRON"));
        assert_eq!(str_col(&b, "xpos")[1].as_deref(), Some("VBD"));
        assert_eq!(str_col(&b, "lemma")[0].as_deref(), Some("zoë"));
        assert_eq!(str_col(&b, "deprel")[1].as_deref(), Some("root"));
    }

    #[test]
    fn an_integer_over_int32_is_an_error_not_a_wrapped_value() {
        let ok = i32s([0u32, 7, i32::MAX as u32]).unwrap();
        assert_eq!(ok.as_primitive::<Int32Type>().values(), &[0, 7, i32::MAX]);
        assert!(i32s([i32::MAX as u32 + 1]).is_err());
        assert!(opt_i32s([None, Some(u32::MAX)]).is_err());
        let nulls = opt_i32s([None, Some(3usize)]).unwrap();
        assert!(nulls.is_null(0) && nulls.as_primitive::<Int32Type>().value(1) == 3);
    }

    #[test]
    fn without_the_flag_there_is_no_tokens_table_and_without_syntax_no_rows() {
        let (a, x) = article();
        assert!(tokens_of(&a, &x, Tables::default()).is_none());
        let empty = Extraction::default();
        let b = tokens_of(&a, &empty, Tables { tokens: true }).unwrap();
        assert_eq!(b.num_rows(), 0);
        assert_eq!(b.schema(), Table::Tokens.schema());
    }

    #[test]
    fn syntax_that_contradicts_itself_is_an_error_not_a_wrong_row() {
        let (a, x) = article();
        let mut bad_head = x.clone();
        bad_head.syntax.words[0].head = Some(8);
        let mut no_sentence = x.clone();
        no_sentence.syntax.sentences.truncate(1);
        let mut off_text = x.clone();
        off_text.syntax.words[7].span = Span::new(27, 40);
        for bad in [bad_head, no_sentence, off_text] {
            let records = [ArticleRecord {
                article: &a,
                extraction: &bad,
            }];
            assert!(per_article_batches(&records, 1, Utc::now(), Tables { tokens: true }).is_err());
            assert!(per_article_batches(&records, 1, Utc::now(), Tables::default()).is_ok());
        }
    }
}
