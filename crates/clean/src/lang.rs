//! Language identification with `whatlang`, as ISO 639-1 codes.

use whatlang::Lang;

/// The language of `text` (ISO 639-1), `None` when the text is too short or the guess unsure.
pub fn detect(text: &str) -> Option<String> {
    // About 200 words are plenty for a confident guess and keep this cheap (it is half the cost
    // of cleaning a text when given the whole article).
    let mut end = text.len().min(1200);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if sample.chars().filter(|c| c.is_alphabetic()).count() < 20 {
        return None;
    }
    let info = whatlang::detect(sample)?;
    if info.confidence() < 0.3 {
        return None;
    }
    iso639_1(info.lang()).map(str::to_string)
}

/// Normalises a language tag from metadata (`en-US`, `eng`, `English`) to ISO 639-1.
pub fn from_tag(tag: &str) -> Option<String> {
    let t = tag.trim().to_lowercase();
    let primary = t.split(['-', '_']).next()?;
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary.to_string());
    }
    Lang::from_code(primary)
        .or_else(|| {
            Lang::all()
                .iter()
                .copied()
                .find(|l| l.eng_name().eq_ignore_ascii_case(&t))
        })
        .and_then(iso639_1)
        .map(str::to_string)
}

/// ISO 639-1 code of a whatlang language (all of whatlang's languages have one).
pub fn iso639_1(lang: Lang) -> Option<&'static str> {
    use Lang::*;
    Some(match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        #[allow(unreachable_patterns)]
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_and_spanish() {
        let en = "The meeting between the alliance and the government ended without a deal on Wednesday.";
        assert_eq!(detect(en).as_deref(), Some("en"));
        let es = "La reunión entre la alianza y el gobierno terminó sin acuerdo el miércoles por la noche.";
        assert_eq!(detect(es).as_deref(), Some("es"));
        assert_eq!(detect("ok"), None);
    }

    #[test]
    fn tags() {
        assert_eq!(from_tag("en-US").as_deref(), Some("en"));
        assert_eq!(from_tag("deu").as_deref(), Some("de"));
        assert_eq!(from_tag("French").as_deref(), Some("fr"));
    }
}
