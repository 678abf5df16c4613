//! The timeline chart of `lede report`, written as SVG by hand: one stacked bar per day with event
//! clusters, a segment per GDELT quad class, a `<title>` per bar (the browser's tooltip), a y axis
//! with round ticks, and date labels thinned so they never overlap. Every text goes through
//! [`super::html::esc`].

use super::html::esc;
use super::summary::{Timeline, QUADS};
use std::fmt::Write;

/// The quad classes' colours (verbal and material cooperation in blues, conflict in orange, red).
pub const QUAD_COLOURS: [&str; 4] = ["#7fb3e6", "#1f6fbf", "#f2a541", "#c8372d"];

const WIDTH: f64 = 960.0;
const HEIGHT: f64 = 280.0;
const LEFT: f64 = 44.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 64.0;
/// Date labels at most, evenly thinned.
const MAX_LABELS: usize = 24;

/// The chart, or `None` when no cluster has a day.
pub fn timeline(t: &Timeline) -> Option<String> {
    if t.days.is_empty() {
        return None;
    }
    let max = t.days.iter().map(|d| d.quads.iter().sum::<usize>()).max()?;
    let (step, top) = ticks(max);
    let plot_w = WIDTH - LEFT - RIGHT;
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = plot_w / t.days.len() as f64;
    let bar = (slot * 0.8).clamp(1.0, 28.0);
    let y = |v: f64| TOP + plot_h - v / top as f64 * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg id="timeline-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" aria-label="Event clusters per day and quad class">"#
    );
    for v in (0..=top).step_by(step) {
        let yy = y(v as f64);
        let _ = write!(
            s,
            r##"<line x1="{LEFT}" x2="{}" y1="{yy:.1}" y2="{yy:.1}" stroke="#ddd"/><text x="{}" y="{:.1}" text-anchor="end" class="tick">{v}</text>"##,
            WIDTH - RIGHT,
            LEFT - 6.0,
            yy + 4.0
        );
    }
    let every = t.days.len().div_ceil(MAX_LABELS);
    for (i, day) in t.days.iter().enumerate() {
        let x = LEFT + slot * i as f64 + (slot - bar) / 2.0;
        let total: usize = day.quads.iter().sum();
        let parts: Vec<String> = QUADS
            .iter()
            .zip(day.quads)
            .filter(|(_, n)| *n > 0)
            .map(|(q, n)| format!("{n} {q}"))
            .collect();
        let _ = write!(
            s,
            r#"<g class="day"><title>{}: {total} event cluster{}: {}</title>"#,
            day.date,
            if total == 1 { "" } else { "s" },
            esc(&parts.join(", "))
        );
        let mut base = 0usize;
        for (q, &n) in day.quads.iter().enumerate().filter(|(_, n)| **n > 0) {
            let (y0, y1) = (y(base as f64), y((base + n) as f64));
            let _ = write!(
                s,
                r#"<rect x="{x:.1}" y="{y1:.1}" width="{bar:.1}" height="{:.1}" fill="{}"/>"#,
                y0 - y1,
                QUAD_COLOURS[q]
            );
            base += n;
        }
        s.push_str("</g>");
        if i % every == 0 {
            let (lx, ly) = (x + bar / 2.0, TOP + plot_h + 10.0);
            let _ = write!(
                s,
                r#"<text x="{lx:.1}" y="{ly:.1}" transform="rotate(-45 {lx:.1} {ly:.1})" text-anchor="end" class="tick">{}</text>"#,
                day.date
            );
        }
    }
    let _ = write!(
        s,
        r##"<line x1="{LEFT}" x2="{}" y1="{:.1}" y2="{:.1}" stroke="#888"/></svg>"##,
        WIDTH - RIGHT,
        TOP + plot_h,
        TOP + plot_h
    );
    Some(s)
}

/// A round tick step for a y axis up to `max` and the axis top (a multiple of the step >= max).
fn ticks(max: usize) -> (usize, usize) {
    let max = max.max(1);
    let step = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000]
        .into_iter()
        .find(|s| max.div_ceil(*s) <= 6)
        .unwrap_or_else(|| max.div_ceil(6));
    (step, max.div_ceil(step) * step)
}

#[cfg(test)]
mod tests {
    use super::super::summary::{Day, Timeline};
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(0), (1, 1));
        assert_eq!(ticks(3), (1, 3));
        assert_eq!(ticks(7), (2, 8));
        assert_eq!(ticks(26), (5, 30));
        assert_eq!(ticks(99_999).1 % ticks(99_999).0, 0);
        assert!(ticks(99_999).1 >= 99_999);
    }

    #[test]
    fn one_bar_per_day_with_a_segment_per_quad_class() {
        let day = |d: &str, quads| Day {
            date: d.parse().unwrap(),
            quads,
        };
        let t = Timeline {
            days: vec![
                day("2022-01-10", [1, 0, 2, 0]),
                day("2022-01-12", [0, 0, 0, 4]),
            ],
            days_left_out: 0,
            by_report_date: 0,
            undated: 0,
        };
        let svg = timeline(&t).unwrap();
        assert_eq!(svg.matches(r#"<g class="day">"#).count(), 2);
        assert_eq!(svg.matches("<rect").count(), 3);
        assert!(
            svg.contains("2022-01-10: 3 event clusters: 1 verbal cooperation, 2 verbal conflict")
        );
        assert!(svg.contains(QUAD_COLOURS[3]) && !svg.contains(QUAD_COLOURS[1]));
        let empty = Timeline { days: vec![], ..t };
        assert!(timeline(&empty).is_none());
    }
}
