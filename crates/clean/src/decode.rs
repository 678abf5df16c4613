//! Decoding: the bytes of a file to a `String`.
//!
//! In order: a byte order mark (UTF-8, UTF-16LE/BE) decides; else valid UTF-8 is taken as is; else
//! an HTML `<meta charset>` (for HTML input) is honoured; else the encoding is guessed with
//! `chardetng` (legacy single-byte and CJK encodings) and decoded with `encoding_rs`.
//! NUL bytes without a UTF-16 BOM, or a text that is mostly control characters, are binary.

use crate::CleanError;
use encoding_rs::Encoding;

/// Decodes `bytes` to text. `html` enables the `<meta charset>` lookup.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, CleanError> {
    if bytes.is_empty() {
        return Err(CleanError::Empty);
    }
    let text = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (s, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        s.into_owned()
    } else {
        if bytes.contains(&0) {
            return Err(CleanError::Binary("NUL bytes"));
        }
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) => {
                let enc = html
                    .then(|| meta_charset(bytes))
                    .flatten()
                    .unwrap_or_else(|| guess(bytes));
                let (s, _, _) = enc.decode(bytes);
                s.into_owned()
            }
        }
    };
    if looks_binary(&text) {
        return Err(CleanError::Binary("mostly control characters"));
    }
    Ok(text)
}

/// Guesses a legacy encoding from the bytes (which are not valid UTF-8).
fn guess(bytes: &[u8]) -> &'static Encoding {
    let mut det = chardetng::EncodingDetector::new();
    det.feed(bytes, true);
    det.guess(None, false)
}

/// The encoding named by `<meta charset=...>` or `content="...; charset=..."` in the first 2 KB.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let rest = head[at..].trim_start_matches(['"', '\'', ' ']);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    let enc = Encoding::for_label(&rest.as_bytes()[..end])?;
    // A page that says UTF-16 but has no BOM is rarely right; UTF-8 was not valid anyway.
    (enc != encoding_rs::UTF_16LE && enc != encoding_rs::UTF_16BE && enc != encoding_rs::UTF_8)
        .then_some(enc)
}

/// More than 10% control characters (other than line breaks and tabs) in the first 4 KB.
fn looks_binary(text: &str) -> bool {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in text.chars().take(4096) {
        n += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}') {
            bad += 1;
        }
    }
    n > 0 && bad * 10 > n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        assert_eq!(decode(b"\xef\xbb\xbfHello", false).unwrap(), "Hello");
    }

    #[test]
    fn utf16le_with_bom() {
        let mut b = vec![0xff, 0xfe];
        for u in "Grušk“o”".encode_utf16() {
            b.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(decode(&b, false).unwrap(), "Grušk“o”");
    }

    #[test]
    fn windows_1252_is_detected() {
        let b = b"The minister\x92s \x93plan\x94 was rejected by the caf\xe9 owners in Brussels.";
        assert_eq!(
            decode(b, false).unwrap(),
            "The minister’s “plan” was rejected by the café owners in Brussels."
        );
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"ab\0cd", false),
            Err(CleanError::Binary("NUL bytes"))
        );
    }

    #[test]
    fn html_meta_charset_is_used() {
        let b = b"<html><head><meta charset=\"iso-8859-2\"></head><body>Gru\xb9ko</body></html>";
        assert!(decode(b, true).unwrap().contains("Gruško"));
    }
}
