//! The syntax evaluation (issue 16): the CoNLL-U reader, gold-token scores and raw-text scores
//! (conll18_ud_eval.py alignment) on hand-made snippets with hand-computed figures, and on the
//! real EWT dev file with gold oracles (which must score 100).

use eval::syntax::align::{documents, Counts};
use eval::syntax::conllu::{self, Sentence};
use eval::syntax::{
    score_gold, score_raw, GoldTokenParser, Predicted, RawParser, RawWord, UdError,
};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;

/// Two sentences, 10 words, 9 tokens (`don't` is a multiword token), one document.
const SNIPPET: &str = "\
# newdoc id = d1
# sent_id = s1
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# sent_id = s2
# text = Bob's dog barked.
1\tBob\tBob\tPROPN\tNNP\t_\t3\tnmod:poss\t_\tSpaceAfter=No
2\t's\t_\tPART\tPOS\t_\t1\tcase\t_\t_
3\tdog\tdog\tNOUN\tNN\t_\t4\tnsubj\t_\t_
4\tbarked\tbark\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_
";

fn snippet() -> Vec<Sentence> {
    conllu::parse(SNIPPET).unwrap()
}

fn gold_predicted(s: &Sentence) -> Vec<Predicted> {
    s.words
        .iter()
        .map(|w| Predicted {
            upos: w.upos.clone(),
            xpos: w.xpos.clone(),
            lemma: w.lemma.clone(),
            head: w.head,
            deprel: w.deprel.clone(),
        })
        .collect()
}

/// Answers with the gold analysis of the sentence with those words.
struct GoldOracle(HashMap<Vec<String>, Vec<Predicted>>);

impl GoldOracle {
    fn new(sentences: &[Sentence]) -> Self {
        GoldOracle(
            sentences
                .iter()
                .map(|s| {
                    let forms = s.words.iter().map(|w| w.form.clone()).collect();
                    (forms, gold_predicted(s))
                })
                .collect(),
        )
    }
}

impl GoldTokenParser for GoldOracle {
    fn parse_words(&self, words: &[&str]) -> Vec<Predicted> {
        let key: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        self.0[&key].clone()
    }
}

/// Gold tags, every word attached to the previous one (the first to the root), deprel `punct`.
struct PreviousWord(GoldOracle);

impl GoldTokenParser for PreviousWord {
    fn parse_words(&self, words: &[&str]) -> Vec<Predicted> {
        let mut p = self.0.parse_words(words);
        for (i, w) in p.iter_mut().enumerate() {
            w.head = i;
            w.deprel = "punct".into();
        }
        p
    }
}

/// Gold heads, deprels with subtypes changed, every lemma wrong.
struct Subtypes(GoldOracle);

impl GoldTokenParser for Subtypes {
    fn parse_words(&self, words: &[&str]) -> Vec<Predicted> {
        let mut p = self.0.parse_words(words);
        for w in &mut p {
            w.deprel = match w.deprel.split_once(':') {
                Some((base, _)) => base.to_string(),
                None => format!("{}:sub", w.deprel),
            };
            w.lemma = "WRONG".into();
        }
        p
    }
}

#[test]
fn reader_gives_words_tokens_and_comments() {
    let s = snippet();
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].words.len(), 5, "the empty node 4.1 is skipped");
    assert_eq!(s[1].words.len(), 5);
    assert_eq!(s[0].doc_id.as_deref(), Some("d1"));
    assert_eq!(s[1].doc_id.as_deref(), Some("d1"));
    assert_eq!(s[1].sent_id.as_deref(), Some("s2"));
    assert_eq!(s[0].text.as_deref(), Some("I don't know."));
    let forms: Vec<&str> = s[0].tokens.iter().map(|t| t.form.as_str()).collect();
    assert_eq!(forms, ["I", "don't", "know", "."]);
    assert_eq!(s[0].tokens[1].words, 1..3);
    assert!(!s[0].tokens[2].space_after);
    assert!(s[0].tokens[1].space_after);
    assert_eq!(s[0].words[1].form, "do");
    assert_eq!(s[0].words[0].head, 4);
    assert_eq!(s[1].words[0].deprel, "nmod:poss");
    assert_eq!(s[1].surface_text(), "Bob's dog barked.");
    assert_eq!(s[0].surface_text(), "I don't know.");
}

