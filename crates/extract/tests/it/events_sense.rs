//! Precision first (issue 18): an event the sentence does not support is not emitted, and the
//! non-political senses of a trigger stay out. Each test is a failure class of the hand-checked
//! sample over PolNeAR election news (docs/events_sample/README.md); the sentences are written for
//! the tests or taken from PolNeAR *train* texts, never from the test texts the sample was drawn
//! from. Each test failed on the code before `events/sense.rs` (main at 77d1e3c), its guards
//! (the political sense still coded) passed there too.

use crate::support::run_english;
use model::Event;

fn events(text: &str) -> Vec<Event> {
    run_english(text).events
}

fn codes(evs: &[Event], root: &str) -> Vec<String> {
    evs.iter()
        .filter(|e| e.cameo_root == root)
        .map(|e| format!("{} {}", e.trigger, e.cameo_code))
        .collect()
}

#[test]
fn a_question_asked_is_no_appeal() {
    for text in [
        "When asked whether the plan would work, Senator Smith said it would not.",
        "Asked about the visit, the minister declined to comment.",
        "The moderator asked Trump a simple question about taxes.",
        "Ask yourself which state she is going to win.",
    ] {
        let evs = events(text);
        assert!(codes(&evs, "02").is_empty(), "{text}: {evs:#?}");
    }
    // Guard: a request for an act is an appeal.
    let evs = events("Germany asked Russia to withdraw its troops from the border.");
    assert!(!codes(&evs, "02").is_empty(), "{evs:#?}");
}

#[test]
fn a_meeting_needs_a_partner() {
    for text in [
        "Trump met expectations in Iowa on Monday.",
        "Sanders talked about taxes for an hour in Iowa.",
    ] {
        let evs = events(text);
        assert!(codes(&evs, "04").is_empty(), "{text}: {evs:#?}");
    }
    // Guard: a meeting with an actor.
    let evs = events("Merkel met with Putin in Moscow on Monday.");
    assert!(!codes(&evs, "04").is_empty(), "{evs:#?}");
}

#[test]
fn a_show_host_or_a_fundraiser_is_no_visit_hosted() {
    for text in [
        "Bob Friedman, a talk show host in Alabama, said listeners had changed.",
        "Clinton hosted a fundraiser in Manhattan on Tuesday.",
    ] {
        let evs = events(text);
        assert!(
            evs.iter().all(|e| e.cameo_code != "043"),
            "{text}: {evs:#?}"
        );
    }
    // Guard: hosting talks (coded as PETRARCH's `HOST TALKS BETWEEN`, an intent to mediate).
    let evs = events("Austria hosted talks between Iran and the United States in Vienna.");
    assert!(evs.iter().any(|e| e.trigger == "hosted"), "{evs:#?}");
}

#[test]
fn a_verbal_attack_between_persons_is_no_use_of_force() {
    for text in [
        "Bush also attacked billionaire Donald Trump, calling him a loser.",
        "Trump launched a pre-emptive attack against Obama at a press conference.",
        "Djokovic won the title match between Djokovic and Murray in Paris.",
    ] {
        let evs = events(text);
        assert!(codes(&evs, "19").is_empty(), "{text}: {evs:#?}");
    }
    // Guard: force against a state.
    let evs = events("Russia attacked Ukraine on Thursday.");
    assert!(!codes(&evs, "19").is_empty(), "{evs:#?}");
}

#[test]
fn a_bill_or_a_business_deal_is_no_formal_agreement() {
    for text in [
        "John Kasich has signed 18 different bills in Ohio.",
        "Trump made a deal with a developer in Atlantic City.",
    ] {
        let evs = events(text);
        assert!(
            evs.iter().all(|e| e.cameo_code != "057"),
            "{text}: {evs:#?}"
        );
    }
    // Guard: states sign an accord.
    let evs = events("Russia and Ukraine signed an agreement in Minsk on Friday.");
    assert!(!codes(&evs, "05").is_empty(), "{evs:#?}");
}

#[test]
fn a_petrarch_verb_alone_needs_a_political_actor() {
    // PETRARCH codes only between coded actors: voting that begins, a contributor interviewed.
    for text in [
        "Sanders is drawing crowds in the final hours before voting begins in New Hampshire.",
        "Bannon will interview Breitbart News contributor Pamela Geller about the fight.",
    ] {
        let evs = events(text);
        assert!(evs.is_empty(), "{text}: {evs:#?}");
    }
}

#[test]
fn a_verb_trigger_the_parse_reads_as_a_noun_is_no_event() {
    let text = "Supporters gave each other high-fives and held Trump signs high above their heads.";
    let evs = events(text);
    assert!(
        evs.iter().all(|e| e.cameo_code != "057"),
        "{text}: {evs:#?}"
    );
}

#[test]
fn a_noun_trigger_the_parse_reads_as_a_verb_or_adjective_is_no_event() {
    for text in [
        "Offensive linemen in Denver stayed on the bench.",
        "The offensive line in Denver played well.",
    ] {
        let evs = events(text);
        assert!(codes(&evs, "19").is_empty(), "{text}: {evs:#?}");
    }
}

#[test]
fn a_campaign_rally_is_no_protest() {
    let evs = events("Hillary Clinton will hold a rally in Denver on Tuesday.");
    assert!(codes(&evs, "14").is_empty(), "{evs:#?}");
}

#[test]
fn opinions_attractions_and_courtesies_are_no_events() {
    for (text, root) in [
        ("The scandal could threaten her lead in the polls.", "13"),
        ("Most economists agree that the plan will not work.", "05"),
        ("Trump offered his congratulations to Cruz.", "03"),
        ("Sanders hopes to appeal to young voters in Iowa.", "02"),
        ("Obama did his best to talk down Britain.", "04"),
    ] {
        let evs = events(text);
        assert!(codes(&evs, root).is_empty(), "{text}: {evs:#?}");
    }
    // Guards: the political senses.
    for (text, root) in [
        ("Russia threatened to invade Ukraine.", "13"),
        ("Russia and Ukraine agreed to hold talks.", "05"),
        (
            "Turkey offered to mediate between Russia and Ukraine.",
            "03",
        ),
    ] {
        let evs = events(text);
        assert!(!codes(&evs, root).is_empty(), "{text}: {evs:#?}");
    }
}

#[test]
fn a_verb_after_a_noun_that_ends_like_an_adjective_is_coded() {
    // `government`, `parliament` end like adjectives (-ent): with a parse the tag decides, and the
    // verb after them is a verb, not a noun after an adjective.
    for text in [
        "The Ukrainian government rejected the Russian proposal.",
        "The Georgian parliament condemned the attack and rejected the Russian demand.",
    ] {
        let evs = events(text);
        assert!(!codes(&evs, "12").is_empty(), "{text}: {evs:#?}");
    }
}
