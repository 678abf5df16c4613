//! Timex recognition and normalisation on hand-built documents.

use crate::support;

use extract::timex;
use model::{DatePrecision, Timex};
use support::{date, owned};

fn run(text: &str, published: Option<&str>) -> Vec<Timex> {
    let o = owned(text, published, &[]);
    timex::extract(&o.doc())
}

/// `(text, value)` pairs.
fn pairs(text: &str, published: Option<&str>) -> Vec<(String, Option<String>)> {
    run(text, published)
        .into_iter()
        .map(|t| (t.text, t.value))
        .collect()
}

fn find<'a>(ts: &'a [Timex], s: &str) -> &'a Timex {
    ts.iter()
        .find(|t| t.text == s)
        .unwrap_or_else(|| panic!("no timex {s:?} in {ts:#?}"))
}

#[test]
fn absolute_dates() {
    let ts = run(
        "The last council was held on July 5, 2019. On December 3, 2021 a soldier was in a trench.",
        None,
    );
    let a = find(&ts, "July 5, 2019");
    assert_eq!(a.value.as_deref(), Some("2019-07-05"));
    assert_eq!(a.date, Some(date("2019-07-05")));
    assert_eq!(a.precision, Some(DatePrecision::Day));
    assert_eq!(
        find(&ts, "December 3, 2021").value.as_deref(),
        Some("2021-12-03")
    );
    assert_eq!(ts.len(), 2, "{ts:#?}");
}

#[test]
fn date_lists_give_one_timex_per_day() {
    let ts = run(
        "The talks were held on January 9 and 10 in Geneva.",
        Some("2022-01-13"),
    );
    assert_eq!(find(&ts, "January 9").value.as_deref(), Some("2022-01-09"));
    assert_eq!(find(&ts, "10").value.as_deref(), Some("2022-01-10"));
}

#[test]
fn years_but_not_numbers() {
    let p = pairs(
        "The council met 10 times since 2016, after the annexation in 2014. Russia has 100,000 soldiers. \
         According to article 10 of the Washington Treaty of 1949, complaints date back to 1997.",
        None,
    );
    let texts: Vec<&str> = p.iter().map(|(t, _)| t.as_str()).collect();
    assert!(
        texts.contains(&"2016")
            && texts.contains(&"2014")
            && texts.contains(&"1949")
            && texts.contains(&"1997"),
        "{p:?}"
    );
    assert!(
        !texts.iter().any(|t| t.contains("100") || *t == "10"),
        "{p:?}"
    );
    assert!(p
        .iter()
        .any(|(t, v)| t == "2014" && v.as_deref() == Some("2014")));
}

#[test]
fn weekdays_past_and_future() {
    // published on a Wednesday
    let ts = run(
        "NATO and Russia met in Brussels on Wednesday. Talks ended on Monday. The talks will continue on Thursday in Vienna.",
        Some("2022-01-12"),
    );
    assert_eq!(find(&ts, "Wednesday").value.as_deref(), Some("2022-01-12"));
    assert_eq!(find(&ts, "Monday").value.as_deref(), Some("2022-01-10"));
    assert_eq!(find(&ts, "Thursday").value.as_deref(), Some("2022-01-13"));
}

#[test]
fn weekday_with_part_of_day_and_day_of_month() {
    let ts = run(
        "Russia held its own press conference on Wednesday night. It took place in Geneva on Monday, 10. \
         And it precedes a final meeting, this Thursday, 13, in Vienna.",
        Some("2022-01-12"),
    );
    let w = find(&ts, "Wednesday night");
    assert_eq!(w.value.as_deref(), Some("2022-01-12"));
    assert_eq!(w.date, Some(date("2022-01-12")));
    assert_eq!(find(&ts, "Monday, 10").value.as_deref(), Some("2022-01-10"));
    assert_eq!(
        find(&ts, "this Thursday, 13").value.as_deref(),
        Some("2022-01-13")
    );
}

