//! The `lede` command line: run, watch, rebuild, status, compact, path, report, eval, completions,
//! man.
//! [`main`] is the whole program: the `lede` binary (`src/main.rs`) and the `lede` script of the
//! Python package (`crates/python`) both call it.

use crate as lede;
use anyhow::Result;
use clap::{Args, Parser, Subcommand, ValueEnum};
use lede::config::{self, Options};
use std::ffi::OsString;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(
    name = "lede",
    version,
    about = "News articles in, clean queryable Parquet facts out: entities, quotes, events."
)]
struct Cli {
    /// Print only warnings and errors (no progress bar or status line).
    #[arg(long, global = true)]
    quiet: bool,
    /// Log format on stderr.
    #[arg(long, global = true, value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Process what is new, changed or deleted in INBOX since the last run, then exit.
    Run(RunArgs),
    /// The same, continuously, as a daemon (SIGINT/SIGTERM: finish the batch, commit, exit 0).
    Watch {
        #[command(flatten)]
        run: RunArgs,
        /// Poll the inbox every SECS seconds instead of using filesystem notifications (NFS, containers).
        #[arg(long, value_name = "SECS")]
        poll: Option<f64>,
        /// Full reconcile scan at least every SECS seconds even without notifications.
        #[arg(long, value_name = "SECS", default_value_t = 30.0)]
        reconcile: f64,
        /// While other files are still being written, settled files wait up to SECS seconds to fill a
        /// batch of --max-batch (0: commit whatever is ready at once). An idle inbox never waits.
        #[arg(long, value_name = "SECS", default_value_t = config::DEFAULT_MAX_WAIT_MS as f64 / 1000.0)]
        max_wait: f64,
        /// Compact when the tables have more than this many part files.
        #[arg(long, default_value_t = 64)]
        compact_parts: usize,
        /// Exit non-zero (for a supervisor to restart lede) after N passes in a row failed; each
        /// failure is followed by recovery and a retry (0: retry forever).
        #[arg(long, value_name = "N", default_value_t = 5)]
        max_failed_passes: u32,
    },
    /// Discard OUT's ledger, tables and snapshots, then process INBOX from zero like `run`.
    Rebuild(RunArgs),
    /// What is done, pending, failed (and why), the last batch and the lag.
    Status {
        #[arg(long)]
        out: PathBuf,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Merge small part files into bigger ones (same atomic commit as a batch).
    Compact {
        #[arg(long)]
        out: PathBuf,
        /// Articles per merged part.
        #[arg(long, default_value_t = 20_000)]
        max_articles: usize,
        /// A folder whose models/ replace the built-in ones (default: $LEDE_DATA, else built in).
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
        #[arg(long, value_name = "SECS", default_value_t = DEFAULT_KEEP_SECS)]
        keep_snapshots: f64,
    },
    /// Print the folder of the published snapshot (or of TABLE in it): a read path that does not
    /// change under a reader while lede commits.
    Path {
        #[arg(long)]
        out: PathBuf,
        table: Option<String>,
    },
    /// Write one self-contained HTML page about OUT's tables: a timeline of events, the top
    /// speakers and their quotes, the top entities, who is mentioned with whom, the failures.
    Report {
        /// The output folder of `lede run` or `lede watch` (its current snapshot is read).
        #[arg(long)]
        out: PathBuf,
        /// Where to write the page (default: OUT/report.html).
        #[arg(long, value_name = "FILE")]
        html: Option<PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell) on stdout.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff) on stdout: `lede man | man -l -`.
    Man,
    /// Score lede against gold data (see docs/MODEL.md).
    Eval {
        #[command(subcommand)]
        what: lede::eval::EvalCommand,
    },
}

