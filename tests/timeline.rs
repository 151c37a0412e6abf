//! The timeline's rules: its marks, the span it shows, zoom and pan, clustering and ticks.

use chrono::{DateTime, Duration, Utc};
use vm_snapshots::model::request::DiskChoice;
use vm_snapshots::model::schedule::Schedule;
use vm_snapshots::model::timeline::{
    clusters, describe, marks, ticks, upcoming, Lane, Span, Target, RUNS_SHOWN,
};
use vm_snapshots::model::{Snapshot, SnapshotStatus};

fn utc(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().to_utc()
}

fn snap(id: &str, at: &str, restored: Option<&str>) -> Snapshot {
    Snapshot {
        created: Some(DateTime::parse_from_rfc3339(at).unwrap()),
        last_restored: restored.map(|r| DateTime::parse_from_rfc3339(r).unwrap()),
        ..Snapshot::new(id, format!("snap-{id}"), SnapshotStatus::Ok)
    }
}

fn nightly(paused: bool) -> Schedule {
    Schedule {
        id: "s1".into(),
        name: "nightly".into(),
        description: String::new(),
        vm_id: "vm".into(),
        start: utc("2026-11-01T02:00:00Z"),
        rule: Some("0 2 * * *".into()),
        time_zone: "UTC".into(),
        keep: 7,
        paused,
        memory: false,
        disks: DiskChoice::All,
        next_run: Some(utc("2026-12-02T02:00:00Z")),
        last_run: None,
        produced: Vec::new(),
        pinned: Vec::new(),
    }
}

fn now() -> DateTime<Utc> {
    utc("2026-12-01T12:00:00Z")
}

#[test]
fn the_marks_are_snapshots_next_runs_and_restores_each_in_time_order() {
    let snaps = [
        snap("b", "2026-11-20T02:00:00Z", Some("2026-11-25T10:00:00Z")),
        snap("a", "2026-10-01T07:15:00Z", None),
    ];
    let all = marks(&snaps, &[nightly(false)], now(), &Utc);
    let lane = |l: Lane| all.iter().filter(move |m| m.lane == l);
    assert_eq!(
        lane(Lane::Taken)
            .map(|m| m.label.as_str())
            .collect::<Vec<_>>(),
        ["snap-a", "snap-b"]
    );
    let runs: Vec<_> = lane(Lane::Runs).map(|m| m.at).collect();
    assert_eq!(runs.len(), RUNS_SHOWN);
    assert_eq!(runs[0], utc("2026-12-02T02:00:00Z"));
    assert_eq!(runs[1], utc("2026-12-03T02:00:00Z"));
    let restore: Vec<_> = lane(Lane::Restores).collect();
    assert_eq!(restore.len(), 1);
    assert_eq!(restore[0].label, "Restored from snap-b");
    assert_eq!(restore[0].target, Target::Snapshot("b".into()));
    // Every restore the backend reports is a mark, not only the last.
    let mut twice = snap("c", "2026-11-01T00:00:00Z", Some("2026-11-03T00:00:00Z"));
    twice.restores = vec![
        DateTime::parse_from_rfc3339("2026-11-02T00:00:00Z").unwrap(),
        DateTime::parse_from_rfc3339("2026-11-03T00:00:00Z").unwrap(),
    ];
    let both = marks(&[twice], &[], now(), &Utc);
    assert_eq!(both.iter().filter(|m| m.lane == Lane::Restores).count(), 2);
    // A paused schedule does not run.
    assert!(marks(&snaps, &[nightly(true)], now(), &Utc)
        .iter()
        .all(|m| m.lane != Lane::Runs));
}

#[test]
fn a_schedule_runs_by_its_rule_after_the_run_the_backend_names() {
    let mut once = nightly(false);
    once.rule = None;
    once.start = utc("2026-12-05T08:00:00Z");
    once.next_run = None;
    assert_eq!(
        upcoming(&once, now(), &Utc, 5),
        [utc("2026-12-05T08:00:00Z")]
    );
    let mut odd = nightly(false);
    odd.rule = Some("not a rule".into());
    assert_eq!(
        upcoming(&odd, now(), &Utc, 5),
        [utc("2026-12-02T02:00:00Z")]
    );
}

