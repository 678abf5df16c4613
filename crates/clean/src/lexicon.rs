//! The lexicons of cleaning, data files under `crates/clean/lexicons/clean_*.txt` compiled in.

use std::collections::HashSet;
use std::sync::LazyLock;

const BOILERPLATE: &str = include_str!("../lexicons/clean_boilerplate.txt");
const AGENCIES: &str = include_str!("../lexicons/clean_credit_agencies.txt");

fn entries(src: &str) -> impl Iterator<Item = &str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Boilerplate phrases: `(phrase, opens_comment_section)`, lowercase.
pub static BOILERPLATE_PHRASES: LazyLock<Vec<(String, bool)>> = LazyLock::new(|| {
    entries(BOILERPLATE)
        .map(|l| match l.strip_prefix('!') {
            Some(p) => (p.trim().to_lowercase(), true),
            None => (l.to_lowercase(), false),
        })
        .collect()
});

/// Agency and outlet names, lowercase.
pub static AGENCY_NAMES: LazyLock<HashSet<String>> =
    LazyLock::new(|| entries(AGENCIES).map(str::to_lowercase).collect());

/// Is `name` (as written in a credit list) a known agency or outlet?
pub fn is_agency(name: &str) -> bool {
    let n = name
        .trim()
        .trim_matches(|c: char| c == '.' || c == '(' || c == ')');
    AGENCY_NAMES.contains(&n.to_lowercase())
}
