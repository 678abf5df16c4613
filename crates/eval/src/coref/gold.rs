//! GUM's gold coreference: the documents of a CoNLL-U file rebuilt as text (sentences joined by a
//! space, paragraphs by a blank line, as lede's cleaner writes them) with every gold mention as a
//! byte span of that text and its entity. The `Entity=` brackets of the MISC column are read as
//! CorefUD writes them: `(ID-type-...` opens a mention at a word, `ID)` closes it, `(ID-...)` is a
//! one-word mention.

use crate::syntax::{Sentence, UdError};
use std::ops::Range;

/// One gold mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMention {
    /// Byte span in [`GoldDoc::text`].
    pub span: Range<usize>,
    /// The entity (chain) id, unique within the document.
    pub entity: String,
    /// GUM's entity type (`person`, `organization`, `place`, `abstract`...).
    pub etype: String,
    /// A third-person personal pronoun (`he`, `its`, `them`...) on its own.
    pub pronoun3: bool,
    /// A name: past a leading determiner, proper nouns only (`President Barack Obama`, `the
    /// U.S.`), as GUM's gold tags have it.
    pub named: bool,
}

/// One document with its gold mentions.
#[derive(Clone, Debug)]
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    pub mentions: Vec<GoldMention>,
}

const THIRD_PERSON: [&str; 16] = [
    "he",
    "him",
    "his",
    "himself",
    "she",
    "her",
    "hers",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
];

/// The documents of a CoNLL-U file, in file order.
pub fn documents(sentences: &[Sentence]) -> Result<Vec<GoldDoc>, UdError> {
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut open: Vec<(String, String, usize)> = Vec::new();
    // the words of each document: span and UPOS
    let mut words: Vec<Vec<(Range<usize>, &str)>> = Vec::new();
    for s in sentences {
        let id = s.doc_id.clone().unwrap_or_default();
        if docs.last().is_none_or(|d| d.id != id) {
            docs.push(GoldDoc {
                id,
                text: String::new(),
                mentions: Vec::new(),
            });
            words.push(Vec::new());
            open.clear();
        }
        let doc = docs.last_mut().expect("a document");
        if !doc.text.is_empty() {
            doc.text.push_str(if s.new_par { "\n\n" } else { " " });
        }
        let base = doc.text.len();
        let raw = s.raw_text();
        doc.text.push_str(&raw);
        let spans = word_spans(s, &raw)?;
        for (i, w) in s.words.iter().enumerate() {
            let span = base + spans[i].start..base + spans[i].end;
            let pron = w.upos == "PRON" && THIRD_PERSON.contains(&w.form.to_lowercase().as_str());
            words
                .last_mut()
                .expect("a document")
                .push((span.clone(), w.upos.as_str()));
            read_brackets(&w.misc, &span, pron, &mut open, &mut doc.mentions);
        }
    }
    for (d, ws) in docs.iter_mut().zip(&words) {
        for m in &mut d.mentions {
            m.named = is_name(ws, &m.span);
        }
    }
    for d in &mut docs {
        d.mentions
            .sort_by_key(|m| (m.span.start, std::cmp::Reverse(m.span.end)));
    }
    Ok(docs)
}

/// Whether the words of `span` are a name: past a leading determiner, proper nouns (and the
/// punctuation inside them) only.
fn is_name(words: &[(Range<usize>, &str)], span: &Range<usize>) -> bool {
    let from = words.partition_point(|w| w.0.start < span.start);
    let inside: Vec<&str> = words[from..]
        .iter()
        .take_while(|w| w.0.end <= span.end)
        .map(|w| w.1)
        .collect();
    let rest = match inside.first() {
        Some(&"DET") => &inside[1..],
        _ => &inside[..],
    };
    rest.contains(&"PROPN") && rest.iter().all(|u| matches!(*u, "PROPN" | "PUNCT"))
}

