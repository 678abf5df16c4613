//! The TempEval-3 scorer on the platinum test data (skipped when the gold data is absent).

#[test]
fn tempeval3_platinum_scores() {
    let Some(dir) = &crate::gold("tempeval3_timebank/data/TempEval3/Evaluation/te3-platinum")
    else {
        return;
    };
    let report = eval::timex::eval_tempeval(dir).unwrap();
    eprintln!("{report}");
    assert!(report.contains("20 documents"), "{report}");
}
