//! Speakers: a mention made a [`Speaker`] with its entity, the roles people are given in the article
//! (`the Secretary General of the Alliance`), gender, pronoun resolution to the latest speaker that
//! fits, and [`Analysis::finish_speaker`], the last step of every speaker lookup.

use super::text::{capitalised, is_word};
use super::words::{LEX, PREPOSITIONS};
use super::{Analysis, Speaker};
use crate::budget::{MAX_PRONOUN_CANDIDATES, MAX_TITLE_TOKENS};
use model::{EntityLabel, EntityMention, Span};
use std::collections::HashSet;

/// Adds a resolved speaker at `pos`, keeping `speakers` sorted by position (after those already at
/// `pos`).
pub(super) fn add_speaker(speakers: &mut Vec<(usize, Speaker)>, pos: usize, sp: &Speaker) {
    let k = speakers.partition_point(|x| x.0 <= pos);
    speakers.insert(k, (pos, sp.clone()));
}

impl<'d, 'a> Analysis<'d, 'a> {
    /// Role keywords given to each person: `ROLE Name`, `Name, ROLE,` and `ROLE, Name`.
    pub(super) fn find_roles(&self) -> Vec<(&'d EntityMention, HashSet<String>)> {
        let lex = &*LEX;
        let mut out = Vec::new();
        for m in self
            .doc
            .entities
            .iter()
            .filter(|m| m.label == EntityLabel::Per)
        {
            let mut keys: HashSet<String> = HashSet::new();
            let first = self.tok_at(m.span.start);
            // ROLE Name: contiguous title words before the name
            let mut i = first;
            while i > 0 {
                let w = &self.lower[i - 1];
                let t = self.tok(i - 1);
                if lex.roles.contains(w.as_str())
                    || (capitalised(t) && is_word(t))
                    || matches!(w.as_str(), "of" | "for" | "to")
                {
                    keys.insert(w.clone());
                    i -= 1;
                } else {
                    break;
                }
            }
            // ROLE, Name: "the Secretary General of the Alliance, Jens Stoltenberg"
            if first >= 2 && self.tok(first - 1) == "," {
                let mut j = first - 1;
                let mut seg = Vec::new();
                while j > 0 && !matches!(self.tok(j - 1), "," | "." | ";" | ":") && seg.len() < 10 {
                    seg.push(self.lower[j - 1].clone());
                    j -= 1;
                }
                if seg.iter().any(|w| lex.roles.contains(w.as_str())) {
                    keys.extend(seg);
                }
            }
            // Name, ROLE[,.]
            let last = self.tok_at(m.span.end);
            if last < self.doc.tokens.len() && self.tok(last) == "," {
                let mut j = last + 1;
                let mut seg = Vec::new();
                while j < self.doc.tokens.len()
                    && !matches!(self.tok(j), "," | "." | ";" | ":" | "(")
                    && seg.len() < 10
                {
                    seg.push(self.lower[j].clone());
                    j += 1;
                }
                if seg
                    .first()
                    .is_some_and(|w| lex.roles.contains(w.as_str()) || w == "the")
                    && seg.iter().any(|w| lex.roles.contains(w.as_str()))
                {
                    keys.extend(seg);
                }
            }
            keys.retain(|k| {
                !matches!(k.as_str(), "the" | "of" | "to" | "for" | "a" | "an" | "and")
            });
            if !keys.is_empty() {
                out.push((m, keys));
            }
        }
        out
    }

    /// A name the tagger called MISC right after a title ("Secretary of state Sherman"): a person.
    pub(super) fn titled(&self, m: &EntityMention) -> bool {
        let t = self.tok_at(m.span.start);
        m.label == EntityLabel::Misc
            && t > 0
            && (LEX.roles.contains(self.lower[t - 1].as_str())
                || matches!(self.lower[t - 1].as_str(), "state" | "affairs"))
            && capitalised(&m.text)
    }

    fn is_female(&self, m: &EntityMention) -> bool {
        let lex = &*LEX;
        let first = m
            .text
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lex.female.contains(first.as_str()) {
            return true;
        }
        let cf = m
            .canonical
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_lowercase();
        if lex.female.contains(cf.as_str()) {
            return true;
        }
        self.female_roles.contains(m.entity_id.as_str())
    }

