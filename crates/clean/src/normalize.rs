//! Character and layout normalisation: control characters, whitespace, paragraphs, NFC.
//!
//! [`paragraphs`] turns raw text into paragraphs: line breaks unified, control and invisible
//! characters dropped (tabs and odd spaces become spaces), blank lines separate paragraphs (a text
//! without any blank line has one paragraph per line), whitespace inside a paragraph collapsed.
//! [`join`] writes paragraphs back with exactly one blank line between them and applies NFC.
//! Both are idempotent: `paragraphs(&join(&paragraphs(x))) == paragraphs(x)`.

use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Characters dropped outright: invisible format characters that carry no text.
fn is_dropped(c: char) -> bool {
    matches!(
        c,
        '\u{200b}' | '\u{feff}' | '\u{00ad}' | '\u{2060}' | '\u{180e}' | '\u{fffe}' | '\u{ffff}'
    ) || (c.is_control() && c != '\n') && !matches!(c, '\t' | '\u{b}' | '\u{c}' | '\u{85}')
}

/// Unifies line breaks, drops control characters and maps odd spaces, tabs to `' '`.
pub fn chars(raw: &str) -> String {
    // Fast path: printable ASCII and `\n` are kept as they are, in runs.
    let bytes = raw.as_bytes();
    let mut out = String::with_capacity(raw.len());
    let mut run = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if (0x20..0x7f).contains(&b) || b == b'\n' {
            i += 1;
            continue;
        }
        out.push_str(&raw[run..i]);
        let c = raw[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        match c {
            '\r' => {
                out.push('\n');
                if bytes.get(i) == Some(&b'\n') {
                    i += 1;
                }
            }
            '\u{2029}' => out.push_str("\n\n"),
            '\u{2028}' | '\u{85}' | '\u{b}' | '\u{c}' => out.push('\n'),
            '\t' => out.push(' '),
            c if c.is_whitespace() => out.push(' '),
            c if is_dropped(c) => {}
            c => out.push(c),
        }
        run = i;
    }
    out.push_str(&raw[run..]);
    out
}

/// Splits text into paragraphs, each with its inner whitespace collapsed to single spaces.
pub fn paragraphs(raw: &str) -> Vec<String> {
    paragraphs_of_clean(&nfc(&chars(raw)))
}

/// [`paragraphs`] of a text already through [`chars`] and [`nfc`].
pub fn paragraphs_of_clean(s: &str) -> Vec<String> {
    let lines: Vec<&str> = s.split('\n').collect();
    let first = lines.iter().position(|l| !l.trim().is_empty());
    let last = lines.iter().rposition(|l| !l.trim().is_empty());
    let has_blank = match (first, last) {
        (Some(f), Some(l)) => lines[f..=l].iter().any(|l| l.trim().is_empty()),
        _ => false,
    };
    let mut out = Vec::new();
    let mut cur = String::new();
    for line in lines {
        let line = line.trim();
        // Without blank lines a line is a paragraph, unless it is a hard-wrapped sentence going
        // on: the line before has no end mark and this one starts in lowercase.
        let wrapped = !cur.is_empty()
            && !cur.ends_with(['.', '!', '?', ':', '"', '”', '’', ')', '»'])
            && line.starts_with(char::is_lowercase);
        if line.is_empty() || (!has_blank && !wrapped) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            if line.is_empty() {
                continue;
            }
        }
        for word in line.split(' ').filter(|w| !w.is_empty()) {
            if !cur.is_empty() {
                cur.push(' ');
            }
            cur.push_str(word);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// Collapses whitespace of one line of text (a title, a byline) and applies NFC.
pub fn line(raw: &str) -> String {
    nfc(&paragraphs(raw).join(" "))
}

/// NFC, cheap when the text already is.
pub fn nfc(s: &str) -> String {
    match is_nfc_quick(s.chars()) {
        IsNormalized::Yes => s.to_string(),
        _ => s.nfc().collect(),
    }
}

/// Joins paragraphs with exactly one blank line and applies NFC.
pub fn join<S: AsRef<str>>(paras: &[S]) -> String {
    let mut out = String::new();
    for p in paras {
        let p = p.as_ref().trim();
        if p.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(p);
    }
    nfc(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_and_whitespace() {
        let raw = "  One\r\ntwo\t three \r\n\r\n\r\n\u{a0}Four\u{200b}\u{7}  five\n";
        assert_eq!(paragraphs(raw), vec!["One two three", "Four five"]);
        assert_eq!(join(&paragraphs(raw)), "One two three\n\nFour five");
    }

    #[test]
    fn lines_are_paragraphs_without_blank_lines() {
        assert_eq!(paragraphs("A b.\nC\n"), vec!["A b.", "C"]);
        let wrapped = "Talks ended\nThe meeting between the two sides\nended without a deal.\nMore talks follow.";
        assert_eq!(
            paragraphs(wrapped),
            vec![
                "Talks ended",
                "The meeting between the two sides ended without a deal.",
                "More talks follow."
            ]
        );
    }

    #[test]
    fn nfc_and_quotes_kept() {
        assert_eq!(join(&["“Gru\u{73}\u{30c}ko”"]), "“Gruško”");
    }

    #[test]
    fn idempotent() {
        let raw = "x\n\n\n y \u{301}\nz\r\rw";
        let once = join(&paragraphs(raw));
        assert_eq!(join(&paragraphs(&once)), once);
    }
}