#[test]
fn weekday_and_date_together() {
    let ts = run(
        "This Wednesday, January 12, NATO and Russia met in Brussels.",
        Some("2022-01-12"),
    );
    assert_eq!(ts.len(), 1, "{ts:#?}");
    assert_eq!(ts[0].value.as_deref(), Some("2022-01-12"));
}

#[test]
fn relative_days_units_and_ago() {
    let ts = run(
        "Yesterday, Stoltenberg spoke. Last month, Russia released a list. Both sides broke off relations last year. \
         The forum was created two decades ago. Talks this week are aimed at easing tensions.",
        Some("2022-01-13"),
    );
    assert_eq!(find(&ts, "Yesterday").value.as_deref(), Some("2022-01-12"));
    let lm = find(&ts, "Last month");
    assert_eq!(lm.value.as_deref(), Some("2021-12"));
    assert_eq!(lm.date, Some(date("2021-12-01")));
    assert_eq!(lm.precision, Some(DatePrecision::Month));
    assert_eq!(find(&ts, "last year").value.as_deref(), Some("2021"));
    let ago = find(&ts, "two decades ago");
    assert_eq!(ago.value.as_deref(), Some("2002"));
    assert_eq!(find(&ts, "this week").value.as_deref(), Some("2022-W02"));
}

#[test]
fn ago_counts_and_counts_beyond_the_calendar() {
    let ts = run(
        "It began 3 days ago. It began 2 weeks ago. It began 14 months ago. It began 5 years ago. \
         It began two centuries ago. It began 100000000 days ago. It began 99999999999999999999 \
         weeks ago. It began 3000000000 years ago. It began 99999999999999999999 months ago.",
        Some("2022-01-13"),
    );
    assert_eq!(find(&ts, "3 days ago").value.as_deref(), Some("2022-01-10"));
    assert_eq!(find(&ts, "2 weeks ago").value.as_deref(), Some("2021-W52"));
    assert_eq!(find(&ts, "14 months ago").value.as_deref(), Some("2020-11"));
    assert_eq!(find(&ts, "5 years ago").value.as_deref(), Some("2017"));
    assert_eq!(
        find(&ts, "two centuries ago").value.as_deref(),
        Some("1822")
    );
    for huge in [
        "100000000 days ago",
        "99999999999999999999 weeks ago",
        "3000000000 years ago",
        "99999999999999999999 months ago",
    ] {
        let t = find(&ts, huge);
        assert_eq!(t.value.as_deref(), Some("PAST_REF"), "{huge}");
        assert_eq!(t.date, None, "{huge}");
    }
}

#[test]
fn day_of_month_alone() {
    let ts = run(
        "On January 13, reports said that on the 12th local time, Russia and NATO held a meeting.",
        Some("2022-01-13"),
    );
    assert_eq!(find(&ts, "the 12th").value.as_deref(), Some("2022-01-12"));
    assert_eq!(find(&ts, "January 13").value.as_deref(), Some("2022-01-13"));
}

#[test]
fn month_range_and_turn_of() {
    let ts = run(
        "Putin will explain the term in more detail at the turn of January-February at the latest.",
        Some("2022-01-12"),
    );
    let t = find(&ts, "the turn of January-February");
    assert_eq!(t.value.as_deref(), Some("2022-01"));
    assert_eq!(t.precision, Some(DatePrecision::Month));
}

#[test]
fn durations() {
    let p = pairs("For the first time in two years, they met for almost four hours over the course of several months.", None);
    assert!(
        p.contains(&("two years".into(), Some("P2Y".into()))),
        "{p:?}"
    );
    assert!(
        p.contains(&("almost four hours".into(), Some("PT4H".into()))),
        "{p:?}"
    );
    assert!(
        p.contains(&("several months".into(), Some("PXM".into()))),
        "{p:?}"
    );
}

#[test]
fn times_of_day() {
    let ts = run(
        "The meeting began at 10:00 local time (9:00 GMT).",
        Some("2022-01-12"),
    );
    assert_eq!(
        find(&ts, "10:00 local time").value.as_deref(),
        Some("2022-01-12T10:00")
    );
}

