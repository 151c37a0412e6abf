//! What a restore will change, before it runs: the snapshot's configuration against the VM now
//! (CPUs, memory, each disk, the NICs), the newer snapshots it erases (oVirt), and the name of
//! the safety snapshot taken first (its name: `naming::safety_snapshot_name`).

use super::{format, BackendKind, Snapshot, Vm, VmConfig};

/// One thing the restore changes: what, as it is now, and as it will be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub what: String,
    pub now: String,
    pub after: String,
}

fn change(what: impl Into<String>, now: impl Into<String>, after: impl Into<String>) -> Change {
    Change {
        what: what.into(),
        now: now.into(),
        after: after.into(),
    }
}

/// The changes restoring `vm` (its NICs now being `vm_nics`, where known) to `snapshot`, which
/// holds `held`, makes. What either side does not report is left out rather than guessed.
pub fn changes(
    backend: BackendKind,
    vm: &Vm,
    vm_nics: Option<&[String]>,
    snapshot: &Snapshot,
    held: &VmConfig,
) -> Vec<Change> {
    let mut out = Vec::new();
    if let (Some(now), Some(then)) = (vm.cpus, held.cpus) {
        if now != then {
            out.push(change("CPUs", now.to_string(), then.to_string()));
        }
    }
    if let (Some(now), Some(then)) = (vm.memory_bytes, held.memory_bytes) {
        if now != then {
            out.push(change("Memory", format::bytes(now), format::bytes(then)));
        }
    }
    // Disks: those the snapshot holds, at their size then; those added since are left as they
    // are on oVirt, and taken out of the VM on KubeVirt (its spec is the snapshot's).
    for d in &snapshot.disks {
        let then = held
            .disk_sizes
            .iter()
            .find(|(id, _)| id == &d.id)
            .map(|(_, s)| *s)
            .or(d.size_bytes);
        let label = format!("Disk {}", d.name);
        match vm.disks.iter().find(|v| v.id == d.id) {
            None => out.push(change(
                label,
                "Not attached",
                "Attached, as in the snapshot",
            )),
            Some(now) => {
                if let (Some(n), Some(t)) = (now.size_bytes, then) {
                    if n != t {
                        out.push(change(label, format::bytes(n), format::bytes(t)));
                    }
                }
            }
        }
    }
    for d in vm.disks.iter().filter(|d| d.snapshottable) {
        if !snapshot.disks.iter().any(|s| s.id == d.id) {
            let after = match backend {
                BackendKind::Kubevirt => "Removed from the VM (its volume is kept)",
                BackendKind::Ovirt => "Kept as it is now (not in the snapshot)",
            };
            out.push(change(format!("Disk {}", d.name), "Attached", after));
        }
    }
    if let (Some(now), Some(then)) = (vm_nics, held.nics.as_deref()) {
        for n in then.iter().filter(|n| !now.contains(n)) {
            out.push(change(format!("NIC {n}"), "Not there", "Added back"));
        }
        for n in now.iter().filter(|n| !then.contains(n)) {
            out.push(change(format!("NIC {n}"), "There", "Removed"));
        }
    }
    out
}

/// The snapshots a restore of `target` erases: on oVirt every regular snapshot taken after it
/// (the engine commits the restored state and drops the newer ones); none on KubeVirt.
pub fn erased<'a>(
    backend: BackendKind,
    target: &Snapshot,
    all: &'a [Snapshot],
) -> Vec<&'a Snapshot> {
    match (backend, target.created) {
        (BackendKind::Ovirt, Some(at)) => {
            let mut newer: Vec<&Snapshot> = all
                .iter()
                .filter(|s| s.id != target.id && s.created.is_some_and(|c| c > at))
                .collect();
            newer.sort_by_key(|s| s.created);
            newer
        }
        _ => Vec::new(),
    }
}
