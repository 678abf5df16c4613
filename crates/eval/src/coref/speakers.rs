//! Who spoke, scored on GUM's gold chains (issue 17): for each quote lede finds, the gold mention
//! at its speaker span (`he`, `the minister`, `Kim`) gives the gold chain; where that chain names
//! someone (a gold mention made of proper nouns), the quote's `speaker_entity_id` is right when
//! one of that entity's name mentions in the article is a name mention of the chain (same end,
//! inside it). A speaker left unresolved counts as wrong. Quotes whose speaker span matches no gold
//! mention, or whose chain has no name, are counted but not scored.

use super::gold::{GoldDoc, GoldMention};
use model::{Extraction, Span};
use std::ops::Range;

/// Speaker counts, by how the speaker is written.
#[derive(Clone, Copy, Debug, Default)]
pub struct SpeakerTally {
    /// Quotes with a speaker span.
    pub quotes: usize,
    /// Of those, scored (a gold mention in a named chain at the speaker span).
    pub scored: usize,
    pub right: usize,
    /// Scored speakers written as a pronoun, and those right.
    pub pronouns: usize,
    pub pronouns_right: usize,
    /// Scored speakers written as a description, and those right.
    pub nominals: usize,
    pub nominals_right: usize,
}

impl SpeakerTally {
    pub(super) fn add(&mut self, o: &SpeakerTally) {
        self.quotes += o.quotes;
        self.scored += o.scored;
        self.right += o.right;
        self.pronouns += o.pronouns;
        self.pronouns_right += o.pronouns_right;
        self.nominals += o.nominals;
        self.nominals_right += o.nominals_right;
    }

    pub(super) fn lines(&self, prefix: &str) -> Vec<String> {
        let pct =
            |a: usize, b: usize| format!("{:.1} ({a} of {b})", 100.0 * a as f64 / b.max(1) as f64);
        vec![
            format!(
                "{prefix}speaker person accuracy {} (quotes with a speaker {})",
                pct(self.right, self.scored),
                self.quotes
            ),
            format!(
                "{prefix}speaker person accuracy, pronouns {}",
                pct(self.pronouns_right, self.pronouns)
            ),
            format!(
                "{prefix}speaker person accuracy, descriptions {}",
                pct(self.nominals_right, self.nominals)
            ),
        ]
    }
}

/// The gold mention at a speaker span: the same span, else the longest one ending where it ends
/// inside it (`Kremlin spokesman Dmitry Peskov` -> `Dmitry Peskov`).
fn gold_at(gold: &[GoldMention], s: Span) -> Option<&GoldMention> {
    let r = s.start..s.end;
    gold.iter().find(|g| g.span == r).or_else(|| {
        gold.iter()
            .filter(|g| g.span.end == r.end && g.span.start >= r.start)
            .max_by_key(|g| g.span.len())
    })
}

/// Scores the speakers of one document's quotes.
pub fn score(d: &GoldDoc, ex: &Extraction) -> SpeakerTally {
    let mut t = SpeakerTally::default();
    for q in &ex.quotes {
        let Some(s) = q.speaker_span else { continue };
        t.quotes += 1;
        let Some(g) = gold_at(&d.mentions, s) else {
            continue;
        };
        let names: Vec<&Range<usize>> = d
            .mentions
            .iter()
            .filter(|m| m.entity == g.entity && m.named)
            .map(|m| &m.span)
            .collect();
        if names.is_empty() {
            continue;
        }
        t.scored += 1;
        let right = q.speaker_entity_id.as_deref().is_some_and(|id| {
            ex.entities.iter().filter(|e| e.entity_id == id).any(|e| {
                names
                    .iter()
                    .any(|n| e.span.end == n.end && e.span.start >= n.start)
            })
        });
        t.right += usize::from(right);
        if std::env::var("LEDE_SPEAKER_DUMP").is_ok() {
            let gold: Vec<&str> = names.iter().map(|n| &d.text[(*n).clone()]).collect();
            eprintln!(
                "{} {} {:?} -> {:?} gold {:?}",
                if right { "OK " } else { "BAD" },
                d.id,
                &d.text[s.start..s.end],
                q.speaker_canonical,
                gold
            );
        }
        let written = &d.text[s.start..s.end];
        if g.pronoun3 || is_pronoun(written) {
            t.pronouns += 1;
            t.pronouns_right += usize::from(right);
        } else if !g.named {
            t.nominals += 1;
            t.nominals_right += usize::from(right);
        }
    }
    t
}

fn is_pronoun(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "i" | "we" | "you" | "he" | "she" | "they" | "it" | "him" | "her" | "them" | "us" | "me"
    )
}
