//! The clause a cue reports, for pass 2 ([`Analysis::clause_content`]): the cue's subject, an
//! as-clause, an inverted cue (`..., said a senior official`), where the clause after the cue
//! starts (after its objects, hearer, a time adverbial and `that`), a clause before a postposed
//! subject (`CLAUSE, Peskov said`) and the cut before the next cue of the sentence.
//!
//! A rule about where the reported clause after a cue starts goes in [`Analysis::clause_start`]
//! (or one of its `skip_` steps); one about the clause before the cue in
//! [`Analysis::postposed_content`].

use super::cues::floor_of;
use super::marks::is_quote_mark;
use super::text::word_count;
use super::words::{
    is_bare_day, ADVERBIAL_OPENERS, AUXILIARIES, CUE_OBJECTS, PREPOSITIONS, PRONOUNS,
};
use super::{Analysis, Cue, Speaker};
use model::{EntityLabel, Span};
use std::collections::HashSet;
use std::ops::Range;

/// Where the reported clause after a cue starts (see [`Analysis::clause_start`]).
struct ClauseStart {
    /// First token of the clause, after the cue's objects and a complementizer `that`.
    t: usize,
    /// A complementizer `that` was skipped.
    saw_that: bool,
    /// An adverbial follows the cue's objects (`in`, `during`, an `-ly` word, a dash).
    adverbial_next: bool,
    /// The cue is `told`/`tells`: a hearer may come before the clause.
    tells: bool,
}

impl<'d, 'a> Analysis<'d, 'a> {
    /// The content of cue `ci` (not `according to`) in sentence tokens `sr` and bytes `s_span`,
    /// with the speaker found for it: the clause after the cue (`X said that ...`), before it
    /// (`CLAUSE, Peskov said`) or around it, or an as-clause. None when it reports nothing.
    pub(super) fn clause_content(
        &self,
        cues: &[Cue],
        cue_starts: &HashSet<usize>,
        ci: usize,
        c: &Cue,
        sr: &Range<usize>,
        s_span: Span,
    ) -> Option<(Span, Option<Speaker>)> {
        let text = self.text();
        let mut sp = self.cue_subject(cues, ci, c, sr);
        // "As the Post reported, CLAUSE", "CLAUSE, as police have said": an as-clause
        // frames what was said, before or after it
        if let Some((content, who)) = self.as_clause_content(c, s_span) {
            return Some((content, who));
        }
        let inverted = self.inverted_cue(c, sr, s_span, &mut sp);
        let ClauseStart {
            t,
            saw_that,
            adverbial_next,
            tells,
        } = self.clause_start(cue_starts, c, sr);
        let rest_start = self
            .doc
            .tokens
            .get(t)
            .map(|x| x.span.start)
            .unwrap_or(s_span.end)
            .min(s_span.end);
        // PolNeAR / PARC convention: the complementizer belongs to the content ("said that X")
        let content_start = if saw_that && t > c.tok.end && self.lower[t - 1] == "that" {
            self.doc.tokens[t - 1].span.start.min(s_span.end)
        } else {
            rest_start
        };
        let rest = &text[rest_start..s_span.end];
        let rest_words = word_count(rest.split(", adding").next().unwrap_or(rest));
        let quoted_rest = self.quotation_opens_in(rest_start, s_span.end);
        // "CLAUSE, Wilkin said during his campaign speech.": an adverbial after a
        // postposed subject, with the clause before it
        let clause_before = sp.as_ref().is_some_and(|s| {
            let head = text[s_span.start..s.span.start.max(s_span.start)].trim_end();
            head.ends_with(',')
                && word_count(head) >= 4
                && !head.trim_start().starts_with(is_quote_mark)
                // not a commitment's infinitive ("vowed to deliver change") nor a
                // quotation after the cue
                && self.lower.get(t).is_some_and(|w| w != "to")
                && !self.quotation_opens_in(c.span.end, s_span.end)
        });
        let postposed = inverted
            || !saw_that && adverbial_next && clause_before
            || !saw_that
                && (rest.trim_start().is_empty()
                    || rest.trim_start().starts_with([',', '.', '!', '?', ';'])
                    || rest_words < 3
                    // "CLAUSE, he told the court in his filing.": only the hearer
                    || tells
                        && !self.title_case_line(c.tok.start)
                        && rest_words <= 7
                        && !rest
                            .split(|ch: char| !ch.is_alphanumeric())
                            .map(str::to_lowercase)
                            .any(|w| {
                                w.ends_with("ed")
                                    || PRONOUNS.contains(&w.as_str())
                                    || AUXILIARIES.contains(&w.as_str())
                            })
                        && !rest.contains([',', ':', ';'])
                        && !quoted_rest);
        if postposed {
            self.postposed_content(c, sr, s_span, inverted, sp)
        } else {
            // cut before a following cue of the same sentence: a participle ("..., adding"), or a
            // new clause with its own cue ("... and said", ", though she acknowledged")
            let end = self.next_cue_cut(cues, ci, c, rest_start, s_span);
            Some((Span::new(content_start, end.max(content_start)), sp))
        }
    }

