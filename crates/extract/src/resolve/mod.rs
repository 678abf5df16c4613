//! Name resolution: owns `canonical` and `entity_id` of every [`EntityMention`] (and may correct
//! a mention's label, see below).
//!
//! Within an article ([`resolve_article`]) mentions are grouped into entities:
//!
//! - a mention's name is its text without possessives (`Russia’s`) and, for people, without
//!   leading titles and roles (`Secretary General Jens Stoltenberg`, `Kremlin spokesman Dmitri
//!   Peskov`; word list `lexicons/names_titles.txt`);
//! - same folded name -> one entity, whatever labels the tagger gave its mentions; the entity
//!   takes its mentions' most frequent label and every mention is given it; a partial person name (`Stoltenberg`,
//!   `Gruško`) joins the full name it is part of (the nearest one before it when several differ);
//! - a one-word mention equal to the surname of a person named in full in the article is
//!   relabelled PER and joins that person (the tagger's label is overridden: `Putin’s`);
//! - an acronym joins its expansion (`North Atlantic Treaty Organization (NATO)`: initials, or an
//!   acronym in parentheses right after a name).
//!
//! Across the corpus no state is shared: [`entity_id`] is `E` + 16 hex chars of `blake3(key)`
//! (no label: `Boeing` is one entity wherever a tagger called it a person), where the key is [`fold_name`] of the canonical name: diacritics
//! and transliterations folded (`Gruško` = `Grushkó` = `Grushko`), first-name variants folded
//! (`Dmitri`/`Dmitry`, `lexicons/names_variants.txt`), known aliases mapped
//! (`lexicons/names_aliases.tsv`). People who share a surname keep different keys because
//! their full names differ.

mod article;
mod names;

pub use article::resolve_article;
pub use names::{canonical_name, entity_id, fold_name, mention_name, surname_key};

#[cfg(test)]
mod tests {
    use super::*;
    use model::{EntityLabel, EntityMention, Span};

    fn mention(text: &str, at: &str, label: EntityLabel) -> EntityMention {
        let start = text.find(at).expect("mention in text");
        EntityMention {
            sentence: 0,
            span: Span::new(start, start + at.len()),
            text: at.to_string(),
            label,
            entity_id: String::new(),
            canonical: String::new(),
            confidence: 1.0,
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold_name("Gruško"), "grushko");
        assert_eq!(fold_name("Grushkó"), "grushko");
        assert_eq!(fold_name("Dmitry Peskov"), fold_name("Dmitri Peskov"));
        assert_eq!(
            fold_name("Aleksandr Grushko"),
            fold_name("Alexander Grushko")
        );
        assert_eq!(
            fold_name("Alexandr Grushko"),
            fold_name("Alexander Grushko")
        );
        assert_eq!(fold_name("Sam A. Greene"), fold_name("Sam Greene"));
        assert_ne!(fold_name("Julianne Smith"), fold_name("Wendy Smith"));
    }

    #[test]
    fn names_without_titles_and_possessives() {
        assert_eq!(
            mention_name("Secretary General Jens Stoltenberg", EntityLabel::Per),
            "Jens Stoltenberg"
        );
        assert_eq!(
            mention_name("Kremlin spokesman Dmitri Peskov", EntityLabel::Per),
            "Dmitri Peskov"
        );
        assert_eq!(
            mention_name("Ursula von der Leyen", EntityLabel::Per),
            "Ursula von der Leyen"
        );
        assert_eq!(mention_name("Russia’s", EntityLabel::Loc), "Russia");
        assert_eq!(
            mention_name("King’s College London", EntityLabel::Org),
            "King’s College London"
        );
    }

    #[test]
    fn surname_keys() {
        assert_eq!(
            surname_key(EntityLabel::Per, "Alexander Grushko").as_deref(),
            Some("grushko")
        );
        assert_eq!(
            surname_key(EntityLabel::Per, "Gruško").as_deref(),
            Some("grushko")
        );
        assert_eq!(surname_key(EntityLabel::Org, "NATO"), None);
        assert_eq!(
            surname_key(EntityLabel::Per, "Martin Luther King Jr.").as_deref(),
            Some("king")
        );
        assert_eq!(surname_key(EntityLabel::Per, "Jr"), None);
    }

