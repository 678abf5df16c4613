//! Speech cues: finding them in the tokens ([`Analysis::find_cues`]), the rules that tell a cue
//! word used as a noun or in another sense from a cue, and the cue helpers of the passes (colon
//! cues, crossed cues, the floor of a cue's subject).

use super::marks::{is_open_mark, is_quote_mark};
use super::text::{capitalised, is_word, word_count};
use super::words::{LEX, PREPOSITIONS, PRONOUNS};
use super::{Analysis, Cue};
use crate::budget::MAX_CUES_CROSSED;
use model::{EntityLabel, Span};

/// The cues of sentence `si`: a range of `cues`, which are in sentence order.
pub(super) fn cues_of(cues: &[Cue], si: usize) -> std::ops::Range<usize> {
    cues.partition_point(|c| c.sentence < si)..cues.partition_point(|c| c.sentence <= si)
}

/// Is there a cue within bytes `from..to`?
pub(super) fn cue_within(cues: &[Cue], from: usize, to: usize) -> bool {
    cues[cues.partition_point(|c| c.span.start < from)..]
        .iter()
        .take_while(|c| c.span.start < to)
        .any(|c| c.span.end <= to)
}

/// Token index after which the subject of cue `ci` must be: the end of the previous cue of the same
/// sentence ("Smith said a 2008 summit concluded that ...": "concluded" is not Smith's).
pub(super) fn floor_of(cues: &[Cue], ci: usize) -> usize {
    let c = &cues[ci];
    // cues are in sentence order: the earlier cues of the sentence are the last ones before `ci`
    cues[..ci]
        .iter()
        .rev()
        .take_while(|p| p.sentence == c.sentence)
        .find(|p| !p.according && p.tok.end <= c.tok.start)
        .map(|p| p.tok.end)
        .unwrap_or(0)
}

