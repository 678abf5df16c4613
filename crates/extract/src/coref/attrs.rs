//! Mention attributes for agreement: person, number, gender and animacy, from the pronoun table,
//! the entity label, first names (Kantrowitz lists), honorifics and gendered nouns, the nouns'
//! types learnt from GUM (`coref_noun_types.tsv`) and the tagger's number.

use super::mentions::Cand;
use crate::lexicon::{entries, files};
use model::{EntityLabel, EntityMention, MentionKind, Syntax};
use std::collections::HashMap;
use std::sync::LazyLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Number {
    Sing,
    Plur,
    Unknown,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum Gender {
    Male,
    Female,
    Neuter,
    #[default]
    Unknown,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Animacy {
    Animate,
    Inanimate,
    Unknown,
}

/// The attributes of one mention.
#[derive(Clone, Copy, Debug)]
pub(super) struct Attrs {
    /// 1, 2 or 3.
    pub person: u8,
    pub number: Number,
    pub gender: Gender,
    pub animacy: Animacy,
}

struct Lexicon {
    pronouns: HashMap<&'static str, Attrs>,
    gendered: HashMap<&'static str, Gender>,
    first_names: HashMap<String, Gender>,
    /// Lemma -> the GUM entity type its mentions name most (`person`, `organization`...).
    noun_types: HashMap<&'static str, &'static str>,
    /// Nouns that name a kind of organisation, by hand (`coref_organisation_nouns.txt`).
    organisation_nouns: std::collections::HashSet<&'static str>,
}

static LEX: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut pronouns = HashMap::new();
    for l in entries(files::COREF_PRONOUNS) {
        let f: Vec<&str> = l.split('\t').collect();
        if f.len() < 5 {
            continue;
        }
        pronouns.insert(
            f[0],
            Attrs {
                person: f[1].parse().unwrap_or(3),
                number: match f[2] {
                    "sg" => Number::Sing,
                    "pl" => Number::Plur,
                    _ => Number::Unknown,
                },
                gender: match f[3] {
                    "m" => Gender::Male,
                    "f" => Gender::Female,
                    "n" => Gender::Neuter,
                    _ => Gender::Unknown,
                },
                animacy: match f[4] {
                    "yes" => Animacy::Animate,
                    "no" => Animacy::Inanimate,
                    _ => Animacy::Unknown,
                },
            },
        );
    }
    let mut gendered = HashMap::new();
    for l in entries(files::COREF_GENDERED_NOUNS) {
        if let Some((g, w)) = l.split_once(' ') {
            gendered.insert(
                w.trim(),
                if g == "f" {
                    Gender::Female
                } else {
                    Gender::Male
                },
            );
        }
    }
    let mut first_names: HashMap<String, Gender> = HashMap::new();
    for (file, g) in [
        (files::NAMES_FEMALE, Gender::Female),
        (files::NAMES_MALE, Gender::Male),
    ] {
        for n in entries(file) {
            first_names
                .entry(n.to_string())
                .and_modify(|old| {
                    if *old != g {
                        *old = Gender::Unknown
                    }
                })
                .or_insert(g);
        }
    }
    let noun_types = entries(files::COREF_NOUN_TYPES)
        .filter_map(|l| {
            let mut f = l.split('\t');
            Some((f.next()?, f.next()?))
        })
        .collect();
    Lexicon {
        pronouns,
        gendered,
        first_names,
        noun_types,
        organisation_nouns: entries(files::COREF_ORGANISATION_NOUNS).collect(),
    }
});

/// The attributes of a pronoun form (lowercase), `None` for a word not in the table.
pub(super) fn pronoun(lower: &str) -> Option<Attrs> {
    LEX.pronouns.get(lower).copied()
}

/// The GUM entity type of a head noun's lemma (lowercase), if learnt.
pub(super) fn noun_type(lemma: &str) -> Option<&'static str> {
    LEX.noun_types.get(lemma).copied()
}

/// Whether a head noun's lemma (lowercase) names a kind of organisation: learnt from GUM
/// (`organization`) or in the hand list (`automaker`, `carrier`).
pub(super) fn organisation_noun(lemma: &str) -> bool {
    noun_type(lemma) == Some("organization") || LEX.organisation_nouns.contains(lemma)
}

/// Whether a head noun's lemma (lowercase) names a person: learnt from GUM, or gendered
/// (`spokesman`).
pub(super) fn person_noun(lemma: &str) -> bool {
    noun_type(lemma) == Some("person") || LEX.gendered.contains_key(lemma)
}

