//! One pass of the rules (steps 1 to 5 of the module doc): the header, then each paragraph
//! through the paragraph rules, the title and its repeats, the dateline and glued credits.

use super::block;
use super::boilerplate::boilerplate;
use super::credits::{credit_paragraph, glued_credit};
use super::dateline::dateline;
use super::header::header;
use super::paragraphs::{byline, date_line, is_caption};
use super::title::{detect_title, title_key};
use crate::dates;
use crate::normalize;
use crate::Found;
use model::{DateSource, RemovedBlock};

/// One pass of the rules (see the module doc).
pub(super) fn pass(raw: &str, known_title: Option<&str>) -> Found {
    let mut f = Found::default();
    let s = normalize::nfc(&normalize::chars(raw));
    let body = header(&s, &mut f);
    let paras = normalize::paragraphs_of_clean(body);
    // Removed blocks keyed by paragraph position (header = 0), sorted at the end so the list
    // reads in document order.
    let mut rm: Vec<(usize, RemovedBlock)> = f.removed.drain(..).map(|b| (0, b)).collect();

    // 2. Paragraph rules.
    let n = paras.len();
    let mut kept: Vec<(usize, String)> = Vec::with_capacity(n);
    let mut in_comments = false;
    for (i, p) in paras.into_iter().enumerate() {
        let at = i + 1;
        if in_comments {
            rm.push((at, block("boilerplate", &p)));
            continue;
        }
        let near_top = i < 4;
        let near_end = i + 3 >= n;
        if let Some(date) = date_line(&p).filter(|_| near_top) {
            if let Some(d) = date {
                f.published.get_or_insert((d, DateSource::Header));
            }
            rm.push((at, block("date_header", &p)));
        } else if let Some(opens_comments) = boilerplate(&p) {
            in_comments = opens_comments && i > 0 && i * 2 >= n;
            rm.push((at, block("boilerplate", &p)));
        } else if is_caption(&p) {
            rm.push((at, block("caption", &p)));
        } else if let Some(name) = byline(&p).filter(|_| near_top || near_end) {
            f.byline.get_or_insert(name);
            rm.push((at, block("byline", &p)));
        } else if let Some(items) = credit_paragraph(&p).filter(|_| near_end && i > 0) {
            f.credits.extend(items);
            rm.push((at, block("credit", &p)));
        } else {
            kept.push((at, p));
        }
    }

    // 3. Title and its repeats. A headline-like first line is removed even when the text's own
    // header named a title (then it is a subtitle): the same rule with or without the header,
    // so that cleaning stays idempotent. Only a title from metadata switches detection off.
    let given = known_title.map(normalize::line).or(f.title.clone());
    let drop_repeats =
        |kept: &mut Vec<(usize, String)>, t: &str, rm: &mut Vec<(usize, RemovedBlock)>| {
            let key = title_key(t);
            kept.retain(|(at, p)| {
                let repeat = !key.is_empty() && title_key(p) == key;
                if repeat {
                    rm.push((*at, block("repeated_title", p)));
                }
                !repeat
            });
        };
    if let Some(t) = &given {
        drop_repeats(&mut kept, t, &mut rm);
    }
    let mut title = given.clone();
    if known_title.is_none() && detect_title(&kept) {
        let (at, t) = kept.remove(0);
        rm.push((
            at,
            block(if given.is_some() { "subtitle" } else { "title" }, &t),
        ));
        drop_repeats(&mut kept, &t, &mut rm);
        title = title.or(Some(t));
    }
    f.title = title;

    // 4. Dateline.
    if let Some(d) = kept.first().and_then(|(_, p)| dateline(p)) {
        if let (Some((m, day)), None) = (d.month_day, f.published) {
            // The year as written, else from the nearest full date of the text, else no date.
            let date = match d.year {
                Some(y) => chrono::NaiveDate::from_ymd_opt(y, m, day),
                None => {
                    let all: Vec<&str> = kept.iter().map(|(_, p)| p.as_str()).collect();
                    dates::infer_year(m, day, &all.join("\n"))
                }
            };
            f.published = date.map(|x| (x, DateSource::Dateline));
        }
        let (at, first) = &mut kept[0];
        rm.push((*at, block("dateline", &first[..d.len])));
        f.dateline = Some(d.place);
        f.credits.extend(d.agency);
        *first = first[d.len..].trim_start().to_string();
        if first.is_empty() {
            kept.remove(0);
        }
    }

    // 5. Credits glued to the end of the last paragraph.
    if let Some((at, last)) = kept.last_mut() {
        if let Some((cut, items)) = glued_credit(last) {
            rm.push((*at, block("credit", &last[cut..])));
            f.credits.extend(items);
            last.truncate(cut);
            *last = last.trim_end().to_string();
            if last.is_empty() {
                kept.pop();
            }
        }
    }

    rm.sort_by_key(|(at, _)| *at);
    f.removed = rm.into_iter().map(|(_, b)| b).collect();
    let paras: Vec<&str> = kept.iter().map(|(_, p)| p.as_str()).collect();
    f.text = normalize::join(&paras);
    f
}
