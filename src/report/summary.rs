//! What the report shows, computed from the rows of one snapshot ([`super::tables::Corpus`]): the
//! event clusters per day and GDELT quad class, the top speakers with some of their quotes, the top
//! entities, how often two of them are mentioned in the same article, and the failures. Plain
//! data, no HTML: `html.rs` and `svg.rs` draw it.

use super::tables::{Corpus, Failure};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Days shown on the timeline at most (the latest ones; the page says how many are left out).
pub const MAX_DAYS: usize = 90;
/// Speakers shown, and quotes shown per speaker.
pub const TOP_SPEAKERS: usize = 10;
pub const QUOTES_PER_SPEAKER: usize = 3;
/// Characters of a quote shown before it is cut with `…`.
pub const QUOTE_CHARS: usize = 320;
/// Entities in the top list, in the co-mention grid, and pairs listed.
pub const TOP_ENTITIES: usize = 20;
pub const GRID_ENTITIES: usize = 12;
pub const TOP_PAIRS: usize = 15;
/// Entities whose pairs are counted (the most mentioned): bounds the work on a big corpus.
const PAIR_POOL: usize = 60;
/// Failures listed at most.
pub const MAX_FAILURES: usize = 200;

/// GDELT's four quad classes, in their order (1..=4).
pub const QUADS: [&str; 4] = [
    "verbal cooperation",
    "material cooperation",
    "verbal conflict",
    "material conflict",
];

/// One day of the timeline: clusters of each quad class (index = class - 1).
pub struct Day {
    pub date: NaiveDate,
    pub quads: [usize; 4],
}

pub struct Timeline {
    pub days: Vec<Day>,
    /// Earlier days with clusters that are not drawn (over [`MAX_DAYS`]).
    pub days_left_out: usize,
    /// Clusters placed on the date of their earliest report (the text gave no date).
    pub by_report_date: usize,
    /// Clusters with no date at all (neither stated nor a dated report).
    pub undated: usize,
}

/// An event cluster as listed under the timeline.
pub struct ClusterLine {
    pub date: Option<NaiveDate>,
    pub label: String,
    pub quad: Option<u8>,
    pub location: Option<String>,
    pub n_articles: i64,
}

pub struct QuoteLine {
    pub text: String,
    pub kind: String,
    /// The article's title, else its file.
    pub source: String,
}

pub struct Speaker {
    pub name: String,
    pub n_quotes: usize,
    pub n_articles: usize,
    pub quotes: Vec<QuoteLine>,
}

pub struct EntityLine {
    pub name: String,
    pub label: String,
    pub n_mentions: i64,
    pub n_articles: i64,
}

/// Articles mentioning both of two entities.
pub struct Pair {
    pub a: String,
    pub b: String,
    pub n_articles: usize,
}

pub struct CoMentions {
    /// The grid's entities (most mentioned first) and, for each two, the articles naming both.
    pub names: Vec<String>,
    pub grid: Vec<Vec<usize>>,
    pub pairs: Vec<Pair>,
}

pub struct Summary {
    pub n_articles: usize,
    pub n_mentions: usize,
    pub n_entities: usize,
    pub n_quotes: usize,
    pub n_events: usize,
    pub n_clusters: usize,
    pub published: Option<(NaiveDate, NaiveDate)>,
    pub timeline: Timeline,
    pub top_clusters: Vec<ClusterLine>,
    pub speakers: Vec<Speaker>,
    pub entities: Vec<EntityLine>,
    pub co: CoMentions,
    pub failures: Vec<Failure>,
    pub n_failures: usize,
}