    /// The subject of cue `ci` to its left; for a participle (`, saying ...`), the speaker of the
    /// cue it hangs on; for a coordinated cue (`... and said ...`), the subject of the cue before.
    fn cue_subject(&self, cues: &[Cue], ci: usize, c: &Cue, sr: &Range<usize>) -> Option<Speaker> {
        let mut sp = if c.participle {
            cues[..ci]
                .iter()
                .rev()
                .take_while(|p| p.sentence == c.sentence)
                .find(|p| p.speaker.is_some())
                .and_then(|p| p.speaker.clone())
                // "Trump attacked Obama, saying ...": the participle hangs on the main
                // clause, whose subject is the first name of the sentence, not the object
                .or_else(|| {
                    let sr = self.sentence_tokens(c.sentence);
                    let lo = self.doc.tokens[sr.start].span.start;
                    let from = self.outside.partition_point(|m| m.span.start < lo);
                    let first = self.outside[from..]
                        .iter()
                        .take_while(|m| m.span.start < c.span.start)
                        .find(|m| {
                            m.span.start >= lo
                                && m.span.end <= c.span.start
                                && matches!(m.label, EntityLabel::Per | EntityLabel::Org)
                        })?;
                    let t = self.tok_at(first.span.start);
                    let free = t == sr.start || !PREPOSITIONS.contains(&self.lower[t - 1].as_str());
                    free.then(|| self.speaker_from_mention(first))
                })
                .or_else(|| self.subject_left(c.tok.start, c.sentence, floor_of(cues, ci)))
        } else {
            self.subject_left(c.tok.start, c.sentence, floor_of(cues, ci))
        };
        // "He said the base ... and said Stevens's rescue ...": a coordinated cue shares
        // the subject of the cue before it
        if sp.is_none()
            && c.tok.start > sr.start
            && matches!(self.lower[c.tok.start - 1].as_str(), "and" | "but")
        {
            sp = cues[..ci]
                .iter()
                .rev()
                .find(|p| p.sentence == c.sentence && !p.according)
                .and_then(|p| p.speaker.clone())
                // "Reid caucused in Nevada on Saturday and says he voted ...": the
                // subject opening the sentence
                .or_else(|| self.opening_subject(c.sentence, c.tok.start));
        }
        sp
    }

    /// "..., said a senior official in Brussels.": is cue `c` inverted after a comma, its subject
    /// right after it? Then `sp` is that subject.
    fn inverted_cue(
        &self,
        c: &Cue,
        sr: &Range<usize>,
        s_span: Span,
        sp: &mut Option<Speaker>,
    ) -> bool {
        let text = self.text();
        let inverted = c.tok.start > sr.start
            && self.tok(c.tok.start - 1) == ","
            && !c.participle
            && self.appositive_opener(c.tok.start, c.sentence).is_none()
            && !self.name_set_off_before(c.tok.start);
        inverted
            && match self.subject_right(c.tok.end, c.sentence) {
                Some(r) => {
                    let after = text[r.span.end..s_span.end].trim_start();
                    // "..., said a senior official in Brussels."
                    let adjunct = after
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(|w| PREPOSITIONS.contains(&w))
                        && word_count(after) <= 6
                        && !self.cue_words_in(after);
                    // "..., said an American official who was briefed ..."
                    let relative = after
                        .split(|c: char| !c.is_alphanumeric())
                        .next()
                        .is_some_and(|w| matches!(w, "who" | "whose"))
                        && matches!(
                            r.text.split(' ').next(),
                            Some("a" | "an" | "one" | "another")
                        );
                    let closes = after.is_empty()
                        || after.starts_with([',', '.', ';', '('])
                        || adjunct
                        || relative;
                    if closes {
                        *sp = Some(r);
                    }
                    closes
                }
                None => false,
            }
    }

