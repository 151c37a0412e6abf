//! What a backend can do at all, so views offer only what works and say why not.

/// A feature that a backend has, or the reason it does not.
pub type Feature = Result<(), String>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Capabilities {
    /// Snapshots of a running VM's memory.
    pub memory_snapshots: Feature,
    /// Snapshots of some disks only.
    pub disk_subset: Feature,
    /// Stopping a snapshot that is being taken.
    pub stop_snapshot: Feature,
    /// Stopping a restore that is running.
    pub stop_restore: Feature,
    /// Preview, custom preview, commit and undo.
    pub preview: Feature,
    /// When the VM was restored from a snapshot (the timeline's restores).
    pub restore_history: Feature,
}

impl Capabilities {
    pub fn ovirt() -> Self {
        let cannot_stop = |what: &str| {
            Err(format!(
                "oVirt cannot stop a {what} once it has started; it ends by itself."
            ))
        };
        Capabilities {
            memory_snapshots: Ok(()),
            disk_subset: Ok(()),
            stop_snapshot: cannot_stop("snapshot"),
            stop_restore: cannot_stop("restore"),
            preview: Ok(()),
            restore_history: Err(
                "oVirt does not report past restores: only its event log names them.".into(),
            ),
        }
    }

    pub fn kubevirt() -> Self {
        Capabilities {
            memory_snapshots: Err("KubeVirt snapshots do not include memory.".into()),
            disk_subset: Err(
                "KubeVirt snapshots include every volume that supports snapshots.".into(),
            ),
            stop_snapshot: Ok(()),
            stop_restore: Ok(()),
            preview: Err("KubeVirt has no snapshot preview: restore the VM instead.".into()),
            restore_history: Ok(()),
        }
    }
}
