//! The article extraction benchmark's metric on tiny hand-made texts, figures computed by hand.

use eval::html::{figures, score_page, shingles, tokens, PageScore};

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn tokens_are_unicode_words_case_kept() {
    assert_eq!(
        tokens("Привет, мир! café_au lait; N°5"),
        ["Привет", "мир", "café_au", "lait", "N", "5"]
    );
}

#[test]
fn a_short_text_is_one_shingle() {
    let t = tokens("Hello, world");
    let s = shingles(&t, 4);
    assert_eq!(s.len(), 1);
    assert_eq!(s[&vec!["Hello", "world"]], 1);
    // No token at all: still one (empty) shingle, so that two empty texts match.
    assert_eq!(shingles(&[], 4)[&Vec::<&str>::new()], 1);
}

#[test]
fn a_prediction_missing_the_last_word() {
    // Truth: [a b c d] [b c d e]; prediction: [a b c d]. TP 1, FP 0, FN 1, over 2.
    let s = score_page("a b c d e", "a b c d");
    assert!(
        close(s.tp, 0.5) && close(s.fp, 0.0) && close(s.fn_, 0.5),
        "{s:?}"
    );
    assert_eq!(s.precision(), Some(1.0));
    assert_eq!(s.recall(), Some(0.5));
    assert!(!s.exact);
}

#[test]
fn shingles_are_counted_as_a_multiset() {
    // Truth: x y z w x y z w: [xyzw] twice, [yzwx] [zwxy] [wxyz] once; prediction [xyzw] once.
    // TP 1, FP 0, FN 4: recall 1/5.
    let s = score_page("x y z w x y z w", "x y z w");
    assert!(close(s.recall().unwrap(), 0.2), "{s:?}");
    assert_eq!(s.precision(), Some(1.0));
    // Leakage: prediction = truth + 2 more tokens, 2 more shingles: TP 2, FP 2, precision 1/2.
    let s = score_page("p q r s t", "p q r s t u v");
    assert!(
        close(s.tp, 0.5) && close(s.fp, 0.5) && close(s.fn_, 0.0),
        "{s:?}"
    );
}

#[test]
fn case_counts_punctuation_does_not() {
    let s = score_page("Hello world", "hello world");
    assert_eq!(
        (s.precision(), s.recall(), s.exact),
        (Some(0.0), Some(0.0), false)
    );
    let s = score_page("a, b. c\n\nd", "a b c d");
    assert_eq!(
        (s.precision(), s.recall(), s.exact),
        (Some(1.0), Some(1.0), true)
    );
}

#[test]
fn figures_are_means_over_pages() {
    let pages = [
        // P 1, R 1/2.
        score_page("a b c d e", "a b c d"),
        // P 1/2, R 1.
        score_page("p q r s t", "p q r s t u v"),
        // Exact: P 1, R 1.
        score_page("one two", "one, two"),
        // Nothing predicted: one empty shingle against one: P 0, R 0.
        score_page("alpha beta", ""),
    ];
    let f = figures(&pages);
    assert!(close(f.precision, 2.5 / 4.0), "{f:?}");
    assert!(close(f.recall, 2.5 / 4.0), "{f:?}");
    assert!(close(f.f1, 0.625), "{f:?}");
    assert!(close(f.accuracy, 0.25), "{f:?}");
    assert_eq!(f.pages, 4);
    assert_eq!(
        f.report(),
        "F1 0.625\nprecision 0.625\nrecall 0.625\naccuracy 0.250\npages 4\n"
    );
}

#[test]
fn pages_with_no_denominator_are_left_out() {
    let none = PageScore {
        tp: 0.0,
        fp: 0.0,
        fn_: 0.0,
        exact: false,
    };
    assert_eq!((none.precision(), none.recall()), (None, None));
    let f = figures(&[none, score_page("a b c d e", "a b c d")]);
    assert!(close(f.precision, 1.0) && close(f.recall, 0.5), "{f:?}");
}
