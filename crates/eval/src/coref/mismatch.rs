//! Error analysis of mention detection (`train-coref --mentions [dev]`): every gold mention in a
//! chain that lede does not detect with its exact span, classed by how lede's mention with the
//! same head word differs (too long or too short on the left or right, by the dependency relation
//! of the words in between, as lede's parse has them) or, when lede has no mention with that head,
//! by the head word's part of speech and relation; and every mention lede detects that GUM does
//! not mark (singletons included), by the same classes. Counts with a few examples each.

use super::gold::GoldDoc;
use model::{Extraction, Span, Word};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt::Write;
use std::ops::Range;

/// Counts and examples by class.
#[derive(Default)]
pub struct Classes {
    by: BTreeMap<String, (usize, Vec<String>)>,
}

impl Classes {
    fn add(&mut self, class: String, example: impl FnOnce() -> String) {
        let e = self.by.entry(class).or_default();
        e.0 += 1;
        if e.1.len() < 4 {
            e.1.push(example());
        }
    }

    /// The classes, most frequent first, each with its examples.
    pub fn report(&self, title: &str, total: usize) -> String {
        let mut v: Vec<(&String, &(usize, Vec<String>))> = self.by.iter().collect();
        v.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
        let n: usize = v.iter().map(|x| x.1 .0).sum();
        let mut out = format!("== {title}: {n} of {total}\n");
        for (class, (count, ex)) in v {
            let _ = writeln!(out, "{count:6}  {class}");
            for e in ex {
                let _ = writeln!(out, "          {e}");
            }
        }
        out
    }
}

/// The words of `span` (indices into `words`), if its edges are word edges.
fn words_of(words: &[Word], span: &Range<usize>) -> Option<Range<usize>> {
    let lo = words.partition_point(|w| w.span.start < span.start);
    let hi = words.partition_point(|w| w.span.end <= span.end);
    let aligned =
        lo < hi && words[lo].span.start == span.start && words[hi - 1].span.end == span.end;
    aligned.then_some(lo..hi)
}

/// The words of a range whose head lies outside it (the phrase's roots).
fn roots(words: &[Word], r: &Range<usize>) -> Vec<usize> {
    r.clone()
        .filter(|&i| words[i].head.is_none_or(|h| !r.contains(&(h as usize))))
        .collect()
}

/// How a stretch of words differs: the relation and part of speech of its top word (the one
/// attached outside the stretch).
fn describe(words: &[Word], r: Range<usize>) -> String {
    let top = roots(words, &r);
    let w = top
        .iter()
        .map(|&i| &words[i])
        .find(|w| w.upos != "PUNCT")
        .unwrap_or(&words[top[0]]);
    format!("{}/{}", w.deprel, w.upos)
}

/// The text with the span in brackets and some context.
fn show(text: &str, s: &Range<usize>, other: Option<&Range<usize>>) -> String {
    let lo = text.floor_char_boundary(s.start.saturating_sub(40));
    let hi = text.ceil_char_boundary((s.end + 30).min(text.len()));
    let mut out = format!(
        "{}[{}]{}",
        &text[lo..s.start],
        &text[s.clone()],
        &text[s.end..hi]
    )
    .replace('\n', " ");
    if let Some(o) = other {
        let _ = write!(out, "   || other: [{}]", text[o.clone()].replace('\n', " "));
    }
    out
}

/// How the span `have` (words) differs from `want` (words), both with one head.
fn span_class(words: &[Word], want: &Range<usize>, have: &Range<usize>) -> String {
    let mut parts = Vec::new();
    if have.start < want.start {
        parts.push(format!(
            "long left {}",
            describe(words, have.start..want.start)
        ));
    } else if have.start > want.start {
        parts.push(format!(
            "short left {}",
            describe(words, want.start..have.start)
        ));
    }
    if have.end > want.end {
        parts.push(format!(
            "long right {}",
            describe(words, want.end..have.end)
        ));
    } else if have.end < want.end {
        parts.push(format!(
            "short right {}",
            describe(words, have.end..want.end)
        ));
    }
    parts.join(" + ")
}

