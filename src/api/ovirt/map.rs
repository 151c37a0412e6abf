//! oVirt's names and shapes mapped to the domain model, for both formats (see [`super::tree`]).

use super::tree::Tree;
use crate::model::request::DiskChoice;
use crate::model::schedule::Schedule;
use crate::model::vm::cpu_count;
use crate::model::{Snapshot, SnapshotDisk, SnapshotStatus, Vm, VmConfig, VmDisk, VmStatus};

/// oVirt `vm.status` values (`VmStatus` in the API model).
pub fn vm_status(raw: &str) -> VmStatus {
    match raw {
        "up" => VmStatus::Running,
        "down" => VmStatus::Stopped,
        "powering_up" | "wait_for_launch" | "reboot_in_progress" => VmStatus::Starting,
        "powering_down" => VmStatus::Stopping,
        "paused" => VmStatus::Paused,
        "suspended" => VmStatus::Suspended,
        "migrating" => VmStatus::Migrating,
        "image_locked" => VmStatus::Locked,
        other => VmStatus::Other(humanize(other)),
    }
}

/// "not_responding" → "Not responding".
pub fn humanize(raw: &str) -> String {
    let spaced = raw.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => "Unknown".to_string(),
    }
}

pub fn vm<T: Tree>(node: T) -> Vm {
    let status = vm_status(node.text("status").unwrap_or_default().trim());
    let cpus = node
        .child("cpu")
        .and_then(|c| c.child("topology"))
        .and_then(|t| cpu_count(t.number("sockets"), t.number("cores"), t.number("threads")));
    // oVirt reports the guest OS and FQDN only through a guest agent; on a running VM their
    // absence means no agent answers.
    let agent_reports = node.child("guest_operating_system").is_some()
        || node.text("fqdn").is_some_and(|f| !f.trim().is_empty());
    let guest_agent = if status.is_running() {
        Some(agent_reports)
    } else {
        None
    };
    Vm {
        id: node.id().unwrap_or_default(),
        name: node.text("name").unwrap_or_default(),
        description: node.text("description").unwrap_or_default(),
        namespace: None,
        uid: None,
        status,
        guest_agent,
        cpus,
        memory_bytes: node.number("memory"),
        os: node.child("os").and_then(|os| os.text("type")),
        disks: Vec::new(),
        nics: None,
        operation: None,
    }
}

/// A NIC as "name (vNIC profile)", the profile followed (`?follow=vnic_profile`) or not.
pub fn nic<T: Tree>(node: T) -> Option<String> {
    let name = node.text("name")?;
    Some(
        match node.child("vnic_profile").and_then(|p| p.text("name")) {
            Some(profile) => format!("{name} ({profile})"),
            None => name,
        },
    )
}

/// A disk attachment, with its disk inlined (`?follow=disk`) or only referenced by id.
pub fn attached_disk<T: Tree>(attachment: T) -> Option<VmDisk> {
    let disk = attachment.child("disk")?;
    let id = disk.id().or_else(|| attachment.id())?;
    let name = disk
        .text("alias")
        .or_else(|| disk.text("name"))
        .unwrap_or_else(|| id.clone());
    // Direct LUNs and Cinder/managed-block disks are not part of oVirt snapshots.
    let storage_type = disk.text("storage_type").unwrap_or_else(|| "image".into());
    let shareable = disk.flag("shareable").unwrap_or(false);
    let reason = if storage_type != "image" {
        Some(format!(
            "{} disks cannot be snapshotted",
            humanize(&storage_type)
        ))
    } else if shareable {
        Some("Shareable disks cannot be snapshotted".to_string())
    } else {
        None
    };
    Some(VmDisk {
        id,
        name,
        size_bytes: disk.number("provisioned_size"),
        snapshottable: reason.is_none(),
        reason,
        image_id: disk.text("image_id"),
    })
}

/// The kinds of rows in `vms/{id}/snapshots`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SnapshotKind {
    /// A user's snapshot.
    Regular,
    /// "Active VM": the VM itself.
    Active,
    /// "Active VM before the preview".
    Preview,
    /// Internal to stateless VMs.
    Stateless,
    /// No `snapshot_type` (the engine's internal "Next Run configuration snapshot").
    Internal,
}

pub fn snapshot_kind<T: Tree>(node: T) -> SnapshotKind {
    match node.text("snapshot_type").as_deref().map(str::trim) {
        Some("regular") => SnapshotKind::Regular,
        Some("active") => SnapshotKind::Active,
        Some("preview") => SnapshotKind::Preview,
        Some("stateless") => SnapshotKind::Stateless,
        _ => SnapshotKind::Internal,
    }
}

pub fn snapshot_status(raw: &str) -> SnapshotStatus {
    match raw {
        "ok" => SnapshotStatus::Ok,
        "locked" => SnapshotStatus::Locked,
        "in_preview" => SnapshotStatus::InPreview,
        other => SnapshotStatus::Other(humanize(other)),
    }
}

