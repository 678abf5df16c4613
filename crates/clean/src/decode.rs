//! Decoding: the bytes of a file to a `String`.
//!
//! In order: a byte order mark (UTF-8, UTF-16LE/BE) decides; else valid UTF-8 is taken as is; else
//! UTF-8 with a few stray bytes is taken as UTF-8 (see [`mostly_utf8`]); else an HTML
//! `<meta charset>` (for HTML input) is honoured; else the encoding is guessed with `chardetng`
//! (legacy single-byte and CJK encodings) and decoded with `encoding_rs`.
//! A few NUL bytes in UTF-8 text (at most one byte in a thousand) are removed and noted; more NUL
//! bytes without a UTF-16 BOM, or a text that is mostly control characters, are binary.
//!
//! Stray bytes are never silent: [`decode_noted`] says how many there were and where the first
//! one is, and `clean` records that note on the article (a removed block of kind `decoding`).

use crate::CleanError;
use encoding_rs::Encoding;

/// Decodes `bytes` to text. `html` enables the `<meta charset>` lookup.
pub fn decode(bytes: &[u8], html: bool) -> Result<String, CleanError> {
    decode_noted(bytes, html).map(|d| d.text)
}

/// Text decoded from bytes, with what decoding had to repair.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// What decoding repaired, in words (stray bytes in UTF-8 text); empty when nothing was.
    pub notes: Vec<String>,
}

/// Decodes `bytes` to text, saying what had to be repaired. `html` enables `<meta charset>`.
pub fn decode_noted(bytes: &[u8], html: bool) -> Result<Decoded, CleanError> {
    let mut notes = Vec::new();
    if bytes.is_empty() {
        return Err(CleanError::Empty);
    }
    let text = if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 && std::str::from_utf8(rest).is_err() {
            // The BOM says UTF-8: the invalid bytes are strays, whatever their number.
            let (text, note) = utf8_with_strays(rest, bom_len);
            notes.push(note);
            text
        } else {
            enc.decode_without_bom_handling(rest).0.into_owned()
        }
    } else {
        let stripped;
        let bytes = match stray_nuls(bytes) {
            Nuls::None => bytes,
            Nuls::Binary => return Err(CleanError::Binary("NUL bytes")),
            Nuls::Stray { count, first } => {
                notes.push(format!(
                    "{count} NUL byte(s) removed from the text, the first at byte offset {first}"
                ));
                stripped = bytes
                    .iter()
                    .copied()
                    .filter(|&b| b != 0)
                    .collect::<Vec<u8>>();
                &stripped[..]
            }
        };
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_string(),
            Err(_) if mostly_utf8(bytes) => {
                let (text, note) = utf8_with_strays(bytes, 0);
                notes.push(note);
                text
            }
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
    Ok(Decoded { text, notes })
}

/// What the NUL bytes of a file without a BOM say about it.
enum Nuls {
    None,
    /// A few NULs in what is otherwise UTF-8 text: removed, and noted.
    Stray {
        count: usize,
        first: usize,
    },
    /// Binary data (or UTF-16 without a BOM, which lede does not guess).
    Binary,
}

/// At most one byte in this many may be a stray NUL.
const NUL_SHARE: usize = 1000;

/// Classifies the NUL bytes of `bytes`: stray when they are at most one byte in [`NUL_SHARE`] (so
/// none in a shorter file) and the rest is UTF-8 text (valid, or with a few stray bytes, see
/// [`mostly_utf8`]); a binary file's bytes (compressed or not) are not UTF-8, and UTF-16 text is
/// half NULs.
fn stray_nuls(bytes: &[u8]) -> Nuls {
    let Some(first) = bytes.iter().position(|&b| b == 0) else {
        return Nuls::None;
    };
    let count = bytes.iter().filter(|&&b| b == 0).count();
    if count > bytes.len() / NUL_SHARE {
        return Nuls::Binary;
    }
    let rest: Vec<u8> = bytes.iter().copied().filter(|&b| b != 0).collect();
    if std::str::from_utf8(&rest).is_ok() || mostly_utf8(&rest) {
        Nuls::Stray { count, first }
    } else {
        Nuls::Binary
    }
}

/// Is this UTF-8 with a few stray bytes rather than a legacy encoding?
///
/// In text written in a legacy single-byte encoding (Windows-1252, Latin-1...), bytes above 0x7F
/// almost never happen to form a valid UTF-8 multi-byte sequence: that takes a capital accented
/// letter followed by a symbol such as `»` or `©`. In UTF-8 text with stray bytes pasted in, the
/// valid sequences are the many and the invalid ones the few. So the text is taken as UTF-8 when
/// it has at least four valid multi-byte characters for each invalid sequence (invalid sequences
/// at most a fifth of its non-ASCII sequences); a legacy text would need four coincidences per
/// accented letter to pass. Legacy double-byte encodings coincide more often, yet stay far below:
/// Chinese in GBK, Japanese in EUC-JP or Shift_JIS, Korean in EUC-KR give at most 1.7 valid
/// sequences per invalid one, even over any ten characters.
pub fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > 0 && invalid * 4 <= valid
}

