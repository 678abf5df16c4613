//! Properties of the whole pipeline on arbitrary and news-like text: `Pipeline::run` never panics,
//! every span it returns (entities, quotes, quote cues and speakers, timexes, event triggers,
//! syntactic words) lies inside the text on char boundaries, and the parse is a tree a sentence.
//!
//! The default case count is modest; raise it with `PROPTEST_CASES`, e.g.
//! `PROPTEST_CASES=3000 cargo test -p extract --test pipeline_props`.

use crate::support::pipeline;
use chrono::NaiveDate;
use model::{CleanArticle, Span};
use proptest::prelude::*;

/// Cases per property: `PROPTEST_CASES` if set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A published date: none, an ordinary one, or one at the edges of what a cleaner might parse.
fn published() -> impl Strategy<Value = Option<NaiveDate>> {
    prop_oneof![
        2 => Just(None),
        4 => (1990i32..2040, 1u32..=12, 1u32..=31)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d.min(28))),
        1 => (prop_oneof![Just(0i32), Just(1), Just(9999), 0i32..9999], 1u32..=12, 1u32..=28)
            .prop_map(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
    ]
}

/// Pieces of news text: quote marks of several scripts, multi-byte letters, names, speech verbs,
/// dates, numbers and paragraph breaks.
fn fragment() -> impl Strategy<Value = String> {
    const FIXED: &[&str] = &[
        // quote marks
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "„",
        "‹",
        "›",
        "「",
        "」",
        "“Yes,” ",
        "” ",
        " “",
        "\" ",
        " \"",
        "'' ",
        "``",
        "« ",
        " »",
        "„Ja“ ",
        "‘No’ ",
        "’s ",
        "n’t ",
        // multi-byte letters and punctuation
        "Gruško ",
        "Grushkó ",
        "Müller ",
        "ü",
        "—",
        " — ",
        "–",
        " – ",
        "…",
        "...",
        "😀",
        "🇺🇦 ",
        "é",
        "ß",
        "日本 ",
        "Ελλάδα ",
        "Москва ",
        "\u{200b}",
        "\u{a0}",
        "\u{301}",
        // names
        "Mr. ",
        "Mrs. ",
        "Dr. ",
        "John Smith ",
        "Smith ",
        "Angela Merkel ",
        "Merkel ",
        "He ",
        "he ",
        "She ",
        "she ",
        "They ",
        "it ",
        "It ",
        "the minister ",
        "The Ministry of Defence ",
        "U.S. ",
        "United Nations ",
        "Russia’s ",
        "Ukraine ",
        "Kyiv ",
        "NATO ",
        "Reuters ",
        "the company ",
        "a spokesman ",
        "officials ",
        "police ",
        // speech verbs and cues
        "said",
        " said ",
        "said.",
        " said, ",
        "says ",
        "added ",
        " added.",
        "told ",
        "according to ",
        "According to ",
        "according\n\nto ",
        "told\n\nreporters ",
        "pointed\n\nout ",
        "stated ",
        "announced ",
        "warned ",
        "asked ",
        "denied ",
        "claimed ",
        "said that ",
        "told reporters ",
        ", he said.",
        ", said ",
        ", according to ",
        // events
        "attacked ",
        "met ",
        "signed ",
        "arrested ",
        "killed ",
        "protested ",
        "not ",
        "will ",
        "may ",
        "agreed to ",
        "visited ",
        "sanctions ",
        "talks ",
        "fighting ",
        "in ",
        "at ",
        // dates and times
        "on Wednesday",
        "on Wednesday, ",
        "Wednesday ",
        "January 13, 2022",
        "January 13 ",
        "13 January 2022 ",
        "Jan. 13 ",
        "2022-01-13 ",
        "last year",
        "last year ",
        "next week ",
        "this month ",
        "yesterday ",
        "today ",
        "tomorrow ",
        "two days ago ",
        "in March ",
        "in 2021 ",
        "the 1990s ",
        "since 2014 ",
        "on Monday night ",
        "last Friday ",
        "Dec. 31 ",
        "February 29 ",
        "2022",
        "1999 ",
        "0 ",
        "31 ",
        "32 ",
        "9999 ",
        "10000 ",
        // numbers
        "100,000 ",
        "3.5 ",
        "٣",
        "𖭐",
        "१२ ",
        "on ٣ ",
        "²",
        "½ ",
        "1 ",
        "42",
        "$5 million ",
        "50% ",
        "two ",
        "first ",
        // punctuation, spaces and breaks
        ". ",
        ".",
        ", ",
        ",",
        ": ",
        ";",
        "? ",
        "! ",
        "(",
        ")",
        "[",
        "]",
        "-",
        " ",
        "  ",
        "\n",
        "\n\n",
        "\r\n",
        "\t",
        "",
    ];
    prop_oneof![
        12 => prop::sample::select(FIXED).prop_map(str::to_string),
        2 => "[A-Z][a-z]{1,8} ",
        1 => "[a-z]{1,8}[ .,]",
        1 => "[0-9]{1,5}",
        1 => "[0-9]{1,24}(\\.[0-9]{1,3})? (days?|weeks?|months?|years?|decades?|century|centuries) (ago|earlier|before|long)",
        1 => "\\PC{1,4}",
        1 => "(?s).{1,3}",
    ]
}

