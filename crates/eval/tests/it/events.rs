//! The CAMEO coding scorer on PETRARCH2's validation records (skipped when absent).

#[test]
fn petrarch_validation_records() {
    let Some(base) = &crate::gold("cameo_petrarch2/petrarch2/data") else {
        return;
    };
    let report = eval::events::eval_petrarch(
        &base.join("text/PETR.UnitTest.records.xml"),
        &base.join("dictionaries"),
    )
    .unwrap();
    eprintln!("{report}");
    assert!(
        report.contains("284 records") || report.contains("records"),
        "{report}"
    );
}
