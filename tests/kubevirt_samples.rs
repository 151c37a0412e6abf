//! The KubeVirt adapter reads the real objects in `../shared/api-samples/kubevirt/`.

mod common;

use common::sample;
use vm_snapshots::api::http::Response;
use vm_snapshots::api::kubevirt::{self, map, types};
use vm_snapshots::api::ApiError;
use vm_snapshots::model::{SnapshotStatus, VmStatus};

fn snapshot(file: &str) -> types::VirtualMachineSnapshot {
    kubevirt::parse(file, &sample(&format!("kubevirt/{file}")))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn vm(file: &str) -> types::VirtualMachine {
    kubevirt::parse(file, &sample(&format!("kubevirt/{file}")))
        .unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn a_succeeded_snapshot_is_ok_and_unknown_fields_are_tolerated() {
    let s = map::snapshot(&snapshot(
        "vmsnapshot.succeeded.openshift-docs.verbatim.json",
    ));
    assert_eq!(s.name, "mysnap");
    assert_eq!(s.status, SnapshotStatus::Ok);
    assert_eq!(s.indications, ["Online"]);
    assert_eq!(s.created.unwrap().to_rfc3339(), "2020-09-30T14:42:03+00:00");
    assert!(!s.has_memory);
}

#[test]
fn an_online_snapshot_without_agent_keeps_description_disks_and_indications() {
    let raw = snapshot("vmsnapshot.online-noguestagent.composite.json");
    assert!(map::belongs_to(&raw, "my-vm"));
    assert!(!map::belongs_to(&raw, "other-vm"));
    let s = map::snapshot(&raw);
    assert_eq!(s.description, "before kernel upgrade");
    assert_eq!(s.indications, ["Online", "NoGuestAgent"]);
    let disks: Vec<&str> = s.disks.iter().map(|d| d.name.as_str()).collect();
    assert_eq!(disks, ["harddisk"]);
}

#[test]
fn a_failed_snapshot_carries_its_error() {
    let s = map::snapshot(&snapshot("vmsnapshot.failed.composite.json"));
    assert_eq!(
        s.status,
        SnapshotStatus::Failed(Some("ILLUSTRATIVE TEXT: snapshot deadline exceeded".into()))
    );
    assert_eq!(s.indications, ["GuestAgent", "Online", "QuiesceFailed"]);
}

#[test]
fn a_snapshot_without_status_is_in_progress() {
    for file in [
        "vmsnapshot.minimal.user-guide.json",
        "vmsnapshot.plugin-generated-request.json",
    ] {
        let s = map::snapshot(&snapshot(file));
        assert_eq!(s.status, SnapshotStatus::InProgress, "{file}");
    }
    let s = map::snapshot(&snapshot("vmsnapshot.plugin-generated-request.json"));
    assert_eq!(s.description, "optional text from the Description textarea");
}

#[test]
fn volume_snapshot_statuses_say_which_disks_can_be_snapshotted_and_why_not() {
    let v = map::vm(&vm("vm-status.volumeSnapshotStatuses.json"));
    assert_eq!(v.status, VmStatus::Running);
    assert_eq!(v.guest_agent, Some(true));
    assert_eq!(v.disks.len(), 3);
    assert!(v.disks.iter().all(|d| !d.snapshottable));
    assert_eq!(
        v.disks[0].reason.as_deref(),
        Some("No VolumeSnapshotClass: Volume snapshots are not configured for this StorageClass [thin] [rootdisk]")
    );

    let mixed = map::vm(&vm("vm-status.volumeSnapshotStatuses.mixed.composite.json"));
    let enabled: Vec<&str> = mixed
        .disks
        .iter()
        .filter(|d| d.snapshottable)
        .map(|d| d.name.as_str())
        .collect();
    assert_eq!(enabled, ["rootdisk", "datadisk"]);
    assert!(mixed
        .disks
        .iter()
        .filter(|d| !d.snapshottable)
        .all(|d| d.reason.is_some()));
}

#[test]
fn other_snapshot_kinds_parse_as_snapshots_without_failing() {
    // Objects of other kinds in the samples parse as tolerant structures (no panic, no error).
    for file in [
        "vmsnapshotcontent.composite.json",
        "vmrestore.complete.openshift-docs.verbatim.json",
        "vmclone.from-snapshot.plugin-generated.json",
    ] {
        let _ = snapshot(file);
    }
}

#[test]
fn quantities_convert_to_bytes() {
    assert_eq!(map::quantity_bytes("2Gi"), Some(2 * 1024 * 1024 * 1024));
    assert_eq!(map::quantity_bytes("512Mi"), Some(512 * 1024 * 1024));
    assert_eq!(map::quantity_bytes("1G"), Some(1_000_000_000));
    assert_eq!(map::quantity_bytes("1.5Gi"), Some(1_610_612_736));
    assert_eq!(map::quantity_bytes("1073741824"), Some(1_073_741_824));
    assert_eq!(map::quantity_bytes("lots"), None);
    assert_eq!(map::quantity_bytes("0.5Ki"), Some(512));
    assert_eq!(map::quantity_bytes(".25M"), Some(250_000));
    assert_eq!(map::quantity_bytes("2.Gi"), Some(2 << 30));
    assert_eq!(map::quantity_bytes("1.0000000005"), Some(1));
    assert_eq!(map::quantity_bytes("1.2.3Gi"), None);
    assert_eq!(map::quantity_bytes("."), None);
    assert_eq!(map::quantity_bytes("99999999999Pi"), None);
}

#[test]
fn a_status_error_shows_its_message() {
    let e = kubevirt::error_from(&Response {
        url: "u".into(),
        status: 403,
        status_text: "Forbidden".into(),
        content_type: "application/json".into(),
        body: r#"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"virtualmachinesnapshots.snapshot.kubevirt.io is forbidden: User \"dev\" cannot list resource","reason":"Forbidden","code":403}"#.into(),
    });
    assert_eq!(e.to_string(), "Forbidden: virtualmachinesnapshots.snapshot.kubevirt.io is forbidden: User \"dev\" cannot list resource (HTTP 403)");
}

#[test]
fn malformed_json_is_a_typed_error() {
    let e =
        kubevirt::parse::<types::List<types::VirtualMachine>>("u", "{\"items\": [").unwrap_err();
    assert!(matches!(e, ApiError::Malformed { .. }));
}

#[test]
fn a_snapshots_size_is_the_restore_size_of_the_volume_snapshots_its_content_owns() {
    // VolumeSnapshots as KubeVirt's snapshot controller makes them (snapshot.storage.k8s.io/v1):
    // one per included volume, owned by the VirtualMachineSnapshotContent.
    let body = r#"{"apiVersion":"snapshot.storage.k8s.io/v1","kind":"VolumeSnapshotList","items":[
      {"metadata":{"name":"vmsnapshot-28ee-volume-rootdisk","ownerReferences":[{"apiVersion":"snapshot.kubevirt.io/v1beta1","kind":"VirtualMachineSnapshotContent","name":"vmsnapshot-content-28ee","uid":"u1","controller":true}]},
       "spec":{"source":{"persistentVolumeClaimName":"rootdisk"}},"status":{"readyToUse":true,"restoreSize":"30Gi"}},
      {"metadata":{"name":"vmsnapshot-28ee-volume-data","ownerReferences":[{"kind":"VirtualMachineSnapshotContent","name":"vmsnapshot-content-28ee"}]},
       "status":{"readyToUse":true,"restoreSize":"512Mi"}},
      {"metadata":{"name":"still-being-cut","ownerReferences":[{"kind":"VirtualMachineSnapshotContent","name":"vmsnapshot-content-99"}]},
       "status":{"readyToUse":false}},
      {"metadata":{"name":"someone-elses"},"status":{"restoreSize":"1Gi"}}
    ]}"#;
    let list: types::List<types::VolumeSnapshot> = kubevirt::parse("vs", body).unwrap();
    let sizes = map::content_sizes(&list.items);
    assert_eq!(
        sizes.get("vmsnapshot-content-28ee"),
        Some(&(30 * (1 << 30) + 512 * (1 << 20)))
    );
    assert_eq!(sizes.get("vmsnapshot-content-99"), None);
    assert_eq!(sizes.len(), 1);
    // A finished snapshot names its content; one in progress does not have one to size yet.
    let done = snapshot("vmsnapshot.succeeded.openshift-docs.verbatim.json");
    assert!(map::content_name(&done).is_some());
    let minimal = snapshot("vmsnapshot.minimal.user-guide.json");
    assert_eq!(map::content_name(&minimal), None);
}