impl Summary {
    pub fn of(mut c: Corpus) -> Summary {
        let published = c.articles.iter().filter_map(|a| a.published);
        let range = published.clone().min().zip(published.max());
        let mut failures = std::mem::take(&mut c.failures);
        failures.sort_by(|a, b| (&a.source_path, &a.stage).cmp(&(&b.source_path, &b.stage)));
        let n_failures = failures.len();
        failures.truncate(MAX_FAILURES);
        Summary {
            n_articles: c.articles.len(),
            n_mentions: c.mentions.len(),
            n_entities: c.entities.len(),
            n_quotes: c.quotes.len(),
            n_events: c.events.len(),
            n_clusters: c.clusters.len(),
            published: range,
            timeline: timeline(&c),
            top_clusters: top_clusters(&c),
            speakers: speakers(&c),
            entities: top_entities(&c),
            co: co_mentions(&c),
            failures,
            n_failures,
        }
    }
}

/// Each cluster's day: its own date, else the earliest published date of the articles reporting it.
fn cluster_days(c: &Corpus) -> HashMap<&str, (NaiveDate, bool)> {
    let published: HashMap<&str, NaiveDate> = c
        .articles
        .iter()
        .filter_map(|a| Some((a.article_id.as_str(), a.published?)))
        .collect();
    let mut reported: HashMap<&str, NaiveDate> = HashMap::new();
    for e in &c.events {
        if let Some(&d) = published.get(e.article_id.as_str()) {
            let day = reported.entry(e.cluster_id.as_str()).or_insert(d);
            *day = (*day).min(d);
        }
    }
    c.clusters
        .iter()
        .filter_map(|k| {
            let id = k.cluster_id.as_str();
            match k.date {
                Some(d) => Some((id, (d, false))),
                None => reported.get(id).map(|&d| (id, (d, true))),
            }
        })
        .collect()
}

fn timeline(c: &Corpus) -> Timeline {
    let days_of = cluster_days(c);
    let mut by_day: BTreeMap<NaiveDate, [usize; 4]> = BTreeMap::new();
    let (mut by_report_date, mut undated) = (0, 0);
    for k in &c.clusters {
        let Some(&(day, from_report)) = days_of.get(k.cluster_id.as_str()) else {
            undated += 1;
            continue;
        };
        let Some(q) = extract::events::quad_class(&k.cameo_root) else {
            undated += 1;
            continue;
        };
        by_report_date += usize::from(from_report);
        by_day.entry(day).or_default()[usize::from(q) - 1] += 1;
    }
    let days_left_out = by_day.len().saturating_sub(MAX_DAYS);
    let days = by_day
        .into_iter()
        .skip(days_left_out)
        .map(|(date, quads)| Day { date, quads })
        .collect();
    Timeline {
        days,
        days_left_out,
        by_report_date,
        undated,
    }
}

/// The clusters reported by the most articles (then the latest first).
fn top_clusters(c: &Corpus) -> Vec<ClusterLine> {
    let days_of = cluster_days(c);
    let mut lines: Vec<ClusterLine> = c
        .clusters
        .iter()
        .map(|k| ClusterLine {
            date: days_of.get(k.cluster_id.as_str()).map(|d| d.0),
            label: k.label.clone(),
            quad: extract::events::quad_class(&k.cameo_root),
            location: k.location.clone(),
            n_articles: k.n_articles,
        })
        .collect();
    lines.sort_by(|a, b| (b.n_articles, b.date, &a.label).cmp(&(a.n_articles, a.date, &b.label)));
    lines.truncate(TOP_PAIRS);
    lines
}