#[test]
fn no_published_date_leaves_relative_unresolved() {
    let ts = run("Yesterday the talks ended; they resume on Wednesday, and met on the 12th. Last month too. In 2014 too.", None);
    for t in &ts {
        if t.text != "2014" {
            assert_eq!(t.value, None, "{t:?}");
            assert_eq!(t.date, None, "{t:?}");
        }
    }
    assert!(ts.iter().any(|t| t.text == "Yesterday"));
    assert!(ts.iter().any(|t| t.text == "Wednesday"));
    assert_eq!(find(&ts, "2014").value.as_deref(), Some("2014"));
}

#[test]
fn month_without_year_follows_tense() {
    // published in January: "in December" in the past is last year's December
    let ts = run(
        "Russia sent the draft in December. It will answer in February.",
        Some("2022-01-12"),
    );
    assert_eq!(find(&ts, "December").value.as_deref(), Some("2021-12"));
    assert_eq!(find(&ts, "February").value.as_deref(), Some("2022-02"));
}

#[test]
fn weekday_direction_off_the_published_day() {
    // published on a Friday: past tense looks back, future tense ahead
    let ts = run(
        "The ministers met on Wednesday. They will meet again on Wednesday. \
         A delegation could arrive as soon as Tuesday.",
        Some("2022-01-14"),
    );
    let w: Vec<_> = ts
        .iter()
        .filter(|t| t.text == "Wednesday")
        .map(|t| t.value.as_deref())
        .collect();
    assert_eq!(w, vec![Some("2022-01-12"), Some("2022-01-19")]);
    assert_eq!(find(&ts, "Tuesday").value.as_deref(), Some("2022-01-18"));
}