#[test]
fn a_member_of_another_kind_reads_as_absent_and_a_list_keeps_only_its_objects() {
    let list: types::List<types::VirtualMachineSnapshot> = kubevirt::parse(
        "list",
        r#"{"items": [5, null, {"metadata": {"name": "a", "uid": 7},
            "spec": {"source": {"kind": "VirtualMachine", "name": "vm"}},
            "status": {"readyToUse": "yes", "indications": ["Online", 3]}}]}"#,
    )
    .unwrap();
    assert_eq!(list.items.len(), 1);
    let s = &list.items[0];
    assert_eq!(s.metadata.name, "a");
    assert_eq!(s.metadata.uid, None);
    assert_eq!(s.spec.source.name, "vm");
    let status = s.status.as_ref().unwrap();
    assert_eq!(status.ready_to_use, None);
    assert_eq!(status.indications, ["Online"]);
    // Not JSON, or not an object: an error, as before.
    assert!(kubevirt::parse::<types::VirtualMachineSnapshot>("x", "[1]").is_err());
    assert!(kubevirt::parse::<types::VirtualMachineSnapshot>("x", "{").is_err());
}

#[test]
fn a_failed_clone_says_why_and_one_under_way_or_done_says_nothing() {
    let clone = |file: &str, text: &str| -> types::VirtualMachineClone {
        kubevirt::parse(file, text).unwrap_or_else(|e| panic!("{file}: {e}"))
    };
    // The sample clone names its target; it has not failed.
    let file = "vmclone.from-snapshot.plugin-generated.json";
    let sample = clone(file, &sample(&format!("kubevirt/{file}")));
    let target = sample.spec.target.name.clone();
    assert!(!target.is_empty());
    assert_eq!(
        map::clone_failure(std::slice::from_ref(&sample), &target),
        None
    );

    let made = |name: &str, at: &str, phase: &str, conditions: &str| {
        clone(
            name,
            &format!(
                r#"{{"metadata": {{"name": "{name}", "creationTimestamp": "{at}"}},
                    "spec": {{"target": {{"kind": "VirtualMachine", "name": "web-copy"}}}},
                    "status": {{"phase": "{phase}", "conditions": {conditions}}}}}"#
            ),
        )
    };
    let failed = made(
        "c1",
        "2026-12-01T10:00:00Z",
        "Failed",
        r#"[{"type": "Progressing", "status": "False", "reason": "Failed", "message": ""},
            {"type": "Ready", "status": "False", "reason": "Failed", "message": "Source doesnt exist: VirtualMachineSnapshot default/s1"}]"#,
    );
    assert_eq!(
        map::clone_failure(std::slice::from_ref(&failed), "web-copy").as_deref(),
        Some("Source doesnt exist: VirtualMachineSnapshot default/s1")
    );
    assert_eq!(
        map::clone_failure(std::slice::from_ref(&failed), "other"),
        None
    );
    // A reason, when no condition says more; a bare "Failed", in words.
    let reason_only = made(
        "c2",
        "2026-12-01T10:00:00Z",
        "Failed",
        r#"[{"type": "Ready", "status": "False", "reason": "TargetVMExists"}]"#,
    );
    assert_eq!(
        map::clone_failure(&[reason_only], "web-copy").as_deref(),
        Some("TargetVMExists")
    );
    let bare = made("c3", "2026-12-01T10:00:00Z", "Failed", "[]");
    assert_eq!(
        map::clone_failure(&[bare], "web-copy").as_deref(),
        Some("the clone failed")
    );
    // Made again after a failure: the newest clone tells.
    let again = made("c4", "2026-12-01T11:00:00Z", "RestoreInProgress", "[]");
    assert_eq!(map::clone_failure(&[failed, again], "web-copy"), None);
}
