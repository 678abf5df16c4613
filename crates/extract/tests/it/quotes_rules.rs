//! Quote extraction on small hand-built documents: mark styles, cue positions, multi-paragraph and
//! unbalanced quotes, and speaker resolution (names, pronouns, roles, organisations).

use crate::support;

use model::{EntityLabel, QuoteKind};
use EntityLabel::*;

use support::quotes as run;

use support::quote;

pub(crate) const PEOPLE: &[(&str, EntityLabel, &str)] = &[
    ("Jens Stoltenberg", Per, "Jens Stoltenberg"),
    ("Stoltenberg", Per, "Jens Stoltenberg"),
    ("Alexander Grushko", Per, "Alexander Grushko"),
    ("Grushko", Per, "Alexander Grushko"),
    ("Wendy Sherman", Per, "Wendy Sherman"),
    ("Sherman", Per, "Wendy Sherman"),
    ("Vladimir Putin", Per, "Vladimir Putin"),
    ("Kremlin", Org, "Kremlin"),
    ("NATO", Org, "NATO"),
    ("Russia", Loc, "Russia"),
    ("Ukraine", Loc, "Ukraine"),
];

#[test]
fn direct_cue_after_before_and_inverted() {
    let qs = run(
        "“The talks were not easy,” Stoltenberg said. Grushko said: “We will adopt countermeasures.” \
         “Security is indivisible for all of us,” added Grushko.",
        PEOPLE,
    );
    let a = quote(&qs, "The talks were not easy");
    assert_eq!(a.kind, QuoteKind::Direct);
    assert_eq!(a.text, "The talks were not easy,");
    assert_eq!(a.cue.as_deref(), Some("said"));
    assert_eq!(a.speaker.as_deref(), Some("Stoltenberg"));
    assert_eq!(a.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(a.speaker_entity_id.as_deref(), Some("E-jens_stoltenberg"));
    assert_eq!(
        quote(&qs, "countermeasures").speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        quote(&qs, "indivisible").speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
    assert!(qs.iter().all(|q| q.quote_id.is_empty()));
}

#[test]
fn every_mark_style() {
    let styles = [
        ("“", "”"),
        ("\"", "\""),
        ("«", "»"),
        ("„", "“"),
        ("‹", "›"),
        ("「", "」"),
        ("‘", "’"),
    ];
    for (o, c) in styles {
        let text = format!("{o}We are open to dialogue with everyone,{c} Grushko said.");
        let qs = run(&text, PEOPLE);
        let q = quote(&qs, "open to dialogue");
        assert_eq!(q.text, "We are open to dialogue with everyone,", "{o}{c}");
        assert_eq!(
            q.speaker_canonical.as_deref(),
            Some("Alexander Grushko"),
            "{o}{c}"
        );
    }
}

#[test]
fn apostrophes_are_not_quote_marks() {
    let qs = run(
        "Stoltenberg said NATO’s door stays open and Russia’s demands can’t be met.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Indirect);
    assert_eq!(
        qs[0].text,
        "NATO’s door stays open and Russia’s demands can’t be met"
    );
}

#[test]
fn pronoun_goes_to_subject_not_nearest_name() {
    let qs = run(
        "Stoltenberg stressed that NATO rejects a key demand by Russian President Vladimir Putin. \
         “No one else has anything to say and of course Russia has no veto,” he said.",
        PEOPLE,
    );
    let q = quote(&qs, "No one else");
    assert_eq!(q.speaker.as_deref(), Some("he"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn she_needs_a_woman() {
    let qs = run(
        "Grushko met Wendy Sherman in Geneva. Sherman said the talks were useful. \
         Grushko said nothing new. “We will not renounce the open door,” she said.",
        PEOPLE,
    );
    assert_eq!(
        quote(&qs, "open door").speaker_canonical.as_deref(),
        Some("Wendy Sherman")
    );
}

#[test]
fn speaker_named_after_the_quote() {
    let qs = run(
        "“There is a real risk of armed conflict in Europe,” he said. Jens Stoltenberg, Secretary General of NATO.",
        PEOPLE,
    );
    let q = quote(&qs, "real risk");
    assert_eq!(q.speaker.as_deref(), Some("he"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn role_organisation_and_country_speakers() {
    let qs = run(
        "The meeting was chaired by the Secretary General of the Alliance, Jens Stoltenberg. \
         The Secretary General of the Alliance explained that each country decides its own security arrangements. \
         The Kremlin said that Russia does not issue ultimatums. Russia said it would react if threatened. \
         Officials said the talks would go on for weeks.",
        PEOPLE,
    );
    let r = quote(&qs, "each country decides");
    assert_eq!(
        r.speaker.as_deref(),
        Some("The Secretary General of the Alliance")
    );
    assert_eq!(r.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    let k = quote(&qs, "does not issue ultimatums");
    assert_eq!(k.speaker.as_deref(), Some("The Kremlin"));
    assert_eq!(k.speaker_canonical.as_deref(), Some("Kremlin"));
    assert_eq!(
        quote(&qs, "react if threatened")
            .speaker_canonical
            .as_deref(),
        Some("Russia")
    );
    let o = quote(&qs, "go on for weeks");
    assert_eq!(o.speaker.as_deref(), Some("Officials"));
    assert_eq!(o.speaker_entity_id, None);
}

#[test]
fn according_to_and_postposed_cue() {
    let qs = run(
        "Grushko spoke in Brussels. According to him, NATO wants to contain Russia. \
         Russia is ready to negotiate with Ukraine, Grushko said, adding that the exercises are routine.",
        PEOPLE,
    );
    let a = quote(&qs, "NATO wants to contain Russia");
    assert_eq!(a.cue.as_deref(), Some("According to"));
    assert_eq!(a.speaker.as_deref(), Some("him"));
    assert_eq!(a.speaker_canonical.as_deref(), Some("Alexander Grushko"));
    assert_eq!(
        quote(&qs, "ready to negotiate")
            .speaker_canonical
            .as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        quote(&qs, "the exercises are routine")
            .speaker_canonical
            .as_deref(),
        Some("Alexander Grushko")
    );
}

#[test]
fn mixed_quote() {
    let qs = run(
        "Sherman said that some of Russia’s demands “have no way to start at all”.",
        PEOPLE,
    );
    assert_eq!(qs.len(), 1, "{qs:#?}");
    assert_eq!(qs[0].kind, QuoteKind::Mixed);
    assert_eq!(
        qs[0].text,
        "that some of Russia’s demands “have no way to start at all”"
    );
    assert_eq!(qs[0].speaker_canonical.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn multi_paragraph_quote_and_follow_on() {
    let qs = run(
        "Grushko said: “We have a complete set of measures.\n\n“If we feel a real threat, we will adopt them.”\n\n\
         “This will improve the security of everyone in Europe.”\n\nThe talks ended at noon without agreement.",
        PEOPLE,
    );
    let first = quote(&qs, "complete set");
    assert!(first.text.contains("we will adopt them"), "{first:?}");
    assert_eq!(
        first.speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
    let follow = quote(&qs, "improve the security");
    assert_eq!(follow.cue, None);
    assert_eq!(
        follow.speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
    assert!(!qs.iter().any(|q| q.text.contains("without agreement")));
}

#[test]
fn unbalanced_marks_stop_at_the_paragraph() {
    let qs = run(
        "Stoltenberg said: “there are significant differences on these issues. “That” will not be easy to overcome. “\n\n\
         The last council was held in 2019. Russia annexed Crimea in 2014.",
        PEOPLE,
    );
    let q = quote(&qs, "significant differences");
    assert!(q.text.ends_with("will not be easy to overcome."), "{q:?}");
    assert!(!qs.iter().any(|q| q.text.contains("annexed")), "{qs:#?}");
    // an opening mark never closed stops at its paragraph end too
    let qs = run("Grushko said: “we will adopt countermeasures if needed\n\nNATO met on Wednesday. Russia said nothing new.", PEOPLE);
    let q = quote(&qs, "countermeasures");
    assert_eq!(q.text, "we will adopt countermeasures if needed");
}

#[test]
fn scare_quotes_are_not_quotes() {
    let qs = run(
        "The allies keep an “open door” policy. Russia warned of a ‘military-technical’ response.",
        PEOPLE,
    );
    assert!(qs.iter().all(|q| q.kind != QuoteKind::Direct), "{qs:#?}");
}

#[test]
fn unknown_speaker_stays_none() {
    let qs = run(
        "“We will never accept this ultimatum from anyone at all,” a voice said from the crowd.",
        PEOPLE,
    );
    let q = quote(&qs, "ultimatum");
    assert_eq!(q.speaker_entity_id, None);
    assert_eq!(q.speaker_canonical, None);
}

#[test]
fn spans_point_into_the_text() {
    let text =
        "“The talks were not easy,” Stoltenberg said. Russia said it would react if threatened.";
    let qs = run(text, PEOPLE);
    for q in &qs {
        assert_eq!(&text[q.span.range()], q.text);
        if let Some(s) = q.speaker_span {
            assert_eq!(Some(&text[s.range()]), q.speaker.as_deref());
        }
        if let Some(c) = q.cue_span {
            assert_eq!(Some(&text[c.range()]), q.cue.as_deref());
        }
    }
}

#[test]
fn titles_and_double_apostrophes() {
    let ents = &[
        ("King", Per, "Larry King"),
        ("Larry King", Per, "Larry King"),
    ];
    let qs = run(
        "''I have never been edited or had a show of mine not run,'' Mr. King, 82, said.",
        ents,
    );
    let q = quote(&qs, "never been edited");
    assert_eq!(
        q.text,
        "I have never been edited or had a show of mine not run,"
    );
    assert_eq!(q.speaker_canonical.as_deref(), Some("Larry King"));
    assert_eq!(q.cue.as_deref(), Some("said"));
}

#[test]
fn a_cue_with_its_own_clause_after_a_closed_quotation_starts_a_new_statement() {
    // the full stop closes the first statement; "Grushko said the ..." reports a new one
    let qs = run(
        "“The alliance is not a threat,” Stoltenberg said. “It never was.” Grushko said the \
         proposals were not taken seriously.",
        PEOPLE,
    );
    let reported = quote(&qs, "proposals were not taken seriously");
    assert_eq!(reported.kind, QuoteKind::Indirect);
    assert_eq!(
        reported.speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
    // the follow-on quotation stays with the speaker of the quotation before it
    assert_eq!(
        quote(&qs, "It never was").speaker_canonical.as_deref(),
        Some("Jens Stoltenberg")
    );
    // with nothing after the cue, the quotation is the cue's own
    let qs = run("“It never was.” Grushko said.", PEOPLE);
    assert_eq!(
        quote(&qs, "It never was").speaker_canonical.as_deref(),
        Some("Alexander Grushko")
    );
}

#[test]
fn a_speaker_that_is_no_name_is_kept_as_written_and_unresolved() {
    let qs = run(
        "In the poll, 40 percent of Clinton voters said they could not support Obama. \
         Sales rose after the update, which added new editing tools for the phone.",
        PEOPLE,
    );
    let q = quote(&qs, "they could not support Obama");
    assert_eq!(q.kind, QuoteKind::Indirect);
    assert_eq!(q.speaker.as_deref(), Some("40 percent of Clinton voters"));
    assert_eq!(q.speaker_entity_id, None);
    // "added" with an object and no named subject adds a feature: it reports nothing
    assert!(
        qs.iter().all(|q| !q.text.contains("editing tools")),
        "{qs:#?}"
    );
}

#[test]
fn a_cue_with_a_colon_at_the_end_of_a_paragraph_introduces_the_next_one() {
    let qs = run(
        "At the press conference, Stoltenberg said:\n\n“The door of NATO remains open.”\n\n\
         In a letter, Grushko wrote:\n\nThe proposals of the alliance are not serious and we reject them.\n\n\
         The talks ended.",
        PEOPLE,
    );
    let a = quote(&qs, "door of NATO");
    assert_eq!(a.kind, QuoteKind::Direct);
    assert_eq!(a.cue.as_deref(), Some("said"));
    assert_eq!(a.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    // a block quotation without marks
    let b = quote(&qs, "proposals of the alliance");
    assert_eq!(
        b.text,
        "The proposals of the alliance are not serious and we reject them."
    );
    assert_eq!(b.cue.as_deref(), Some("wrote"));
    assert_eq!(b.speaker_canonical.as_deref(), Some("Alexander Grushko"));
    assert!(qs.iter().all(|q| !q.text.contains("talks ended")));
}

#[test]
fn what_hangs_on_a_cue_after_its_clause_is_not_what_was_said() {
    let qs = run(
        "He was unable to find a single taker, Stoltenberg said, on condition of anonymity. \
         The talks had stalled completely, Grushko explained, adding that Moscow would wait. \
         The proposal, Sherman said, had no way to start at all.",
        PEOPLE,
    );
    let q = quote(&qs, "a single taker");
    assert_eq!(q.text, "He was unable to find a single taker");
    assert_eq!(q.speaker.as_deref(), Some("Stoltenberg"));
    assert_eq!(
        quote(&qs, "talks had stalled").text,
        "The talks had stalled completely"
    );
    // a clause going on after the cue keeps both pieces (with the cue between them)
    let q = quote(&qs, "The proposal");
    assert!(q.text.ends_with("had no way to start at all"), "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Sherman"));
}

#[test]
fn the_speakers_further_act_ends_what_was_said() {
    let qs = run(
        "Grushko said the proposal was a distortion, describing the talks as useful. \
         Sherman said the allies were “calling for calm, citing history” in Brussels.",
        PEOPLE,
    );
    assert_eq!(
        quote(&qs, "distortion").text,
        "the proposal was a distortion"
    );
    // inside a quotation the participle is the speaker's own words
    assert!(quote(&qs, "the allies").text.contains("citing history"));
}

#[test]
fn an_as_clause_frames_what_was_said() {
    let qs = run(
        "As Stoltenberg noted, the alliance had offered talks on arms control. \
         The demands were unacceptable, as Sherman has repeatedly said. \
         The meeting in Geneva, as Grushko pointed out, ended without a date for the next one.",
        PEOPLE,
    );
    let q = quote(&qs, "offered talks");
    assert_eq!(q.text, "the alliance had offered talks on arms control");
    assert_eq!(q.speaker.as_deref(), Some("Stoltenberg"));
    let q = quote(&qs, "unacceptable");
    assert_eq!(q.text, "The demands were unacceptable");
    assert_eq!(q.speaker.as_deref(), Some("Sherman"));
    let q = quote(&qs, "without a date");
    assert!(q.text.starts_with("The meeting in Geneva"), "{q:#?}");
    assert_eq!(q.speaker.as_deref(), Some("Grushko"));
}

#[test]
fn a_commitment_is_a_statement_other_infinitives_are_not() {
    let qs = run(
        "Stoltenberg vowed to keep the door open for talks with Moscow. \
         Grushko has agreed to meet the delegation again in Vienna.",
        PEOPLE,
    );
    let q = quote(&qs, "keep the door open");
    assert_eq!(q.text, "to keep the door open for talks with Moscow");
    assert_eq!(q.speaker.as_deref(), Some("Stoltenberg"));
    assert!(qs.iter().all(|q| !q.text.contains("Vienna")), "{qs:#?}");
}

#[test]
fn an_s_form_before_a_clause_is_a_verb_unless_a_noun_phrase_holds_it() {
    let qs = run(
        "The alliance argues that the door to membership stays open. \
         Officials cited reports that Russia had moved troops, and voters in states that border Ukraine were worried.",
        PEOPLE,
    );
    let q = quote(&qs, "door to membership");
    assert_eq!(q.text, "that the door to membership stays open");
    assert_eq!(q.cue.as_deref(), Some("argues"));
    assert!(
        qs.iter()
            .all(|q| !matches!(q.cue.as_deref(), Some("reports" | "states"))),
        "{qs:#?}"
    );
}

#[test]
fn a_name_with_an_appositive_before_the_cue_is_the_speaker() {
    let qs = run(
        "Jens Stoltenberg, a former prime minister of Norway who leads NATO, said the alliance would not close its door. \
         Wendy Sherman, Putin's counterpart in the talks, said the allies stood together.",
        PEOPLE,
    );
    let q = quote(&qs, "close its door");
    assert_eq!(q.text, "the alliance would not close its door");
    assert_eq!(q.speaker.as_deref(), Some("Jens Stoltenberg"));
    let q = quote(&qs, "stood together");
    assert_eq!(q.speaker.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn a_cue_with_only_its_hearer_after_it_follows_what_was_said() {
    let qs = run(
        "The door to membership stays open to every country, Stoltenberg told a press conference Wednesday. \
         Grushko told reporters the proposal was dead. \
         Sherman met the delegation in Geneva and says she expects a written reply.",
        PEOPLE,
    );
    let q = quote(&qs, "door to membership");
    assert_eq!(q.text, "The door to membership stays open to every country");
    assert_eq!(q.speaker.as_deref(), Some("Stoltenberg"));
    // a reported clause after the hearer is what was said
    assert_eq!(
        quote(&qs, "proposal was dead").text,
        "the proposal was dead"
    );
    // a coordinated cue shares the subject opening the sentence
    let q = quote(&qs, "written reply");
    assert_eq!(q.speaker.as_deref(), Some("Sherman"));
}

#[test]
fn cue_words_that_report_nothing_are_not_cues() {
    let qs = run(
        "Prosecutors will investigate alleged payments to the delegation in Geneva. \
         Grushko responded to the proposal more sharply as the talks went on, and the allies waited. \
         Sherman declared herself satisfied with the first round of the talks.",
        PEOPLE,
    );
    assert!(qs.is_empty(), "{qs:#?}");
    let qs = run(
        "Stoltenberg alleged that Russia had moved troops to the border. \
         Grushko responded that NATO had ignored every proposal.",
        PEOPLE,
    );
    assert_eq!(quote(&qs, "moved troops").cue.as_deref(), Some("alleged"));
    assert_eq!(quote(&qs, "ignored").cue.as_deref(), Some("responded"));
}

#[test]
fn a_reported_clause_after_an_adverbial_or_an_appositive() {
    let qs = run(
        "Stoltenberg wrote in both letters he was ready to meet again in Brussels. \
         Wendy Sherman, a veteran diplomat, writes in her memoir that the talks were the hardest of her career.",
        PEOPLE,
    );
    let q = quote(&qs, "ready to meet");
    assert_eq!(q.text, "he was ready to meet again in Brussels");
    assert_eq!(q.speaker.as_deref(), Some("Stoltenberg"));
    let q = quote(&qs, "hardest of her career");
    assert_eq!(q.cue.as_deref(), Some("writes"));
    assert_eq!(q.speaker.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn a_sentence_opening_before_a_partial_quotation_is_part_of_what_was_said() {
    let qs = run(
        "The alliance, founded in 1949 to deter the Soviet Union, “remains open to every European democracy,” Stoltenberg said. \
         Russia’s support in key states means “we are not alone,” Grushko said.",
        PEOPLE,
    );
    let q = quote(&qs, "every European democracy");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert!(
        q.text.starts_with("The alliance, founded in 1949"),
        "{q:#?}"
    );
    // "states" here is a noun, not a cue that would cut the lead-in off
    let q = quote(&qs, "we are not alone");
    assert!(
        q.text.starts_with("Russia’s support in key states"),
        "{q:#?}"
    );
    assert_eq!(q.speaker.as_deref(), Some("Grushko"));
}
