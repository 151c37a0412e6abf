//! Which action a snapshot's kebab allows, and why not: the backends' own rules (DESIGN.md).

use super::{BackendKind, Snapshot, SnapshotStatus, Vm, VmStatus};

/// The actions on a taken snapshot.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    CreateTemplate,
    CreateVm,
    Restore,
    Preview,
    Delete,
}

impl Action {
    pub fn label(self) -> &'static str {
        match self {
            Action::CreateTemplate => "Create VM Template",
            Action::CreateVm => "Create VM",
            Action::Restore => "Restore",
            Action::Preview => "Preview…",
            Action::Delete => "Delete",
        }
    }

    /// The kebab's items on `backend`, in order.
    pub fn menu(backend: BackendKind) -> &'static [Action] {
        match backend {
            BackendKind::Ovirt => &[
                Action::CreateTemplate,
                Action::CreateVm,
                Action::Restore,
                Action::Preview,
                Action::Delete,
            ],
            BackendKind::Kubevirt => &[
                Action::CreateTemplate,
                Action::CreateVm,
                Action::Restore,
                Action::Delete,
            ],
        }
    }
}

const BUSY: &str = "Wait until the operation on this VM has finished.";
const LOCKED: &str = "The snapshot is locked by an operation in progress.";
const PREVIEWING: &str = "The VM is previewing a snapshot: commit or undo the preview first.";

/// Whether `action` is allowed on `snapshot` of `vm` (`all` being the VM's snapshots), or why not.
pub fn allowed(
    backend: BackendKind,
    vm: &Vm,
    snapshot: &Snapshot,
    all: &[Snapshot],
    action: Action,
) -> Result<(), String> {
    match backend {
        BackendKind::Ovirt => ovirt(vm, snapshot, all, action),
        BackendKind::Kubevirt => kubevirt(vm, snapshot, action),
    }
}

fn ovirt(vm: &Vm, snapshot: &Snapshot, all: &[Snapshot], action: Action) -> Result<(), String> {
    if snapshot.status.is_transient() {
        return Err(LOCKED.into());
    }
    if vm.status.is_busy() || all.iter().any(|s| s.status.is_transient()) {
        return Err(BUSY.into());
    }
    if all.iter().any(|s| s.status == SnapshotStatus::InPreview) {
        return Err(PREVIEWING.into());
    }
    match action {
        Action::Restore | Action::Preview if vm.status != VmStatus::Stopped => Err(format!(
            "Stop the VM to {}.",
            if action == Action::Restore {
                "restore"
            } else {
                "preview"
            }
        )),
        Action::Delete
            if !matches!(
                vm.status,
                VmStatus::Stopped | VmStatus::Running | VmStatus::Paused | VmStatus::Starting
            ) =>
        {
            Err(format!(
                "A snapshot can be deleted while the VM is down, up or paused, not {}.",
                vm.status.label().to_ascii_lowercase()
            ))
        }
        _ => Ok(()),
    }
}

fn kubevirt(vm: &Vm, snapshot: &Snapshot, action: Action) -> Result<(), String> {
    let ready = snapshot.status == SnapshotStatus::Ok;
    match action {
        // Deleting is always allowed: it is how a snapshot in progress is stopped.
        Action::Delete => Ok(()),
        Action::Preview => Err("KubeVirt has no snapshot preview: restore the VM instead.".into()),
        _ if vm.status.is_busy() || vm.operation.is_some() => Err(BUSY.into()),
        _ if !ready => Err(match &snapshot.status {
            SnapshotStatus::Failed(_) => "The snapshot failed: nothing can be made from it.".into(),
            _ => "The snapshot is not ready to use yet.".into(),
        }),
        // A running VM is restored too: the Restore modal asks to stop it first (StopTarget).
        Action::Restore if !matches!(vm.status, VmStatus::Stopped) && !vm.status.is_running() => {
            Err(format!(
                "A VM can be restored while it is stopped or running, not {}.",
                vm.status.label().to_ascii_lowercase()
            ))
        }
        _ => Ok(()),
    }
}
