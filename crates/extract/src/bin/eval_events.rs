//! `eval-events`: event clustering evaluations on ECB+ and MEANTIME with the real pipeline.
//!
//! ```text
//! cargo run --release -p extract --bin eval-events -- \
//!     [--data data] [--ecbplus ../shared/data/ecbplus] [--meantime ../shared/data/meantime_newsreader_en] \
//!     [--split test|dev|train|traindev|all]...
//! ```
//!
//! Without `--split` the ECB+ report covers test topics and all documents. Tune on `traindev` only.

use extract::events::{eval_ecbplus, eval_meantime_events, TopicSplit};
use extract::{Pipeline, Resources};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut data = PathBuf::from("data");
    let (mut ecb, mut mt) = (None, None);
    let mut splits = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let v = args.next();
        match (a.as_str(), v) {
            ("--data", Some(v)) => data = v.into(),
            ("--ecbplus", Some(v)) => ecb = Some(PathBuf::from(v)),
            ("--meantime", Some(v)) => mt = Some(PathBuf::from(v)),
            ("--split", Some(v)) => splits.push(match v.as_str() {
                "test" => TopicSplit::Test,
                "dev" => TopicSplit::Dev,
                "train" => TopicSplit::Train,
                "traindev" => TopicSplit::TrainDev,
                "all" => TopicSplit::All,
                other => {
                    eprintln!("unknown split {other}");
                    return ExitCode::from(2);
                }
            }),
            (a, _) => {
                eprintln!("unknown or incomplete argument {a}");
                return ExitCode::from(2);
            }
        }
    }
    if splits.is_empty() {
        splits = vec![TopicSplit::Test, TopicSplit::All];
    }
    let t = std::time::Instant::now();
    let pipeline = match Resources::load(&data) {
        Ok(r) => Pipeline::new(r),
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::FAILURE;
        }
    };
    eprintln!("resources loaded in {:.1?}", t.elapsed());
    let mut ok = true;
    if let Some(dir) = ecb {
        let t = std::time::Instant::now();
        match eval_ecbplus(&dir, &pipeline, &splits) {
            Ok(s) => print!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                ok = false;
            }
        }
        eprintln!("ECB+ in {:.1?}", t.elapsed());
    }
    if let Some(dir) = mt {
        let t = std::time::Instant::now();
        match eval_meantime_events(&dir, &pipeline) {
            Ok(s) => print!("{s}"),
            Err(e) => {
                eprintln!("{e}");
                ok = false;
            }
        }
        eprintln!("MEANTIME in {:.1?}", t.elapsed());
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
