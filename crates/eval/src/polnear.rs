//! Scoring quote extraction on PolNeAR (political news attribution relations, brat standoff).
//!
//! [`eval_polnear`] runs the whole [`extract::Pipeline`] (tokens, sentences, NER, resolution, quotes)
//! on every article of a PolNeAR split folder (`data/<split>`, first annotation file of each article)
//! and compares the quotes with the gold attributions **whose cue is a speech act**: the cue contains a
//! speech verb of `crates/extract/lexicons/speech_cues.txt` (any inflection listed there, any case) or
//! `according to`; attributions of belief or intention (`believes`, `wants`) are left out on both
//! sides.
//!
//! Matching is on word tokens: a system quote and a gold content match at threshold `t` when their
//! shared words are at least `t` of the gold content's words and at least `t` of the system quote's
//! (one-to-one, best overlap first); "exact" means the same words. A follow-on quote (no cue of its
//! own, same speaker mention, in the same paragraph or opening the next) joins the quote before it
//! (or that speaker's last quotation, past their reported clauses such as `, noting that ...`),
//! as PolNeAR's discontinuous contents do (`“A,” he said. ¶ “B.”` is one attribution there). The
//! quote's own cue and speaker words are not content even when its span runs across them
//! (`Acts of protest, Mr. Obama said, are acts of patriotism` is two pieces in PolNeAR). For
//! matched pairs, the cue is right when the spans overlap, and the speaker is right when the system
//! speaker span overlaps the gold source span (pairs whose gold attribution has a source only).
//!
//! Development aids, read from the environment and never changing the score:
//! `LEDE_QUOTE_ERRORS=1` prints missed, misbounded and spurious quotes and wrong speakers to stderr;
//! `LEDE_QUOTE_DUMP=<article stem part>` prints one article's system and gold attributions;
//! `LEDE_QUOTE_JSON=<file>` appends one JSON line per article (text, gold and system spans).

use extract::{ExtractError, Pipeline};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// One gold attribution: byte spans of content, cue and source.
struct Gold {
    content: (usize, usize),
    /// The content's fragments (discontinuous content: `“A,” he said. “B”`).
    parts: Vec<(usize, usize)>,
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
}

/// Byte offset of every char offset (and of the end).
fn byte_of_char(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

fn parse_ann(ann: &str, text: &str) -> Vec<(Gold, String)> {
    let b = byte_of_char(text);
    let at = |c: usize| b.get(c).copied().unwrap_or(text.len());
    let mut spans: HashMap<String, (usize, usize)> = HashMap::new();
    let mut fragments: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for line in ann.lines() {
        let mut f = line.splitn(3, '\t');
        let (Some(id), Some(meta)) = (f.next(), f.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let mut parts = meta.split_whitespace();
        parts.next();
        let rest: String = parts.collect::<Vec<_>>().join(" ");
        let nums: Vec<usize> = rest
            .split([' ', ';'])
            .filter_map(|x| x.parse().ok())
            .collect();
        let frags: Vec<(usize, usize)> = nums
            .chunks(2)
            .filter(|c| c.len() == 2)
            .map(|c| (at(c[0]), at(c[1])))
            .collect();
        if let (Some(s), Some(e)) = (nums.iter().min(), nums.iter().max()) {
            spans.insert(id.to_string(), (at(*s), at(*e)));
            fragments.insert(id.to_string(), frags);
        }
    }
    let mut out = Vec::new();
    for line in ann.lines().filter(|l| l.starts_with('E')) {
        let roles: HashMap<&str, &str> = line
            .split('\t')
            .nth(1)
            .unwrap_or("")
            .split_whitespace()
            .filter_map(|r| r.split_once(':'))
            .collect();
        let get = |k: &str| roles.get(k).and_then(|id| spans.get(*id)).copied();
        let Some(content) = get("Content") else {
            continue;
        };
        let parts = roles
            .get("Content")
            .and_then(|id| fragments.get(*id))
            .cloned()
            .unwrap_or_else(|| vec![content]);
        let cue = get("Cue");
        let cue_text = cue.map(|(s, e)| text[s..e].to_string()).unwrap_or_default();
        out.push((
            Gold {
                content,
                parts,
                cue,
                source: get("Source"),
            },
            cue_text,
        ));
    }
    out
}

/// Appends one JSON line per article (text, gold and system spans) for offline error analysis
/// (`LEDE_QUOTE_JSON=file`): a development aid, never used by the score.
fn dump_json(
    path: &Path,
    stem: &str,
    text: &str,
    gold: &[Gold],
    sys: &[&model::Quote],
    extra: &[Vec<(usize, usize)>],
) {
    use std::io::Write;
    let span = |s: Option<model::Span>| s.map(|s| [s.start, s.end]);
    let line = serde_json::json!({
        "doc": stem,
        "text": text,
        "gold": gold.iter().map(|g| serde_json::json!({
            "parts": g.parts, "cue": g.cue, "source": g.source,
        })).collect::<Vec<_>>(),
        "sys": sys.iter().zip(extra).map(|(q, more)| serde_json::json!({
            "span": [q.span.start, q.span.end], "more": more, "kind": q.kind.as_str(),
            "cue": span(q.cue_span), "speaker": span(q.speaker_span),
        })).collect::<Vec<_>>(),
    });
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
    {
        let _ = writeln!(f, "{line}");
    }
}

/// Word-token byte ranges of a text.
fn words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
        } else if let Some(s) = start.take() {
            out.push((s, i));
        }
    }
    if let Some(s) = start {
        out.push((s, text.len()));
    }
    out
}

