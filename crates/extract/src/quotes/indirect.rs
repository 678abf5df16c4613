//! Pass 2 of [`Analysis::run`], indirect and mixed quotes: every cue no direct quote took, with
//! its clause as content (`X said that ...`, `According to him, ...`, `..., Peskov said`), a block
//! quotation after a colon cue, and the pass after both that gives a quotation right after reported
//! speech its speaker.
//!
//! Which clause a cue reports is found in `content.rs`; a rule that cuts, moves or drops that
//! content (adverbials, infinitives, quotations inside) goes in [`Analysis::cut_content`] or
//! [`Analysis::adverbial_content`]; a rule about the speaker or the quote kept in
//! [`Analysis::reported_quote`].

use super::cues::floor_of;
use super::direct::add_direct;
use super::marks::is_quote_mark;
use super::speakers::add_speaker;
use super::text::{trim_content, trim_span, word_count};
use super::words::{is_bare_day, PREPOSITIONS};
use super::{Analysis, Cue, RunState, Speaker};
use crate::budget::Ticker;
use crate::ExtractError;
use model::{Quote, QuoteKind, Span};

impl<'d, 'a> Analysis<'d, 'a> {
    /// Pass 2: the indirect and mixed quotes of the cues pass 1 left unused, in cue order
    /// (`X said that ...`, `According to him, ...`, `..., Peskov said`).
    pub(super) fn reported_quotes(
        &self,
        st: &mut RunState,
        tick: &mut Ticker,
    ) -> Result<(), ExtractError> {
        for ci in 0..st.cues.len() {
            tick.tick()?;
            if st.used_cue[ci] {
                continue;
            }
            self.reported_quote(st, ci);
        }
        Ok(())
    }

    /// The quote of unused cue `ci`, if it reports anything: its content, speaker and kind.
    fn reported_quote(&self, st: &mut RunState, ci: usize) {
        let text = self.text();
        let c = st.cues[ci].clone();
        let sr = self.sentence_tokens(c.sentence);
        let s_span = self
            .doc
            .sentences
            .get(c.sentence)
            .map(|s| s.span)
            .unwrap_or(Span::new(0, text.len()));
        if self.block_quotation(st, ci, &c) {
            return;
        }
        let found = if c.according {
            self.according_content(&c, s_span)
        } else {
            self.clause_content(&st.cues, &st.cue_starts, ci, &c, &sr, s_span)
        };
        let Some((content, speaker_raw)) = found else {
            return;
        };
        let content = self.cut_content(&st.cues, ci, &c, content);
        let Some(content) = self.adverbial_content(&c, content) else {
            return;
        };
        // no named subject: the noun phrase before the cue as written ("40 percent of voters
        // said"); when there is none either, the statement is kept with its speaker unknown
        // "the Saudi government, which has strongly denied any involvement": the name a
        // relative pronoun subject stands for
        let speaker_raw = speaker_raw.or_else(|| self.relative_antecedent(c.tok.start));
        let named = speaker_raw.is_some();
        let speaker_raw = match speaker_raw {
            None if !c.according => self.np_left(c.tok.start, c.sentence),
            s => s,
        };
        // without a named subject, only a reported clause counts ("iMovie added audio
        // editing capabilities" adds a feature, it says nothing)
        if !named && !c.according {
            let t0 = self.tok_at(content.start);
            if !self.opens_clause(t0, self.sentence_of_byte(content.start)) {
                return;
            }
        }
        // impersonal "it is reported that"
        if speaker_raw
            .as_ref()
            .is_some_and(|s| s.pronoun && s.text.eq_ignore_ascii_case("it"))
            && text[text.floor_char_boundary(c.span.start.saturating_sub(12))..c.span.start]
                .to_lowercase()
                .contains(" is ")
        {
            return;
        }
        let speaker = self.finish_speaker(speaker_raw, c.span.start, c.span.end, &st.speakers);
        st.cues[ci].speaker = speaker.clone();
        // a quotation inside the content opens at most a mark's length before its content
        let inner = self.marks_opening_in(content.start.saturating_sub(4), content.end);
        let mixed = inner.into_iter().any(|qi| {
            let m = &self.marks[qi];
            content.contains(&m.content)
                && (st.fragment_of[qi] == Some(ci) || word_count(&text[m.content.range()]) < 8)
        });
        // a direct quote overlapping the content starts at most `direct_max` before it
        let near = st
            .direct
            .partition_point(|q| q.start + st.direct_max < content.start);
        if st.direct[near..]
            .iter()
            .take_while(|q| q.start < content.end)
            .any(|q| q.overlaps(&content) && q.len() * 2 > content.len())
        {
            return;
        }
        let kind = if mixed {
            QuoteKind::Mixed
        } else {
            QuoteKind::Indirect
        };
        let conf = match &speaker {
            Some(s) if s.entity.is_some() && !s.pronoun => 0.75,
            Some(s) if s.entity.is_some() => 0.65,
            Some(_) => 0.45,
            None => 0.3,
        };
        if let Some(s) = &speaker {
            add_speaker(&mut st.speakers, content.start, s);
        }
        st.quotes.push(self.make(
            content,
            kind,
            Some(c.span.slice(text).to_string()),
            Some(c.span),
            speaker,
            conf,
        ));
    }

