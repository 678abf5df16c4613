//! Quotes on the seed articles, with the crate's tokenizer and sentence splitter and hand-written
//! entities (what NER and resolution should give).

use crate::support;

use extract::quotes;
use model::{Quote, QuoteKind};

fn run(name: &str) -> (String, Vec<Quote>) {
    let (text, published) = support::seed(name);
    let o = support::owned_real(&text, published.as_deref(), &support::seed_entities());
    let qs = quotes::extract(&o.doc());
    if std::env::var("LEDE_DUMP").is_ok() {
        for q in &qs {
            eprintln!(
                "{name} [{}] {:?} cue={:?} speaker={:?} -> {:?} :: {}",
                q.kind.as_str(),
                q.confidence,
                q.cue,
                q.speaker,
                q.speaker_canonical,
                q.text.chars().take(90).collect::<String>()
            );
        }
    }
    (text, qs)
}

use support::quote;

fn by(qs: &[Quote], needle: &str) -> Option<String> {
    quote(qs, needle).speaker_canonical.clone()
}

#[test]
fn seed_000() {
    let (_, qs) = run("000");
    assert_eq!(
        by(&qs, "the military alliance is ready to listen").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "it was considering starting talks").as_deref(),
        Some("Russia")
    );
    assert_eq!(
        by(&qs, "the main purpose of NATO’s policy").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "he considered this destructive").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "Russia had repeatedly offered NATO").as_deref(),
        Some("Aleksandr Fomin")
    );
    let f = quote(&qs, "This creates the conditions");
    assert_eq!(f.kind, QuoteKind::Direct);
    assert_eq!(f.speaker_canonical.as_deref(), Some("Aleksandr Fomin"));
}

#[test]
fn seed_001() {
    let (_, qs) = run("001");
    assert_eq!(
        by(&qs, "there are significant differences").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "serious strategic error").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "have been carried out").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "commitment to de-escalate").as_deref(),
        Some("Wendy Sherman")
    );
    assert_eq!(by(&qs, "open door").as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(
        by(&qs, "are not going to renounce").as_deref(),
        Some("Wendy Sherman")
    );
    assert_eq!(
        by(&qs, "doomed to failure").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "We assume that the principle").as_deref(),
        Some("Alexander Grushko")
    );
    let he = quote(&qs, "We indicate in a very frank");
    assert_eq!(he.speaker.as_deref(), Some("he"));
    assert_eq!(he.speaker_canonical.as_deref(), Some("Alexander Grushko"));
    assert_eq!(
        by(&qs, "counter intimidation").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "reciprocal actions on risk reduction").as_deref(),
        Some("Wendy Sherman")
    );
    // the unbalanced mark at the end of the Stoltenberg quote does not swallow the article
    let s = quote(&qs, "there are significant differences");
    assert!(!s.text.contains("NATO-Russia Council"), "{s:?}");
}

#[test]
fn seed_002() {
    let (_, qs) = run("002");
    assert_eq!(
        by(&qs, "immediately ease the situation").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "NATO should stop providing weapons").as_deref(),
        Some("Alexander Grushko")
    );
    let m = quote(&qs, "have no way to start at all");
    assert_eq!(m.speaker_canonical.as_deref(), Some("Wendy Sherman"));
    assert_eq!(m.kind, QuoteKind::Mixed);
    assert_eq!(
        by(&qs, "we have a complete set of military technical measures").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "the measures we put forward today").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "the attempt to build a security system").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "he hoped NATO would give a written reply").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "our differences are not easy to bridge").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "the discussion is quite frank").as_deref(),
        Some("Alexander Grushko")
    );
    assert_eq!(
        by(&qs, "she is optimistic").as_deref(),
        Some("Wendy Sherman")
    );
    assert_eq!(
        by(&qs, "expressed the need to resume dialogue").as_deref(),
        Some("Jens Stoltenberg")
    );
}

#[test]
fn seed_003() {
    let (_, qs) = run("003");
    let first = quote(&qs, "There are significant differences between the nato");
    assert_eq!(first.speaker.as_deref(), Some("he"));
    assert_eq!(first.speaker_canonical.as_deref(), Some("Jens Stoltenberg"));
    assert_eq!(
        by(&qs, "It’s a positive sign").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "Both Russia and NATO allies").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "No one else has anything to say").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "Russia expected a quick response").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "if the Russians leave the negotiating table").as_deref(),
        Some("Wendy Sherman")
    );
    assert_eq!(
        by(&qs, "Having talks with Russia is preferable").as_deref(),
        Some("Sam Greene")
    );
    assert_eq!(
        by(&qs, "no one can predict exactly").as_deref(),
        Some("Sam Greene")
    );
    assert_eq!(
        by(&qs, "Strategic discussions are better than war").as_deref(),
        Some("Sam Greene")
    );
    assert_eq!(
        by(&qs, "Is it possible for these positions").as_deref(),
        Some("Sam Greene")
    );
    assert_eq!(
        by(&qs, "not a single ally within the NATO alliance").as_deref(),
        Some("Julianne Smith")
    );
    assert_eq!(
        by(&qs, "can’t imagine any scenario").as_deref(),
        Some("Julianne Smith")
    );
    assert_eq!(
        by(&qs, "Bucharest summit concluded").as_deref(),
        Some("Julianne Smith")
    );
    assert_eq!(
        by(&qs, "Russia views NATO’s open-door policy").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "We would not like, like the American authorities").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "any link between the exercises").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "he rejected Russia’s demand").as_deref(),
        Some("Wendy Sherman")
    );
    assert_eq!(
        by(&qs, "the US should abandon its aggressive rhetoric").as_deref(),
        Some("Anatoly Antonov")
    );
    assert_eq!(
        by(&qs, "A substantive discussion of Russian documents").as_deref(),
        Some("Anatoly Antonov")
    );
}

#[test]
fn seed_004() {
    let (_, qs) = run("004");
    assert_eq!(
        by(&qs, "The talks were not easy").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "main differences").as_deref(),
        Some("Jens Stoltenberg")
    );
    assert_eq!(
        by(&qs, "It is still too early to say").as_deref(),
        Some("Jen Psaki")
    );
    let she = quote(&qs, "NATO’s relationship with Ukraine is an issue");
    assert_eq!(she.speaker.as_deref(), Some("she"));
    assert_eq!(she.speaker_canonical.as_deref(), Some("Jen Psaki"));
    assert_eq!(
        by(&qs, "Russia had prepared a plan").as_deref(),
        Some("Victoria Nuland")
    );
    assert_eq!(
        by(&qs, "Russia does not issue ultimatums").as_deref(),
        Some("Kremlin")
    );
    assert_eq!(
        by(&qs, "The situation has reached a critical point").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "So we can’t delay any longer").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "Russia is ready to negotiate directly").as_deref(),
        Some("Dmitry Peskov")
    );
    assert_eq!(
        by(&qs, "they are just normal training practices").as_deref(),
        Some("Dmitry Peskov")
    );
}
