//! Mention detection: the noun phrases and pronouns of each sentence, read off the dependency
//! tree. A mention is a nominal head (noun, proper noun, pronoun) with the dependents that belong
//! to its phrase (determiners, modifiers, possessors, prepositional and clausal modifiers), never
//! its conjuncts, appositions or, for a predicate noun, its subject and copula. Named entities the
//! parse does not give as a phrase are added as they are.

use model::{EntityMention, MentionKind, Span, Syntax, Word};

/// A mention before linking.
#[derive(Clone, Debug)]
pub(super) struct Cand {
    pub span: Span,
    /// Index of the head word in `Syntax::words`.
    pub head: usize,
    pub sentence: usize,
    /// First and last word (inclusive) of the phrase.
    pub words: (usize, usize),
    pub kind: MentionKind,
    /// The NER mention with the same head, if any (index into `Doc::entities`).
    pub entity: Option<usize>,
    /// A coordination (`Isabel and I`, `the library and the university`): a group, plural.
    pub group: bool,
}

/// Dependents kept inside a nominal head's phrase (their whole subtrees).
fn in_phrase(deprel: &str) -> bool {
    let base = deprel.split(':').next().unwrap_or(deprel);
    matches!(
        base,
        "det" | "amod" | "nmod" | "compound" | "flat" | "fixed" | "nummod" | "acl" | "goeswith"
    ) || deprel == "case"
}

/// True for a word that heads a mention. A compound heads one (`brain` in `brain damage`,
/// `NATO` in `the NATO chief`) unless it is part of a longer name (`New` `South` `Wales`,
/// `Professor Eastman`).
fn is_head(words: &[Word], w: &Word) -> bool {
    match w.upos {
        "NOUN" | "PROPN" => {
            let in_name = w.deprel.starts_with("compound")
                && w.head.is_some_and(|h| words[h as usize].upos == "PROPN");
            !(matches!(w.deprel, "flat" | "fixed" | "goeswith") || in_name)
        }
        "PRON" => {
            w.deprel != "expl"
                && (w.feats.contains("PronType=Prs") || w.feats.contains("PronType=Dem"))
        }
        "NUM" => year(w),
        _ => false,
    }
}

/// A year written in digits (`1859`, `2015`): a time GUM marks and repeats.
fn year(w: &Word) -> bool {
    w.lemma.len() == 4
        && w.lemma.bytes().all(|b| b.is_ascii_digit())
        && matches!(w.lemma.as_bytes()[0], b'1' | b'2')
}

/// Children of every word of a sentence, `first` being the sentence's first word.
fn children(words: &[Word], first: usize) -> Vec<Vec<usize>> {
    let mut out = vec![Vec::new(); words.len()];
    for (i, w) in words.iter().enumerate() {
        if let Some(h) = w.head {
            let h = h as usize;
            if h >= first && h < first + words.len() {
                out[h - first].push(first + i);
            }
        }
    }
    out
}

/// The (first, last) words of the subtree of `w`, keeping only the dependents of `w` itself that
/// [`in_phrase`] allows (a case marker only after the head: the possessive `'s`).
fn phrase(words: &[Word], kids: &[Vec<usize>], first: usize, w: usize) -> (usize, usize) {
    let (mut lo, mut hi) = (w, w);
    let mut stack: Vec<usize> = kids[w - first]
        .iter()
        .copied()
        .filter(|&c| {
            (in_phrase(words[c].deprel) && (words[c].deprel != "case" || c > w))
                || pronoun_determiner(words, w, c)
        })
        .collect();
    let mut seen = 0usize;
    while let Some(c) = stack.pop() {
        seen += 1;
        if seen > 4096 {
            break;
        }
        lo = lo.min(c);
        hi = hi.max(c);
        stack.extend(kids[c - first].iter().copied());
    }
    (lo, hi)
}

/// A personal pronoun just before a plural noun it modifies: `you guys`, `us students`.
fn pronoun_determiner(words: &[Word], w: usize, c: usize) -> bool {
    c + 1 == w && words[c].upos == "PRON" && matches!(words[c].deprel, "dep" | "det")
}

/// The last word of a coordination headed by `w` (`Isabel and I`): the end of its last nominal
/// conjunct's phrase, if `w` has one after `hi`.
fn coordination(
    words: &[Word],
    kids: &[Vec<usize>],
    first: usize,
    w: usize,
    hi: usize,
) -> Option<usize> {
    let last = kids[w - first]
        .iter()
        .copied()
        .filter(|&c| {
            c > hi
                && words[c].deprel == "conj"
                && matches!(words[c].upos, "NOUN" | "PROPN" | "PRON")
        })
        .max()?;
    let (_, end) = phrase(words, kids, first, last);
    Some(trim(words, last, last, end).1)
}

/// A phrase without the punctuation, conjunctions and prepositions a misparse leaves at its edges
/// (`to Melanie's mom` -> `Melanie's mom`); the possessive `'s` stays.
fn trim(words: &[Word], head: usize, mut lo: usize, mut hi: usize) -> (usize, usize) {
    let edge = |w: &Word| matches!(w.upos, "PUNCT" | "CCONJ" | "ADP" | "SCONJ");
    while lo < head && edge(&words[lo]) {
        lo += 1;
    }
    while hi > head && edge(&words[hi]) && words[hi].xpos != "POS" && !closes(words, lo, hi) {
        hi -= 1;
    }
    (lo, hi)
}

