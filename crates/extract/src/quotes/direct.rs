//! Pass 1 of [`Analysis::run`], direct quotes: each quotation with the cue right before it
//! (`Grushko said: “...”`) or right after it (`“...,” he said`), a continuation split by its cue
//! (`“A,” he said, “B.”`), a partial quotation led in by the speaker's words (mixed), a follow-on
//! quotation of the last speaker, and quoted fragments of reported speech left to pass 2.
//!
//! A rule about which quotation is a direct quote and which cue it takes goes in
//! [`Analysis::cue_before`], [`Analysis::cue_after`] or [`Analysis::attach_direct`]; a rule about its
//! speaker in [`Analysis::direct_speaker`].

use super::cues::{cue_within, cues_of, floor_of};
use super::marks::is_open_mark;
use super::speakers::add_speaker;
use super::text::{has_stop, is_word, trim_span, word_count};
use super::{Analysis, Cue, Marked, RunState, Speaker};
use crate::budget::Ticker;
use crate::ExtractError;
use model::{EntityLabel, QuoteKind, Span};

/// The last direct quote of pass 1: (paragraph of its end, its end, its speaker).
type LastDirect = Option<(usize, usize, Option<Speaker>)>;

/// How a quotation attaches as a direct quote (see [`Analysis::attach_direct`]).
struct Attached {
    /// The cue before the quotation, and the cue after it.
    before: Option<usize>,
    after: Option<usize>,
    /// The quotation's own cue (none for a continuation).
    cue: Option<usize>,
    /// `“A,” he said, “B.”`: the second part of a quotation split by its cue.
    continuation: bool,
    /// A partial quotation led in by the speaker's own words (mixed).
    led_in: bool,
    /// Start of the quotation's sentence within its paragraph.
    s_start: usize,
    /// Confidence of the quote kind (with its speaker found).
    kind_conf: f32,
}

/// Adds the span of a direct quote to `direct` (sorted by start), `max` the longest.
pub(super) fn add_direct(direct: &mut Vec<Span>, max: &mut usize, s: Span) {
    let k = direct.partition_point(|q| q.start <= s.start);
    direct.insert(k, s);
    *max = (*max).max(s.len());
}

impl<'d, 'a> Analysis<'d, 'a> {
    /// Pass 1: the direct quotes (and the fragments of mixed ones, left to pass 2 with their cue in
    /// `fragment_of`), one quotation after the other: `Grushko said: “...”`, `“...,” he said`.
    pub(super) fn direct_quotes(
        &self,
        st: &mut RunState,
        tick: &mut Ticker,
    ) -> Result<(), ExtractError> {
        let mut last_direct: LastDirect = None;
        for (qi, m) in self.marks.iter().enumerate() {
            tick.tick()?;
            self.direct_quote(st, qi, m, &mut last_direct);
        }
        Ok(())
    }

