//! The extract crate's integration tests, one binary (one link of the dependency graph): a module
//! per stage and concern, all through the public API. `support` holds the shared fixtures (a tiny
//! tokenizer and hand-written mentions to build a `Doc` without NER, the seed articles, and the
//! seed articles prepared through the real stages, which the benches reuse).

mod support;

mod coref;
mod coref_mentions;
mod events_actor_codes;
mod events_frame;
mod events_parse;
mod events_rules;
mod events_seeds;
mod events_sense;
mod mentions;
mod ner_model;
mod ner_seeds;
mod ner_tokenize_props;
mod pipeline_props;
mod quotes_cues;
mod quotes_pipeline;
mod quotes_real_shapes;
mod quotes_rules;
mod quotes_seeds;
mod quotes_split;
mod speakers;
mod syntax;
mod timex_rules;
mod timex_seeds;