fn word_set(ws: &[(usize, usize)], span: (usize, usize)) -> HashSet<usize> {
    ws.iter()
        .enumerate()
        .filter(|(_, w)| w.0 >= span.0 && w.1 <= span.1)
        .map(|(i, _)| i)
        .collect()
}

/// System quotes as scored, each with the extra parts joined to it.
type QuoteUnits<'q> = (Vec<&'q model::Quote>, Vec<Vec<(usize, usize)>>);

/// The system quotes as PolNeAR units: a follow-on quote (no cue of its own, attributed to the same
/// speaker mention) continues the quote before it when it sits in the same paragraph or opens the
/// next. PolNeAR gives `“A,” he said. “B”`, `“A,” said X, a long appositive. ¶ “B.”` and a
/// quotation running over paragraphs as one discontinuous content. The quote continued is the last
/// one, or the last quotation of that speaker mention past their reported clauses in between
/// (`“A,” X said, noting that ... “B.”`). Returns the units with the extra parts of each.
fn join_follow_ons<'q>(text: &str, all: Vec<&'q model::Quote>) -> QuoteUnits<'q> {
    let mut sys: Vec<&model::Quote> = Vec::new();
    let mut extra: Vec<Vec<(usize, usize)>> = Vec::new();
    for q in all {
        let same = |j: usize| sys[j].speaker_span == q.speaker_span;
        let target = (q.cue.is_none() && q.speaker_span.is_some())
            .then(|| {
                sys.iter()
                    .rposition(|p| {
                        p.speaker_span != q.speaker_span || p.kind == model::QuoteKind::Direct
                    })
                    .filter(|&j| same(j))
                    .or_else(|| sys.len().checked_sub(1).filter(|&j| same(j)))
            })
            .flatten();
        if let Some(j) = target {
            let end = extra[j].last().map_or(sys[j].span.end, |x| x.1);
            let gap = text.get(end..q.span.start).unwrap_or("\n");
            let adjacent = gap
                .split('\n')
                .skip(1)
                .all(|x| !x.chars().any(char::is_alphanumeric));
            if adjacent {
                extra[j].push((q.span.start, q.span.end));
                continue;
            }
        }
        sys.push(q);
        extra.push(Vec::new());
    }
    (sys, extra)
}