    /// Quotation `qi` as a direct quote, if it is one: with its cue and speaker, the speaker of a
    /// quotation it continues, or the last speaker for a follow-on quotation.
    fn direct_quote(&self, st: &mut RunState, qi: usize, m: &Marked, last_direct: &mut LastDirect) {
        let text = self.text();
        let content = trim_span(text, m.content);
        if content.is_empty() {
            return;
        }
        let ctext = &text[content.range()];
        let si = self.sentence_of_byte(m.open);
        let para = self.paragraph_of(m.open);
        let Some(at) = self.attach_direct(st, qi, m, content, si, para) else {
            return;
        };
        let mut speaker = None;
        let mut cue_text = None;
        let mut cue_span = None;
        let mut content = content;
        let mut kind = QuoteKind::Direct;
        if at.continuation {
            speaker = last_direct.as_ref().and_then(|l| l.2.clone());
        } else if let Some(ci) = at.cue {
            if at.led_in {
                content = Span::new(at.s_start, content.end);
                kind = QuoteKind::Mixed;
            }
            // "The streets were deserted, he added, “but people need to connect.”": the
            // sentence opening before a parenthetical cue is said too, when the quotation
            // carries on its sentence
            if at.before == Some(ci) && self.parenthetical_lead(&st.cues, ci, m, at.s_start, ctext)
            {
                content = Span::new(at.s_start, content.end);
                kind = QuoteKind::Mixed;
            }
            st.used_cue[ci] = true;
            let c = st.cues[ci].clone();
            cue_text = Some(c.span.slice(text).to_string());
            cue_span = Some(c.span);
            speaker = self.direct_speaker(st, ci, m, at.after == Some(ci));
            st.cues[ci].speaker = speaker.clone();
        } else if let Some((lp, _lend, ls)) = &*last_direct {
            // follow-on: same paragraph after a cue'd quote, or a paragraph that opens with a quote
            if *lp == para
                || (*lp + 1 == para && text[self.paragraphs[para].start..m.open].trim().is_empty())
            {
                speaker = ls.clone();
            }
        }
        // no cue and no speaker: a title, a slogan or an unattributed passage, not who said what;
        // unless reported speech ends right before it (kept for now: its speaker is settled
        // once reported speech is found, below)
        if at.cue.is_none() && !at.continuation && speaker.is_none() {
            let after_cue = si > 0
                && self.paragraph_of(self.doc.sentences[si - 1].span.start) == para
                && cues_of(&st.cues, si - 1).any(|k| !st.used_cue[k]);
            if !after_cue {
                return;
            }
            st.pending.push(content.start);
        }
        let conf = match &speaker {
            Some(s) if s.entity.is_some() && !s.pronoun => at.kind_conf,
            Some(s) if s.entity.is_some() => at.kind_conf - 0.1,
            Some(_) => 0.5,
            None => 0.4,
        };
        if let Some(s) = &speaker {
            add_speaker(&mut st.speakers, content.start, s);
        }
        *last_direct = Some((
            self.paragraph_of(m.content.end.saturating_sub(1)),
            content.end,
            speaker.clone(),
        ));
        if kind == QuoteKind::Direct {
            add_direct(&mut st.direct, &mut st.direct_max, content);
        }
        st.quotes
            .push(self.make(content, kind, cue_text, cue_span, speaker, conf));
    }

    /// Whether and how quotation `qi` (of `content`, in sentence `si` and paragraph `para`) attaches
    /// as a direct quote: its cue before or after, a continuation, a lead-in. None when it is no
    /// direct quote (a fragment of reported speech, a short or unattributed quotation).
    fn attach_direct(
        &self,
        st: &mut RunState,
        qi: usize,
        m: &Marked,
        content: Span,
        si: usize,
        para: usize,
    ) -> Option<Attached> {
        let text = self.text();
        let ctext = &text[content.range()];
        let words = word_count(ctext);
        let direct_before = self.cue_before(st, qi, m, si, para, words)?;
        // cue right after the closer
        // the quotation opens its sentence
        let opens_sentence = self
            .doc
            .tokens
            .get(self.sentence_tokens(si).start)
            .is_some_and(|t| t.span.start >= m.open.saturating_sub(1));
        let mut direct_after = None;
        if direct_before.is_none() {
            direct_after = self.cue_after(&st.cues, m, ctext, opens_sentence);
        }
        let sentence_initial =
            opens_sentence || text[self.paragraphs[para].start..m.open].trim().is_empty();
        let short = words < 4 && !(ctext.trim_end().ends_with(['.', '!', '?']) && words >= 2);
        // “A,” he said, “B.”: the second part continues the quote its cue already introduced
        let continuation = direct_before.is_some_and(|ci| {
            st.used_cue[ci]
                && st
                    .quotes
                    .last()
                    .is_some_and(|q| q.cue_span == Some(st.cues[ci].span))
        });
        let (cue_idx, kind_conf) = match (direct_before, direct_after) {
            _ if continuation => (None, 0.9),
            (Some(ci), _) | (None, Some(ci)) => (Some(ci), 0.9),
            _ => (None, 0.6),
        };
        if !continuation && cue_idx.is_none() && (short || !sentence_initial) {
            return None;
        }
        // They have “a higher set of expectations,” he said: a partial quote led in by the
        // speaker's own words, which belong to the content (mixed)
        let s_start = self
            .doc
            .sentences
            .get(si)
            .map_or(m.open, |s| s.span.start)
            .max(self.paragraphs[para].start);
        let lead = &text[s_start..m.open];
        let led_in = direct_after.is_some()
            && direct_after == cue_idx
            && !sentence_initial
            && word_count(lead) >= 2
            && !lead.trim_end().ends_with([':', ';', '—', '–'])
            && !self.quotation_opens_in(s_start, m.open)
            && !cue_within(&st.cues, s_start, m.open);
        // a short led-in quotation is a statement only when its cue closes the sentence
        // (`Not paying taxes “makes me smart,” Trump said last week.`), not a show's title
        // before another clause (`On ABC’s “Good Morning America,” Kasich said that ...`)
        let cue_closes = cue_idx.is_some_and(|ci| {
            let s_end = self
                .doc
                .sentences
                .get(si)
                .map_or(text.len(), |s| s.span.end);
            let c_end = st.cues[ci].span.end;
            c_end <= s_end
                && (word_count(&text[c_end..s_end]) <= 3 || Self::adjunct_tail(&text[c_end..s_end]))
        });
        if cue_idx.is_some() && short && !sentence_initial && !(led_in && cue_closes) {
            return None;
        }
        Some(Attached {
            before: direct_before,
            after: direct_after,
            cue: cue_idx,
            continuation,
            led_in,
            s_start,
            kind_conf,
        })
    }