    /// Where the reported clause after cue `c` starts: after its objects and `that` (`announced at
    /// the briefing that ...`), a time adverbial, a parenthetical, an adverbial, a hearer.
    fn clause_start(&self, cue_starts: &HashSet<usize>, c: &Cue, sr: &Range<usize>) -> ClauseStart {
        // skip objects and "that"; "announced at the briefing that ...": start after "that"
        let mut t = c.tok.end;
        let mut saw_that = false;
        // "He added, that there's ...": a stray comma before "that"
        if t + 1 < sr.end
            && self.tok(t) == ","
            && self.lower[t + 1] == "that"
            // not a parenthetical cue ("It's an investment, they say, that ...")
            && !(sr.start.max(c.tok.start.saturating_sub(4))..c.tok.start)
                .any(|k| self.tok(k) == ",")
        {
            t += 1;
        }
        while t < sr.end
            && (CUE_OBJECTS.contains(&self.lower[t].as_str()) || self.lower[t] == "that")
        {
            saw_that |= self.lower[t] == "that";
            t += 1;
        }
        // "assured Moscow that ...": an object before "that"
        if let Some(m) = (t < sr.end).then(|| self.mention_at_token(t)).flatten() {
            let after = self.tok_at(m.span.end);
            if after < sr.end && self.lower[after] == "that" {
                t = after + 1;
                saw_that = true;
            }
        }
        let adverbial_next = t < sr.end
            && (PREPOSITIONS.contains(&self.lower[t].as_str())
                || matches!(
                    self.lower[t].as_str(),
                    "during" | "after" | "before" | "following" | "throughout" | "as"
                )
                || self.lower[t].ends_with("ly")
                || matches!(self.tok(t), "–" | "—" | "-"));
        let tells = matches!(
            self.lower[c.tok.start].as_str(),
            "told" | "tells" | "tell" | "telling"
        );
        let mut at = ClauseStart {
            t,
            saw_that,
            adverbial_next,
            tells,
        };
        self.skip_time_adverbial(cue_starts, sr, &mut at);
        self.skip_parenthetical(cue_starts, sr, &mut at);
        self.skip_adverbial(sr, &mut at);
        self.skip_hearer(c, sr, &mut at);
        at
    }

    /// "said Thursday during a taping in Buffalo, New York, that ...": a time adverbial (and what
    /// hangs on it) before the reported clause.
    fn skip_time_adverbial(
        &self,
        cue_starts: &HashSet<usize>,
        sr: &Range<usize>,
        at: &mut ClauseStart,
    ) {
        let t = at.t;
        let time_word = |k: usize| {
            k < sr.end
                && (is_bare_day(&self.lower[k])
                    || matches!(
                        self.lower[k].as_str(),
                        "last" | "this" | "earlier" | "recently"
                    ))
        };
        // "said late Friday that ...", "said early today that ..."
        let time_next = time_word(t)
            || (t < sr.end
                && matches!(self.lower[t].as_str(), "late" | "early")
                && time_word(t + 1));
        if !at.saw_that && time_next {
            if let Some(k) = (t..sr.end.min(t + 24)).find(|&k| self.lower[k] == "that") {
                if !(t..k).any(|j| {
                    is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                        || cue_starts.contains(&j)
                }) {
                    at.t = k + 1;
                    at.saw_that = true;
                }
            }
        }
    }

    /// "cautioned, as did the Clinton campaign itself, that ...": a parenthetical between the cue
    /// and its clause.
    fn skip_parenthetical(
        &self,
        cue_starts: &HashSet<usize>,
        sr: &Range<usize>,
        at: &mut ClauseStart,
    ) {
        let t = at.t;
        if !at.saw_that && t < sr.end && self.tok(t) == "," {
            if let Some(k) = (t + 2..sr.end.min(t + 16))
                .find(|&k| self.lower[k] == "that" && self.tok(k - 1) == ",")
            {
                if !(t + 1..k - 1).any(|j| {
                    is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                        || cue_starts.contains(&j)
                }) {
                    at.t = k + 1;
                    at.saw_that = true;
                }
            }
        }
    }

