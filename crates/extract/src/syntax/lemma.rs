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
    lemma_base_cow(form).into_owned()
}

/// [`lemma_base`], borrowing `form` when it has no curly quote.
pub fn lemma_base_cow(form: &str) -> std::borrow::Cow<'_, str> {
    if !form.contains(['‘', '’', '‚', '‛', '“', '”', '„', '‟']) {
        return std::borrow::Cow::Borrowed(form);
    }
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
        if self.lower {
            self.apply_to(&form.to_lowercase())
        } else {
            self.apply_to(form)
        }
    }

    /// [`Script::apply`] given the form already lowercased when the script lowercases
    /// (`base` is then `form.to_lowercase()`).
    pub fn apply_to(&self, base: &str) -> String {
        let strip = self.strip as usize;
        // Byte offset where the last `strip` characters start (none when there are fewer).
        let cut = if strip == 0 {
            Some(base.len())
        } else {
            base.char_indices().rev().nth(strip - 1).map(|(b, _)| b)
        };
        let Some(cut) = cut else {
            return base.to_string();
        };
        let mut out = String::with_capacity(cut + self.append.len());
        out.push_str(&base[..cut]);
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
    suffix_key_hashed(hs(suffix), tag, suffix.chars().count())
}

/// [`suffix_key`] of a suffix of `chars` characters whose hash ([`hs`]) is `h`.
#[inline]
fn suffix_key_hashed(h: u64, tag: u16, chars: usize) -> u64 {
    super::features::k3(701, h, tag as u64, chars as u64)
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
        self.lemma_of(&base, &lower, tag)
    }

    /// [`Lemmatizer::lemma`] given `base = lemma_base(form)` and `lower = base.to_lowercase()`:
    /// known form, else the longest known suffix (hashed as slices of `lower`), else the tag's
    /// script.
    pub fn lemma_of(&self, base: &str, lower: &str, tag: u16) -> String {
        let script = self.forms.get(&form_key(lower, tag)).copied().or_else(|| {
            // Byte starts of the last 1, 2... MAX_SUFFIX characters.
            let mut starts = [0usize; MAX_SUFFIX];
            let mut n = 0;
            for (b, _) in lower.char_indices().rev().take(MAX_SUFFIX) {
                starts[n] = b;
                n += 1;
            }
            starts[..n].iter().enumerate().rev().find_map(|(k, &b)| {
                let key = suffix_key_hashed(hs(&lower[b..]), tag, k + 1);
                self.suffixes.get(&key).copied()
            })
        });
        let script = script.or_else(|| self.by_tag.get(tag as usize).copied());
        match script.and_then(|s| self.scripts.get(s as usize)) {
            Some(s) if s.lower => s.apply_to(lower),
            Some(s) => s.apply_to(base),
            None => base.to_string(),
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

    /// The first version of [`Script::apply`] (character vectors), which training used.
    fn apply_reference(s: &Script, form: &str) -> String {
        let base = if s.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if s.strip as usize > n {
            return base;
        }
        let mut out: String = base.chars().take(n - s.strip as usize).collect();
        out.push_str(&s.append);
        out
    }

    #[test]
    fn scripts_apply_as_the_reference() {
        for form in ["", "a", "Studies", "İzmir", "ﬁles", "naïve", "’s", "日本語"] {
            for strip in 0..8 {
                for lower in [false, true] {
                    let s = Script {
                        lower,
                        strip,
                        append: "ÿ".into(),
                    };
                    assert_eq!(s.apply(form), apply_reference(&s, form), "{form:?} {strip}");
                }
            }
        }
        assert_eq!(lemma_base_cow("it’s"), "it's");
        assert!(matches!(
            lemma_base_cow("its"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
