//! The CAMEO actor and agent dictionaries: [`ActorLexicon`], read from PETRARCH2's formats
//! (Phoenix `*.actors.txt` and `*.agents.txt`, compiled in from `lexicons/cameo_actors_*.txt` and
//! `lexicons/cameo_agents.txt`), and the lookup of a phrase's actor code at a date
//! ([`ActorLexicon::code`]).
//!
//! Actor dictionary format, as PETRARCH2 reads it: a line not starting with `+` or a tab opens a
//! new actor (its root phrase, `RUSSIAN_FEDERATION_ [RUS]`); `+ALIAS_` lines are synonyms of the
//! current actor; tab-indented `[CODE]` lines give its codes. Consecutive root lines before any
//! code share the codes that follow (`BORIS_YELTSIN_` / `YELTSIN` / `[RUSGOV 910710-991231]`).
//! A code may carry a date restriction: `[CODE >080508]` (from that date on), `[CODE <950601]`
//! (until it), `[CODE 991231-080507]` (between, inclusive); dates are `YYMMDD` (years up to 30 are
//! 20YY, as in PETRARCH) or `YYYYMMDD`. A code without restriction is the default. Codes on the
//! root line itself (`JAVIER_SOLANA_ [IGO... 950701-951231][...]`) are read the same way.
//!
//! Agents (`GOVERNMENT [~GOV]`) add a role to a country: `!PERSON! = MAN, MEN, ...` defines a
//! substitution set used as `BUSINESS!PERSON!`; `{PLURAL}` gives a plural (`{}`: none), else the
//! regular one is made (`-Y` -> `-IES`, `-S` -> `-SES`, else `-S`). Words are matched lower-case;
//! `_` and spaces both join words.

use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, LazyLock};

/// When a code applies.
#[derive(Clone, Copy, Debug, PartialEq)]
enum When {
    Always,
    Until(NaiveDate),
    From(NaiveDate),
    Between(NaiveDate, NaiveDate),
}

#[derive(Clone, Debug)]
struct Role {
    code: String,
    when: When,
}

/// Phrases keyed by their first word, longest first: `(rest of the words, value)`.
type Phrases<T> = HashMap<String, Vec<(Vec<String>, T)>>;

/// The actor and agent dictionaries of one coder (lede's built-in Phoenix ones, or PETRARCH2's
/// validation ones for `lede eval events`).
#[derive(Debug, Default)]
pub struct ActorLexicon {
    /// Actor phrases -> index into `roles`.
    actors: Phrases<u32>,
    roles: Vec<Vec<Role>>,
    /// Agent phrases -> role code without its leading `~` (`GOV`, `GOVAGR`); a trailing `~` marks
    /// a code written before the country (`NGO~`: `MSF Arnor` -> `NGOARN`).
    agents: Phrases<String>,
    /// Every three-letter role code of the agents, plus the international prefixes (`IGO`...):
    /// the triples of a code that are not a country.
    types: HashSet<String>,
}

/// A phrase matched in a list of words: its word range and value.
struct Hit<T> {
    start: usize,
    end: usize,
    value: T,
}

/// Codes that open an international or transnational actor instead of a country.
const INTERNATIONAL: &[&str] = &["IGO", "NGO", "NGM", "IMG", "INT", "MNC", "UIS"];

static BUILTIN: LazyLock<Arc<ActorLexicon>> = LazyLock::new(|| {
    use crate::lexicon::files;
    Arc::new(ActorLexicon::from_petrarch(
        &[
            files::CAMEO_ACTORS_COUNTRIES,
            files::CAMEO_ACTORS_INTERNATIONAL,
            files::CAMEO_ACTORS_MILNONSTATE,
        ],
        files::CAMEO_AGENTS,
    ))
});