#[derive(Args)]
struct RunArgs {
    /// The folder of articles (read only, never modified).
    inbox: PathBuf,
    /// The output folder: one sub-folder of Parquet files per table, state in OUT/.lede.
    #[arg(long)]
    out: PathBuf,
    /// Seconds a file's size and mtime must be still before it is read.
    #[arg(long, value_name = "SECS", default_value_t = config::DEFAULT_SETTLE_MS as f64 / 1000.0)]
    settle: f64,
    /// Files per batch (and per part file).
    #[arg(long, default_value_t = config::DEFAULT_MAX_BATCH)]
    max_batch: usize,
    /// Files larger than this many bytes are recorded as failures, not read.
    #[arg(long, default_value_t = config::DEFAULT_MAX_FILE_BYTES)]
    max_file_bytes: u64,
    /// Failures of one file (across its changes) before it is quarantined.
    #[arg(long, default_value_t = config::DEFAULT_MAX_TRIES)]
    max_tries: u32,
    /// Use a file's modification time as its published date when nothing else gives one.
    #[arg(long)]
    date_from_mtime: bool,
    /// Follow links that lead outside the inbox (by default only links inside it are followed).
    #[arg(long)]
    follow_links: bool,
    /// Seconds one file may take to clean and extract; over it, the file is a failure.
    #[arg(long, value_name = "SECS", default_value_t = config::DEFAULT_ARTICLE_TIMEOUT_SECS)]
    article_timeout: f64,
    /// A folder whose models/ (ner.bin, syntax.bin) replace the models built into lede (default:
    /// $LEDE_DATA when set, else the built-in models).
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
    /// Also write the `tokens` table (one row per syntactic word: tags, lemma, dependency). Fixed
    /// when OUT is created and remembered: later runs keep writing it with or without the flag; on
    /// an OUT created without it the flag is refused (`lede rebuild ... --tokens` adds it).
    #[arg(long)]
    tokens: bool,
    /// Skip the dependency parse and coreference (about 2.5 times less CPU): quotes whose speaker
    /// is written as a pronoun or a description keep the older rules' person. Fixed when OUT is
    /// created and remembered, like --tokens (which needs the parse).
    #[arg(long, conflicts_with = "tokens")]
    no_parse: bool,
    /// A superseded snapshot is kept this many seconds for readers that resolved its path.
    #[arg(long, value_name = "SECS", default_value_t = DEFAULT_KEEP_SECS)]
    keep_snapshots: f64,
}

const DEFAULT_KEEP_SECS: f64 = export::store::DEFAULT_KEEP.as_secs() as f64;

fn secs(s: f64) -> Duration {
    Duration::from_secs_f64(s.max(0.0))
}

impl RunArgs {
    fn mode(&self, rebuild: bool) -> lede::commands::RunMode {
        lede::commands::RunMode {
            rebuild,
            keep_snapshots: secs(self.keep_snapshots),
        }
    }

    fn options(&self) -> Options {
        Options {
            inbox: self.inbox.clone(),
            out: self.out.clone(),
            models: config::models(self.data.as_deref()),
            settle: Duration::from_secs_f64(self.settle.max(0.0)),
            max_batch: self.max_batch.max(1),
            max_wait: Duration::ZERO,
            max_file_bytes: self.max_file_bytes,
            max_tries: self.max_tries.max(1),
            article_timeout: Duration::from_secs_f64(self.article_timeout.max(0.001)),
            scan: ingest::scan::ScanOptions {
                follow_links: self.follow_links,
            },
            clean: clean::CleanOptions {
                date_from_mtime: self.date_from_mtime,
            },
            tokens: self.tokens,
            no_parse: self.no_parse,
        }
    }
}

/// Runs the command line `args` (the program name first), as the `lede` binary does.
pub fn main<I, T>(args: I) -> ExitCode
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = Cli::parse_from(args);
    let json = matches!(cli.log_format, LogFormat::Json);
    lede::logging::init(cli.quiet, json);
    lede::logging::quiet_panics();
    match dispatch(cli) {
        Ok(code) => code,
        Err(e) => {
            if json {
                tracing::error!(error = format!("{e:#}"), "lede: error");
            } else {
                eprintln!("lede: error: {e:#}");
            }
            ExitCode::from(2)
        }
    }
}

fn dispatch(cli: Cli) -> Result<ExitCode> {
    let ui = lede::commands::Ui {
        quiet: cli.quiet,
        json: matches!(cli.log_format, LogFormat::Json),
    };
    match cli.command {
        Command::Run(args) => lede::commands::run(args.options(), args.mode(false), ui),
        Command::Rebuild(args) => lede::commands::run(args.options(), args.mode(true), ui),
        Command::Watch {
            run,
            poll,
            reconcile,
            max_wait,
            compact_parts,
            max_failed_passes,
        } => lede::daemon::watch(
            Options {
                max_wait: Duration::from_secs_f64(max_wait.max(0.0)),
                ..run.options()
            },
            lede::daemon::WatchOptions {
                poll: poll.map(Duration::from_secs_f64),
                reconcile: Duration::from_secs_f64(reconcile.max(0.1)),
                compact_parts,
                max_failed_passes,
                keep_snapshots: secs(run.keep_snapshots),
            },
            ui,
        ),
        Command::Status { out, json } => lede::commands::status(&out, json),
        Command::Compact {
            out,
            max_articles,
            data,
            keep_snapshots,
        } => lede::commands::compact(
            &out,
            config::models(data.as_deref()),
            max_articles,
            secs(keep_snapshots),
        ),
        Command::Path { out, table } => lede::commands::path(&out, table.as_deref()),
        Command::Report { out, html } => lede::report::run(&out, html.as_deref()),
        Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut cmd = Cli::command();
            clap_complete::generate(shell, &mut cmd, "lede", &mut std::io::stdout());
            Ok(ExitCode::SUCCESS)
        }
        Command::Man => {
            use clap::CommandFactory;
            clap_mangen::Man::new(Cli::command()).render(&mut std::io::stdout())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval { what } => lede::eval::run(what),
    }
}