fn speakers(c: &Corpus) -> Vec<Speaker> {
    let source: HashMap<&str, &str> = c
        .articles
        .iter()
        .map(|a| {
            let s = a.title.as_deref().filter(|t| !t.trim().is_empty());
            (a.article_id.as_str(), s.unwrap_or(&a.source_path))
        })
        .collect();
    let mut by_speaker: HashMap<&str, Vec<&super::tables::Quote>> = HashMap::new();
    for q in &c.quotes {
        if let (Some(id), Some(_)) = (&q.speaker_entity_id, &q.speaker_canonical) {
            by_speaker.entry(id.as_str()).or_default().push(q);
        }
    }
    let mut speakers: Vec<Speaker> = by_speaker
        .into_values()
        .map(|mut qs| {
            let n_articles = qs
                .iter()
                .map(|q| &q.article_id)
                .collect::<BTreeSet<_>>()
                .len();
            let n_quotes = qs.len();
            // Direct quotations first, then the surest, then in text order.
            let indirect = |q: &super::tables::Quote| q.kind != "direct";
            qs.sort_by(|a, b| {
                (indirect(a).cmp(&indirect(b))).then(b.confidence.total_cmp(&a.confidence))
            });
            Speaker {
                name: qs[0].speaker_canonical.clone().unwrap_or_default(),
                n_quotes,
                n_articles,
                quotes: qs
                    .iter()
                    .take(QUOTES_PER_SPEAKER)
                    .map(|q| QuoteLine {
                        text: cut(&q.text, QUOTE_CHARS),
                        kind: q.kind.clone(),
                        source: source.get(q.article_id.as_str()).unwrap_or(&"").to_string(),
                    })
                    .collect(),
            }
        })
        .collect();
    speakers.sort_by(|a, b| (b.n_quotes, &a.name).cmp(&(a.n_quotes, &b.name)));
    speakers.truncate(TOP_SPEAKERS);
    speakers
}

/// `s` cut to at most `max` characters (whole characters), with `…` when cut.
pub fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", s[..i].trim_end()),
    }
}

/// The catalog's entities, most mentioned first.
fn ranked(c: &Corpus) -> Vec<&super::tables::Entity> {
    let mut e: Vec<_> = c.entities.iter().collect();
    e.sort_by(|a, b| {
        (b.n_mentions, b.n_articles, &a.canonical).cmp(&(a.n_mentions, a.n_articles, &b.canonical))
    });
    e
}

fn top_entities(c: &Corpus) -> Vec<EntityLine> {
    ranked(c)
        .into_iter()
        .take(TOP_ENTITIES)
        .map(|e| EntityLine {
            name: e.canonical.clone(),
            label: e.label.clone(),
            n_mentions: e.n_mentions,
            n_articles: e.n_articles,
        })
        .collect()
}

fn co_mentions(c: &Corpus) -> CoMentions {
    let pool: Vec<&super::tables::Entity> = ranked(c).into_iter().take(PAIR_POOL).collect();
    let index: HashMap<&str, usize> = pool
        .iter()
        .enumerate()
        .map(|(i, e)| (e.entity_id.as_str(), i))
        .collect();
    let mut per_article: HashMap<&str, BTreeSet<usize>> = HashMap::new();
    for m in &c.mentions {
        if let Some(&i) = index.get(m.entity_id.as_str()) {
            per_article
                .entry(m.article_id.as_str())
                .or_default()
                .insert(i);
        }
    }
    let n = pool.len();
    let mut counts = vec![vec![0usize; n]; n];
    for ents in per_article.values() {
        let ents: Vec<usize> = ents.iter().copied().collect();
        for (k, &i) in ents.iter().enumerate() {
            for &j in &ents[k + 1..] {
                counts[i][j] += 1;
                counts[j][i] += 1;
            }
        }
    }
    let mut pairs: Vec<Pair> = Vec::new();
    for i in 0..n {
        for j in i + 1..n {
            if counts[i][j] > 0 {
                pairs.push(Pair {
                    a: pool[i].canonical.clone(),
                    b: pool[j].canonical.clone(),
                    n_articles: counts[i][j],
                });
            }
        }
    }
    pairs.sort_by(|x, y| (y.n_articles, &x.a, &x.b).cmp(&(x.n_articles, &y.a, &y.b)));
    pairs.truncate(TOP_PAIRS);
    let g = n.min(GRID_ENTITIES);
    CoMentions {
        names: pool[..g].iter().map(|e| e.canonical.clone()).collect(),
        grid: counts[..g].iter().map(|row| row[..g].to_vec()).collect(),
        pairs,
    }
}

#[cfg(test)]
mod tests {
    use super::cut;

    #[test]
    fn cut_keeps_whole_characters() {
        assert_eq!(cut("héllo", 10), "héllo");
        assert_eq!(cut("héllo wörld", 7), "héllo w…");
        assert_eq!(cut("ééé", 2), "éé…");
    }
}
