//! KubeVirt objects mapped to the domain model.

use super::types::{self, Object, VirtualMachine, VirtualMachineSnapshot};
use crate::model::vm::cpu_count;
use crate::model::{
    Operation, OperationKind, Snapshot, SnapshotDisk, SnapshotStatus, Vm, VmConfig, VmDisk,
    VmStatus,
};
use chrono::{DateTime, FixedOffset};
use std::borrow::Borrow;
use std::collections::HashMap;

/// The configuration a `VirtualMachineSnapshotContent` holds: its `spec.source.virtualMachine`.
pub fn snapshot_config(content: &serde_json::Value) -> Result<VmConfig, String> {
    let source = content
        .pointer("/spec/source/virtualMachine")
        .ok_or("the snapshot content has no spec.source.virtualMachine")?;
    // Read from its text, as every other VirtualMachine is.
    let held = VirtualMachine::parse(&source.to_string()).map_err(|e| e.to_string())?;
    let mapped = vm(&held);
    // The size of each volume then: its backup's claim.
    let disk_sizes = content
        .pointer("/spec/volumeBackups")
        .and_then(|b| b.as_array())
        .map(|backups| {
            backups
                .iter()
                .filter_map(|b| {
                    let name = b.get("volumeName")?.as_str()?;
                    let size = b
                        .pointer("/persistentVolumeClaim/spec/resources/requests/storage")?
                        .as_str()
                        .and_then(quantity_bytes)?;
                    Some((name.to_string(), size))
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(VmConfig {
        cpus: mapped.cpus,
        memory_bytes: mapped.memory_bytes,
        os: mapped.os,
        nics: mapped.nics,
        disk_sizes,
    })
}

/// A VM's interfaces as "name (network)", from its template's spec.
fn nics(vm: &VirtualMachine) -> Option<Vec<String>> {
    let spec = &vm.spec.template.as_ref()?.spec;
    Some(
        spec.domain
            .devices
            .interfaces
            .iter()
            .map(|i| {
                let network = spec.networks.iter().find(|n| n.name == i.name);
                match network {
                    Some(n) if n.pod.is_some() => format!("{} (pod network)", i.name),
                    Some(types::Network {
                        multus: Some(m), ..
                    }) => format!("{} ({})", i.name, m.network_name),
                    _ => i.name.clone(),
                }
            })
            .collect(),
    )
}

/// `status.printableStatus` values (`VirtualMachinePrintableStatus` in the API).
pub fn vm_status(printable: &str) -> VmStatus {
    match printable {
        "Running" => VmStatus::Running,
        "Stopped" | "Halted" => VmStatus::Stopped,
        "Starting" | "Provisioning" | "WaitingForVolumeBinding" => VmStatus::Starting,
        "Stopping" | "Terminating" => VmStatus::Stopping,
        "Paused" => VmStatus::Paused,
        "Migrating" => VmStatus::Migrating,
        "" => VmStatus::Other("Unknown".into()),
        other => VmStatus::Other(other.to_string()),
    }
}

/// A Kubernetes quantity ("2Gi", "512Mi", "1G", "1.5Gi", "1073741824") in bytes, rounded to
/// the nearest byte; `None` for anything else, or one too big. Read in whole numbers: a float
/// parser would be the only one in the wasm.
pub fn quantity_bytes(q: &str) -> Option<u64> {
    let q = q.trim();
    let split = q
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(q.len());
    let (number, suffix) = q.split_at(split);
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    let digits = |s: &str| -> Option<u128> {
        if s.is_empty() {
            Some(0)
        } else {
            s.parse().ok()
        }
    };
    let factor: u128 = match suffix {
        "" => 1,
        "Ki" => 1 << 10,
        "Mi" => 1 << 20,
        "Gi" => 1 << 30,
        "Ti" => 1 << 40,
        "Pi" => 1 << 50,
        "k" => 1_000,
        "M" => 1_000_000,
        "G" => 1_000_000_000,
        "T" => 1_000_000_000_000,
        "P" => 1_000_000_000_000_000,
        _ => return None,
    };
    // Digits past the 18th after the point round away: no quantity is written that finely.
    let fraction = &fraction[..fraction.len().min(18)];
    let scale = 10u128.pow(fraction.len() as u32);
    let whole = digits(whole)?.checked_mul(factor)?;
    let part = (digits(fraction)? * factor + scale / 2) / scale;
    u64::try_from(whole.checked_add(part)?).ok()
}

fn rfc3339(s: Option<&str>) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s?.trim()).ok()
}

/// The storage a DataVolume template asks for (`spec.storage` or `spec.pvc`).
fn data_volume_size(spec: &serde_json::Value) -> Option<u64> {
    ["storage", "pvc"].iter().find_map(|k| {
        spec.get(k)?
            .get("resources")?
            .get("requests")?
            .get("storage")?
            .as_str()
            .and_then(quantity_bytes)
    })
}

pub fn vm(vm: &VirtualMachine) -> Vm {
    let status = &vm.status;
    let mut run_state = vm_status(status.printable_status.as_deref().unwrap_or(""));
    let operation = if let Some(r) = &status.restore_in_progress {
        run_state = VmStatus::Restoring;
        Some(Operation {
            kind: OperationKind::Restore,
            subject: Some(r.clone()),
            since: None,
        })
    } else if let Some(s) = &status.snapshot_in_progress {
        run_state = VmStatus::Snapshotting;
        Some(Operation {
            kind: OperationKind::Snapshot,
            subject: Some(s.clone()),
            since: None,
        })
    } else {
        None
    };
    let guest_agent = if run_state.is_running() || run_state == VmStatus::Snapshotting {
        Some(
            status
                .conditions
                .iter()
                .any(|c| c.type_ == "AgentConnected" && c.status == "True"),
        )
    } else {
        None
    };
    let template = vm.spec.template.as_ref().map(|t| &t.spec);
    let domain = template.map(|t| &t.domain);
    let cpus = domain.and_then(|d| d.cpu.as_ref()).and_then(|c| {
        let n = |v: Option<u32>| v.map(u64::from);
        cpu_count(n(c.sockets), n(c.cores), n(c.threads))
    });
    let memory_bytes = domain.and_then(|d| {
        d.memory
            .as_ref()
            .and_then(|m| m.guest.as_deref())
            .or_else(|| {
                d.resources
                    .as_ref()
                    .and_then(|r| r.requests.get("memory"))
                    .and_then(|v| v.as_str())
            })
            .and_then(quantity_bytes)
    });
    let volumes: &[types::Volume] = template.map(|t| t.volumes.as_slice()).unwrap_or(&[]);
    let size_of = |volume: &str| -> Option<u64> {
        let dv = volumes
            .iter()
            .find(|v| v.name == volume)
            .and_then(|v| v.data_volume.as_ref())?;
        vm.spec
            .data_volume_templates
            .iter()
            .find(|t| t.metadata.name == dv.name)
            .and_then(|t| data_volume_size(&t.spec))
    };
    // `volumeSnapshotStatuses` says, per volume, whether a snapshot can include it and why not.
    let disks = if status.volume_snapshot_statuses.is_empty() {
        volumes
            .iter()
            .map(|v| VmDisk {
                id: v.name.clone(),
                name: v.name.clone(),
                size_bytes: size_of(&v.name),
                snapshottable: false,
                reason: Some(
                    "The cluster has not reported whether this volume can be snapshotted".into(),
                ),
                image_id: None,
            })
            .collect()
    } else {
        status
            .volume_snapshot_statuses
            .iter()
            .map(|s| VmDisk {
                id: s.name.clone(),
                name: s.name.clone(),
                size_bytes: size_of(&s.name),
                snapshottable: s.enabled,
                reason: if s.enabled { None } else { s.reason.clone() },
                image_id: None,
            })
            .collect()
    };
    Vm {
        id: vm.metadata.name.clone(),
        name: vm.metadata.name.clone(),
        description: vm
            .metadata
            .annotations
            .get("description")
            .cloned()
            .unwrap_or_default(),
        namespace: vm.metadata.namespace.clone(),
        uid: vm.metadata.uid.clone(),
        status: run_state,
        guest_agent,
        cpus,
        memory_bytes,
        os: vm.metadata.annotations.get("vm.kubevirt.io/os").cloned(),
        disks,
        nics: nics(vm),
        operation,
    }
}

pub fn snapshot_status(s: &VirtualMachineSnapshot) -> SnapshotStatus {
    if s.metadata.deletion_timestamp.is_some() {
        return SnapshotStatus::Other("Deleting".into());
    }
    let Some(status) = &s.status else {
        // Just created: the controller has not picked it up yet.
        return SnapshotStatus::InProgress;
    };
    let ready_condition = status
        .conditions
        .iter()
        .any(|c| c.type_ == "Ready" && c.status == "True");
    match status.phase.as_deref() {
        Some("Succeeded") if status.ready_to_use != Some(false) => SnapshotStatus::Ok,
        // Older servers and `oc describe` output give no phase, only readiness.
        None | Some("") if status.ready_to_use == Some(true) || ready_condition => {
            SnapshotStatus::Ok
        }
        Some("Succeeded") | Some("InProgress") | None | Some("") => SnapshotStatus::InProgress,
        Some("Failed") => SnapshotStatus::Failed(
            status
                .error
                .as_ref()
                .and_then(|e| e.message.clone())
                .or_else(|| {
                    // A deadline passed: a `Failure` condition, whose reason says so.
                    let reason = |t: &str| {
                        status
                            .conditions
                            .iter()
                            .find(|c| c.type_ == t && c.status == "True")
                            .and_then(|c| c.reason.clone())
                    };
                    reason("Failure").or_else(|| {
                        status
                            .conditions
                            .iter()
                            .find(|c| c.type_ == "Ready")
                            .and_then(|c| c.reason.clone())
                    })
                }),
        ),
        Some(other) => SnapshotStatus::Other(other.to_string()),
    }
}

pub fn snapshot(s: &VirtualMachineSnapshot) -> Snapshot {
    let status = s.status.as_ref();
    Snapshot {
        id: s.metadata.name.clone(),
        name: s.metadata.name.clone(),
        description: s
            .metadata
            .annotations
            .get("description")
            .cloned()
            .unwrap_or_default(),
        created: rfc3339(status.and_then(|st| st.creation_time.as_deref()))
            .or_else(|| rfc3339(s.metadata.creation_timestamp.as_deref())),
        status: snapshot_status(s),
        has_memory: false,
        disks: status
            .and_then(|st| st.snapshot_volumes.as_ref())
            .map(|v| {
                v.included_volumes
                    .iter()
                    .map(|name| SnapshotDisk {
                        id: name.clone(),
                        name: name.clone(),
                        size_bytes: None,
                        image_id: None,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        indications: status.map(|st| st.indications.clone()).unwrap_or_default(),
        indication_messages: status
            .map(|st| {
                st.source_indications
                    .iter()
                    .map(|i| (i.indication.clone(), i.message.clone()))
                    .collect()
            })
            .unwrap_or_default(),
        config: None,
        last_restored: None,
        restores: Vec::new(),
        size_bytes: None,
    }
}

/// Whether a snapshot was taken of the VM `vm_name` (`spec.source`).
pub fn belongs_to(s: &VirtualMachineSnapshot, vm_name: &str) -> bool {
    s.spec.source.name == vm_name
        && (s.spec.source.kind.is_empty() || s.spec.source.kind == "VirtualMachine")
}

/// A `VirtualMachineSnapshotSchedule` (the vm-snapshots extension, modelled on the KubeVirt
/// sketch): the VM it selects, and its schedule.
pub fn schedule(v: &serde_json::Value) -> Option<crate::model::schedule::Schedule> {
    let text = |p: &str| v.pointer(p).and_then(|x| x.as_str()).map(str::to_string);
    let utc = |p: &str| rfc3339(v.pointer(p).and_then(|x| x.as_str())).map(|d| d.to_utc());
    let strings = |p: &str| -> Vec<String> {
        v.pointer(p)
            .and_then(|s| s.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    Some(crate::model::schedule::Schedule {
        id: text("/metadata/name")?,
        name: text("/metadata/name")?,
        description: text("/metadata/annotations/description").unwrap_or_default(),
        vm_id: v
            .pointer("/spec/vmSelector/matchLabels")?
            .get("kubevirt.io/vm")?
            .as_str()?
            .to_string(),
        start: utc("/spec/startTime")?,
        rule: text("/spec/schedule").filter(|r| !r.trim().is_empty()),
        time_zone: text("/spec/timeZone").unwrap_or_else(|| "UTC".into()),
        keep: v
            .pointer("/spec/retention/maxCount")
            .and_then(|k| k.as_u64())
            .unwrap_or(1) as u32,
        paused: v
            .pointer("/spec/disabled")
            .and_then(|d| d.as_bool())
            .unwrap_or(false),
        memory: false,
        disks: crate::model::request::DiskChoice::All,
        next_run: utc("/status/nextSnapshotTime"),
        last_run: utc("/status/lastSnapshotTime"),
        produced: strings("/status/snapshots"),
        pinned: strings("/spec/retention/pinned"),
    })
}

/// When the VM was last restored from `snapshot`: the newest `restoreTime` of the completed
/// restores naming it.
pub fn last_restored(
    restores: &[super::types::VirtualMachineRestore],
    snapshot: &str,
) -> Option<DateTime<FixedOffset>> {
    restores_of(restores, snapshot).pop()
}

/// When each completed restore from `snapshot` ran, oldest first.
pub fn restores_of(
    restores: &[super::types::VirtualMachineRestore],
    snapshot: &str,
) -> Vec<DateTime<FixedOffset>> {
    let mut times: Vec<DateTime<FixedOffset>> = restores
        .iter()
        .filter(|r| r.spec.virtual_machine_snapshot_name == snapshot)
        .filter_map(|r| r.status.as_ref())
        .filter(|s| s.complete == Some(true))
        .filter_map(|s| rfc3339(s.restore_time.as_deref()))
        .collect();
    times.sort();
    times
}

/// Why the newest clone making the VM `name` failed, when it did (phase `Failed`): its
/// conditions' message (the Ready condition's first), or their reason; `None` while it is under
/// way, once it succeeded, or when no clone makes that VM.
pub fn clone_failure<C: Borrow<types::VirtualMachineClone>>(
    clones: &[C],
    name: &str,
) -> Option<String> {
    let clone = clones
        .iter()
        .map(|c| c.borrow())
        .filter(|c| c.spec.target.name == name)
        .max_by(|a, b| {
            a.metadata
                .creation_timestamp
                .cmp(&b.metadata.creation_timestamp)
        })?;
    let status = clone.status.as_ref()?;
    if status.phase.as_deref() != Some("Failed") {
        return None;
    }
    let mut conditions: Vec<&types::Condition> = status.conditions.iter().collect();
    conditions.sort_by_key(|c| c.type_ != "Ready");
    let said = |pick: fn(&types::Condition) -> Option<&String>| {
        conditions
            .iter()
            .filter_map(|c| pick(c))
            .find(|text| !text.trim().is_empty())
            .map(|text| text.trim().to_string())
    };
    Some(
        said(|c| c.message.as_ref())
            .or_else(|| said(|c| c.reason.as_ref()).filter(|r| r != "Failed"))
            .unwrap_or_else(|| "the clone failed".to_string()),
    )
}

/// The size of each snapshot content (by name): the sum of the `restoreSize` of the
/// VolumeSnapshots it owns. KubeVirt makes one VolumeSnapshot per included volume, owned by the
/// VirtualMachineSnapshotContent. A content none of whose VolumeSnapshots tells a size is left out.
pub fn content_sizes(volume_snapshots: &[types::VolumeSnapshot]) -> HashMap<String, u64> {
    let mut sizes: HashMap<String, u64> = HashMap::new();
    for vs in volume_snapshots {
        let Some(bytes) = vs
            .status
            .as_ref()
            .and_then(|s| s.restore_size.as_deref())
            .and_then(quantity_bytes)
        else {
            continue;
        };
        if let Some(owner) = vs
            .metadata
            .owner_references
            .iter()
            .find(|o| o.kind == "VirtualMachineSnapshotContent")
        {
            *sizes.entry(owner.name.clone()).or_default() += bytes;
        }
    }
    sizes
}

/// The name of the content a finished snapshot keeps its volumes in.
pub fn content_name(s: &VirtualMachineSnapshot) -> Option<&str> {
    s.status
        .as_ref()
        .filter(|st| st.ready_to_use == Some(true))
        .and_then(|st| st.virtual_machine_snapshot_content_name.as_deref())
}
