//! Per-article budgets: how long one article may take, and the caps that keep every stage linear.
//!
//! A [`Budget`] carries an optional deadline. [`crate::Pipeline::run_with`] checks it between stages
//! and the long loops of timex, quotes and events check it every few hundred iterations through a
//! [`Ticker`]; an article that overruns stops with [`ExtractError::Budget`], whose message names the
//! stage and the budget (`time budget of 30 s exceeded in stage events`). [`Budget::unlimited`] never
//! stops anything ([`crate::Pipeline::run`] uses it).
//!
//! The caps are not time limits but bounds on what one article can make a stage do; each is far
//! above what real articles need (the numbers and their sources are documented on each constant),
//! and when one bites the pipeline says so in [`model::Extraction::notes`]: nothing is dropped
//! silently.

use crate::ExtractError;
use std::time::{Duration, Instant};

/// Most tokens in one sentence: a longer run without a sentence end is cut into pieces of this
/// many tokens (see [`crate::sentences`]). The longest sentences of the PolNeAR train articles and
/// of `data/sample` are far shorter (see the report in the commit adding this); every per-sentence
/// scan of the later stages is bounded by it.
pub const MAX_SENTENCE_TOKENS: usize = 1_000;

/// Longest quote content kept, in chars. In PolNeAR train (`../shared/data/polnear/data/train`,
/// 22,525 gold contents) the longest contiguous content is 1,516 chars and the longest content
/// counted from its first to its last fragment (a discontinuous attribution) 6,828 chars; 8,000
/// keeps every one of them whole. A longer content is no quote but a runaway span (an unmatched
/// mark, a cue in a paragraph without sentence ends): it is dropped, with a note.
pub const MAX_QUOTE_CHARS: usize = 8_000;

/// Most quotes kept per article: the busiest PolNeAR train article has 214 gold attributions (dev:
/// 136), so 5,000 is far above any real article. Quotes beyond it (the first 5,000 in text order
/// are kept) are dropped, with a note.
pub const MAX_QUOTES: usize = 5_000;

/// Most later cues of the same sentence a reported clause may run over: `He said "yes" He said
/// "yes" ...` with no sentence end would otherwise give every cue the rest of the sentence. Real
/// reported speech runs over one or two (`X said Y told Z that ...`), never three (PolNeAR train
/// and dev: the figures are unchanged with the cap).
pub const MAX_CUES_CROSSED: usize = 3;

/// Most candidates looked at, walking back from a pronoun, for the person or group it refers to
/// (quotes: resolved speakers and sentence subjects of the last three paragraphs; coref: the
/// mentions of the sentences before).
pub const MAX_PRONOUN_CANDIDATES: usize = 400;

/// Most tokens a speaker's title may extend its name to the left (`Kremlin spokesman Dmitry
/// Peskov`).
pub const MAX_TITLE_TOKENS: usize = 24;

/// Most entity mentions of one sentence looked at for the actors and place of one event trigger.
/// A sentence with more (a list, a table flattened into text) keeps those nearest the trigger.
pub const MAX_EVENT_MENTIONS: usize = 400;

/// How often (in loop iterations) a [`Ticker`] reads the clock.
const TICK_EVERY: u32 = 64;

/// What one article may spend.
#[derive(Clone, Debug)]
pub struct Budget {
    deadline: Option<Instant>,
    /// The time allowed, for the message.
    time: Option<Duration>,
}

impl Budget {
    /// No limit.
    pub fn unlimited() -> Self {
        Budget {
            deadline: None,
            time: None,
        }
    }

    /// `time` from now.
    pub fn with_time(time: Duration) -> Self {
        Budget {
            deadline: Instant::now().checked_add(time),
            time: Some(time),
        }
    }

    /// Until `deadline` (`time` is the allowance it stands for, named in the error).
    pub fn with_deadline(deadline: Instant, time: Duration) -> Self {
        Budget {
            deadline: Some(deadline),
            time: Some(time),
        }
    }

    pub fn deadline(&self) -> Option<Instant> {
        self.deadline
    }

    /// `Err(ExtractError::Budget)` naming `stage` when the deadline has passed.
    pub fn check(&self, stage: &'static str) -> Result<(), ExtractError> {
        match self.deadline {
            Some(d) if Instant::now() >= d => Err(ExtractError::Budget {
                stage,
                budget: format!("time budget of {}", human(self.time.unwrap_or_default())),
            }),
            _ => Ok(()),
        }
    }

    /// A cheap checker for the loops of `stage`.
    pub fn ticker(&self, stage: &'static str) -> Ticker<'_> {
        Ticker {
            budget: self,
            stage,
            n: 0,
        }
    }
}

impl Default for Budget {
    fn default() -> Self {
        Budget::unlimited()
    }
}

/// `30 s`, `1.5 s`, `250 ms`.
fn human(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

/// Checks a [`Budget`] every [`TICK_EVERY`] calls of [`Ticker::tick`] (a counter otherwise).
pub struct Ticker<'b> {
    budget: &'b Budget,
    stage: &'static str,
    n: u32,
}

impl Ticker<'_> {
    pub fn tick(&mut self) -> Result<(), ExtractError> {
        self.n = self.n.wrapping_add(1);
        if self.budget.deadline.is_some() && self.n.is_multiple_of(TICK_EVERY) {
            self.budget.check(self.stage)
        } else {
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_budget() {
        assert_eq!(human(Duration::from_secs(30)), "30 s");
        assert_eq!(human(Duration::from_millis(1500)), "1.5 s");
        assert_eq!(human(Duration::from_millis(250)), "250 ms");
        let b = Budget::with_time(Duration::ZERO);
        let e = b.check("events").unwrap_err().to_string();
        assert_eq!(e, "time budget of 0 ms exceeded in stage events");
        assert!(Budget::unlimited().check("events").is_ok());
    }
}