/// The words a system quote offers as content: its span and follow-on parts, less its own cue and
/// speaker. In `Acts of protest, Mr. Obama said, are acts of patriotism` the quote's span is the
/// whole sentence, while PolNeAR's content is the two pieces around the cue and its speaker.
fn content_words(
    ws: &[(usize, usize)],
    q: &model::Quote,
    more: &[(usize, usize)],
) -> HashSet<usize> {
    let mut set = word_set(ws, (q.span.start, q.span.end));
    for p in more {
        set.extend(word_set(ws, *p));
    }
    for own in [q.cue_span, q.speaker_span].into_iter().flatten() {
        for w in word_set(ws, (own.start, own.end)) {
            set.remove(&w);
        }
    }
    set
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Is this cue a speech act (per the speech cue lexicon)?
/// Case does not matter: `According to`, a headline's `Says`.
fn speech_cue(cue: &str) -> bool {
    let cue = cue.to_lowercase();
    let ws: Vec<&str> = cue
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    extract::lexicon::speech_cues().cues.iter().any(|c| {
        c.len() <= ws.len()
            && ws
                .windows(c.len())
                .any(|w| w.iter().zip(c).all(|(a, b)| *a == b.as_str()))
    })
}

/// Scores the pipeline's quotes on one PolNeAR split folder (`.../data/test`).
pub fn eval_polnear(split_dir: &Path, pipeline: &Pipeline) -> Result<String, ExtractError> {
    eval_polnear_dump(split_dir, pipeline, None)
}

/// [`eval_polnear`], also writing every quote the pipeline finds (all of them, before the scorer's
/// speech-cue filter), one line per quote in text order, `<article stem>\t<the quote, Debug>`, to
/// `dump` (`lede eval quotes --dump`, used by `just golden` to prove a change leaves quotes alone).
pub fn eval_polnear_dump(
    split_dir: &Path,
    pipeline: &Pipeline,
    dump: Option<&Path>,
) -> Result<String, ExtractError> {
    let mut dump_out = open_dump(dump)?;
    let (texts, anns) = read_split(split_dir)?;
    let mut tally = Tally::default();
    for t in &texts {
        let stem = t
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Some(ann_path) = anns.iter().find(|a| {
            a.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(&format!("{stem}_")))
        }) else {
            continue;
        };
        let text = std::fs::read_to_string(t).map_err(|e| split_err(split_dir, e))?;
        let ann = std::fs::read_to_string(ann_path).map_err(|e| split_err(split_dir, e))?;
        tally.docs += 1;
        let doc = Doc {
            split_dir,
            stem: &stem,
            text: &text,
            ann: &ann,
        };
        score_document(&doc, pipeline, dump_out.as_mut(), &mut tally)?;
    }
    Ok(report(split_dir, &tally))
}

/// Counts over a split: gold and system quotes, matches per threshold, cue and speaker accuracy.
#[derive(Default)]
struct Tally {
    docs: usize,
    n_gold: usize,
    n_sys: usize,
    matched: [usize; 3],
    cue_ok: usize,
    cue_n: usize,
    spk_ok: usize,
    spk_n: usize,
}

/// One article of a split: its folder, stem, text and annotation file's content.
struct Doc<'a> {
    split_dir: &'a Path,
    stem: &'a str,
    text: &'a str,
    ann: &'a str,
}

/// The content-match thresholds, in the report's order.
const THRESHOLDS: [f64; 3] = [0.3, 0.8, 1.0];

/// A failure to read the split folder `split_dir`.
fn split_err(split_dir: &Path, e: impl ToString) -> ExtractError {
    ExtractError::Load {
        what: "PolNeAR split",
        path: split_dir.display().to_string(),
        reason: e.to_string(),
    }
}

/// Creates the quote dump file, if one is asked for.
fn open_dump(
    dump: Option<&Path>,
) -> Result<Option<std::io::BufWriter<std::fs::File>>, ExtractError> {
    Ok(match dump {
        Some(p) => Some(std::io::BufWriter::new(std::fs::File::create(p).map_err(
            |e| ExtractError::Load {
                what: "quote dump",
                path: p.display().to_string(),
                reason: e.to_string(),
            },
        )?)),
        None => None,
    })
}

/// The text files and the annotation files of a split folder, each sorted by path.
type SplitFiles = (Vec<std::path::PathBuf>, Vec<std::path::PathBuf>);

