//! Where reported content starts and ends: clause openers, adjunct tails, as-clauses (`As the
//! Post reported, ...`), the cuts at a subordinate clause and at the speaker's further act, and
//! relative antecedents (`the Saudi government, which has denied ...`).

use super::text::{capitalised, trim_span, word_count};
use super::words::{LEX, PREPOSITIONS, PRONOUNS};
use super::{Analysis, Cue, Speaker};
use model::Span;

impl<'d, 'a> Analysis<'d, 'a> {
    /// Does token `t` (right after a cue) open a reported clause of the same sentence: `that`, a
    /// subject pronoun, a determiner or a name (`says he isn't`, `said the talks`, `said Russia`),
    /// rather than end the sentence or start an adverbial (`said.`, `said on Tuesday`)?
    pub(super) fn opens_clause(&self, t: usize, si: usize) -> bool {
        if t >= self.sentence_tokens(si).end {
            return false;
        }
        let w = self.lower[t].as_str();
        if matches!(
            w,
            "that" | "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "there"
        ) || PRONOUNS.contains(&w)
        {
            return w != "this"
                || !matches!(
                    self.lower.get(t + 1).map(String::as_str),
                    Some("week" | "month" | "year" | "morning" | "afternoon" | "evening")
                );
        }
        capitalised(self.tok(t))
            && !model::WEEKDAY_NAMES.contains(&w)
            && !model::MONTH_NAMES.contains(&w)
    }