    pub(super) fn speaker_from_mention(&self, m: &EntityMention) -> Speaker {
        // extend a person's name left over its title ("Kremlin spokesman Dmitry Peskov"); "the Kremlin"
        let lex = &*LEX;
        let first = self.tok_at(m.span.start);
        let mut i = first;
        let mut start = m.span.start;
        if m.label == EntityLabel::Per {
            // never over the sentence start ("…,” said He\n\nDmitry Peskov wrote": no title)
            while i > 0 && self.tok_sent[i - 1] == self.tok_sent[first] {
                let w = &self.lower[i - 1];
                let t = self.tok(i - 1);
                let sent_start = self
                    .doc
                    .sentences
                    .get(self.tok_sent[i - 1])
                    .is_some_and(|s| s.tokens.start == i - 1);
                let titled = lex.roles.contains(w.as_str())
                    || (capitalised(t)
                        && is_word(t)
                        && (!sent_start || self.mention_at_token(i - 1).is_some()));
                let connector = matches!(w.as_str(), "of" | "for" | "to")
                    && i >= 2
                    && (capitalised(self.tok(i - 2))
                        || lex.roles.contains(self.lower[i - 2].as_str()));
                if titled || (connector && i - 1 < first) {
                    if first - i >= MAX_TITLE_TOKENS {
                        self.capped_titles.set(self.capped_titles.get() + 1);
                        break;
                    }
                    i -= 1;
                    start = self.doc.tokens[i].span.start;
                } else {
                    break;
                }
            }
            // never start on a connector
            while start < m.span.start {
                let t = self.tok_at(start);
                if matches!(self.lower[t].as_str(), "of" | "for" | "to") {
                    start = self.doc.tokens[t + 1].span.start;
                } else {
                    break;
                }
            }
        } else if first > 0 && self.lower[first - 1] == "the" {
            start = self.doc.tokens[first - 1].span.start;
        }
        let span = Span::new(start, m.span.end);
        Speaker {
            text: span.slice(self.text()).to_string(),
            span,
            entity: Some((m.entity_id.clone(), m.canonical.clone())),
            label: Some(m.label),
            pronoun: false,
        }
    }

    /// Person (or group) a pronoun at byte `anchor` refers to: the most recent subject or speaker.
    fn resolve_pronoun(
        &self,
        pron: &str,
        anchor: usize,
        speakers: &[(usize, Speaker)],
    ) -> Option<Speaker> {
        let want_per = matches!(pron, "he" | "she" | "i");
        let para = self.paragraph_of(anchor);
        let min_para = para.saturating_sub(2);
        // paragraph_of(pos) >= min_para
        let floor = match min_para {
            0 => 0,
            k => self.paragraphs.get(k).map_or(0, |p| p.start),
        };
        // candidates: subject mentions and resolved speakers before the anchor, in the last three
        // paragraphs; the most recent one that fits (of two at the same place, the speaker, then
        // the first listed)
        let fits = |sp: &Speaker| {
            let Some(label) = sp.label else { return false };
            let ok = if want_per {
                label == EntityLabel::Per
            } else {
                matches!(label, EntityLabel::Org | EntityLabel::Loc)
            };
            if !ok {
                return false;
            }
            if want_per {
                let found = sp
                    .entity
                    .as_ref()
                    .and_then(|(id, c)| self.first_mention.get(&(id.as_str(), c.as_str())));
                if let Some(m) = found {
                    let female = self.is_female(m);
                    if (pron == "she") != female {
                        return false;
                    }
                }
            }
            true
        };
        // `speakers` and `subjects` are sorted by position: walk back from the anchor
        let from_speakers = self
            .latest_fit(
                speakers[..speakers.partition_point(|x| x.0 < anchor)]
                    .iter()
                    .map(|(pos, sp)| (*pos, sp)),
                floor,
                &|sp: &Speaker| sp.entity.is_some() && fits(sp),
            )
            .map(|(pos, sp)| (pos, sp.clone()));
        let subjects = &self.subjects[..self.subjects.partition_point(|m| m.span.start < anchor)];
        let from_subjects = self.latest_fit(
            subjects
                .iter()
                .map(|m| (m.span.start, self.speaker_from_mention(m))),
            floor,
            &fits,
        );
        match (from_speakers, from_subjects) {
            (Some(a), Some(b)) if b.0 > a.0 => Some(b.1),
            (Some(a), _) => Some(a.1),
            (None, b) => b.map(|b| b.1),
        }
    }

    /// Of candidates sorted by position (walked from the last), the last one at or after `floor`
    /// that `fits` (the first listed of several at that position), looking at no more than
    /// [`MAX_PRONOUN_CANDIDATES`].
    fn latest_fit<S: std::borrow::Borrow<Speaker>>(
        &self,
        cands: impl DoubleEndedIterator<Item = (usize, S)>,
        floor: usize,
        fits: &dyn Fn(&Speaker) -> bool,
    ) -> Option<(usize, S)> {
        let mut best: Option<(usize, S)> = None;
        for (k, (pos, sp)) in cands.rev().enumerate() {
            if pos < floor || best.as_ref().is_some_and(|b| pos < b.0) {
                break;
            }
            if k == MAX_PRONOUN_CANDIDATES {
                self.capped_pronouns.set(self.capped_pronouns.get() + 1);
                break;
            }
            if fits(sp.borrow()) {
                best = Some((pos, sp));
            }
        }
        best
    }

