//! Event actors from the parse (issue 18), through the whole pipeline: the source and target of a
//! trigger are its subject and object (a passive's agent and subject), not the names in the order
//! they are written.

use crate::support::run_english;

#[test]
fn a_passive_has_its_agent_as_source() {
    // The token rules took the first name as the source: Ukraine attacking Russia.
    let x = run_english("Ukraine was attacked by Russia on Monday.");
    let e = x
        .events
        .iter()
        .find(|e| e.trigger == "attacked")
        .expect("an attack");
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (Some("Russia"), Some("Ukraine"))
    );
}

#[test]
fn a_reported_threat_has_the_subject_of_its_clause_as_source() {
    // A guard: the speaker of `said` is not the one who threatened.
    let x = run_english("Poland said on Monday that Belarus had threatened Lithuania.");
    let e = x
        .events
        .iter()
        .find(|e| e.trigger == "threatened")
        .expect("a threat");
    assert_eq!(
        (e.actor1.as_deref(), e.actor2.as_deref()),
        (Some("Belarus"), Some("Lithuania"))
    );
}

#[test]
fn an_event_that_is_the_content_of_a_threat_is_threatened_not_asserted() {
    // The token rules coded `invade` as an occupation that happened (issue 18).
    let x = run_english("Washington warned of a Russian threat to invade Ukraine.");
    let e = x
        .events
        .iter()
        .find(|e| e.trigger == "invade")
        .expect("an invasion");
    assert_eq!(e.modality, "threatened");
    // A guard: an attack written as done stays asserted.
    let x = run_english("Russia attacked Ukraine on Monday.");
    let e = x
        .events
        .iter()
        .find(|e| e.trigger == "attacked")
        .expect("an attack");
    assert_eq!(e.modality, "asserted");
}
