//! A small reader for the CAT/CROMER XML of ECB+ and MEANTIME: tokens (with their sentence),
//! markables (tag, attributes, anchor tokens) and relations (tag, attributes, source and target
//! mention ids), and the article text rebuilt from the tokens.
//!
//! The text is detokenised with plain English rules (no space before `,` `.` `'s` `n't` `)`..., none
//! after `(` `$`...; straight double quotes alternate opening and closing) and sentences are separated
//! by a blank line, so lede's sentence splitter keeps the corpus sentences. Each token keeps its byte
//! span in the rebuilt text, to match lede's triggers to gold mentions.

use extract::ExtractError;
use regex::Regex;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

/// One corpus token.
#[derive(Clone, Debug)]
pub struct CatToken {
    pub t_id: String,
    pub sentence: u32,
    pub text: String,
}

/// A markable: a mention (with anchor tokens) or an instance (none).
#[derive(Clone, Debug)]
pub struct Markable {
    pub tag: String,
    pub attrs: HashMap<String, String>,
    pub anchors: Vec<String>,
}

/// A relation between mention ids.
#[derive(Clone, Debug)]
pub struct Relation {
    pub tag: String,
    pub attrs: HashMap<String, String>,
    pub sources: Vec<String>,
    pub targets: Vec<String>,
}

/// One parsed document.
#[derive(Clone, Debug, Default)]
pub struct CatDoc {
    pub attrs: HashMap<String, String>,
    pub tokens: Vec<CatToken>,
    pub markables: Vec<Markable>,
    pub relations: Vec<Relation>,
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attrs_of(s: &str) -> HashMap<String, String> {
    static RE: OnceLock<Regex> = OnceLock::new();
    let re = RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_:][A-Za-z0-9_.:-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')"#).unwrap()
    });
    re.captures_iter(s)
        .map(|c| {
            let v = c.get(2).or(c.get(3)).map(|m| m.as_str()).unwrap_or("");
            (c[1].to_string(), unescape(v))
        })
        .collect()
}

impl CatDoc {
    /// Parses one CAT XML document.
    pub fn parse(xml: &str) -> CatDoc {
        static TAG: OnceLock<Regex> = OnceLock::new();
        let tag = TAG
            .get_or_init(|| Regex::new(r"<(/?)([A-Za-z_][A-Za-z0-9_.-]*)([^>]*?)(/?)>").unwrap());
        let mut doc = CatDoc::default();
        let mut section = "";
        let mut open_token: Option<(HashMap<String, String>, usize)> = None;
        let mut open_mark: Option<Markable> = None;
        let mut open_rel: Option<Relation> = None;
        for c in tag.captures_iter(xml) {
            let whole = c.get(0).unwrap();
            let closing = !c[1].is_empty();
            let name = &c[2];
            let selfclose = !c[4].is_empty();
            if closing {
                match name {
                    "token" => {
                        if let Some((a, start)) = open_token.take() {
                            doc.tokens.push(CatToken {
                                t_id: a.get("t_id").cloned().unwrap_or_default(),
                                sentence: a
                                    .get("sentence")
                                    .and_then(|s| s.parse().ok())
                                    .unwrap_or(0),
                                text: unescape(xml[start..whole.start()].trim()),
                            });
                        }
                    }
                    "Markables" | "Relations" => section = "",
                    _ => {
                        if let Some(m) = open_mark.take_if(|m| m.tag == name) {
                            doc.markables.push(m);
                        }
                        if let Some(r) = open_rel.take_if(|r| r.tag == name) {
                            doc.relations.push(r);
                        }
                    }
                }
                continue;
            }
            let a = attrs_of(&c[3]);
            match name {
                "Document" => doc.attrs = a,
                "token" if !selfclose => open_token = Some((a, whole.end())),
                "Markables" => section = "m",
                "Relations" => section = "r",
                "token_anchor" => {
                    if let (Some(m), Some(t)) = (open_mark.as_mut(), a.get("t_id")) {
                        m.anchors.push(t.clone());
                    }
                }
                "source" | "target" => {
                    if let (Some(r), Some(id)) = (open_rel.as_mut(), a.get("m_id")) {
                        if name == "source" {
                            r.sources.push(id.clone());
                        } else {
                            r.targets.push(id.clone());
                        }
                    }
                }
                _ if section == "m" => {
                    let m = Markable {
                        tag: name.to_string(),
                        attrs: a,
                        anchors: Vec::new(),
                    };
                    if selfclose {
                        doc.markables.push(m);
                    } else {
                        open_mark = Some(m);
                    }
                }
                _ if section == "r" => {
                    let r = Relation {
                        tag: name.to_string(),
                        attrs: a,
                        sources: Vec::new(),
                        targets: Vec::new(),
                    };
                    if selfclose {
                        doc.relations.push(r);
                    } else {
                        open_rel = Some(r);
                    }
                }
                _ => {}
            }
        }
        doc
    }

