//! Nesting cap for HTML, applied before any parser sees the markup.
//!
//! The HTML parser (`html5ever`) keeps open elements on a stack that it scans, and the code that
//! reads the tree (`dom_smoothie`'s readability, `dom_query`'s serializer and text, this crate's
//! walks) recurses on it in places: 7,000 nested `<div>`s overflow a thread's stack and abort the
//! process, and depth costs quadratic time. [`cap`] bounds it: a light scan of the tags, with a
//! model of the parser's stack of open elements that never counts fewer open elements than the
//! parser has, drops every start tag that would open an element deeper than the limit (and its
//! end tag), so the parser never sees them. The text inside is kept. The model knows the
//! elements a parser closes without an end tag (`<p>`, `<li>`, `<dt>`/`<dd>`, table rows and
//! cells, `<option>`), so ordinary pages with unclosed paragraphs are not touched.
//!
//! Formatting elements (`<b>`, `<font>`...) left open are also counted apart: the parser reopens
//! every one of them after each block that closed them ("reconstructs the active formatting
//! elements"), so a few thousand of them would nest a few thousand elements deep again, and
//! re-create them in every later paragraph. Beyond [`MAX_FORMATTING`] open ones, more are dropped.
//!
//! What was dropped is counted, and `clean` records it on the article (kind `nesting`).
//!
//! The model is not the parser: markup that makes the parser's adoption agency move formatting
//! elements (`<b><div></b></b></div><span></b>`, repeated) nests deeper than the model counts.
//! So the HTML reader also measures the parsed page (without recursion) and reads a page still
//! deeper than four times the cap without readability.

use std::borrow::Cow;
use std::collections::HashMap;

/// Deepest nesting of elements let through to the parser. News pages nest some 20 to 60 deep.
/// Readability's cost grows with the number of elements times their depth (each element is
/// scored through its ancestors' subtrees), so the cap also bounds the time per element.
pub const MAX_DEPTH: usize = 128;
/// Most formatting elements left open (the parser's list of active formatting elements).
pub const MAX_FORMATTING: usize = 64;

/// Elements with no content and no end tag.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr", "image",
];
/// Elements whose content is text up to their end tag (outside SVG and MathML).
const RAW: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];
/// Formatting elements, reopened by the parser until their own end tag.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];
/// Elements that clear the formatting elements opened inside them when they close.
const MARKERS: &[&str] = &[
    "td", "th", "caption", "applet", "object", "marquee", "template",
];
/// Elements an end tag looking for its element does not look past (the parser's "scope").
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template",
];
/// Elements that close an open `<p>`.
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hgroup",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "search",
    "section",
    "summary",
    "ul",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "pre",
    "listing",
    "form",
    "hr",
    "xmp",
    "dd",
    "dt",
    "li",
];
/// The parser's "special" elements, which an unknown end tag does not close.
const SPECIAL: &[&str] = &[
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "base",
    "basefont",
    "bgsound",
    "blockquote",
    "body",
    "br",
    "button",
    "caption",
    "center",
    "col",
    "colgroup",
    "dd",
    "details",
    "dir",
    "div",
    "dl",
    "dt",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "iframe",
    "img",
    "input",
    "keygen",
    "li",
    "link",
    "listing",
    "main",
    "marquee",
    "menu",
    "meta",
    "nav",
    "noembed",
    "noframes",
    "noscript",
    "object",
    "ol",
    "p",
    "param",
    "plaintext",
    "pre",
    "script",
    "search",
    "section",
    "select",
    "source",
    "style",
    "summary",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "track",
    "ul",
    "wbr",
    "xmp",
];
/// HTML start tags that end SVG or MathML content.
const BREAKOUT: &[&str] = &[
    "b",
    "big",
    "blockquote",
    "body",
    "br",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "hr",
    "i",
    "img",
    "li",
    "listing",
    "menu",
    "meta",
    "nobr",
    "ol",
    "p",
    "pre",
    "ruby",
    "s",
    "small",
    "span",
    "strong",
    "strike",
    "sub",
    "sup",
    "table",
    "tt",
    "u",
    "ul",
    "var",
    "font",
];
/// SVG and MathML elements whose content is HTML again.
const INTEGRATION: &[&str] = &[
    "foreignobject",
    "desc",
    "title",
    "mi",
    "mo",
    "mn",
    "ms",
    "mtext",
    "annotation-xml",
];

/// HTML with its nesting capped, and how many tags were dropped for it.
pub struct Capped<'a> {
    pub html: Cow<'a, str>,
    /// Start tags dropped (their end tags go with them).
    pub dropped: usize,
}