fn newsish() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// Words of a clause: plain, capitalised, multi-byte, numbers and the odd stray mark.
fn words() -> impl Strategy<Value = String> {
    const WORDS: &[&str] = &[
        "the",
        "talks",
        "were",
        "a",
        "failure",
        "we",
        "will",
        "not",
        "attack",
        "Ukraine",
        "is",
        "ready",
        "to",
        "negotiate",
        "Russia’s",
        "demands",
        "are",
        "unacceptable",
        "Gruško",
        "Grushkó",
        "über",
        "naïve",
        "—",
        "–",
        "…",
        "😀",
        "100,000",
        "3.5",
        "2022",
        "on",
        "Wednesday",
        "last",
        "year",
        "January",
        "13,",
        "it",
        "is",
        "that",
        "and",
        "but",
        "adding",
        "said",
        "according",
        "Mr.",
        "U.S.",
        "NATO",
        "in",
        "Kyiv",
        "'",
        "’",
        "“",
        "”",
        "(",
        ")",
    ];
    let word = prop_oneof![
        8 => prop::sample::select(WORDS).prop_map(str::to_string),
        1 => "[A-Z][a-z]{1,8}",
        1 => "[a-zà-ÿ]{1,8}",
        1 => "\\PC{1,3}",
    ];
    prop::collection::vec(word, 0..14).prop_map(|v| v.join(" "))
}

/// One news-like sentence: a quotation with its speaker and cue in one of the usual orders,
/// reported speech, or a plain clause, with quote marks of several scripts and an optional date.
fn sentence() -> impl Strategy<Value = String> {
    const OPEN: &[&str] = &["“", "\"", "‘", "'", "«", "„", "‹", "「", "« ", "''", ""];
    const CLOSE: &[&str] = &["”", "\"", "’", "'", "»", "“", "›", "」", " »", "''", ""];
    const NAME: &[&str] = &[
        "John Smith",
        "Gruško",
        "Grushkó",
        "Mr. Müller",
        "he",
        "she",
        "it",
        "they",
        "He",
        "It",
        "the minister",
        "Jens Stoltenberg, NATO’s Secretary General,",
        "a spokesman for the Kremlin",
        "Dmitry Peskov",
        "officials",
        "Reuters",
        "the U.S. State Department",
        "Zoë Ångström",
    ];
    const VERB: &[&str] = &[
        "said",
        "added",
        "told reporters",
        "says",
        "warned",
        "according to",
        "wrote",
        "announced",
        "said on Wednesday",
        "is said",
        "has said",
        "did not say",
        "claimed",
        "asked",
        "explained",
    ];
    const DATE: &[&str] = &[
        "",
        "",
        " on Wednesday",
        " on January 13, 2022",
        " last year",
        " on Wednesday, January 12",
        " yesterday",
        " two days ago",
        " next week",
        " in March",
        " on 13 January 2022",
        " …",
    ];
    const END: &[&str] = &[".", ",", "…", "!", "?", "", " —", ".”", ".\"", ";", ":"];
    let sel = |xs: &'static [&'static str]| prop::sample::select(xs).prop_map(str::to_string);
    (
        0u8..9,
        (sel(OPEN), sel(CLOSE)),
        sel(NAME),
        sel(VERB),
        sel(DATE),
        (sel(END), sel(END)),
        words(),
        words(),
    )
        .prop_map(|(shape, (o, c), n, v, d, (e, f), w, x)| match shape {
            0 => format!("{o}{w}{e}{c} {n} {v}{d}{f}"),
            1 => format!("{n} {v}{d}{e} {o}{w}{f}{c}"),
            2 => format!("{o}{w},{c} {v} {n}{d}{f}"),
            3 => format!("{v} {n}{d}, {w}{f}"),
            4 => format!("{w}, {n} {v}{d}, {x}{f}"),
            5 => format!("{w}, {v} {n}{d}{f}"),
            6 => format!("{n} {v} that {w}{d}{f}"),
            7 => format!("{o}{w}{e} {n} {v}{d}. {x}{f}{c}"),
            _ => format!("{w}{d} {x}{f}"),
        })
}