    /// Whether the line holding token `t` is a title-case headline: most of its words (of four
    /// letters or more) capitalised.
    pub(super) fn title_case_line(&self, t: usize) -> bool {
        let p = self.paragraphs[self.paragraph_of(self.doc.tokens[t].span.start)];
        let words: Vec<&str> = self.text()[p.range()]
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| w.chars().count() >= 4)
            .collect();
        words.len() >= 3
            && words
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .count()
                * 4
                >= words.len() * 3
    }

    /// Whether `tail`, the text after a cue that follows its clause (`CLAUSE, he said, TAIL`),
    /// hangs on the cue rather than going on with the clause: a speech participle (`, adding ...`,
    /// `, citing ...`), a relative clause on the source (`, which tracks ...`) or the reporter's
    /// terms (`, on condition of anonymity`). The content is then the clause alone. Anything
    /// else (`, to take cues from ...`, `, including ...`) continues the clause.
    pub(super) fn adjunct_tail(tail: &str) -> bool {
        let Some(rest) = tail.trim_start().strip_prefix(',') else {
            return false;
        };
        let mut words = rest
            .split(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty());
        let first = words.next().unwrap_or("");
        let w = first.to_lowercase();
        first.chars().next().is_some_and(char::is_lowercase)
            && (LEX.participles.contains(&w)
                || matches!(
                    w.as_str(),
                    "who" | "which" | "whose" | "where" | "according" | "citing" | "speaking"
                )
                || w == "on" && words.next() == Some("condition"))
    }

    /// The content framed by the as-clause of cue `c` (`as the Post reported`), in sentence
    /// `s_span`, with the clause's subject: the clause after it (`As the Post reported, CLAUSE`),
    /// the clause before it (`CLAUSE, as police have said.`) or the sentence around it
    /// (`A, as he noted, B`). None when no `as` leads the cue's clause or the cue does not close it.
    pub(super) fn as_clause_content(
        &self,
        c: &Cue,
        s_span: Span,
    ) -> Option<(Span, Option<Speaker>)> {
        let text = self.text();
        let sr = self.sentence_tokens(c.sentence);
        let lo = sr.start.max(c.tok.start.saturating_sub(10));
        let as_tok = (lo..c.tok.start).rev().find(|&t| {
            self.lower[t] == "as" || matches!(self.tok(t), "," | ";" | ":" | "(" | "—" | "–")
        })?;
        if self.lower[as_tok] != "as" || as_tok + 1 >= c.tok.start {
            return None;
        }
        // "as police have previously said": the subject without its auxiliaries and adverbs
        let last = self.back_over(
            c.tok.start,
            as_tok + 2,
            &[
                "has", "have", "had", "was", "were", "is", "are", "did", "also", "once",
            ],
        ) - 1;
        let seg: Vec<usize> = (as_tok + 1..=last).collect();
        let who = self
            .subject_in(&seg)
            .unwrap_or_else(|| self.unresolved_speaker(as_tok + 1, last));
        let as_start = self.doc.tokens[as_tok].span.start;
        // the as-clause ends at the first comma or stop after the cue, a few adverbial words on
        let close = (c.tok.end..sr.end.min(c.tok.end + 6))
            .find(|&t| matches!(self.tok(t), "," | "." | ";" | "!" | "?"))
            .or((c.tok.end >= sr.end).then_some(sr.end))?;
        let after = if close < sr.end {
            self.doc.tokens[close].span.end
        } else {
            s_span.end
        };
        let lead = text[s_span.start..as_start].trim_end();
        let rest = text[after..s_span.end].trim();
        // "But as a Politico reporter noted, CLAUSE": a conjunction before the as-clause
        let conj = matches!(
            lead.to_lowercase().as_str(),
            "but" | "and" | "so" | "yet" | "still"
        );
        let content = if lead.is_empty() || conj {
            // "As the Post reported, CLAUSE"
            (close < sr.end && self.tok(close) == "," && word_count(rest) >= 3)
                .then(|| Span::new(after, s_span.end))?
        } else if lead.ends_with(',') && word_count(lead) >= 3 {
            if word_count(rest) == 0 {
                // "CLAUSE, as police have said."
                Span::new(s_span.start, s_span.start + lead.len() - 1)
            } else {
                // "A, as he noted, B"
                s_span
            }
        } else {
            return None;
        };
        Some((trim_span(text, content), Some(who)))
    }

    /// Where the content of cue `c` ends when the cue sits in a subordinate clause opening its
    /// sentence (`While X has said ..., MAIN CLAUSE`, `Though he insisted that ..., ...`): at the
    /// first comma after the content starts, outside quotations, before a new clause.
    pub(super) fn subordinate_cut(&self, c: &Cue, content: Span) -> Option<usize> {
        let sr = self.sentence_tokens(c.sentence);
        let mut first = sr.start;
        if matches!(self.lower[first].as_str(), "but" | "and" | "yet") {
            first += 1;
        }
        // the first comma of the content outside quotations (before a new clause when
        // `before_clause`), leaving at least three words
        let comma_cut = |before_clause: bool| {
            let t0 = self.tok_at(content.start);
            let k = (t0 + 1..sr.end)
                .take_while(|&t| self.doc.tokens[t].span.end <= content.end)
                .find(|&t| {
                    self.tok(t) == ","
                        && !self.in_quote(self.doc.tokens[t].span.start)
                        && (!before_clause || self.opens_clause(t + 1, c.sentence))
                })?;
            let cut = self.doc.tokens[k].span.start;
            (word_count(&self.text()[content.start..cut]) >= 3).then_some(cut)
        };
        // "Donald J. Trump, who suggested the battle could be left to Russia, are ...": a
        // relative clause set off by commas ends at its closing comma
        let w = self.back_over(c.tok.start, sr.start, &["also", "has", "had", "have"]);
        if w >= sr.start + 2
            && matches!(self.lower[w - 1].as_str(), "who" | "which")
            && self.tok(w - 2) == ","
            && content.start >= c.span.end
        {
            // not when an adverbial of the reported clause follows that comma ("who said he
            // would use it sparingly, in emergency scenarios.")
            let cut = comma_cut(false)?;
            let next = self.tok_at(cut) + 1;
            let adverbial = self
                .lower
                .get(next)
                .is_some_and(|w| PREPOSITIONS.contains(&w.as_str()));
            return (!adverbial).then_some(cut);
        }
        let opener = self.lower.get(first)?.as_str();
        let even = opener == "even"
            && matches!(
                self.lower.get(first + 1).map(String::as_str),
                Some("if" | "though")
            );
        if !even
            && !matches!(
                opener,
                "while"
                    | "though"
                    | "although"
                    | "whereas"
                    | "because"
                    | "if"
                    | "since"
                    | "when"
                    | "after"
                    | "before"
                    | "once"
                    | "unless"
                    | "until"
            )
        {
            return None;
        }
        // the cue belongs to that clause: no comma between its opener and the cue
        if (first..c.tok.start).any(|t| self.tok(t) == ",") || content.start < c.span.end {
            return None;
        }
        comma_cut(true)
    }

    /// Where the run of `-ly` adverbs and `words` ending before token `end` starts, never below
    /// `floor`: what stands between a subject and its cue (`which has strongly denied`).
    fn back_over(&self, end: usize, floor: usize, words: &[&str]) -> usize {
        let mut w = end;
        while w > floor
            && (self.lower[w - 1].ends_with("ly") || words.contains(&self.lower[w - 1].as_str()))
        {
            w -= 1;
        }
        w
    }

    /// The person or organisation a relative pronoun subject of the cue at token `c` stands for:
    /// `the Saudi government, which has strongly denied ...`, `Trump, who has repeatedly pledged ...`.
    pub(super) fn relative_antecedent(&self, c: usize) -> Option<Speaker> {
        let w = self.back_over(
            c,
            0,
            &["also", "has", "had", "have", "never", "not", "again"],
        );
        if w < 2 || !matches!(self.lower[w - 1].as_str(), "who" | "which") {
            return None;
        }
        let before = if self.tok(w - 2) == "," { w - 2 } else { w - 1 };
        Some(self.speaker_from_mention(self.name_ending_at(before)?))
    }

    /// Where reported content `content` ends before a participle of the speaker's further act
    /// (`, describing ...`, `, citing ...`), outside any quotation: the comma's offset.
    pub(super) fn speaker_act_cut(&self, content: Span) -> Option<usize> {
        let text = self.text();
        let t0 = self.tok_at(content.start);
        (t0 + 1..self.doc.tokens.len())
            .take_while(|&t| self.doc.tokens[t].span.end <= content.end)
            .find(|&t| {
                self.tok(t - 1) == ","
                    && LEX.speaker_acts.contains(self.lower[t].as_str())
                    && !self.in_quote(self.doc.tokens[t].span.start)
            })
            .map(|t| self.doc.tokens[t - 1].span.start)
            .filter(|&cut| word_count(&text[content.start..cut]) >= 3)
    }
}
