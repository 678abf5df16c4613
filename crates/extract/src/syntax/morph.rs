//! Morphological features: the UD features later stages use (Number, Person, Tense, VerbForm,
//! PronType, Gender), looked up by form and tag as training saw them most often, else the tag's
//! most frequent set (`NNS` -> `Number=Plur`).

use crate::ner::features::FastMap;

/// The features kept from the treebanks.
pub const KEPT: [&str; 6] = [
    "Gender", "Number", "Person", "PronType", "Tense", "VerbForm",
];

/// `feats` restricted to [`KEPT`] (in UD's order: alphabetical).
pub fn keep(feats: &str) -> String {
    feats
        .split('|')
        .filter(|f| f.split('=').next().is_some_and(|k| KEPT.contains(&k)))
        .collect::<Vec<_>>()
        .join("|")
}

/// The trained feature table.
#[derive(Default)]
pub struct Morph {
    /// Distinct feature strings (`""` first).
    pub sets: Vec<&'static str>,
    /// Lemma-key of a known (lowercase form, tag) -> set.
    pub forms: FastMap<u64, u32>,
    /// Set per tag class.
    pub by_tag: Vec<u32>,
}

impl Morph {
    pub fn feats(&self, lower: &str, tag: u16) -> &'static str {
        let set = self
            .forms
            .get(&super::lemma::form_key(lower, tag))
            .or_else(|| self.by_tag.get(tag as usize))
            .copied()
            .unwrap_or(0);
        self.sets.get(set as usize).copied().unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn keeps_the_features_that_matter() {
        assert_eq!(
            super::keep("Case=Nom|Gender=Fem|Number=Sing|Person=3|PronType=Prs"),
            "Gender=Fem|Number=Sing|Person=3|PronType=Prs"
        );
        assert_eq!(super::keep("Degree=Pos"), "");
    }
}
