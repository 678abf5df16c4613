//! Properties of the tokenizer, sentence splitter, tagger and resolution on arbitrary text:
//! no panics, valid non-empty ordered spans, sentences covering every token.

use extract::ner::NerModel;
use extract::{resolve, sentences, tokenize};
use proptest::prelude::*;
use std::path::Path;
use std::sync::OnceLock;

fn model() -> &'static NerModel {
    static M: OnceLock<NerModel> = OnceLock::new();
    M.get_or_init(|| {
        NerModel::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models"))
            .expect("model")
    })
}

fn newsish() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("Russia’s ".to_string()),
        Just("don't ".to_string()),
        Just("“Yes,” ".to_string()),
        Just("100,000 ".to_string()),
        Just("— ".to_string()),
        Just("...".to_string()),
        Just("\n\n".to_string()),
        Just("Gruško ".to_string()),
        Just("n’t".to_string()),
        Just("' ".to_string()),
        "[A-Za-z]{1,8}[ .,]",
        "\\PC{0,6}",
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn stages_never_panic_and_spans_are_valid(text in newsish()) {
        let toks = tokenize::tokenize(&text);
        let mut last = 0;
        for t in &toks {
            prop_assert!(t.span.start >= last);
            prop_assert!(t.span.end > t.span.start);
            prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
            prop_assert!(!t.span.slice(&text).chars().any(char::is_whitespace));
            last = t.span.end;
        }
        let sents = sentences::split(&text, &toks);
        let mut next = 0;
        for s in &sents {
            prop_assert_eq!(s.tokens.start, next);
            prop_assert!(s.tokens.end > s.tokens.start);
            next = s.tokens.end;
        }
        prop_assert_eq!(next, toks.len());
        let mut ents = model().tag(&text, &toks, &sents);
        resolve::resolve_article(&text, &mut ents);
        for e in &ents {
            prop_assert_eq!(e.span.slice(&text), e.text.as_str());
            prop_assert!(!e.entity_id.is_empty());
        }
    }
}
