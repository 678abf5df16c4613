//! The syntax stage (`extract::syntax`) with the shipped model: the shape of its output on the
//! seed articles (a tree a sentence, words inside their tokens), a few analyses any usable parser
//! of news gets right, UD word splitting, and the model file's checks.

use extract::syntax::{format, SyntaxModel};
use extract::{sentences, tokenize};
use model::Extraction;
use std::path::Path;
use std::sync::OnceLock;

fn model() -> &'static SyntaxModel {
    static M: OnceLock<SyntaxModel> = OnceLock::new();
    M.get_or_init(|| SyntaxModel::load(&models_dir()).expect("syntax model"))
}

fn models_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/models")
}

/// Every sentence's words form one tree: one root labelled `root`, heads inside the sentence, no
/// cycle; every word inside its token; `token_word` names a word of each token.
pub fn check_trees(x: &Extraction) -> Result<(), String> {
    let syn = &x.syntax;
    if syn.words.is_empty() {
        return Ok(());
    }
    if syn.sentences.len() != x.sentences.len() {
        return Err(format!(
            "{} word ranges for {} sentences",
            syn.sentences.len(),
            x.sentences.len()
        ));
    }
    for (k, r) in syn.sentences.iter().enumerate() {
        let roots = syn.words[r.clone()]
            .iter()
            .filter(|w| w.head.is_none())
            .count();
        if !r.is_empty() && roots != 1 {
            return Err(format!("sentence {k}: {roots} roots"));
        }
        for i in r.clone() {
            let w = &syn.words[i];
            if (w.head.is_none()) != (w.deprel == "root") {
                return Err(format!(
                    "word {i}: head {:?} with relation {}",
                    w.head, w.deprel
                ));
            }
            let tok = x.tokens[w.token as usize].span;
            if w.span.start < tok.start || w.span.end > tok.end || w.span.start >= w.span.end {
                return Err(format!("word {i} {:?} outside its token {tok:?}", w.span));
            }
            // Walk up: the root within as many steps as there are words.
            let mut at = i;
            for _ in 0..=r.len() {
                match syn.words[at].head {
                    None => break,
                    Some(h) if r.contains(&(h as usize)) => at = h as usize,
                    Some(h) => return Err(format!("word {i}: head {h} outside its sentence")),
                }
            }
            if syn.words[at].head.is_some() {
                return Err(format!("word {i}: a cycle"));
            }
        }
    }
    for (t, &w) in syn.token_word.iter().enumerate() {
        if syn
            .words
            .get(w as usize)
            .is_none_or(|w| w.token as usize != t)
        {
            return Err(format!("token {t}: token_word {w} is not one of its words"));
        }
    }
    Ok(())
}

fn analyse(text: &str) -> Extraction {
    let tokens = tokenize::tokenize(text);
    let sentences = sentences::split(text, &tokens);
    let syntax = model().analyse(text, &tokens, &sentences);
    Extraction {
        tokens,
        sentences,
        syntax,
        ..Extraction::default()
    }
}

#[test]
fn every_seed_article_parses_into_one_tree_a_sentence() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let text = std::fs::read_to_string(e.path()).unwrap_or_default();
        let x = analyse(&text);
        check_trees(&x).unwrap_or_else(|err| panic!("{}: {err}", e.path().display()));
        assert!(x.syntax.words.len() >= x.tokens.len());
        n += x.syntax.words.len();
    }
    assert!(n > 2_000, "{n} words");
}

/// One analysed word: form, UPOS, lemma, the head's form (`ROOT` for the root), relation.
type Analysed = (String, &'static str, String, String, &'static str);

fn parse(text: &str) -> Vec<Analysed> {
    let x = analyse(text);
    let s = &x.syntax;
    let form = |i: usize| text[s.words[i].span.start..s.words[i].span.end].to_string();
    (0..s.words.len())
        .map(|i| {
            let w = &s.words[i];
            let head = w.head.map_or("ROOT".to_string(), |h| form(h as usize));
            (form(i), w.upos, w.lemma.clone(), head, w.deprel)
        })
        .collect()
}

fn find<'a>(p: &'a [Analysed], form: &str) -> &'a Analysed {
    p.iter()
        .find(|w| w.0 == form)
        .unwrap_or_else(|| panic!("{form} in {p:?}"))
}

#[test]
fn a_plain_news_sentence_gets_its_subject_object_and_root() {
    let p = parse("In Brussels, the minister signed the agreement.");
    let signed = find(&p, "signed");
    assert_eq!(
        (signed.1, signed.2.as_str(), signed.3.as_str(), signed.4),
        ("VERB", "sign", "ROOT", "root")
    );
    let minister = find(&p, "minister");
    assert_eq!(
        (minister.1, minister.3.as_str(), minister.4),
        ("NOUN", "signed", "nsubj")
    );
    let agreement = find(&p, "agreement");
    assert_eq!((agreement.3.as_str(), agreement.4), ("signed", "obj"));
    let brussels = find(&p, "Brussels");
    assert_eq!(
        (brussels.1, brussels.3.as_str(), brussels.4),
        ("PROPN", "signed", "obl")
    );
    assert_eq!(find(&p, "In").4, "case");
}

