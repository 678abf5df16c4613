//! Scoring the event coder on PETRARCH2's validation records (`PETR.UnitTest.records.xml`).
//!
//! [`eval_petrarch`] codes each record's text with the validation dictionaries the records were
//! written for (`PETR.Validate.verbs.txt`, actors from `PETR.Validate.actors.txt` as entities whose
//! id is their actor code) and reports the share of expected codings produced: by event code, and by
//! event code with source and target (an expected actor code matches when it starts with the actor's
//! code: agents such as `GOV` extend it). Records expecting no event count as correct when nothing is
//! coded. The actor codes lede writes (`actor1_code`, `actor2_code`) are scored too, coded with the
//! validation actor and agent dictionaries (`PETR.Validate.agents.txt`): among the expected codings
//! whose event code was produced, the share with the exact source code, target code, and both
//! (`---GOV`, PETRARCH's role without a country, is lede's `GOV`; `---` is no actor).

use extract::doc::Doc;
use extract::events::{extract, ActorLexicon, CameoLexicon};
use extract::ExtractError;
use model::{EntityLabel, EntityMention, Span};

use std::path::Path;

/// One validation record: text, date and expected (source, target, code) codings; empty = no
/// event.
struct Record {
    text: String,
    date: Option<chrono::NaiveDate>,
    expected: Vec<(String, String, String)>,
    noevents: bool,
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let i = tag.find(name)? + name.len();
    let rest = tag[i..].trim_start().strip_prefix('=')?.trim_start();
    let q = rest.chars().next()?;
    let rest = &rest[1..];
    let j = rest.find(q)?;
    Some(rest[..j].trim_matches(['"', '\'']).to_string())
}

fn records(xml: &str) -> Vec<Record> {
    let mut out = Vec::new();
    for block in xml.split("<Sentence ").skip(1) {
        let block = block.split("</Sentence>").next().unwrap_or("");
        let date = attr(block.split('>').next().unwrap_or(""), "date")
            .and_then(|d| chrono::NaiveDate::parse_from_str(&d, "%Y%m%d").ok());
        let text = block
            .split("<Text>")
            .nth(1)
            .and_then(|t| t.split("</Text>").next())
            .unwrap_or("");
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut expected = Vec::new();
        let mut noevents = false;
        for tag in block.split("<EventCoding").skip(1) {
            let tag = tag.split('>').next().unwrap_or("");
            if tag.contains("noevents") {
                noevents = true;
            }
            if let Some(code) = attr(tag, "eventcode") {
                expected.push((
                    attr(tag, "sourcecode").unwrap_or_default(),
                    attr(tag, "targetcode").unwrap_or_default(),
                    code,
                ));
            }
        }
        if !text.is_empty() && (noevents || !expected.is_empty()) {
            out.push(Record {
                text,
                date,
                expected,
                noevents,
            });
        }
    }
    out
}

/// Actor phrases (lowercase words) -> actor code, from a PETRARCH actor dictionary.
fn actors(text: &str) -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut code_of_block: Option<String> = None;
    for raw in text.lines() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() || line.starts_with("<!") || line.starts_with("-->") {
            continue;
        }
        let (name, code) = match (line.find('['), line.find(']')) {
            (Some(a), Some(b)) if b > a => (
                line[..a].trim(),
                Some(line[a + 1..b].trim().trim_start_matches('~').to_string()),
            ),
            _ => (line, None),
        };
        let name = name.trim_start_matches('+').trim();
        if name.is_empty() {
            continue;
        }
        let code = match code {
            Some(c) => {
                code_of_block = Some(c.clone());
                c
            }
            None => match &code_of_block {
                Some(c) => c.clone(),
                None => continue,
            },
        };
        let words: Vec<String> = name
            .split(['_', ' '])
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if !words.is_empty() && !code.is_empty() {
            out.push((words, code.to_uppercase()));
        }
    }
    out.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
    out
}

/// The validation dictionary's actors found in a record's text (at each token, the first entry of
/// `actor_dict` whose words follow), as entity mentions whose id is the actor's code: the events
/// stage takes them as named actors, as PETRARCH takes its dictionary's.
fn dictionary_entities(
    text: &str,
    tokens: &[model::Token],
    sentences: &[model::Sentence],
    actor_dict: &[(Vec<String>, String)],
) -> Vec<EntityMention> {
    let lower: Vec<String> = tokens
        .iter()
        .map(|t| t.span.slice(text).to_lowercase())
        .collect();
    let mut ents: Vec<EntityMention> = Vec::new();
    let mut i = 0;
    while i < lower.len() {
        let hit = actor_dict.iter().find(|(w, _)| {
            i + w.len() <= lower.len()
                && w.iter()
                    .enumerate()
                    .all(|(k, x)| lower[i + k] == *x || lower[i + k].trim_end_matches("'s") == *x)
        });
        match hit {
            Some((w, code)) => {
                let span = Span::new(tokens[i].span.start, tokens[i + w.len() - 1].span.end);
                let sentence = sentences
                    .iter()
                    .position(|s| s.tokens.contains(&i))
                    .unwrap_or(0);
                ents.push(EntityMention {
                    sentence,
                    span,
                    text: span.slice(text).to_string(),
                    label: EntityLabel::Org,
                    entity_id: code.clone(),
                    canonical: code.clone(),
                    confidence: 1.0,
                });
                i += w.len();
            }
            None => i += 1,
        }
    }
    ents
}

