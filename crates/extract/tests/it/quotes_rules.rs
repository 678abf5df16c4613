//! Quote extraction on small hand-built documents: mark styles, cue positions, multi-paragraph and
//! unbalanced quotes, and speaker resolution (names, pronouns, roles, organisations).

use crate::support;

use model::{EntityLabel, QuoteKind};
use EntityLabel::*;

use support::quotes as run;

use support::quote;

const PEOPLE: &[(&str, EntityLabel, &str)] = &[
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

#[test]
fn a_description_before_a_postposed_name_belongs_to_the_speaker() {
    let qs = run(
        "“The talks were useful,” said veteran negotiator Wendy Sherman. “We will meet again.”",
        PEOPLE,
    );
    let q = quote(&qs, "talks were useful");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
    // the follow-on quotation keeps that speaker
    let q = quote(&qs, "meet again");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn a_quotation_carrying_on_the_sentence_around_a_parenthetical_cue_takes_its_opening() {
    let qs = run(
        "The talks were hard, Sherman said, “but we found some common ground.” \
         Asked about the next round, Grushko said, “It will depend on NATO.”",
        PEOPLE,
    );
    let q = quote(&qs, "common ground");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert!(q.text.starts_with("The talks were hard"), "{q:#?}");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
    // a quotation opening a sentence of its own leaves the framing out
    let q = quote(&qs, "depend on NATO");
    assert_eq!(q.kind, QuoteKind::Direct);
    assert_eq!(q.text, "It will depend on NATO.");
}

#[test]
fn a_named_hearer_after_told_is_not_what_was_said() {
    let qs = run(
        "Grushko told host Wendy Sherman a compromise was still possible.",
        PEOPLE,
    );
    let q = quote(&qs, "compromise");
    assert_eq!(q.text, "a compromise was still possible");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Alexander Grushko"));
}

#[test]
fn a_title_case_headline_verb_after_a_name_is_a_cue() {
    let qs = run(
        "Jens Stoltenberg Tells Moscow The Door To Membership Stays Open\n\nThe talks ended in Brussels on Wednesday.",
        PEOPLE,
    );
    let q = quote(&qs, "Door To Membership");
    assert_eq!(q.cue.as_deref(), Some("Tells"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn a_cue_in_an_opening_subordinate_clause_reports_up_to_the_main_clause() {
    let qs = run(
        "While Stoltenberg has repeatedly said the door stays open, the alliance has no plan to admit Ukraine soon.",
        PEOPLE,
    );
    let q = quote(&qs, "door stays open");
    assert_eq!(q.text, "the door stays open");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn a_cue_in_a_relative_clause_reports_up_to_its_closing_comma() {
    let qs = run(
        "Sherman and Stoltenberg, who said the alliance would stay united, met the press on Thursday.",
        PEOPLE,
    );
    let q = quote(&qs, "stay united");
    assert_eq!(q.text, "the alliance would stay united");
}

#[test]
fn an_inverted_s_cue_after_a_quotation_is_a_verb() {
    let qs = run("“The door stays open,” writes Jens Stoltenberg.", PEOPLE);
    let q = quote(&qs, "door stays open");
    assert_eq!(q.cue.as_deref(), Some("writes"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
}

#[test]
fn a_quotation_right_after_reported_speech_continues_that_speaker() {
    let qs = run(
        "“We are ready,” Stoltenberg said on Monday. \
         Sherman added that the allies had offered talks on missiles. “Russia has to choose.”",
        PEOPLE,
    );
    let q = quote(&qs, "has to choose");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn a_name_ending_right_before_a_noun_like_form_makes_it_a_verb() {
    let qs = run(
        "Fox News reports that the talks were useful.",
        &[("Fox News", Org, "Fox News")],
    );
    let q = quote(&qs, "talks were useful");
    assert_eq!(q.cue.as_deref(), Some("reports"));
    assert_eq!(q.speaker_canonical.as_deref(), Some("Fox News"));
}

#[test]
fn a_quotation_after_reported_speech_is_kept_with_that_speaker_even_as_the_first_quotation() {
    let qs = run(
        "Sherman added that the allies had offered talks on missiles. “Russia has to choose.”\n\n\
         “Peace in our time.”",
        PEOPLE,
    );
    let q = quote(&qs, "has to choose");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
    // a slogan with neither cue nor speaker is still no quote
    assert!(qs.iter().all(|q| !q.text.contains("Peace")), "{qs:#?}");
}

#[test]
fn a_parenthetical_between_the_cue_and_its_clause_is_skipped() {
    let qs = run(
        "Sherman cautioned, as did several allies, that the talks might take months.",
        PEOPLE,
    );
    let q = quote(&qs, "might take months");
    assert_eq!(q.text, "that the talks might take months");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Wendy Sherman"));
}

#[test]
fn a_temporal_adverbial_between_the_cue_and_that_is_skipped() {
    let qs = run(
        "Grushko said during a briefing in Moscow on Friday that NATO had ignored every proposal.",
        PEOPLE,
    );
    let q = quote(&qs, "ignored every proposal");
    assert_eq!(q.text, "that NATO had ignored every proposal");
}

#[test]
fn a_relative_pronoun_subject_speaks_for_its_antecedent() {
    let qs = run(
        "The talks also involved the Kremlin, which has strongly denied any plan to invade Ukraine. \
         They turned to NATO which reported “2,521 incidents” on the border.",
        PEOPLE,
    );
    let q = quote(&qs, "any plan to invade");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Kremlin"));
    let q = quote(&qs, "2,521 incidents");
    assert_eq!(q.speaker_canonical.as_deref(), Some("NATO"));
}

#[test]
fn a_party_and_state_tag_after_the_speaker_is_skipped() {
    let people = &[
        ("Mitch McConnell", Per, "Mitch McConnell"),
        ("Lindsey Graham", Per, "Lindsey Graham"),
    ];
    let qs = run(
        "“Our assumption is that the veto will be overridden,” Senate Majority Leader Mitch \
         McConnell, R-Ky., said Tuesday. The economy is strong, Lindsey Graham (R-S.C.) told \
         reporters on Thursday.",
        people,
    );
    let q = quote(&qs, "veto will be overridden");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Mitch McConnell"));
    let q = quote(&qs, "economy is strong");
    assert_eq!(q.text, "The economy is strong");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Lindsey Graham"));
}

#[test]
fn a_short_quotation_led_in_by_the_sentence_is_kept_when_its_cue_closes_the_sentence() {
    let people = &[
        ("Trump", Per, "Donald Trump"),
        ("Kasich", Per, "John Kasich"),
    ];
    let qs = run(
        "Not paying taxes ''makes me smart,'' Trump said last week. On ABC’s “Good Morning \
         America,” Kasich said that he would stay in the race.",
        people,
    );
    let q = quote(&qs, "makes me smart");
    assert_eq!(q.kind, QuoteKind::Mixed);
    assert!(q.text.starts_with("Not paying taxes"), "{q:?}");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Donald Trump"));
    assert!(
        !qs.iter().any(|q| q.text.contains("Good Morning")),
        "{qs:#?}"
    );
    let q = quote(&qs, "stay in the race");
    assert_eq!(q.speaker_canonical.as_deref(), Some("John Kasich"));
}

#[test]
fn a_cue_of_several_words_is_not_taken_for_an_s_form_noun() {
    // "told reporters" ends in -s, but its verb is "told": it needs no named subject before it
    let qs = run(
        "A senior spokesman told reporters on Friday that the talks had failed.",
        PEOPLE,
    );
    let q = quote(&qs, "talks had failed");
    assert_eq!(q.cue.as_deref(), Some("told reporters"));
    assert_eq!(q.speaker.as_deref(), Some("A senior spokesman"));
}

#[test]
fn a_clause_after_the_cue_is_not_taken_for_a_postposed_speaker() {
    let people = &[("Donna Rawlings", Per, "Donna Rawlings")];
    let qs = run(
        "Donna Rawlings, 59, who watched the ceremony, said the event brought back memories.",
        people,
    );
    let q = quote(&qs, "brought back memories");
    assert_eq!(q.text, "the event brought back memories");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Donna Rawlings"));
}

#[test]
fn a_determiner_before_a_name_inside_the_speaker_phrase_is_not_content() {
    let people = &[("West Virginia", Loc, "West Virginia")];
    let qs = run(
        "The reclamation work has been meeting regulatory standards, one West Virginia official \
         said.",
        people,
    );
    let q = quote(&qs, "regulatory standards");
    assert_eq!(
        q.text,
        "The reclamation work has been meeting regulatory standards"
    );
}

#[test]
fn a_possessive_description_before_an_inverted_speaker() {
    // the real tokenizer, which splits the possessive `’s` off the name
    let people = &[("NBC", Org, "NBC"), ("Dante Chinni", Per, "Dante Chinni")];
    let text = "Debates in and of themselves are not likely to alter the campaign, noted NBC’s \
                Dante Chinni.";
    let qs = extract::quotes::extract(&support::owned_real(text, None, people).doc());
    let q = quote(&qs, "alter the campaign");
    assert_eq!(
        q.text,
        "Debates in and of themselves are not likely to alter the campaign"
    );
    assert_eq!(q.speaker_canonical.as_deref(), Some("Dante Chinni"));
}

#[test]
fn a_clause_after_a_comma_following_the_cue_is_what_was_said() {
    let people = &[
        ("Marco Rubio", Per, "Marco Rubio"),
        ("Cruz", Per, "Ted Cruz"),
    ];
    let qs = run(
        "Republican presidential candidate Marco Rubio says, win or lose in the Florida primary, \
         he is staying in the race. That said, Cruz cannot get enough delegates. All told, up to \
         5 million people could be eligible for the programs.",
        people,
    );
    let q = quote(&qs, "staying in the race");
    assert_eq!(
        q.text,
        "win or lose in the Florida primary, he is staying in the race"
    );
    assert_eq!(q.speaker_canonical.as_deref(), Some("Marco Rubio"));
    assert!(
        !qs.iter()
            .any(|q| q.text.contains("delegates") || q.text.contains("eligible")),
        "{qs:#?}"
    );
}

#[test]
fn an_s_form_cue_after_a_name_set_off_by_commas() {
    let people = &[
        ("John Weaver", Per, "John Weaver"),
        ("Tom Miller", Per, "Tom Miller"),
    ];
    let qs = run(
        "A top strategist, John Weaver, tells reporters that the showing will be enough. But Tom \
         Miller, at a consulting firm in Beijing, argues that the influence will strengthen.",
        people,
    );
    let q = quote(&qs, "will be enough");
    assert_eq!(q.speaker_canonical.as_deref(), Some("John Weaver"));
    let q = quote(&qs, "will strengthen");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Tom Miller"));
}

#[test]
fn a_short_led_in_quotation_whose_cue_has_a_participle_tail() {
    let people = &[("Fiorina", Per, "Carly Fiorina")];
    let qs = run(
        "The former secretary of state will play the \"woman card,\" Fiorina said, adding that the \
         way to go after it is to attack her record.",
        people,
    );
    let q = quote(&qs, "woman card");
    assert!(q.text.starts_with("The former secretary"), "{q:?}");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Carly Fiorina"));
}

#[test]
fn a_weekday_possessive_opens_the_reported_clause() {
    let people = &[("Rachel Berg", Per, "Rachel Berg")];
    let qs = run(
        "Rachel Berg said Thursday's speeches have led her to count two candidates out.",
        people,
    );
    let q = quote(&qs, "speeches have led her");
    assert!(q.text.starts_with("Thursday's speeches"), "{q:?}");
}

#[test]
fn a_stray_comma_before_that_and_an_as_clause_after_but() {
    let qs = run(
        "He added, that there is a strong emphasis on a fair process. But as a Politico reporter \
         noted, the hall was not even half full.",
        PEOPLE,
    );
    let q = quote(&qs, "strong emphasis");
    assert_eq!(q.text, "that there is a strong emphasis on a fair process");
    let q = quote(&qs, "half full");
    assert_eq!(q.text, "the hall was not even half full");
    assert_eq!(q.speaker.as_deref(), Some("a Politico reporter"));
}

#[test]
fn an_adverbial_after_a_postposed_speaker_leaves_the_clause_before() {
    let qs = run(
        "The talks have shifted from security to trade, Grushko said during his speech to the \
         delegates.",
        PEOPLE,
    );
    let q = quote(&qs, "shifted from security");
    assert_eq!(q.text, "The talks have shifted from security to trade");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Alexander Grushko"));
    // a commitment's infinitive stays what was said
    let qs = run("Grushko vowed to deliver change in Europe.", PEOPLE);
    assert_eq!(
        quote(&qs, "deliver change").text,
        "to deliver change in Europe"
    );
}

#[test]
fn an_s_form_before_a_quotation_and_police_as_a_speaker() {
    let qs = run(
        "The ad claims “Jeb is the conservative you can trust.” After being told he would be \
         charged, police said, the man went to police headquarters.",
        PEOPLE,
    );
    let q = quote(&qs, "conservative you can trust");
    assert_eq!(q.cue.as_deref(), Some("claims"));
    let q = quote(&qs, "police headquarters");
    assert_eq!(q.speaker.as_deref(), Some("police"));
}

#[test]
fn a_relative_clause_cue_keeps_its_trailing_adverbial_and_as_phrases_before_that() {
    let people = &[
        ("Ted Cruz", Per, "Ted Cruz"),
        ("Lazar", Per, "Marcel Lazar"),
    ];
    let qs = run(
        "Trump was out-brutalizing Ted Cruz, who said he would only use waterboarding sparingly, \
         in emergency scenarios. Investigators have no evidence, though Lazar admitted as a part \
         of his plea that he broke into the account of an aide.",
        people,
    );
    let q = quote(&qs, "waterboarding");
    assert_eq!(
        q.text,
        "he would only use waterboarding sparingly, in emergency scenarios"
    );
    let q = quote(&qs, "broke into");
    assert_eq!(q.text, "that he broke into the account of an aide");
}

#[test]
fn keeping_a_lead_or_a_dateline_credit_is_not_a_statement() {
    let people = &[
        ("Rubio", Per, "Marco Rubio"),
        ("Ryan Grim", Per, "Ryan Grim"),
    ];
    let qs = run(
        "Rubio still maintains an overwhelming lead in congressional endorsements. Rubio \
         maintained that the race was far from over. Ryan Grim reported from Washington. Most \
         Southern states that will hold contests have sizable minority populations.",
        people,
    );
    assert!(
        !qs.iter().any(|q| q.text.contains("overwhelming lead")
            || q.text.contains("Washington")
            || q.text.contains("minority populations")),
        "{qs:#?}"
    );
    let q = quote(&qs, "far from over");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Marco Rubio"));
}

#[test]
fn an_unnamed_inverted_speaker_with_a_relative_clause_and_a_name_set_off_before_the_cue() {
    let people = &[("Corey Lewandowski", Per, "Corey Lewandowski")];
    let qs = run(
        "He warned the leader not to move on the shoal, said an American official who was briefed \
         on the encounter. Trump's former campaign manager, Corey Lewandowski, said the staff \
         member who succeeded him should be terminated.",
        people,
    );
    let q = quote(&qs, "move on the shoal");
    assert_eq!(q.text, "He warned the leader not to move on the shoal");
    assert!(q
        .speaker
        .as_deref()
        .is_some_and(|s| s.starts_with("an American official")));
    let q = quote(&qs, "should be terminated");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Corey Lewandowski"));
}

#[test]
fn adding_to_a_portfolio_or_a_number_is_not_a_statement() {
    let qs = run(
        "By morning, the efforts at damage control by NATO added up to a series of conflicting \
         explanations. Investors will watch the number of users NATO added over the last quarter, \
         an issue with which it has struggled. “It was a record,” Grushko added to People.",
        PEOPLE,
    );
    assert!(
        !qs.iter()
            .any(|q| q.text.contains("conflicting") || q.text.contains("last quarter")),
        "{qs:#?}"
    );
    assert_eq!(quote(&qs, "It was a record").cue.as_deref(), Some("added"));
}

#[test]
fn s_form_cues_closing_a_sentence_or_after_a_closed_quotation() {
    let people = &[
        ("Stephanie Acs", Per, "Stephanie Acs"),
        ("Marco Rubio", Per, "Marco Rubio"),
    ];
    let qs = run(
        "The lack of voting places was particularly burdensome on communities, the lawsuit \
         alleges. “I'm a voter,” declares Stephanie Acs, 27, a Navy veteran. Marco Rubio, whose \
         hometown is projected to be underwater, argues that the efforts will destroy the economy.",
        people,
    );
    let q = quote(&qs, "particularly burdensome");
    assert_eq!(q.cue.as_deref(), Some("alleges"));
    assert_eq!(
        q.text,
        "The lack of voting places was particularly burdensome on communities"
    );
    let q = quote(&qs, "a voter");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Stephanie Acs"));
    let q = quote(&qs, "destroy the economy");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Marco Rubio"));
}

#[test]
fn a_summary_appositive_after_a_dash_does_not_open_the_reported_clause() {
    let people = &[(
        "Congressional Budget Office",
        Org,
        "Congressional Budget Office",
    )];
    let qs = run(
        "The deficit trend will end this year, the Congressional Budget Office reported on \
         Tuesday -- a development that raises new questions.",
        people,
    );
    let q = quote(&qs, "deficit trend");
    assert_eq!(q.text, "The deficit trend will end this year");
    assert!(
        !qs.iter().any(|q| q.text.starts_with("that raises")),
        "{qs:#?}"
    );
}

#[test]
fn told_delegates_is_a_cue_and_pledged_delegates_is_not() {
    let people = &[("Michael Mukasey", Per, "Michael Mukasey")];
    let qs = run(
        "Michael Mukasey told delegates at the convention that the server should disqualify her. \
         Sanders has 33 pledged delegates in the state.",
        people,
    );
    let q = quote(&qs, "should disqualify her");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Michael Mukasey"));
    assert!(
        !qs.iter().any(|q| q.text.contains("in the state")),
        "{qs:#?}"
    );
}

#[test]
fn a_speaker_named_after_a_description_following_a_quotation() {
    let people = &[
        ("Joe Kasper", Per, "Joe Kasper"),
        ("Brent Bozell", Per, "Brent Bozell"),
        ("California", Loc, "California"),
        ("Media Research Center", Org, "Media Research Center"),
    ];
    let qs = run(
        "“Eventually, positions are gonna soften,” California Rep. Hunter’s chief of staff, Joe \
         Kasper, told POLITICO. “Yes, I support the senator,” Brent Bozell, founder of the Media \
         Research Center, tells Breitbart News in an interview.",
        people,
    );
    let q = quote(&qs, "positions are gonna soften");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Joe Kasper"));
    let q = quote(&qs, "I support the senator");
    assert_eq!(q.speaker_canonical.as_deref(), Some("Brent Bozell"));
}
