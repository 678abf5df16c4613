//! CoNLL-U reading: sentences of words (the syntactic rows) and surface tokens (multiword ranges
//! such as `3-4 don't` and single words), the `# newdoc id`, `# sent_id` and `# text` comments,
//! and the GUM genre filter (which documents may train a shipped model, per the data's
//! PROVENANCE.md). Empty nodes (`8.1`) are skipped; DEPS is not read.

use super::UdError;
use std::ops::Range;
use std::path::Path;

/// One syntactic word (a line whose ID is an integer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WordRow {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 for the root, else the 1-based index of the head word in the sentence.
    pub head: usize,
    /// UD relation as written, with its subtype (`nmod:poss`).
    pub deprel: String,
    /// The MISC column as written (GUM's `Entity=` coreference brackets are there).
    pub misc: String,
}

/// One surface token: a multiword range (`3-4 don't`) or a word not inside a range.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRow {
    pub form: String,
    /// The words it covers, 0-based indices into [`Sentence::words`] (`2..4` for `3-4`).
    pub words: Range<usize>,
    /// False when MISC holds `SpaceAfter=No`.
    pub space_after: bool,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The `# newdoc id` in force (the last one seen before this sentence).
    pub doc_id: Option<String>,
    pub sent_id: Option<String>,
    /// The `# text` comment.
    pub text: Option<String>,
    /// A `# newpar` comment opens a paragraph with this sentence.
    pub new_par: bool,
    pub words: Vec<WordRow>,
    pub tokens: Vec<TokenRow>,
}

impl Sentence {
    /// The text rebuilt from the tokens and `SpaceAfter=No` (for files without `# text`).
    pub fn surface_text(&self) -> String {
        let mut out = String::new();
        for (i, t) in self.tokens.iter().enumerate() {
            out.push_str(&t.form);
            if t.space_after && i + 1 < self.tokens.len() {
                out.push(' ');
            }
        }
        out
    }

    /// `# text` if present, else [`Sentence::surface_text`].
    pub fn raw_text(&self) -> String {
        self.text.clone().unwrap_or_else(|| self.surface_text())
    }

    /// A name for messages: the sent_id, else the first words.
    pub fn label(&self) -> String {
        match &self.sent_id {
            Some(id) => id.clone(),
            None => {
                let forms: Vec<&str> = self.words.iter().take(6).map(|w| w.form.as_str()).collect();
                format!("(no sent_id) \"{}\"", forms.join(" "))
            }
        }
    }
}

/// Reads a CoNLL-U file; errors name the file and the line.
pub fn read(path: &Path) -> Result<Vec<Sentence>, UdError> {
    let text = std::fs::read_to_string(path).map_err(|e| UdError::Io {
        path: path.display().to_string(),
        reason: e.to_string(),
    })?;
    parse_named(&text, &path.display().to_string())
}

/// Parses CoNLL-U text; errors name the file as `<text>`.
pub fn parse(text: &str) -> Result<Vec<Sentence>, UdError> {
    parse_named(text, "<text>")
}

/// The reader's state between lines.
struct Reader<'a> {
    file: &'a str,
    doc_id: Option<String>,
    docs_without_id: usize,
    cur: Sentence,
    /// End (exclusive, 0-based word index) of the multiword range being read.
    range_end: usize,
    out: Vec<Sentence>,
}

fn parse_named(text: &str, file: &str) -> Result<Vec<Sentence>, UdError> {
    let mut r = Reader {
        file,
        doc_id: None,
        docs_without_id: 0,
        cur: Sentence::default(),
        range_end: 0,
        out: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        r.line(i + 1, line)?;
    }
    r.flush(text.lines().count() + 1)?;
    Ok(r.out)
}

