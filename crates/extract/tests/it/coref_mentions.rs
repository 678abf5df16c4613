//! Coreference mentions with GUM's spans, one test per class of mismatch fixed (issue 17): a
//! bracket closed inside a phrase, a name's relative clause and region after a comma, `you guys`,
//! years, demonstrative pronouns; and the head-match sieve's limits (a bare plural is a kind, a
//! description looks back 20 sentences at most).

use crate::support::run_english;
use model::Extraction;

/// The texts of the mentions.
fn mentions<'a>(x: &Extraction, text: &'a str) -> Vec<&'a str> {
    x.mentions
        .iter()
        .map(|m| &text[m.span.start..m.span.end])
        .collect()
}

/// The chain of the `n`th (0-based) mention whose text is `what`.
fn chain(x: &Extraction, text: &str, what: &str, n: usize) -> u32 {
    x.mentions
        .iter()
        .filter(|m| &text[m.span.start..m.span.end] == what)
        .nth(n)
        .unwrap_or_else(|| panic!("no mention {what:?} #{n} among {:?}", mentions(x, text)))
        .chain
}

fn has(x: &Extraction, text: &str, what: &str) -> bool {
    mentions(x, text).contains(&what)
}

#[test]
fn a_bracket_opened_inside_a_phrase_is_closed_inside_it() {
    let t = "Daniel was the son of a famous teacher (the first to publish a calculus textbook). \
             He lived in Basel.";
    let x = run_english(t);
    assert!(
        has(
            &x,
            t,
            "the son of a famous teacher (the first to publish a calculus textbook)"
        ),
        "{:?}",
        mentions(&x, t)
    );
}

#[test]
fn a_name_keeps_its_relative_clause_after_a_comma() {
    let t = "The priest was sent back to Scotland, which had become Calvinist. He stayed there.";
    let x = run_english(t);
    assert!(
        has(&x, t, "Scotland, which had become Calvinist"),
        "{:?}",
        mentions(&x, t)
    );
}

#[test]
fn a_place_name_keeps_its_region_after_a_comma() {
    let t = "Goode was born in Exeter, Devon. His father was a lawyer.";
    let x = run_english(t);
    assert!(has(&x, t, "Exeter, Devon"), "{:?}", mentions(&x, t));
}

#[test]
fn you_guys_is_one_mention() {
    let t = "Tomorrow I will take you guys to the yoga class with me.";
    let x = run_english(t);
    assert!(has(&x, t, "you guys"), "{:?}", mentions(&x, t));
}

#[test]
fn a_repeated_year_is_one_time() {
    let t = "The bridge opened in 1859. Norton proclaimed himself emperor in 1859, and the city \
             laughed.";
    let x = run_english(t);
    assert_eq!(chain(&x, t, "1859", 0), chain(&x, t, "1859", 1));
}

#[test]
fn a_demonstrative_pronoun_is_a_mention() {
    let t = "The council rejected the plan. This angered the residents, who had waited for years.";
    let x = run_english(t);
    assert!(has(&x, t, "This"), "{:?}", mentions(&x, t));
}

#[test]
fn a_bare_plural_is_a_kind_not_the_group_met_before() {
    let t = "The school hired young teachers. Teachers earn too little, the report said.";
    let x = run_english(t);
    assert_ne!(
        chain(&x, t, "Teachers", 0),
        chain(&x, t, "young teachers", 0)
    );
}

#[test]
fn a_description_does_not_head_match_past_twenty_sentences() {
    let mut t = String::from("The old bridge was closed in May.");
    for k in 0..22 {
        t.push_str(&format!(" Day {k} brought more rain to the valley."));
    }
    t.push_str(" The bridge reopened in June.");
    let x = run_english(&t);
    assert_ne!(
        chain(&x, &t, "The bridge", 0),
        chain(&x, &t, "The old bridge", 0)
    );
}