fn words_of(phrase: &str) -> Vec<String> {
    phrase
        .split(['_', ' ', '\t'])
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn insert<T>(map: &mut Phrases<T>, words: Vec<String>, value: T) {
    let mut it = words.into_iter();
    if let Some(first) = it.next() {
        map.entry(first).or_default().push((it.collect(), value));
    }
}

/// A dictionary date: `YYMMDD` (00-30 -> 20YY) or `YYYYMMDD`.
fn date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let (y, rest) = match s.len() {
        6 => {
            let y: i32 = s[..2].parse().ok()?;
            (if y <= 30 { 2000 + y } else { 1900 + y }, &s[2..])
        }
        8 => (s[..4].parse().ok()?, &s[4..]),
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, rest[..2].parse().ok()?, rest[2..4].parse().ok()?)
}

/// The codes in the brackets of a line: `[RUSGOV >080508]`, `[~AGR]`, `[HOBGOV 19950601 - 19990815]`.
/// A restriction that cannot be read drops its code (as PETRARCH does).
fn roles_in(line: &str) -> Vec<Role> {
    let mut out = Vec::new();
    for part in line.split('[').skip(1) {
        let Some(inner) = part.split(']').next() else {
            continue;
        };
        let inner = inner.trim();
        let (code, rest) = inner.split_once([' ', '\t']).unwrap_or((inner, ""));
        // `~GOV` follows the country (`RUSGOV`); `NGO~` precedes it (`NGOARN`, agents only)
        let code = code.trim_start_matches('~').to_uppercase();
        let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
        let when = if rest.is_empty() {
            Some(When::Always)
        } else if let Some(d) = rest.strip_prefix('<') {
            date(d).map(When::Until)
        } else if let Some(d) = rest.strip_prefix('>') {
            date(d).map(When::From)
        } else if let Some((a, b)) = rest.split_once('-') {
            date(a)
                .zip(date(b))
                .filter(|(a, b)| a <= b)
                .map(|(a, b)| When::Between(a, b))
        } else {
            None
        };
        if let (Some(when), false) = (when, code.is_empty()) {
            out.push(Role { code, when });
        }
    }
    out
}

impl ActorLexicon {
    /// lede's built-in dictionaries (Phoenix countries, international and non-state actors, agents),
    /// parsed once per process.
    pub fn builtin() -> Arc<ActorLexicon> {
        BUILTIN.clone()
    }

    /// A lexicon of PETRARCH actor dictionaries (`actors`, each the text of a `*.actors.txt`) and
    /// an agents dictionary (the text of a `*.agents.txt`).
    pub fn from_petrarch(actors: &[&str], agents: &str) -> Self {
        let mut lex = ActorLexicon::default();
        for text in actors {
            lex.read_actors(text);
        }
        lex.read_agents(agents);
        for t in INTERNATIONAL {
            lex.types.insert(t.to_string());
        }
        for v in lex.actors.values_mut() {
            v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        for v in lex.agents.values_mut() {
            v.sort_by_key(|(rest, _)| std::cmp::Reverse(rest.len()));
        }
        lex
    }

    fn read_actors(&mut self, text: &str) {
        // The phrases of the actor being read, and its codes; phrases wait for their codes.
        let mut phrases: Vec<Vec<String>> = Vec::new();
        let mut roles: Vec<Role> = Vec::new();
        let mut flush = |phrases: &mut Vec<Vec<String>>, roles: &mut Vec<Role>| {
            if !roles.is_empty() && !phrases.is_empty() {
                let id = self.roles.len() as u32;
                self.roles.push(std::mem::take(roles));
                for p in phrases.drain(..) {
                    insert(&mut self.actors, p, id);
                }
            }
            roles.clear();
        };
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim_end();
            if line.trim().is_empty() || line.trim_start().starts_with("<!") {
                continue;
            }
            if line.starts_with([' ', '\t']) {
                roles.extend(roles_in(line));
                continue;
            }
            let (name, synonym) = match line.strip_prefix('+') {
                Some(n) => (n, true),
                None => (line, false),
            };
            // a new root closes the previous actor once that one has codes
            if !synonym && !roles.is_empty() {
                flush(&mut phrases, &mut roles);
            }
            let name = name.split('[').next().unwrap_or("");
            let words = words_of(name);
            if !words.is_empty() {
                phrases.push(words);
            }
            roles.extend(roles_in(line));
        }
        flush(&mut phrases, &mut roles);
    }

