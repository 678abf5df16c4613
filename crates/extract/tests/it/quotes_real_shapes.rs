//! Quote extraction on small hand-built documents, continued: the rules found on real news (each
//! test is a sentence shape a real article had, with what was said and who said it).

use crate::support;

use model::{EntityLabel, QuoteKind};
use EntityLabel::*;

use support::quotes as run;

use support::quote;

use super::quotes_rules::PEOPLE;

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
