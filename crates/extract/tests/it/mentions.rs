//! Mentions a reader counts (issue 17, the `mentions` table): the pronouns and descriptions that
//! coreference links to a name of the article, each with the entity it refers to; nothing for a
//! pronoun whose chain names no one or names something it cannot stand for.

use crate::support::run_english;
use model::{Extraction, MentionKind};

/// (as written, kind, canonical name referred to) of every reference, in text order.
fn references(x: &Extraction, text: &str) -> Vec<(String, MentionKind, String)> {
    x.references
        .iter()
        .map(|r| {
            (
                r.span.slice(text).to_string(),
                r.kind,
                x.entities[r.entity as usize].canonical.clone(),
            )
        })
        .collect()
}

#[test]
fn he_and_his_count_as_mentions_of_the_person_named_before() {
    let t = "Alexander Grushko, Russia's deputy foreign minister, met the envoys on Monday. He \
             said his country would not accept the proposal.";
    let x = run_english(t);
    let refs = references(&x, t);
    for word in ["He", "his"] {
        assert!(
            refs.iter().any(|(w, k, c)| w == word
                && *k == MentionKind::Pronoun
                && c == "Alexander Grushko"),
            "{word} -> Grushko: {refs:?}"
        );
    }
}

#[test]
fn a_description_in_apposition_counts_for_the_name() {
    let t = "Jens Stoltenberg, the alliance's secretary general, arrived in Kyiv on Friday. The \
             secretary general met soldiers near the front.";
    let x = run_english(t);
    let refs = references(&x, t);
    assert!(
        refs.iter()
            .any(|(_, k, c)| *k == MentionKind::Nominal && c == "Jens Stoltenberg"),
        "a description -> Stoltenberg: {refs:?}"
    );
    assert!(
        refs.iter().all(|(w, _, _)| !w.contains("Stoltenberg")),
        "names are entities, not references: {refs:?}"
    );
}

#[test]
fn a_pronoun_with_no_named_antecedent_refers_to_no_one() {
    let t = "The weather turned cold on Tuesday. It snowed in the hills, and they closed the pass.";
    let x = run_english(t);
    assert!(x.references.is_empty(), "{:?}", references(&x, t));
}

#[test]
fn every_reference_points_at_an_entity_and_into_the_text() {
    let t = "Angela Merkel spoke in Berlin on Monday. She said the government would act. The \
             chancellor added that her party agreed. Siemens said it would invest.";
    let x = run_english(t);
    assert!(!x.references.is_empty());
    for r in &x.references {
        assert!((r.entity as usize) < x.entities.len());
        assert!(r.span.end <= t.len() && t.is_char_boundary(r.span.start));
        assert_ne!(r.kind, MentionKind::Name);
        assert!(x.entities.iter().all(|e| e.span != r.span));
    }
    let refs = references(&x, t);
    assert!(
        refs.iter()
            .all(|(w, _, c)| !(w == "She" || w == "her") || c == "Angela Merkel"),
        "{refs:?}"
    );
}

#[test]
fn a_description_of_another_kind_of_thing_is_not_a_reference() {
    // From the sample: an apposition and a predicate joined a plan to a person and a delay to a
    // company; a plan or a schedule is not a person or a company.
    let t =
        "The plan, called \u{201c}Way Forward\u{201d}, the brainchild of Ford's Chief Executive \
             Officer, William Clay Ford Jr., is to end Ford's North American losses by 2008.\n\n\
             Airbus is currently two years behind schedule.";
    let x = run_english(t);
    let refs = references(&x, t);
    assert!(
        refs.iter()
            .all(|(w, _, _)| !w.contains("plan") && !w.contains("schedule")),
        "{refs:?}"
    );
}
