//! What a restore changes, before it runs: the snapshot's configuration against the VM now,
//! the newer snapshots an oVirt restore erases, and the safety snapshot's name.

mod common;

use chrono::{DateTime, NaiveDate};
use vm_snapshots::model::naming::safety_snapshot_name;
use vm_snapshots::model::restore_plan::{changes, erased, Change};
use vm_snapshots::model::{
    BackendKind, Snapshot, SnapshotDisk, SnapshotStatus, Vm, VmConfig, VmDisk, VmStatus,
};

const GIB: u64 = 1 << 30;

fn disk(id: &str, size: u64) -> VmDisk {
    VmDisk {
        id: id.into(),
        name: id.into(),
        size_bytes: Some(size),
        snapshottable: true,
        reason: None,
        image_id: None,
    }
}

fn vm_now() -> Vm {
    Vm {
        cpus: Some(8),
        memory_bytes: Some(16 * GIB),
        nics: Some(vec!["nic1 (ovirtmgmt)".into(), "nic2 (storage)".into()]),
        ..common::vm(
            "db",
            VmStatus::Stopped,
            vec![
                disk("boot", 30 * GIB),
                disk("data", 200 * GIB),
                disk("scratch", GIB),
            ],
        )
    }
}

fn snap(id: &str, at: &str, disks: &[(&str, u64)]) -> Snapshot {
    Snapshot {
        created: Some(DateTime::parse_from_rfc3339(at).unwrap()),
        disks: disks
            .iter()
            .map(|(id, size)| SnapshotDisk {
                id: id.to_string(),
                name: id.to_string(),
                size_bytes: Some(*size),
                image_id: None,
            })
            .collect(),
        ..Snapshot::new(id, id, SnapshotStatus::Ok)
    }
}

fn held() -> VmConfig {
    VmConfig {
        cpus: Some(4),
        memory_bytes: Some(8 * GIB),
        os: None,
        nics: Some(vec!["nic1 (ovirtmgmt)".into()]),
        disk_sizes: Vec::new(),
    }
}

fn c(what: &str, now: &str, after: &str) -> Change {
    Change {
        what: what.into(),
        now: now.into(),
        after: after.into(),
    }
}

#[test]
fn cpus_memory_each_disk_and_the_nics_are_compared() {
    let vm = vm_now();
    let s = snap(
        "baseline",
        "2026-07-01T06:30:00Z",
        &[("boot", 30 * GIB), ("data", 100 * GIB)],
    );
    assert_eq!(
        changes(BackendKind::Ovirt, &vm, vm.nics.as_deref(), &s, &held()),
        [
            c("CPUs", "8", "4"),
            c("Memory", "16 GiB", "8 GiB"),
            c("Disk data", "200 GiB", "100 GiB"),
            c(
                "Disk scratch",
                "Attached",
                "Kept as it is now (not in the snapshot)"
            ),
            c("NIC nic2 (storage)", "There", "Removed"),
        ]
    );
}

#[test]
fn kubevirt_takes_out_the_volumes_added_since_and_brings_back_the_gone_ones() {
    let vm = vm_now();
    let s = snap(
        "old",
        "2026-07-01T06:30:00Z",
        &[
            ("boot", 30 * GIB),
            ("data", 0),
            ("scratch", 0),
            ("gone", 5 * GIB),
        ],
    );
    // Sizes held apart from the disks (KubeVirt: the volume backups' claims).
    let held = VmConfig {
        cpus: Some(8),
        memory_bytes: Some(16 * GIB),
        nics: Some(vec![
            "nic1 (ovirtmgmt)".into(),
            "nic2 (storage)".into(),
            "nic3 (backup)".into(),
        ]),
        disk_sizes: vec![("data".into(), 200 * GIB), ("scratch".into(), GIB)],
        os: None,
    };
    let mut vm = vm;
    vm.disks.push(disk("added", 2 * GIB));
    assert_eq!(
        changes(BackendKind::Kubevirt, &vm, vm.nics.as_deref(), &s, &held),
        [
            c("Disk gone", "Not attached", "Attached, as in the snapshot"),
            c(
                "Disk added",
                "Attached",
                "Removed from the VM (its volume is kept)"
            ),
            c("NIC nic3 (backup)", "Not there", "Added back"),
        ]
    );
}

#[test]
fn what_is_not_reported_is_left_out_rather_than_guessed() {
    let mut vm = vm_now();
    vm.cpus = None;
    let unknown = VmConfig::default();
    let s = snap(
        "s",
        "2026-07-01T06:30:00Z",
        &[("boot", 30 * GIB), ("data", 200 * GIB)],
    );
    assert_eq!(
        changes(BackendKind::Ovirt, &vm, None, &s, &unknown),
        [c(
            "Disk scratch",
            "Attached",
            "Kept as it is now (not in the snapshot)"
        )]
    );
}

#[test]
fn an_ovirt_restore_erases_the_newer_snapshots_oldest_first() {
    let all = [
        snap("c", "2026-11-18T05:00:00Z", &[]),
        snap("a", "2026-07-01T06:30:00Z", &[]),
        snap("b", "2026-09-02T11:00:00Z", &[]),
    ];
    let names = |v: Vec<&Snapshot>| v.iter().map(|s| s.name.clone()).collect::<Vec<_>>();
    assert_eq!(names(erased(BackendKind::Ovirt, &all[1], &all)), ["b", "c"]);
    assert!(erased(BackendKind::Ovirt, &all[0], &all).is_empty());
    assert!(erased(BackendKind::Kubevirt, &all[1], &all).is_empty());
}

#[test]
fn the_safety_snapshot_is_named_after_the_vm_and_the_minute() {
    let at = NaiveDate::from_ymd_opt(2026, 12, 1)
        .unwrap()
        .and_hms_opt(17, 5, 9)
        .unwrap();
    assert_eq!(
        safety_snapshot_name(BackendKind::Kubevirt, "Fedora Web", at),
        "fedora-web-before-restore-20261201-1705"
    );
    assert_eq!(
        safety_snapshot_name(BackendKind::Ovirt, "db primary", at),
        "db primary-before-restore-20261201-1705"
    );
    let long = "x".repeat(80);
    assert!(safety_snapshot_name(BackendKind::Kubevirt, &long, at).len() <= 63);
}
