//! What the user asks a backend to do, in the model's terms.

/// Which disks an operation covers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DiskChoice {
    /// Every disk that can take part.
    All,
    /// Only these disk ids (oVirt disk ids, KubeVirt volume names). Empty: configuration only.
    Only(Vec<String>),
}

/// A snapshot to take.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewSnapshot {
    /// KubeVirt: the object name (DNS-1123). oVirt: the description, which is its name there.
    pub name: String,
    /// KubeVirt: the `description` annotation. oVirt has no second text and ignores it.
    pub description: String,
    pub disks: DiskChoice,
    /// Save the memory of a running VM (oVirt only).
    pub memory: bool,
    /// KubeVirt: how long the snapshot may take before it is marked failed, in seconds; `Some(0)`
    /// means no limit, `None` the cluster's default (5 minutes).
    pub failure_deadline: Option<u64>,
}

/// A restore of a VM to a snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RestoreRequest {
    /// oVirt: sent explicitly either way (the engine's default is true).
    pub restore_memory: bool,
    /// oVirt: a subset of the snapshot's disks.
    pub disks: DiskChoice,
    /// KubeVirt: the VM is running and the user confirmed that the restore stops it first
    /// (`targetReadinessPolicy: StopTarget`).
    pub stop_running: bool,
    /// KubeVirt: restore into a new VM of this name instead of the VM itself (its volumes named
    /// after it: `volumeRestorePolicy: PrefixTargetName`).
    pub new_vm: Option<String>,
}

/// A new VM made from a snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewVm {
    pub name: String,
    pub description: String,
    pub start: bool,
}

/// A new VM the backend accepted to make from a snapshot, being made now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmAccepted {
    pub name: String,
    /// Start it once it is made: asked for, and left to the one who asked (oVirt makes a VM
    /// down; a KubeVirt clone applies the run strategy it was given itself).
    pub start_when_made: bool,
}

/// A new VM template made from a snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewTemplate {
    pub name: String,
    pub description: String,
}

/// One disk of an oVirt custom preview: the disk, and the snapshot whose image it shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewDisk {
    pub disk_id: String,
    pub snapshot_id: String,
    pub image_id: String,
}

/// An oVirt (custom) preview: the configuration (and memory) of one snapshot, each disk from
/// any snapshot; a disk not listed is left out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PreviewRequest {
    pub snapshot_id: String,
    pub restore_memory: bool,
    pub disks: Vec<PreviewDisk>,
}