#[test]
fn reader_errors_name_the_line() {
    let bad = "# text = a b\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n2\tb\tb\tX\n";
    let e = conllu::parse(bad).unwrap_err().to_string();
    assert!(e.starts_with("<text>:3:"), "{e}");
    let bad_head = "1\ta\ta\tX\tX\t_\t5\troot\t_\t_\n\n";
    assert!(conllu::parse(bad_head).is_err());
    let bad_id = "1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n3\tb\tb\tX\tX\t_\t1\tdep\t_\t_\n";
    let e = conllu::parse(bad_id).unwrap_err().to_string();
    assert!(e.contains(":2:"), "{e}");
    let absent = conllu::read(std::path::Path::new("/nonexistent/x.conllu")).unwrap_err();
    assert!(absent.to_string().contains("/nonexistent/x.conllu"));
}

#[test]
fn gum_genres() {
    assert!(conllu::is_open_gum_genre("GUM_news_iodine"));
    assert!(conllu::is_open_gum_genre("GUM_conversation_grounded"));
    assert!(conllu::is_open_gum_genre("GUM_speech_impeachment"));
    assert!(!conllu::is_open_gum_genre("GUM_whow_joke"));
    assert!(!conllu::is_open_gum_genre("GUM_fiction_beast"));
    assert!(!conllu::is_open_gum_genre("GUM_academic_art"));
    assert!(!conllu::is_open_gum_genre("weblog-blogspot.com_news_x"));
    let text = SNIPPET.replace("d1", "GUM_news_a")
        + "\n# newdoc id = GUM_whow_b\n1\ta\ta\tX\tX\t_\t0\troot\t_\t_\n";
    let s = conllu::parse(&text).unwrap();
    assert_eq!(conllu::filter_gum_genre(&s, "news").len(), 2);
    assert_eq!(conllu::filter_gum_genre(&s, "whow").len(), 1);
    assert_eq!(conllu::filter_open_gum(&s).len(), 2);
}

#[test]
fn gold_oracle_scores_100() {
    let s = snippet();
    let sc = score_gold(&s, &GoldOracle::new(&s));
    assert_eq!(
        sc.report(),
        "words 10 sentences 2\nUPOS 100.0\nXPOS 100.0\nLemmas 100.0\nUAS 100.0\nLAS 100.0\n"
    );
}

#[test]
fn previous_word_attachment() {
    // s1 gold heads 4 4 4 0 4, system 0 1 2 3 4: only `.` right (1/5).
    // s2 gold heads 3 1 4 0 4, system 0 1 2 3 4: `'s` and `.` right (2/5). UAS 3/10.
    // LAS: deprel `punct` everywhere, right only for the two `.`: 2/10.
    let s = snippet();
    let sc = score_gold(&s, &PreviousWord(GoldOracle::new(&s)));
    assert_eq!((sc.uas, sc.las, sc.words), (3, 2, 10));
    assert_eq!(
        sc.report(),
        "words 10 sentences 2\nUPOS 100.0\nXPOS 100.0\nLemmas 100.0\nUAS 30.0\nLAS 20.0\n"
    );
}

#[test]
fn las_ignores_subtypes_and_lemma_underscore_is_right() {
    let s = snippet();
    let sc = score_gold(&s, &Subtypes(GoldOracle::new(&s)));
    assert_eq!(sc.las, 10);
    // Every lemma is wrong except where the gold lemma is `_` (`'s`): 1/10.
    assert_eq!(sc.lemmas, 1);
    assert!(sc.report().contains("\nLemmas 10.0\n"));
}

/// Gives gold analyses of a document text, words of a multiword token sharing its span. Two
/// documents of EWT dev have the same text split differently (`alt.animals.badgers` and
/// `alt.animals.bear`): each text keeps a queue of answers, taken in file order (they are
/// consecutive documents, so given by the same thread of `score_raw`, in order).
struct RawOracle(Mutex<HashMap<String, VecDeque<Vec<Vec<RawWord>>>>>);

