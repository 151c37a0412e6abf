//! The app's one domain model: plain data and pure rules, shared by every backend adapter
//! (`crate::api`) and every view (`crate::pages`, `crate::components`). Nothing here knows
//! about XML, JSON, URLs or the DOM, so all of it is tested natively with `cargo test`.

pub mod bulk;
pub mod capabilities;
pub mod format;
pub mod indications;
pub mod listing;
pub mod naming;
pub mod preview;
pub mod remarks;
pub mod request;
pub mod restore_plan;
pub mod rules;
pub mod schedule;
pub mod snapshot;
pub mod timeline;
pub mod vm;

pub use snapshot::{Snapshot, SnapshotDisk, SnapshotStatus, VmConfig};
pub use vm::{Operation, OperationKind, Vm, VmDisk, VmStatus};

/// Which kind of backend the app talks to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum BackendKind {
    Ovirt,
    Kubevirt,
}

impl BackendKind {
    /// The value used in `config.json` and the `backend` query key.
    pub fn key(self) -> &'static str {
        match self {
            BackendKind::Ovirt => "ovirt",
            BackendKind::Kubevirt => "kubevirt",
        }
    }

    /// The backend a `key` names.
    pub fn from_key(key: &str) -> Option<BackendKind> {
        [BackendKind::Ovirt, BackendKind::Kubevirt]
            .into_iter()
            .find(|b| b.key() == key)
    }

    /// A name for people.
    pub fn label(self) -> &'static str {
        match self {
            BackendKind::Ovirt => "oVirt",
            BackendKind::Kubevirt => "KubeVirt",
        }
    }
}