/// Lists the split's text and attribution files (each list sorted).
fn read_split(split_dir: &Path) -> Result<SplitFiles, ExtractError> {
    let err = |e: std::io::Error| split_err(split_dir, e);
    let mut texts: Vec<_> = std::fs::read_dir(split_dir.join("text"))
        .map_err(err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    texts.sort();
    let mut anns: Vec<_> = std::fs::read_dir(split_dir.join("attributions"))
        .map_err(err)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    anns.sort();
    Ok((texts, anns))
}

/// Runs the pipeline on one article, dumps its quotes, and adds its gold and system quotes and
/// their matches to `tally`.
fn score_document(
    doc: &Doc,
    pipeline: &Pipeline,
    dump_out: Option<&mut std::io::BufWriter<std::fs::File>>,
    tally: &mut Tally,
) -> Result<(), ExtractError> {
    let (stem, text, ann) = (doc.stem, doc.text, doc.ann);
    let gold: Vec<Gold> = parse_ann(ann, text)
        .into_iter()
        .filter(|(_, cue)| speech_cue(cue))
        .map(|(g, _)| g)
        .collect();
    let ex = pipeline.run(&crate::english_article(stem, text))?;
    if let Some(out) = dump_out {
        use std::io::Write;
        for q in &ex.quotes {
            writeln!(out, "{stem}\t{q:?}").map_err(|e| split_err(doc.split_dir, e))?;
        }
    }
    if std::env::var("LEDE_QUOTE_DUMP").is_ok_and(|d| stem.contains(&d)) {
        print_attributions(text, ann, &ex.quotes);
    }
    let ws = words(text);
    let all: Vec<_> = ex
        .quotes
        .iter()
        .filter(|q| q.cue.as_deref().is_none_or(speech_cue))
        .collect();
    let (sys, extra) = join_follow_ons(text, all);
    if let Some(path) = std::env::var_os("LEDE_QUOTE_JSON") {
        dump_json(Path::new(&path), stem, text, &gold, &sys, &extra);
    }
    tally.n_gold += gold.len();
    tally.n_sys += sys.len();
    let gsets: Vec<HashSet<usize>> = gold
        .iter()
        .map(|g| g.parts.iter().flat_map(|p| word_set(&ws, *p)).collect())
        .collect();
    let ssets: Vec<HashSet<usize>> = sys
        .iter()
        .zip(&extra)
        .map(|(q, more)| content_words(&ws, q, more))
        .collect();
    let cands = candidate_pairs(&gsets, &ssets);
    if std::env::var_os("LEDE_QUOTE_ERRORS").is_some() {
        print_errors(doc, &gold, &sys, (&gsets, &ssets), &cands);
    }
    count_matches(text, &gold, &sys, &cands, tally);
    Ok(())
}

/// Prints one article's system quotes and gold attributions to stderr (`LEDE_QUOTE_DUMP`).
fn print_attributions(text: &str, ann: &str, quotes: &[model::Quote]) {
    for q in quotes {
        eprintln!(
            "SYS {:?} cue={:?} spk={:?} :: {}",
            q.kind, q.cue, q.speaker, q.text
        );
    }
    for g in parse_ann(ann, text) {
        let parts: Vec<&str> = g.0.parts.iter().map(|p| &text[p.0..p.1]).collect();
        eprintln!(
            "GOLD cue={:?} src={:?} :: {}",
            g.1,
            g.0.source.map(|s| &text[s.0..s.1]),
            parts.join(" ||| ")
        );
    }
}

/// Every (gold, system) pair sharing words, with its overlap, best first.
fn candidate_pairs(gsets: &[HashSet<usize>], ssets: &[HashSet<usize>]) -> Vec<(f64, usize, usize)> {
    // all candidate pairs with their overlap (min of the two ratios), best first
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, g) in gsets.iter().enumerate() {
        for (si, s) in ssets.iter().enumerate() {
            let inter = g.intersection(s).count();
            if inter == 0 || g.is_empty() || s.is_empty() {
                continue;
            }
            let r = (inter as f64 / g.len() as f64).min(inter as f64 / s.len() as f64);
            cands.push((r, gi, si));
        }
    }
    cands.sort_by(|a, b| b.0.total_cmp(&a.0));
    cands
}