    /// An adverbial after the cue (`said in an interview on Tuesday that ...`) before `that`.
    fn skip_adverbial(&self, sr: &Range<usize>, at: &mut ClauseStart) {
        let t = at.t;
        if !at.saw_that && at.adverbial_next {
            if let Some(k) = (t..sr.end.min(t + 16)).find(|&k| self.lower[k] == "that") {
                // "reported on Tuesday -- a development that ...": a summary
                // appositive, whose "that" is not the reported clause's
                let summary = |j: usize| {
                    matches!(self.tok(j), "-" | "--" | "—" | "–")
                        && matches!(self.lower.get(j + 1).map(String::as_str), Some("a" | "an"))
                };
                if !(t..k).any(|j| {
                    matches!(self.tok(j), "," | ";" | ":")
                        || summary(j)
                        || is_quote_mark(self.tok(j).chars().next().unwrap_or(' '))
                }) {
                    at.t = k + 1;
                    at.saw_that = true;
                }
            }
        }
    }

    /// "told Fox News host Alex Marlow on Thursday how ...": skip the hearer to the clause.
    fn skip_hearer(&self, c: &Cue, sr: &Range<usize>, at: &mut ClauseStart) {
        let t = at.t;
        if !at.saw_that && at.tells {
            let k = (t..sr.end.min(t + 12)).find(|&k| {
                matches!(
                    self.lower[k].as_str(),
                    "that"
                        | "how"
                        | "why"
                        | "what"
                        | "whether"
                        | "he"
                        | "she"
                        | "they"
                        | "it"
                        | "we"
                        | "i"
                )
            });
            if let Some(k) =
                k.filter(|&k| k > t && !(t..k).any(|j| matches!(self.tok(j), "," | ";" | ":")))
            {
                at.t = if self.lower[k] == "that" { k + 1 } else { k };
                at.saw_that = true;
            } else if let Some(m) = (t..sr.end.min(t + 4)).find_map(|j| {
                // "told host Sean Hannity a Clinton loss is ...": the hearer named,
                // after a description
                let m = self
                    .mention_at_token(j)
                    .filter(|m| matches!(m.label, EntityLabel::Per | EntityLabel::Org))?;
                (t..j)
                    .all(|x| self.tok(x).chars().all(char::is_lowercase))
                    .then_some(m)
            }) {
                let after = self.tok_at(m.span.end);
                if after + 2 < sr.end && self.opens_clause(after, c.sentence) {
                    at.t = after;
                    at.saw_that = true;
                }
            }
        }
    }

