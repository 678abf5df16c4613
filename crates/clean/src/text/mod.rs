//! The rules of plain-text cleaning: what is body, what is metadata, what is junk.
//!
//! [`clean_text`] takes decoded text (a `.txt` file, or the body of a JSON/HTML article) and gives
//! the cleaned body with its metadata. One pass does, in order:
//!
//! 1. **Header**: YAML front matter or leading `Title:`/`Date:`/`By:` lines, and a date header
//!    glued to the first sentence (` date 2022-01-12 According to...`).
//! 2. **Paragraph rules**, each paragraph on its own: boilerplate (share/subscribe/cookie/comment
//!    form phrases from `crates/clean/lexicons/clean_boilerplate.txt`; a comment-section opener in the
//!    second half removes everything after it), photo captions (`... © Name / Agency`,
//!    `Photo: ...`, `REUTERS/Name`), bylines (`By ...` near the top or the end) and credit lines
//!    (`With EFE and Reuters`, `Reporting by ...`).
//! 3. **Title**: the given title (from metadata) or else the first paragraph when it looks like a
//!    headline (short, no final period, one sentence) *and* the next paragraph does not: the rule
//!    that keeps cleaning idempotent. Paragraphs that repeat the title (`Title(1)`, image alt
//!    texts) are removed.
//! 4. **Dateline** (`BRUSSELS –`, `KYIV, Ukraine, Jan 12 (Reuters) -`) at the start of the body.
//! 5. **Glued credits** at the end of the last paragraph (`...for years./ NYT, AP and REUTERS`).
//! 6. **Date stated in the text** when no header gave one: a date opening the lead
//!    (`On January 13, according to...`, the year taken from the nearest full date in the text),
//!    or a full date in the lead's first sentence.
//!
//! [`clean_text`] repeats the pass until the text no longer changes, so cleaning a cleaned text
//! gives it back unchanged. Every removal is recorded as a [`RemovedBlock`].
//!
//! One file per concern:
//! - `mod.rs` (this file): [`clean_text`], which repeats the pass to its fixpoint, and the
//!   merging of the passes' findings.
//! - `pass.rs`: one pass of the rules, in the order above.
//! - `header.rs`: 1, the header (front matter, `Key: value` lines, a glued date header).
//! - `boilerplate.rs`: 2, boilerplate paragraphs (share/subscribe/cookie/comment junk).
//! - `paragraphs.rs`: 2, the other paragraph rules: date lines, photo captions, bylines.
//! - `credits.rs`: 2 and 5, credit paragraphs and credits glued to the last paragraph.
//! - `title.rs`: 3, the title and its repeats.
//! - `dateline.rs`: 4, the dateline.
//! - `lead.rs`: 6, a date stated in the lead, and an author named there.

mod boilerplate;
mod credits;
mod dateline;
mod header;
mod lead;
mod paragraphs;
mod pass;
mod title;

use crate::Found;
use lead::{lead_author, text_date};
use model::RemovedBlock;
use pass::pass;

fn block(kind: &str, text: &str) -> RemovedBlock {
    RemovedBlock {
        kind: kind.to_string(),
        text: text.trim().to_string(),
    }
}

/// Cleans plain text. `known_title` (from metadata) switches title detection off and is used to
/// remove paragraphs repeating it.
pub fn clean_text(raw: &str, known_title: Option<&str>) -> Found {
    let mut found = pass(raw, known_title);
    // A pass that removed nothing only normalised: its output is already a fixpoint.
    let rounds = if found.removed.is_empty() { 0 } else { 32 };
    for _ in 0..rounds {
        // Each round is a fresh clean of the last output: at the fixpoint, cleaning the result
        // again gives it back unchanged.
        let next = pass(&found.text, known_title);
        if next.text == found.text {
            break;
        }
        merge(&mut found, next);
    }
    if found.published.is_none() {
        found.published = text_date(&found.text);
    }
    if found.byline.is_none() {
        found.byline = lead_author(&found.text);
    }
    found
}

fn merge(into: &mut Found, next: Found) {
    into.text = next.text;
    into.title = into.title.take().or(next.title);
    into.published = into.published.or(next.published);
    into.byline = into.byline.take().or(next.byline);
    into.dateline = into.dateline.take().or(next.dateline);
    into.url = into.url.take().or(next.url);
    into.language = into.language.take().or(next.language);
    into.credits.extend(next.credits);
    into.removed.extend(next.removed);
}