    /// "In a speech last July, he said: ¶ Let no one be mistaken ...": a block quotation set off as
    /// its own paragraph, without marks, after cue `ci` closing its paragraph with a colon. True
    /// when it is one (and taken as a direct quote).
    fn block_quotation(&self, st: &mut RunState, ci: usize, c: &Cue) -> bool {
        let text = self.text();
        let para = self.paragraph_of(c.span.start);
        if para + 1 < self.paragraphs.len()
            && self.colon_cue_closing(&st.cues, &st.used_cue, self.paragraphs[para]) == Some(ci)
        {
            let block = trim_span(text, self.paragraphs[para + 1]);
            let btext = &text[block.range()];
            if !btext.starts_with(is_quote_mark) && word_count(btext) >= 4 {
                let raw = self
                    .subject_left(c.tok.start, c.sentence, floor_of(&st.cues, ci))
                    .or_else(|| self.np_left(c.tok.start, c.sentence));
                let speaker = self.finish_speaker(raw, c.span.start, c.span.end, &st.speakers);
                st.cues[ci].speaker = speaker.clone();
                if let Some(sp) = &speaker {
                    add_speaker(&mut st.speakers, block.start, sp);
                }
                let conf = if speaker.is_some() { 0.6 } else { 0.3 };
                add_direct(&mut st.direct, &mut st.direct_max, block);
                st.quotes.push(self.make(
                    block,
                    QuoteKind::Direct,
                    Some(c.span.slice(text).to_string()),
                    Some(c.span),
                    speaker,
                    conf,
                ));
                return true;
            }
        }
        false
    }

    /// The content of an `according to` cue: "According to X, CLAUSE" or "CLAUSE, according to X."
    fn according_content(&self, c: &Cue, s_span: Span) -> Option<(Span, Option<Speaker>)> {
        let text = self.text();
        let sp = c.speaker.clone();
        // "According to X, CLAUSE" or "CLAUSE, according to X."
        let at_start = text[s_span.start..c.span.start].trim().is_empty()
            || text[s_span.start..c.span.start].trim_end().ends_with(',')
                && word_count(&text[s_span.start..c.span.start]) <= 2;
        if at_start {
            let comma = text[c.span.end..s_span.end]
                .find(',')
                .map(|i| c.span.end + i + 1);
            comma.map(|cs| (Span::new(cs, s_span.end), sp))
        } else {
            let mut e = c.span.start;
            let head = text[s_span.start..e].trim_end();
            e = s_span.start + head.trim_end_matches(',').len();
            // "Other cleavages, according to the poll, include ...": the source sits inside
            // the content, which is the whole sentence
            let inside = sp.as_ref().is_some_and(|x| {
                let rest = &text[x.span.end.min(s_span.end)..s_span.end];
                rest.trim_start().starts_with(',')
                    && word_count(rest) >= 3
                    && !Self::adjunct_tail(rest)
            }) && head.ends_with(',');
            if inside {
                Some((s_span, sp))
            } else {
                Some((Span::new(s_span.start, e), sp))
            }
        }
    }

