//! Backends behind one trait. Views call [`Backend`] and see only `crate::model` types; each
//! adapter owns its protocol (paths, bodies, error shapes) and nothing of the views.

mod error;
pub mod http;
pub mod kubevirt;
pub mod ovirt;

pub use error::ApiError;

use crate::config::Config;
use crate::model::{BackendKind, Snapshot, Vm};
use async_trait::async_trait;
use std::rc::Rc;

/// What the app asks of a virtualization backend.
#[async_trait(?Send)]
pub trait Backend {
    fn kind(&self) -> BackendKind;

    /// All VMs the user can see (KubeVirt: in the configured namespace).
    async fn list_vms(&self) -> Result<Vec<Vm>, ApiError>;

    /// One VM with its disks.
    async fn get_vm(&self, id: &str) -> Result<Vm, ApiError>;

    /// The user snapshots of a VM (never oVirt's `active`/`preview` pseudo-snapshots).
    async fn list_snapshots(&self, vm_id: &str) -> Result<Vec<Snapshot>, ApiError>;
}

/// The adapter for the configured backend.
pub fn connect(config: &Config) -> Rc<dyn Backend> {
    match config.backend {
        BackendKind::Ovirt => Rc::new(ovirt::OvirtBackend::new(config)),
        BackendKind::Kubevirt => Rc::new(kubevirt::KubevirtBackend::new(config)),
    }
}
