//! NER and resolution on the seed articles in `data/sample`: the people, organisations and places
//! they name, with the right labels and one id per real entity.

use extract::ner::NerModel;
use extract::{resolve, sentences, tokenize};
use model::{EntityLabel, EntityMention};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn model() -> NerModel {
    NerModel::load(&root().join("data/models")).expect("model loads")
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
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .expect("sample file");
    std::fs::read_to_string(p).expect("read sample")
}

fn analyse(m: &NerModel, text: &str) -> Vec<EntityMention> {
    let toks = tokenize::tokenize(text);
    let sents = sentences::split(text, &toks);
    let mut ents = m.tag(text, &toks, &sents);
    resolve::resolve_article(text, &mut ents);
    ents
}

#[test]
fn dump_seed_entities() {
    let m = model();
    for p in ["000", "001", "002", "003", "004"] {
        let text = sample(p);
        for e in analyse(&m, &text) {
            println!(
                "{p} {:4} {:40} -> {:30} {} {:.2}",
                e.label.as_str(),
                e.text,
                e.canonical,
                e.entity_id,
                e.confidence
            );
        }
    }
    let _ = EntityLabel::Per;
}
