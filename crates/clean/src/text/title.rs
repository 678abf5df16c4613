//! Step 3: the title. Does the first paragraph look like a headline (and the next one not), and
//! the loose key that finds paragraphs repeating a title.

use regex::Regex;
use std::sync::LazyLock;

pub(super) static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?][”\x22’]?\s+[\p{Lu}“\x22]").unwrap());

/// Does this paragraph look like a headline?
fn title_like(p: &str) -> bool {
    let words = p.split_whitespace().count();
    let first = p.chars().next().unwrap_or(' ');
    (2..=30).contains(&words)
        && p.len() <= 220
        && (first.is_uppercase() || first.is_ascii_digit() || "“\"‘'«„¿¡".contains(first))
        && !p.ends_with(['.', ',', ';', ':', '…'])
        && !p.ends_with(".”")
        && !p.ends_with(".\"")
        && !SENTENCE_BREAK.is_match(p)
}

/// The first paragraph is the title when it looks like one and the next one does not.
pub(super) fn detect_title(kept: &[(usize, String)]) -> bool {
    let Some((_, first)) = kept.first().filter(|(_, p)| title_like(p)) else {
        return false;
    };
    let key = title_key(first);
    kept[1..]
        .iter()
        .map(|(_, p)| p)
        .find(|p| title_key(p) != key)
        .is_some_and(|next| !title_like(next))
}

static IMAGE_MARKER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[(\[]\d{1,2}[)\]]$").unwrap());

/// A title compared loosely: no image marker `(1)`, case and trailing punctuation ignored.
pub(super) fn title_key(p: &str) -> String {
    let p = IMAGE_MARKER.replace(p, "");
    p.trim_end_matches(|c: char| c.is_whitespace() || ".!?".contains(c))
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert!(title_like(
            "NATO is in security dialogue with Russia, despite the main differences"
        ));
        assert!(title_like(
            "The talks ended fruitlessly, and the door was not closed?"
        ));
        assert!(!title_like("The talks ended. Nobody was surprised"));
        assert!(!title_like("the talks ended"));
        assert_eq!(
            title_key("The talks were not closed?(1)"),
            "the talks were not closed"
        );
    }
}
