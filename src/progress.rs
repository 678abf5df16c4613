//! What a terminal shows while lede works, redrawn in place on stderr: `lede run`'s bar
//! ([`RunBar`], moved file by file) and `lede watch`'s status line ([`WatchStatus`]: the lag,
//! pending files, articles done, throughput over the last minute, failures). Log lines are written
//! above either ([`crate::logging::show_above`]), never into it. Neither is drawn when stderr is
//! not a terminal, with JSON logs or with `--quiet` ([`crate::commands::Ui::shows_progress`]).

use crate::engine::{PassStats, Progress};
use crate::human;
use indicatif::{ProgressBar, ProgressState, ProgressStyle};
use std::collections::VecDeque;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often the display is redrawn when nothing happens (the lag and the rate move with time).
const TICK: Duration = Duration::from_millis(200);

/// The throughput of the status line is over this window.
const WINDOW: Duration = Duration::from_secs(60);

/// `lede run`'s bar: each batch lengthens it to what is ready, each file processed moves it one
/// step, and a committed batch puts it at the batch's end (files that needed no extraction, a copy
/// or a touched file, count there). Dropping it clears it.
pub struct RunBar {
    bar: ProgressBar,
    /// The position where the current batch started.
    base: AtomicU64,
    /// The size of the current batch.
    files: AtomicU64,
}

impl RunBar {
    /// Draws the bar on stderr (the caller checked that it is a terminal).
    pub fn draw() -> RunBar {
        let bar = ProgressBar::new(0);
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{bar:30}] {human_pos}/{human_len} files  {rate}",
            )
            .expect("valid template")
            .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{}", human::rate(s.per_sec()));
            })
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(TICK);
        crate::logging::show_above(Some(bar.clone()));
        RunBar {
            bar,
            base: AtomicU64::new(0),
            files: AtomicU64::new(0),
        }
    }

    fn batch_end(&self) -> u64 {
        self.base.load(Ordering::SeqCst) + self.files.load(Ordering::SeqCst)
    }
}

impl Progress for RunBar {
    fn batch(&self, files: u64, ready: u64) {
        let pos = self.bar.position();
        self.base.store(pos, Ordering::SeqCst);
        self.files.store(files, Ordering::SeqCst);
        self.bar.set_length(pos + ready);
    }

    fn file(&self, _articles: u64) {
        // Files processed again for a copy's sake are not in the batch's count.
        if self.bar.position() < self.batch_end() {
            self.bar.inc(1);
        }
    }

    fn committed(&self, _batch: &PassStats) {
        self.bar.set_position(self.batch_end());
    }
}

impl Drop for RunBar {
    fn drop(&mut self) {
        crate::logging::show_above(None);
        self.bar.finish_and_clear();
    }
}

/// What the status line shows at one moment.
#[derive(Clone, Debug, PartialEq)]
pub struct StatusFigures {
    /// Age of the oldest pending change; `None` when nothing is pending (up to date).
    pub lag: Option<Duration>,
    /// Changes not processed yet: new or changed files (settled or still being written), deletions.
    pub pending: u64,
    /// Articles cleaned and extracted since `lede watch` started.
    pub articles: u64,
    /// Articles per second over the last minute (or since the start, when shorter).
    pub per_sec: f64,
    /// Failures committed since `lede watch` started.
    pub failures: u64,
}

/// The status line: `lag 12 s, 3 files pending, 1,234 articles done, 18/s over 1 min, 2 failures`
/// (the rate over the last minute), or `up to date, ...` when nothing is pending.
pub fn status_line(f: &StatusFigures) -> String {
    let lag = match f.lag {
        None => "up to date".to_string(),
        Some(l) => format!("lag {}", human::duration(l)),
    };
    format!(
        "{lag}, {} pending, {} done, {} over 1 min, {}",
        human::count(f.pending, "file"),
        human::count(f.articles, "article"),
        human::rate(f.per_sec),
        human::count(f.failures, "failure"),
    )
}

/// What the engine reported, from which the figures are computed when the line is drawn.
#[derive(Debug)]
struct State {
    started: Instant,
    /// Changes waiting at the last scan, less the files processed since.
    waiting: u64,
    /// The oldest modification time among them (nanoseconds since the epoch).
    oldest_ns: Option<i64>,
    articles: u64,
    failures: u64,
    /// Files processed in the last [`WINDOW`]: when, and how many articles.
    recent: VecDeque<(Instant, u64)>,
}

impl State {
    fn new(started: Instant) -> State {
        State {
            started,
            waiting: 0,
            oldest_ns: None,
            articles: 0,
            failures: 0,
            recent: VecDeque::new(),
        }
    }

    /// Forgets what is older than the window.
    fn prune(&mut self, now: Instant) {
        while self
            .recent
            .front()
            .is_some_and(|(t, _)| now.duration_since(*t) > WINDOW)
        {
            self.recent.pop_front();
        }
    }