impl Capped<'_> {
    /// The note saying what was dropped, when something was.
    pub fn note(&self) -> Option<String> {
        (self.dropped > 0).then(|| {
            format!(
                "{} HTML tag(s) nested deeper than {MAX_DEPTH} elements (or beyond \
                 {MAX_FORMATTING} open formatting elements) dropped, their text kept",
                self.dropped
            )
        })
    }
}

/// One open element of the model.
struct Open {
    name: String,
    /// An SVG or MathML element.
    foreign: bool,
    /// An HTML element of [`SPECIAL`] (worked out once: end tags look at it often).
    special: bool,
    /// Length of the formatting list when it was opened (for markers).
    formatting_at: usize,
}

/// The model of the parser's stack of open elements and list of active formatting elements.
#[derive(Default)]
struct Model {
    stack: Vec<Open>,
    formatting: Vec<String>,
    /// Start tags dropped whose end tag has not come yet, by name.
    pending: HashMap<String, usize>,
    dropped: usize,
}

/// Caps the nesting of `html` at [`MAX_DEPTH`] open elements and [`MAX_FORMATTING`] open
/// formatting elements.
pub fn cap(html: &str) -> Capped<'_> {
    cap_at(html, MAX_DEPTH, MAX_FORMATTING)
}

/// [`cap`] with given limits.
pub fn cap_at(html: &str, max_depth: usize, max_formatting: usize) -> Capped<'_> {
    let b = html.as_bytes();
    let mut m = Model::default();
    // Byte ranges of the dropped tags.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(off) = memchr(b'<', &b[i..]) {
        let lt = i + off;
        let Some(tag) = scan_tag(b, lt) else {
            i = lt + 1;
            continue;
        };
        i = tag.end;
        match tag.kind {
            Kind::Skip => {}
            Kind::Start { self_closing } => {
                let name = lower(&b[tag.name.0..tag.name.1]);
                let keep = m.start(&name, self_closing, max_depth, max_formatting);
                if !keep {
                    cuts.push((lt, tag.end));
                    continue;
                }
                if name == "plaintext" && m.top_is(&["plaintext"]) {
                    break;
                }
                if RAW.contains(&name.as_str()) && m.top_is(&[name.as_str()]) {
                    // Text up to its end tag, which closes it.
                    i = raw_end(b, tag.end, &name);
                    m.pop_to(m.stack.len() - 1);
                }
            }
            Kind::End => {
                let name = lower(&b[tag.name.0..tag.name.1]);
                if !m.end(&name) {
                    cuts.push((lt, tag.end));
                }
            }
        }
    }
    if cuts.is_empty() {
        return Capped {
            html: Cow::Borrowed(html),
            dropped: 0,
        };
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (s, e) in cuts {
        out.push_str(&html[at..s]);
        // A space keeps the words on either side apart.
        out.push(' ');
        at = e;
    }
    out.push_str(&html[at..]);
    Capped {
        html: Cow::Owned(out),
        dropped: m.dropped,
    }
}

