//! Timexes on the seed articles (hand-built docs: the real tokenizer/NER are not needed for timexes).

use crate::support;

use extract::timex;

fn values(name: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
    let (text, header) = support::seed(name);
    let o = support::owned(&text, published.or(header.as_deref()), &[]);
    let ts = timex::extract(&o.doc());
    if std::env::var("LEDE_DUMP").is_ok() {
        for t in &ts {
            eprintln!("{name} {:?} -> {:?} {:?}", t.text, t.value, t.precision);
        }
    }
    ts.into_iter().map(|t| (t.text, t.value)).collect()
}

fn has(v: &[(String, Option<String>)], text: &str, value: &str) -> bool {
    v.iter()
        .any(|(t, x)| t == text && x.as_deref() == Some(value))
}

#[test]
fn seed_000_wednesday_is_the_published_day() {
    let v = values("000", None);
    assert!(has(&v, "Wednesday", "2022-01-12"), "{v:?}");
    assert!(has(&v, "Wednesday night", "2022-01-12"), "{v:?}");
    assert!(has(&v, "Tuesday", "2022-01-11"), "{v:?}");
    assert!(has(&v, "the turn of January-February", "2022-01"), "{v:?}");
}

#[test]
fn seed_001_dates() {
    let v = values("001", None);
    assert!(has(&v, "This Wednesday, January 12", "2022-01-12"), "{v:?}");
    assert!(has(&v, "July 5, 2019", "2019-07-05"), "{v:?}");
    assert!(has(&v, "2016", "2016") && has(&v, "2014", "2014"), "{v:?}");
    assert!(has(&v, "January 12, 2022", "2022-01-12"), "{v:?}");
    assert!(has(&v, "Thursday", "2022-01-13"), "{v:?}");
    assert!(!v.iter().any(|(t, _)| t.contains("100")), "{v:?}");
}

#[test]
fn seed_002_without_published_date_stays_unresolved() {
    let v = values("002", None);
    assert!(
        v.iter().any(|(t, x)| t == "the 12th" && x.is_none()),
        "{v:?}"
    );
    assert!(has(&v, "December 3, 2021", "2021-12-03"), "{v:?}");
    let v = values("002", Some("2022-01-13"));
    assert!(has(&v, "the 12th", "2022-01-12"), "{v:?}");
    assert!(
        has(&v, "January 13", "2022-01-13") && has(&v, "January 10", "2022-01-10"),
        "{v:?}"
    );
}

#[test]
fn seed_003_dates() {
    let v = values("003", Some("2022-01-12"));
    assert!(has(&v, "Monday, 10", "2022-01-10"), "{v:?}");
    assert!(has(&v, "this Thursday, 13", "2022-01-13"), "{v:?}");
    assert!(has(&v, "two decades ago", "2002"), "{v:?}");
    assert!(
        has(&v, "last year", "2021") && has(&v, "Last month", "2021-12"),
        "{v:?}"
    );
    assert!(
        has(&v, "1997", "1997") && has(&v, "1949", "1949") && has(&v, "2008", "2008"),
        "{v:?}"
    );
    assert!(
        !v.iter().any(|(t, _)| t == "10" || t.contains("10,000")),
        "{v:?}"
    );
}

#[test]
fn seed_004_dates() {
    let v = values("004", Some("2022-01-13"));
    assert!(
        has(&v, "Yesterday", "2022-01-12") && has(&v, "yesterday", "2022-01-12"),
        "{v:?}"
    );
    assert!(
        has(&v, "January 9", "2022-01-09") && has(&v, "10", "2022-01-10"),
        "{v:?}"
    );
}