/// Prints missed, misbounded and spurious quotes of one article to stderr (`LEDE_QUOTE_ERRORS`).
fn print_errors(
    doc: &Doc,
    gold: &[Gold],
    sys: &[&model::Quote],
    (gsets, ssets): (&[HashSet<usize>], &[HashSet<usize>]),
    cands: &[(f64, usize, usize)],
) {
    let (stem, text) = (doc.stem, doc.text);
    let mut best_g: HashMap<usize, (f64, usize)> = HashMap::new();
    for &(r, gi, si) in cands {
        best_g.entry(gi).or_insert((r, si));
    }
    for (gi, g) in gold.iter().enumerate() {
        let gt = &text[g.content.0..g.content.1];
        match best_g.get(&gi) {
            None => eprintln!(
                "MISSED {stem} cue={:?} src={:?} :: {}",
                g.cue.map(|c| &text[c.0..c.1]),
                g.source.map(|c| &text[c.0..c.1]),
                gt.chars().take(120).collect::<String>()
            ),
            Some((r, si)) if *r < 0.8 => eprintln!(
                "BOUNDARY {r:.2} {stem} g={} s={} i={} kind={:?} cue={:?}\n  gold: {}\n  sys:  {}",
                gsets[gi].len(),
                ssets[*si].len(),
                gsets[gi].intersection(&ssets[*si]).count(),
                sys[*si].kind,
                sys[*si].cue,
                gt.chars().take(160).collect::<String>(),
                sys[*si].text.chars().take(160).collect::<String>()
            ),
            _ => {}
        }
    }
    let matched_s: HashSet<usize> = cands.iter().map(|c| c.2).collect();
    for (si, q) in sys.iter().enumerate() {
        if !matched_s.contains(&si) {
            eprintln!(
                "SPURIOUS {stem} cue={:?} :: {}",
                q.cue,
                q.text.chars().take(160).collect::<String>()
            );
        }
    }
}

/// Matches gold and system quotes one-to-one (best overlap first) at each threshold, counting
/// the matches and, at the lowest threshold, right cues and speakers.
fn count_matches(
    text: &str,
    gold: &[Gold],
    sys: &[&model::Quote],
    cands: &[(f64, usize, usize)],
    tally: &mut Tally,
) {
    for (k, th) in THRESHOLDS.iter().enumerate() {
        let (mut gu, mut su) = (HashSet::new(), HashSet::new());
        for &(r, gi, si) in cands {
            if r + 1e-9 < *th || gu.contains(&gi) || su.contains(&si) {
                continue;
            }
            gu.insert(gi);
            su.insert(si);
            tally.matched[k] += 1;
            if k == 0 {
                check_cue_and_speaker(text, &gold[gi], sys[si], tally);
            }
        }
    }
}

/// Counts whether a matched pair's cue and speaker are right.
fn check_cue_and_speaker(text: &str, g: &Gold, q: &model::Quote, tally: &mut Tally) {
    if let Some(gc) = g.cue {
        tally.cue_n += 1;
        if q.cue_span.is_some_and(|c| overlaps((c.start, c.end), gc)) {
            tally.cue_ok += 1;
        }
    }
    if let Some(gs) = g.source {
        tally.spk_n += 1;
        if q.speaker_span
            .is_some_and(|s| overlaps((s.start, s.end), gs))
        {
            tally.spk_ok += 1;
        } else if std::env::var_os("LEDE_QUOTE_ERRORS").is_some() {
            eprintln!(
                "SPEAKER gold {:?} got {:?} cue={:?} :: {}",
                &text[gs.0..gs.1],
                q.speaker,
                q.cue,
                q.text.chars().take(100).collect::<String>()
            );
        }
    }
}