impl RawOracle {
    fn new(sentences: &[Sentence]) -> Self {
        let mut map: HashMap<String, VecDeque<_>> = HashMap::new();
        for d in documents(sentences) {
            let mut out = Vec::new();
            let mut pos = 0;
            for s in &sentences[d.sentences.clone()] {
                let pred = gold_predicted(s);
                let mut words = Vec::new();
                for t in &s.tokens {
                    while d.text[pos..].starts_with(char::is_whitespace) {
                        pos += d.text[pos..].chars().next().unwrap().len_utf8();
                    }
                    assert!(d.text[pos..].starts_with(&t.form), "{}", t.form);
                    let span = pos..pos + t.form.len();
                    pos = span.end;
                    for i in t.words.clone() {
                        words.push(RawWord {
                            span: span.clone(),
                            predicted: pred[i].clone(),
                        });
                    }
                }
                out.push(words);
            }
            map.entry(d.text).or_default().push_back(out);
        }
        RawOracle(Mutex::new(map))
    }
}

impl RawParser for RawOracle {
    fn parse_text(&self, text: &str) -> Vec<Vec<RawWord>> {
        let mut map = self.0.lock().unwrap();
        let answers = map.get_mut(text).unwrap();
        if answers.len() > 1 {
            answers.pop_front().unwrap()
        } else {
            answers[0].clone()
        }
    }
}

/// A fixed answer for the snippet's text.
struct Fixed(Vec<Vec<RawWord>>);

impl RawParser for Fixed {
    fn parse_text(&self, text: &str) -> Vec<Vec<RawWord>> {
        assert_eq!(text, "I don't know. Bob's dog barked.");
        self.0.clone()
    }
}

fn w(span: std::ops::Range<usize>, upos: &str, head: usize, deprel: &str) -> RawWord {
    RawWord {
        span,
        predicted: Predicted {
            upos: upos.into(),
            xpos: String::new(),
            lemma: String::new(),
            head,
            deprel: deprel.into(),
        },
    }
}

fn line(report: &str, name: &str) -> String {
    report
        .lines()
        .find(|l| l.split(' ').next() == Some(name))
        .unwrap_or_else(|| panic!("no {name} in {report}"))
        .to_string()
}

#[test]
fn raw_oracle_scores_100() {
    let s = snippet();
    let sc = score_raw(&s, &RawOracle::new(&s)).unwrap();
    let all = Counts {
        gold: 10,
        system: 10,
        correct: 10,
    };
    assert_eq!(sc.words, all);
    assert_eq!(sc.las, all);
    assert_eq!(sc.tokens.correct, 9);
    assert_eq!(sc.sentences.correct, 2);
    for l in sc.report().lines().skip(1) {
        assert!(l.ends_with(" 100.0"), "{}", sc.report());
    }
}

#[test]
fn raw_one_token_merged_and_one_sentence_boundary_missed() {
    // Text: "I don't know. Bob's dog barked." The system keeps `Bob's` whole (one word) and
    // makes one sentence; `don't` is a multiword token (do, n't share its span).
    // Tokens: gold 9, system 8, right 7 (not Bob, 's) -> F1 14/17 = 82.4.
    // Sentences: gold 2, system 1, right 0 -> 0.0.
    // Words: gold 10, system 9, aligned 8 (all but Bob, 's / Bob's) -> F1 16/19 = 84.2.
    // UAS: `dog` attached to `Bob's` (not aligned) is wrong: 7 -> 14/19 = 73.7.
    // LAS: also `n't` as `neg` is wrong (`aux:pass` for `do` counts as `aux`): 6 -> 12/19 = 63.2.
    let sys = vec![vec![
        w(0..1, "PRON", 4, "nsubj"),
        w(2..7, "AUX", 4, "aux:pass"),
        w(2..7, "PART", 4, "neg"),
        w(8..12, "VERB", 0, "root"),
        w(12..13, "PUNCT", 4, "punct"),
        w(14..19, "PROPN", 7, "nmod:poss"),
        w(20..23, "NOUN", 6, "nsubj"),
        w(24..30, "VERB", 0, "root"),
        w(30..31, "PUNCT", 8, "punct"),
    ]];
    let sc = score_raw(&snippet(), &Fixed(sys)).unwrap();
    let r = sc.report();
    assert_eq!(line(&r, "Tokens"), "Tokens 82.4", "{r}");
    assert_eq!(line(&r, "Sentences"), "Sentences 0.0", "{r}");
    assert_eq!(line(&r, "Words"), "Words 84.2", "{r}");
    assert_eq!(line(&r, "UPOS"), "UPOS 84.2", "{r}");
    assert_eq!(line(&r, "UAS"), "UAS 73.7", "{r}");
    assert_eq!(line(&r, "LAS"), "LAS 63.2", "{r}");
    assert_eq!(
        sc.las,
        Counts {
            gold: 10,
            system: 9,
            correct: 6
        }
    );
    assert_eq!(r.lines().next(), Some("words 10 sentences 2"));
}

