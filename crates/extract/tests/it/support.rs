//! Test fixtures shared by the extract tests and benches (the benches include this file with
//! `#[path]`): a tiny tokenizer and sentence splitter, and hand-written entity mentions, to build a
//! [`extract::doc::Doc`] without the real NER; the seed articles ([`seed`]) and the seed articles
//! through the real tokenizer, splitter, NER and resolution ([`prepared`]); and the two quote
//! helpers the quote tests share ([`quotes`], [`quote`]); and the real pipeline, loaded once for
//! every test that runs it ([`pipeline`]).
#![allow(dead_code)]

use chrono::NaiveDate;
use extract::doc::Doc;
use extract::{Pipeline, Resources};
use model::{EntityLabel, EntityMention, Sentence, Span, Token};
use std::sync::OnceLock;

/// An owned article view; [`Owned::doc`] borrows it as a `Doc`.
pub struct Owned {
    pub text: String,
    pub published: Option<NaiveDate>,
    pub tokens: Vec<Token>,
    pub sentences: Vec<Sentence>,
    pub entities: Vec<EntityMention>,
}

impl Owned {
    pub fn doc(&self) -> Doc<'_> {
        Doc {
            text: &self.text,
            published: self.published,
            tokens: &self.tokens,
            sentences: &self.sentences,
            entities: &self.entities,
            syntax: &extract::doc::NO_SYNTAX,
        }
    }
}

pub fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Word and punctuation tokens.
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric()
            || ((c == '\'' || c == '’' || c == '.' || c == ',')
                && start.is_some()
                && text[i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_some_and(|n| n.is_alphanumeric()));
        if word {
            if start.is_none() {
                start = Some(i);
            }
        } else {
            if let Some(s) = start.take() {
                out.push(Token {
                    span: Span::new(s, i),
                });
            }
            if !c.is_whitespace() {
                out.push(Token {
                    span: Span::new(i, i + c.len_utf8()),
                });
            }
        }
    }
    if let Some(s) = start {
        out.push(Token {
            span: Span::new(s, text.len()),
        });
    }
    out
}

/// Sentences end at `.!?` (plus closing quotes) before whitespace, and at blank lines.
pub fn sentences(text: &str, toks: &[Token]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0usize;
    for i in 0..toks.len() {
        let t = toks[i].span.slice(text);
        let next = toks.get(i + 1);
        let gap = next
            .map(|n| &text[toks[i].span.end..n.span.start])
            .unwrap_or("");
        let closing = next.is_some_and(|n| matches!(n.span.slice(text), "”" | "\"" | "’" | "»"));
        let end_punct = matches!(t, "." | "!" | "?") && !closing;
        let quote_end = matches!(t, "”" | "\"" | "’" | "»")
            && i > 0
            && matches!(toks[i - 1].span.slice(text), "." | "!" | "?");
        if next.is_none() || gap.contains("\n\n") || ((end_punct || quote_end) && !gap.is_empty()) {
            out.push(Sentence {
                span: Span::new(toks[first].span.start, toks[i].span.end),
                tokens: first..i + 1,
            });
            first = i + 1;
        }
    }
    out
}

