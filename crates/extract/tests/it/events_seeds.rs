//! Events on the seed articles (crate tokenizer and sentence splitter, hand-written entities, the
//! real timexes), and their cluster ids across articles.

use crate::support;

use extract::events::{self, CameoLexicon};
use extract::timex;
use model::Event;

fn lexicon() -> CameoLexicon {
    CameoLexicon::builtin()
}

/// Published dates: the header's when there is one, else the date the article states
/// (what the clean crate would find in a real run).
fn published(name: &str, header: Option<String>) -> Option<String> {
    header.or(match name {
        "002" => Some("2022-01-13".into()),
        "003" => Some("2022-01-12".into()),
        "004" => Some("2022-01-13".into()),
        _ => None,
    })
}

fn run(name: &str, lex: &CameoLexicon) -> Vec<Event> {
    let (text, header) = support::seed(name);
    let o = support::owned_real(
        &text,
        published(name, header).as_deref(),
        &support::seed_entities(),
    );
    let doc = o.doc();
    let ts = timex::extract(&doc);
    let evs = events::extract(&doc, &ts, lex);
    if std::env::var("LEDE_DUMP").is_ok() {
        for e in &evs {
            eprintln!(
                "{name} {} {} {:?} a1={:?} a2={:?} loc={:?} date={:?} neg={} mod={} {} :: {}",
                e.cameo_code,
                e.label,
                e.trigger,
                e.actor1,
                e.actor2,
                e.location,
                e.date,
                e.negated,
                e.modality,
                e.cluster_id,
                o.sentences[e.sentence]
                    .span
                    .slice(&o.text)
                    .chars()
                    .take(80)
                    .collect::<String>()
            );
        }
    }
    evs
}

fn clusters_of(evs: &[Event], root: &str, date: &str, place: &str) -> Vec<String> {
    evs.iter()
        .filter(|e| {
            e.cameo_root == root
                && e.date.map(|d| d.to_string()).as_deref() == Some(date)
                && e.location
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case(place))
        })
        .map(|e| e.cluster_id.clone())
        .collect()
}

#[test]
fn seed_clusters_across_articles() {
    let lex = lexicon();
    let all: Vec<(String, Vec<Event>)> = ["000", "001", "002", "003", "004"]
        .iter()
        .map(|n| (n.to_string(), run(n, &lex)))
        .collect();
    // the Brussels meeting on 2022-01-12: one cluster, reported by several articles
    let mut brussels: Vec<(String, String)> = Vec::new();
    for (n, evs) in &all {
        for c in clusters_of(evs, "04", "2022-01-12", "Brussels") {
            brussels.push((n.clone(), c));
        }
    }
    let ids: std::collections::HashSet<&String> = brussels.iter().map(|(_, c)| c).collect();
    let arts: std::collections::HashSet<&String> = brussels.iter().map(|(n, _)| n).collect();
    assert_eq!(ids.len(), 1, "{brussels:?}");
    assert!(arts.len() >= 3, "{brussels:?}");
    let brussels_id = ids.into_iter().next().unwrap().clone();
    // Geneva (2022-01-10) and Vienna (2022-01-13): their own clusters
    let mut geneva = std::collections::HashSet::new();
    let mut vienna = std::collections::HashSet::new();
    let mut geneva_arts = std::collections::HashSet::new();
    let mut vienna_arts = std::collections::HashSet::new();
    for (n, evs) in &all {
        for c in clusters_of(evs, "04", "2022-01-10", "Geneva") {
            geneva.insert(c);
            geneva_arts.insert(n.clone());
        }
        for c in clusters_of(evs, "04", "2022-01-13", "Vienna") {
            vienna.insert(c);
            vienna_arts.insert(n.clone());
        }
    }
    assert_eq!(geneva.len(), 1, "{geneva:?}");
    assert_eq!(vienna.len(), 1, "{vienna:?}");
    assert!(
        geneva_arts.len() >= 2 && vienna_arts.len() >= 2,
        "{geneva_arts:?} {vienna_arts:?}"
    );
    assert!(!geneva.contains(&brussels_id) && !vienna.contains(&brussels_id));
    assert_ne!(geneva, vienna);
}

#[test]
fn seed_events_are_coded() {
    let lex = lexicon();
    let e1 = run("001", &lex);
    let met = e1
        .iter()
        .find(|e| e.trigger == "met" && e.location.as_deref() == Some("Brussels"))
        .expect("met in Brussels");
    assert_eq!(met.cameo_root, "04");
    assert_eq!(met.quad_class, Some(1));
    assert!(met.goldstein.is_some());
    assert_eq!(
        met.date.map(|d| d.to_string()).as_deref(),
        Some("2022-01-12")
    );
    assert_eq!(met.modality, "asserted");
    let mut actors = [met.actor1.clone(), met.actor2.clone()];
    actors.sort();
    assert!(actors.iter().flatten().any(|a| a == "Russia"), "{met:?}");
    let vienna = e1
        .iter()
        .find(|e| e.location.as_deref() == Some("Vienna"))
        .expect("Vienna talks");
    assert_eq!(vienna.modality, "planned");
    assert_eq!(
        vienna.date.map(|d| d.to_string()).as_deref(),
        Some("2022-01-13")
    );
    // annexation of Crimea in 2014
    assert!(
        e1.iter().any(|e| e.cameo_root == "19"
            && e.date.map(|d| d.to_string()).as_deref() == Some("2014-01-01")),
        "{e1:#?}"
    );
    // "did not make any meaningful breakthrough": negated
    let e2 = run("002", &lex);
    assert!(e2.iter().any(|e| e.negated), "{e2:#?}");
    // plain "X said" is never an event
    for (_, evs) in ["000", "001", "002", "003", "004"]
        .iter()
        .map(|n| (n, run(n, &lex)))
    {
        assert!(evs
            .iter()
            .all(|e| !matches!(e.trigger.to_lowercase().as_str(), "said" | "says" | "told")));
        assert!(evs.iter().all(|e| e.cameo_root != "01"));
    }
}
