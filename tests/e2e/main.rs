//! The end-to-end tests of the `lede` binary, one test binary: runs and their tables (`run`),
//! hostile inboxes (`hostile`), the daemon (`daemon`), kills and injected failures at each step of
//! the commit protocol (`crash`), generated histories of inbox changes (`histories`) and the opt-in
//! `tokens` table (`tokens`), the parse by default and `--no-parse` (`parse`), what a user reads
//! of a run: logs and summaries (`logs`), and the schema version of an output folder (`schema`: an older or a newer one is refused, naming its rebuild),
//! the installed binary with its built-in models (`install`), `lede report` and its page in a
//! headless browser (`report`).
//! `common` holds the helpers (running the binary, reading the tables back).

mod common;
mod crash;
mod daemon;
mod histories;
mod hostile;
mod install;
mod logs;
mod parse;
mod report;
mod run;
mod schema;
mod tokens;
