//! The parse by default, `--no-parse` by choice (issue 17): a speaker written as `she` takes the
//! person its coreference chain names only where the articles are parsed; the choice is fixed for
//! the life of an output folder (refused on a parsed folder until `lede rebuild`, remembered on
//! later runs of an unparsed one); the `mentions` table has the pronouns coreference links to a
//! name only where the articles are parsed.

use crate::common::*;
use std::fs;
use std::path::Path;

/// A quote whose speaker only coreference can name: no female role word, and a first name the
/// quote stage's own short list lacks.
const ARTICLE: &str = "Colleen Rusk, an aide to the governor, met the protesters on Friday. Rusk \
listened to their demands for an hour.\n\n\u{201c}We will answer every letter we get,\u{201d} she \
said.\n";

fn speaker(out: &Path) -> Option<String> {
    let speakers = strings(out, "quotes", "speaker_canonical");
    assert_eq!(speakers.len(), 1, "one quote: {speakers:?}");
    speakers.into_iter().next().unwrap()
}

fn inbox_with_article(dir: &Path) -> std::path::PathBuf {
    let inbox = dir.join("inbox");
    fs::create_dir_all(&inbox).unwrap();
    fs::write(inbox.join("rusk.txt"), ARTICLE).unwrap();
    inbox
}

#[test]
fn by_default_she_is_the_woman_her_chain_names() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox_with_article(dir.path());
    let out = dir.path().join("out");
    run_with(&inbox, &out, &[]);
    assert_eq!(speaker(&out).as_deref(), Some("Colleen Rusk"));
}

#[test]
fn no_parse_is_remembered_and_refused_on_a_parsed_folder() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox_with_article(dir.path());

    // Without the parse the older rules cannot name her: null, not a guess.
    let unparsed = dir.path().join("unparsed");
    run_with(&inbox, &unparsed, &["--no-parse"]);
    assert_eq!(speaker(&unparsed), None);
    // Later runs without the flag keep the folder's choice.
    fs::write(
        inbox.join("more.txt"),
        "Angela Merkel met Emmanuel Macron in Paris.\n",
    )
    .unwrap();
    run_with(&inbox, &unparsed, &[]);
    assert_eq!(strings(&unparsed, "articles", "article_id").len(), 2);
    assert_eq!(speaker(&unparsed), None);

    // A parsed folder refuses --no-parse, names the way out, and commits nothing.
    let parsed = dir.path().join("parsed");
    run_with(&inbox, &parsed, &[]);
    let current = parsed.join("current").canonicalize().unwrap();
    let o = run_command(&inbox, &parsed, &["--no-parse"])
        .output()
        .unwrap();
    assert!(!o.status.success(), "--no-parse on a parsed folder");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("--no-parse") && err.contains("lede rebuild"),
        "the refusal names the way out: {err}"
    );
    assert_eq!(parsed.join("current").canonicalize().unwrap(), current);

    // --tokens needs the parse.
    let o = run_command(
        &inbox,
        &dir.path().join("both"),
        &["--no-parse", "--tokens"],
    )
    .output()
    .unwrap();
    assert!(!o.status.success(), "--no-parse with --tokens");
}

#[test]
fn the_mentions_table_counts_her_pronouns_with_her_names_and_only_names_without_the_parse() {
    let dir = tempfile::tempdir().unwrap();
    let inbox = inbox_with_article(dir.path());
    let parsed = dir.path().join("parsed");
    run_with(&inbox, &parsed, &[]);
    let rows = sorted_rows(&parsed, "mentions", &["text", "kind", "canonical"]);
    let row = |text: &str, kind: &str, canonical: &str| {
        vec![Some(text.into()), Some(kind.into()), Some(canonical.into())]
    };
    // Her names, as the entities table has them, and `she`, which only her chain gives.
    assert!(
        rows.contains(&row("Colleen Rusk", "name", "Colleen Rusk")),
        "{rows:?}"
    );
    assert!(
        rows.contains(&row("Rusk", "name", "Colleen Rusk")),
        "{rows:?}"
    );
    assert!(
        rows.contains(&row("she", "pronoun", "Colleen Rusk")),
        "{rows:?}"
    );
    let names = rows
        .iter()
        .filter(|r| r[1].as_deref() == Some("name"))
        .count();
    assert_eq!(
        names,
        count(&parsed, "entities"),
        "a name row per entities row"
    );

    let unparsed = dir.path().join("unparsed");
    run_with(&inbox, &unparsed, &["--no-parse"]);
    let kinds = strings(&unparsed, "mentions", "kind");
    assert_eq!(kinds.len(), count(&unparsed, "entities"));
    assert!(
        kinds.iter().all(|k| k.as_deref() == Some("name")),
        "{kinds:?}"
    );
}