impl<'d, 'a> Analysis<'d, 'a> {
    /// The unused cue that closes paragraph `p` with a colon (`He said:`, `X told reporters on
    /// Tuesday:`): what follows in the next paragraph is what was said.
    pub(super) fn colon_cue_closing(&self, cues: &[Cue], used: &[bool], p: Span) -> Option<usize> {
        let text = self.text();
        // cues are in text order: those starting in the paragraph
        let lo = cues.partition_point(|c| c.span.start < p.start);
        let hi = cues.partition_point(|c| c.span.start < p.end);
        let (ci, c) = cues[lo..hi]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| c.span.end <= p.end)
            .map(|(k, c)| (lo + k, c))?;
        let after = text[c.span.end..p.end].trim_end();
        (!used[ci] && !c.according && after.ends_with(':') && word_count(after) <= 8).then_some(ci)
    }

    /// Where the content of cue `ci` must end when it runs over [`MAX_CUES_CROSSED`] later cues
    /// of its sentence: before the last of them and the word before it (its subject).
    pub(super) fn crossed_cue_cut(&self, cues: &[Cue], ci: usize, content: Span) -> Option<usize> {
        let c = &cues[ci];
        let n = cues[ci + 1..]
            .iter()
            .take_while(|n| n.sentence == c.sentence && n.span.start < content.end)
            .filter(|n| n.span.start >= content.start)
            .nth(MAX_CUES_CROSSED - 1)?;
        self.capped_crossings.set(self.capped_crossings.get() + 1);
        let t = n.tok.start;
        let cut = if t > 0 && is_word(self.tok(t - 1)) {
            self.doc.tokens[t - 1].span.start
        } else {
            n.span.start
        };
        Some(cut.max(content.start))
    }

    pub(super) fn cue_words_in(&self, s: &str) -> bool {
        let words: Vec<String> = s
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        LEX.cues
            .iter()
            .any(|c| c.len() == 1 && words.contains(&c[0]))
    }

    /// Every speech cue of the article with its own speaker (pronouns not yet resolved).
    /// Every speech cue of the article, in token order, with the speaker of an `according to` cue:
    /// the longest cue of the lexicon at each token, unless its words are no cue there (see
    /// [`Analysis::cue_at`]).
    pub(super) fn find_cues(&self) -> Vec<Cue> {
        let n = self.lower.len();
        let mut out: Vec<Cue> = Vec::new();
        let mut i = 0;
        while i < n {
            let Some(c) = self.cue_words_at(i) else {
                i += 1;
                continue;
            };
            if let Some(cue) = self.cue_at(i, c) {
                out.push(cue);
            }
            i += c.len();
        }
        out
    }

    /// The longest cue of the lexicon whose words start at token `i`.
    fn cue_words_at(&self, i: usize) -> Option<&'static Vec<String>> {
        let lex = &*LEX;
        let n = self.lower.len();
        let mut matched = None;
        for c in &lex.cues {
            // a cue of several words lies within one sentence ("according\n\nto" is none)
            if i + c.len() <= n
                && c.iter().enumerate().all(|(k, w)| self.lower[i + k] == *w)
                && self.tok_sent[i + c.len() - 1] == self.tok_sent[i]
            {
                matched = Some(c);
                break;
            }
        }
        matched
    }

    /// The cue of lexicon words `c` at token `i`, with its speaker when it is `according to`; None
    /// when the words are no cue there: inside a quotation, a noun ([`Analysis::noun_use`]),
    /// another sense ([`Analysis::other_sense`]), a name or a passive
    /// ([`Analysis::name_or_passive`]), an -s form with no subject ([`Analysis::after_subject`]).
    fn cue_at(&self, i: usize, c: &[String]) -> Option<Cue> {
        let lex = &*LEX;
        let len = c.len();
        let form = c.join(" ");
        let span = Span::new(
            self.doc.tokens[i].span.start,
            self.doc.tokens[i + len - 1].span.end,
        );
        if self.in_quote(span.start) {
            return None;
        }
        let prev = if i > 0 {
            self.lower[i - 1].as_str()
        } else {
            ""
        };
        // the verb is the cue's first word: "points out" is an -s form, "told reporters" not
        let is_s_form = c[0].ends_with('s') && !c[0].ends_with("ss");
        if self.noun_use(i, &form, prev, is_s_form)
            || self.other_sense(i, len, &form, prev)
            || self.name_or_passive(i, &form, is_s_form)
        {
            return None;
        }
        // an -s form is a verb after a subject: a name, a pronoun, an adverb ("independent states")
        if is_s_form && form != "says" && i > 0 && !self.after_subject(i, len, &form, prev) {
            return None;
        }
        let si = self.tok_sent[i];
        let participle = lex.participles.contains(&form);
        let according = form == "according to";
        let speaker = if according {
            self.subject_right(i + len, si)
                .or_else(|| self.np_right(i + len, si))
        } else {
            None
        };
        Some(Cue {
            tok: i..i + len,
            span,
            sentence: si,
            participle,
            according,
            speaker,
        })
    }

    /// Nouns and adjectives that look like cues: "the said", "reports", "states", "claims" after
    /// a determiner, "United States", "had their say". `prev` is the word before token `i`.
    fn noun_use(&self, i: usize, form: &str, prev: &str, is_s_form: bool) -> bool {
        let noun_like = matches!(
            prev,
            "the"
                | "a"
                | "an"
                | "these"
                | "those"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "member"
                | "united"
                | "of"
                | "baltic"
                | "gulf"
                | "other"
                | "some"
                | "many"
                | "all"
                | "two"
                | "three"
                | "new"
                | "media"
                | "news"
                | "press"
                | "to"
                | "such"
                | "and"
                | "or"
                | "no"
                | "any"
                | "this"
                | "that"
                | "european"
                | "allied"
                | "western"
                | "arab"
                | "nato"
                | "eu"
                | "both"
                | "several"
                | "island"
                | "small"
                | "central"
                | "neighboring"
                | "neighbouring"
        );
        // "... and says she expects": a form that is never a noun is a coordinated verb
        let verb_only = matches!(
            form,
            "says" | "adds" | "tells" | "insists" | "argues" | "warns" | "explains" | "writes"
        ) && matches!(prev, "and" | "or");
        // "CBS News reports that ...": a name ending right before the form is its subject
        let after_name = self.name_ending_at(i).is_some();
        if noun_like
            && !verb_only
            && !after_name
            && (is_s_form || prev == "the" || prev == "united" || prev == "to" || prev == "a")
        {
            return true;
        }
        // "had their say": the noun
        if form == "say"
            && matches!(
                prev,
                "his" | "her" | "their" | "its" | "our" | "my" | "your"
            )
        {
            return true;
        }
        false
    }

    /// A cue word in another sense than saying: keeping (`maintained her status`), adding
    /// (`added 1 million jobs`), a dateline credit, an adjective (`33 pledged delegates`, `an
    /// alleged bias`).
    fn other_sense(&self, i: usize, len: usize, form: &str, prev: &str) -> bool {
        let next = self.lower.get(i + len).map_or("", |w| w.as_str());
        // "maintained her status as front-runner", "maintains a lead": keeping, not saying;
        // "maintained that ..." and "maintained his innocence" are statements
        if form.starts_with("maintain") {
            let statement = PRONOUNS.contains(&next)
                || matches!(next, "that" | "," | ".")
                || next == "his" && self.lower.get(i + len + 1).is_none_or(|w| w == "innocence")
                || self
                    .tok_text(i + len)
                    .is_some_and(|w| w.starts_with(is_quote_mark));
            if !statement {
                return true;
            }
        }
        // "added to his portfolio", "added up to", "added 1 million jobs": adding, not saying
        if matches!(form, "added" | "adds")
            && (matches!(next, "up" | "over")
                || next.starts_with(|ch: char| ch.is_ascii_digit())
                // but "added to People", "added to reporters" name a hearer
                || next == "to"
                    && self.tok_text(i + len + 1).is_some_and(|w| {
                        !capitalised(w) && !matches!(w, "reporters" | "journalists")
                    }))
        {
            return true;
        }
        // "Ryan Grim reported from Washington": a dateline credit
        if form == "reported"
            && next == "from"
            && self.tok_text(i + len + 1).is_some_and(capitalised)
        {
            return true;
        }
        // "33 pledged delegates": a participle used as an adjective
        if form == "pledged" && matches!(next, "delegates" | "delegate") {
            return true;
        }
        // "investigate alleged pay-to-play", "an alleged bias": an adjective before a noun
        if form == "alleged"
            && (PREPOSITIONS.contains(&prev)
                || matches!(prev, "a" | "an" | "the" | "and" | "or" | "investigate" | "")
                || self.tok_text(i + 1).is_some_and(|w| {
                    w.chars().next().is_some_and(char::is_lowercase)
                        && !matches!(w, "that" | "he" | "she" | "they" | "it" | "the" | "a")
                }))
        {
            return true;
        }
        false
    }

    /// A capitalised -s form in a name (`United States`, but not a title-case headline's verb),
    /// or a passive (`it is reported`, `was said`), which has no speaker of its own.
    fn name_or_passive(&self, i: usize, form: &str, is_s_form: bool) -> bool {
        // "States" in a name; but in a title-case headline "Howard Dean Tells Democratic
        // Convention" is a verb after a name
        let headline_verb = i > 0
            && self
                .mention_at_token(i - 1)
                .is_some_and(|m| m.label == EntityLabel::Per && self.tok_at(m.span.end) == i)
            && self.title_case_line(i)
            && form != "states";
        if capitalised(self.tok(i)) && is_s_form && form != "says" && !headline_verb {
            return true;
        }
        // passives ("it is reported", "was said") have no speaker of their own
        let mut back = i;
        while back > 0 && self.lower[back - 1].ends_with("ly") {
            back -= 1;
        }
        if back > 0
            && matches!(
                self.lower[back - 1].as_str(),
                "is" | "was" | "were" | "are" | "been" | "be" | "being"
            )
            && form != "according to"
            && !self.lower[i].ends_with("ing")
        {
            return true;
        }
        false
    }

    /// Is the -s form at token `i` a verb after a subject: a name, a pronoun, an adverb
    /// (`independent states` is none)?
    fn after_subject(&self, i: usize, len: usize, form: &str, prev: &str) -> bool {
        let next = self.lower.get(i + len).map_or("", |w| w.as_str());
        // a name before it, but "Southern states", "Rust Belt states" are places
        self.mention_at_token(i - 1).is_some_and(|m| {
            form != "states" || matches!(m.label, EntityLabel::Per | EntityLabel::Org)
        })
            || matches!(
                prev,
                "he" | "she"
                    | "it"
                    | "who"
                    | "that"
                    | "which"
                    | "also"
                    | "now"
                    | "still"
                    | "but"
            )
            || prev.ends_with("ly")
            // "Dan McAdams, a psychology professor, writes ..."
            || prev == "," && self.appositive_opener(i, self.tok_sent[i]).is_some()
            || self.name_set_off_before(i)
            // "“...,” Brent Bozell III, founder of the Media Research Center, tells": the
            // cue after a quotation opening the sentence and its speaker's appositive
            || prev == ","
                && self
                    .tok_text(self.sentence_tokens(self.tok_sent[i]).start)
                    .is_some_and(|w| w.starts_with(is_open_mark))
            // "“...,” writes Nate Silver": inverted after a quotation
            || matches!(prev, "”" | "\"" | "''")
                && (matches!(
                    form,
                    "writes" | "adds" | "tells" | "insists" | "argues" | "explains" | "warns"
                ) || i >= 2 && self.tok(i - 2) == ",")
            // "CLAUSE, the lawsuit alleges.": a noun phrase subject closing the sentence
            || matches!(next, "." | "")
                && (i.saturating_sub(3)..i).any(|k| {
                    matches!(self.lower[k].as_str(), "the" | "a" | "an" | "his" | "her" | "its" | "their")
                })
                && (i.saturating_sub(4)..i).any(|k| self.tok(k) == ",")
            // "Research suggests that ...", "the suit claims that ...": a verb when a
            // clause follows and no determiner or modifier makes it a noun
            // "The ad claims “...”": likewise before a quotation
            || (next == "that"
                || self
                    .tok_text(i + len)
                    .is_some_and(|w| w.starts_with(is_open_mark) && w != "'"))
                && form != "states"
                && is_word(prev)
                && !PREPOSITIONS.contains(&prev)
                && !prev.ends_with("ed")
                && !prev.ends_with("'s")
                && !prev.ends_with("’s")
                && !matches!(
                    prev,
                    "a" | "an"
                        | "his"
                        | "her"
                        | "their"
                        | "its"
                        | "our"
                        | "your"
                        | "my"
                        | "these"
                        | "those"
                        | "such"
                        | "of"
                        | "and"
                        | "or"
                        | "false"
                        | "new"
                        | "similar"
                        | "earlier"
                        | "repeated"
                        | "unfounded"
                        | "baseless"
                        | "previous"
                )
    }
}