/// "said Friday that ...", the commonest shape of a wire story's attribution: the day is when it
/// was said, not who said it (feature set 3 made `Friday` the subject and `strike` its relative
/// clause).
#[test]
fn a_bare_day_after_said_is_when_not_who() {
    for text in [
        "The union said Friday that it would strike.",
        "Officials said Wednesday that the talks had failed.",
    ] {
        let p = parse(text);
        let day = p.iter().find(|w| w.0.ends_with("day")).expect("a day");
        assert!(day.4.starts_with("obl"), "{text}: {p:?}");
        assert_eq!(day.3, "said", "{text}: {p:?}");
    }
}

#[test]
fn clitics_and_fused_forms_are_words_with_their_lemmas() {
    let p = parse("They don't think Russia's army cannot move.");
    assert_eq!(find(&p, "do").2, "do");
    let not = find(&p, "n't");
    assert_eq!((not.1, not.2.as_str()), ("PART", "not"));
    assert_eq!(find(&p, "'s").4, "case");
    assert!(
        p.iter().any(|w| w.0 == "can") && p.iter().any(|w| w.0 == "not"),
        "{p:?}"
    );
}

#[test]
fn hyphenated_words_split_as_ud_english_and_curly_quotes_are_punctuation() {
    let text = "“We oppose the long-range missiles,” she said.";
    let x = analyse(text);
    check_trees(&x).unwrap();
    let forms: Vec<&str> = x
        .syntax
        .words
        .iter()
        .map(|w| &text[w.span.start..w.span.end])
        .collect();
    assert!(
        forms.windows(3).any(|w| w == ["long", "-", "range"]),
        "{forms:?}"
    );
    let first = &x.syntax.words[0];
    assert_eq!(first.upos, "PUNCT");
    let she = x
        .syntax
        .words
        .iter()
        .find(|w| &text[w.span.start..w.span.end] == "she")
        .unwrap();
    assert!(
        she.feats.contains("PronType=Prs") && she.feats.contains("Gender=Fem"),
        "{}",
        she.feats
    );
}

#[test]
fn a_damaged_model_file_is_refused() {
    let bytes = std::fs::read(models_dir().join(format::FILE_NAME)).unwrap();
    assert!(format::read(&bytes).is_ok());
    let err = |b: &[u8]| format::read(b).err().unwrap_or_default();
    assert!(err(&bytes[..bytes.len() / 2]).contains("checksum"));
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 3] ^= 1;
    assert!(err(&flipped).contains("checksum"));
    assert!(err(b"not a model at all, just some bytes long enough to pass..").contains("magic"));
}

/// Following the dynamic oracle (always an action of least cost) rebuilds every projective tree
/// exactly, and an action's cost is the number of gold arcs it makes unreachable.
#[test]
fn the_oracle_rebuilds_every_projective_tree() {
    use extract::syntax::parser::{State, N_ACTIONS};
    // Random projective trees: each word's head drawn so that no arcs cross, checked below.
    let mut seed = 7u64;
    let mut rand = |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut checked = 0;
    while checked < 2000 {
        let n = 1 + rand(12) as usize;
        let heads: Vec<u32> = (0..n)
            .map(|d| {
                let h = rand(n as u64 + 1) as u32;
                if h as usize == d {
                    n as u32
                } else {
                    h
                }
            })
            .collect();
        if !is_projective_tree(&heads) {
            continue;
        }
        checked += 1;
        let mut st = State::new(n);
        while !st.done() {
            let costs = st.costs(&heads);
            let min = *costs.iter().min().unwrap();
            assert_eq!(min, 0, "a zero-cost action exists: {heads:?}");
            let a = (0..N_ACTIONS).find(|&a| costs[a] == 0).unwrap();
            st.apply(a, 0);
        }
        assert_eq!(st.heads, heads, "the tree is rebuilt");
    }
}

/// One root (head `n`), no cycle, no crossing arcs.
fn is_projective_tree(heads: &[u32]) -> bool {
    let n = heads.len() as u32;
    if heads.iter().filter(|&&h| h == n).count() != 1 {
        return false;
    }
    for d in 0..heads.len() {
        let mut at = d as u32;
        for _ in 0..=n {
            if at == n {
                break;
            }
            at = heads[at as usize];
        }
        if at != n {
            return false;
        }
    }
    let span = |d: usize| {
        let h = heads[d];
        ((d as u32).min(h), (d as u32).max(h))
    };
    for a in 0..heads.len() {
        for b in 0..heads.len() {
            let ((a0, a1), (b0, b1)) = (span(a), span(b));
            if a0 < b0 && b0 < a1 && a1 < b1 {
                return false;
            }
        }
    }
    true
}
