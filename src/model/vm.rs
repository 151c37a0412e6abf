//! Virtual machines as the views see them, whatever the backend.

/// A VM's run state, folded from oVirt's `status` and KubeVirt's `printableStatus`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VmStatus {
    Running,
    Stopped,
    Starting,
    Stopping,
    Paused,
    Suspended,
    Migrating,
    /// A snapshot is being taken (oVirt `image_locked` during a snapshot, KubeVirt `snapshotInProgress`).
    Snapshotting,
    /// The VM is being restored from a snapshot.
    Restoring,
    /// oVirt `image_locked` for another reason (disk operations).
    Locked,
    /// A status this app has no name for: shown as the backend wrote it.
    Other(String),
}

impl VmStatus {
    /// The label shown to users.
    pub fn label(&self) -> &str {
        match self {
            VmStatus::Running => "Running",
            VmStatus::Stopped => "Stopped",
            VmStatus::Starting => "Starting",
            VmStatus::Stopping => "Stopping",
            VmStatus::Paused => "Paused",
            VmStatus::Suspended => "Suspended",
            VmStatus::Migrating => "Migrating",
            VmStatus::Snapshotting => "Snapshotting",
            VmStatus::Restoring => "Restoring",
            VmStatus::Locked => "Locked",
            VmStatus::Other(s) => s,
        }
    }

    /// True when the guest is running (live snapshots, memory, guest-agent warnings apply).
    pub fn is_running(&self) -> bool {
        matches!(self, VmStatus::Running | VmStatus::Migrating)
    }

    /// True while an operation on the VM's images runs, so snapshot actions wait.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            VmStatus::Snapshotting | VmStatus::Restoring | VmStatus::Locked
        )
    }
}

/// What is being done to a VM's images.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OperationKind {
    Snapshot,
    Restore,
}

/// An operation in progress on a VM, and what it works on where the backend says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Operation {
    pub kind: OperationKind,
    /// The snapshot being taken, or the restore running (KubeVirt: the object's name).
    pub subject: Option<String>,
    /// Since when, where the backend tells.
    pub since: Option<chrono::DateTime<chrono::FixedOffset>>,
}

/// A disk attached to a VM.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VmDisk {
    /// oVirt: the disk id; KubeVirt: the volume name.
    pub id: String,
    pub name: String,
    /// Provisioned size in bytes, where the backend tells it.
    pub size_bytes: Option<u64>,
    /// Whether a snapshot can include this disk.
    pub snapshottable: bool,
    /// Why it cannot, in the backend's words.
    pub reason: Option<String>,
    /// oVirt: the disk's current volume (what the Active VM row of a custom preview keeps).
    pub image_id: Option<String>,
}

/// A virtual machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Vm {
    /// oVirt: the VM's UUID; KubeVirt: the VM's name (unique in its namespace).
    pub id: String,
    pub name: String,
    pub description: String,
    /// KubeVirt only.
    pub namespace: Option<String>,
    /// KubeVirt: `metadata.uid`, for the owner references of what is made from the VM.
    pub uid: Option<String>,
    pub status: VmStatus,
    /// `Some(true)` when a guest agent answers, `Some(false)` when none does, `None` when unknown.
    pub guest_agent: Option<bool>,
    /// Virtual CPUs (sockets × cores × threads), where given.
    pub cpus: Option<u32>,
    pub memory_bytes: Option<u64>,
    pub os: Option<String>,
    /// The disks, where the backend lists them with the VM (oVirt: `get_vm` only).
    pub disks: Vec<VmDisk>,
    /// The network interfaces ("name (network)"), where the backend gives them with the VM
    /// (KubeVirt); oVirt lists them apart (`Backend::vm_nics`).
    pub nics: Option<Vec<String>>,
    /// A snapshot or restore running on the VM, where the backend tells.
    pub operation: Option<Operation>,
}

impl Vm {
    /// Whether the VM is on its way to another state: busy with its images, in an operation,
    /// starting or stopping. A view that polls asks again soon while it is.
    pub fn is_changing(&self) -> bool {
        self.status.is_busy()
            || self.operation.is_some()
            || matches!(self.status, VmStatus::Starting | VmStatus::Stopping)
    }

    /// A VM with its id, name and status, and nothing else known yet (as [`Snapshot::new`]):
    /// for tests and benchmarks.
    ///
    /// [`Snapshot::new`]: crate::model::Snapshot::new
    pub fn new(id: impl Into<String>, name: impl Into<String>, status: VmStatus) -> Vm {
        Vm {
            id: id.into(),
            name: name.into(),
            description: String::new(),
            namespace: None,
            uid: None,
            status,
            guest_agent: None,
            cpus: None,
            memory_bytes: None,
            os: None,
            disks: Vec::new(),
            nics: None,
            operation: None,
        }
    }
}

/// Virtual CPUs from a topology: sockets × cores × threads, each 1 where not given. A product
/// that does not fit is no real topology: `None`, shown as not reported.
pub fn cpu_count(sockets: Option<u64>, cores: Option<u64>, threads: Option<u64>) -> Option<u32> {
    let n = sockets
        .unwrap_or(1)
        .checked_mul(cores.unwrap_or(1))?
        .checked_mul(threads.unwrap_or(1))?;
    u32::try_from(n).ok()
}
