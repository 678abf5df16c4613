//! Quotes split by their cue (`“A,” he said, “B.”`), partial quotes led by the speaker's words, and
//! content boundaries of reported speech.

use crate::support;

use model::EntityLabel;
use EntityLabel::*;

use support::quotes as run;

const PEOPLE: &[(&str, EntityLabel, &str)] = &[
    ("Jens Stoltenberg", Per, "Jens Stoltenberg"),
    ("Stoltenberg", Per, "Jens Stoltenberg"),
    ("Mr. Bush", Per, "Jeb Bush"),
    ("Bush", Per, "Jeb Bush"),
    ("NATO", Org, "NATO"),
];

use support::quote;

#[test]
fn quote_split_by_its_cue_continues_with_the_same_speaker() {
    for (o, c) in [("“", "”"), ("''", "''"), ("\"", "\"")] {
        let text = format!(
            "{o}I have put forth a vision for America that includes all,{c} Mr. Bush said, \
             {o}because our country deserves a president for everyone.{c}"
        );
        let qs = run(&text, PEOPLE);
        assert_eq!(qs.len(), 2, "{qs:#?}");
        let first = quote(&qs, "vision for America");
        assert_eq!(first.cue.as_deref(), Some("said"));
        assert_eq!(first.speaker_canonical.as_deref(), Some("Jeb Bush"));
        let second = quote(&qs, "our country deserves");
        assert_eq!(second.cue, None, "{o}{c}");
        assert_eq!(second.speaker_span, first.speaker_span);
        assert_eq!(second.speaker_canonical.as_deref(), Some("Jeb Bush"));
    }
}

