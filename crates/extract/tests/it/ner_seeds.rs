//! NER and resolution on the seed articles in `data/sample`: the people, organisations and places
//! they name get the right labels, and variants of one real entity get one id across articles.

use extract::ner::NerModel;
use extract::{resolve, sentences, tokenize};
use model::{EntityLabel, EntityMention};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model() -> &'static NerModel {
    static M: OnceLock<NerModel> = OnceLock::new();
    M.get_or_init(|| NerModel::load(&root().join("data/models")).expect("model loads"))
}

fn sample(prefix: &str) -> String {
    let dir = root().join("data/sample");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("sample dir")
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    let p = entries
        .into_iter()
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("sample file");
    std::fs::read_to_string(p).expect("read sample")
}

fn analyse(text: &str) -> Vec<EntityMention> {
    let toks = tokenize::tokenize(text);
    let sents = sentences::split(text, &toks);
    let mut ents = model().tag(text, &toks, &sents);
    resolve::resolve_article(text, &mut ents);
    ents
}

/// The mentions written exactly `text`.
fn find<'a>(ents: &'a [EntityMention], text: &str) -> Vec<&'a EntityMention> {
    ents.iter().filter(|e| e.text == text).collect()
}

/// The one label and id all mentions written `text` share (panics if absent or split).
fn one(ents: &[EntityMention], text: &str) -> (EntityLabel, String) {
    let ms = find(ents, text);
    assert!(!ms.is_empty(), "no mention {text:?}");
    let first = (ms[0].label, ms[0].entity_id.clone());
    for m in &ms {
        assert_eq!((m.label, m.entity_id.clone()), first, "{text:?} is split");
    }
    first
}

#[test]
fn seed_entities_have_the_right_labels() {
    let a0 = analyse(&sample("000"));
    assert_eq!(one(&a0, "Alexander Grushko").0, EntityLabel::Per);
    assert_eq!(one(&a0, "Jens Stoltenberg").0, EntityLabel::Per);
    assert_eq!(one(&a0, "Vladimir Putin").0, EntityLabel::Per);
    assert_eq!(one(&a0, "Brussels").0, EntityLabel::Loc);
    assert_eq!(one(&a0, "Moscow").0, EntityLabel::Loc);
    assert_eq!(one(&a0, "Ukraine").0, EntityLabel::Loc);
    let nato = find(&a0, "NATO");
    assert!(nato.len() >= 8);
    assert!(nato.iter().filter(|m| m.label == EntityLabel::Org).count() * 10 >= nato.len() * 9);

    let a1 = analyse(&sample("001"));
    assert_eq!(one(&a1, "Wendy Sherman").0, EntityLabel::Per);
    assert_eq!(one(&a1, "Vienna").0, EntityLabel::Loc);
    assert_eq!(one(&a1, "Reuters").0, EntityLabel::Org);
    assert_eq!(
        one(&a1, "Organization for Security and Cooperation in Europe").0,
        EntityLabel::Org
    );
}

#[test]
fn partial_names_and_variants_share_one_id() {
    let a0 = analyse(&sample("000"));
    let a1 = analyse(&sample("001"));
    let a3 = analyse(&sample("003"));
    // Within an article: surname and transliterated surname -> the full name.
    let grushko = one(&a0, "Alexander Grushko").1;
    assert_eq!(one(&a0, "Gruško").1, grushko);
    assert_eq!(one(&a0, "Stoltenberg").1, one(&a0, "Jens Stoltenberg").1);
    // Across articles, without shared state: Alexandr Grushkó = Alexander Grushko.
    assert_eq!(one(&a1, "Alexandr Grushkó").1, grushko);
    assert_eq!(one(&a1, "Grushko").1, grushko);
    // Dmitry (001) = Dmitri (003).
    assert_eq!(one(&a1, "Dmitry Peskov").1, one(&a3, "Dmitri Peskov").1);
    assert_eq!(one(&a3, "Peskov").1, one(&a3, "Dmitri Peskov").1);
    // An acronym and its expansion.
    assert_eq!(
        one(&a1, "Organization for Security and Cooperation in Europe").1,
        one(&analyse(&sample("002")), "OSCE").1
    );
    // People who share nothing stay apart.
    assert_ne!(one(&a1, "Wendy Sherman").1, one(&a1, "Jens Stoltenberg").1);
    assert_eq!(resolve::entity_id("Gruško"), resolve::entity_id("Grushkó"));
}

#[test]
fn tricky_names_from_the_seeds() {
    let a3 = analyse(&sample("003"));
    // `Kremlin spokesman Dmitri Peskov`: the person without the role.
    let peskov = find(&a3, "Dmitri Peskov");
    assert_eq!(
        peskov.len(),
        1,
        "{:?}",
        find(&a3, "Kremlin spokesman Dmitri Peskov")
    );
    assert_eq!(peskov[0].label, EntityLabel::Per);
    assert_eq!(peskov[0].canonical, "Dmitri Peskov");
    // `Sam A. Greene`: the initial does not split the name.
    assert_eq!(one(&a3, "Sam A. Greene").0, EntityLabel::Per);
    assert_eq!(one(&a3, "Greene").1, one(&a3, "Sam A. Greene").1);
    // `King’s College London`: one organisation, possessive included.
    assert_eq!(one(&a3, "King’s College London").0, EntityLabel::Org);
    // Lowercase `nato` next to its expansion: the same entity as `NATO`.
    let nato_id = one(&a3, "NATO").1;
    let lower = find(&a3, "nato");
    assert!(!lower.is_empty(), "lowercase nato not found");
    assert!(lower
        .iter()
        .all(|m| m.entity_id == nato_id && m.label == EntityLabel::Org));
    assert_eq!(
        find(&a3, "North Atlantic Treaty Organization")
            .first()
            .map(|m| m.entity_id.clone()),
        Some(nato_id)
    );
}

#[test]
fn mentions_are_ordered_and_well_formed() {
    for p in ["000", "001", "002", "003", "004"] {
        let text = sample(p);
        let ents = analyse(&text);
        let sents = sentences::split(&text, &tokenize::tokenize(&text));
        let mut last = 0;
        for e in &ents {
            assert!(e.span.start >= last, "{p}: mentions out of order");
            last = e.span.end;
            assert_eq!(e.span.slice(&text), e.text);
            assert!(sents[e.sentence].span.contains(&e.span));
            assert!((0.0..=1.0).contains(&e.confidence));
            assert!(e.entity_id.starts_with('E') && e.entity_id.len() == 17);
            assert!(!e.canonical.is_empty());
        }
    }
}

#[test]
#[ignore = "prints the seed entities for inspection"]
fn dump_seed_entities() {
    for p in ["000", "001", "002", "003", "004"] {
        for e in analyse(&sample(p)) {
            println!(
                "{p} {:4} {:40} -> {:30} {:.2}",
                e.label.as_str(),
                e.text,
                e.canonical,
                e.confidence
            );
        }
    }
}