/// The attributes of a mention.
pub(super) fn of(text: &str, syntax: &Syntax, entities: &[EntityMention], c: &Cand) -> Attrs {
    let head = &syntax.words[c.head];
    let head_text = &text[head.span.start..head.span.end];
    let lower = head_text.to_lowercase();
    if c.kind == MentionKind::Pronoun {
        if let Some(a) = pronoun(&lower) {
            return a;
        }
    }
    if c.group {
        return Attrs {
            person: 3,
            number: Number::Plur,
            gender: Gender::Unknown,
            animacy: Animacy::Unknown,
        };
    }
    let plural = head.feats.contains("Number=Plur") || matches!(head.xpos, "NNS" | "NNPS");
    let mut a = Attrs {
        person: 3,
        number: if plural { Number::Plur } else { Number::Sing },
        gender: Gender::Unknown,
        animacy: Animacy::Unknown,
    };
    let label = c.entity.map(|e| entities[e].label);
    match label {
        Some(EntityLabel::Per) => {
            a.animacy = Animacy::Animate;
            a.gender = name_gender(text, syntax, c);
        }
        Some(EntityLabel::Org) => {
            // `the company ... it`, `the union ... they`.
            a.number = Number::Unknown;
            a.animacy = Animacy::Unknown;
        }
        Some(_) => {
            a.animacy = Animacy::Inanimate;
            a.gender = Gender::Neuter;
        }
        None if c.kind == MentionKind::Name => {
            // A name NER did not label: a known first name makes it a person.
            a.gender = name_gender(text, syntax, c);
            if a.gender != Gender::Unknown {
                a.animacy = Animacy::Animate;
            }
        }
        None => {
            let lemma = head.lemma.to_lowercase();
            match noun_type(&lemma) {
                Some("person") => {
                    a.animacy = Animacy::Animate;
                    a.gender = LEX
                        .gendered
                        .get(lemma.as_str())
                        .copied()
                        .unwrap_or_default();
                }
                Some("organization") => a.animacy = Animacy::Unknown,
                Some(_) => {
                    a.animacy = Animacy::Inanimate;
                    a.gender = Gender::Neuter;
                }
                None => {
                    if let Some(&g) = LEX.gendered.get(lemma.as_str()) {
                        a.animacy = Animacy::Animate;
                        a.gender = g;
                    } else if head.upos == "NOUN" && !agentive(&lemma) {
                        // A common noun GUM does not know as a person or group is a thing.
                        a.animacy = Animacy::Inanimate;
                        a.gender = Gender::Neuter;
                    }
                }
            }
        }
    }
    a
}

/// Endings of nouns for people (`homeopath` aside): `-er`, `-or`, `-ist`, `-ian`, `-ee`...
fn agentive(lemma: &str) -> bool {
    [
        "er", "or", "ist", "ian", "ee", "ant", "ent", "man", "woman", "person", "eer", "ess",
    ]
    .iter()
    .any(|s| lemma.ends_with(s))
}

/// A person's gender from an honorific or gendered word before the name, else the first name: a
/// listed first name followed by another name word (`Colleen Rusk`). A name of one word is a
/// surname or not a person's name at all (`Chrysler` and `Madison` are listed first names too).
fn name_gender(text: &str, syntax: &Syntax, c: &Cand) -> Gender {
    let (lo, hi) = c.words;
    // The first honorific, gendered word or listed first name, titles skipped (`Under Secretary of
    // State Wendy Sherman` is Wendy).
    for (i, w) in syntax.words[lo..=hi].iter().enumerate() {
        let t = text[w.span.start..w.span.end]
            .trim_end_matches('.')
            .to_lowercase();
        if let Some(&g) = LEX.gendered.get(t.as_str()) {
            return g;
        }
        let before_a_name = syntax
            .words
            .get(lo + i + 1)
            .is_some_and(|next| lo + i < hi && next.upos == "PROPN");
        if w.upos == "PROPN" && before_a_name {
            if let Some(&g) = LEX.first_names.get(&t) {
                return g;
            }
        }
    }
    Gender::Unknown
}

/// True when two attribute sets may describe the same thing.
pub(super) fn compatible(a: &Attrs, b: &Attrs) -> bool {
    let num = a.number == b.number || a.number == Number::Unknown || b.number == Number::Unknown;
    let gen = a.gender == b.gender || a.gender == Gender::Unknown || b.gender == Gender::Unknown;
    let ani =
        a.animacy == b.animacy || a.animacy == Animacy::Unknown || b.animacy == Animacy::Unknown;
    num && gen && ani && a.person == b.person
}

/// Merges the attributes of a chain: a known value wins over an unknown one.
pub(super) fn merge(a: &mut Attrs, b: &Attrs) {
    if a.number == Number::Unknown {
        a.number = b.number;
    }
    if a.gender == Gender::Unknown {
        a.gender = b.gender;
    }
    if a.animacy == Animacy::Unknown {
        a.animacy = b.animacy;
    }
}
