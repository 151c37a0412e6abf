//! Each warning remark shows on the VM that should show it, and only there.

mod common;

use vm_snapshots::model::remarks::*;
use vm_snapshots::model::request::DiskChoice;
use vm_snapshots::model::{BackendKind, Vm, VmDisk, VmStatus};

fn disk(id: &str, ok: bool) -> VmDisk {
    VmDisk {
        id: id.into(),
        name: id.into(),
        size_bytes: None,
        snapshottable: ok,
        reason: (!ok).then(|| "no".into()),
        image_id: None,
    }
}

fn vm(status: VmStatus, agent: Option<bool>, disks: Vec<VmDisk>) -> Vm {
    Vm {
        guest_agent: agent,
        ..common::vm("v", status, disks)
    }
}

const O: BackendKind = BackendKind::Ovirt;
const K: BackendKind = BackendKind::Kubevirt;

#[test]
fn a_running_vm_with_an_agent_and_disks_has_no_remark() {
    let v = vm(VmStatus::Running, Some(true), vec![disk("a", true)]);
    assert_eq!(remarks(O, &v, &DiskChoice::All, false), vec![]);
    assert_eq!(remarks(K, &v, &DiskChoice::All, false), vec![]);
}

#[test]
fn no_available_disk_when_nothing_can_be_snapshotted_or_nothing_is_chosen() {
    let none = vm(VmStatus::Stopped, None, vec![]);
    assert_eq!(remarks(O, &none, &DiskChoice::All, false), vec![NO_DISK]);
    let unsupported = vm(VmStatus::Stopped, None, vec![disk("c", false)]);
    assert_eq!(
        remarks(K, &unsupported, &DiskChoice::All, false),
        vec![NO_DISK]
    );
    let some = vm(VmStatus::Stopped, None, vec![disk("a", true)]);
    assert_eq!(
        remarks(O, &some, &DiskChoice::Only(vec![]), false),
        vec![NO_DISK]
    );
}

#[test]
fn missing_guest_agent_only_on_a_running_vm_without_one() {
    let running = vm(VmStatus::Running, Some(false), vec![disk("a", true)]);
    assert_eq!(
        remarks(O, &running, &DiskChoice::All, false),
        vec![NO_AGENT_OVIRT]
    );
    assert_eq!(
        remarks(K, &running, &DiskChoice::All, false),
        vec![NO_AGENT_KUBEVIRT]
    );
    let stopped = vm(VmStatus::Stopped, None, vec![disk("a", true)]);
    assert_eq!(remarks(O, &stopped, &DiskChoice::All, false), vec![]);
}

#[test]
fn ovirt_memory_pauses_the_vm_and_excluding_disks_with_memory_may_lose_data() {
    let v = vm(
        VmStatus::Running,
        Some(true),
        vec![disk("a", true), disk("b", true)],
    );
    assert_eq!(remarks(O, &v, &DiskChoice::All, true), vec![MEMORY_PAUSES]);
    assert_eq!(
        remarks(O, &v, &DiskChoice::Only(vec!["a".into()]), true),
        vec![MEMORY_PAUSES, MEMORY_EXCLUDED_DISKS]
    );
    assert_eq!(
        remarks(O, &v, &DiskChoice::Only(vec!["a".into()]), false),
        vec![]
    );
    // KubeVirt has no memory snapshots: no memory remarks.
    assert_eq!(remarks(K, &v, &DiskChoice::All, true), vec![]);
}
