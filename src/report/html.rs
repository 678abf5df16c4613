//! The report page: one HTML file with its CSS inline and no external resource (a
//! Content-Security-Policy forbids any: nothing is fetched when it is viewed, offline or not).
//! Every text from the tables is article text, hostile input: it goes through [`esc`] and nothing
//! else, so a `<script>` in a quote is shown as text. The only script is lede's own (allowed by a
//! per-page nonce, so an injected one would not run even if escaping failed): it marks the page
//! `data-ready` once loaded and counts script errors in `data-errors`, for the browser test.

use super::summary::{CoMentions, Speaker, Summary, QUADS};
use super::svg::{self, QUAD_COLOURS};
use crate::human;
use std::fmt::Write;

/// What the page says about where it comes from.
pub struct Meta<'a> {
    pub out: &'a str,
    pub snapshot: &'a str,
    pub generated: &'a str,
    /// A fresh random token for the script's Content-Security-Policy nonce.
    pub nonce: &'a str,
}

/// `s` escaped for HTML text and attribute values (also inside inline SVG).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
body{font:15px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;color:#222;margin:0;background:#f6f6f4}
header,section{max-width:1000px;margin:0 auto;padding:12px 24px}
header{padding-top:24px}
h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:18px 0 8px;border-bottom:1px solid #ccc}
.meta{color:#666;font-size:13px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:6px 12px}
.card b{display:block;font-size:20px}
.tick{font-size:11px;fill:#555}
.legend span{display:inline-block;margin-right:14px;font-size:13px}
.legend i{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:-1px}
table{border-collapse:collapse;background:#fff;font-size:14px}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:left;vertical-align:top}
td.n,th.n{text-align:right}
.speakers{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:8px}
.speaker{background:#fff;border:1px solid #ddd;border-radius:6px;padding:8px 12px}
.speaker h3{margin:0 0 4px;font-size:16px}
blockquote{margin:6px 0 6px 8px;padding-left:10px;border-left:3px solid #1f6fbf}
blockquote.indirect,blockquote.mixed{border-left-color:#aaa}
cite{display:block;color:#666;font-size:12px;font-style:normal}
.grid td{width:34px;text-align:center}
.grid th.col{writing-mode:vertical-rl;transform:rotate(180deg);font-weight:normal;white-space:nowrap}
.none{color:#666;font-style:italic}
";

/// lede's one script: see the module doc.
const SCRIPT: &str = "(function(){var r=document.documentElement;\
window.addEventListener('error',function(){r.setAttribute('data-errors',String(Number(r.getAttribute('data-errors')||0)+1));},true);\
window.addEventListener('load',function(){r.setAttribute('data-ready','1');});})();";

/// The whole page.
pub fn page(s: &Summary, m: &Meta) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>lede report: {out}</title><style>{STYLE}</style><script nonce="{nonce}">{SCRIPT}</script></head><body>
"#,
        nonce = esc(m.nonce),
        out = esc(m.out)
    );
    header(&mut h, s, m);
    timeline(&mut h, s);
    speakers(&mut h, &s.speakers);
    entities(&mut h, s);
    co_mentions(&mut h, &s.co);
    failures(&mut h, s);
    h.push_str("</body></html>\n");
    h
}

fn header(h: &mut String, s: &Summary, m: &Meta) {
    let range = match s.published {
        Some((a, b)) if a == b => format!(", published {a}"),
        Some((a, b)) => format!(", published {a} to {b}"),
        None => String::new(),
    };
    let _ = write!(
        h,
        r#"<header><h1>lede report</h1><div class="meta">{} articles in <code>{}</code>{range}; snapshot <code>{}</code>; made {}</div><div class="cards">"#,
        human::int(s.n_articles as u64),
        esc(m.out),
        esc(m.snapshot),
        esc(m.generated)
    );
    for (n, what) in [
        (s.n_articles, "articles"),
        (s.n_mentions, "entity mentions"),
        (s.n_entities, "entities"),
        (s.n_quotes, "quotes"),
        (s.n_events, "event mentions"),
        (s.n_clusters, "event clusters"),
        (s.n_failures, "failures"),
    ] {
        let _ = write!(
            h,
            r#"<div class="card"><b>{}</b>{what}</div>"#,
            human::int(n as u64)
        );
    }
    h.push_str("</div></header>\n");
}

fn timeline(h: &mut String, s: &Summary) {
    let t = &s.timeline;
    h.push_str(r#"<section id="timeline"><h2>Timeline of events</h2>"#);
    h.push_str("<p>Event clusters (one real event, however many articles report it) per day, by GDELT quad class: one bar per day with events (days without any are left out, so the axis is not to scale).</p>");
    match svg::timeline(t) {
        Some(chart) => h.push_str(&chart),
        None => h.push_str(r#"<p class="none">No event cluster has a date.</p>"#),
    }
    h.push_str(r#"<div class="legend">"#);
    for (q, c) in QUADS.iter().zip(QUAD_COLOURS) {
        let _ = write!(h, r#"<span><i style="background:{c}"></i>{q}</span>"#);
    }
    h.push_str("</div><p class=\"meta\">");
    let mut notes = Vec::new();
    if t.by_report_date > 0 {
        notes.push(format!(
            "{} dated by their earliest report (the text gives no date)",
            human::count(t.by_report_date as u64, "cluster")
        ));
    }
    if t.undated > 0 {
        notes.push(format!(
            "{} without any date, not drawn",
            human::count(t.undated as u64, "cluster")
        ));
    }
    if t.days_left_out > 0 {
        notes.push(format!(
            "only the latest {} days are drawn: {} earlier left out",
            t.days.len(),
            human::count(t.days_left_out as u64, "day")
        ));
    }
    h.push_str(&esc(&notes.join("; ")));
    h.push_str("</p><h3>Most reported events</h3>");
    if s.top_clusters.is_empty() {
        h.push_str(r#"<p class="none">No events.</p>"#);
    } else {
        h.push_str(r#"<table id="clusters"><tr><th>date</th><th>event</th><th>quad class</th><th>where</th><th class="n">articles</th></tr>"#);
        for k in &s.top_clusters {
            let quad = k.quad.map_or("", |q| QUADS[usize::from(q) - 1]);
            let _ = write!(
                h,
                r#"<tr><td>{}</td><td>{}</td><td>{quad}</td><td>{}</td><td class="n">{}</td></tr>"#,
                k.date.map(|d| d.to_string()).unwrap_or_default(),
                esc(&k.label),
                esc(k.location.as_deref().unwrap_or("")),
                k.n_articles
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</section>\n");
}

fn speakers(h: &mut String, speakers: &[Speaker]) {
    h.push_str(r#"<section id="speakers"><h2>Top speakers</h2>"#);
    if speakers.is_empty() {
        h.push_str(r#"<p class="none">No quote has a resolved speaker.</p>"#);
    }
    h.push_str(r#"<div class="speakers">"#);
    for sp in speakers {
        let _ = write!(
            h,
            r#"<div class="speaker"><h3>{}</h3><div class="meta">{} in {}</div>"#,
            esc(&sp.name),
            human::count(sp.n_quotes as u64, "quote"),
            human::count(sp.n_articles as u64, "article")
        );
        for q in &sp.quotes {
            let _ = write!(
                h,
                r#"<blockquote class="{}">{}<cite>{} · {}</cite></blockquote>"#,
                esc(&q.kind),
                esc(&q.text),
                esc(&q.kind),
                esc(&q.source)
            );
        }
        h.push_str("</div>");
    }
    h.push_str("</div></section>\n");
}

fn entities(h: &mut String, s: &Summary) {
    h.push_str(r#"<section id="entities"><h2>Top entities</h2>"#);
    if s.entities.is_empty() {
        h.push_str(r#"<p class="none">No entities.</p></section>"#);
        return;
    }
    h.push_str(r#"<table><tr><th>entity</th><th>label</th><th class="n">mentions</th><th class="n">articles</th></tr>"#);
    for e in &s.entities {
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td><td class="n">{}</td></tr>"#,
            esc(&e.name),
            esc(&e.label),
            human::int(e.n_mentions.max(0) as u64),
            human::int(e.n_articles.max(0) as u64)
        );
    }
    h.push_str("</table></section>\n");
}

fn co_mentions(h: &mut String, co: &CoMentions) {
    h.push_str(r#"<section id="co-mentions"><h2>Who is mentioned with whom</h2>"#);
    if co.pairs.is_empty() {
        h.push_str(r#"<p class="none">No two entities share an article.</p></section>"#);
        return;
    }
    h.push_str("<p>Articles that mention both, for the most mentioned entities.</p>");
    let max = co.grid.iter().flatten().copied().max().unwrap_or(1).max(1);
    h.push_str(r#"<table class="grid"><tr><th></th>"#);
    for name in &co.names {
        let _ = write!(h, r#"<th class="col">{}</th>"#, esc(name));
    }
    h.push_str("</tr>");
    for (name, row) in co.names.iter().zip(&co.grid) {
        let _ = write!(h, "<tr><th>{}</th>", esc(name));
        for &n in row {
            // Shade by share of the largest count: white to the cooperation blue.
            let a = n as f64 / max as f64;
            let _ = write!(
                h,
                r#"<td style="background:rgba(31,111,191,{a:.2});color:{}">{}</td>"#,
                if a > 0.55 { "#fff" } else { "#222" },
                if n > 0 { n.to_string() } else { String::new() }
            );
        }
        h.push_str("</tr>");
    }
    h.push_str(r#"</table><h3>Pairs named together most often</h3><table id="pairs"><tr><th>entity</th><th>entity</th><th class="n">articles</th></tr>"#);
    for p in &co.pairs {
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td class="n">{}</td></tr>"#,
            esc(&p.a),
            esc(&p.b),
            p.n_articles
        );
    }
    h.push_str("</table></section>\n");
}

fn failures(h: &mut String, s: &Summary) {
    h.push_str(r#"<section id="failures"><h2>Failures</h2>"#);
    if s.failures.is_empty() {
        h.push_str(r#"<p class="none">No file failed.</p></section>"#);
        return;
    }
    let _ = write!(
        h,
        "<p>{} could not be read, cleaned or extracted{}.</p>",
        human::count(s.n_failures as u64, "file"),
        if s.n_failures > s.failures.len() {
            format!(" (the first {} listed)", s.failures.len())
        } else {
            String::new()
        }
    );
    h.push_str(r#"<table><tr><th>file</th><th>stage</th><th>reason</th><th class="n">tries</th><th>when</th></tr>"#);
    for f in &s.failures {
        let _ = write!(
            h,
            r#"<tr><td>{}</td><td>{}</td><td>{}</td><td class="n">{}</td><td>{}</td></tr>"#,
            esc(&f.source_path),
            esc(&f.stage),
            esc(&f.message),
            f.tries,
            f.at.map(|t| t.format("%Y-%m-%d %H:%M UTC").to_string())
                .unwrap_or_default()
        );
    }
    h.push_str("</table></section>\n");
}

#[cfg(test)]
mod tests {
    use super::esc;

    #[test]
    fn escapes_every_character_that_can_open_markup_or_end_an_attribute() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("Brüssel — 12"), "Brüssel — 12");
    }
}
