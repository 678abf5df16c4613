//! The public contract: the Arrow schema of every table lede writes, in one place.
//!
//! Every column here is documented in `docs/SCHEMA.md`; a change here is a change of the public
//! tables and shows up in the snapshot test `schema_snapshot` below. The schema version is written into
//! each Parquet file's key-value metadata under [`SCHEMA_VERSION_KEY`].

use arrow_schema::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use std::collections::HashMap;
use std::sync::Arc;

/// Version of the table layout; bump on any incompatible change. 2: every integer column is
/// signed (issue 21). 3: the `mentions` table (issue 17) and the events' CAMEO actor codes (issue
/// 18). An output folder of another version is refused on open, naming the `lede rebuild` that
/// makes it current (`docs/SCHEMA.md`, Versions).
pub const SCHEMA_VERSION: &str = "3";
/// Parquet key-value metadata key holding [`SCHEMA_VERSION`].
pub const SCHEMA_VERSION_KEY: &str = "lede.schema_version";

/// The tables, in the order they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Articles,
    Entities,
    Mentions,
    Quotes,
    Events,
    Timexes,
    /// Opt-in (`--tokens`): written only in an output folder created with it, see [`Tables`].
    Tokens,
    EntityCatalog,
    EventClusters,
    Failures,
}

impl Table {
    /// Every table lede can write, the opt-in ones included (an output folder has those of its
    /// [`Tables`]).
    pub const ALL: [Table; 10] = [
        Table::Articles,
        Table::Entities,
        Table::Mentions,
        Table::Quotes,
        Table::Events,
        Table::Timexes,
        Table::Tokens,
        Table::EntityCatalog,
        Table::EventClusters,
        Table::Failures,
    ];
    /// Tables with rows per article, written as one part per batch (the opt-in ones included).
    pub const PER_ARTICLE: [Table; 7] = [
        Table::Articles,
        Table::Entities,
        Table::Mentions,
        Table::Quotes,
        Table::Events,
        Table::Timexes,
        Table::Tokens,
    ];
    /// Tables an output folder has only when it was created with their flag.
    pub const OPT_IN: [Table; 1] = [Table::Tokens];
    /// Tables derived from the whole corpus, rewritten as one file at every commit.
    pub const DERIVED: [Table; 3] = [Table::EntityCatalog, Table::EventClusters, Table::Failures];

    pub fn name(&self) -> &'static str {
        match self {
            Table::Articles => "articles",
            Table::Entities => "entities",
            Table::Mentions => "mentions",
            Table::Quotes => "quotes",
            Table::Events => "events",
            Table::Timexes => "timexes",
            Table::Tokens => "tokens",
            Table::EntityCatalog => "entity_catalog",
            Table::EventClusters => "event_clusters",
            Table::Failures => "failures",
        }
    }

    pub fn schema(&self) -> SchemaRef {
        let fields = match self {
            Table::Articles => articles(),
            Table::Entities => entities(),
            Table::Mentions => mentions(),
            Table::Quotes => quotes(),
            Table::Events => events(),
            Table::Timexes => timexes(),
            Table::Tokens => tokens(),
            Table::EntityCatalog => entity_catalog(),
            Table::EventClusters => event_clusters(),
            Table::Failures => failures(),
        };
        let meta = HashMap::from([(SCHEMA_VERSION_KEY.to_string(), SCHEMA_VERSION.to_string())]);
        Arc::new(Schema::new_with_metadata(fields, meta))
    }
}

/// The tables of one output folder: every table but the opt-in ones, plus those it was created
/// with (`lede run --tokens`). Fixed when the folder is created and remembered by its ledger, so
/// every snapshot of a folder has the same tables (see `docs/SCHEMA.md`, tokens).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tables {
    /// The `tokens` table (`--tokens`).
    pub tokens: bool,
}

impl Tables {
    /// Whether the folder has `table`.
    pub fn has(&self, table: Table) -> bool {
        match table {
            Table::Tokens => self.tokens,
            _ => true,
        }
    }
    /// The folder's tables, in [`Table::ALL`] order.
    pub fn all(self) -> impl Iterator<Item = Table> {
        Table::ALL.into_iter().filter(move |t| self.has(*t))
    }
    /// The folder's per-article tables, in [`Table::PER_ARTICLE`] order.
    pub fn per_article(self) -> impl Iterator<Item = Table> {
        Table::PER_ARTICLE.into_iter().filter(move |t| self.has(*t))
    }
}

