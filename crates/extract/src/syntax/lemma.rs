//! The lemmatiser: edit scripts learned from the treebanks. A script lowercases the form (or
//! not), strips characters from its end and appends others (`studies` -> `study`: strip 3, append
//! `y`). A known (form, tag) takes the script it had most often in training; an unknown word takes
//! the script of the longest known suffix with its tag, else its tag's most frequent script.

use super::features::hs;
use crate::ner::features::FastMap;

/// One edit from a form to its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Script {
    pub lower: bool,
    /// Characters cut from the end.
    pub strip: u8,
    pub append: String,
}

/// Longest suffix used for unknown words.
pub const MAX_SUFFIX: usize = 5;

/// The form a lemma is computed from: straight quotes and apostrophes.
pub fn lemma_base(form: &str) -> String {
    form.chars()
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            c => c,
        })
        .collect()
}

impl Script {
    /// The script that turns `form` into `lemma`: on the lowercased form when the lemma has no
    /// capital (`The` -> `the`), else on the form as written (`Obama`, `I`).
    pub fn between(form: &str, lemma: &str) -> Script {
        let one = |base: &str, lower: bool| {
            let b: Vec<char> = base.chars().collect();
            let l: Vec<char> = lemma.chars().collect();
            let common = b.iter().zip(&l).take_while(|(x, y)| x == y).count();
            Script {
                lower,
                strip: (b.len() - common).min(255) as u8,
                append: l[common..].iter().collect(),
            }
        };
        if lemma.chars().any(char::is_uppercase) {
            one(form, false)
        } else {
            one(&form.to_lowercase(), true)
        }
    }

    pub fn apply(&self, form: &str) -> String {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if self.strip as usize > n {
            return base;
        }
        let mut out: String = base.chars().take(n - self.strip as usize).collect();
        out.push_str(&self.append);
        out
    }
}

/// Key of a known form with its tag.
pub fn form_key(lower: &str, tag: u16) -> u64 {
    super::features::k2(700, hs(lower), tag as u64)
}

/// Key of a suffix (by its length) with a tag.
pub fn suffix_key(suffix: &str, tag: u16) -> u64 {
    super::features::k3(701, hs(suffix), tag as u64, suffix.chars().count() as u64)
}

/// The trained lemmatiser.
#[derive(Default)]
pub struct Lemmatizer {
    pub scripts: Vec<Script>,
    pub forms: FastMap<u64, u32>,
    pub suffixes: FastMap<u64, u32>,
    /// Script per tag class (`u32::MAX`: keep the form).
    pub by_tag: Vec<u32>,
}

impl Lemmatizer {
    /// The lemma of `form` tagged `tag`.
    pub fn lemma(&self, form: &str, tag: u16) -> String {
        let base = lemma_base(form);
        let lower = base.to_lowercase();
        let script = self.forms.get(&form_key(&lower, tag)).copied().or_else(|| {
            let chars: Vec<char> = lower.chars().collect();
            (1..=MAX_SUFFIX.min(chars.len())).rev().find_map(|k| {
                let suffix: String = chars[chars.len() - k..].iter().collect();
                self.suffixes.get(&suffix_key(&suffix, tag)).copied()
            })
        });
        let script = script.or_else(|| self.by_tag.get(tag as usize).copied());
        match script.and_then(|s| self.scripts.get(s as usize)) {
            Some(s) => s.apply(&base),
            None => base,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_round_trip() {
        for (f, l) in [
            ("studies", "study"),
            ("The", "the"),
            ("Obama", "Obama"),
            ("went", "go"),
            ("n't", "not"),
            ("U.S.", "U.S."),
        ] {
            assert_eq!(Script::between(f, l).apply(f), l, "{f}");
        }
        assert_eq!(Script::between("The", "the").strip, 0);
        // The same script serves both cases of a word.
        assert_eq!(Script::between("the", "the").apply("The"), "the");
    }
}
