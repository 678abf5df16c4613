//! Event coding on small hand-built documents: codes, actors, place, date, negation, modality,
//! cluster ids, and the lexicon loader.

use crate::support;

use extract::events::{self, CameoLexicon};
use extract::timex;
use model::{EntityLabel, Event};
use EntityLabel::*;

const ENTS: &[(&str, EntityLabel, &str)] = &[
    ("NATO", Org, "NATO"),
    ("Russia", Loc, "Russia"),
    ("Ukraine", Loc, "Ukraine"),
    ("Brussels", Loc, "Brussels"),
    ("Belgium", Loc, "Belgium"),
    ("Vienna", Loc, "Vienna"),
    ("OSCE", Org, "OSCE"),
];

fn run(text: &str, published: Option<&str>) -> Vec<Event> {
    let lex = CameoLexicon::builtin();
    let o = support::owned(text, published, ENTS);
    let d = o.doc();
    let ts = timex::extract(&d);
    events::extract(&d, &ts, &lex)
}

#[test]
fn meeting_with_actors_place_and_date() {
    let evs = run(
        "NATO and Russia met in Brussels, Belgium on Wednesday.",
        Some("2022-01-12"),
    );
    let e = evs.iter().find(|e| e.trigger == "met").expect("met");
    assert_eq!(
        (e.cameo_code.as_str(), e.cameo_root.as_str()),
        ("040", "04")
    );
    assert_eq!(e.label, "Consult, not specified below");
    assert_eq!(e.quad_class, Some(1));
    assert_eq!(e.goldstein, Some(1.0));
    assert_eq!(e.actor1.as_deref(), Some("NATO"));
    assert_eq!(e.actor2.as_deref(), Some("Russia"));
    assert_eq!(e.actor1_entity_id.as_deref(), Some("E-nato"));
    assert_eq!(e.location.as_deref(), Some("Brussels"));
    assert_eq!(e.date.map(|d| d.to_string()).as_deref(), Some("2022-01-12"));
    assert_eq!(e.date_text.as_deref(), Some("Wednesday"));
    assert!(!e.negated);
    assert_eq!(e.modality, "asserted");
    assert!(e.event_id.is_empty());
    assert!(e.cluster_id.starts_with('C') && e.cluster_id.len() == 17);
}

#[test]
fn same_event_same_cluster_in_two_articles() {
    let a = run(
        "NATO and Russia held talks in Brussels on Wednesday.",
        Some("2022-01-12"),
    );
    let b = run(
        "On January 12, Russia and NATO met in Brussels for four hours.",
        Some("2022-01-13"),
    );
    let c = run(
        "Russia will hold talks with the OSCE in Vienna on Thursday.",
        Some("2022-01-12"),
    );
    let (a, b, c) = (&a[0], &b[0], &c[0]);
    assert_eq!(a.cluster_id, b.cluster_id, "{a:#?} {b:#?}");
    assert_ne!(a.cluster_id, c.cluster_id);
    assert_eq!(c.modality, "planned");
    assert_eq!(c.date.map(|d| d.to_string()).as_deref(), Some("2022-01-13"));
}