    /// "CLAUSE, Peskov said[, adding ...]": the content of a postposed cue (`inverted` or after its
    /// subject `sp`), before the subject, around the cue (`Acts of protest, Mr. Obama said, are
    /// ...`) or after it (`Marco Rubio says, win or lose in Florida, he’s staying`). None when the
    /// words before the cue are not what was said (`Asked if ..., Peskov said`).
    fn postposed_content(
        &self,
        c: &Cue,
        sr: &Range<usize>,
        s_span: Span,
        inverted: bool,
        mut sp: Option<Speaker>,
    ) -> Option<(Span, Option<Speaker>)> {
        let text = self.text();
        // "CLAUSE, Peskov said[, adding ...]": the clause before the subject
        if sp.is_none() {
            sp = self.subject_right(c.tok.end, c.sentence);
        }
        let subj_start = if inverted {
            c.span.start
        } else {
            sp.as_ref()
                .map(|s| s.span.start.min(c.span.start))
                .unwrap_or(c.span.start)
        };
        let mut head = text[s_span.start..subj_start.max(s_span.start)].trim_end();
        // "CLAUSE, one West Virginia official said": the speaker found is the
        // name inside the noun phrase; its determiner is not said
        if !inverted {
            let last = head.rsplit(' ').next().unwrap_or("").to_lowercase();
            if matches!(
                last.as_str(),
                "a" | "an" | "the" | "one" | "another" | "two" | "three" | "some"
            ) {
                head = head[..head.len() - last.len()].trim_end();
            }
        }
        let tail = &text[c.span.end..s_span.end];
        let inside = !inverted
            && tail.trim_start().starts_with(',')
            && word_count(tail) >= 3
            && !Self::adjunct_tail(tail);
        let head_words = word_count(head);
        // "Asked if ..., Peskov said", "In a speech last July, he said": a question
        // or an adverbial before the cue, not what was said
        let head_first = head
            .split(|ch: char| !ch.is_alphanumeric())
            .find(|w| !w.is_empty())
            .unwrap_or("")
            .to_lowercase();
        if !inside
            && (head_first == "asked"
                || PREPOSITIONS.contains(&head_first.as_str()) && head_words <= 6)
        {
            return None;
        }
        // "Marco Rubio says, win or lose in Florida, he’s staying in the race":
        // the subject opens the sentence and the clause follows the comma
        let clause_after = tail.trim_start().strip_prefix(',').filter(|rest| {
            // a named or pronoun subject near the sentence start, not an idiom
            // ("That said, ...", "All told, ...", "to, say, ...")
            !inverted
                && !c.participle
                && !head.contains(',')
                && word_count(head) <= 6
                && c.tok.start > sr.start
                && self.tok(c.tok.start - 1) != ","
                && sp.as_ref().is_some_and(|s| {
                    s.span.end <= c.span.start && (s.pronoun || s.label.is_some())
                })
                && word_count(rest) >= 4
                && !Self::adjunct_tail(tail)
                // ", including ...": a phrase, not a clause
                && !rest
                    .split(|ch: char| !ch.is_alphanumeric())
                    .find(|w| !w.is_empty())
                    .is_some_and(|w| w.ends_with("ing"))
                && !head.split(' ').any(|w| {
                    let w = w.to_lowercase();
                    matches!(w.as_str(), "which" | "who" | "that" | "what" | "when")
                })
                && !self.cue_words_in(rest)
                && !self.quotation_opens_in(c.span.end, s_span.end)
        });
        if let Some(rest) = clause_after {
            let start = s_span.end - rest.len();
            Some((Span::new(start, s_span.end), sp))
        } else {
            if !head.ends_with(',')
                || head_words < if inside { 1 } else { 4 }
                || self.in_quote(s_span.start)
                || head.trim_start().starts_with(is_quote_mark)
            {
                return None;
            }
            // "Acts of protest, Mr. Obama said, are acts of patriotism": the cue sits inside
            // the content, which is the whole sentence
            // "But, Carson added, he did not ...", "In 2008, Trump said, the ...": a short
            // adverbial lead is the reporter's; the content starts after the cue
            let lead_word = head
                .split(|ch: char| !ch.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_lowercase();
            let adverbial_lead = head_words <= 4
                && (ADVERBIAL_OPENERS.contains(&lead_word.as_str())
                    || matches!(lead_word.as_str(), "but" | "and" | "or" | "yet" | "so")
                    || lead_word.chars().all(|ch| ch.is_ascii_digit()));
            if inside && adverbial_lead {
                let after = c.span.end + tail.find(',').map_or(0, |k| k + 1);
                Some((Span::new(after, s_span.end), sp))
            } else if inside {
                Some((s_span, sp))
            } else {
                let e = s_span.start + head.len() - 1;
                Some((Span::new(s_span.start, e), sp))
            }
        }
    }

    /// Cut before a following cue of the same sentence as cue `ci`: a participle (`..., adding`),
    /// or a new clause with its own cue (`... and said`, `, though she acknowledged`). The end of
    /// the content starting at `rest_start`.
    fn next_cue_cut(
        &self,
        cues: &[Cue],
        ci: usize,
        c: &Cue,
        rest_start: usize,
        s_span: Span,
    ) -> usize {
        let text = self.text();
        let mut end = s_span.end;
        if let Some(n) = cues
            .get(ci + 1)
            .filter(|n| n.sentence == c.sentence && !n.according)
        {
            if n.participle {
                end = text[..n.span.start].trim_end().trim_end_matches(',').len();
            } else {
                let first = self.tok_at(rest_start);
                let cut = (first..n.tok.start).rev().find(|&k| {
                    matches!(
                        self.lower[k].as_str(),
                        "," | "and" | "but" | "though" | "although" | "while" | ";"
                    )
                });
                if let Some(k) = cut.filter(|&k| k > first + 2) {
                    end = self.doc.tokens[k].span.start;
                }
            }
        }
        end
    }
}