fn sentences() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", " ", " ", "\n\n", "\n", "", "  "][..]);
    prop::collection::vec((sentence(), sep), 0..12)
        .prop_map(|v| v.into_iter().map(|(s, sep)| s + sep).collect())
}

/// A long article: many sentences and paragraphs, so that quotes run over paragraphs, runaway
/// quotes are cut and pronouns look back over several paragraphs.
fn long_article() -> impl Strategy<Value = String> {
    let sep = prop::sample::select(&[" ", " ", "\n\n", "\n\n“", " “", "\n\n\""][..]);
    prop::collection::vec((sentence(), sep), 20..70)
        .prop_map(|v| v.into_iter().map(|(s, sep)| s + sep).collect())
}

fn article(text: String, published: Option<NaiveDate>) -> CleanArticle {
    CleanArticle {
        article_id: "t".into(),
        language: Some("en".into()),
        text,
        published,
        ..Default::default()
    }
}

fn check_span(text: &str, what: &str, s: &Span) -> Result<(), TestCaseError> {
    prop_assert!(
        s.start <= s.end && s.end <= text.len(),
        "{} span {:?} out of range (len {})",
        what,
        s,
        text.len()
    );
    prop_assert!(
        text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
        "{} span {:?} not on char boundaries",
        what,
        s
    );
    Ok(())
}