/// Every occurrence (on word boundaries) of each `(surface, label, canonical)`; the id is derived from
/// the canonical name, as resolution would.
pub fn mentions(
    text: &str,
    sents: &[Sentence],
    ents: &[(&str, EntityLabel, &str)],
) -> Vec<EntityMention> {
    let mut out = Vec::new();
    for (surface, label, canonical) in ents {
        let mut from = 0;
        while let Some(i) = text[from..].find(surface) {
            let s = from + i;
            let e = s + surface.len();
            from = e;
            let before_ok = text[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            let after_ok = text[e..]
                .chars()
                .next()
                .is_none_or(|c| !c.is_alphanumeric());
            if !(before_ok && after_ok) {
                continue;
            }
            if out
                .iter()
                .any(|m: &EntityMention| m.span.overlaps(&Span::new(s, e)))
            {
                continue;
            }
            let sentence = sents
                .iter()
                .position(|x| x.span.start <= s && s < x.span.end.max(x.span.start + 1))
                .unwrap_or(0);
            out.push(EntityMention {
                sentence,
                span: Span::new(s, e),
                text: surface.to_string(),
                label: *label,
                entity_id: format!("E-{}", canonical.to_lowercase().replace(' ', "_")),
                canonical: canonical.to_string(),
                confidence: 0.9,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    out
}

pub fn owned(text: &str, published: Option<&str>, ents: &[(&str, EntityLabel, &str)]) -> Owned {
    let toks = tokens(text);
    let sents = sentences(text, &toks);
    let entities = mentions(text, &sents, ents);
    Owned {
        text: text.to_string(),
        published: published.map(date),
        tokens: toks,
        sentences: sents,
        entities,
    }
}

/// Like [`owned`], with the crate's own tokenizer and sentence splitter.
pub fn owned_real(
    text: &str,
    published: Option<&str>,
    ents: &[(&str, EntityLabel, &str)],
) -> Owned {
    let toks = extract::tokenize::tokenize(text);
    let sents = extract::sentences::split(text, &toks);
    let entities = mentions(text, &sents, ents);
    Owned {
        text: text.to_string(),
        published: published.map(date),
        tokens: toks,
        sentences: sents,
        entities,
    }
}

/// The raw text of every seed article (`data/sample/*.txt`), in file-name order (the benches'
/// input).
pub fn sample_texts() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample dir")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("read sample"))
        .collect()
}

/// The seed article's body (after a ` date YYYY-MM-DD` header, if any) and that date.
pub fn seed(name: &str) -> (String, Option<String>) {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data/sample");
    let path = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(name))
        .unwrap();
    let raw = std::fs::read_to_string(path).unwrap();
    let t = raw.trim_start();
    if let Some(rest) = t.strip_prefix("date ") {
        let (d, body) = rest.split_at(10);
        (body.trim_start().to_string(), Some(d.to_string()))
    } else {
        (raw, None)
    }
}

/// Hand-written entities of the seed articles (what NER + resolution should find).
pub fn seed_entities() -> Vec<(&'static str, EntityLabel, &'static str)> {
    use EntityLabel::*;
    vec![
        ("Jens Stoltenberg", Per, "Jens Stoltenberg"),
        ("Stoltenberg", Per, "Jens Stoltenberg"),
        ("Alexander Grushko", Per, "Alexander Grushko"),
        ("Alexandr Grushkó", Per, "Alexander Grushko"),
        ("Grushko", Per, "Alexander Grushko"),
        ("Gruško", Per, "Alexander Grushko"),
        ("Aleksandr Fomin", Per, "Aleksandr Fomin"),
        ("Fomin", Per, "Aleksandr Fomin"),
        ("Wendy Sherman", Per, "Wendy Sherman"),
        ("Sherman", Per, "Wendy Sherman"),
        ("Dmitry Peskov", Per, "Dmitry Peskov"),
        ("Dmitri Peskov", Per, "Dmitry Peskov"),
        ("Peskov", Per, "Dmitry Peskov"),
        ("Jen Psaki", Per, "Jen Psaki"),
        ("Victoria Nuland", Per, "Victoria Nuland"),
        ("Sam A. Greene", Per, "Sam Greene"),
        ("Greene", Per, "Sam Greene"),
        ("Julianne Smith", Per, "Julianne Smith"),
        ("Smith", Per, "Julianne Smith"),
        ("Anatoly Antonov", Per, "Anatoly Antonov"),
        ("Antonov", Per, "Anatoly Antonov"),
        ("Vladimir Putin", Per, "Vladimir Putin"),
        ("Putin", Per, "Vladimir Putin"),
        ("Sergei Ryabkov", Per, "Sergei Ryabkov"),
        ("Francois Delattre", Per, "Francois Delattre"),
        ("Jenni Jeskanen", Per, "Jenni Jeskanen"),
        ("North Atlantic Treaty Organization", Org, "NATO"),
        (
            "Organization for Security and Cooperation in Europe",
            Org,
            "OSCE",
        ),
        ("NATO-Russia Council", Org, "NATO-Russia Council"),
        ("NATO", Org, "NATO"),
        ("OSCE", Org, "OSCE"),
        ("Kremlin", Org, "Kremlin"),
        (
            "Russian Ministry of Defense",
            Org,
            "Russian Ministry of Defense",
        ),
        ("White House", Org, "White House"),
        ("European Union", Org, "European Union"),
        ("King’s College London", Org, "King's College London"),
        ("Russian Institute", Org, "Russian Institute"),
        ("Russia", Loc, "Russia"),
        ("Ukraine", Loc, "Ukraine"),
        ("Brussels", Loc, "Brussels"),
        ("BRUSSELS", Loc, "Brussels"),
        ("Belgium", Loc, "Belgium"),
        ("Geneva", Loc, "Geneva"),
        ("Vienna", Loc, "Vienna"),
        ("Austria", Loc, "Austria"),
        ("Moscow", Loc, "Moscow"),
        ("Washington", Loc, "Washington"),
        ("United States", Loc, "United States"),
        ("US", Loc, "United States"),
        ("U.S.", Loc, "United States"),
        ("Georgia", Loc, "Georgia"),
        ("Europe", Loc, "Europe"),
        ("Crimean Peninsula", Loc, "Crimea"),
        ("Crimean peninsula", Loc, "Crimea"),
        ("Donetsk", Loc, "Donetsk"),
        ("France", Loc, "France"),
        ("Romania", Loc, "Romania"),
        ("Poland", Loc, "Poland"),
        ("Kiev", Loc, "Kyiv"),
    ]
}

/// Quotes of `text` with hand-written entity mentions (no real NER).
pub fn quotes(text: &str, ents: &[(&str, EntityLabel, &str)]) -> Vec<model::Quote> {
    extract::quotes::extract(&owned(text, None, ents).doc())
}

/// The quote whose content contains `needle` (panics with every quote otherwise).
pub fn quote<'a>(qs: &'a [model::Quote], needle: &str) -> &'a model::Quote {
    qs.iter()
        .find(|q| q.text.contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?}: {qs:#?}"))
}

/// The seed articles (`data/sample/*.txt`, header removed; published on their header's date, else
/// 2022-01-13) through the real tokenizer, splitter, NER and resolution: what the stages after
/// NER see in a real run.
pub fn prepared() -> Vec<Owned> {
    let data = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../data");
    let ner = extract::ner::NerModel::load(&data.join("models")).expect("NER model");
    let mut names: Vec<String> = std::fs::read_dir(data.join("sample"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
        .iter()
        .map(|name| {
            let (text, published) = seed(name);
            let tokens = extract::tokenize::tokenize(&text);
            let sentences = extract::sentences::split(&text, &tokens);
            let mut entities = ner.tag(&text, &tokens, &sentences);
            extract::resolve::resolve_article(&text, &mut entities);
            Owned {
                published: published
                    .map(|d| date(&d))
                    .or(NaiveDate::from_ymd_opt(2022, 1, 13)),
                text,
                tokens,
                sentences,
                entities,
            }
        })
        .collect()
}

/// The bodies of the seed articles (`data/sample/*.txt`, header removed), one paragraph block
/// after the other, repeated to at least `bytes`: a long article of ordinary text.
pub fn seeds_repeated(bytes: usize) -> String {
    let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/sample"));
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let bodies: Vec<String> = files
        .iter()
        .map(|p| {
            let raw = std::fs::read_to_string(p).unwrap();
            let t = raw.trim_start();
            t.strip_prefix("date ")
                .map_or(t, |r| r[10..].trim_start())
                .trim_end()
                .to_string()
        })
        .collect();
    let mut text = String::new();
    while text.len() < bytes {
        for b in &bodies {
            text.push_str(b);
            text.push_str("\n\n");
        }
    }
    text
}

/// The whole pipeline with the project's models (`data/`), loaded once for all the tests.
pub fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let data = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../data"));
        Pipeline::new(Resources::load(data).expect("resources"))
    })
}

/// The whole pipeline over one English text (no title, no date).
pub fn run_english(text: &str) -> model::Extraction {
    let art = model::CleanArticle {
        article_id: "t".into(),
        language: Some("en".into()),
        text: text.into(),
        ..Default::default()
    };
    pipeline().run(&art).expect("pipeline runs")
}