fn s(name: &str) -> Field {
    Field::new(name, DataType::Utf8, true)
}
fn s_req(name: &str) -> Field {
    Field::new(name, DataType::Utf8, false)
}
/// Offsets and counts within one article (and small codes): `int32`, signed so that differences
/// can go below zero in every reader.
fn i32_req(name: &str) -> Field {
    Field::new(name, DataType::Int32, false)
}
fn i32(name: &str) -> Field {
    Field::new(name, DataType::Int32, true)
}
/// Batch ids and corpus-wide counts: `int64`.
fn i64_req(name: &str) -> Field {
    Field::new(name, DataType::Int64, false)
}
fn f32_req(name: &str) -> Field {
    Field::new(name, DataType::Float32, false)
}
fn date(name: &str) -> Field {
    Field::new(name, DataType::Date32, true)
}
fn ts_req(name: &str) -> Field {
    Field::new(
        name,
        DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into())),
        false,
    )
}
/// `list<utf8>`, never null (an empty list instead).
pub fn string_list(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))),
        false,
    )
}
/// The struct of one removed block.
pub fn removed_block_fields() -> Fields {
    Fields::from(vec![s_req("kind"), s_req("text")])
}

fn articles() -> Vec<Field> {
    vec![
        s_req("article_id"),
        s_req("source_path"),
        s_req("content_hash"),
        i32("unit"),
        s_req("format"),
        s("title"),
        date("published"),
        s("published_from"),
        s("language"),
        s("byline"),
        s("dateline"),
        string_list("credits"),
        s("url"),
        s_req("text"),
        i32_req("n_chars"),
        i32_req("n_words"),
        i32_req("n_sentences"),
        Field::new(
            "removed",
            DataType::List(Arc::new(Field::new(
                "item",
                DataType::Struct(removed_block_fields()),
                true,
            ))),
            false,
        ),
        string_list("notes"),
        ts_req("ingested_at"),
        i64_req("batch_id"),
    ]
}

fn entities() -> Vec<Field> {
    vec![
        s_req("article_id"),
        i32_req("sentence"),
        i32_req("start_char"),
        i32_req("end_char"),
        s_req("text"),
        s_req("label"),
        s_req("entity_id"),
        s_req("canonical"),
        f32_req("confidence"),
    ]
}

fn mentions() -> Vec<Field> {
    vec![
        s_req("article_id"),
        i32_req("sentence"),
        i32_req("start_char"),
        i32_req("end_char"),
        s_req("text"),
        s_req("kind"),
        s_req("label"),
        s_req("entity_id"),
        s_req("canonical"),
    ]
}

fn quotes() -> Vec<Field> {
    vec![
        s_req("article_id"),
        s_req("quote_id"),
        i32_req("sentence"),
        i32_req("start_char"),
        i32_req("end_char"),
        s_req("text"),
        s_req("kind"),
        s("cue"),
        s("speaker"),
        i32("speaker_start_char"),
        i32("speaker_end_char"),
        s("speaker_entity_id"),
        s("speaker_canonical"),
        f32_req("confidence"),
    ]
}

fn events() -> Vec<Field> {
    vec![
        s_req("article_id"),
        s_req("event_id"),
        i32_req("sentence"),
        s_req("trigger"),
        i32_req("trigger_start_char"),
        i32_req("trigger_end_char"),
        s_req("cameo_code"),
        s_req("cameo_root"),
        s_req("label"),
        i32("quad_class"),
        Field::new("goldstein", DataType::Float32, true),
        s("actor1"),
        s("actor1_entity_id"),
        s("actor2"),
        s("actor2_entity_id"),
        s("actor1_code"),
        s("actor1_country"),
        s("actor1_type"),
        s("actor2_code"),
        s("actor2_country"),
        s("actor2_type"),
        s("location"),
        s("location_entity_id"),
        date("date"),
        s("date_precision"),
        s("date_text"),
        Field::new("negated", DataType::Boolean, false),
        s_req("modality"),
        s_req("cluster_id"),
        f32_req("confidence"),
    ]
}