/// Runs the pipeline and checks every span it returns.
fn check(text: String, published: Option<NaiveDate>) -> Result<(), TestCaseError> {
    let art = article(text, published);
    let text = art.text.as_str();
    let ex = pipeline()
        .run(&art)
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    for t in &ex.tokens {
        check_span(text, "token", &t.span)?;
    }
    for s in &ex.sentences {
        check_span(text, "sentence", &s.span)?;
    }
    for e in &ex.entities {
        check_span(text, "entity", &e.span)?;
        prop_assert!(e.sentence < ex.sentences.len());
    }
    for q in &ex.quotes {
        check_span(text, "quote", &q.span)?;
        if let Some(s) = &q.cue_span {
            check_span(text, "quote cue", s)?;
        }
        if let Some(s) = &q.speaker_span {
            check_span(text, "quote speaker", s)?;
        }
    }
    for t in &ex.timexes {
        check_span(text, "timex", &t.span)?;
    }
    for w in &ex.syntax.words {
        check_span(text, "word", &w.span)?;
    }
    if let Err(e) = crate::syntax::check_trees(&ex) {
        return Err(TestCaseError::fail(e));
    }
    // Coreference: mentions are spans in text order, heads are words inside them, chains are
    // numbered densely in order of first mention.
    let mut next_chain = 0;
    for (i, m) in ex.mentions.iter().enumerate() {
        check_span(text, "mention", &m.span)?;
        let head = &ex.syntax.words[m.head as usize];
        prop_assert!(m.span.start <= head.span.start && head.span.end <= m.span.end);
        prop_assert!((m.sentence as usize) < ex.sentences.len());
        prop_assert!(i == 0 || ex.mentions[i - 1].span.start <= m.span.start);
        prop_assert!(
            m.chain <= next_chain,
            "chain {} before {}",
            m.chain,
            next_chain
        );
        next_chain = next_chain.max(m.chain + 1);
    }
    for e in &ex.events {
        check_span(text, "event trigger", &e.trigger_span)?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn arbitrary_unicode_never_panics(text in "(?s).{0,300}", published in published()) {
        check(text, published)?;
    }

    #[test]
    fn arbitrary_printable_words_never_panic(
        words in prop::collection::vec("\\PC{0,12}", 0..40),
        published in published(),
    ) {
        check(words.join(" "), published)?;
    }
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn newsish_text_never_panics(text in newsish(), published in published()) {
        check(text, published)?;
    }

    #[test]
    fn quoted_sentences_never_panic(text in sentences(), published in published()) {
        check(text, published)?;
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn long_articles_never_panic(text in long_article(), published in published()) {
        check(text, published)?;
    }
}

fn date(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d)
}

/// Found by these properties: the impersonal-"it" check sliced 12 bytes before the cue, inside '…'
/// (`quotes.rs`, now `floor_char_boundary`).
#[test]
fn impersonal_it_window_inside_multibyte_char() {
    check("it …in March , said Aa ⶰ日本 Reuters ".into(), None).unwrap();
    check(
        "“It is over,” it …said. Gruško said “it”, it said.".into(),
        None,
    )
    .unwrap();
}

/// Found by these properties: a speaker's title was extended left over the previous sentence
/// ("He\n\nDmitry Peskov"), and the postposed-cue clause was then sliced backwards (`quotes.rs`).
#[test]
fn speaker_title_does_not_cross_the_sentence_start() {
    check("“,” said He\n\nDmitry Peskov wrote …… “.” ".into(), None).unwrap();
}

/// Found by these properties: `\d` matches non-ASCII digits ('𖭐'), and the "on " check of a date
/// sliced 3 bytes into such a digit (`timex.rs`).
#[test]
fn date_opening_with_a_non_ascii_digit() {
    check("“A𖭐 January.” John Smith said. ".into(), None).unwrap();
    check("on 𖭐 January 2022, ٣ March".into(), date(2022, 1, 13)).unwrap();
}

/// A cue of several words across a paragraph break was one cue in two sentences, and the clause
/// after it was sliced backwards (`quotes.rs`).
#[test]
fn multi_word_cue_across_a_paragraph_break() {
    let text = "According\n\nto John Smith, the talks have failed badly. The talks failed badly, \
                according\n\nto John Smith. He told\n\nreporters the talks failed.";
    check(text.into(), None).unwrap();
}

/// Found by these properties: "N units ago" with a count beyond the calendar overflowed the date
/// arithmetic (`timex.rs`); such a count is now a past reference.
#[test]
fn huge_count_ago() {
    for text in [
        "14000000 week ago“",
        "100000000 days ago",
        "99999999999999999999 days ago",
        "3000000000 years ago",
        "300000000 decades ago",
        "30000000 centuries ago",
        "99999999999999999999 months ago",
    ] {
        check(text.into(), date(2022, 1, 13)).unwrap();
        check(text.into(), date(1, 1, 1)).unwrap();
    }
}

/// Issue 14, item 2: `He said "yes" ` repeated 10,000 times (one paragraph, no sentence end) gave
/// 10,035 quotes whose contents ran to the end of the text (700 MB of quote text for 140 KB). Now
/// the quote count is capped and all contents together stay within a small multiple of the text.
#[test]
fn repeated_quotation_is_bounded() {
    let text = "He said \"yes\" ".repeat(10_000);
    let ex = pipeline().run(&article(text.clone(), None)).unwrap();
    let total: usize = ex.quotes.iter().map(|q| q.text.len()).sum();
    let spans: usize = ex.quotes.iter().map(|q| q.span.len()).sum();
    assert!(
        ex.quotes.len() <= 5_000,
        "{} quotes (cap 5,000)",
        ex.quotes.len()
    );
    assert!(
        total <= 4 * text.len() && spans <= 4 * text.len(),
        "{total} bytes of quote text, {spans} of quote spans, for a text of {}",
        text.len()
    );
}

/// A budget already spent stops the pipeline with `ExtractError::Budget`, whose message names the
/// stage and the budget.
#[test]
fn spent_budget_stops_with_the_stage_named() {
    let art = article(
        "NATO and Russia met in Brussels on Wednesday, Stoltenberg said.".into(),
        date(2022, 1, 13),
    );
    let spent = extract::Budget::with_time(std::time::Duration::ZERO);
    match pipeline().run_with(&art, &spent) {
        Err(e @ extract::ExtractError::Budget { stage, .. }) => {
            assert_eq!(stage, "tokenize");
            assert_eq!(
                e.to_string(),
                "time budget of 0 ms exceeded in stage tokenize"
            );
        }
        other => panic!("expected a budget error, got {other:?}"),
    }
    let plenty = extract::Budget::with_time(std::time::Duration::from_secs(600));
    let ex = pipeline().run_with(&art, &plenty).unwrap();
    assert!(!ex.events.is_empty() && !ex.quotes.is_empty());
}

/// The seed articles repeated to `bytes` (one long article of ordinary paragraphs).
fn seed_articles_repeated(bytes: usize) -> CleanArticle {
    article(crate::support::seeds_repeated(bytes), date(2022, 1, 12))
}

/// Issue 14, item 3: extraction time was super-linear in the article's length (a release build
/// took 7 s at 1 MB, 46 s at 2 MB, over 200 s at 4 MB), mostly in events, quotes and name
/// resolution, which scanned every mention, cue or quotation for each one. Here the seed articles,
/// tagged once, are repeated to 2 MB (tokens, sentences and mentions shifted, so the tagger does not
/// run on 2 MB in this debug build) and resolution, timexes, quotes and events must finish within a
/// generous budget of 300 s: they take about 35 s of CPU in a debug build, where the quadratic
/// code spent minutes in name resolution alone.
#[test]
fn long_article_within_budget() {
    let art = seed_articles_repeated(1);
    let ex = pipeline().run(&art).unwrap();
    let (one, copies) = (art.text.len(), 85);
    let text = art.text.repeat(copies);
    let (mut tokens, mut sentences, mut entities) = (Vec::new(), Vec::new(), Vec::new());
    for k in 0..copies {
        let (dt, ds, db) = (k * ex.tokens.len(), k * ex.sentences.len(), k * one);
        let shift = |s: &Span| Span::new(s.start + db, s.end + db);
        tokens.extend(ex.tokens.iter().map(|t| model::Token {
            span: shift(&t.span),
        }));
        sentences.extend(ex.sentences.iter().map(|s| model::Sentence {
            span: shift(&s.span),
            tokens: s.tokens.start + dt..s.tokens.end + dt,
        }));
        entities.extend(ex.entities.iter().map(|m| model::EntityMention {
            span: shift(&m.span),
            sentence: m.sentence + ds,
            ..m.clone()
        }));
    }
    let budget = extract::Budget::with_time(std::time::Duration::from_secs(300));
    let started = std::time::Instant::now();
    extract::resolve::resolve_article(&text, &mut entities);
    budget.check("resolve").unwrap();
    let doc = extract::doc::Doc {
        text: &text,
        published: art.published,
        tokens: &tokens,
        sentences: &sentences,
        entities: &entities,
        syntax: &extract::doc::NO_SYNTAX,
    };
    let mut notes = Vec::new();
    let mut run = || -> Result<(usize, usize), extract::ExtractError> {
        let timexes = extract::timex::extract_with(&doc, &budget)?;
        let quotes = extract::quotes::extract_with(&doc, &budget, &mut notes)?;
        let cameo = extract::events::CameoLexicon::builtin();
        let events =
            extract::events::extract_with(&doc, &timexes, &[], &cameo, &budget, &mut notes)?;
        Ok((quotes.len(), events.len()))
    };
    let (quotes, events) = run().unwrap_or_else(|e| panic!("{e} (after {:?})", started.elapsed()));
    // every copy has (nearly: a copy's first quote may follow on the last one's) the quotes and
    // the events of the seed articles; quotes up to the cap per article
    let expected = (copies * ex.quotes.len() * 9 / 10).min(extract::budget::MAX_QUOTES);
    assert!(quotes >= expected, "{quotes} quotes");
    assert!(
        events * 10 >= copies * ex.events.len() * 9,
        "{events} events"
    );
}
