//! Cluster ids: the key of an event computed from the event alone ([`cluster_id`]), so that mentions
//! of the same real event in different articles agree, and filling them for an article's events.

use crate::doc::Doc;
use model::{DatePrecision, Event};
use std::collections::HashMap;

/// Longest sentence (bytes) whose whole text keys an undated, unanchored event (see
/// [`cluster_id`]); a longer one (no real sentence is) keys it by the text around the trigger.
pub(super) const MAX_CLUSTER_SENTENCE: usize = 20_000;

/// Fills every event's cluster id; returns how many were keyed by a window of an over-long sentence.
pub(super) fn set_cluster_ids(doc: &Doc, events: &mut [Event]) -> usize {
    let mut windowed = 0;
    // the canonical name of each entity id: its first mention's
    let mut canonical: HashMap<&str, String> = HashMap::new();
    for m in doc.entities {
        canonical
            .entry(m.entity_id.as_str())
            .or_insert_with(|| m.canonical.to_lowercase());
    }
    for e in events.iter_mut() {
        let canon = |id: &Option<String>| -> Option<String> {
            canonical.get(id.as_ref()?.as_str()).cloned()
        };
        let sent = doc
            .sentences
            .get(e.sentence)
            .map(|s| s.span.slice(doc.text))
            .unwrap_or("");
        let sent = if sent.len() > MAX_CLUSTER_SENTENCE {
            windowed += 1;
            let half = MAX_CLUSTER_SENTENCE / 2;
            let (a, b) = (e.trigger_span.start, e.trigger_span.end);
            let mut lo = a.saturating_sub(half);
            while !doc.text.is_char_boundary(lo) {
                lo -= 1;
            }
            let mut hi = (b + half).min(doc.text.len());
            while !doc.text.is_char_boundary(hi) {
                hi += 1;
            }
            &doc.text[lo..hi]
        } else {
            sent
        };
        e.cluster_id = cluster_id(
            &e.cameo_root,
            e.date.zip(e.date_precision),
            doc.published,
            canon(&e.location_entity_id).or_else(|| e.location.as_ref().map(|l| l.to_lowercase())),
            [canon(&e.actor1_entity_id), canon(&e.actor2_entity_id)],
            &e.trigger,
            sent,
        );
    }
    windowed
}

/// The cluster id of an event, from the event and its article's publication date alone (no shared
/// state), so that mentions of the same real event in different articles agree and ids never change
/// as new articles arrive. The *anchor* is the place (`at:` its canonical name) or else the sorted
/// actor set (`by:`):
///
/// - with a date: `C` + 16 hex of blake3(root, date at its precision, anchor);
/// - without a date but with an anchor: blake3(root, `reported:` the publication day, anchor): reports
///   of the same day with the same family and place (or actors) are one event. Without a publication
///   date either (`reported:unknown`, e.g. ECB+), nothing bounds the time and recurrences with the
///   same family and anchor merge: the cost measured on ECB+ (see [`ecbplus`]);
/// - with neither a date nor an anchor: the root, the trigger and the whole sentence (normalised):
///   only a verbatim repeat of the same report (syndicated copy) shares it.
///
/// Dated and undated keys never collide: an undated mention does not join a dated cluster.
pub fn cluster_id(
    root: &str,
    date: Option<(chrono::NaiveDate, DatePrecision)>,
    published: Option<chrono::NaiveDate>,
    place: Option<String>,
    actors: [Option<String>; 2],
    trigger: &str,
    sentence: &str,
) -> String {
    let anchor = match place.filter(|p| !p.trim().is_empty()) {
        Some(pl) => Some(format!("at:{pl}")),
        None => {
            let mut a: Vec<String> = actors
                .into_iter()
                .flatten()
                .filter(|a| !a.trim().is_empty())
                .collect();
            // the most specific actor (longest name, then alphabetical): reports that name the
            // same protagonist with different counterparts agree
            a.sort_by(|x, y| y.chars().count().cmp(&x.chars().count()).then(x.cmp(y)));
            a.first().map(|x| format!("by:{x}"))
        }
    };
    let key = match (date, anchor) {
        (Some((d, p)), anchor) => {
            let ds = match p {
                DatePrecision::Day => d.format("%Y-%m-%d").to_string(),
                DatePrecision::Month => d.format("%Y-%m").to_string(),
                DatePrecision::Year => d.format("%Y").to_string(),
            };
            format!(
                "{root}\u{1f}{ds}\u{1f}{}",
                anchor.unwrap_or_else(|| "by:".into())
            )
        }
        (None, Some(anchor)) => {
            let rep = published.map_or_else(
                || "unknown".to_string(),
                |p| p.format("%Y-%m-%d").to_string(),
            );
            format!("{root}\u{1f}reported:{rep}\u{1f}{anchor}")
        }
        (None, None) => {
            let norm: String = sentence
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            format!(
                "{root}\u{1f}undated\u{1f}{}\u{1f}{norm}",
                trigger.to_lowercase()
            )
        }
    };
    let h = blake3::hash(key.as_bytes()).to_hex();
    format!("C{}", &h.as_str()[..16])
}