    fn read_agents(&mut self, text: &str) {
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        for raw in text.lines() {
            let line = raw.split('#').next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with("<!") {
                continue;
            }
            if line.contains('!') && line.contains('=') && !line.contains('[') {
                let (name, list) = line.split_once('=').unwrap_or_default();
                let name = name.trim().trim_matches('!').to_string();
                sets.insert(
                    name,
                    list.split(',').map(|s| s.trim().to_string()).collect(),
                );
                continue;
            }
            let Some(role) = roles_in(line).into_iter().next() else {
                continue;
            };
            for t in role.code.trim_end_matches('~').as_bytes().chunks(3) {
                self.types.insert(String::from_utf8_lossy(t).into_owned());
            }
            let phrase = line.split('[').next().unwrap_or("");
            let (phrase, plural) = match (phrase.find('{'), phrase.find('}')) {
                (Some(a), Some(b)) if b > a => (&phrase[..a], Some(phrase[a + 1..b].trim())),
                _ => (phrase, None),
            };
            let mut forms = vec![phrase.trim().to_string()];
            match plural {
                Some("") => {}
                Some(p) => forms.push(p.to_string()),
                None => {
                    let p = phrase.trim();
                    forms.push(if let Some(s) = p.strip_suffix('Y') {
                        format!("{s}IES")
                    } else if p.ends_with('S') {
                        format!("{p}ES")
                    } else {
                        format!("{p}S")
                    });
                }
            }
            for form in forms {
                for f in expand(&form, &sets) {
                    insert(&mut self.agents, words_of(&f), role.code.clone());
                }
            }
        }
    }

    /// Number of actor phrases and agent phrases.
    pub fn size(&self) -> (usize, usize) {
        (
            self.actors.values().map(Vec::len).sum(),
            self.agents.values().map(Vec::len).sum(),
        )
    }

    /// The longest phrase of `map` in `words` (ties: the rightmost, the head of an English noun
    /// phrase being last).
    fn longest<'a, T>(map: &'a Phrases<T>, words: &[String]) -> Option<Hit<&'a T>> {
        let mut best: Option<Hit<&T>> = None;
        for (i, w) in words.iter().enumerate() {
            for (rest, v) in map.get(w).into_iter().flatten() {
                let end = i + 1 + rest.len();
                if end <= words.len() && words[i + 1..end] == rest[..] {
                    if best.as_ref().is_none_or(|b| end - i >= b.end - b.start) {
                        best = Some(Hit {
                            start: i,
                            end,
                            value: v,
                        });
                    }
                    break; // longest first: the first match at `i` is its longest
                }
            }
        }
        best
    }

    /// The code of an actor at `date`: the first restriction that holds, else the default; with no
    /// date, the default, else the country every dated code shares (`RUS`), else none.
    fn actor_code(&self, id: u32, date: Option<NaiveDate>) -> Option<String> {
        let roles = &self.roles[id as usize];
        if let Some(d) = date {
            let hit = roles.iter().find(|r| match r.when {
                When::Always => false,
                When::Until(u) => d <= u,
                When::From(f) => d >= f,
                When::Between(a, b) => a <= d && d <= b,
            });
            if let Some(r) = hit {
                return Some(r.code.clone());
            }
        }
        if let Some(r) = roles.iter().find(|r| r.when == When::Always) {
            return Some(r.code.clone());
        }
        if date.is_some() {
            return None; // dated roles, none at that date, no default
        }
        let country = roles.first()?.code.get(..3)?;
        (!self.types.contains(country) && roles.iter().all(|r| r.code.starts_with(country)))
            .then(|| country.to_string())
    }

    /// The CAMEO code of a phrase (lower-case words): its longest actor phrase, coded at `date`;
    /// a country without a role (`RUS`, `USRUKR`) takes the role of an agent elsewhere in the
    /// phrase (`russian soldiers` -> `RUSMIL`); an agent alone is its role (`the government` ->
    /// `GOV`).
    pub fn code(&self, words: &[String], date: Option<NaiveDate>) -> Option<String> {
        let actor = Self::longest(&self.actors, words);
        let code = actor
            .as_ref()
            .and_then(|a| self.actor_code(*a.value, date))
            .filter(|c| c != "---");
        let agent = Self::longest(&self.agents, words).filter(|g| {
            actor
                .as_ref()
                .is_none_or(|a| g.end <= a.start || g.start >= a.end)
        });
        match (code, agent) {
            (Some(c), Some(g)) if matches!(self.split(&c), (Some(_), None)) => {
                Some(match g.value.strip_suffix('~') {
                    Some(prefix) => format!("{prefix}{c}"),
                    None => format!("{c}{}", g.value),
                })
            }
            (Some(c), _) => Some(c),
            (None, Some(g)) if actor.is_none() => Some(g.value.trim_end_matches('~').to_string()),
            _ => None,
        }
    }

    /// A code's country (its first three letters unless they are a role such as `IGO` or `GOV`)
    /// and type (its first role code after the country): `RUSGOV` -> (`RUS`, `GOV`), `IGOWSTNAT` ->
    /// (none, `IGO`), `RUS` -> (`RUS`, none).
    pub fn split(&self, code: &str) -> (Option<String>, Option<String>) {
        let triples: Vec<&str> = (0..code.len() / 3)
            .filter_map(|i| code.get(3 * i..3 * i + 3))
            .collect();
        let Some(first) = triples.first() else {
            return (None, None);
        };
        let country = (!self.types.contains(*first)).then(|| first.to_string());
        let skip = usize::from(country.is_some());
        let kind = triples[skip..]
            .iter()
            .find(|t| self.types.contains(**t))
            .map(|t| t.to_string());
        (country, kind)
    }
}

