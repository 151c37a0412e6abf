//! The timeline: a VM's snapshots, its schedules' next runs and its past restores on one time
//! axis, around "now". Pure rules: which marks there are, the span shown (fit, zoom, pan), where
//! each mark falls, and how marks too close to tell apart are clustered.

use super::schedule::{next_run, parse_rule, Rule, Schedule};
use super::Snapshot;
use chrono::{DateTime, Duration, FixedOffset, Offset, TimeZone, Utc};

/// The lanes of the timeline, top to bottom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lane {
    /// Taken snapshots.
    Taken,
    /// Schedules' next runs.
    Runs,
    /// Past restores.
    Restores,
}

impl Lane {
    pub const ALL: [Lane; 3] = [Lane::Taken, Lane::Runs, Lane::Restores];

    pub fn title(self) -> &'static str {
        match self {
            Lane::Taken => "Snapshots",
            Lane::Runs => "Next runs",
            Lane::Restores => "Restores",
        }
    }
}

/// What a mark's details are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    Snapshot(String),
    Schedule(String),
}

/// One thing that happened, or will, at one time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    pub lane: Lane,
    pub at: DateTime<Utc>,
    /// What it is, in words: the snapshot's name, "Run of nightly", "Restored from X".
    pub label: String,
    pub target: Target,
}

/// How many next runs of each schedule the timeline shows.
pub const RUNS_SHOWN: usize = 5;

/// The marks of a VM's timeline, each lane in time order: every taken snapshot with a date,
/// the next runs of each schedule that is not paused (from the backend's next run where it
/// tells it, then by the schedule's rule, read in `tz`), and each restore from a snapshot (where
/// the backend tells only the last, that one).
pub fn marks<Tz: TimeZone>(
    snapshots: &[Snapshot],
    schedules: &[Schedule],
    now: DateTime<Utc>,
    tz: &Tz,
) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    for s in snapshots {
        if let Some(at) = s.created {
            out.push(Mark {
                lane: Lane::Taken,
                at: at.to_utc(),
                label: s.name.clone(),
                target: Target::Snapshot(s.id.clone()),
            });
        }
        let restores = if s.restores.is_empty() {
            s.last_restored.into_iter().collect()
        } else {
            s.restores.clone()
        };
        for at in restores {
            out.push(Mark {
                lane: Lane::Restores,
                at: at.to_utc(),
                label: format!("Restored from {}", s.name),
                target: Target::Snapshot(s.id.clone()),
            });
        }
    }
    for sch in schedules.iter().filter(|s| !s.paused) {
        for at in upcoming(sch, now, tz, RUNS_SHOWN) {
            out.push(Mark {
                lane: Lane::Runs,
                at,
                label: format!("Run of {}", sch.name),
                target: Target::Schedule(sch.id.clone()),
            });
        }
    }
    out.sort_by_key(|m| (m.lane, m.at));
    out
}

/// The UTC offset the schedule's rule is read in, from a run the backend named: of the offsets
/// at which that run matches the rule, the one nearest `fallback` (the viewer's). The app carries
/// no time-zone database, so a daylight-saving change after that run is not followed.
fn zone_of(rule: &Rule, run: DateTime<Utc>, fallback: FixedOffset) -> FixedOffset {
    (-48..=56)
        .filter_map(|quarter| FixedOffset::east_opt(quarter * 15 * 60))
        .filter(|o| rule.matches(run.with_timezone(o).naive_local()))
        .min_by_key(|o| (o.local_minus_utc() - fallback.local_minus_utc()).abs())
        .unwrap_or(fallback)
}

