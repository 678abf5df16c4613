//! The CAMEO lexicon: [`CameoLexicon`] and its loading from the lexicon dir (labels, Goldstein
//! scale, scope, lede's own triggers, speech verbs) and the PETRARCH2 verb dictionary parser
//! ([`parse_verbs`]: synonym sets, verb blocks, verb forms and their patterns).

use super::coding::root_of;
use std::collections::{HashMap, HashSet};

/// One element of a PETRARCH pattern: alternatives, each a sequence of words.
pub(super) type Alt = Vec<Vec<String>>;

#[derive(Clone, Debug)]
pub(super) struct Pattern {
    /// Elements before the verb (in text order).
    pub(super) pre: Vec<Alt>,
    /// Elements after the verb (in text order).
    pub(super) post: Vec<Alt>,
    /// `None`: "do not code" (`[---]`).
    pub(super) code: Option<String>,
    /// Is the pattern's last word a synonym set (`- * &MILITARY`)? The sets name things (troops,
    /// army), so the word must head its phrase, not modify another noun (`the military alliance`).
    pub(super) ends_in_set: bool,
    /// The verbs the pattern was written for, from its comment (`# STEP_UP , STEPPED_UP` ->
    /// `step_up`, `stepped_up`): of two patterns matching equally, the one written for the verb
    /// in the text codes it.
    pub(super) verbs: Vec<String>,
}

#[derive(Clone, Debug)]
pub(super) struct VerbBlock {
    pub(super) code: Option<String>,
    pub(super) patterns: Vec<Pattern>,
}

#[derive(Clone, Debug)]
pub(super) struct VerbForm {
    /// All the words of the form (`meet with` -> [meet, with]).
    pub(super) words: Vec<String>,
    pub(super) block: usize,
    pub(super) code: Option<String>,
    /// The verb line's base form, words joined by `_` (`increase`, `step_up`).
    pub(super) base: String,
}

/// One trigger of lede's own lexicon.
#[derive(Clone, Debug)]
pub(super) struct Trigger {
    pub(super) words: Vec<String>,
    pub(super) code: String,
    pub(super) noun: bool,
}

/// The CAMEO coding resources, loaded once and shared read-only.
pub struct CameoLexicon {
    pub(super) labels: HashMap<String, String>,
    pub(super) goldstein: HashMap<String, f32>,
    pub(super) blocks: Vec<VerbBlock>,
    /// First word of a verb form -> forms.
    pub(super) verbs: HashMap<String, Vec<VerbForm>>,
    /// First word of a trigger -> triggers (longest first).
    pub(super) triggers: HashMap<String, Vec<Trigger>>,
    pub(super) roots: HashSet<String>,
    pub(super) light: Vec<Vec<String>>,
    /// Speech verbs: never event triggers (a plain "X said" is a quote).
    pub(super) speech: HashSet<String>,
    /// Code a PETRARCH verb with its block's code when no pattern matches (PETRARCH's own rule;
    /// used by the validation run, off for news where lede's triggers decide).
    pub(super) verb_defaults: bool,
    /// The actor and agent dictionaries (actor codes).
    pub(super) actors: std::sync::Arc<super::ActorLexicon>,
}

use crate::lexicon::entries as data_lines;