impl Reader<'_> {
    fn err(&self, line: usize, reason: impl Into<String>) -> UdError {
        UdError::Format {
            file: self.file.to_string(),
            line,
            reason: reason.into(),
        }
    }

    fn line(&mut self, n: usize, line: &str) -> Result<(), UdError> {
        if line.trim().is_empty() {
            return self.flush(n);
        }
        if let Some(c) = line.strip_prefix('#') {
            self.comment(c.trim());
            return Ok(());
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(self.err(n, format!("{} columns, expected 10", cols.len())));
        }
        let id = cols[0];
        if id.contains('.') {
            return Ok(()); // empty node
        }
        if let Some((a, b)) = id.split_once('-') {
            return self.range(n, a, b, &cols);
        }
        self.word(n, id, &cols)
    }

    fn comment(&mut self, c: &str) {
        let value = |key: &str| {
            c.strip_prefix(key)
                .map(str::trim_start)
                .and_then(|rest| rest.strip_prefix('='))
                .map(|v| v.trim().to_string())
        };
        if c.starts_with("newdoc") {
            self.doc_id = value("newdoc id").or_else(|| {
                self.docs_without_id += 1;
                Some(format!("doc-{}", self.docs_without_id))
            });
            self.cur.doc_id = self.doc_id.clone();
        } else if c.starts_with("newpar") {
            self.cur.new_par = true;
        } else if let Some(v) = value("sent_id") {
            self.cur.sent_id = Some(v);
        } else if let Some(v) = value("text") {
            self.cur.text = Some(v);
        }
    }

    fn range(&mut self, n: usize, a: &str, b: &str, cols: &[&str]) -> Result<(), UdError> {
        let (Ok(a), Ok(b)) = (a.parse::<usize>(), b.parse::<usize>()) else {
            return Err(self.err(n, format!("bad range ID {}-{}", a, b)));
        };
        if a != self.cur.words.len() + 1 || b < a {
            return Err(self.err(
                n,
                format!("range {a}-{b} after word {}", self.cur.words.len()),
            ));
        }
        self.range_end = b;
        self.cur.tokens.push(TokenRow {
            form: cols[1].to_string(),
            words: a - 1..b,
            space_after: !has_space_after_no(cols[9]),
        });
        Ok(())
    }

    fn word(&mut self, n: usize, id: &str, cols: &[&str]) -> Result<(), UdError> {
        let expected = self.cur.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(self.err(n, format!("word ID {id}, expected {expected}")));
        }
        let head = match cols[6] {
            "_" => 0,
            h => h
                .parse::<usize>()
                .map_err(|_| self.err(n, format!("bad HEAD {h:?}")))?,
        };
        self.cur.words.push(WordRow {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            misc: cols[9].to_string(),
        });
        if expected > self.range_end {
            self.cur.tokens.push(TokenRow {
                form: cols[1].to_string(),
                words: expected - 1..expected,
                space_after: !has_space_after_no(cols[9]),
            });
        }
        Ok(())
    }

    /// Ends the sentence being read (at a blank line or the end of the file).
    fn flush(&mut self, n: usize) -> Result<(), UdError> {
        let doc_id = self.doc_id.clone();
        let s = std::mem::replace(
            &mut self.cur,
            Sentence {
                doc_id,
                ..Sentence::default()
            },
        );
        if self.range_end > s.words.len() {
            return Err(self.err(n, format!("range up to {} unfinished", self.range_end)));
        }
        self.range_end = 0;
        if s.words.is_empty() {
            // Comments alone (e.g. `# newdoc` before the first sentence): keep what they set.
            self.cur.sent_id = s.sent_id;
            self.cur.text = s.text;
            self.cur.new_par |= s.new_par;
            return Ok(());
        }
        if let Some(w) = s.words.iter().find(|w| w.head > s.words.len()) {
            return Err(self.err(
                n,
                format!("{}: head {} beyond the sentence", s.label(), w.head),
            ));
        }
        self.out.push(s);
        Ok(())
    }
}

fn has_space_after_no(misc: &str) -> bool {
    misc.split('|').any(|f| f == "SpaceAfter=No")
}

/// The GUM genres whose documents may train a shipped model (CC BY or public domain, per
/// PROVENANCE.md), as they are spelt in the doc ids (`GUM_news_*`).
pub const OPEN_GUM_GENRES: [&str; 8] = [
    "news",
    "interview",
    "bio",
    "voyage",
    "textbook",
    "vlog",
    "conversation",
    "speech",
];

/// The genre of a GUM doc id (`GUM_news_iodine` -> `news`); `None` for other ids.
pub fn gum_genre(doc_id: &str) -> Option<&str> {
    let rest = doc_id.strip_prefix("GUM_")?;
    rest.split_once('_').map(|(g, _)| g)
}

/// True for a GUM doc id of an [`OPEN_GUM_GENRES`] genre (`whow`, `fiction`, `academic`...
/// and non-GUM ids are false).
pub fn is_open_gum_genre(doc_id: &str) -> bool {
    gum_genre(doc_id).is_some_and(|g| OPEN_GUM_GENRES.contains(&g))
}

/// The sentences whose document is of the GUM genre `genre` (doc id `GUM_<genre>_*`).
pub fn filter_gum_genre(sentences: &[Sentence], genre: &str) -> Vec<Sentence> {
    sentences
        .iter()
        .filter(|s| s.doc_id.as_deref().and_then(gum_genre) == Some(genre))
        .cloned()
        .collect()
}

/// The sentences of open-licence GUM documents ([`is_open_gum_genre`]).
pub fn filter_open_gum(sentences: &[Sentence]) -> Vec<Sentence> {
    sentences
        .iter()
        .filter(|s| s.doc_id.as_deref().is_some_and(is_open_gum_genre))
        .cloned()
        .collect()
}
