//! CAMEO actor codes of events (issue 18), through the whole pipeline: `actor1_code` /
//! `actor2_code` with their country and type, from the noun phrase of each actor, its entity's
//! name or its coreference chain, people coded at the article's published date.

use crate::support::pipeline;
use model::Event;

fn run(text: &str, published: Option<&str>) -> Vec<Event> {
    let art = model::CleanArticle {
        article_id: "t".into(),
        language: Some("en".into()),
        text: text.into(),
        published: published.map(|d| d.parse().unwrap()),
        ..Default::default()
    };
    pipeline().run(&art).expect("pipeline runs").events
}

fn event<'e>(evs: &'e [Event], trigger: &str) -> &'e Event {
    evs.iter()
        .find(|e| e.trigger == trigger)
        .unwrap_or_else(|| panic!("no `{trigger}` in {evs:#?}"))
}

fn codes(e: &Event) -> (Option<&str>, Option<&str>) {
    (e.actor1_code.as_deref(), e.actor2_code.as_deref())
}

#[test]
fn a_person_is_coded_with_the_role_at_the_articles_date() {
    let text = "Vladimir Putin met Joe Biden in Geneva.";
    let e = run(text, Some("2022-01-10"));
    let e = event(&e, "met");
    assert_eq!(e.actor1_code.as_deref(), Some("RUSGOV"));
    assert_eq!(e.actor1_country.as_deref(), Some("RUS"));
    assert_eq!(e.actor1_type.as_deref(), Some("GOV"));
    // Putin was an elite, not the government, in 1995 (`[RUSELI 700101-990809]`)
    let old = run(text, Some("1995-03-01"));
    assert_eq!(event(&old, "met").actor1_code.as_deref(), Some("RUSELI"));
    // no date: the undated code (`[RUSELI]`), never a guessed role
    let undated = run(text, None);
    assert_eq!(
        event(&undated, "met").actor1_code.as_deref(),
        Some("RUSELI")
    );
}

#[test]
fn a_country_adjective_and_an_agent_make_a_code() {
    let e = run(
        "Russian soldiers attacked the Ukrainian government on Monday.",
        Some("2022-02-24"),
    );
    let e = event(&e, "attacked");
    assert_eq!(codes(e), (Some("RUSMIL"), Some("UKRGOV")));
    assert_eq!(
        (e.actor1_country.as_deref(), e.actor1_type.as_deref()),
        (Some("RUS"), Some("MIL"))
    );
    assert_eq!(
        (e.actor2_country.as_deref(), e.actor2_type.as_deref()),
        (Some("UKR"), Some("GOV"))
    );
}

#[test]
fn an_international_organisation_has_a_type_and_no_country() {
    let e = run(
        "NATO rejected Russia's demands on Wednesday.",
        Some("2022-01-12"),
    );
    let e = event(&e, "rejected");
    assert_eq!(e.actor1_code.as_deref(), Some("IGOWSTNAT"));
    assert_eq!(e.actor1_country, None);
    assert_eq!(e.actor1_type.as_deref(), Some("IGO"));
}

#[test]
fn unknown_actors_have_null_codes() {
    let e = run(
        "The Zorblat council threatened the Quux committee on Monday.",
        Some("2022-01-10"),
    );
    let e = event(&e, "threatened");
    assert_eq!(codes(e), (None, None));
    assert_eq!(
        (e.actor1_country.as_deref(), e.actor1_type.as_deref()),
        (None, None)
    );
}

#[test]
fn a_pronoun_takes_the_code_of_its_chains_entity() {
    let e = run(
        "Vladimir Putin arrived in Geneva on Tuesday. He threatened NATO on Wednesday.",
        Some("2022-01-10"),
    );
    let e = event(&e, "threatened");
    assert_eq!(codes(e), (Some("RUSGOV"), Some("IGOWSTNAT")));
}