    /// The figures at `now` (`now_ns`: the same moment on the wall clock).
    fn figures(&mut self, now: Instant, now_ns: i64) -> StatusFigures {
        self.prune(now);
        let in_window: u64 = self.recent.iter().map(|(_, n)| n).sum();
        // Over the last minute, or since the start when that is shorter (at least a second).
        let window = now
            .duration_since(self.started)
            .clamp(Duration::from_secs(1), WINDOW);
        let lag = (self.waiting > 0).then(|| {
            let age = self
                .oldest_ns
                .map_or(0, |o| now_ns.saturating_sub(o).max(0));
            Duration::from_nanos(age as u64)
        });
        StatusFigures {
            lag,
            pending: self.waiting,
            articles: self.articles,
            per_sec: in_window as f64 / window.as_secs_f64(),
            failures: self.failures,
        }
    }
}

/// The wall clock in nanoseconds since the epoch (file modification times are on it).
fn now_ns() -> i64 {
    chrono::Utc::now().timestamp_nanos_opt().unwrap_or(0)
}

/// `lede watch`'s status line on a terminal, kept current by the engine's [`Progress`] reports
/// and redrawn every [`TICK`]. Dropping it clears it.
pub struct WatchStatus {
    bar: ProgressBar,
    state: Arc<Mutex<State>>,
}

impl WatchStatus {
    /// Draws the line on stderr (the caller checked that it is a terminal).
    pub fn draw() -> WatchStatus {
        let state = Arc::new(Mutex::new(State::new(Instant::now())));
        let shown = Arc::clone(&state);
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template("{spinner} {status}")
                .expect("valid template")
                .with_key(
                    "status",
                    move |_: &ProgressState, w: &mut dyn std::fmt::Write| {
                        if let Ok(mut s) = shown.lock() {
                            let _ =
                                write!(w, "{}", status_line(&s.figures(Instant::now(), now_ns())));
                        }
                    },
                ),
        );
        bar.enable_steady_tick(TICK);
        crate::logging::show_above(Some(bar.clone()));
        WatchStatus { bar, state }
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        if let Ok(mut s) = self.state.lock() {
            f(&mut s);
        }
    }
}

impl Progress for WatchStatus {
    fn scanned(&self, waiting: u64, oldest_ns: Option<i64>) {
        self.update(|s| {
            s.waiting = waiting;
            s.oldest_ns = oldest_ns;
        });
    }

    fn file(&self, articles: u64) {
        self.update(|s| {
            s.waiting = s.waiting.saturating_sub(1);
            s.articles += articles;
            let now = Instant::now();
            s.recent.push_back((now, articles));
            s.prune(now);
        });
    }

    fn committed(&self, batch: &PassStats) {
        self.update(|s| s.failures += batch.failures);
    }
}

impl Drop for WatchStatus {
    fn drop(&mut self) {
        crate::logging::show_above(None);
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_line_reads_as_words() {
        let mut f = StatusFigures {
            lag: None,
            pending: 0,
            articles: 0,
            per_sec: 0.0,
            failures: 0,
        };
        assert_eq!(
            status_line(&f),
            "up to date, 0 files pending, 0 articles done, 0/s over 1 min, 0 failures"
        );
        f = StatusFigures {
            lag: Some(Duration::from_millis(12_345)),
            pending: 1,
            articles: 18_174,
            per_sec: 18_174.132_4,
            failures: 1,
        };
        assert_eq!(
            status_line(&f),
            "lag 12 s, 1 file pending, 18,174 articles done, 18,174/s over 1 min, 1 failure"
        );
        f.lag = Some(Duration::from_secs(184));
        f.per_sec = 2.54;
        assert!(status_line(&f).starts_with("lag 3 min 4 s, "));
        assert!(status_line(&f).contains(", 2.5/s over"));
    }

    #[test]
    fn figures_lag_and_rate_over_the_last_minute() {
        let t0 = Instant::now();
        let mut s = State::new(t0);
        // Nothing pending: up to date; no article yet: 0/s.
        let f = s.figures(t0, 1_000_000_000_000);
        assert_eq!((f.lag, f.pending, f.per_sec), (None, 0, 0.0));
        // Three files waiting, the oldest written 5 s ago.
        s.waiting = 3;
        s.oldest_ns = Some(1_000_000_000_000);
        let f = s.figures(t0, 1_005_000_000_000);
        assert_eq!((f.lag, f.pending), (Some(Duration::from_secs(5)), 3));
        // A clock going backwards is no negative lag.
        assert_eq!(s.figures(t0, 0).lag, Some(Duration::ZERO));
        // 30 articles 10 s after the start: 3/s; 20 s later, since the start: 1/s.
        s.articles = 30;
        s.recent.push_back((t0 + Duration::from_secs(10), 30));
        let f = s.figures(t0 + Duration::from_secs(10), 0);
        assert!((f.per_sec - 3.0).abs() < 1e-9, "{f:?}");
        let f = s.figures(t0 + Duration::from_secs(30), 0);
        assert!((f.per_sec - 1.0).abs() < 1e-9, "{f:?}");
        // Over a minute later they are out of the window; the count of articles done stays.
        let f = s.figures(t0 + Duration::from_secs(71), 0);
        assert_eq!((f.per_sec, f.articles), (0.0, 30));
    }
}
