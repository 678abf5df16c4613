//! Credits: a paragraph that only credits (step 2: `With EFE and Reuters`, `Reporting by ...`)
//! and credits glued after the last sentence (step 5: `...for years./ NYT, AP and REUTERS`).

use crate::lexicon;
use regex::Regex;
use std::sync::LazyLock;

static CREDIT_WITH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:with|with (?:information|reporting|files|input|reports|material) (?:from|of|by)|with agencies|from|sources?|via|agencies|information|credits?)\s*[:\-–]?\s*(.{2,150}?)\.?$").unwrap()
});
static CREDIT_ROLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:(?:additional\s+)?(?:reporting|writing|editing|research|translation|translated|graphics|photo(?:graph(?:y|s)?|s)?|pictures?|images?|illustrations?|video|compiled|produced|fact-checking)(?:\s+and\s+\w+)?\s+by)\s+\p{Lu}[^.!?]{1,100}$").unwrap()
});

static CONTRIBUTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[^.!?]{3,150}\s(?:contributed|also contributed)\s(?:reporting\s)?(?:to\s)?(?:this|the)\s(?:report|story|article)\.?$").unwrap()
});

/// Splits a credit list (`EFE and Reuters`, `NYT, W, POST, AP and REUTERS`).
fn credit_items(list: &str) -> Vec<String> {
    let mut items = Vec::new();
    for part in list.split([',', ';', '/', '&']) {
        for item in part.split(" and ") {
            let item = item.trim().trim_matches(['(', ')', '.', ' ']).trim();
            if !item.is_empty() {
                items.push(item.to_string());
            }
        }
    }
    items
}

/// Items that all look like agency names, at least one of them a known one.
fn agency_list(list: &str) -> Option<Vec<String>> {
    let items = credit_items(list);
    let agency_like = |s: &str| {
        lexicon::is_agency(s)
            || (s.len() <= 12 && s.chars().all(|c| c.is_uppercase() || c == '-' || c == '.'))
    };
    (!items.is_empty()
        && items.len() <= 8
        && items.iter().all(|s| agency_like(s))
        && items.iter().any(|s| lexicon::is_agency(s)))
    .then_some(items)
}

/// A paragraph that only credits: `With EFE and Reuters`, `(AFP)`, `Reporting by X; Editing by Y`.
pub(super) fn credit_paragraph(p: &str) -> Option<Vec<String>> {
    if p.len() > 250 {
        return None;
    }
    if let Some(c) = CREDIT_WITH.captures(p) {
        if let Some(items) = agency_list(&c[1]) {
            return Some(items);
        }
    }
    let bare = p.trim_start_matches(['/', '–', '—', '-', ' ']);
    if let Some(items) = (bare.len() <= 120).then(|| agency_list(bare)).flatten() {
        return Some(items);
    }
    if CONTRIBUTED.is_match(p) {
        return Some(vec![p.trim_end_matches('.').to_string()]);
    }
    // "Reporting by X; Editing by Y": every part names a role and who did it.
    let parts: Vec<&str> = p
        .trim_end_matches('.')
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    if !parts.is_empty() && parts.iter().all(|s| CREDIT_ROLE.is_match(s)) {
        return Some(parts.iter().map(|s| s.to_string()).collect());
    }
    None
}

static CREDIT_LEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:with (?:information|reporting|files|input|reports) (?:from|of|by)|with|sources?|via|from)\s*:?\s+").unwrap()
});

/// Credits glued after the last sentence: returns the cut position and the items.
pub(super) fn glued_credit(p: &str) -> Option<(usize, Vec<String>)> {
    let end = p.rfind(['.', '!', '?', '”', '"', '’'])?;
    let cut = end + p[end..].chars().next()?.len_utf8();
    let tail = &p[cut..];
    let t = tail.trim();
    if t.is_empty() || t.len() > 100 || !t.starts_with(['/', '–', '—', '-', '(']) {
        return None;
    }
    let list = t
        .trim_start_matches(['/', '–', '—', '-', ' ', '('])
        .trim_end_matches([')', '.']);
    let list = CREDIT_LEAD.find(list).map_or(list, |m| &list[m.end()..]);
    let items = agency_list(list)?;
    Some((cut, items))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credits() {
        assert_eq!(
            credit_paragraph("With EFE and Reuters"),
            Some(vec!["EFE".into(), "Reuters".into()])
        );
        assert_eq!(
            credit_paragraph("With love and patience, the talks went on."),
            None
        );
        // issue 17: a photo credit is not a person in the story
        assert_eq!(
            credit_paragraph("Photo by Carlos Osorio / Toronto Star"),
            Some(vec!["Photo by Carlos Osorio / Toronto Star".into()])
        );
        assert_eq!(
            credit_paragraph("Photo by photo, the exhibition grew."),
            None
        );
        assert_eq!(
            credit_paragraph("Reporting by Jane Doe; Editing by John Roe"),
            Some(vec![
                "Reporting by Jane Doe".into(),
                "Editing by John Roe".into()
            ])
        );
        let p = "It left Russia weakened for years./ NYT, W, POST, AP and REUTERS";
        let (cut, items) = glued_credit(p).unwrap();
        assert_eq!(&p[..cut], "It left Russia weakened for years.");
        assert_eq!(items, ["NYT", "W", "POST", "AP", "REUTERS"]);
        assert_eq!(glued_credit("He said so - and left."), None);
        let (_, items) = glued_credit("He said so. (With Reuters and AFP)").unwrap();
        assert_eq!(items, ["Reuters", "AFP"]);
        let (_, items) = glued_credit("He said so.— AP").unwrap();
        assert_eq!(items, ["AP"]);
    }
}
