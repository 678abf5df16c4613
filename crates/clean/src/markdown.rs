//! Markdown input (`.md`, `.markdown`): the markup taken off, the words kept.
//!
//! Headings lose their `#`, emphasis its `*`/`_`, links keep their text, images their alt text
//! (caption rules may then remove it, recorded), block quotes and bullets their markers;
//! horizontal rules become paragraph breaks. Front matter is left for the text header rules.

use regex::Regex;
use std::sync::LazyLock;

static IMAGE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"!\[([^\]]*)\]\([^)]*\)").unwrap());
static LINK: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[([^\]]+)\]\([^)]*\)").unwrap());
static STRONG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\*\*([^*\n]+)\*\*|__([^_\n]+)__").unwrap());
static EMPHASIS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(^|[\s(])[*_]([^*_\s][^*_\n]*?)[*_]($|[\s).,;:!?])").unwrap());
static LINE_MARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s{0,3}(?:#{1,6}\s+|>\s?|[-*+]\s+)").unwrap());
static RULE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\s{0,3}(?:[-*_]\s*){3,}$").unwrap());

/// Markdown to plain text, line by line.
pub fn to_text(md: &str) -> String {
    let mut out = String::with_capacity(md.len());
    let mut in_front_matter = false;
    for (i, line) in md.lines().enumerate() {
        // Keep YAML front matter as it is: the header rules read it.
        if i == 0 && line.trim_end() == "---" {
            in_front_matter = true;
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if in_front_matter {
            in_front_matter = line.trim_end() != "---";
            out.push_str(line);
            out.push('\n');
            continue;
        }
        if RULE.is_match(line) {
            out.push_str("\n\n");
            continue;
        }
        let l = LINE_MARK.replace(line, "");
        let l = IMAGE.replace_all(&l, "$1");
        let l = LINK.replace_all(&l, "$1");
        let l = STRONG.replace_all(&l, "$1$2");
        let l = EMPHASIS.replace_all(&l, "$1$2$3");
        let heading = line.trim_start().starts_with('#');
        if heading {
            // A heading is a paragraph of its own.
            out.push('\n');
        }
        out.push_str(l.trim_end_matches(['#', ' ']));
        out.push('\n');
        if heading {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_removed() {
        let md = "# Ministers meet\n*Published 3 March 2022*\n\nThey met in [Luxembourg](https://x.example) on **Thursday**.\n\n> “We agree,” she said.\n";
        let t = to_text(md);
        assert!(t.contains("\nMinisters meet\n\n"));
        assert!(t.contains("Published 3 March 2022"));
        assert!(t.contains("They met in Luxembourg on Thursday."));
        assert!(t.contains("“We agree,” she said."));
        assert!(!t.contains('*') && !t.contains('#'));
    }

    #[test]
    fn snake_case_words_survive() {
        assert_eq!(
            to_text("the file_name_here is *fine*\n"),
            "the file_name_here is fine\n"
        );
    }
}
