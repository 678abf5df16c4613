//! The `lede` orchestrator: wires `ingest`, `clean`, `extract` and `export` into batch runs and a
//! daemon.
//!
//! - [`engine::Engine`]: one output folder; scan, plan, process and commit batches.
//! - [`commands`]: `run`, `status`, `compact` as the CLI calls them.
//! - [`process`]: one file cleaned and extracted in isolation (budgets, panics, large stacks).
//! - [`daemon`]: `watch`: the engine driven by notifications, polls and signals.
//! - [`eval`]: `lede eval`: scoring against the gold data in `../shared/data`.
//! - [`config`], [`logging`]: options and their defaults; tracing setup.

pub mod commands;
pub mod config;
pub mod corpus;
pub mod daemon;
pub mod engine;
pub mod eval;
pub mod logging;
pub mod process;
