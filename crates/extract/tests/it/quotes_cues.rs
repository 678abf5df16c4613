//! Every indirect speech cue the issue lists, nested quotations and `'` as a quote mark.

use crate::support;

use model::{EntityLabel, QuoteKind};
use EntityLabel::*;

use support::quotes as run;

const PEOPLE: &[(&str, EntityLabel, &str)] = &[
    ("Jens Stoltenberg", Per, "Jens Stoltenberg"),
    ("Stoltenberg", Per, "Jens Stoltenberg"),
    ("Alexander Grushko", Per, "Alexander Grushko"),
    ("Grushko", Per, "Alexander Grushko"),
    ("NATO", Org, "NATO"),
    ("Russia", Loc, "Russia"),
];

#[test]
fn every_listed_indirect_cue() {
    for cue in [
        "said",
        "added",
        "noted",
        "stressed",
        "warned",
        "assured",
        "explained",
        "announced",
        "told reporters",
        "pointed out",
        "opined",
        "insisted",
        "claimed",
        "denied",
        "suggested",
    ] {
        let text =
            format!("Grushko {cue} that the alliance had ignored every proposal from Moscow.");
        let qs = run(&text, PEOPLE);
        assert_eq!(qs.len(), 1, "{cue}: {qs:#?}");
        let q = &qs[0];
        assert_eq!(q.kind, QuoteKind::Indirect, "{cue}");
        assert_eq!(q.cue.as_deref(), Some(cue), "{cue}");
        assert_eq!(
            q.text, "that the alliance had ignored every proposal from Moscow",
            "{cue}"
        );
        assert_eq!(
            q.speaker_canonical.as_deref(),
            Some("Alexander Grushko"),
            "{cue}"
        );
    }
    let qs = run(
        "According to Grushko, the alliance had ignored every proposal from Moscow.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].text,
        "the alliance had ignored every proposal from Moscow"
    );
    assert_eq!(
        qs[0].speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
}

#[test]
fn nested_quotations_stay_inside_the_outer_one() {
    for (o, c, io, ic) in [
        ("“", "”", "‘", "’"),
        ("«", "»", "„", "“"),
        ("\"", "\"", "'", "'"),
    ] {
        let text = format!(
            "{o}They call it a {io}defensive alliance{ic}, but it keeps moving east,{c} Grushko said."
        );
        let qs = run(&text, PEOPLE);
        assert_eq!(qs.len(), 1, "{o}{io}: {qs:#?}");
        assert_eq!(
            qs[0].text,
            format!("They call it a {io}defensive alliance{ic}, but it keeps moving east,")
        );
        assert_eq!(
            qs[0].speaker_canonical.as_deref(),
            Some("Alexander Grushko")
        );
    }
}
