//! Bulk work: what "older than N days" deletes, and the progress summary.

use chrono::{DateTime, Utc};
use vm_snapshots::model::bulk::{older_than, summary, Step};
use vm_snapshots::model::{Snapshot, SnapshotStatus};

fn snap(id: &str, at: Option<&str>, status: SnapshotStatus) -> Snapshot {
    Snapshot {
        created: at.map(|a| DateTime::parse_from_rfc3339(a).unwrap()),
        ..Snapshot::new(id, id, status)
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

fn at() -> chrono::NaiveDateTime {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(14, 5, 9)
        .unwrap()
}

#[test]
fn a_bulk_take_names_each_vms_snapshot_from_one_pattern() {
    use vm_snapshots::model::bulk::{expand, names, DEFAULT_PATTERN};
    use vm_snapshots::model::BackendKind;
    assert_eq!(
        expand(DEFAULT_PATTERN, "fedora-web", at()),
        "fedora-web-snapshot-20261201-140509"
    );
    let vms = vec!["fedora-web".to_string(), "rhel9-db".to_string()];
    assert_eq!(
        names(BackendKind::Kubevirt, "{vm}-before-patch", &vms, at()),
        vec![
            Ok("fedora-web-before-patch".to_string()),
            Ok("rhel9-db-before-patch".to_string())
        ]
    );
    // KubeVirt names are unique objects' names: one shared name for two VMs is refused.
    assert!(names(BackendKind::Kubevirt, "before-patch", &vms, at())
        .iter()
        .all(|n| n.is_err()));
    // …and must be DNS-1123 labels; oVirt's descriptions take any text, repeated too.
    assert!(names(BackendKind::Kubevirt, "{vm} Before", &vms, at())[0].is_err());
    assert_eq!(
        names(BackendKind::Ovirt, "Before patch {date}", &vms, at()),
        vec![
            Ok("Before patch 20261201-140509".to_string()),
            Ok("Before patch 20261201-140509".to_string())
        ]
    );
    assert!(names(BackendKind::Ovirt, "  ", &vms, at())[1].is_err());
}