pub fn snapshot<T: Tree>(node: T) -> Snapshot {
    let sizes: Vec<u64> = node
        .collection("disks", "disk")
        .into_iter()
        .filter_map(|d| d.number("actual_size"))
        .collect();
    Snapshot {
        id: node.id().unwrap_or_default(),
        name: node.text("description").unwrap_or_default(),
        description: String::new(),
        created: node.date("date"),
        status: snapshot_status(node.text("snapshot_status").unwrap_or_default().trim()),
        has_memory: node.flag("persist_memorystate").unwrap_or(false),
        disks: node
            .collection("disks", "disk")
            .into_iter()
            .map(snapshot_disk)
            .collect(),
        indications: Vec::new(),
        indication_messages: Vec::new(),
        // A regular snapshot holds the VM configuration of its time in <vm>.
        config: node.child("vm").map(|v| {
            let held = vm(v);
            VmConfig {
                cpus: held.cpus,
                memory_bytes: held.memory_bytes,
                os: held.os,
                nics: None,
                disk_sizes: Vec::new(),
            }
        }),
        last_restored: None,
        restores: Vec::new(),
        // The space the snapshot's volumes take, as the engine reports it per disk.
        size_bytes: (!sizes.is_empty()).then(|| sizes.iter().sum()),
    }
}

pub fn snapshot_disk<T: Tree>(node: T) -> SnapshotDisk {
    let id = node.id().unwrap_or_default();
    SnapshotDisk {
        name: node
            .text("alias")
            .or_else(|| node.text("name"))
            .unwrap_or_else(|| id.clone()),
        id,
        size_bytes: node.number("provisioned_size"),
        image_id: node.text("image_id"),
    }
}

/// The user snapshots of a `snapshots` collection: regular ones only.
pub fn user_snapshots<T: Tree>(collection: T) -> Vec<Snapshot> {
    collection
        .items("snapshot")
        .into_iter()
        .filter(|n| snapshot_kind(*n) == SnapshotKind::Regular)
        .map(snapshot)
        .collect()
}

/// oVirt's fault detail is a bracketed list ("[msg1, msg2]"); "[]" says nothing.
pub fn fault_detail(raw: &str) -> Option<String> {
    let trimmed = raw.trim();
    let inner = trimmed
        .strip_prefix('[')
        .and_then(|s| s.strip_suffix(']'))
        .unwrap_or(trimmed)
        .trim();
    (!inner.is_empty()).then(|| inner.to_string())
}

/// A `<fault>` (bare, or inside an `<action>`) as (reason, detail).
pub fn fault<T: Tree>(node: T) -> Option<(String, Option<String>)> {
    let fault = node.child("fault").unwrap_or(node);
    let reason = fault.text("reason")?;
    let detail = fault.text("detail").and_then(|d| fault_detail(&d));
    Some((reason, detail))
}

/// The `<cluster id>` of a VM.
pub fn cluster_id<T: Tree>(vm: T) -> Option<String> {
    vm.child("cluster").and_then(|c| c.id())
}

/// An `<action>` answer's fault, if the action failed (even with HTTP 200).
pub fn action_failure<T: Tree>(action: T) -> Option<(String, Option<String>)> {
    let failed = action.text("status").is_some_and(|s| s.trim() == "failed");
    if action.child("fault").is_some() || failed {
        Some(fault(action).unwrap_or_else(|| ("Operation Failed".into(), None)))
    } else {
        None
    }
}

/// A `<snapshot_schedule>` (the vm-snapshots extension resource, in oVirt's style).
pub fn schedule<T: Tree>(node: T) -> Option<Schedule> {
    let utc = |name| node.date(name).map(|d| d.to_utc());
    Some(Schedule {
        id: node.id()?,
        name: node.text("name").unwrap_or_default(),
        description: node.text("description").unwrap_or_default(),
        vm_id: node.child("vm").and_then(|v| v.id()).unwrap_or_default(),
        start: utc("start_time")?,
        rule: node
            .text("cron_expression")
            .filter(|r| !r.trim().is_empty()),
        time_zone: node
            .child("time_zone")
            .and_then(|t| t.text("name"))
            .unwrap_or_else(|| "UTC".into()),
        keep: node.number("max_snapshots").unwrap_or(1) as u32,
        paused: !node.flag("enabled").unwrap_or(true),
        memory: node.flag("persist_memorystate").unwrap_or(false),
        disks: match node.child("disk_attachments") {
            Some(c) => DiskChoice::Only(
                c.items("disk_attachment")
                    .into_iter()
                    .filter_map(|a| a.child("disk").and_then(|d| d.id()))
                    .collect(),
            ),
            None => DiskChoice::All,
        },
        next_run: utc("next_run_time"),
        last_run: utc("last_run_time"),
        produced: node
            .collection("snapshots", "snapshot")
            .into_iter()
            .filter_map(|s| s.id())
            .collect(),
        pinned: node
            .collection("pinned_snapshots", "snapshot")
            .into_iter()
            .filter_map(|s| s.id())
            .collect(),
    })
}

/// A `<job>`'s status (`started`, `finished`, `failed`, `aborted`, `unknown`), for polling an
/// action that answered with a job.
pub fn job_status<T: Tree>(job: T) -> Option<String> {
    job.text("status").map(|s| s.trim().to_string())
}

/// What an `image_locked` VM is doing, from its snapshots: a locked snapshot that is the newest
/// is being taken; an older locked one is being restored (or previewed).
pub fn operation_of(snapshots: &[Snapshot]) -> Option<crate::model::Operation> {
    let newest = snapshots.iter().filter_map(|s| s.created).max();
    let locked = snapshots
        .iter()
        .find(|s| s.status == SnapshotStatus::Locked)?;
    let taking = locked.created.is_some() && locked.created == newest;
    Some(crate::model::Operation {
        kind: if taking {
            crate::model::OperationKind::Snapshot
        } else {
            crate::model::OperationKind::Restore
        },
        subject: Some(locked.name.clone()),
        since: if taking { locked.created } else { None },
    })
}