/// A phrase with its `!SET!` marker replaced by each member of the set (unchanged without one;
/// no phrase for an unknown set).
fn expand(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let Some(a) = phrase.find('!') else {
        return vec![phrase.to_string()];
    };
    let Some(len) = phrase[a + 1..].find('!') else {
        return Vec::new();
    };
    let name = &phrase[a + 1..a + 1 + len];
    let (pre, post) = (&phrase[..a], &phrase[a + 2 + len..]);
    sets.get(name)
        .into_iter()
        .flatten()
        .map(|m| format!("{pre}{m}{post}"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACTORS: &str = "\
RUSSIAN_FEDERATION_  [RUS]
+RUSSIA_
+RUSSIAN
VLADIMIR_PUTIN_  # a comment
+PUTIN_
\t[RUSELI 700101-990809]
\t[RUSGOV >080508]
\t[RUSELI]
BORIS_YELTSIN_
YELTSIN
\t[RUSGOV 910710-991231]
NATO_
+NORTH_ATLANTIC_TREATY_ORGANIZATION_
\t[IGOWSTNAT]
JAVIER_SOLANA_\t[IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]
";
    const AGENTS: &str = "\
!MINIST! = MINISTER, MINISTRY
GOVERNMENT [~GOV]
SOLDIER [~MIL]
FOREIGN_!MINIST! [~GOVFRM]
ARMED_FORCES {} [~MIL]
HUMAN_RIGHTS_BODY  [  NGO~]
";

    fn lex() -> ActorLexicon {
        ActorLexicon::from_petrarch(&[ACTORS], AGENTS)
    }

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    fn d(s: &str) -> Option<NaiveDate> {
        Some(s.parse().unwrap())
    }

    #[test]
    fn a_dated_role_is_the_one_at_the_date_else_the_default() {
        let l = lex();
        assert_eq!(
            l.code(&w("putin"), d("2022-01-10")).as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(
            l.code(&w("vladimir putin"), d("1990-01-01")).as_deref(),
            Some("RUSELI")
        );
        // between 1999-08-09 and 2008-05-08 no restriction holds: the default
        assert_eq!(
            l.code(&w("putin"), d("2003-01-01")).as_deref(),
            Some("RUSELI")
        );
        assert_eq!(l.code(&w("putin"), None).as_deref(), Some("RUSELI"));
        // two roots sharing the codes that follow them
        assert_eq!(
            l.code(&w("yeltsin"), d("1995-01-01")).as_deref(),
            Some("RUSGOV")
        );
        // no role at the date and no default: none; no date: the country its roles share
        assert_eq!(l.code(&w("yeltsin"), d("2022-01-01")), None);
        assert_eq!(l.code(&w("boris yeltsin"), None).as_deref(), Some("RUS"));
        // codes on the root line, each with its range
        assert_eq!(
            l.code(&w("javier solana"), d("1997-01-01")).as_deref(),
            Some("IGOWSTNAT")
        );
        assert_eq!(
            l.code(&w("javier solana"), d("1995-08-01")).as_deref(),
            Some("IGOEUREEC")
        );
    }

    #[test]
    fn a_country_takes_the_role_of_an_agent_in_its_phrase() {
        let l = lex();
        assert_eq!(
            l.code(&w("russian soldiers"), None).as_deref(),
            Some("RUSMIL")
        );
        assert_eq!(
            l.code(&w("the russian government"), None).as_deref(),
            Some("RUSGOV")
        );
        assert_eq!(
            l.code(&w("russia armed forces"), None).as_deref(),
            Some("RUSMIL")
        );
        // substitution sets
        assert_eq!(
            l.code(&w("the russian foreign ministry"), None).as_deref(),
            Some("RUSGOVFRM")
        );
        // `{}`: no plural made
        assert_eq!(l.code(&w("armed forceses"), None), None);
        // a person's role is not extended by an agent
        assert_eq!(
            l.code(&w("putin government"), d("2022-01-01")).as_deref(),
            Some("RUSGOV")
        );
        // an agent alone is its role, without a country
        assert_eq!(l.code(&w("the government"), None).as_deref(), Some("GOV"));
        // `NGO~`: a code that precedes the country
        assert_eq!(
            l.code(&w("russian human rights body"), None).as_deref(),
            Some("NGORUS")
        );
        assert_eq!(
            l.code(&w("a human rights body"), None).as_deref(),
            Some("NGO")
        );
    }

    #[test]
    fn international_actors_have_a_type_and_no_country() {
        let l = lex();
        let nato = l
            .code(&w("the north atlantic treaty organization"), None)
            .unwrap();
        assert_eq!(nato, "IGOWSTNAT");
        assert_eq!(l.split(&nato), (None, Some("IGO".into())));
        assert_eq!(l.split("RUSGOV"), (Some("RUS".into()), Some("GOV".into())));
        assert_eq!(l.split("RUS"), (Some("RUS".into()), None));
        assert_eq!(l.split("GOV"), (None, Some("GOV".into())));
    }

    #[test]
    fn unknown_phrases_have_no_code() {
        let l = lex();
        assert_eq!(l.code(&w("the zorblat council"), d("2022-01-01")), None);
        assert_eq!(l.code(&[], None), None);
    }

    #[test]
    fn the_builtin_dictionaries_load() {
        let l = ActorLexicon::builtin();
        let (actors, agents) = l.size();
        assert!(
            actors > 35_000 && agents > 2_000,
            "{actors} actors, {agents} agents"
        );
        // Ukraine's codes are all dated (`[USRUKR <910824]`... `[UKR >911221]`)
        assert_eq!(
            l.code(&w("ukrainian soldiers"), d("2022-02-24")).as_deref(),
            Some("UKRMIL")
        );
        assert_eq!(
            l.code(&w("ukrainian soldiers"), d("1985-01-01")).as_deref(),
            Some("USRUKRMIL")
        );
        assert_eq!(l.code(&w("nato"), None).as_deref(), Some("IGOWSTNAT"));
        assert_eq!(
            l.code(&w("vladimir putin"), d("2022-01-12")).as_deref(),
            Some("RUSGOV")
        );
    }
}
