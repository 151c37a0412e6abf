//! The take-snapshot modal's warning remarks. None of them blocks creation.

use super::request::DiskChoice;
use super::{BackendKind, Vm};

/// A warning shown above the modal's buttons.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Remark {
    pub title: &'static str,
    pub body: &'static str,
}

pub const NO_DISK: Remark = Remark {
    title: "No available disk",
    body: "The VM has no disk that can be snapshotted: the snapshot keeps only its configuration.",
};

pub const NO_AGENT_OVIRT: Remark = Remark {
    title: "Missing guest agent",
    body: "Could not detect Guest Agent on the VM. Note that without a Guest Agent the data on the created snapshot may be inconsistent.",
};

pub const NO_AGENT_KUBEVIRT: Remark = Remark {
    title: "Missing guest agent",
    body: "No guest agent answers in the running VM: its file systems will not be frozen, so the snapshot may be inconsistent.",
};

pub const MEMORY_PAUSES: Remark = Remark {
    title: "The VM will be paused",
    body: "The VM will be paused while saving the memory",
};

pub const MEMORY_EXCLUDED_DISKS: Remark = Remark {
    title: "Possible data loss",
    body: "Saving memory may cause data loss when excluding disks!",
};

/// The remarks for a snapshot of `vm` of `disks`, with `memory`, on `backend`.
pub fn remarks(backend: BackendKind, vm: &Vm, disks: &DiskChoice, memory: bool) -> Vec<Remark> {
    let snapshottable: Vec<&str> = vm
        .disks
        .iter()
        .filter(|d| d.snapshottable)
        .map(|d| d.id.as_str())
        .collect();
    let chosen = match disks {
        DiskChoice::All => snapshottable.len(),
        DiskChoice::Only(ids) => ids
            .iter()
            .filter(|id| snapshottable.contains(&id.as_str()))
            .count(),
    };
    let mut out = Vec::new();
    if chosen == 0 {
        out.push(NO_DISK);
    }
    if vm.status.is_running() && vm.guest_agent == Some(false) {
        out.push(match backend {
            BackendKind::Ovirt => NO_AGENT_OVIRT,
            BackendKind::Kubevirt => NO_AGENT_KUBEVIRT,
        });
    }
    if backend == BackendKind::Ovirt && memory && vm.status.is_running() {
        out.push(MEMORY_PAUSES);
        if chosen < snapshottable.len() {
            out.push(MEMORY_EXCLUDED_DISKS);
        }
    }
    out
}