/// The next `n` runs of `schedule` after `now`: the one the backend names, then by the rule,
/// in the schedule's zone as that run shows it (`tz`, the viewer's, when it names none).
pub fn upcoming<Tz: TimeZone>(
    schedule: &Schedule,
    now: DateTime<Utc>,
    tz: &Tz,
    n: usize,
) -> Vec<DateTime<Utc>> {
    let rule = match schedule.rule.as_deref().map(parse_rule) {
        Some(Ok(r)) => Some(r),
        // A rule this app cannot read: only the run the backend names.
        Some(Err(_)) => return schedule.next_run.filter(|t| *t > now).into_iter().collect(),
        None => None,
    };
    let viewer = now.with_timezone(tz).offset().fix();
    let zone = match (&rule, schedule.next_run) {
        (Some(rule), Some(run)) => zone_of(rule, run, viewer),
        _ => viewer,
    };
    let tz = &zone;
    let mut runs = Vec::new();
    let mut after = now;
    if let Some(first) = schedule.next_run.filter(|t| *t > now) {
        runs.push(first);
        after = first;
    }
    while runs.len() < n {
        match next_run(rule.as_ref(), schedule.start, after, tz) {
            Some(t) => {
                runs.push(t);
                after = t;
            }
            None => break,
        }
    }
    runs
}

/// The time the axis shows, from `start` to `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

/// The shortest span a zoom reaches: ten minutes.
pub const MIN_SPAN_SECONDS: i64 = 600;

impl Span {
    /// Every mark and `now`, with a twentieth of the span as margin on each side (an hour
    /// around `now` when there is nothing else).
    pub fn fit(marks: &[Mark], now: DateTime<Utc>) -> Span {
        let first = marks.iter().map(|m| m.at).min().unwrap_or(now).min(now);
        let last = marks.iter().map(|m| m.at).max().unwrap_or(now).max(now);
        let length = (last - first).max(Duration::hours(2));
        let margin = length / 20;
        let middle = first + (last - first) / 2;
        Span {
            start: middle - length / 2 - margin,
            end: middle + length / 2 + margin,
        }
    }

    pub fn seconds(&self) -> i64 {
        (self.end - self.start).num_seconds().max(1)
    }

    /// The span `factor` times as long (below 1: zoomed in) around `center`, which keeps its
    /// place on the axis; never shorter than ten minutes.
    pub fn zoom(&self, factor: f64, center: DateTime<Utc>) -> Span {
        let length = ((self.seconds() as f64) * factor).max(MIN_SPAN_SECONDS as f64);
        let before = (center - self.start).num_seconds() as f64 / self.seconds() as f64;
        let start = center - Duration::seconds((length * before).round() as i64);
        Span {
            start,
            end: start + Duration::seconds(length.round() as i64),
        }
    }

    /// The span moved by `fraction` of its length (negative: earlier).
    pub fn pan(&self, fraction: f64) -> Span {
        let by = Duration::seconds((self.seconds() as f64 * fraction).round() as i64);
        Span {
            start: self.start + by,
            end: self.end + by,
        }
    }

    /// Where `at` falls on an axis `width` long (outside 0..=width when outside the span).
    pub fn x(&self, at: DateTime<Utc>, width: f64) -> f64 {
        (at - self.start).num_seconds() as f64 / self.seconds() as f64 * width
    }

    pub fn contains(&self, at: DateTime<Utc>) -> bool {
        at >= self.start && at <= self.end
    }

    /// The span that just holds `first` to `last`, with a tenth as margin (ten minutes at least).
    pub fn around(first: DateTime<Utc>, last: DateTime<Utc>) -> Span {
        let length = (last - first).max(Duration::seconds(MIN_SPAN_SECONDS));
        let margin = length / 10;
        let middle = first + (last - first) / 2;
        Span {
            start: middle - length / 2 - margin,
            end: middle + length / 2 + margin,
        }
    }
}

/// Marks of one lane drawn as one: those closer than the gap to the cluster's first.
#[derive(Clone, Debug, PartialEq)]
pub struct Cluster {
    pub lane: Lane,
    /// Where it is drawn: at its first mark, so that two clusters are `gap` apart at least.
    pub x: f64,
    /// The indices of its marks in the list given, in time order.
    pub marks: Vec<usize>,
    pub first: DateTime<Utc>,
    pub last: DateTime<Utc>,
}