    /// The cue before quotation `qi` in its sentence (`Grushko said: “...”`), or closing the
    /// paragraph before with a colon; `Some(None)` when there is none. None when the quotation is
    /// a fragment of reported speech (`said that “...”`), then marked in `fragment_of`.
    fn cue_before(
        &self,
        st: &mut RunState,
        qi: usize,
        m: &Marked,
        si: usize,
        para: usize,
        words: usize,
    ) -> Option<Option<usize>> {
        let text = self.text();
        // cue before the opener in the same sentence
        let of_si = cues_of(&st.cues, si);
        let before = st.cues[of_si.clone()]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, c)| c.span.end <= m.open && !c.according)
            .map(|(k, c)| (of_si.start + k, c));
        let mut direct_before = None;
        // “A,” said X, a long appositive ..., “B.”: the cue already introduced the first part
        let split_by_cue = before.is_some_and(|(ci, c)| {
            st.used_cue[ci]
                && st.quotes.last().is_some_and(|q| q.cue_span == Some(c.span))
                && !self.quotation_opens_in(c.span.end + 1, m.open)
                && !text[c.span.end..m.open].contains('\n')
        });
        if split_by_cue {
            direct_before = before.map(|(ci, _)| ci);
        } else if let Some((ci, c)) = before {
            let gap = &text[c.span.end..m.open];
            let gap_words: Vec<&str> = gap
                .split(|ch: char| !ch.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let trimmed = gap.trim_end();
            let gap_clean = gap_words.iter().all(|w| {
                matches!(
                    w.to_lowercase().as_str(),
                    "that"
                        | "reporters"
                        | "journalists"
                        | "also"
                        | "further"
                        | "again"
                        | "then"
                        | "him"
                        | "her"
                        | "them"
                        | "us"
                )
            });
            let has_quote_between = self.quotation_opens_in(c.span.end + 1, m.open);
            if !has_quote_between
                && (gap_clean
                    || ((trimmed.ends_with(',') || trimmed.ends_with(':'))
                        && !gap_words.iter().any(|w| w.eq_ignore_ascii_case("that"))
                        && gap_words.len() <= 12))
            {
                // "said that “...”": a quotation inside a reported clause is a mixed quote
                // (when it stays within the cue's sentence)
                let s_end = self
                    .doc
                    .sentences
                    .get(si)
                    .map_or(m.close_end, |s| s.span.end);
                if gap_clean
                    && gap_words.iter().any(|w| w.eq_ignore_ascii_case("that"))
                    && (words < 4 || m.content.end <= s_end)
                {
                    st.fragment_of[qi] = Some(ci);
                    return None;
                }
                direct_before = Some(ci);
            } else if !has_quote_between || gap_words.len() <= 25 {
                // reported speech with a quoted fragment: mixed, handled with the cue
                st.fragment_of[qi] = Some(ci);
                return None;
            }
        }
        // "Reporter Jomana Karadsheh says: ¶ “Well Anderson, ...”": a cue and its colon
        // close the paragraph before the one the quotation opens
        if direct_before.is_none()
            && before.is_none()
            && para > 0
            && text[self.paragraphs[para].start..m.open].trim().is_empty()
        {
            direct_before =
                self.colon_cue_closing(&st.cues, &st.used_cue, self.paragraphs[para - 1]);
        }
        Some(direct_before)
    }

    /// The cue right after the closer of quotation `m` (`“...,” he said`, `“...,” said Grushko`,
    /// `“...,” Mr. Smith, a spokesman for ..., said`), if it is the quotation's.
    fn cue_after(
        &self,
        cues: &[Cue],
        m: &Marked,
        ctext: &str,
        opens_sentence: bool,
    ) -> Option<usize> {
        let text = self.text();
        let after_tok = self.tok_at(m.close_end);
        let from = cues.partition_point(|c| c.tok.start < after_tok);
        if let Some(ci) = cues[from..]
            .iter()
            .take_while(|c| c.tok.start <= after_tok + 24)
            .position(|c| !c.according)
            .map(|k| from + k)
        {
            let c = &cues[ci];
            let between = &text[m.close_end..c.span.start];
            let no_stop =
                !between.contains('\n') && !has_stop(between.trim_start_matches(['.', ',', ' ']));
            let between_words = word_count(between);
            // a long stretch is only a speaker's name with its appositive role
            // (or a person named after a short description: “...,” California Rep.
            // Duncan Hunter’s chief of staff, Joe Kasper, told POLITICO)
            // a mention starting after the closer: near it, or before the cue
            let near = self.outside.partition_point(|e| e.span.start < m.close_end);
            let reach = (m.close_end + 7).max(c.span.start);
            let appositive = between_words <= 22
                && self.outside[near..]
                    .iter()
                    .take_while(|e| e.span.start < reach)
                    .any(|e| {
                        e.span.start >= m.close_end
                            && (e.span.start <= m.close_end + 6
                                || e.label == EntityLabel::Per
                                    && opens_sentence
                                    && e.span.end <= c.span.start
                                    && word_count(&text[m.close_end..e.span.start]) <= 8)
                            && matches!(e.label, EntityLabel::Per | EntityLabel::Org)
                    })
                && between.contains(',');
            // “A.” Mr. Zahed said: “B.”: a cue with a colon introduces the next quotation
            let introduces_next = text[c.span.end..]
                .trim_start()
                .strip_prefix(':')
                .is_some_and(|r| r.trim_start().starts_with(is_open_mark));
            // “... identity.” Cruz says he isn't familiar ...: a quotation closed with a
            // full stop, then a cue with its own reported clause, starts a new statement
            let reports_onward = ctext.trim_end().ends_with('.')
                && between_words >= 1
                && self.opens_clause(c.tok.end, c.sentence);
            if no_stop && (between_words <= 8 || appositive) && !introduces_next && !reports_onward
            {
                return Some(ci);
            }
        }
        None
    }

    /// "The streets were deserted, he added, “but people need to connect.”": is the sentence
    /// opening before the parenthetical cue `ci` said too?
    fn parenthetical_lead(
        &self,
        cues: &[Cue],
        ci: usize,
        m: &Marked,
        s_start: usize,
        ctext: &str,
    ) -> bool {
        let text = self.text();
        let c = &cues[ci];
        let before_cue = text[s_start.min(c.span.start)..c.span.start].trim_end();
        // only when the quotation goes on with the sentence (`“but ...`), not when it
        // opens one of its own (`Asked about X, he said, “Sure.”`)
        let cue_then_quote = text[c.span.end..m.open].trim() == ","
            && ctext
                .trim_start_matches(|ch: char| !ch.is_alphanumeric())
                .starts_with(char::is_lowercase);
        if let Some(k) = before_cue.rfind(',').filter(|_| cue_then_quote) {
            let lead = &before_cue[..k];
            let subject = &before_cue[k + 1..];
            if word_count(lead) >= 2
                && (1..=5).contains(&word_count(subject))
                && !self.quotation_opens_in(s_start, c.span.start)
                && !cue_within(cues, s_start, c.span.start.saturating_sub(1))
            {
                return true;
            }
        }
        false
    }

    /// The speaker of quotation `m` given by its cue `ci`, after it (`after`) or before it.
    fn direct_speaker(&self, st: &RunState, ci: usize, m: &Marked, after: bool) -> Option<Speaker> {
        let c = &st.cues[ci];
        let raw = if after {
            // between the closer and the cue, else right after the cue
            let t0 = self.tok_at(m.close_end);
            let seg: Vec<usize> = (t0..c.tok.start)
                .filter(|&t| is_word(self.tok(t)))
                .collect();
            self.subject_in(&seg)
                .or_else(|| self.subject_right(c.tok.end, c.sentence))
                // “...,” the official said: an unnamed speaker as written
                .or_else(|| self.subject_left(c.tok.start, c.sentence, t0))
        } else {
            self.subject_left(c.tok.start, c.sentence, floor_of(&st.cues, ci))
                .or_else(|| self.subject_right(c.tok.end, c.sentence))
        };
        let anchor = if after { m.open } else { c.span.start };
        self.finish_speaker(raw, anchor, c.span.end, &st.speakers)
    }
}