    /// The cuts of reported `content`: before the [`MAX_CUES_CROSSED`]-th cue crossed, after a
    /// quotation opened inside, at the comma closing a subordinate clause holding the cue, before
    /// the speaker's further act.
    ///
    /// [`MAX_CUES_CROSSED`]: crate::budget::MAX_CUES_CROSSED
    fn cut_content(&self, cues: &[Cue], ci: usize, c: &Cue, content: Span) -> Span {
        let text = self.text();
        let mut content = trim_content(text, content);
        // a content running over several cues of its sentence with their own clauses (`He
        // said "yes" He said "yes" He said ...` with no sentence end) is cut before the
        // [`MAX_CUES_CROSSED`]-th of them
        if let Some(cut) = self.crossed_cue_cut(cues, ci, content) {
            content = trim_content(text, Span::new(content.start, cut));
        }
        // a quotation opened inside the content is never cut in half: the content runs to its
        // closing mark (reported speech going on with a multi-sentence quotation)
        if let Some(m) = self.marks[self.marks_opening_in(content.start, content.end)]
            .iter()
            .find(|m| {
                m.open >= content.start
                    && m.open < content.end
                    && m.close_end > content.end
                    && self.paragraph_of(m.open) == self.paragraph_of(m.close_end - 1)
            })
        {
            content = trim_content(text, Span::new(content.start, m.close_end));
        }
        // "While the president has said he opposes X, his administration ...": a cue in a
        // subordinate clause opening the sentence reports up to the comma before the main clause
        if let Some(cut) = self.subordinate_cut(c, content) {
            content = trim_content(text, Span::new(content.start, cut));
        }
        // "said that is a distortion, describing the team as ...": the speaker's further act
        // ends what was said
        if let Some(cut) = self.speaker_act_cut(content) {
            content = trim_content(text, Span::new(content.start, cut));
        }
        content
    }