/// The report: counts, then precision, recall and F1 per threshold, then cue and speaker accuracy.
fn report(split_dir: &Path, tally: &Tally) -> String {
    let Tally {
        docs,
        n_gold,
        n_sys,
        matched,
        cue_ok,
        cue_n,
        spk_ok,
        spk_n,
    } = *tally;
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    let mut out = format!("PolNeAR quote evaluation ({}): {docs} articles, {n_gold} gold speech attributions, {n_sys} system quotes\n", split_dir.display());
    for (k, name) in ["overlap >= 0.3", "overlap >= 0.8", "exact words"]
        .iter()
        .enumerate()
    {
        let (p, r) = (ratio(matched[k], n_sys), ratio(matched[k], n_gold));
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        out.push_str(&format!(
            "content {name}: P {:.3} R {:.3} F1 {:.3} ({} matched)\n",
            p, r, f, matched[k]
        ));
    }
    out.push_str(&format!(
        "cue accuracy (matched at 0.3): {:.3} ({cue_ok}/{cue_n}); speaker span accuracy: {:.3} ({spk_ok}/{spk_n})\n",
        ratio(cue_ok, cue_n),
        ratio(spk_ok, spk_n)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::{content_words, join_follow_ons, speech_cue, words};
    use model::{Quote, QuoteKind, Span};

    #[test]
    fn a_speech_cue_is_found_whatever_its_case() {
        // sentence-initial "According to" and headline "Says" were once dropped from the system side
        for cue in [
            "According to",
            "Says",
            "said",
            "told reporters",
            "has repeatedly said",
        ] {
            assert!(speech_cue(cue), "{cue}");
        }
        for cue in ["believes", "wants", "Called"] {
            assert!(!speech_cue(cue), "{cue}");
        }
    }

    /// A quote of `text` with content `content`, cue `cue` and speaker `speaker` (each found by text).
    fn quote(
        text: &str,
        kind: QuoteKind,
        content: &str,
        cue: Option<&str>,
        speaker: &str,
    ) -> Quote {
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        Quote {
            quote_id: String::new(),
            sentence: 0,
            span: at(content),
            text: content.into(),
            kind,
            cue: cue.map(Into::into),
            cue_span: cue.map(at),
            speaker: Some(speaker.into()),
            speaker_span: Some(at(speaker)),
            speaker_entity_id: None,
            speaker_canonical: None,
            confidence: 0.75,
        }
    }

    #[test]
    fn a_follow_on_quotation_joins_its_speakers_quotation_past_a_reported_clause() {
        let text = "“That is the question,” Clark said, noting he would back the others. \
                    “We have a deep bench.” ¶ Then Smith said it was over.";
        let qs = [
            quote(
                text,
                QuoteKind::Direct,
                "That is the question,",
                Some("said"),
                "Clark",
            ),
            quote(
                text,
                QuoteKind::Indirect,
                "he would back the others",
                Some("noting"),
                "Clark",
            ),
            quote(
                text,
                QuoteKind::Direct,
                "We have a deep bench.",
                None,
                "Clark",
            ),
            quote(
                text,
                QuoteKind::Indirect,
                "it was over",
                Some("said"),
                "Smith",
            ),
        ];
        let (units, extra) = join_follow_ons(text, qs.iter().collect());
        let got: Vec<(&str, usize)> = units
            .iter()
            .zip(&extra)
            .map(|(q, e)| (q.text.as_str(), e.len()))
            .collect();
        assert_eq!(
            got,
            [
                ("That is the question,", 1),
                ("he would back the others", 0),
                ("it was over", 0)
            ]
        );
    }

    #[test]
    fn a_quotes_own_cue_and_speaker_are_not_its_content() {
        let text = "Acts of protest, Mr. Obama said, are acts of patriotism. Later text.";
        let at = |s: &str| {
            let i = text.find(s).unwrap();
            Span::new(i, i + s.len())
        };
        let ws = words(text);
        let q = quote(
            text,
            QuoteKind::Indirect,
            "Acts of protest, Mr. Obama said, are acts of patriotism",
            Some("said"),
            "Mr. Obama",
        );
        let got: Vec<&str> = {
            let mut ix: Vec<usize> = content_words(&ws, &q, &[]).into_iter().collect();
            ix.sort();
            ix.iter().map(|&i| &text[ws[i].0..ws[i].1]).collect()
        };
        assert_eq!(
            got,
            ["Acts", "of", "protest", "are", "acts", "of", "patriotism"]
        );
        // a follow-on part counts; words outside every part do not
        let more = [(at("Later").start, at("text").end)];
        assert_eq!(content_words(&ws, &q, &more).len(), 9);
    }
}