#[test]
fn raw_contraction_given_as_sub_spans() {
    // `do` and `n't` each with the span of its own characters: both words aligned by their
    // forms (the script's LCS), but two tokens where the gold has one.
    // Tokens: gold 9, system 10, right 8 -> 16/19 = 84.2. Words and LAS 100.
    let s = snippet();
    let mut sys = RawOracle::new(&s).parse_text("I don't know. Bob's dog barked.");
    sys[0][1].span = 2..4;
    sys[0][2].span = 4..7;
    let sc = score_raw(&s, &Fixed(sys)).unwrap();
    let r = sc.report();
    assert_eq!(line(&r, "Tokens"), "Tokens 84.2", "{r}");
    assert_eq!(line(&r, "Sentences"), "Sentences 100.0", "{r}");
    assert_eq!(line(&r, "Words"), "Words 100.0", "{r}");
    assert_eq!(line(&r, "LAS"), "LAS 100.0", "{r}");
}

#[test]
fn raw_gold_form_not_in_text_fails_with_the_sentence() {
    let text = SNIPPET.replace("# text = Bob's dog", "# text = Bob's cat");
    let s = conllu::parse(&text).unwrap();
    match score_raw(&s, &Fixed(Vec::new())) {
        Err(UdError::Text { sent_id, .. }) => assert_eq!(sent_id, "s2"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn raw_bad_system_span_is_an_error() {
    let sys = vec![vec![w(0..100, "X", 0, "root")]];
    assert!(matches!(
        score_raw(&snippet(), &Fixed(sys)),
        Err(UdError::System(_))
    ));
}

#[test]
fn ewt_dev_counts_and_oracles() {
    let Some(path) = crate::gold("ud_english/en_ewt-ud-dev.conllu") else {
        return;
    };
    let s = conllu::read(&path).unwrap();
    assert_eq!(s.len(), 2001);
    assert_eq!(s.iter().map(|s| s.words.len()).sum::<usize>(), 25147);
    assert_eq!(documents(&s).len(), 318);
    let gold = score_gold(&s, &GoldOracle::new(&s));
    assert_eq!(gold.words, 25147);
    assert_eq!(gold.las, 25147);
    let raw = score_raw(&s, &RawOracle::new(&s)).unwrap();
    let r = raw.report();
    eprintln!("{r}");
    assert_eq!(r.lines().next(), Some("words 25147 sentences 2001"));
    for l in r.lines().skip(1) {
        assert!(l.ends_with(" 100.0"), "{r}");
    }
    assert_eq!(raw.words.correct, 25147);
}

#[test]
fn raw_system_multiword_token_over_two_gold_tokens() {
    // The system makes `Bob's` one token of two words (both with its span), the gold has two
    // tokens `Bob` and `'s`: the words align by position inside the span (the script's LCS of
    // right forms). Tokens: gold 9, system 8, right 7 -> 14/17 = 82.4. Words and LAS 100.
    let s = snippet();
    let mut sys = RawOracle::new(&s).parse_text("I don't know. Bob's dog barked.");
    sys[1][0].span = 14..19;
    sys[1][1].span = 14..19;
    let sc = score_raw(&s, &Fixed(sys)).unwrap();
    let r = sc.report();
    assert_eq!(line(&r, "Tokens"), "Tokens 82.4", "{r}");
    assert_eq!(line(&r, "Words"), "Words 100.0", "{r}");
    assert_eq!(line(&r, "LAS"), "LAS 100.0", "{r}");
    // Three words on the span of `don't` (two gold words there): none of them aligned.
    let mut sys = RawOracle::new(&s).parse_text("I don't know. Bob's dog barked.");
    let extra = sys[0][1].clone();
    sys[0].insert(2, extra);
    for w in &mut sys[0] {
        if w.predicted.head > 2 {
            w.predicted.head += 1;
        }
    }
    let sc = score_raw(&s, &Fixed(sys)).unwrap();
    assert_eq!(
        sc.words,
        Counts {
            gold: 10,
            system: 11,
            correct: 8
        }
    );
}