/// Applies one word's `Entity=` brackets: opens push onto `open`, closes emit mentions.
pub(super) fn read_brackets(
    misc: &str,
    span: &Range<usize>,
    pron: bool,
    open: &mut Vec<(String, String, usize)>,
    out: &mut Vec<GoldMention>,
) {
    let Some(v) = misc.split('|').find_map(|f| f.strip_prefix("Entity=")) else {
        return;
    };
    let b = v.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'(' {
            let j = (i + 1..b.len())
                .find(|&k| b[k] == b'(' || b[k] == b')')
                .unwrap_or(b.len());
            let fields: Vec<&str> = v[i + 1..j].split('-').collect();
            let (id, etype) = (
                fields[0].to_string(),
                fields.get(1).unwrap_or(&"").to_string(),
            );
            if j < b.len() && b[j] == b')' {
                out.push(GoldMention {
                    span: span.clone(),
                    entity: id,
                    etype,
                    pronoun3: pron,
                    named: false,
                });
                i = j + 1;
            } else {
                open.push((id, etype, span.start));
                i = j;
            }
        } else {
            let j = (i..b.len()).find(|&k| b[k] == b')').unwrap_or(b.len());
            let id = &v[i..j];
            if let Some(k) = open.iter().rposition(|o| o.0 == id) {
                let (entity, etype, start) = open.remove(k);
                out.push(GoldMention {
                    span: start..span.end,
                    entity,
                    etype,
                    pronoun3: false,
                    named: false,
                });
            }
            i = j + 1;
        }
    }
}

/// Byte spans of the sentence's words in its raw text: tokens found in order; the words of a
/// multiword token share out its span where their forms spell it (`do` `n't`), else take all of it.
fn word_spans(s: &Sentence, raw: &str) -> Result<Vec<Range<usize>>, UdError> {
    let mut out = vec![0..0; s.words.len()];
    let mut at = 0;
    for t in &s.tokens {
        let Some(k) = raw[at..].find(t.form.as_str()) else {
            return Err(UdError::Text {
                sent_id: s.label(),
                reason: format!("token {:?} not found in the text after byte {at}", t.form),
            });
        };
        let start = at + k;
        let end = start + t.form.len();
        let mut p = start;
        for w in t.words.clone() {
            let form = &s.words[w].form;
            let fits = raw[p..end]
                .get(..form.len())
                .is_some_and(|x| x.eq_ignore_ascii_case(form));
            out[w] = if fits && t.words.len() > 1 {
                p += form.len();
                p - form.len()..p
            } else {
                start..end
            };
        }
        at = end;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::conllu;

    const DOC: &str = "# newdoc id = GUM_news_x\n# newpar\n# text = Kim said she can't.\n\
1\tKim\tKim\tPROPN\tNNP\t_\t2\tnsubj\t_\tEntity=(1-person-new-sssss-cf1-1-coref)\n\
2\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_\n\
3\tshe\tshe\tPRON\tPRP\t_\t5\tnsubj\t_\tEntity=(1-person-giv-sssss-cf1-1-ana)\n\
4-5\tcan't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n\
4\tca\tcan\tAUX\tMD\t_\t5\taux\t_\t_\n\
5\tn't\tnot\tPART\tRB\t_\t2\tccomp\t_\t_\n\
6\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n\
# newpar\n# text = The big group met.\n\
1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(2-organization-new-sssss-cf1-3-sgl\n\
2\tbig\tbig\tADJ\tJJ\t_\t3\tamod\t_\t_\n\
3\tgroup\tgroup\tNOUN\tNN\t_\t4\tnsubj\t_\tEntity=2)\n\
4\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n\
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n\n";

    #[test]
    fn mentions_are_spans_of_the_rebuilt_text() {
        let docs = documents(&conllu::parse(DOC).unwrap()).unwrap();
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.text, "Kim said she can't.\n\nThe big group met.");
        let got: Vec<(&str, &str, bool)> = d
            .mentions
            .iter()
            .map(|m| (&d.text[m.span.clone()], m.entity.as_str(), m.pronoun3))
            .collect();
        assert_eq!(
            got,
            [
                ("Kim", "1", false),
                ("she", "1", true),
                ("The big group", "2", false)
            ]
        );
    }
}