/// True when word `hi` is a closing bracket or quotation mark whose opening one is inside the
/// phrase after its first word (`a nephew of Jacob Bernoulli (who was ...)`): it stays. By the
/// Penn tags (`-LRB-` `-RRB-`, ` `` ` `''`; a straight quote may have either).
fn closes(words: &[Word], lo: usize, hi: usize) -> bool {
    let quote = |x: &str| matches!(x, "``" | "''");
    match words[hi].xpos {
        "-RRB-" => (lo + 1..hi).any(|i| words[i].xpos == "-LRB-"),
        // straight quotes are tagged either way
        x if quote(x) => (lo + 1..hi).any(|i| quote(words[i].xpos)),
        _ => false,
    }
}

/// A name's phrase cut at the commas around its head: `Manju Sam, 36`, `Eastman, Director of
/// the study` are a name and what is said of it.
fn within_commas(words: &[Word], w: usize, (lo, hi): (usize, usize)) -> (usize, usize) {
    let comma = |i: &usize| matches!(words[*i].xpos, "," | ":" | "-LRB-" | "-RRB-");
    let lo = (lo..w).rev().find(comma).map_or(lo, |c| c + 1);
    let hi = (w + 1..=hi)
        .find(|i| comma(i) && !(*i < hi && kept_after_comma(words, w, *i + 1)))
        .map_or(hi, |c| c - 1);
    (lo, hi)
}

/// True when word `k`, just after a comma in a name's phrase, starts what GUM keeps in the name's
/// mention: a relative clause (`Scotland, which had become Calvinist`) or the place a place name
/// is in (`Exeter, Devon`).
fn kept_after_comma(words: &[Word], w: usize, k: usize) -> bool {
    // the child of `w` that `k` is under
    let mut x = k;
    for _ in 0..64 {
        match words[x].head {
            Some(h) if h as usize == w => {
                let d = &words[x];
                return d.deprel == "acl:relcl"
                    || (d.deprel == "nmod:unmarked" && d.upos == "PROPN");
            }
            Some(h) => x = h as usize,
            None => return false,
        }
    }
    false
}

/// The mentions of an article: one per nominal head, plus the NER mentions no head stands for.
pub(super) fn detect(syntax: &Syntax, entities: &[EntityMention]) -> Vec<Cand> {
    let words = &syntax.words;
    let mut out: Vec<Cand> = Vec::new();
    for (si, range) in syntax.sentences.iter().enumerate() {
        let first = range.start;
        let kids = children(&words[range.clone()], first);
        for w in range.clone() {
            let word = &words[w];
            if !is_head(words, word) {
                continue;
            }
            let (lo, hi) = if word.upos == "PRON" {
                (w, w)
            } else if word.upos == "PROPN" {
                within_commas(words, w, phrase(words, &kids, first, w))
            } else {
                phrase(words, &kids, first, w)
            };
            let (lo, hi) = trim(words, w, lo, hi);
            let span = Span::new(words[lo].span.start, words[hi].span.end);
            // The entity is the mention's only if the phrase holds all of it (not `Australia`
            // inside `the Medical Journal of Australia`).
            let entity = entity_at(entities, word.span).filter(|&e| {
                span.start <= entities[e].span.start && entities[e].span.end <= span.end
            });
            let kind = match word.upos {
                "PRON" => MentionKind::Pronoun,
                "PROPN" => MentionKind::Name,
                _ if entity.is_some() => MentionKind::Name,
                _ => MentionKind::Nominal,
            };
            if let Some(end) = coordination(words, &kids, first, w, hi) {
                out.push(Cand {
                    span: Span::new(span.start, words[end].span.end),
                    head: w,
                    sentence: si,
                    words: (lo, end),
                    kind: MentionKind::Nominal,
                    entity: None,
                    group: true,
                });
            }
            out.push(Cand {
                span,
                head: w,
                sentence: si,
                words: (lo, hi),
                kind,
                entity,
                group: false,
            });
        }
    }
    add_entities(syntax, entities, &mut out);
    out.sort_by_key(|c| (c.span.start, std::cmp::Reverse(c.span.end)));
    // Two heads of one name (`Jens` `Stoltenberg` as flat + head) leave one mention a span.
    out.dedup_by(|b, a| a.span == b.span);
    out
}

/// The NER mention (index) that covers `span`; `entities` are in text order and do not overlap.
fn entity_at(entities: &[EntityMention], span: Span) -> Option<usize> {
    let k = entities.partition_point(|e| e.span.start <= span.start);
    (k > 0 && entities[k - 1].span.end >= span.end).then(|| k - 1)
}

/// Adds each NER mention whose words no detected mention has as its head.
fn add_entities(syntax: &Syntax, entities: &[EntityMention], out: &mut Vec<Cand>) {
    let words = &syntax.words;
    let covered: std::collections::HashSet<usize> = out.iter().filter_map(|c| c.entity).collect();
    for (ei, e) in entities.iter().enumerate() {
        if covered.contains(&ei) {
            continue;
        }
        let inside: Vec<usize> = (0..words.len())
            .skip(words.partition_point(|w| w.span.start < e.span.start))
            .take_while(|&i| words[i].span.end <= e.span.end)
            .collect();
        let Some(&last) = inside.last() else { continue };
        let Some(si) = syntax.sentences.iter().position(|r| r.contains(&last)) else {
            continue;
        };
        // The head: the word whose head lies outside the name.
        let head = inside
            .iter()
            .copied()
            .find(|&i| {
                words[i]
                    .head
                    .is_none_or(|h| !inside.contains(&(h as usize)))
            })
            .unwrap_or(last);
        out.push(Cand {
            span: e.span,
            head,
            sentence: si,
            words: (inside[0], last),
            kind: MentionKind::Name,
            entity: Some(ei),
            group: false,
        });
    }
}
