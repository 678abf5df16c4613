//! The public contract: the Arrow schema of every table lede writes, in one place.
//!
//! Every column here is documented in `docs/SCHEMA.md`; a change here is a change of the public
//! tables and shows up in the snapshot test `schema_snapshot` below. The schema version is written into
//! each Parquet file's key-value metadata under [`SCHEMA_VERSION_KEY`].

use arrow::datatypes::{DataType, Field, Fields, Schema, SchemaRef, TimeUnit};
use std::collections::HashMap;
use std::sync::Arc;

/// Version of the table layout; bump on any incompatible change.
pub const SCHEMA_VERSION: &str = "1";
/// Parquet key-value metadata key holding [`SCHEMA_VERSION`].
pub const SCHEMA_VERSION_KEY: &str = "lede.schema_version";

/// The tables, in the order they are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Table {
    Articles,
    Entities,
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
    pub const ALL: [Table; 9] = [
        Table::Articles,
        Table::Entities,
        Table::Quotes,
        Table::Events,
        Table::Timexes,
        Table::Tokens,
        Table::EntityCatalog,
        Table::EventClusters,
        Table::Failures,
    ];
    /// Tables with rows per article, written as one part per batch (the opt-in ones included).
    pub const PER_ARTICLE: [Table; 6] = [
        Table::Articles,
        Table::Entities,
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
fn u32_req(name: &str) -> Field {
    Field::new(name, DataType::UInt32, false)
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
        Field::new("unit", DataType::UInt32, true),
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
        u32_req("n_chars"),
        u32_req("n_words"),
        u32_req("n_sentences"),
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
        Field::new("batch_id", DataType::UInt64, false),
    ]
}

fn entities() -> Vec<Field> {
    vec![
        s_req("article_id"),
        u32_req("sentence"),
        u32_req("start_char"),
        u32_req("end_char"),
        s_req("text"),
        s_req("label"),
        s_req("entity_id"),
        s_req("canonical"),
        f32_req("confidence"),
    ]
}

fn quotes() -> Vec<Field> {
    vec![
        s_req("article_id"),
        s_req("quote_id"),
        u32_req("sentence"),
        u32_req("start_char"),
        u32_req("end_char"),
        s_req("text"),
        s_req("kind"),
        s("cue"),
        s("speaker"),
        Field::new("speaker_start_char", DataType::UInt32, true),
        Field::new("speaker_end_char", DataType::UInt32, true),
        s("speaker_entity_id"),
        s("speaker_canonical"),
        f32_req("confidence"),
    ]
}

fn events() -> Vec<Field> {
    vec![
        s_req("article_id"),
        s_req("event_id"),
        u32_req("sentence"),
        s_req("trigger"),
        u32_req("trigger_start_char"),
        u32_req("trigger_end_char"),
        s_req("cameo_code"),
        s_req("cameo_root"),
        s_req("label"),
        Field::new("quad_class", DataType::UInt8, true),
        Field::new("goldstein", DataType::Float32, true),
        s("actor1"),
        s("actor1_entity_id"),
        s("actor2"),
        s("actor2_entity_id"),
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
        u32_req("sentence"),
        u32_req("start_char"),
        u32_req("end_char"),
        s_req("text"),
        s("value"),
        date("date"),
        s("precision"),
    ]
}

fn tokens() -> Vec<Field> {
    vec![
        s_req("article_id"),
        u32_req("sentence"),
        u32_req("word"),
        u32_req("token"),
        u32_req("start_char"),
        u32_req("end_char"),
        s_req("text"),
        s_req("upos"),
        s_req("xpos"),
        s_req("lemma"),
        s("feats"),
        Field::new("head", DataType::UInt32, true),
        s_req("deprel"),
    ]
}

fn entity_catalog() -> Vec<Field> {
    vec![
        s_req("entity_id"),
        s_req("canonical"),
        s_req("label"),
        string_list("aliases"),
        u32_req("n_mentions"),
        u32_req("n_articles"),
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
        u32_req("n_mentions"),
        u32_req("n_articles"),
    ]
}

fn failures() -> Vec<Field> {
    vec![
        s_req("source_path"),
        s_req("content_hash"),
        s_req("stage"),
        s_req("message"),
        Field::new("tries", DataType::UInt32, false),
        ts_req("at"),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

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
