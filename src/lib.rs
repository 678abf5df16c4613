//! The `lede` orchestrator: wires `ingest`, `clean`, `extract` and `export` into batch runs and a
//! daemon.
//!
//! - [`engine::Engine`]: one output folder; scan, plan, process and commit batches, a module per
//!   phase (`engine/{plan,process,commit,corpus}.rs`).
//! - [`cli`]: the `lede` command line (the binary and the Python package's script call it).
//! - [`texts`]: extraction over Arrow tables of texts, the path of the Python package
//!   (`crates/python`): the same per-item processing and row building as `lede run`.
//! - [`commands`]: `run`, `status`, `compact` as the CLI calls them.
//! - [`daemon`]: `watch`: the engine driven by notifications, polls and signals.
//! - [`eval`]: `lede eval`: scoring against the gold data in `../shared/data`.
//! - [`config`], [`logging`], [`human`]: options and their defaults; tracing setup; numbers and
//!   durations in messages.
//! - [`progress`]: what a terminal shows while lede works (`run`'s bar, `watch`'s status line).
//! - [`report`]: `lede report`: one self-contained HTML page (timeline, speakers, entities,
//!   co-mentions, failures) from the tables of an output folder.

pub mod cli;
pub mod commands;
pub mod config;
pub mod daemon;
pub mod engine;
pub mod eval;
pub mod human;
pub mod logging;
pub mod progress;
pub mod report;
pub mod texts;
