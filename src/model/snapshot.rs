//! Snapshots as the views see them, whatever the backend.

use chrono::{DateTime, FixedOffset};

/// The state of a taken snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SnapshotStatus {
    /// Done and usable.
    Ok,
    /// Being taken (KubeVirt `InProgress`).
    InProgress,
    /// Locked by an operation (oVirt `locked`: being created, deleted or restored).
    Locked,
    /// The VM currently previews this snapshot (oVirt `in_preview`).
    InPreview,
    /// The snapshot failed; the backend's message, where it gave one.
    Failed(Option<String>),
    /// A state this app has no name for, as the backend wrote it.
    Other(String),
}

impl SnapshotStatus {
    pub fn label(&self) -> &str {
        match self {
            SnapshotStatus::Ok => "OK",
            SnapshotStatus::InProgress => "In progress",
            SnapshotStatus::Locked => "Locked",
            SnapshotStatus::InPreview => "In preview",
            SnapshotStatus::Failed(_) => "Failed",
            SnapshotStatus::Other(s) => s,
        }
    }

    /// True while the backend is still working on it: the list keeps refreshing meanwhile.
    pub fn is_transient(&self) -> bool {
        matches!(self, SnapshotStatus::InProgress | SnapshotStatus::Locked)
    }
}

/// One disk captured in a snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SnapshotDisk {
    /// oVirt: the disk (image group) id; KubeVirt: the volume name.
    pub id: String,
    pub name: String,
    pub size_bytes: Option<u64>,
    /// oVirt: the volume id at that point in time (needed for custom preview and partial restore).
    pub image_id: Option<String>,
}

/// The VM configuration a snapshot holds, where the backend reports it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VmConfig {
    pub cpus: Option<u32>,
    pub memory_bytes: Option<u64>,
    pub os: Option<String>,
    /// The network interfaces (name and network), where the backend gives them.
    pub nics: Option<Vec<String>>,
    /// The size each disk had then (disk id or volume name, bytes), where the backend tells it
    /// apart from the snapshot's disks.
    pub disk_sizes: Vec<(String, u64)>,
}

/// A taken snapshot of a VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub id: String,
    /// What users call it. oVirt has only a description, which is its name.
    pub name: String,
    /// KubeVirt's `description` annotation; empty on oVirt (whose description is the name).
    pub description: String,
    pub created: Option<DateTime<FixedOffset>>,
    pub status: SnapshotStatus,
    pub has_memory: bool,
    /// The disks included, when the backend lists them with the snapshot.
    pub disks: Vec<SnapshotDisk>,
    /// Backend indications (KubeVirt: Online, NoGuestAgent, QuiesceFailed, …), open-ended, with
    /// their message where the backend gives one.
    pub indications: Vec<String>,
    pub indication_messages: Vec<(String, String)>,
    /// The VM configuration it holds.
    pub config: Option<VmConfig>,
    /// When the VM was last restored from it.
    pub last_restored: Option<DateTime<FixedOffset>>,
    /// Every restore from it the backend reports (KubeVirt's completed restores), oldest first.
    pub restores: Vec<DateTime<FixedOffset>>,
    /// The space it takes, where the backend tells it: oVirt, the sum of its disks'
    /// `actual_size`; KubeVirt, the sum of its VolumeSnapshots' `restoreSize`.
    pub size_bytes: Option<u64>,
}

impl Snapshot {
    /// A snapshot with its id, name and status, and nothing else known yet: no description,
    /// date, memory, disks, remarks, configuration, restores or size. The adapters fill in what
    /// their backend says; tests and benchmarks set what they are about.
    pub fn new(id: impl Into<String>, name: impl Into<String>, status: SnapshotStatus) -> Self {
        Snapshot {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            created: None,
            status,
            has_memory: false,
            disks: Vec::new(),
            indications: Vec::new(),
            indication_messages: Vec::new(),
            config: None,
            last_restored: None,
            restores: Vec::new(),
            size_bytes: None,
        }
    }
}

/// What a VM's snapshots take together, counting those whose size is known; `None` when no
/// size is known. The second figure is how many have no known size.
pub fn total_size(snapshots: &[Snapshot]) -> Option<(u64, usize)> {
    let known: Vec<u64> = snapshots.iter().filter_map(|s| s.size_bytes).collect();
    (!known.is_empty()).then(|| (known.iter().sum(), snapshots.len() - known.len()))
}