#[test]
fn partial_quote_led_in_by_the_speaker() {
    let qs = run(
        "NATO would have to “go more to the east,” Stoltenberg said.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].text, "NATO would have to “go more to the east,");
    assert_eq!(qs[0].kind, model::QuoteKind::Mixed);
    assert_eq!(qs[0].speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    // a quote that opens its sentence stays direct
    let qs = run("“We go more to the east,” Stoltenberg said.", PEOPLE);
    assert_eq!(qs[0].text, "We go more to the east,");
    assert_eq!(qs[0].kind, model::QuoteKind::Direct);
}

#[test]
fn unnamed_speaker_after_the_cue_is_kept_as_written() {
    let qs = run(
        "\"There was wrongdoing,\" said a former senior law enforcement official. ",
        PEOPLE,
    );
    let q = quote(&qs, "There was wrongdoing");
    assert_eq!(
        q.speaker.as_deref(),
        Some("a former senior law enforcement official")
    );
    assert_eq!(q.speaker_entity_id, None);
    let qs = run(
        "The talks failed on every point, said a senior official in Brussels.",
        PEOPLE,
    );
    assert_eq!(qs[0].text, "The talks failed on every point");
    assert_eq!(qs[0].speaker.as_deref(), Some("a senior official"));
}

#[test]
fn quotation_inside_a_that_clause_is_mixed() {
    let qs = run(
        "Stoltenberg said that “for all practical purposes, there is no path forward” for Russia.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, model::QuoteKind::Mixed);
    assert_eq!(
        qs[0].text,
        "that “for all practical purposes, there is no path forward” for Russia"
    );
    assert_eq!(qs[0].speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn plural_and_numeric_subjects_are_speakers_as_written() {
    let qs = run(
        "Researchers disclosed that the bureau had known about the errors for years.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].speaker.as_deref(), Some("Researchers"));
    assert_eq!(qs[0].speaker_entity_id, None);
}

#[test]
fn quote_split_by_a_long_cue_clause_continues() {
    let qs = run(
        "“This used to be Russia's back yard,” said Jens Stoltenberg, who spoke to reporters in Brussels \
         after the meeting of the council on Wednesday, “but that has changed a great deal.”",
        PEOPLE,
    );
    let first = quote(&qs, "back yard");
    assert_eq!(first.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    let second = quote(&qs, "changed a great deal");
    assert_eq!(second.cue, None);
    assert_eq!(second.speaker_span, first.speaker_span);
}

#[test]
fn according_to_inside_the_sentence_takes_the_whole_sentence() {
    let qs = run(
        "Other major divisions, according to the poll, include age and income.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].text,
        "Other major divisions, according to the poll, include age and income"
    );
}

#[test]
fn reported_content_never_cuts_a_quotation_in_half() {
    let qs = run(
        "Stoltenberg said NATO was “a defensive alliance. It threatens no one.” The talks ended.",
        PEOPLE,
    );
    let q = quote(&qs, "defensive alliance");
    assert!(q.text.contains("It threatens no one."), "{q:?}");
    assert!(!q.text.contains("talks ended"), "{q:?}");
}

#[test]
fn adverbial_lead_before_an_inside_cue_is_not_content() {
    let qs = run(
        "But, Stoltenberg added, the alliance did not support new deployments in the east.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(
        qs[0].text,
        "the alliance did not support new deployments in the east"
    );
    let qs = run(
        "Stoltenberg said Thursday during a visit to Oslo that the alliance would stay united.",
        PEOPLE,
    );
    assert_eq!(qs[0].text, "that the alliance would stay united");
}

/// Issue 17: "Unifor Local 444 said late Friday that ...": the time belongs to the saying, not to
/// what was said (the reported clause started at "late Friday").
#[test]
fn late_or_early_before_a_day_is_part_of_the_time_adverbial() {
    for (text, content) in [
        (
            "Stoltenberg said late Friday that the alliance would stay united.",
            "that the alliance would stay united",
        ),
        (
            "Grushko said early Monday that Moscow would answer.",
            "that Moscow would answer",
        ),
    ] {
        let qs = run(text, PEOPLE);
        assert_eq!(qs.len(), 1, "{qs:#?}");
        assert_eq!(qs[0].text, content);
    }
}

#[test]
fn unnamed_speaker_between_the_quote_and_the_cue() {
    let qs = run(
        "“We found young people have begun to adopt these arguments,” the official said. \
         “It worries us a great deal in the whole region.”",
        PEOPLE,
    );
    let q = quote(&qs, "young people");
    assert_eq!(q.speaker.as_deref(), Some("the official"));
    assert_eq!(q.speaker_entity_id, None);
}

#[test]
fn a_cue_with_a_colon_introduces_the_next_quotation() {
    let ents = &[
        ("Mr. Zahed", Per, "Abdullah Zahed"),
        ("Ms. Alawee", Per, "Breshna Alawee"),
    ];
    let qs = run(
        "''We are refugees,'' Ms. Alawee said. ''We are not terrorists.'' Mr. Zahed said: ''The attack \
         that happened today is the work of terrorists. We ourselves are running from these attacks.''",
        ents,
    );
    assert_eq!(
        quote(&qs, "not terrorists").speaker_canonical.as_deref(),
        Some("Breshna Alawee")
    );
    let q = quote(&qs, "work of terrorists");
    assert!(
        q.speaker.as_deref().is_some_and(|s| s.contains("Zahed")),
        "{q:?}"
    );
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn a_stray_unclosed_mark_does_not_swallow_the_next_paragraph() {
    let qs = run(
        "Forbes tracks an additional 500 billionaire ''family fortunes.'.')\n\n''The quality of these \
         lists comes down to resources,'' Stoltenberg said.",
        PEOPLE,
    );
    let q = quote(&qs, "quality of these lists");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    assert!(!q.text.contains("family"), "{q:?}");
}

#[test]
fn pledged_delegates_are_no_speech() {
    let qs = run(
        "Stoltenberg won 33 pledged delegates in the state on Tuesday night.",
        PEOPLE,
    );
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn subordinate_and_coordinated_cues_keep_their_subject() {
    let qs = run(
        "While Stoltenberg said that the door stays open, NATO has not invited anyone new.",
        PEOPLE,
    );
    let q = quote(&qs, "door stays open");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    let qs = run(
        "Stoltenberg said the talks were hard and said the alliance stayed united on every point.",
        PEOPLE,
    );
    let q = quote(&qs, "stayed united");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn a_quotation_with_neither_cue_nor_speaker_is_no_quote() {
    let qs = run(
        "The museum opened on Monday.\n\n“Make the city great again and keep it that way for everyone.”\n\n\
         Stoltenberg said the alliance would stay united on every point.",
        PEOPLE,
    );
    assert!(!qs.iter().any(|q| q.text.contains("city great")), "{qs:#?}");
    assert!(qs.iter().any(|q| q.text.contains("stay united")), "{qs:#?}");
}

#[test]
fn a_question_or_adverbial_before_a_postposed_cue_is_not_content() {
    let qs = run(
        "Asked on television who leads the alliance in his view, Stoltenberg said nothing.",
        PEOPLE,
    );
    assert!(qs.is_empty(), "{qs:#?}");
    let qs = run("In a speech last July, Stoltenberg said so.", PEOPLE);
    assert!(qs.is_empty(), "{qs:#?}");
}

#[test]
fn a_participle_cue_takes_the_subject_of_the_main_clause() {
    let ents = &[
        ("Grushko", Per, "Alexander Grushko"),
        ("Stoltenberg", Per, "Jens Stoltenberg"),
    ];
    let qs = run(
        "Grushko attacked Stoltenberg on Wednesday, saying the alliance had ignored every proposal.",
        ents,
    );
    let q = quote(&qs, "ignored every proposal");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Alexander Grushko"));
}