    /// "said in his interview", "said when she resigned ...": an adverbial after the cue is not what
    /// was said; the content is then the reported clause after it, if any. None when `content`
    /// reports nothing (an adverbial alone, a reflexive object, an infinitive, too short).
    fn adverbial_content(&self, c: &Cue, mut content: Span) -> Option<Span> {
        let text = self.text();
        // "said in his interview", "said when she resigned ...": an adverbial, not what was
        // said; the reported clause, if any, follows its comma
        let first_word = text[content.range()]
            .split(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_lowercase();
        // "has not agreed to ...": an infinitive is not reported speech, but a commitment is
        // ("vowed to go after anyone who ...", "promised to release them")
        let commits = ["vow", "promis", "pledg"]
            .iter()
            .any(|v| self.lower[c.tok.start].starts_with(v));
        let adverbial = PREPOSITIONS.contains(&first_word.as_str())
            && !(commits && first_word == "to")
            || matches!(
                first_word.as_str(),
                "when" | "while" | "after" | "before" | "as" | "since" | "during" | "yesterday"
            )
            || model::WEEKDAY_NAMES.contains(&first_word.as_str())
                // "said Thursday's speeches have ...": a possessive is a noun phrase
                && !text[content.start + first_word.len()..].starts_with(['\'', '’']);
        // "responded to Sanders more aggressively", "responded by easing sanctions": a
        // reaction, not a statement, unless a reported clause or a quotation follows
        // "declared himself an independent", "revealed itself": a reflexive object
        if matches!(
            first_word.as_str(),
            "himself" | "herself" | "itself" | "themselves" | "myself" | "ourselves"
        ) {
            return None;
        }
        let reacts = self.lower[c.tok.start].starts_with("respond");
        if reacts && adverbial && content.start >= c.span.end {
            return None;
        }
        if adverbial && content.start >= c.span.end {
            // "wrote in both listings he was ...": a reported clause opened by a pronoun
            // subject right after the adverbial
            let t0 = self.tok_at(content.start);
            let pronoun_clause = (t0 + 1..(t0 + 10).min(self.doc.tokens.len()))
                .take_while(|&t| {
                    self.doc.tokens[t].span.end <= content.end
                        && !matches!(self.tok(t), "," | ";" | ":")
                })
                .find(|&t| matches!(self.lower[t].as_str(), "he" | "she" | "they" | "we"))
                .or_else(|| self.subject_after_bare_time(c, t0, content.end));
            match text[content.range()].find(',') {
                Some(k) if word_count(&text[content.start + k..content.end]) >= 4 => {
                    content = trim_content(text, Span::new(content.start + k + 1, content.end));
                }
                _ => match pronoun_clause {
                    Some(t) => {
                        content = trim_content(
                            text,
                            Span::new(self.doc.tokens[t].span.start, content.end),
                        );
                    }
                    None => return None,
                },
            }
        }
        if content.is_empty() || word_count(&text[content.range()]) < 3 {
            return None;
        }
        if text[content.range()].starts_with("to ") && !commits {
            return None;
        }
        Some(content)
    }

    /// "The president said Tuesday his actions are consistent with ...": when the adverbial is one
    /// bare time word (`Tuesday`, `today`) and the parse makes the next word the subject (or its
    /// determiner or possessor) of a clause complement (`ccomp`) of the cue's verb, that next
    /// token, where the reported clause starts.
    fn subject_after_bare_time(&self, c: &Cue, t0: usize, end: usize) -> Option<usize> {
        let syn = self.doc.syntax;
        let t = t0 + 1;
        if !is_bare_day(&self.lower[t0])
            || t >= self.doc.tokens.len()
            || self.doc.tokens[t].span.end > end
        {
            return None;
        }
        let v = *syn.token_word.get(c.tok.start)?;
        let w = &syn.words[*syn.token_word.get(t)? as usize];
        let subj = if w.deprel.starts_with("nsubj") {
            w
        } else {
            let h = &syn.words[w.head? as usize];
            (h.deprel.starts_with("nsubj") && h.span.start > w.span.start).then_some(h)?
        };
        let verb = &syn.words[subj.head? as usize];
        let complement =
            matches!(verb.deprel, "ccomp" | "parataxis") && verb.span.start > w.span.start;
        (complement && verb.head == Some(v)).then_some(t)
    }

    /// "Greene added that the Fed wants out. “They don’t like to talk about it.”": a quotation with
    /// no cue right after reported speech carries on that speaker's statement (`quotes` in text
    /// order).
    pub(super) fn carry_on_reported(&self, quotes: &mut [Quote]) {
        let text = self.text();
        for i in 1..quotes.len() {
            let (prev, cur) = (&quotes[i - 1], &quotes[i]);
            let gap = text.get(prev.span.end..cur.span.start).unwrap_or("x");
            if cur.kind == QuoteKind::Direct
                && cur.cue.is_none()
                && prev.kind != QuoteKind::Direct
                && prev.speaker_span.is_some()
                && !gap.chars().any(char::is_alphanumeric)
                && gap.matches('\n').count() <= 2
            {
                let p = prev.clone();
                let q = &mut quotes[i];
                q.speaker = p.speaker;
                q.speaker_span = p.speaker_span;
                q.speaker_entity_id = p.speaker_entity_id;
                q.speaker_canonical = p.speaker_canonical;
            }
        }
    }
}