#[test]
fn timeml_extent_conventions() {
    let p = pairs(
        "The strike lasted about five hours. Prices fell over three years. \
         The 14-day waiting period ended. Sales rose in recent years and earlier this month.",
        Some("2022-01-13"),
    );
    for (text, value) in [
        ("five hours", "PT5H"),
        ("three years", "P3Y"),
        ("14-day", "P14D"),
        ("recent years", "PXY"),
        ("earlier this month", "2022-01"),
    ] {
        assert!(
            p.contains(&(text.to_string(), Some(value.to_string()))),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn halves_and_ago_with_modifiers() {
    let p = pairs(
        "He spent 2 1/2 years abroad and left almost four years ago, a minute and a half after noon.",
        Some("2022-01-13"),
    );
    assert!(
        p.contains(&("2 1/2 years".into(), Some("P2Y6M".into()))),
        "{p:?}"
    );
    assert!(
        p.contains(&("almost four years ago".into(), Some("2018".into()))),
        "{p:?}"
    );
    assert!(
        p.contains(&("a minute and a half".into(), Some("PT1M30S".into()))),
        "{p:?}"
    );
}

#[test]
fn reporting_periods() {
    // an earnings report published in late October 1989
    let p = pairs(
        "Net income rose 12% in the quarter. The latest period included a charge. \
         Profit was $3 million in the quarter a year earlier. The company expects a loss for the year. \
         The shares fell over the weekend.",
        Some("1989-10-26"),
    );
    for (text, value) in [
        ("the quarter", "1989-Q3"),
        ("The latest period", "1989-Q3"),
        ("a year earlier", "1988-Q3"),
        ("the year", "P1Y"),
        ("the weekend", "1989-W42-WE"),
    ] {
        assert!(
            p.contains(&(text.to_string(), Some(value.to_string()))),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn holidays_centuries_spoken_years_and_clock_days() {
    let p = pairs(
        "The deal closed before Christmas. It was the worst crash of the 20th century, worse than in \
         nineteen ninety-six. Trading resumes at 9 a.m. Tuesday and will stop at noon Thursday. \
         The council meets on Mondays and every July. It met at 18:00 UTC Monday.",
        Some("2021-12-28"),
    );
    for (text, value) in [
        ("Christmas", "2021-12-25"),
        ("the 20th century", "19"),
        ("nineteen ninety-six", "1996"),
        ("9 a.m. Tuesday", "2021-12-28T09:00"),
        ("noon Thursday", "2021-12-30T12:00"),
        ("Mondays", "XXXX-WXX-1"),
        ("every July", "XXXX-07"),
        ("18:00 UTC Monday", "2021-12-27T18:00Z"),
    ] {
        assert!(
            p.contains(&(text.to_string(), Some(value.to_string()))),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn numeric_dates_and_month_ends() {
    let p = pairs(
        "The plant opened on 7/8/07 and closed 21/03/2013. Payment is due at the end of the month. \
         Half the staff, 1/2 of them, left.",
        Some("2013-03-22"),
    );
    for (text, value) in [
        ("7/8/07", "2007-07-08"),
        ("21/03/2013", "2013-03-21"),
        ("the end of the month", "2013-03"),
    ] {
        assert!(
            p.contains(&(text.to_string(), Some(value.to_string()))),
            "{text}: {p:?}"
        );
    }
    assert_eq!(p.len(), 3, "{p:?}");
}

#[test]
fn vague_references() {
    let p = pairs(
        "Prices are high these days. Talks will resume at a later date, as soon as possible, \
         after a day-long meeting and a decades-long dispute. The weeks ahead are hard.",
        Some("2022-01-13"),
    );
    for (text, value) in [
        ("these days", "PRESENT_REF"),
        ("a later date", "FUTURE_REF"),
        ("as soon as possible", "FUTURE_REF"),
        ("day-long", "P1D"),
        ("decades-long", "PXY"),
        ("The weeks ahead", "PXW"),
    ] {
        assert!(
            p.contains(&(text.to_string(), Some(value.to_string()))),
            "{text}: {p:?}"
        );
    }
}

#[test]
fn not_times() {
    let p = pairs(
        "Three-quarters of the staff left. The March for Life drew crowds. \
         A quarter of the shares were sold. June Carter sang on Christmas Island. \
         He was named Player of the Year, USA Today reported.",
        Some("2022-01-13"),
    );
    assert!(p.is_empty(), "{p:?}");
}

#[test]
fn new_rules_stay_unresolved_without_a_date() {
    let p = pairs(
        "Net income rose in the quarter, before Christmas, at noon Thursday, in October.",
        None,
    );
    assert!(!p.is_empty(), "{p:?}");
    assert!(p.iter().all(|(_, v)| v.is_none()), "{p:?}");
}

#[test]
fn sentence_index_is_set() {
    let ts = run("Nothing here. They met on Wednesday.", Some("2022-01-12"));
    assert_eq!(ts[0].sentence, 1);
    let text = "Nothing here. They met on Wednesday.";
    assert_eq!(&text[ts[0].span.range()], "Wednesday");
}

proptest::proptest! {
    /// Any text (multi-byte characters, digits, month and weekday words): no panic, spans on char
    /// boundaries, and the text field is the span's text.
    #[test]
    fn never_panics_and_spans_are_sound(
        words in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::string::string_regex("[a-zA-Z]{1,8}").unwrap(),
                proptest::string::string_regex("[0-9]{1,4}").unwrap(),
                proptest::sample::select(vec!["January".to_string(), "Wednesday".into(), "the".into(), "12th".into(), "last".into(), "year".into(), "ago".into(), "…".into(), "“".into(), "’".into(), "ü".into(), "早".into(), ",".into(), ".".into(), "early".into(), "mid-".into(), "fiscal".into(), "quarter".into(), "noon".into(), "nineteen".into(), "ninety-six".into(), "Christmas".into(), "earlier".into(), "a".into(), "1/2".into(), "Mondays".into(), "each".into()]),
            ],
            0..40,
        ),
        published in proptest::option::of(0u32..3000),
    ) {
        let text = words.join(" ");
        let p = published.map(|d| chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Duration::days(d as i64));
        let o = support::owned(&text, None, &[]);
        let mut doc = o.doc();
        doc.published = p;
        for t in timex::extract(&doc) {
            proptest::prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            proptest::prop_assert_eq!(&text[t.span.range()], t.text.as_str());
        }
        let _ = extract::quotes::extract(&doc);
    }
}