#[test]
fn fit_holds_every_mark_and_now_and_zoom_keeps_its_center_in_place() {
    let all = marks(&[snap("a", "2026-10-01T00:00:00Z", None)], &[], now(), &Utc);
    let span = Span::fit(&all, now());
    assert!(span.contains(utc("2026-10-01T00:00:00Z")) && span.contains(now()));
    let center = utc("2026-11-01T00:00:00Z");
    let x = span.x(center, 1000.0);
    let zoomed = span.zoom(0.5, center);
    assert_eq!(zoomed.seconds(), span.seconds() / 2);
    assert!((zoomed.x(center, 1000.0) - x).abs() < 0.01);
    // Never shorter than ten minutes.
    assert_eq!(span.zoom(1e-9, center).seconds(), 600);
    let later = span.pan(0.5);
    assert_eq!(
        later.start - span.start,
        Duration::seconds(span.seconds() / 2)
    );
    // An empty VM's timeline is a couple of hours around now.
    assert!(Span::fit(&[], now()).contains(now()));
}

#[test]
fn two_thousand_snapshots_cluster_into_few_marks_that_zoom_opens() {
    let start = utc("2026-01-01T00:00:00Z");
    let snaps: Vec<Snapshot> = (0..2000)
        .map(|i| {
            let at = (start + Duration::hours(4 * i)).to_rfc3339();
            snap(&i.to_string(), &at, None)
        })
        .collect();
    let all = marks(&snaps, &[], now(), &Utc);
    let span = Span::fit(&all, now());
    let drawn = clusters(&all, &span, 1000.0, 16.0);
    assert!(drawn.len() <= 1000 / 16 + 1, "{} clusters", drawn.len());
    assert_eq!(drawn.iter().map(|c| c.marks.len()).sum::<usize>(), 2000);
    // Drawn marks are a gap apart at least, so none covers another.
    assert!(drawn.windows(2).all(|w| w[1].x - w[0].x >= 16.0));
    // Every cluster's marks are apart by less than the gap from its first.
    for c in &drawn {
        let first = span.x(c.first, 1000.0);
        assert!(span.x(c.last, 1000.0) - first < 16.0);
    }
    // Zoomed around one cluster, its marks are told apart.
    let big = drawn.iter().find(|c| c.marks.len() > 1).unwrap();
    let close = Span::around(big.first, big.last);
    let opened = clusters(&all, &close, 1000.0, 16.0);
    assert!(opened.iter().filter(|c| c.marks.len() == 1).count() >= big.marks.len());
    assert!(describe(big, &all, &Utc).starts_with(&format!("{} snapshots, ", big.marks.len())));
    assert_eq!(
        describe(&opened[0], &all, &Utc),
        format!(
            "{}, {}",
            all[opened[0].marks[0]].label,
            all[opened[0].marks[0]].at.format("%-d %b %Y %H:%M")
        )
    );
}

#[test]
fn ticks_fall_on_whole_days_or_hours_and_leave_room_for_their_labels() {
    let week = Span {
        start: utc("2026-11-24T10:30:00Z"),
        end: utc("2026-12-01T10:30:00Z"),
    };
    let t = ticks(&week, 1000.0, 80.0, &Utc);
    assert_eq!(t.first().unwrap().1, "25 Nov");
    assert!(t.windows(2).all(|w| w[1].0 - w[0].0 >= 80.0));
    let hours = Span {
        start: utc("2026-12-01T10:05:00Z"),
        end: utc("2026-12-01T16:00:00Z"),
    };
    assert_eq!(ticks(&hours, 1000.0, 80.0, &Utc)[0].1, "10:30");
    assert_eq!(ticks(&hours, 1000.0, 150.0, &Utc)[0].1, "11:00");
}

#[test]
fn the_runs_after_the_backends_follow_the_schedules_zone_not_the_viewers() {
    // Fridays 02:00 in Prague: the backend names 01:00 UTC; the viewer is in UTC.
    let mut weekly = nightly(false);
    weekly.rule = Some("0 2 * * 5".into());
    weekly.next_run = Some(utc("2026-12-04T01:00:00Z"));
    let runs = upcoming(&weekly, now(), &Utc, 3);
    assert_eq!(
        runs,
        [
            utc("2026-12-04T01:00:00Z"),
            utc("2026-12-11T01:00:00Z"),
            utc("2026-12-18T01:00:00Z")
        ]
    );
}