    #[test]
    fn surname_with_another_label_joins_the_person() {
        let text = "Vladimir Putin spoke. Putin’s plans are unclear.";
        let mut ms = vec![
            mention(text, "Vladimir Putin", EntityLabel::Per),
            mention(text, "Putin’s", EntityLabel::Loc),
        ];
        ms[1].text = "Putin".into();
        ms[1].span.end = ms[1].span.start + "Putin".len();
        resolve_article(text, &mut ms);
        assert_eq!(ms[1].label, EntityLabel::Per);
        assert_eq!(ms[1].entity_id, ms[0].entity_id);
        assert_eq!(ms[1].canonical, "Vladimir Putin");
    }

    #[test]
    fn ids_are_deterministic_and_label_free() {
        assert_eq!(entity_id("Gruško"), entity_id("Grushko"));
        assert_ne!(entity_id("Grushko"), entity_id("Gruber"));
        assert_eq!(entity_id("U.S."), entity_id("United States"));
        let id = entity_id("NATO");
        assert!(id.starts_with('E') && id.len() == 17);
    }

    #[test]
    fn one_name_is_one_entity_whatever_its_labels() {
        // The tagger calls Boeing an organisation twice and a person once: one entity, labelled by
        // the majority, with the id another article gives it under another label.
        let text = "Boeing said on Monday. Boeing shares fell. Analysts said Boeing would recover.";
        let mut ms: Vec<EntityMention> = text
            .match_indices("Boeing")
            .zip([EntityLabel::Org, EntityLabel::Per, EntityLabel::Org])
            .map(|((at, _), label)| EntityMention {
                sentence: 0,
                span: Span::new(at, at + 6),
                text: "Boeing".into(),
                label,
                entity_id: String::new(),
                canonical: String::new(),
                confidence: 1.0,
            })
            .collect();
        resolve_article(text, &mut ms);
        assert!(ms.iter().all(|m| m.label == EntityLabel::Org), "{ms:?}");
        assert!(ms.iter().all(|m| m.entity_id == ms[0].entity_id));
        let other = "Boeing is a MISC here.";
        let mut one = vec![mention(other, "Boeing", EntityLabel::Misc)];
        resolve_article(other, &mut one);
        assert_eq!(one[0].entity_id, ms[0].entity_id);
    }

    #[test]
    fn article_resolution() {
        let text = "Secretary General Jens Stoltenberg spoke for the North Atlantic Treaty Organization (NATO). \
                    Stoltenberg said NATO’s door is open. Alexander Grushko and Gruško. Julianne Smith met Wendy Sherman; Smith left.";
        let mut ms = vec![
            mention(text, "Secretary General Jens Stoltenberg", EntityLabel::Per),
            mention(text, "North Atlantic Treaty Organization", EntityLabel::Org),
            mention(text, "NATO", EntityLabel::Org),
            mention(text, "Stoltenberg said", EntityLabel::Per),
            mention(text, "NATO’s", EntityLabel::Org),
            mention(text, "Alexander Grushko", EntityLabel::Per),
            mention(text, "Gruško", EntityLabel::Per),
            mention(text, "Julianne Smith", EntityLabel::Per),
            mention(text, "Wendy Sherman", EntityLabel::Per),
            mention(text, "Smith left", EntityLabel::Per),
        ];
        ms[3].text = "Stoltenberg".into();
        ms[3].span.end = ms[3].span.start + "Stoltenberg".len();
        ms[9].text = "Smith".into();
        ms[9].span.end = ms[9].span.start + "Smith".len();
        resolve_article(text, &mut ms);
        assert_eq!(ms[0].canonical, "Jens Stoltenberg");
        assert_eq!(ms[3].entity_id, ms[0].entity_id);
        assert_eq!(ms[1].entity_id, ms[2].entity_id);
        assert_eq!(ms[2].entity_id, ms[4].entity_id);
        assert_eq!(ms[2].canonical, "NATO");
        assert_eq!(ms[5].entity_id, ms[6].entity_id);
        assert_eq!(ms[9].entity_id, ms[7].entity_id);
        assert_ne!(ms[7].entity_id, ms[8].entity_id);
        assert!(ms
            .iter()
            .all(|m| !m.entity_id.is_empty() && !m.canonical.is_empty()));
    }
}
