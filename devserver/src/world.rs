//! The development backend's state: an oVirt engine's VMs and a Kubernetes namespace's
//! KubeVirt VMs, each in its own system's terms.

use chrono::{DateTime, FixedOffset, Utc};
use serde::{Deserialize, Serialize};

/// Everything the development backend knows.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct World {
    pub ovirt: Vec<OvirtVm>,
    pub ovirt_templates: Vec<OvirtTemplate>,
    pub kube_vms: Vec<KubeVm>,
    pub kube_snapshots: Vec<KubeSnapshot>,
    pub kube_restores: Vec<KubeRestore>,
    pub kube_clones: Vec<KubeClone>,
    pub kube_templates: Vec<serde_json::Value>,
    /// Snapshot schedules of both backends.
    pub schedules: Vec<DevSchedule>,
    /// Operations under way, applied when their time comes.
    pub pending: Vec<Pending>,
    /// A counter for new ids.
    pub serial: u64,
    /// The VM configuration each snapshot holds, as it was when taken, by snapshot id (oVirt)
    /// or uid (KubeVirt). A snapshot without one holds the VM as it is now.
    #[serde(default)]
    pub held: std::collections::BTreeMap<String, Held>,
    /// Each VM's network interfaces, by VM id (oVirt) or uid (KubeVirt). A VM without any has
    /// one on the default (pod) network.
    #[serde(default)]
    pub nics: std::collections::BTreeMap<String, Vec<Nic>>,
    /// The next clone to each of these VM names fails, with this message (`POST
    /// /_dev/clones/fail`, for the stories): on KubeVirt, the clone's phase and conditions say
    /// so; on oVirt, the new VM is taken away when its copy would have ended.
    #[serde(default)]
    pub failing_clones: std::collections::BTreeMap<String, String>,
}

/// The configuration a snapshot holds (both backends).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Held {
    pub sockets: u64,
    pub cores: u64,
    pub threads: u64,
    pub memory_bytes: u64,
    /// The size of each disk (oVirt disk id) or volume (KubeVirt volume name), in bytes.
    pub disk_sizes: Vec<(String, u64)>,
    pub nics: Vec<Nic>,
}

/// A network interface and the network it is on.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nic {
    pub name: String,
    pub network: String,
}