/// The head word of a stretch of words: its one root, or the first nominal of its roots.
fn head_of(words: &[Word], r: &Range<usize>) -> (usize, bool) {
    let rs = roots(words, r);
    let nominal = rs
        .iter()
        .copied()
        .find(|&i| matches!(words[i].upos, "NOUN" | "PROPN" | "PRON" | "NUM"));
    (nominal.unwrap_or(rs[0]), rs.len() > 1)
}

/// The missed gold mentions (in chains) and the unmatched lede mentions of the documents, each
/// `(gold, extraction, lede's mention spans)`.
pub fn analyse(docs: &[(&GoldDoc, &Extraction, Vec<Span>)]) -> (Classes, Classes, usize, usize) {
    let mut missed = Classes::default();
    let mut extra = Classes::default();
    let (mut n_gold, mut n_sys) = (0, 0);
    for (d, ex, sys) in docs {
        let words = &ex.syntax.words;
        let mut size: HashMap<&str, usize> = HashMap::new();
        for m in &d.mentions {
            *size.entry(m.entity.as_str()).or_default() += 1;
        }
        let sys_spans: HashSet<Range<usize>> = sys.iter().map(|s| s.start..s.end).collect();
        let gold_spans: HashSet<Range<usize>> = d.mentions.iter().map(|m| m.span.clone()).collect();
        // lede's mentions by head word (the head of their words in lede's parse)
        let mut sys_by_head: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        for s in sys {
            if let Some(r) = words_of(words, &(s.start..s.end)) {
                sys_by_head.entry(head_of(words, &r).0).or_default().push(r);
            }
        }
        let mut gold_by_head: HashMap<usize, Vec<Range<usize>>> = HashMap::new();
        for m in &d.mentions {
            if let Some(r) = words_of(words, &m.span) {
                gold_by_head
                    .entry(head_of(words, &r).0)
                    .or_default()
                    .push(r);
            }
        }
        for m in d.mentions.iter().filter(|m| size[m.entity.as_str()] > 1) {
            n_gold += 1;
            if sys_spans.contains(&m.span) {
                continue;
            }
            let ex_of = |o: Option<&Range<usize>>| show(&d.text, &m.span, o);
            let Some(r) = words_of(words, &m.span) else {
                missed.add("token edges differ".into(), || ex_of(None));
                continue;
            };
            let (h, several) = head_of(words, &r);
            let class = match sys_by_head.get(&h) {
                Some(have) => {
                    let best = have
                        .iter()
                        .min_by_key(|x| x.start.abs_diff(r.start) + x.end.abs_diff(r.end))
                        .expect("one");
                    let sp = words[best.start].span.start..words[best.end - 1].span.end;
                    let c = span_class(words, &r, best);
                    let c = if several {
                        format!("{c} (gold has several roots)")
                    } else {
                        c
                    };
                    missed.add(c, || ex_of(Some(&sp)));
                    continue;
                }
                None => {
                    let w = &words[h];
                    let pron = if w.upos == "PRON" || w.upos == "DET" {
                        format!(" {}", w.lemma.to_lowercase())
                    } else {
                        String::new()
                    };
                    format!(
                        "missing: head {}/{}{pron}{} [{}]",
                        w.deprel,
                        w.upos,
                        if several { " (several roots)" } else { "" },
                        m.etype
                    )
                }
            };
            missed.add(class, || ex_of(None));
        }
        for s in sys {
            n_sys += 1;
            let s = s.start..s.end;
            if gold_spans.contains(&s) {
                continue;
            }
            let ex_of = |o: Option<&Range<usize>>| show(&d.text, &s, o);
            let Some(r) = words_of(words, &s) else {
                extra.add("token edges differ".into(), || ex_of(None));
                continue;
            };
            let (h, _) = head_of(words, &r);
            match gold_by_head.get(&h) {
                Some(want) => {
                    let best = want
                        .iter()
                        .min_by_key(|x| x.start.abs_diff(r.start) + x.end.abs_diff(r.end))
                        .expect("one");
                    let gp = words[best.start].span.start..words[best.end - 1].span.end;
                    extra.add(span_class(words, best, &r), || ex_of(Some(&gp)));
                }
                None => {
                    let w = &words[h];
                    extra.add(format!("not in GUM: head {}/{}", w.deprel, w.upos), || {
                        ex_of(None)
                    });
                }
            }
        }
    }
    (missed, extra, n_gold, n_sys)
}
