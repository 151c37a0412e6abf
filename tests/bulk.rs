//! Bulk work: what "older than N days" deletes, and the progress summary.

use chrono::{DateTime, Utc};
use vm_snapshots::model::bulk::{older_than, summary, Step};
use vm_snapshots::model::{Snapshot, SnapshotStatus};

fn snap(id: &str, at: Option<&str>, status: SnapshotStatus) -> Snapshot {
    Snapshot {
        id: id.into(),
        name: id.into(),
        description: String::new(),
        created: at.map(|a| DateTime::parse_from_rfc3339(a).unwrap()),
        status,
        has_memory: false,
        disks: Vec::new(),
        indications: Vec::new(),
        indication_messages: Vec::new(),
        config: None,
        last_restored: None,
    }
}

fn now() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2026-12-01T12:00:00Z")
        .unwrap()
        .to_utc()
}

#[test]
fn older_than_lists_exactly_the_old_usable_snapshots_oldest_first() {
    let all = [
        snap("new", Some("2026-11-30T12:00:00Z"), SnapshotStatus::Ok),
        snap("old", Some("2026-10-01T00:00:00+02:00"), SnapshotStatus::Ok),
        snap("oldest", Some("2026-06-01T00:00:00Z"), SnapshotStatus::Ok),
        snap(
            "failed",
            Some("2026-09-01T00:00:00Z"),
            SnapshotStatus::Failed(None),
        ),
        snap(
            "locked",
            Some("2026-09-01T00:00:00Z"),
            SnapshotStatus::Locked,
        ),
        snap(
            "previewed",
            Some("2026-09-01T00:00:00Z"),
            SnapshotStatus::InPreview,
        ),
        snap("undated", None, SnapshotStatus::Ok),
    ];
    let ids = |v: Vec<Snapshot>| v.into_iter().map(|s| s.id).collect::<Vec<_>>();
    assert_eq!(
        ids(older_than(&all, 30, now())),
        ["oldest", "failed", "old"]
    );
    // Exactly N days ago is not older than N days.
    let edge = [snap(
        "edge",
        Some("2026-11-01T12:00:00Z"),
        SnapshotStatus::Ok,
    )];
    assert!(older_than(&edge, 30, now()).is_empty());
    assert_eq!(ids(older_than(&edge, 29, now())), ["edge"]);
    assert_eq!(older_than(&all, 0, now()).len(), 4);
}

#[test]
fn the_summary_counts_what_was_done_and_what_failed() {
    let steps = [
        Step::Done,
        Step::Failed("locked".into()),
        Step::Done,
        Step::Waiting,
    ];
    assert_eq!(summary(&steps, "deleted"), "2 of 4 deleted, 1 failed.");
    assert_eq!(summary(&[Step::Done], "deleted"), "1 of 1 deleted.");
    assert_eq!(
        Step::Failed("x".into()).label("Deleting…", "Deleted"),
        "Failed: x"
    );
    assert_eq!(Step::Working.label("Deleting…", "Deleted"), "Deleting…");
}
