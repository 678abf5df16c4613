//! Names: folding to keys (transliteration, diacritics, initials, first-name variants), aliases,
//! entity ids, surnames, and the name in a mention (titles and possessives removed).

use model::EntityLabel;
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

use crate::lexicon::entries as data_lines;
use crate::lexicon::files::{
    NAMES_ALIASES as ALIASES, NAMES_PARTICLES as PARTICLES, NAMES_TITLES as TITLES,
    NAMES_VARIANTS as VARIANTS,
};

/// The word lists of name resolution (titles, particles, first-name variants, aliases).
struct Lexicons {
    titles: HashSet<String>,
    particles: HashSet<String>,
    /// Folded variant -> folded key form.
    variants: HashMap<String, String>,
    /// Folded alias -> canonical name.
    aliases: HashMap<String, String>,
}

/// The word lists, loaded once.
fn lexicons() -> &'static Lexicons {
    static L: OnceLock<Lexicons> = OnceLock::new();
    L.get_or_init(|| {
        let words = |t: &str| {
            data_lines(t)
                .map(|l| l.trim_end_matches('.').to_lowercase())
                .collect::<HashSet<_>>()
        };
        let mut variants = HashMap::new();
        for line in data_lines(VARIANTS) {
            let mut it = line.split_whitespace();
            if let Some(key) = it.next() {
                for v in it {
                    variants.insert(v.to_string(), key.to_string());
                }
            }
        }
        let mut lex = Lexicons {
            titles: words(TITLES),
            particles: words(PARTICLES),
            variants,
            aliases: HashMap::new(),
        };
        for line in data_lines(ALIASES) {
            if let Some((alias, canon)) = line.split_once('\t') {
                let key = fold_raw(alias, &lex.variants);
                lex.aliases.insert(key, canon.trim().to_string());
            }
        }
        lex
    })
}

/// Letters whose transliteration is more than dropping a diacritic (`š` -> `sh`).
fn transliterate(c: char, out: &mut String) -> bool {
    let s = match c {
        'š' | 'Š' | 'ş' | 'Ş' | 'ș' | 'Ș' => "sh",
        'č' | 'Č' | 'ć' | 'Ć' => "ch",
        'ž' | 'Ž' => "zh",
        'ß' => "ss",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ł' | 'Ł' => "l",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'þ' | 'Þ' => "th",
        'ı' => "i",
        _ => return false,
    };
    out.push_str(s);
    true
}

/// [`fold_name`] with the given first-name variants.
fn fold_raw(name: &str, variants: &HashMap<String, String>) -> String {
    let mut pre = String::with_capacity(name.len());
    for c in name.chars() {
        if !transliterate(c, &mut pre) {
            pre.push(c);
        }
    }
    let mut flat = String::with_capacity(pre.len());
    for c in pre.nfd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_alphanumeric() {
            flat.extend(c.to_lowercase());
        } else if matches!(c, '.' | '\'' | '’' | '‘' | 'ʼ') {
            // U.S. -> us, O'Brien -> obrien
        } else {
            flat.push(' ');
        }
    }
    let toks: Vec<&str> = flat.split_whitespace().collect();
    let long = toks.iter().filter(|t| t.chars().count() > 1).count();
    let mut out = String::with_capacity(flat.len());
    for t in toks {
        // Middle initials do not distinguish people (`Sam A. Greene` = `Sam Greene`).
        if long >= 2 && t.chars().count() == 1 {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(variants.get(t).map(String::as_str).unwrap_or(t));
    }
    out
}

/// The folded key of a name: transliterated (`š` -> `sh`), diacritics dropped, lowercase, dots and
/// apostrophes removed, other punctuation made spaces, middle initials dropped, name variants
/// folded (`dmitry` -> `dmitri`).
pub fn fold_name(name: &str) -> String {
    fold_raw(name, &lexicons().variants)
}

/// The canonical form of a name: the target of a known alias (`U.S.` -> `United States`), else
/// the name itself.
pub fn canonical_name(name: &str) -> String {
    let lex = lexicons();
    lex.aliases
        .get(&fold_raw(name, &lex.variants))
        .cloned()
        .unwrap_or_else(|| name.to_string())
}

/// The corpus-wide id of an entity: `E` + first 16 hex chars of `blake3(fold(canonical))`. The
/// label is not part of it: one name is one entity whatever label an article's tagger gave it
/// (`Boeing` tagged ORG in one article and PER in another is one id; the entity catalog keeps the
/// most frequent label).
pub fn entity_id(canonical: &str) -> String {
    let key = fold_name(&canonical_name(canonical));
    let hex = blake3::hash(key.as_bytes()).to_hex();
    format!("E{}", &hex[..16])
}

/// The folded surname of a person's canonical name (`Alexander Grushko` -> `grushko`), `None`
/// for other labels. For a corpus-level catalog: an id whose canonical name is a bare surname
/// (`Grushko`) can be recorded as merged into the one full-name id with the same surname key,
/// when there is exactly one; resolution itself keeps no corpus state.
pub fn surname_key(label: EntityLabel, canonical: &str) -> Option<String> {
    if label != EntityLabel::Per {
        return None;
    }
    let key = fold_name(&canonical_name(canonical));
    // Generational suffixes are not surnames: `Martin Luther King Jr.` -> `king`.
    const SUFFIXES: [&str; 7] = ["jr", "jr.", "sr", "sr.", "ii", "iii", "iv"];
    key.split(' ')
        .rev()
        .find(|w| !w.is_empty() && !SUFFIXES.contains(w))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .map(str::to_string)
}

/// The name in a mention: possessive removed and, for people, leading titles and roles removed.
pub fn mention_name(text: &str, label: EntityLabel) -> String {
    let toks = crate::tokenize::tokenize(text);
    let words: Vec<&str> = toks.iter().map(|t| t.span.slice(text)).collect();
    let mut end = words.len();
    // Possessives: `Russia’s`, `Soldiers’`.
    while end > 0 {
        let w = words[end - 1];
        let clitic = w.chars().next().is_some_and(crate::tokenize::is_apostrophe)
            && w.chars()
                .skip(1)
                .collect::<String>()
                .eq_ignore_ascii_case("s");
        let bare =
            w.chars().count() == 1 && w.chars().next().is_some_and(crate::tokenize::is_apostrophe);
        if clitic || bare {
            end -= 1;
        } else {
            break;
        }
    }
    let mut start = 0;
    if label == EntityLabel::Per {
        let lex = lexicons();
        for (i, w) in words[..end].iter().enumerate().take(end.saturating_sub(1)) {
            let lw = w.trim_end_matches('.').to_lowercase();
            let lower_initial = w.chars().next().is_some_and(char::is_lowercase);
            let role = lex.titles.contains(&lw) || (lower_initial && !lex.particles.contains(&lw));
            let punct = !w.chars().any(char::is_alphanumeric);
            if role || punct {
                start = i + 1;
            }
        }
    } else if words.first().is_some_and(|w| *w == "the") && end > 1 {
        start = 1;
    }
    if start >= end {
        return text.trim().to_string();
    }
    text[toks[start].span.start..toks[end - 1].span.end].to_string()
}