#[test]
fn undated_events_cluster_by_family_and_place_on_the_publication_day() {
    // no date and no publication date: same family and place, nothing bounds the time
    let a = run("NATO and Russia met in Brussels.", None);
    let b = run(
        "NATO and Russia met in Brussels to talk about Ukraine.",
        None,
    );
    assert_eq!(a[0].date, None);
    assert_eq!(a[0].cluster_id, b[0].cluster_id, "{a:#?} {b:#?}");
    // reports published the same day agree, other days do not
    let c = run("NATO and Russia met in Brussels.", Some("2022-01-12"));
    let d = run(
        "Russia and NATO met in Brussels for four hours.",
        Some("2022-01-12"),
    );
    let e = run("NATO and Russia met in Brussels.", Some("2022-02-20"));
    assert_eq!(c[0].date, None);
    assert_eq!(c[0].cluster_id, d[0].cluster_id);
    assert_ne!(c[0].cluster_id, e[0].cluster_id);
    assert_ne!(c[0].cluster_id, a[0].cluster_id);
    // an undated mention never joins the dated cluster of that day
    let f = run(
        "NATO and Russia met in Brussels on Wednesday.",
        Some("2022-01-12"),
    );
    assert!(f[0].date.is_some());
    assert_ne!(c[0].cluster_id, f[0].cluster_id);
    // without a place, the most specific actor anchors the event: other counterparts agree
    let g = run("NATO met with Russia.", Some("2022-01-12"));
    let h = run("Russia met with the OSCE.", Some("2022-01-12"));
    assert_eq!(g[0].cluster_id, h[0].cluster_id, "{g:#?} {h:#?}");
    // without place or actors only a verbatim repeat (syndicated copy) is the same report (such
    // an event is emitted only with an actor code from a description, `the two governments`)
    let key = |s: &str| events::cluster_id("04", None, None, None, [None, None], "met", s);
    let x = key("The two governments met for talks.");
    assert_ne!(x, key("The two governments met for long talks."));
    assert_eq!(x, key("The two governments met for talks."));
    // without a parse a description codes no actor: an event with no actor and no place is none
    assert!(run("The two sides met for talks.", None).is_empty());
}

#[test]
fn negation_and_modality() {
    let evs = run(
        "NATO and Russia did not make any meaningful breakthrough.",
        None,
    );
    assert!(evs.iter().any(|e| e.negated), "{evs:#?}");
    let evs = run("Russia may invade Ukraine.", None);
    assert_eq!(evs[0].modality, "possible");
    assert_eq!(evs[0].cameo_root, "19");
    let evs = run(
        "If Russia attacks Ukraine, NATO will impose sanctions.",
        None,
    );
    assert!(evs.iter().any(|e| e.modality == "conditional"), "{evs:#?}");
    assert!(
        evs.iter()
            .any(|e| e.cameo_code == "163" && e.modality == "planned"),
        "{evs:#?}"
    );
}

#[test]
fn scope_covers_posture_force_demands_rejections() {
    let evs = run(
        "Russia deployed troops near Ukraine. Russia annexed Crimea. NATO rejected the demand. \
         Russia demanded guarantees. Russia threatened a response.",
        None,
    );
    let roots: Vec<&str> = evs.iter().map(|e| e.cameo_root.as_str()).collect();
    for r in ["15", "19", "12", "10", "13"] {
        assert!(roots.contains(&r), "{r} missing: {evs:#?}");
    }
}

#[test]
fn plain_said_is_not_an_event() {
    let evs = run(
        "NATO said the door stays open. Russia told reporters it was calm.",
        None,
    );
    assert!(evs.is_empty(), "{evs:#?}");
}

#[test]
fn lexicon_loads_petrarch_patterns() {
    let lex = CameoLexicon::builtin();
    let (blocks, patterns) = lex.size();
    assert!(blocks > 300 && patterns > 3000, "{blocks} {patterns}");
    assert_eq!(lex.label("043"), Some("Host a visit"));
    assert_eq!(lex.goldstein("192"), Some(-9.5));
    assert_eq!(events::quad_class("19"), Some(4));
}

#[test]
fn compound_actors_give_one_event_per_pair() {
    let evs = run("NATO and the OSCE threatened Russia.", None);
    let pairs: Vec<(Option<&str>, Option<&str>)> = evs
        .iter()
        .filter(|e| e.cameo_root == "13")
        .map(|e| (e.actor1.as_deref(), e.actor2.as_deref()))
        .collect();
    assert_eq!(
        pairs,
        vec![
            (Some("NATO"), Some("Russia")),
            (Some("OSCE"), Some("Russia"))
        ]
    );
    // a reciprocal meeting stays one event
    let evs = run("NATO and Russia met in Brussels.", None);
    assert_eq!(evs.len(), 1, "{evs:#?}");
}