fn timexes() -> Vec<Field> {
    vec![
        s_req("article_id"),
        i32_req("sentence"),
        i32_req("start_char"),
        i32_req("end_char"),
        s_req("text"),
        s("value"),
        date("date"),
        s("precision"),
    ]
}

fn tokens() -> Vec<Field> {
    vec![
        s_req("article_id"),
        i32_req("sentence"),
        i32_req("word"),
        i32_req("token"),
        i32_req("start_char"),
        i32_req("end_char"),
        s_req("text"),
        s_req("upos"),
        s_req("xpos"),
        s_req("lemma"),
        s("feats"),
        i32("head"),
        s_req("deprel"),
    ]
}

fn entity_catalog() -> Vec<Field> {
    vec![
        s_req("entity_id"),
        s_req("canonical"),
        s_req("label"),
        string_list("aliases"),
        i64_req("n_mentions"),
        i64_req("n_articles"),
        s("same_as"),
    ]
}

fn event_clusters() -> Vec<Field> {
    vec![
        s_req("cluster_id"),
        s_req("cameo_root"),
        s_req("label"),
        date("date"),
        s("location"),
        string_list("actors"),
        i64_req("n_mentions"),
        i64_req("n_articles"),
    ]
}

fn failures() -> Vec<Field> {
    vec![
        s_req("source_path"),
        s_req("content_hash"),
        s_req("stage"),
        s_req("message"),
        i32_req("tries"),
        ts_req("at"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The unsigned integer types inside `t` (nested ones included), as `path: type`.
    fn unsigned(path: &str, t: &DataType, found: &mut Vec<String>) {
        match t {
            DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 => {
                found.push(format!("{path}: {t}"))
            }
            DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
                unsigned(&format!("{path}[]"), f.data_type(), found)
            }
            DataType::Struct(fields) => {
                for f in fields {
                    unsigned(&format!("{path}.{}", f.name()), f.data_type(), found);
                }
            }
            DataType::Map(f, _) => unsigned(path, f.data_type(), found),
            DataType::Dictionary(k, v) => {
                unsigned(&format!("{path} (keys)"), k, found);
                unsigned(path, v, found);
            }
            _ => {}
        }
    }

    /// Issue 21: an unsigned column breaks readers (DuckDB `x - 80` overflows, pandas wraps
    /// `0 - x` to 4294967196, Spark reads `uint64` as `decimal(20,0)`). Every integer is signed.
    #[test]
    fn every_integer_column_of_every_table_is_signed() {
        let mut found = Vec::new();
        for t in Table::ALL {
            for f in t.schema().fields() {
                unsigned(
                    &format!("{}.{}", t.name(), f.name()),
                    f.data_type(),
                    &mut found,
                );
            }
        }
        assert!(found.is_empty(), "unsigned integer columns: {found:?}");
        let mut nested = Vec::new();
        let list = DataType::List(Arc::new(Field::new("item", DataType::UInt32, true)));
        unsigned("x", &list, &mut nested);
        assert_eq!(nested, ["x[]: UInt32"], "the check sees nested types");
    }

    /// Any change of the public tables must change this file, in review
    /// (`LEDE_UPDATE_SNAPSHOTS=1 cargo test -p export` rewrites it).
    #[test]
    fn schema_snapshot() {
        let mut out = String::new();
        for t in Table::ALL {
            out.push_str(&format!("{}\n", t.name()));
            for f in t.schema().fields() {
                let null = if f.is_nullable() { " (nullable)" } else { "" };
                out.push_str(&format!("  {}: {}{null}\n", f.name(), f.data_type()));
            }
        }
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/schema.snapshot");
        if std::env::var_os("LEDE_UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(path, &out).unwrap();
        }
        let expected = std::fs::read_to_string(path).unwrap_or_default();
        assert_eq!(
            out, expected,
            "the public schema changed: update tests/schema.snapshot and docs/SCHEMA.md"
        );
    }
}