    /// Subject-ish mentions: per sentence, the first entity outside quotations not after a preposition.
    pub(super) fn find_subjects(&self) -> Vec<&'d EntityMention> {
        let mut out = Vec::new();
        let mut seen_sent = HashSet::new();
        let mut person_sent = HashSet::new();
        for m in &self.outside {
            let t = self.tok_at(m.span.start);
            let prev = if t > 0 {
                self.lower[t - 1].as_str()
            } else {
                ""
            };
            if PREPOSITIONS.contains(&prev) || prev == "'s" {
                continue;
            }
            if seen_sent.insert(m.sentence) {
                if m.label == EntityLabel::Per {
                    person_sent.insert(m.sentence);
                }
                out.push(*m);
            } else if m.label == EntityLabel::Per && person_sent.insert(m.sentence) {
                // a sentence led by an organisation or place may still have a person subject
                out.push(*m);
            }
        }
        out
    }

    /// Matches a role noun phrase (`the Secretary General of the Alliance`) to a person.
    // TODO(issue 14): this scans every role given in the article for each role noun phrase
    // (roles x cues); index the roles by head keyword if articles with thousands of titled people
    // turn up (not seen in profiles of 4 MB articles).
    pub(super) fn resolve_role(
        &self,
        words: &[String],
        anchor: usize,
    ) -> Option<&'d EntityMention> {
        let lex = &*LEX;
        let keys: Vec<&String> = words
            .iter()
            .filter(|w| {
                !matches!(
                    w.as_str(),
                    "the" | "of" | "to" | "for" | "a" | "an" | "and" | "his" | "her" | "its"
                )
            })
            .collect();
        let head = words
            .iter()
            .rev()
            .find(|w| lex.roles.contains(w.as_str()))?;
        let mut best: Option<(f32, usize, &EntityMention)> = None;
        for (m, rk) in &self.roles {
            if !rk.contains(head.as_str()) {
                continue;
            }
            let overlap = keys.iter().filter(|k| rk.contains(k.as_str())).count() as f32
                / keys.len().max(1) as f32;
            if overlap < 0.5 {
                continue;
            }
            // prefer the closest mention before the anchor, then any
            let dist = if m.span.start <= anchor {
                anchor - m.span.start
            } else {
                usize::MAX / 2 + m.span.start
            };
            if best.is_none_or(|(o, d, _)| overlap > o || (overlap == o && dist < d)) {
                best = Some((overlap, dist, m));
            }
        }
        best.map(|b| b.2)
    }

    /// Tokens `first..=last` as a speaker written out but not resolved to an entity.
    pub(super) fn unresolved_speaker(&self, first: usize, last: usize) -> Speaker {
        let span = Span::new(
            self.doc.tokens[first].span.start,
            self.doc.tokens[last].span.end,
        );
        Speaker {
            text: span.slice(self.text()).to_string(),
            span,
            entity: None,
            label: None,
            pronoun: false,
        }
    }

    /// Resolves a pronoun speaker; a name fragment right after the cue's sentence wins
    /// (`“...,” he said. Jens Stoltenberg, Secretary General of NATO.`).
    pub(super) fn finish_speaker(
        &self,
        sp: Option<Speaker>,
        anchor: usize,
        cue_end: usize,
        speakers: &[(usize, Speaker)],
    ) -> Option<Speaker> {
        let mut sp = sp?;
        if !sp.pronoun {
            return Some(sp);
        }
        let pron = match sp.text.to_lowercase().as_str() {
            "him" => "he".to_string(),
            "her" => "she".to_string(),
            "them" => "they".to_string(),
            p => p.to_string(),
        };
        let rest = &self.text()[cue_end..];
        let skipped = rest.len()
            - rest
                .trim_start_matches(|c: char| c.is_whitespace() || c == '.' || c == ',')
                .len();
        let after = cue_end + skipped;
        if rest[..skipped].contains('.') {
            let from = self.outside.partition_point(|m| m.span.start < after);
            if let Some(m) = self.outside[from..]
                .iter()
                .take_while(|m| m.span.start == after)
                .find(|m| m.label == EntityLabel::Per)
            {
                // the fragment has no verb of its own: it ends soon, at a full stop
                let tail = &self.text()[m.span.end..];
                let frag_end = tail.find(['.', '\n']).unwrap_or(tail.len());
                let frag = &tail[..frag_end];
                let has_cue = self.cue_words_in(frag);
                if frag.split_whitespace().count() <= 12
                    && !has_cue
                    && (frag.trim_start().starts_with(',') || frag.trim().is_empty())
                {
                    sp.entity = Some((m.entity_id.clone(), m.canonical.clone()));
                    sp.label = Some(m.label);
                    return Some(sp);
                }
            }
        }
        if let Some(r) = self.resolve_pronoun(&pron, anchor, speakers) {
            sp.entity = r.entity;
            sp.label = r.label;
        }
        Some(sp)
    }
}