    /// Reads and parses a file.
    pub fn read(path: &Path) -> Result<CatDoc, ExtractError> {
        let xml = std::fs::read_to_string(path).map_err(|e| ExtractError::Load {
            what: "CAT XML document",
            path: path.display().to_string(),
            reason: e.to_string(),
        })?;
        Ok(CatDoc::parse(&xml))
    }

    /// The text of the tokens of the kept sentences, and each token's byte span in it (`None` for
    /// tokens of skipped sentences).
    pub fn text(&self, keep: impl Fn(u32) -> bool) -> (String, Vec<Option<(usize, usize)>>) {
        const NO_SPACE_BEFORE: &[&str] = &[
            ",", ".", ";", ":", "!", "?", "%", ")", "]", "}", "'s", "'S", "'", "n't", "N'T", "'re",
            "'ve", "'ll", "'d", "'m", "''", "...",
        ];
        const NO_SPACE_AFTER: &[&str] = &["(", "[", "{", "$", "``", "#"];
        let mut out = String::new();
        let mut spans = Vec::with_capacity(self.tokens.len());
        let mut prev_sentence: Option<u32> = None;
        let mut glue = true;
        let mut quotes = 0usize;
        for t in &self.tokens {
            if !keep(t.sentence) || t.text.is_empty() {
                spans.push(None);
                continue;
            }
            let w = t.text.as_str();
            let opening_quote = w == "\"" && quotes.is_multiple_of(2);
            if prev_sentence != Some(t.sentence) {
                if prev_sentence.is_some() {
                    out.push_str("\n\n");
                }
                quotes = 0;
            } else if !glue && !NO_SPACE_BEFORE.contains(&w) && (w != "\"" || opening_quote) {
                out.push(' ');
            }
            let start = out.len();
            out.push_str(w);
            spans.push(Some((start, out.len())));
            glue = NO_SPACE_AFTER.contains(&w) || opening_quote;
            if w == "\"" {
                quotes += 1;
            }
            prev_sentence = Some(t.sentence);
        }
        (out, spans)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_tokens_markables_relations() {
        let xml = r#"<Document doc_name="x.xml">
<token t_id="1" sentence="0" number="0">He</token>
<token number="1" sentence="0" t_id="2">said</token>
<token t_id="3" sentence="0" number="2">&quot;</token>
<token t_id="4" sentence="0" number="3">Hi</token>
<token t_id="5" sentence="0" number="4">&quot;</token>
<token t_id="6" sentence="1" number="0">It</token>
<token t_id="7" sentence="1" number="1">'s</token>
<token t_id="8" sentence="1" number="2">(</token>
<token t_id="9" sentence="1" number="3">ok</token>
<token t_id="10" sentence="1" number="4">)</token>
<token t_id="11" sentence="1" number="5">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="3"><token_anchor t_id="2"/></ACTION_OCCURRENCE>
<EVENT m_id="9" instance_id="I1" TAG_DESCRIPTOR="say"/><EVENT m_id="10" instance_id="I2"/>
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="3"/><target m_id="9"/></CROSS_DOC_COREF>
</Relations></Document>"#;
        let d = CatDoc::parse(xml);
        assert_eq!(d.attrs["doc_name"], "x.xml");
        assert_eq!(d.tokens.len(), 11);
        assert_eq!(d.tokens[1].t_id, "2");
        assert_eq!(d.markables.len(), 3);
        assert_eq!(d.markables[0].anchors, vec!["2".to_string()]);
        assert_eq!(d.markables[2].attrs["instance_id"], "I2");
        assert_eq!(d.relations.len(), 1);
        assert_eq!(d.relations[0].attrs["note"], "ACT1");
        assert_eq!(d.relations[0].sources, vec!["3".to_string()]);
        let (text, spans) = d.text(|_| true);
        assert_eq!(text, "He said \"Hi\"\n\nIt's (ok).");
        let (a, b) = spans[1].unwrap();
        assert_eq!(&text[a..b], "said");
        let (text, spans) = d.text(|s| s != 0);
        assert_eq!(text, "It's (ok).");
        assert!(spans[0].is_none());
    }
}