/// Decodes UTF-8 with stray bytes, and the note saying what was repaired.
///
/// A lone invalid byte is a character of a legacy encoding pasted into UTF-8 text (a curly quote
/// `0x93`, an `é` `0xE9`...): it is read as Windows-1252, which gives back the character meant far
/// more often than not, where U+FFFD would lose it. A longer invalid sequence is a UTF-8
/// character cut short, whose character cannot be known: it becomes U+FFFD. So do the five
/// bytes Windows-1252 leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D).
fn utf8_with_strays(bytes: &[u8], base: usize) -> (String, String) {
    let mut text = String::with_capacity(bytes.len() + 16);
    let (mut as_1252, mut replaced, mut first) = (0usize, 0usize, None);
    let mut at = base;
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        at += chunk.valid().len();
        let bad = chunk.invalid();
        if bad.is_empty() {
            continue;
        }
        first.get_or_insert(at);
        at += bad.len();
        let legacy = match bad {
            [b] => windows_1252(*b),
            _ => None,
        };
        match legacy {
            Some(c) => {
                text.push(c);
                as_1252 += 1;
            }
            None => {
                text.push('\u{fffd}');
                replaced += bad.len();
            }
        }
    }
    let note = format!(
        "{} byte(s) invalid in UTF-8 text, the first at byte offset {}: {as_1252} read as \
         Windows-1252, {replaced} replaced by U+FFFD",
        as_1252 + replaced,
        first.unwrap_or(0),
    );
    (text, note)
}

/// The Windows-1252 character of a byte above 0x7F, `None` for the five it leaves undefined.
fn windows_1252(b: u8) -> Option<char> {
    let byte = [b];
    let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    s.chars().next().filter(|c| !c.is_control())
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
    fn a_few_stray_nuls_are_removed_and_noted() {
        let mut b = "<html><body><p>The ministers met in Luxembourg on Thursday.</p>"
            .repeat(40)
            .into_bytes();
        b.insert(100, 0);
        b.insert(500, 0);
        let d = decode_noted(&b, true).unwrap();
        assert!(!d.text.contains('\0'));
        assert_eq!(
            d.notes,
            ["2 NUL byte(s) removed from the text, the first at byte offset 100"]
        );
        // Many NULs, or NULs in bytes that are not UTF-8 text, stay binary.
        let mut many = b.clone();
        many.extend([0u8; 10]);
        assert_eq!(decode(&many, true), Err(CleanError::Binary("NUL bytes")));
        let mut noise: Vec<u8> = (0..4000u32)
            .map(|i| (i * 7919 % 251) as u8 | 0x80)
            .collect();
        noise[10] = 0;
        assert_eq!(decode(&noise, false), Err(CleanError::Binary("NUL bytes")));
    }

    #[test]
    fn nul_bytes_are_binary() {
        assert_eq!(
            decode(b"ab\0cd", false),
            Err(CleanError::Binary("NUL bytes"))
        );
    }

    #[test]
    fn legacy_double_byte_text_is_not_taken_for_utf8() {
        let zh =
            "北京时间周三，北约与俄罗斯在布鲁塞尔举行会谈，双方在欧洲安全问题上仍存在重大分歧。";
        let ja = "北大西洋条約機構とロシアの代表は水曜日にブリュッセルで会談したが、相違は解消されなかった。";
        for (text, enc) in [
            (zh, encoding_rs::GBK),
            (ja, encoding_rs::EUC_JP),
            (ja, encoding_rs::SHIFT_JIS),
        ] {
            let bytes = enc.encode(text).0;
            assert!(!mostly_utf8(&bytes), "{}", enc.name());
        }
    }

    #[test]
    fn stray_bytes_in_utf8() {
        let d = decode_noted("“Yes,” she said in Liège — “no”".as_bytes(), false).unwrap();
        assert!(d.notes.is_empty());
        let mut b = "“Yes,” she said in Liège — “no” and “maybe”. "
            .repeat(2)
            .into_bytes();
        b.extend_from_slice(b" \x93Oui\x94 \x81");
        let d = decode_noted(&b, false).unwrap();
        assert!(d.text.ends_with(" “Oui” \u{fffd}"), "{}", d.text);
        assert_eq!(
            d.notes,
            [format!(
                "3 byte(s) invalid in UTF-8 text, the first at byte offset {}: 2 read as \
                 Windows-1252, 1 replaced by U+FFFD",
                b.len() - 7
            )]
        );
    }

    #[test]
    fn html_meta_charset_is_used() {
        let b = b"<html><head><meta charset=\"iso-8859-2\"></head><body>Gru\xb9ko</body></html>";
        assert!(decode(b, true).unwrap().contains("Gruško"));
    }
}