/// Regular English forms of a verb: base, 3rd person, past, gerund.
fn regular_forms(base: &str) -> Vec<String> {
    let mut out = vec![base.to_string()];
    let (s, ed, ing) = if let Some(stem) = base
        .strip_suffix('y')
        .filter(|s| !s.ends_with(['a', 'e', 'o', 'u']))
    {
        (
            format!("{stem}ies"),
            format!("{stem}ied"),
            format!("{base}ing"),
        )
    } else if base.ends_with('e') {
        (
            format!("{base}s"),
            format!("{base}d"),
            format!("{}ing", base.strip_suffix('e').unwrap_or(base)),
        )
    } else if base.ends_with(['s', 'x', 'z'])
        || base.ends_with("sh")
        || base.ends_with("ch")
        || base.ends_with('o')
    {
        (
            format!("{base}es"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    } else {
        (
            format!("{base}s"),
            format!("{base}ed"),
            format!("{base}ing"),
        )
    };
    out.extend([s, ed, ing]);
    out
}

fn parse_code(s: &str) -> Option<String> {
    let c = s.split(':').next().unwrap_or("").trim();
    (!c.is_empty() && c != "---" && c.chars().all(|c| c.is_ascii_digit())).then(|| c.to_string())
}

/// Splits a pattern body into elements: words, `{compound}`, `(phrase)`, `&SET`, `*`.
fn pattern_elements(body: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut depth = 0i32;
    for c in body.chars() {
        match c {
            '(' | '{' => {
                depth += 1;
                cur.push(c);
            }
            ')' | '}' => {
                depth -= 1;
                cur.push(c);
                if depth <= 0 {
                    out.push(std::mem::take(&mut cur));
                    depth = 0;
                }
            }
            c if c.is_whitespace() && depth == 0 => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            _ => cur.push(c),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

impl CameoLexicon {
    /// The lexicon of lede's own files ([`crate::lexicon::files`]: CAMEO codes, Goldstein scale,
    /// scope, triggers, PETRARCH2 verb patterns, and the speech cues quotes use too).
    pub fn builtin() -> Self {
        use crate::lexicon::{files, speech_cues};
        let mut labels = HashMap::new();
        for l in files::CAMEO_EVENTCODES.lines().skip(1) {
            if let Some((code, label)) = l.split_once('\t') {
                labels.insert(code.trim().to_string(), label.trim().to_string());
            }
        }
        let mut goldstein = HashMap::new();
        for l in data_lines(files::CAMEO_GOLDSTEIN) {
            if let Some((code, g)) = l.split_once('\t') {
                if let Ok(g) = g.trim().parse::<f32>() {
                    goldstein.insert(code.trim().to_string(), g);
                }
            }
        }
        let mut roots = HashSet::new();
        let mut light = Vec::new();
        for l in data_lines(files::EVENTS_SCOPE) {
            if let Some(r) = l.strip_prefix("root ") {
                roots.insert(r.trim().to_string());
            } else if let Some(v) = l.strip_prefix("light ") {
                light.push(v.split_whitespace().map(str::to_string).collect());
            }
        }
        let mut triggers: HashMap<String, Vec<Trigger>> = HashMap::new();
        for l in data_lines(files::EVENTS_TRIGGERS) {
            let f: Vec<&str> = l.split('\t').collect();
            if f.len() < 3 {
                continue;
            }
            let words: Vec<String> = f[0].split_whitespace().map(str::to_lowercase).collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            triggers.entry(first).or_default().push(Trigger {
                words,
                code: f[1].trim().to_string(),
                noun: f[2].trim() == "N",
            });
        }
        for v in triggers.values_mut() {
            v.sort_by_key(|t| std::cmp::Reverse(t.words.len()));
        }
        let speech = speech_cues().single_words.clone();
        let (blocks, verbs) = parse_verbs(files::CAMEO_VERBS);
        CameoLexicon {
            labels,
            goldstein,
            blocks,
            verbs,
            triggers,
            roots,
            light,
            speech,
            verb_defaults: false,
            actors: super::ActorLexicon::builtin(),
        }
    }

    /// A lexicon of one PETRARCH verb dictionary (`verbs`, the text of a `*.verbs.txt`) and
    /// nothing else: every root in scope, no triggers, labels or say-verbs, and a verb's default
    /// code used when no pattern matches, as PETRARCH2's validation records expect
    /// (`eval::events::eval_petrarch`).
    pub fn from_petrarch_verbs(verbs: &str) -> Self {
        let (blocks, verbs) = parse_verbs(verbs);
        CameoLexicon {
            labels: HashMap::new(),
            goldstein: HashMap::new(),
            blocks,
            verbs,
            triggers: HashMap::new(),
            roots: (1..=20)
                .map(|r| format!("{r:02}"))
                .chain(["90".to_string()])
                .collect(),
            light: Vec::new(),
            speech: HashSet::new(),
            verb_defaults: true,
            actors: Default::default(),
        }
    }

    /// This lexicon with other actor and agent dictionaries (the validation run's).
    pub fn with_actors(mut self, actors: super::ActorLexicon) -> Self {
        self.actors = std::sync::Arc::new(actors);
        self
    }

    /// Label of a code (`043` -> `Host a visit`).
    pub fn label(&self, code: &str) -> Option<&str> {
        self.labels.get(code).map(String::as_str)
    }

    /// Goldstein scale of a code, else of its root.
    pub fn goldstein(&self, code: &str) -> Option<f32> {
        self.goldstein
            .get(code)
            .or_else(|| self.goldstein.get(root_of(code)))
            .copied()
    }

    /// Number of PETRARCH verb blocks and patterns loaded.
    pub fn size(&self) -> (usize, usize) {
        (
            self.blocks.len(),
            self.blocks.iter().map(|b| b.patterns.len()).sum(),
        )
    }
}

/// Parses the PETRARCH2 verb dictionary into blocks and a form index.
pub(super) fn parse_verbs(text: &str) -> (Vec<VerbBlock>, HashMap<String, Vec<VerbForm>>) {
    let mut sets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
    let mut blocks: Vec<VerbBlock> = Vec::new();
    let mut verbs: HashMap<String, Vec<VerbForm>> = HashMap::new();
    let mut cur_set: Option<String> = None;
    let lower_words = |w: &str| -> Vec<String> {
        w.trim_start_matches('+')
            .split('_')
            .filter(|x| !x.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim_end();
        let t = line.trim();
        if t.is_empty() {
            cur_set = None;
            continue;
        }
        if let Some(name) = t.strip_prefix('&') {
            if !t.contains(' ') {
                cur_set = Some(name.trim().to_string());
                sets.entry(name.trim().to_string()).or_default();
                continue;
            }
        }
        if let (Some(set), Some(w)) = (&cur_set, t.strip_prefix('+')) {
            if blocks.is_empty() {
                sets.entry(set.clone()).or_default().push(lower_words(w));
                continue;
            }
        }
        if t.starts_with("---") {
            // ---  MEET_PEOPLE   [040]  ---
            let code = t
                .find('[')
                .and_then(|a| t[a + 1..].find(']').map(|b| &t[a + 1..a + 1 + b]))
                .and_then(parse_code);
            blocks.push(VerbBlock {
                code,
                patterns: Vec::new(),
            });
            cur_set = None;
            continue;
        }
        let Some(bi) = blocks.len().checked_sub(1) else {
            continue;
        };
        if let Some(body) = t.strip_prefix('-') {
            if let Some(mut p) = parse_pattern(body, &sets) {
                p.verbs = comment_verbs(raw);
                blocks[bi].patterns.push(p);
            }
            continue;
        }
        // a verb line: WORD {FORMS} [code]
        let code_here = t
            .find('[')
            .and_then(|a| t[a + 1..].find(']').map(|b| &t[a + 1..a + 1 + b]));
        let head = t.split(['{', '[']).next().unwrap_or("").trim();
        if head.is_empty() || head.contains(' ') {
            continue;
        }
        let mut forms: Vec<Vec<String>> = Vec::new();
        let base = lower_words(head);
        if base.is_empty() {
            continue;
        }
        if let Some(a) = t.find('{') {
            let inner = t[a + 1..].split('}').next().unwrap_or("");
            forms.push(base.clone());
            for f in inner.split_whitespace() {
                forms.push(lower_words(f));
            }
        } else {
            for f in regular_forms(&base[0]) {
                let mut w = vec![f];
                w.extend(base[1..].iter().cloned());
                forms.push(w);
            }
        }
        let code = match code_here {
            Some(c) if c.trim() == "---" => None,
            Some(c) => parse_code(c).or(blocks[bi].code.clone()),
            None => blocks[bi].code.clone(),
        };
        for words in forms.into_iter().filter(|w| !w.is_empty()) {
            verbs.entry(words[0].clone()).or_default().push(VerbForm {
                words,
                block: bi,
                code: code.clone(),
                base: base.join("_"),
            });
        }
    }
    (blocks, verbs)
}

/// One pattern line of a verb block (`- * TALKS [046]`, `- $ WITH &ALLY * [057]`): the elements
/// before and after the verb (`*`) as alternatives, and the code (`None` for `[---]`, do not code);
/// `None` for a line with no code, no verb or no elements.
fn parse_pattern(body: &str, sets: &HashMap<String, Vec<Vec<String>>>) -> Option<Pattern> {
    let open = body.rfind('[')?;
    let code = body[open + 1..].split(']').next().unwrap_or("");
    let code = if code.trim() == "---" {
        None
    } else {
        parse_code(code)
    };
    let elems = pattern_elements(&body[..open]);
    let mut pre = Vec::new();
    let mut post = Vec::new();
    let mut seen_verb = false;
    let mut ends_in_set = false;
    for e in elems {
        if e == "*" {
            seen_verb = true;
            continue;
        }
        let Some(alt) = element_alt(&e, sets) else {
            continue;
        };
        if seen_verb {
            ends_in_set = e
                .split_whitespace()
                .last()
                .is_some_and(|w| w.trim_start_matches(['(', '{']).starts_with('&'));
            post.push(alt);
        } else {
            pre.push(alt);
        }
    }
    if !seen_verb || (pre.is_empty() && post.is_empty()) {
        return None;
    }
    Some(Pattern {
        pre,
        post,
        code,
        ends_in_set,
        verbs: Vec::new(),
    })
}

/// The verbs a pattern line's comment names (`- * ALERT [150] # HEIGHTEN , STEP_UP`), lower case.
fn comment_verbs(line: &str) -> Vec<String> {
    let Some((_, comment)) = line.split_once('#') else {
        return Vec::new();
    };
    comment
        .split([',', ' '])
        .map(|w| w.trim().trim_start_matches('+').to_lowercase())
        .filter(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
        .collect()
}

/// One pattern element as alternatives; `None` for markers (`$`, `+`, `%`, `^`).
fn element_alt(e: &str, sets: &HashMap<String, Vec<Vec<String>>>) -> Option<Alt> {
    let inner = e
        .trim_start_matches(['(', '{'])
        .trim_end_matches([')', '}']);
    let mut seq_alts: Vec<Vec<String>> = vec![Vec::new()];
    for w in inner.split_whitespace() {
        let w =
            w.trim_matches(|c: char| matches!(c, '$' | '+' | '%' | '^' | '(' | ')' | '{' | '}'));
        if w.is_empty() || w == "*" {
            continue;
        }
        // each word may be a set or alternatives (BY/WITH); expand into a cross product (bounded)
        let options: Vec<Vec<String>> = if let Some(set) = w.strip_prefix('&') {
            sets.get(set.trim_end_matches('_'))
                .or_else(|| sets.get(set))
                .cloned()
                .unwrap_or_default()
        } else {
            w.split('/')
                .map(|x| {
                    x.split('_')
                        .filter(|s| !s.is_empty())
                        .map(str::to_lowercase)
                        .collect()
                })
                .collect()
        };
        if options.is_empty() {
            return None;
        }
        let mut next = Vec::new();
        for s in &seq_alts {
            for o in &options {
                let mut n = s.clone();
                n.extend(o.iter().cloned());
                next.push(n);
                if next.len() > 200 {
                    break;
                }
            }
        }
        seq_alts = next;
    }
    seq_alts.retain(|s| !s.is_empty());
    (!seq_alts.is_empty()).then_some(seq_alts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pattern_knows_the_verbs_it_was_written_for_and_whether_it_ends_in_a_set() {
        let dict = "&MILITARY\n+TROOPS\n+ARMY\n\n--- BOOST [060] ---\nINCREASE\nBOOST\n\
                    - * {&MILITARY PRESENCE}  [151]  # BOOST\n\
                    - * {&MILITARY PRESENCE}  [154]  # INCREASE , STEP_UP\n\
                    - * &MILITARY  [154]  # AMASS\n";
        let (blocks, verbs) = parse_verbs(dict);
        let ps = &blocks[0].patterns;
        assert_eq!(ps[0].verbs, ["boost"]);
        assert_eq!(ps[1].verbs, ["increase", "step_up"]);
        assert!(!ps[0].ends_in_set && ps[2].ends_in_set);
        assert_eq!(verbs["increase"][0].base, "increase");
    }
}