/// The marks inside `span`, lane by lane, clustered: a mark closer than `gap` to the first of
/// the cluster before it joins that cluster. With 2,000 snapshots on an axis 1,000 wide and a
/// gap of 16 there are at most 63 clusters a lane, so the drawing stays small and readable.
pub fn clusters(marks: &[Mark], span: &Span, width: f64, gap: f64) -> Vec<Cluster> {
    let mut order: Vec<usize> = (0..marks.len())
        .filter(|&i| span.contains(marks[i].at))
        .collect();
    order.sort_by(|&a, &b| (marks[a].lane, marks[a].at).cmp(&(marks[b].lane, marks[b].at)));
    let mut out: Vec<Cluster> = Vec::new();
    let mut starts_at = 0.0;
    for i in order {
        let (lane, at) = (marks[i].lane, marks[i].at);
        let x = span.x(at, width);
        match out.last_mut() {
            Some(c) if c.lane == lane && x - starts_at < gap => {
                c.marks.push(i);
                c.last = at;
            }
            _ => {
                starts_at = x;
                out.push(Cluster {
                    lane,
                    x,
                    marks: vec![i],
                    first: at,
                    last: at,
                });
            }
        }
    }
    out
}

/// The axis's labelled ticks: a step from ten minutes to a year, the first that leaves at
/// least `min_gap` between ticks, each with its label ("14:00", "3 Dec", "Dec 2026", "2027").
pub fn ticks<Tz: TimeZone>(span: &Span, width: f64, min_gap: f64, tz: &Tz) -> Vec<(f64, String)>
where
    Tz::Offset: std::fmt::Display,
{
    const STEPS: [(i64, &str); 10] = [
        (600, "%H:%M"),
        (1800, "%H:%M"),
        (3600, "%H:%M"),
        (6 * 3600, "%-d %b %H:%M"),
        (86_400, "%-d %b"),
        (7 * 86_400, "%-d %b"),
        (30 * 86_400, "%b %Y"),
        (91 * 86_400, "%b %Y"),
        (365 * 86_400, "%Y"),
        (5 * 365 * 86_400, "%Y"),
    ];
    let per_second = width / span.seconds() as f64;
    let (step, format) = STEPS
        .iter()
        .copied()
        .find(|(s, _)| *s as f64 * per_second >= min_gap)
        .unwrap_or(STEPS[STEPS.len() - 1]);
    // Ticks fall on whole steps of the local clock (midnights, whole hours) where they can.
    let offset = i64::from(
        span.start
            .with_timezone(tz)
            .offset()
            .fix()
            .local_minus_utc(),
    );
    let first = ((span.start.timestamp() + offset).div_euclid(step) + 1) * step - offset;
    let mut out = Vec::new();
    let mut t = first;
    while t <= span.end.timestamp() && out.len() < 200 {
        if let Some(at) = DateTime::<Utc>::from_timestamp(t, 0) {
            out.push((
                span.x(at, width),
                at.with_timezone(tz).format(format).to_string(),
            ));
        }
        t += step;
    }
    out
}

/// A cluster in words, for its tooltip and screen readers: the one mark's label and time, or
/// "12 snapshots, 1 Oct 2026 to 3 Oct 2026".
pub fn describe<Tz: TimeZone>(cluster: &Cluster, marks: &[Mark], tz: &Tz) -> String
where
    Tz::Offset: std::fmt::Display,
{
    let show = |d: DateTime<Utc>| d.with_timezone(tz).format("%-d %b %Y %H:%M").to_string();
    match cluster.marks.as_slice() {
        [one] => format!("{}, {}", marks[*one].label, show(marks[*one].at)),
        many => {
            let what = match cluster.lane {
                Lane::Taken => "snapshots",
                Lane::Runs => "scheduled runs",
                Lane::Restores => "restores",
            };
            format!(
                "{} {what}, {} to {}",
                many.len(),
                show(cluster.first),
                show(cluster.last)
            )
        }
    }
}
