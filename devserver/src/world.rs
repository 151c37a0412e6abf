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
    /// Operations under way, applied when their time comes.
    pub pending: Vec<Pending>,
    /// A counter for new ids.
    pub serial: u64,
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
    },
    OvirtPreviewed {
        vm: String,
        snapshot: String,
    },
    OvirtVmCreated {
        vm: String,
        start: bool,
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
    pub snapshot: String,
    pub created: DateTime<Utc>,
    pub complete: bool,
    pub restore_time: Option<DateTime<Utc>>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KubeClone {
    pub name: String,
    pub namespace: String,
    pub uid: String,
    pub snapshot: String,
    pub target: String,
    pub created: DateTime<Utc>,
    /// SnapshotInProgress → CreatingTargetVM → RestoreInProgress → Succeeded
    pub phase: String,
    pub description: Option<String>,
    pub start: bool,
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
}
