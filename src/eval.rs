//! `lede eval`: scoring against the public gold data (`../shared/data`). Each scorer lives beside
//! the stage it measures (in `extract`); this module only parses the command line and prints.

use anyhow::Result;
use clap::Subcommand;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Named entities: conlleval-style precision/recall/F1 per type and overall.
    Ner {
        /// A CoNLL-2003 file (iob1 eng.testb, or CoNLL++ in iob2).
        #[arg(long, conflicts_with = "meantime")]
        conll: Option<PathBuf>,
        /// The MEANTIME folder (PER/ORG/LOC).
        #[arg(long)]
        meantime: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    match cmd {
        EvalCommand::Ner {
            conll,
            meantime,
            data,
        } => {
            let dir = crate::config::data_dir(data.as_deref()).join("models");
            let model = extract::ner::NerModel::load(&dir)?;
            let report = match (conll, meantime) {
                (Some(f), _) => extract::ner::eval_conll(&model, &f)?,
                (None, Some(d)) => extract::ner::eval_meantime(&model, &d)?,
                (None, None) => anyhow::bail!("give --conll FILE or --meantime DIR"),
            };
            print!("{report}");
            Ok(ExitCode::SUCCESS)
        }
    }
}