/// An operation that ends at `done_at`.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Pending {
    pub done_at: DateTime<Utc>,
    pub op: Op,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum Op {
    OvirtSnapshotCreated {
        vm: String,
        snapshot: String,
        status_before: String,
    },
    OvirtSnapshotDeleted {
        vm: String,
        snapshot: String,
    },
    OvirtRestored {
        vm: String,
        snapshot: String,
        memory: bool,
        /// The disks restored; empty for all.
        #[serde(default)]
        disks: Vec<String>,
    },
    OvirtPreviewed {
        vm: String,
        snapshot: String,
    },
    OvirtVmCreated {
        vm: String,
        start: bool,
        /// The copy fails (`/_dev/clones/fail`): the engine takes the VM away again.
        #[serde(default)]
        failed: bool,
    },
    OvirtTemplateCreated {
        template: String,
    },
    OvirtVmStarted {
        vm: String,
    },
    KubeSnapshotDone {
        name: String,
    },
    KubeRestoreDone {
        name: String,
    },
    /// A snapshot's `failureDeadline` passed: it fails if it is still in progress.
    KubeSnapshotDeadline {
        name: String,
    },
    KubeCloneStep {
        name: String,
    },
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OvirtTemplate {
    pub id: String,
    pub name: String,
    pub description: String,
    pub vm: String,
    pub snapshot: String,
    /// locked while being made, then ok.
    pub status: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeRestore {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub vm: String,
    /// The target VM's `metadata.uid`, for the owner reference the restore controller sets.
    #[serde(default)]
    pub vm_uid: String,
    pub snapshot: String,
    pub created: DateTime<Utc>,
    pub complete: bool,
    pub restore_time: Option<DateTime<Utc>>,
    /// `spec.targetReadinessPolicy` and `spec.volumeRestorePolicy`, as sent.
    #[serde(default)]
    pub readiness_policy: Option<String>,
    #[serde(default)]
    pub volume_policy: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeClone {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub snapshot: String,
    pub target: String,
    pub created: DateTime<Utc>,
    /// SnapshotInProgress → CreatingTargetVM → RestoreInProgress → Succeeded, or Failed at
    /// the first step when `failure` is set.
    pub phase: String,
    pub description: Option<String>,
    pub start: bool,
    /// Why it fails (asked for through `/_dev/clones/fail`).
    #[serde(default)]
    pub failure: Option<String>,
}

// ---- oVirt ----

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OvirtVm {
    pub id: String,
    pub name: String,
    pub description: String,
    pub cluster: String,
    /// oVirt `VmStatus`: up, down, image_locked, …
    pub status: String,
    pub guest_agent: bool,
    pub os: String,
    pub memory: u64,
    pub sockets: u64,
    pub cores: u64,
    pub threads: u64,
    pub created: DateTime<FixedOffset>,
    pub disks: Vec<OvirtDisk>,
    /// Every row of `vms/{id}/snapshots`, the `active` one included.
    pub snapshots: Vec<OvirtSnapshot>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OvirtDisk {
    pub id: String,
    pub alias: String,
    pub provisioned_size: u64,
    pub actual_size: u64,
    /// image, lun, managed_block_storage
    pub storage_type: String,
    pub shareable: bool,
    pub bootable: bool,
    pub interface: String,
    /// The current volume.
    pub image_id: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OvirtSnapshot {
    pub id: String,
    pub description: String,
    pub date: DateTime<FixedOffset>,
    /// ok, locked, in_preview
    pub status: String,
    /// regular, active, preview, stateless; `None` for the engine's next-run snapshot.
    pub kind: Option<String>,
    pub persist_memory: bool,
    /// (disk id, image id at that time) of each disk included.
    pub disks: Vec<(String, String)>,
}

// ---- KubeVirt ----

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeVm {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    /// printableStatus: Running, Stopped, …
    pub printable_status: String,
    pub agent_connected: bool,
    pub cores: u64,
    /// A quantity, "2Gi".
    pub memory: String,
    pub os: String,
    pub created: DateTime<Utc>,
    pub volumes: Vec<KubeVolume>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeVolume {
    pub name: String,
    pub source: VolumeSource,
    /// `Some(reason)` when a snapshot cannot include it.
    pub not_snapshottable: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub enum VolumeSource {
    /// A DataVolume from the VM's `dataVolumeTemplates`, with its size ("30Gi").
    DataVolume {
        name: String,
        size: String,
    },
    ContainerDisk {
        image: String,
    },
    CloudInit,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeSnapshot {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub vm: String,
    pub vm_uid: String,
    pub description: Option<String>,
    pub created: DateTime<Utc>,
    /// InProgress, Succeeded, Failed
    pub phase: String,
    pub ready: bool,
    /// (indication, message)
    pub indications: Vec<(String, String)>,
    pub included: Vec<String>,
    pub excluded: Vec<String>,
    pub error: Option<String>,
    /// `spec.failureDeadline` as sent (`None`: the default, 5 minutes).
    #[serde(default)]
    pub deadline: Option<String>,
    /// The deadline passed while it was in progress: failed with a `Failure` condition.
    #[serde(default)]
    pub deadline_exceeded: bool,
}

/// Which API a schedule belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ScheduleApi {
    Ovirt,
    Kube,
}

/// A snapshot schedule (the extension resource of each API).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DevSchedule {
    pub api: ScheduleApi,
    /// oVirt: a UUID; Kubernetes: the object name.
    pub id: String,
    pub namespace: String,
    /// oVirt: the VM id; Kubernetes: the VM name.
    pub vm: String,
    pub name: String,
    pub description: String,
    /// Five cron-like fields; `None` runs once at `start`.
    pub rule: Option<String>,
    pub time_zone: String,
    pub start: DateTime<Utc>,
    pub keep: u32,
    pub paused: bool,
    pub memory: bool,
    /// oVirt: the disks to include; `None` for all.
    pub disks: Option<Vec<String>>,
    pub next_run: Option<DateTime<Utc>>,
    pub last_run: Option<DateTime<Utc>>,
    /// The snapshots it made that are kept (oVirt ids, Kubernetes names), oldest first.
    pub produced: Vec<String>,
    /// Those of them kept forever: never pruned, and not counted against `keep`.
    #[serde(default)]
    pub pinned: Vec<String>,
    pub created: DateTime<Utc>,
}