/// Scores the coder on the validation records; `dictionaries` is PETRARCH2's dictionary folder.
pub fn eval_petrarch(records_file: &Path, dictionaries: &Path) -> Result<String, ExtractError> {
    let load = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| ExtractError::Load {
            what: "PETRARCH validation data",
            path: p.display().to_string(),
            reason: e.to_string(),
        })
    };
    let xml = load(records_file)?;
    let verbs = load(&dictionaries.join("PETR.Validate.verbs.txt"))?;
    let actors_text = load(&dictionaries.join("PETR.Validate.actors.txt"))?;
    let agents_text = load(&dictionaries.join("PETR.Validate.agents.txt"))?;
    let actor_dict = actors(&actors_text);
    let lex = CameoLexicon::from_petrarch_verbs(&verbs)
        .with_actors(ActorLexicon::from_petrarch(&[&actors_text], &agents_text));
    let recs = records(&xml);
    // Parsed as `lede run` parses (the actors come from the tree, the token rules fill the gaps).
    let syntax_model = extract::models::ModelSource::Builtin.syntax()?;
    let (mut expected, mut code_hit, mut triple_hit, mut noev, mut noev_ok, mut produced) =
        (0, 0, 0, 0, 0, 0);
    // Among the codings whose event code was produced: exact source code, target code, both.
    let (mut src_code_hit, mut tgt_code_hit, mut both_code_hit) = (0, 0, 0);
    for r in &recs {
        let tokens = extract::tokenize::tokenize(&r.text);
        let sentences = extract::sentences::split(&r.text, &tokens);
        let ents = dictionary_entities(&r.text, &tokens, &sentences, &actor_dict);
        let syn = syntax_model.analyse(&r.text, &tokens, &sentences);
        let doc = Doc {
            text: &r.text,
            published: r.date,
            tokens: &tokens,
            sentences: &sentences,
            entities: &ents,
            syntax: &syn,
        };
        let evs = extract(&doc, &[], &lex);
        produced += evs.len();
        if r.noevents {
            noev += 1;
            if evs.is_empty() {
                noev_ok += 1;
            }
        }
        for (src, tgt, code) in &r.expected {
            expected += 1;
            let same_code: Vec<_> = evs.iter().filter(|e| e.cameo_code == *code).collect();
            if !same_code.is_empty() {
                code_hit += 1;
            } else if std::env::var_os("LEDE_PETR_ERRORS").is_some() {
                let got: Vec<String> = evs
                    .iter()
                    .map(|e| format!("{}:{}", e.trigger, e.cameo_code))
                    .collect();
                eprintln!("MISS {code} got {got:?} :: {}", r.text);
            }
            let actor_ok = |want: &str, got: &Option<String>| match got {
                Some(g) => !want.is_empty() && want.to_uppercase().starts_with(&g.to_uppercase()),
                None => want.is_empty() || want == "---",
            };
            let code_ok = |want: &str, got: &Option<String>| {
                let want = want.to_uppercase();
                let want = want.strip_prefix("---").unwrap_or(&want);
                match got {
                    Some(g) => g.eq_ignore_ascii_case(want),
                    None => want.is_empty(),
                }
            };
            let src_ok = same_code.iter().any(|e| code_ok(src, &e.actor1_code));
            let tgt_ok = same_code.iter().any(|e| code_ok(tgt, &e.actor2_code));
            src_code_hit += usize::from(src_ok);
            tgt_code_hit += usize::from(tgt_ok);
            both_code_hit += usize::from(
                same_code
                    .iter()
                    .any(|e| code_ok(src, &e.actor1_code) && code_ok(tgt, &e.actor2_code)),
            );
            let codes_right = same_code.is_empty() || (src_ok && tgt_ok);
            if !codes_right && std::env::var_os("LEDE_PETR_ERRORS").is_some() {
                let got: Vec<String> = same_code
                    .iter()
                    .map(|e| format!("{:?}/{:?}", e.actor1_code, e.actor2_code))
                    .collect();
                eprintln!("CODES want {src}/{tgt} got {got:?} :: {}", r.text);
            }
            if same_code
                .iter()
                .any(|e| actor_ok(src, &e.actor1_entity_id) && actor_ok(tgt, &e.actor2_entity_id))
            {
                triple_hit += 1;
            } else if !same_code.is_empty() && std::env::var_os("LEDE_PETR_ERRORS").is_some() {
                let got: Vec<String> = same_code
                    .iter()
                    .map(|e| format!("{:?}/{:?}", e.actor1_entity_id, e.actor2_entity_id))
                    .collect();
                eprintln!("ACTORS want {src}/{tgt} got {got:?} :: {}", r.text);
            }
        }
    }
    let pct = |a: usize, b: usize| {
        if b == 0 {
            0.0
        } else {
            100.0 * a as f64 / b as f64
        }
    };
    Ok(format!(
        "PETRARCH2 validation records: {} records, {expected} expected event codings, {noev} no-event records, {produced} events produced\n\
         event code produced: {:.1}% ({code_hit}/{expected})\n\
         code + source + target: {:.1}% ({triple_hit}/{expected})\n\
         no-event records left uncoded: {:.1}% ({noev_ok}/{noev})\n\
         source code (actor1_code exact, of the codings whose code was produced): {:.1}% ({src_code_hit}/{code_hit})\n\
         target code (actor2_code exact, same): {:.1}% ({tgt_code_hit}/{code_hit})\n\
         code + source code + target code: {:.1}% ({both_code_hit}/{expected})\n",
        recs.len(),
        pct(code_hit, expected),
        pct(triple_hit, expected),
        pct(noev_ok, noev),
        pct(src_code_hit, code_hit),
        pct(tgt_code_hit, code_hit),
        pct(both_code_hit, expected),
    ))
}
