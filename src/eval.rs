//! `lede eval`: scoring against the public gold data (`../shared/data`, see its README). Each scorer
//! lives beside the stage it measures (in `extract`); this module parses the command line, finds the
//! data and prints the report.

use anyhow::Result;
use clap::Subcommand;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// `../shared/data` beside the source tree (or `$LEDE_GOLD`).
fn gold(rel: &str) -> PathBuf {
    let base = std::env::var_os("LEDE_GOLD")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    base.join(rel)
}

#[derive(Subcommand)]
pub enum EvalCommand {
    /// Named entities: conlleval-style precision/recall/F1 per type, last line `overall precision P recall R f1 F`.
    Ner {
        /// A CoNLL-2003 file (iob1 eng.testb, or CoNLL++ in iob2).
        #[arg(long, conflicts_with = "meantime")]
        conll: Option<PathBuf>,
        /// The MEANTIME folder (PER/ORG/LOC; types mapped as docs/MODEL.md says).
        #[arg(long)]
        meantime: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Temporal expressions on TimeML data (default: TempEval-3 platinum): strict/relaxed extent F1,
    /// value accuracy. `--meantime [DIR]`: on MEANTIME instead, each document anchored on its DCT.
    Timex {
        #[arg(long, conflicts_with = "meantime")]
        dir: Option<PathBuf>,
        #[arg(long, value_name = "DIR", num_args = 0..=1)]
        meantime: Option<Option<PathBuf>>,
    },
    /// Quotes on a PolNeAR split (default: test): content F1 at 0.3/0.8 overlap and exact, cue and speaker accuracy.
    Quotes {
        #[arg(long)]
        split: Option<PathBuf>,
        /// Also write every quote found, one line each (`<article>\t<quote>`), to this file.
        #[arg(long, value_name = "FILE")]
        dump: Option<PathBuf>,
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Tags, lemmas and dependencies on UD English (default: EWT test, gold tokens): one line each
    /// `UPOS`, `XPOS`, `Lemmas`, `UAS`, `LAS` in percent (CoNLL 2018: punctuation counted, relation
    /// subtypes ignored); `--raw`: from the raw text, F1 by character alignment.
    Syntax(SyntaxArgs),
    /// Coreference on GUM's gold chains (default: GUM test), from raw text through the whole
    /// pipeline: one line each `MUC`, `B3`, `CEAF-e`, `CoNLL F1` and `pronoun accuracy` in percent,
    /// for all documents, then for news, interview and bio.
    Coref {
        #[arg(long)]
        conllu: Option<PathBuf>,
        /// Only the documents of this GUM genre (`news`, `bio`...).
        #[arg(long)]
        genre: Option<String>,
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
    /// Main text of web pages on the article extraction benchmark (181 pages): one line each
    /// `F1`, `precision`, `recall`, `accuracy` (4-token shingles, as the benchmark) and `pages`.
    Html {
        #[arg(long)]
        dir: Option<PathBuf>,
        /// First one line per page, worst first: `page P R =|~ ID URL`.
        #[arg(long)]
        verbose: bool,
        /// Write each page's truth and lede's text to this folder.
        #[arg(long, value_name = "DIR")]
        dump: Option<PathBuf>,
    },
    /// CAMEO coding on PETRARCH2's validation records: share of expected codings produced. With
    /// `--ecbplus` / `--meantime`: event clustering instead (document clustering B-cubed/pairwise on
    /// ECB+ test topics and all topics; cross-document event coreference on MEANTIME).
    Events {
        #[arg(long, conflicts_with_all = ["ecbplus", "meantime"])]
        records: Option<PathBuf>,
        #[arg(long, conflicts_with_all = ["ecbplus", "meantime"])]
        dictionaries: Option<PathBuf>,
        /// The ECB+ folder (with doc_clusters.tsv).
        #[arg(long, value_name = "DIR", num_args = 0..=1)]
        ecbplus: Option<Option<PathBuf>>,
        /// The MEANTIME folder.
        #[arg(long, value_name = "DIR", num_args = 0..=1)]
        meantime: Option<Option<PathBuf>>,
        /// With `--ecbplus`: the topic splits reported (default: test and all; tune on traindev).
        #[arg(long, value_enum, requires = "ecbplus")]
        split: Vec<Split>,
        #[arg(long, value_name = "DIR")]
        data: Option<PathBuf>,
    },
}

/// The syntax stage on a UD CoNLL-U file (`--conllu`, default EWT test).
#[derive(clap::Args)]
pub struct SyntaxArgs {
    #[arg(long)]
    conllu: Option<PathBuf>,
    /// From the raw `# text` through lede's tokenizer and sentence splitter, scored by character
    /// alignment as the CoNLL 2018 shared task (F1 of tokens, sentences, words, tags, lemmas, UAS, LAS).
    #[arg(long)]
    raw: bool,
    /// Only the sentences of GUM documents of this genre (`news`, `bio`...).
    #[arg(long)]
    genre: Option<String>,
    #[arg(long, value_name = "DIR")]
    data: Option<PathBuf>,
}

fn eval_syntax(a: SyntaxArgs) -> Result<String> {
    use ::eval::syntax::{align, conllu, score, system};
    let model = crate::config::models(a.data.as_deref()).syntax()?;
    let path = a
        .conllu
        .unwrap_or_else(|| gold("ud_english/en_ewt-ud-test.conllu"));
    let mut sentences = conllu::read(&path)?;
    if let Some(g) = &a.genre {
        sentences = conllu::filter_gum_genre(&sentences, g);
    }
    Ok(if a.raw {
        align::score_raw(&sentences, &system::Raw(&model))?.report()
    } else {
        score::score_gold(&sentences, &system::Gold(&model)).report()
    })
}

/// ECB+ topic splits (`--split`).
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Split {
    Test,
    Dev,
    Train,
    Traindev,
    All,
}

impl From<Split> for ::eval::events::TopicSplit {
    fn from(s: Split) -> Self {
        use ::eval::events::TopicSplit as T;
        match s {
            Split::Test => T::Test,
            Split::Dev => T::Dev,
            Split::Train => T::Train,
            Split::Traindev => T::TrainDev,
            Split::All => T::All,
        }
    }
}

pub fn run(cmd: EvalCommand) -> Result<ExitCode> {
    let report = match cmd {
        EvalCommand::Syntax(a) => eval_syntax(a)?,
        EvalCommand::Coref {
            conllu,
            genre,
            data,
        } => {
            let res =
                extract::Resources::from_source(&crate::config::models(data.as_deref()), true)?;
            let path = conllu.unwrap_or_else(|| gold("ud_english/en_gum-ud-test.conllu"));
            ::eval::coref::eval_coref(&extract::Pipeline::new(res), &path, genre.as_deref())?
                .lines()
        }
        EvalCommand::Html { dir, verbose, dump } => ::eval::html::eval_html(
            &dir.unwrap_or_else(|| gold("article_extraction_benchmark")),
            verbose,
            dump.as_deref(),
        )?,
        EvalCommand::Ner {
            conll,
            meantime,
            data,
        } => {
            let model = crate::config::models(data.as_deref()).ner()?;
            match (conll, meantime) {
                (Some(f), _) => ::eval::ner::eval_conll(&model, &f)?,
                (None, Some(d)) => ::eval::ner::eval_meantime(&model, &d)?,
                (None, None) => {
                    ::eval::ner::eval_conll(&model, &gold("conll2003/iob1_original/eng.testb"))?
                }
            }
        }
        EvalCommand::Timex {
            meantime: Some(dir),
            ..
        } => {
            // The intra-document annotation (the cross-document folder holds the same 120 texts).
            let all = "meantime_newsreader_en/data/meantime_newsreader_english_oct15";
            ::eval::timex::eval_meantime(
                &dir.unwrap_or_else(|| gold(&format!("{all}/intra-doc_annotation"))),
            )?
        }
        EvalCommand::Timex { dir, .. } => {
            ::eval::timex::eval_tempeval(&dir.unwrap_or_else(|| {
                gold("tempeval3_timebank/data/TempEval3/Evaluation/te3-platinum")
            }))?
        }
        EvalCommand::Quotes { split, dump, data } => {
            let res =
                extract::Resources::from_source(&crate::config::models(data.as_deref()), true)?;
            let pipeline = extract::Pipeline::new(res);
            ::eval::polnear::eval_polnear_dump(
                &split.unwrap_or_else(|| gold("polnear/data/test")),
                &pipeline,
                dump.as_deref(),
            )?
        }
        EvalCommand::Events {
            ecbplus,
            meantime,
            split,
            data,
            ..
        } if ecbplus.is_some() || meantime.is_some() => {
            let res =
                extract::Resources::from_source(&crate::config::models(data.as_deref()), true)?;
            let pipeline = extract::Pipeline::new(res);
            let or_gold = |p: Option<PathBuf>, rel: &str| p.unwrap_or_else(|| gold(rel));
            let mut report = String::new();
            if let Some(dir) = ecbplus {
                use ::eval::events::TopicSplit;
                let splits: Vec<TopicSplit> = if split.is_empty() {
                    vec![TopicSplit::Test, TopicSplit::All]
                } else {
                    split.into_iter().map(TopicSplit::from).collect()
                };
                report +=
                    &::eval::events::eval_ecbplus(&or_gold(dir, "ecbplus"), &pipeline, &splits)?;
            }
            if let Some(dir) = meantime {
                if !report.is_empty() && !report.ends_with('\n') {
                    report.push('\n');
                }
                report += &::eval::events::eval_meantime_events(
                    &or_gold(dir, "meantime_newsreader_en"),
                    &pipeline,
                )?;
            }
            report
        }
        EvalCommand::Events {
            records,
            dictionaries,
            ..
        } => {
            let base = gold("cameo_petrarch2/petrarch2/data");
            ::eval::events::eval_petrarch(
                &records.unwrap_or_else(|| base.join("text/PETR.UnitTest.records.xml")),
                &dictionaries.unwrap_or_else(|| base.join("dictionaries")),
            )?
        }
    };
    print!("{report}");
    if !report.ends_with('\n') {
        println!();
    }
    Ok(ExitCode::SUCCESS)
}