impl Model {
    /// Are new elements SVG or MathML here?
    fn in_foreign(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|o| o.foreign && !INTEGRATION.contains(&o.name.as_str()))
    }

    /// A start tag: `false` when it is dropped.
    fn start(&mut self, name: &str, self_closing: bool, max_depth: usize, max_fmt: usize) -> bool {
        if self.in_foreign() && !BREAKOUT.contains(&name) {
            if self_closing {
                return true;
            }
            return self.push(name, true, max_depth, max_fmt);
        }
        if matches!(name, "svg" | "math") {
            return self_closing || self.push(name, true, max_depth, max_fmt);
        }
        if matches!(name, "html" | "head" | "body") {
            return true;
        }
        self.implied_ends(name);
        VOID.contains(&name) || self.push(name, false, max_depth, max_fmt)
    }

    /// Opens an element, unless that goes past a limit.
    fn push(&mut self, name: &str, foreign: bool, max_depth: usize, max_fmt: usize) -> bool {
        let fmt = !foreign && FORMATTING.contains(&name);
        if self.stack.len() >= max_depth || fmt && self.formatting.len() >= max_fmt {
            *self.pending.entry(name.to_string()).or_default() += 1;
            self.dropped += 1;
            return false;
        }
        if fmt {
            self.formatting.push(name.to_string());
        }
        self.stack.push(Open {
            name: name.to_string(),
            foreign,
            special: !foreign && SPECIAL.contains(&name),
            formatting_at: self.formatting.len(),
        });
        true
    }

    /// The elements the parser closes (or opens) because of a start tag, as far as sure.
    fn implied_ends(&mut self, name: &str) {
        if CLOSES_P.contains(&name) {
            if let Some(k) = self.find(&["p"], &[SCOPE, &["button"]]) {
                self.pop_to(k);
            }
        }
        match name {
            "li" => self.close_list_item(&["li"]),
            "dd" | "dt" => self.close_list_item(&["dd", "dt"]),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
                if self.top_is(&["h1", "h2", "h3", "h4", "h5", "h6"]) =>
            {
                self.pop_to(self.stack.len() - 1)
            }
            "option" | "optgroup" if self.top_is(&["option"]) => self.pop_to(self.stack.len() - 1),
            "tr" | "td" | "th" | "tbody" | "thead" | "tfoot" | "table" => self.table_part(name),
            _ => {}
        }
    }

    /// `<li>`, `<dd>`, `<dt>`: close the open one unless a special element other than
    /// `address`, `div`, `p` is in between.
    fn close_list_item(&mut self, names: &[&str]) {
        for k in (0..self.stack.len()).rev() {
            let o = &self.stack[k];
            if names.contains(&o.name.as_str()) && !o.foreign {
                self.pop_to(k);
                return;
            }
            if o.foreign || o.special && !matches!(o.name.as_str(), "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Table parts: a new row or cell closes the open one; rows and cells get the row group and
    /// row the parser puts around them.
    fn table_part(&mut self, name: &str) {
        const PARTS: &[&str] = &["td", "th", "tr", "tbody", "thead", "tfoot", "table"];
        let Some(k) = self.find(PARTS, &[&["html", "template"]]) else {
            return;
        };
        let found = self.stack[k].name.clone();
        match (name, found.as_str()) {
            ("table", "table") => self.pop_to(k),
            ("table", _) => {}
            (_, "td" | "th") => {
                self.pop_to(k);
                if name != "td" && name != "th" {
                    // Now in the row: a row or group closes it too.
                    self.table_part(name);
                }
            }
            ("tr" | "tbody" | "thead" | "tfoot", "tr") => {
                self.pop_to(k);
                self.table_part(name);
            }
            ("tbody" | "thead" | "tfoot", "tbody" | "thead" | "tfoot") => self.pop_to(k),
            _ => {}
        }
        // The implied row group and row (counted, never dropped: the parser adds them).
        let top = self.stack.last().map(|o| o.name.as_str());
        let implied: &[&str] = match (name, top) {
            ("tr", Some("table")) => &["tbody"],
            ("td" | "th", Some("table")) => &["tbody", "tr"],
            ("td" | "th", Some("tbody" | "thead" | "tfoot")) => &["tr"],
            _ => &[],
        };
        for n in implied {
            let at = self.formatting.len();
            self.stack.push(Open {
                name: n.to_string(),
                foreign: false,
                special: true,
                formatting_at: at,
            });
        }
    }

    fn top_is(&self, names: &[&str]) -> bool {
        self.stack
            .last()
            .is_some_and(|o| !o.foreign && names.contains(&o.name.as_str()))
    }

    /// The nearest open HTML element named one of `names`, not looking past the elements of
    /// `stops` (nor past SVG or MathML).
    fn find(&self, names: &[&str], stops: &[&[&str]]) -> Option<usize> {
        for k in (0..self.stack.len()).rev() {
            let o = &self.stack[k];
            if o.foreign {
                return None;
            }
            if names.contains(&o.name.as_str()) {
                return Some(k);
            }
            if stops.iter().any(|s| s.contains(&o.name.as_str())) {
                return None;
            }
        }
        None
    }

    /// Closes the element at `k` and everything opened after it.
    fn pop_to(&mut self, k: usize) {
        while self.stack.len() > k {
            let o = self.stack.pop().expect("k < len");
            if MARKERS.contains(&o.name.as_str()) && !o.foreign {
                self.formatting.truncate(o.formatting_at);
            }
        }
    }

    /// An end tag: `false` when it is dropped (its start tag was).
    fn end(&mut self, name: &str) -> bool {
        if let Some(n) = self.pending.get_mut(name).filter(|n| **n > 0) {
            *n -= 1;
            return false;
        }
        if matches!(name, "html" | "head" | "body") {
            return true;
        }
        // In SVG or MathML: closes the nearest SVG or MathML element of that name.
        for k in (0..self.stack.len()).rev() {
            if !self.stack[k].foreign {
                break;
            }
            if self.stack[k].name == name {
                self.pop_to(k);
                return true;
            }
        }
        const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];
        let k = if HEADINGS.contains(&name) {
            // Closes the nearest heading, whichever it is.
            self.find(HEADINGS, &[SCOPE])
        } else if SPECIAL.contains(&name) {
            // Closes its element when in scope, whatever is in between.
            let stops: &[&[&str]] = match name {
                "p" => &[SCOPE, &["button"]],
                "li" => &[SCOPE, &["ol", "ul"]],
                "td" | "th" | "tr" | "tbody" | "thead" | "tfoot" | "table" => {
                    &[&["html", "table", "template"]]
                }
                _ => &[SCOPE],
            };
            self.find(&[name], stops)
        } else {
            // Any other end tag closes its element, unless a special element is in between.
            self.stack
                .iter()
                .rposition(|o| o.name == name || o.foreign || o.special)
                .filter(|&k| self.stack[k].name == name && !self.stack[k].foreign)
        };
        let Some(k) = k else { return true };
        if name == "form" {
            // `</form>` takes the form out of the stack, leaving what was opened inside it.
            self.stack.remove(k);
            return true;
        }
        self.pop_to(k);
        if FORMATTING.contains(&name) {
            // A formatting element closed by its own end tag leaves the list; one closed by
            // another end tag stays there, as the parser will reopen it.
            if let Some(j) = self.formatting.iter().rposition(|f| f == name) {
                self.formatting.remove(j);
            }
        }
        true
    }
}

/// What a `<` starts.
enum Kind {
    Start {
        self_closing: bool,
    },
    End,
    /// A comment, doctype, processing instruction or bogus comment.
    Skip,
}

struct Tag {
    kind: Kind,
    /// Byte range of the name.
    name: (usize, usize),
    /// Just past the tag.
    end: usize,
}

/// The tag starting at `b[lt] == b'<'`, as the HTML tokenizer reads it; `None` when the `<` is
/// text.
fn scan_tag(b: &[u8], lt: usize) -> Option<Tag> {
    let rest = &b[lt + 1..];
    let skip = |end: usize| Tag {
        kind: Kind::Skip,
        name: (0, 0),
        end,
    };
    match rest.first()? {
        b'!' if rest.starts_with(b"!--") => Some(skip(comment_end(b, lt + 4))),
        b'!' | b'?' => Some(skip(past(b, lt + 1, b'>'))),
        b'/' => match rest.get(1) {
            Some(c) if c.is_ascii_alphabetic() => {
                let (name, end, _) = tag_body(b, lt + 2);
                Some(Tag {
                    kind: Kind::End,
                    name,
                    end,
                })
            }
            Some(b'>') => Some(skip(lt + 3)),
            Some(_) => Some(skip(past(b, lt + 2, b'>'))),
            None => None,
        },
        c if c.is_ascii_alphabetic() => {
            let (name, end, self_closing) = tag_body(b, lt + 1);
            Some(Tag {
                kind: Kind::Start { self_closing },
                name,
                end,
            })
        }
        _ => None,
    }
}

/// Just past the first `c` at or after `from`, or the end.
fn past(b: &[u8], from: usize, c: u8) -> usize {
    memchr(c, &b[from.min(b.len())..]).map_or(b.len(), |k| from + k + 1)
}

/// Just past a comment whose text starts at `from` (`-->`, `--!>`, or `<!-->`, `<!--->`).
fn comment_end(b: &[u8], from: usize) -> usize {
    let rest = &b[from.min(b.len())..];
    if rest.starts_with(b">") {
        return from + 1;
    }
    if rest.starts_with(b"->") {
        return from + 2;
    }
    let mut k = 0;
    while let Some(off) = memchr(b'-', &rest[k..]) {
        let at = k + off;
        if rest[at..].starts_with(b"-->") {
            return from + at + 3;
        }
        if rest[at..].starts_with(b"--!>") {
            return from + at + 4;
        }
        k = at + 1;
    }
    b.len()
}

/// A tag's name range, the position just past it and whether it ends with `/>`; the name
/// starts at `from`. Quoted attribute values may hold `>`.
fn tag_body(b: &[u8], from: usize) -> ((usize, usize), usize, bool) {
    let is_space = |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c');
    let mut i = from;
    while i < b.len() && !is_space(b[i]) && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    let name = (from, i);
    let mut slash = false;
    while i < b.len() {
        match b[i] {
            b'>' => return (name, i + 1, slash),
            c if is_space(c) => i += 1,
            b'/' => {
                slash = true;
                i += 1;
                continue;
            }
            _ => {
                // An attribute: its name, then maybe `=` and a value.
                while i < b.len() && !is_space(b[i]) && !matches!(b[i], b'/' | b'>') {
                    if b[i] == b'=' && i > 0 && !is_space(b[i - 1]) {
                        break;
                    }
                    i += 1;
                }
                while i < b.len() && is_space(b[i]) {
                    i += 1;
                }
                if b.get(i) == Some(&b'=') {
                    i += 1;
                    while i < b.len() && is_space(b[i]) {
                        i += 1;
                    }
                    match b.get(i) {
                        Some(&q @ (b'"' | b'\'')) => i = past(b, i + 1, q),
                        _ => {
                            while i < b.len() && !is_space(b[i]) && b[i] != b'>' {
                                i += 1;
                            }
                        }
                    }
                }
            }
        }
        slash = false;
    }
    (name, b.len(), false)
}

/// Where a raw-text element (`<script>`, `<style>`, `<textarea>`...) whose content starts at
/// `from` ends: at its end tag (which it consumes), else at the end of the input.
fn raw_end(b: &[u8], from: usize, name: &str) -> usize {
    let mut k = from;
    while let Some(off) = memchr(b'<', &b[k.min(b.len())..]) {
        let at = k + off;
        let n = at + 2 + name.len();
        if b.get(at + 1) == Some(&b'/')
            && n <= b.len()
            && b[at + 2..n].eq_ignore_ascii_case(name.as_bytes())
            && matches!(
                b.get(n),
                None | Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>')
            )
        {
            return tag_body(b, at + 2).1;
        }
        k = at + 1;
    }
    b.len()
}

fn lower(name: &[u8]) -> String {
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

fn memchr(c: u8, b: &[u8]) -> Option<usize> {
    b.iter().position(|&x| x == c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_after(html: &str) -> usize {
        let c = cap_at(html, 4, 2);
        c.dropped
    }

    #[test]
    fn ordinary_markup_is_untouched() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b<li>c</ul>\
                    <table><tr><td>x<td>y<tr><td>z</table><b>bold</b></div></body></html>";
        let c = cap_at(page, 6, 2);
        assert_eq!(c.dropped, 0);
        assert!(matches!(c.html, Cow::Borrowed(_)));
    }

    #[test]
    fn deep_nesting_is_capped_and_text_kept() {
        let html = format!("<body>{}x{}", "<div>".repeat(10), "</div>".repeat(10));
        let c = cap_at(&html, 4, 2);
        assert_eq!(c.dropped, 6);
        assert_eq!(c.html.matches("<div>").count(), 4);
        assert_eq!(c.html.matches("</div>").count(), 4);
        assert!(c.html.contains('x'));
    }

    #[test]
    fn unclosed_paragraphs_and_items_are_siblings() {
        assert_eq!(depth_after(&"<p>para ".repeat(50)), 0);
        assert_eq!(
            depth_after(&format!("<ul>{}</ul>", "<li>item ".repeat(50))),
            0
        );
        assert_eq!(depth_after(&"<dt>a<dd>b".repeat(50)), 0);
        assert_eq!(depth_after(&"<tr><td>a<td>b".repeat(50)), 0);
    }

    #[test]
    fn what_the_parser_nests_is_counted() {
        // `<div/>` opens a div in HTML; `</span>` does not close past a div.
        assert!(depth_after(&"<div/>".repeat(10)) > 0);
        assert!(depth_after(&"<span><div></span>".repeat(10)) > 0);
        // Formatting elements left open are reopened by the parser: counted apart.
        assert!(depth_after(&"<div><b class=x></div>".repeat(10)) > 0);
        // A comment ended by `--!>` does not hide what follows.
        assert!(depth_after(&format!("<!-- a --!>{}", "<div>".repeat(10))) > 0);
        // Quoted `>` in attributes, `<` as text, raw text.
        assert_eq!(
            depth_after("<a title='>'>1 < 2</a><script><div><div><div><div><div></script>"),
            0
        );
    }

    #[test]
    fn svg_self_closing_only_inside_svg() {
        assert_eq!(
            depth_after(&format!("<svg>{}</svg>", "<path/>".repeat(10))),
            0
        );
        assert!(depth_after(&format!("<svg><p>{}", "<path/>".repeat(10))) > 0);
    }
}
