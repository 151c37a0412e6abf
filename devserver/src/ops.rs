//! What the development backend does when asked: each operation checks the backend's rules,
//! refuses as the real system does, or starts and passes through the real intermediate states
//! until its time is up (`World::advance`).

use crate::world::*;
use chrono::{DateTime, Duration, Utc};

/// How long operations take.
#[derive(Clone, Copy, Debug)]
pub struct Timings {
    pub snapshot: Duration,
    pub restore: Duration,
    pub clone: Duration,
}

impl Default for Timings {
    fn default() -> Self {
        Timings {
            snapshot: Duration::seconds(3),
            restore: Duration::seconds(3),
            clone: Duration::seconds(3),
        }
    }
}

/// A Kubernetes quantity ("4Gi", "512Mi", "1073741824") in bytes; 0 when it is not one.
pub fn quantity_bytes(q: &str) -> u64 {
    let units = [
        ("Ki", 1u64 << 10),
        ("Mi", 1 << 20),
        ("Gi", 1 << 30),
        ("Ti", 1 << 40),
    ];
    for (unit, factor) in units {
        if let Some(n) = q.strip_suffix(unit) {
            return n.parse::<u64>().map(|n| n * factor).unwrap_or(0);
        }
    }
    q.parse().unwrap_or(0)
}

/// Bytes as a Kubernetes quantity: whole GiB or MiB where they divide it.
pub fn quantity(bytes: u64) -> String {
    if bytes > 0 && bytes.is_multiple_of(1 << 30) {
        format!("{}Gi", bytes >> 30)
    } else if bytes > 0 && bytes.is_multiple_of(1 << 20) {
        format!("{}Mi", bytes >> 20)
    } else {
        bytes.to_string()
    }
}

/// A new VM `name` made from `source` as a snapshot holds it (a clone, a restore into a new VM):
/// its DataVolumes named after it (`<name>-<volume>`, KubeVirt's `PrefixTargetName`).
fn made_from(source: &KubeVm, name: &str, uid: String, status: &str, now: DateTime<Utc>) -> KubeVm {
    KubeVm {
        name: name.into(),
        uid,
        printable_status: status.into(),
        created: now,
        volumes: source
            .volumes
            .iter()
            .map(|v| KubeVolume {
                source: match &v.source {
                    VolumeSource::DataVolume { name: dv, size } => VolumeSource::DataVolume {
                        name: format!("{name}-{dv}"),
                        size: size.clone(),
                    },
                    other => other.clone(),
                },
                ..v.clone()
            })
            .collect(),
        ..source.clone()
    }
}

/// What a `VirtualMachineRestore` asks besides its target: `spec.targetReadinessPolicy` and
/// `spec.volumeRestorePolicy`, as sent.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RestorePolicy {
    pub readiness: Option<String>,
    pub volumes: Option<String>,
}

/// A refusal: the HTTP status, and the reason and detail (oVirt) or reason and message (Kubernetes).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub status: u16,
    pub reason: String,
    pub detail: String,
}

fn ovirt_refusal(status: u16, detail: impl Into<String>) -> Refusal {
    Refusal {
        status,
        reason: "Operation Failed".into(),
        detail: detail.into(),
    }
}

fn kube_refusal(status: u16, reason: &str, message: impl Into<String>) -> Refusal {
    Refusal {
        status,
        reason: reason.into(),
        detail: message.into(),
    }
}

/// oVirt's message while a snapshot operation holds the VM (real engine text).
const DURING_SNAPSHOT: &str = "The VM is performing an operation on a Snapshot. Please wait for the operation to finish, and try again.";

fn is_dns1123(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 63
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'.')
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name.as_bytes()[name.len() - 1].is_ascii_alphanumeric()
}

impl World {
    /// A new UUID-shaped id.
    pub fn new_id(&mut self) -> String {
        self.serial += 1;
        let n = self.serial;
        format!(
            "d0c0{:04x}-{:04x}-4{:03x}-8{:03x}-{:012x}",
            n >> 16,
            n & 0xffff,
            n % 0xfff,
            n % 0xfff,
            n
        )
    }

    /// A new Kubernetes-style uid, its first four hex digits naming the kind of object.
    fn new_uid(&mut self, kind: &str) -> String {
        self.serial += 1;
        format!(
            "{kind}{:04x}-0000-4000-8000-{:012x}",
            self.serial & 0xffff,
            self.serial
        )
    }

    fn schedule(&mut self, at: DateTime<Utc>, op: Op) {
        self.pending.push(Pending { done_at: at, op });
    }

    /// Applies every operation whose time has come, fires the schedules that are due and prunes
    /// their snapshots. Returns whether anything changed.
    pub fn advance(&mut self, now: DateTime<Utc>, t: &Timings) -> bool {
        let mut changed = false;
        // Operations finish in time order, so one may make room for the next.
        while let Some(i) = (0..self.pending.len())
            .filter(|&i| self.pending[i].done_at <= now)
            .min_by_key(|&i| self.pending[i].done_at)
        {
            let p = self.pending.remove(i);
            self.finish(p.op, p.done_at);
            changed = true;
        }
        changed |= self.run_schedules(now, t);
        changed
    }

    fn finish(&mut self, op: Op, now: DateTime<Utc>) {
        match op {
            Op::OvirtSnapshotCreated {
                vm,
                snapshot,
                status_before,
            } => {
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    if let Some(s) = v.snapshots.iter_mut().find(|s| s.id == snapshot) {
                        s.status = "ok".into();
                    }
                    v.status = status_before;
                }
            }
            Op::OvirtSnapshotDeleted { vm, snapshot } => {
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    v.snapshots.retain(|s| s.id != snapshot);
                }
            }
            Op::OvirtRestored {
                vm,
                snapshot,
                memory,
                disks,
            } => {
                if let Some(h) = self.held.get(&snapshot).cloned() {
                    self.nics.insert(vm.clone(), h.nics.clone());
                    if let Some(v) = self.ovirt_vm_mut(&vm) {
                        (v.sockets, v.cores, v.threads) = (h.sockets, h.cores, h.threads);
                        v.memory = h.memory_bytes;
                        for d in &mut v.disks {
                            if let Some((_, size)) = h.disk_sizes.iter().find(|(id, _)| id == &d.id)
                            {
                                d.provisioned_size = *size;
                            }
                        }
                    }
                }
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    commit_to(v, &snapshot, Some(&disks));
                    let had_memory = v
                        .snapshots
                        .iter()
                        .any(|s| s.id == snapshot && s.persist_memory);
                    v.status = if memory && had_memory {
                        "suspended".into()
                    } else {
                        "down".into()
                    };
                }
            }
            Op::OvirtPreviewed { vm, snapshot } => {
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    if let Some(s) = v.snapshots.iter_mut().find(|s| s.id == snapshot) {
                        s.status = "in_preview".into();
                    }
                    v.status = "down".into();
                }
            }
            Op::OvirtVmCreated {
                vm, failed: true, ..
            } => {
                // As the engine does when a VM's copy fails: the VM is removed.
                self.ovirt.retain(|v| v.id != vm);
            }
            Op::OvirtVmCreated { vm, start, .. } => {
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    v.status = if start { "up".into() } else { "down".into() };
                }
            }
            Op::OvirtTemplateCreated { template } => {
                if let Some(t) = self.ovirt_templates.iter_mut().find(|t| t.id == template) {
                    t.status = "ok".into();
                }
            }
            Op::OvirtVmStarted { vm } => {
                if let Some(v) = self.ovirt_vm_mut(&vm) {
                    v.status = "up".into();
                }
            }
            Op::KubeSnapshotDeadline { name } => {
                if let Some(s) = self
                    .kube_snapshots
                    .iter_mut()
                    .find(|s| s.name == name && s.phase == "InProgress")
                {
                    s.phase = "Failed".into();
                    s.deadline_exceeded = true;
                }
                self.pending
                    .retain(|p| !matches!(&p.op, Op::KubeSnapshotDone { name: n } if n == &name));
            }
            Op::KubeSnapshotDone { name } => {
                let Some(i) = self
                    .kube_snapshots
                    .iter()
                    .position(|s| s.name == name && s.phase == "InProgress")
                else {
                    return;
                };
                let vm_name = self.kube_snapshots[i].vm.clone();
                let vm = self.kube_vms.iter().find(|v| v.name == vm_name).cloned();
                let s = &mut self.kube_snapshots[i];
                s.phase = "Succeeded".into();
                s.ready = true;
                s.created = now;
                if let Some(vm) = vm {
                    let online = vm.printable_status == "Running";
                    s.indications.clear();
                    if online {
                        s.indications.push((
                            "Online".into(),
                            "The VM was running when the snapshot was taken".into(),
                        ));
                        if vm.agent_connected {
                            s.indications.push((
                                "GuestAgent".into(),
                                "The guest agent froze the file systems during the snapshot".into(),
                            ));
                        } else {
                            s.indications.push(("NoGuestAgent".into(), "No guest agent: the file systems were not frozen, so the snapshot is crash-consistent".into()));
                        }
                    }
                    s.included = vm
                        .volumes
                        .iter()
                        .filter(|v| v.not_snapshottable.is_none())
                        .map(|v| v.name.clone())
                        .collect();
                    s.excluded = vm
                        .volumes
                        .iter()
                        .filter(|v| v.not_snapshottable.is_some())
                        .map(|v| v.name.clone())
                        .collect();
                }
            }
            Op::KubeRestoreDone { name } => {
                let Some(r) = self.kube_restores.iter_mut().find(|r| r.name == name) else {
                    return;
                };
                r.complete = true;
                r.restore_time = Some(now);
                let (ns, vm, snapshot) = (r.namespace.clone(), r.vm.clone(), r.snapshot.clone());
                // The VM takes the configuration the snapshot holds.
                let held = self
                    .kube_snapshots
                    .iter()
                    .find(|s| s.namespace == ns && s.name == snapshot)
                    .and_then(|s| self.held.get(&s.uid))
                    .cloned();
                if let (Some(h), Some(v)) = (
                    held,
                    self.kube_vms
                        .iter_mut()
                        .find(|v| v.namespace == ns && v.name == vm),
                ) {
                    v.cores = h.cores;
                    v.memory = quantity(h.memory_bytes);
                    for vol in &mut v.volumes {
                        if let (VolumeSource::DataVolume { size, .. }, Some((_, s))) = (
                            &mut vol.source,
                            h.disk_sizes.iter().find(|(n, _)| n == &vol.name),
                        ) {
                            *size = quantity(*s);
                        }
                    }
                    let uid = v.uid.clone();
                    self.nics.insert(uid, h.nics);
                }
            }
            Op::KubeCloneStep { name } => self.kube_clone_step(&name, now),
        }
    }

    // ---- oVirt ----

    pub fn ovirt_vm(&self, id: &str) -> Option<&OvirtVm> {
        self.ovirt.iter().find(|v| v.id == id)
    }

    fn ovirt_vm_mut(&mut self, id: &str) -> Option<&mut OvirtVm> {
        self.ovirt.iter_mut().find(|v| v.id == id)
    }

    fn ovirt_busy(vm: &OvirtVm) -> bool {
        vm.status == "image_locked" || vm.snapshots.iter().any(|s| s.status == "locked")
    }

    fn ovirt_in_preview(vm: &OvirtVm) -> bool {
        vm.snapshots.iter().any(|s| s.status == "in_preview")
    }

    /// `POST vms/{id}/snapshots`.
    pub fn ovirt_create_snapshot(
        &mut self,
        vm_id: &str,
        description: &str,
        memory: bool,
        disks: Option<Vec<String>>,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<OvirtSnapshot, Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        if description.trim().is_empty() {
            return Err(Refusal {
                status: 400,
                reason: "Incomplete parameters".into(),
                detail: "Snapshot [description] required for add".into(),
            });
        }
        if description.chars().count() > 4000 {
            return Err(ovirt_refusal(
                400,
                "Cannot create Snapshot. The description is longer than 4000 characters.",
            ));
        }
        if Self::ovirt_in_preview(vm) {
            return Err(ovirt_refusal(
                409,
                "Cannot create Snapshot. VM is previewing a Snapshot.",
            ));
        }
        if Self::ovirt_busy(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot create Snapshot. {DURING_SNAPSHOT}"),
            ));
        }
        let chosen: Vec<&OvirtDisk> = match &disks {
            None => vm
                .disks
                .iter()
                .filter(|d| d.storage_type == "image" && !d.shareable)
                .collect(),
            Some(ids) => {
                let mut out = Vec::new();
                for id in ids {
                    let d = vm.disks.iter().find(|d| &d.id == id).ok_or_else(|| {
                        ovirt_refusal(
                            400,
                            format!("Cannot create Snapshot. Disk {id} is not attached to the VM."),
                        )
                    })?;
                    if d.shareable || d.storage_type != "image" {
                        return Err(ovirt_refusal(409, format!("Cannot create Snapshot. The following disks cannot be snapshotted: {}", d.alias)));
                    }
                    out.push(d);
                }
                out
            }
        };
        let disk_ids: Vec<String> = chosen.iter().map(|d| d.id.clone()).collect();
        let memory = memory && vm.status == "up";
        let status_before = vm.status.clone();
        let id = self.new_id();
        let images: Vec<(String, String)> = disk_ids
            .iter()
            .map(|d| (d.clone(), format!("{id}-{d}")))
            .collect();
        let snapshot = OvirtSnapshot {
            id: id.clone(),
            description: description.to_string(),
            date: now.fixed_offset(),
            status: "locked".into(),
            kind: Some("regular".into()),
            persist_memory: memory,
            disks: images,
        };
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        // The new snapshot goes before the `active` row, as the engine lists them.
        let at = vm
            .snapshots
            .iter()
            .position(|s| s.kind.as_deref() == Some("active"))
            .unwrap_or(vm.snapshots.len());
        vm.snapshots.insert(at, snapshot.clone());
        vm.status = "image_locked".into();
        let held = Held {
            sockets: vm.sockets,
            cores: vm.cores,
            threads: vm.threads,
            memory_bytes: vm.memory,
            disk_sizes: vm
                .disks
                .iter()
                .map(|d| (d.id.clone(), d.provisioned_size))
                .collect(),
            nics: Vec::new(),
        };
        let nics = self.ovirt_nics(vm_id);
        self.held.insert(id.clone(), Held { nics, ..held });
        self.schedule(
            now + t.snapshot,
            Op::OvirtSnapshotCreated {
                vm: vm_id.into(),
                snapshot: id,
                status_before,
            },
        );
        Ok(snapshot)
    }

    fn ovirt_regular<'a>(
        vm: &'a OvirtVm,
        sid: &str,
        action: &str,
    ) -> Result<&'a OvirtSnapshot, Refusal> {
        let s = vm
            .snapshots
            .iter()
            .find(|s| s.id == sid)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: Snapshot {sid}")))?;
        match s.kind.as_deref() {
            Some("regular") => Ok(s),
            Some("active") => Err(ovirt_refusal(409, format!("Cannot {action} Snapshot. The Active VM snapshot cannot be used for this operation."))),
            _ => Err(ovirt_refusal(409, format!("Cannot {action} Snapshot. The snapshot type is not supported for this operation."))),
        }
    }

    /// `DELETE vms/{id}/snapshots/{sid}`.
    pub fn ovirt_delete_snapshot(
        &mut self,
        vm_id: &str,
        sid: &str,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<(), Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        Self::ovirt_regular(vm, sid, "remove")?;
        if Self::ovirt_busy(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot remove Snapshot. {DURING_SNAPSHOT}"),
            ));
        }
        if Self::ovirt_in_preview(vm) {
            return Err(ovirt_refusal(
                409,
                "Cannot remove Snapshot. VM is previewing a Snapshot.",
            ));
        }
        if !["down", "up", "paused", "powering_up"].contains(&vm.status.as_str()) {
            return Err(ovirt_refusal(
                409,
                format!(
                    "Cannot remove Snapshot. The VM is {}.",
                    vm.status.replace('_', " ")
                ),
            ));
        }
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        if let Some(s) = vm.snapshots.iter_mut().find(|s| s.id == sid) {
            s.status = "locked".into();
        }
        self.schedule(
            now + t.snapshot,
            Op::OvirtSnapshotDeleted {
                vm: vm_id.into(),
                snapshot: sid.into(),
            },
        );
        Ok(())
    }

    fn ovirt_check_preview_rules(vm: &OvirtVm, sid: &str, action: &str) -> Result<(), Refusal> {
        Self::ovirt_regular(vm, sid, action)?;
        if vm.status != "down" {
            return Err(ovirt_refusal(
                409,
                format!("Cannot {action} Snapshot. At least one of the VMs is not down."),
            ));
        }
        if Self::ovirt_busy(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot {action} Snapshot. {DURING_SNAPSHOT}"),
            ));
        }
        if Self::ovirt_in_preview(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot {action} Snapshot. VM is previewing a Snapshot."),
            ));
        }
        Ok(())
    }

    /// `POST vms/{id}/snapshots/{sid}/restore` (preview and commit in one).
    /// `POST vms/{id}/snapshots/{sid}/restore`: `disks` names the disks to restore (empty: all);
    /// the others keep their current state, as the engine's restore does.
    #[allow(clippy::too_many_arguments)]
    pub fn ovirt_restore(
        &mut self,
        vm_id: &str,
        sid: &str,
        memory: bool,
        disks: Vec<String>,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<(), Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        Self::ovirt_check_preview_rules(vm, sid, "revert to")?;
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        vm.status = "image_locked".into();
        if let Some(s) = vm.snapshots.iter_mut().find(|s| s.id == sid) {
            s.status = "locked".into();
        }
        self.schedule(
            now + t.restore,
            Op::OvirtRestored {
                vm: vm_id.into(),
                snapshot: sid.into(),
                memory,
                disks,
            },
        );
        Ok(())
    }

    /// `POST vms/{id}/previewsnapshot`: `disks` is the custom mix, (disk id, snapshot id).
    pub fn ovirt_preview(
        &mut self,
        vm_id: &str,
        sid: &str,
        disks: Option<Vec<(String, String)>>,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<(), Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        Self::ovirt_check_preview_rules(vm, sid, "preview")?;
        // Each disk's image in the mix: the named snapshot's, or the current one for the Active VM.
        let mut images: Vec<(String, String)> = Vec::new();
        if let Some(mix) = &disks {
            for (disk, from) in mix {
                let image = vm.snapshots.iter().find(|s| &s.id == from).and_then(|s| {
                    if s.kind.as_deref() == Some("active") {
                        vm.disks
                            .iter()
                            .find(|d| &d.id == disk)
                            .map(|d| d.image_id.clone())
                    } else {
                        s.disks
                            .iter()
                            .find(|(d, _)| d == disk)
                            .map(|(_, i)| i.clone())
                    }
                });
                if let Some(image) = image {
                    images.push((disk.clone(), image));
                } else {
                    return Err(ovirt_refusal(
                        400,
                        format!(
                            "Cannot preview Snapshot. Disk {disk} is not part of snapshot {from}."
                        ),
                    ));
                }
            }
        }
        let preview_id = self.new_id();
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        // The state before the preview is kept as the `preview` row ("Active VM before the preview").
        let current: Vec<(String, String)> = vm
            .disks
            .iter()
            .map(|d| (d.id.clone(), d.image_id.clone()))
            .collect();
        vm.snapshots.push(OvirtSnapshot {
            id: preview_id,
            description: "Active VM before the preview".into(),
            date: now.fixed_offset(),
            status: "ok".into(),
            kind: Some("preview".into()),
            persist_memory: false,
            disks: current,
        });
        // Excluded disks are dropped from the previewed VM (and deleted on commit); the others
        // show the image chosen for them.
        if disks.is_some() {
            vm.disks
                .retain(|d| images.iter().any(|(id, _)| id == &d.id));
            for d in &mut vm.disks {
                if let Some((_, image)) = images.iter().find(|(id, _)| id == &d.id) {
                    d.image_id = image.clone();
                }
            }
        } else if let Some(target) = vm.snapshots.iter().find(|s| s.id == sid).cloned() {
            for d in &mut vm.disks {
                if let Some((_, image)) = target.disks.iter().find(|(id, _)| id == &d.id) {
                    d.image_id = image.clone();
                }
            }
        }
        vm.status = "image_locked".into();
        if let Some(s) = vm.snapshots.iter_mut().find(|s| s.id == sid) {
            s.status = "locked".into();
        }
        self.schedule(
            now + t.restore,
            Op::OvirtPreviewed {
                vm: vm_id.into(),
                snapshot: sid.into(),
            },
        );
        Ok(())
    }

    fn ovirt_previewed(&self, vm_id: &str, action: &str) -> Result<String, Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        if !["down", "suspended"].contains(&vm.status.as_str()) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot {action} Snapshot. At least one of the VMs is not down."),
            ));
        }
        vm.snapshots
            .iter()
            .find(|s| s.status == "in_preview")
            .map(|s| s.id.clone())
            .ok_or_else(|| {
                ovirt_refusal(
                    409,
                    format!("Cannot {action} Snapshot. VM is not previewing a Snapshot."),
                )
            })
    }

    /// `POST vms/{id}/commitsnapshot`: keeps the preview; newer snapshots are erased.
    pub fn ovirt_commit(&mut self, vm_id: &str) -> Result<(), Refusal> {
        let sid = self.ovirt_previewed(vm_id, "commit")?;
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        // The VM keeps what it previews (its disks already show the chosen images).
        commit_to(vm, &sid, None);
        Ok(())
    }

    /// `POST vms/{id}/undosnapshot`: back to the state before the preview.
    pub fn ovirt_undo(&mut self, vm_id: &str, all_disks: &[OvirtDisk]) -> Result<(), Refusal> {
        let sid = self.ovirt_previewed(vm_id, "undo")?;
        let vm = self.ovirt_vm_mut(vm_id).expect("checked");
        if let Some(s) = vm.snapshots.iter_mut().find(|s| s.id == sid) {
            s.status = "ok".into();
        }
        if let Some(before) = vm
            .snapshots
            .iter()
            .find(|s| s.kind.as_deref() == Some("preview"))
            .cloned()
        {
            for (disk, image) in &before.disks {
                if !vm.disks.iter().any(|d| &d.id == disk) {
                    if let Some(d) = all_disks.iter().find(|d| &d.id == disk) {
                        vm.disks.push(d.clone());
                    }
                }
                if let Some(d) = vm.disks.iter_mut().find(|d| &d.id == disk) {
                    d.image_id = image.clone();
                }
            }
        }
        vm.snapshots
            .retain(|s| s.kind.as_deref() != Some("preview"));
        Ok(())
    }

    /// `POST vms` from a snapshot: a new VM, image_locked while its disks are copied.
    pub fn ovirt_clone(
        &mut self,
        name: &str,
        description: &str,
        sid: &str,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<OvirtVm, Refusal> {
        if name.trim().is_empty() {
            return Err(Refusal {
                status: 400,
                reason: "Incomplete parameters".into(),
                detail: "Vm [name] required for add".into(),
            });
        }
        if self.ovirt.iter().any(|v| v.name == name) {
            return Err(ovirt_refusal(409, "Cannot add VM. The VM name is already in use, please choose a unique name and try again."));
        }
        let (source, _) = self
            .ovirt
            .iter()
            .find_map(|v| {
                v.snapshots
                    .iter()
                    .find(|s| s.id == sid)
                    .map(|s| (v.clone(), s.clone()))
            })
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: Snapshot {sid}")))?;
        Self::ovirt_regular(&source, sid, "add VM from")?;
        if Self::ovirt_busy(&source) || Self::ovirt_in_preview(&source) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot add VM. {DURING_SNAPSHOT}"),
            ));
        }
        let id = self.new_id();
        let disks = source
            .disks
            .iter()
            .map(|d| OvirtDisk {
                id: format!("{id}-{}", d.id.len()),
                alias: format!("{name}_{}", d.alias),
                image_id: format!("{id}-image"),
                ..d.clone()
            })
            .collect();
        let active_id = self.new_id();
        let vm = OvirtVm {
            id: id.clone(),
            name: name.into(),
            description: description.into(),
            status: "image_locked".into(),
            guest_agent: source.guest_agent,
            created: now.fixed_offset(),
            disks,
            snapshots: vec![OvirtSnapshot {
                id: active_id,
                description: "Active VM".into(),
                date: now.fixed_offset(),
                status: "ok".into(),
                kind: Some("active".into()),
                persist_memory: false,
                disks: Vec::new(),
            }],
            ..source
        };
        self.ovirt.push(vm.clone());
        let failed = self.failing_clones.remove(name).is_some();
        self.schedule(
            now + t.clone,
            Op::OvirtVmCreated {
                vm: id,
                start: false,
                failed,
            },
        );
        Ok(vm)
    }

    /// `POST templates` from a snapshot.
    pub fn ovirt_template(
        &mut self,
        name: &str,
        description: &str,
        vm_id: &str,
        sid: &str,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<OvirtTemplate, Refusal> {
        if name.trim().is_empty() {
            return Err(Refusal {
                status: 400,
                reason: "Incomplete parameters".into(),
                detail: "Template [name] required for add".into(),
            });
        }
        if self.ovirt_templates.iter().any(|t| t.name == name) {
            return Err(ovirt_refusal(409, "Cannot add Template. The Template name is already in use, please choose a unique name and try again."));
        }
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        Self::ovirt_regular(vm, sid, "add Template from")?;
        if Self::ovirt_busy(vm) || Self::ovirt_in_preview(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot add Template. {DURING_SNAPSHOT}"),
            ));
        }
        let id = self.new_id();
        let template = OvirtTemplate {
            id: id.clone(),
            name: name.into(),
            description: description.into(),
            vm: vm_id.into(),
            snapshot: sid.into(),
            status: "locked".into(),
        };
        self.ovirt_templates.push(template.clone());
        self.schedule(now + t.clone, Op::OvirtTemplateCreated { template: id });
        Ok(template)
    }

    /// `POST vms/{id}/start`.
    pub fn ovirt_start(&mut self, vm_id: &str, now: DateTime<Utc>) -> Result<(), Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        if Self::ovirt_busy(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot run VM. {DURING_SNAPSHOT}"),
            ));
        }
        if vm.status == "up" {
            return Err(ovirt_refusal(409, "Cannot run VM. VM is running."));
        }
        self.ovirt_vm_mut(vm_id).expect("checked").status = "powering_up".into();
        self.schedule(
            now + Duration::seconds(1),
            Op::OvirtVmStarted { vm: vm_id.into() },
        );
        Ok(())
    }

    /// `POST vms/{id}/stop`.
    pub fn ovirt_stop(&mut self, vm_id: &str) -> Result<(), Refusal> {
        let vm = self
            .ovirt_vm(vm_id)
            .ok_or_else(|| ovirt_refusal(404, format!("Entity not found: VM {vm_id}")))?;
        if Self::ovirt_busy(vm) {
            return Err(ovirt_refusal(
                409,
                format!("Cannot stop VM. {DURING_SNAPSHOT}"),
            ));
        }
        self.ovirt_vm_mut(vm_id).expect("checked").status = "down".into();
        Ok(())
    }

    /// The oVirt VM `id`'s NICs (one on ovirtmgmt when none were set).
    pub fn ovirt_nics(&self, id: &str) -> Vec<Nic> {
        self.nics.get(id).cloned().unwrap_or_else(|| {
            vec![Nic {
                name: "nic1".into(),
                network: "ovirtmgmt".into(),
            }]
        })
    }

    /// The KubeVirt VM `uid`'s interfaces (one on the pod network when none were set).
    pub fn kube_nics(&self, uid: &str) -> Vec<Nic> {
        self.nics.get(uid).cloned().unwrap_or_else(|| {
            vec![Nic {
                name: "default".into(),
                network: "pod".into(),
            }]
        })
    }

    // ---- KubeVirt ----

    pub fn kube_vm(&self, ns: &str, name: &str) -> Option<&KubeVm> {
        self.kube_vms
            .iter()
            .find(|v| v.namespace == ns && v.name == name)
    }

    fn kube_busy(&self, ns: &str, vm: &str) -> Option<String> {
        if let Some(s) = self
            .kube_snapshots
            .iter()
            .find(|s| s.namespace == ns && s.vm == vm && s.phase == "InProgress")
        {
            return Some(format!("VirtualMachineSnapshot \"{}\" in progress", s.name));
        }
        self.kube_restores
            .iter()
            .find(|r| r.namespace == ns && r.vm == vm && !r.complete)
            .map(|r| format!("VirtualMachineRestore \"{}\" in progress", r.name))
    }

    pub fn kube_snapshot_in_progress(&self, ns: &str, vm: &str) -> Option<String> {
        self.kube_snapshots
            .iter()
            .find(|s| s.namespace == ns && s.vm == vm && s.phase == "InProgress")
            .map(|s| s.name.clone())
    }

    pub fn kube_restore_in_progress(&self, ns: &str, vm: &str) -> Option<String> {
        self.kube_restores
            .iter()
            .find(|r| r.namespace == ns && r.vm == vm && !r.complete)
            .map(|r| r.name.clone())
    }

    fn invalid_name(kind: &str, group: &str, name: &str) -> Refusal {
        kube_refusal(
            422,
            "Invalid",
            format!("{kind}.{group} \"{name}\" is invalid: metadata.name: Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        )
    }

    /// `POST virtualmachinesnapshots`.
    pub fn kube_create_snapshot(
        &mut self,
        ns: &str,
        name: &str,
        vm: &str,
        description: Option<String>,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<KubeSnapshot, Refusal> {
        if !is_dns1123(name) {
            return Err(Self::invalid_name(
                "VirtualMachineSnapshot",
                "snapshot.kubevirt.io",
                name,
            ));
        }
        if self
            .kube_snapshots
            .iter()
            .any(|s| s.namespace == ns && s.name == name)
        {
            return Err(kube_refusal(
                409,
                "AlreadyExists",
                format!("virtualmachinesnapshots.snapshot.kubevirt.io \"{name}\" already exists"),
            ));
        }
        let source = self.kube_vm(ns, vm).cloned().ok_or_else(|| {
            kube_refusal(422, "Invalid", format!("admission webhook \"virtualmachinesnapshot-validator.snapshot.kubevirt.io\" denied the request: VirtualMachine \"{vm}\" does not exist"))
        })?;
        if let Some(busy) = self.kube_busy(ns, vm) {
            return Err(kube_refusal(422, "Invalid", format!("admission webhook \"virtualmachinesnapshot-validator.snapshot.kubevirt.io\" denied the request: {busy}")));
        }
        let snapshot = KubeSnapshot {
            name: name.into(),
            namespace: ns.into(),
            uid: self.new_uid("5e1f"),
            vm: vm.into(),
            vm_uid: source.uid.clone(),
            description,
            created: now,
            phase: "InProgress".into(),
            ready: false,
            indications: Vec::new(),
            included: Vec::new(),
            excluded: Vec::new(),
            error: None,
            deadline: None,
            deadline_exceeded: false,
        };
        self.kube_snapshots.push(snapshot.clone());
        let held = Held {
            sockets: 1,
            cores: source.cores,
            threads: 1,
            memory_bytes: quantity_bytes(&source.memory),
            disk_sizes: source
                .volumes
                .iter()
                .filter_map(|v| match &v.source {
                    VolumeSource::DataVolume { size, .. } => {
                        Some((v.name.clone(), quantity_bytes(size)))
                    }
                    _ => None,
                })
                .collect(),
            nics: self.kube_nics(&source.uid),
        };
        self.held.insert(snapshot.uid.clone(), held);
        self.schedule(now + t.snapshot, Op::KubeSnapshotDone { name: name.into() });
        Ok(snapshot)
    }

    /// `DELETE virtualmachinesnapshots/{name}`: also how a snapshot in progress is stopped.
    pub fn kube_delete_snapshot(&mut self, ns: &str, name: &str) -> Result<KubeSnapshot, Refusal> {
        let i = self
            .kube_snapshots
            .iter()
            .position(|s| s.namespace == ns && s.name == name)
            .ok_or_else(|| {
                kube_refusal(
                    404,
                    "NotFound",
                    format!("virtualmachinesnapshots.snapshot.kubevirt.io \"{name}\" not found"),
                )
            })?;
        let removed = self.kube_snapshots.remove(i);
        self.pending
            .retain(|p| !matches!(&p.op, Op::KubeSnapshotDone { name: n } if n == name));
        Ok(removed)
    }

    /// A new snapshot's `spec.failureDeadline` (`text` as sent, `seconds` parsed): past it, a
    /// snapshot still in progress fails. 0 is no deadline.
    pub fn kube_snapshot_deadline(
        &mut self,
        ns: &str,
        name: &str,
        text: &str,
        seconds: i64,
        now: DateTime<Utc>,
    ) {
        if let Some(s) = self
            .kube_snapshots
            .iter_mut()
            .find(|s| s.namespace == ns && s.name == name)
        {
            s.deadline = Some(text.to_string());
        }
        if seconds > 0 {
            self.schedule(
                now + Duration::seconds(seconds),
                Op::KubeSnapshotDeadline { name: name.into() },
            );
        }
    }

    /// `POST virtualmachinerestores` into the VM itself, which must be stopped.
    pub fn kube_create_restore(
        &mut self,
        ns: &str,
        name: &str,
        vm: &str,
        snapshot: &str,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<KubeRestore, Refusal> {
        self.kube_create_restore_with(ns, name, vm, snapshot, &RestorePolicy::default(), now, t)
    }

    /// `POST virtualmachinerestores`: into `vm`, which is stopped first with `StopTarget`, or,
    /// when no VM of that name exists, into a new VM made from the snapshot's
    /// (`PrefixTargetName` naming its volumes after it).
    #[allow(clippy::too_many_arguments)]
    pub fn kube_create_restore_with(
        &mut self,
        ns: &str,
        name: &str,
        vm: &str,
        snapshot: &str,
        policy: &RestorePolicy,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<KubeRestore, Refusal> {
        let deny = |m: String| {
            kube_refusal(422, "Invalid", format!("admission webhook \"virtualmachinerestore-validator.snapshot.kubevirt.io\" denied the request: {m}"))
        };
        if !is_dns1123(name) {
            return Err(Self::invalid_name(
                "VirtualMachineRestore",
                "snapshot.kubevirt.io",
                name,
            ));
        }
        if self
            .kube_restores
            .iter()
            .any(|r| r.namespace == ns && r.name == name)
        {
            return Err(kube_refusal(
                409,
                "AlreadyExists",
                format!("virtualmachinerestores.snapshot.kubevirt.io \"{name}\" already exists"),
            ));
        }
        let snap = self
            .kube_snapshots
            .iter()
            .find(|s| s.namespace == ns && s.name == snapshot)
            .cloned()
            .ok_or_else(|| {
                deny(format!(
                    "VirtualMachineSnapshot \"{snapshot}\" does not exist"
                ))
            })?;
        if !snap.ready {
            return Err(deny(format!(
                "VirtualMachineSnapshot \"{snapshot}\" is not ready"
            )));
        }
        let target = match self.kube_vm(ns, vm).cloned() {
            Some(target) => {
                if snap.vm != vm {
                    return Err(deny(format!("VirtualMachineSnapshot \"{snapshot}\" is not a snapshot of VirtualMachine \"{vm}\"")));
                }
                if let Some(busy) = self.kube_busy(ns, vm) {
                    return Err(deny(busy));
                }
                let stop = policy.readiness.as_deref() == Some("StopTarget");
                match target.printable_status.as_str() {
                    "Stopped" => {}
                    "Running" | "Paused" if stop => {
                        // The restore controller stops the target, then restores it.
                        if let Some(v) = self
                            .kube_vms
                            .iter_mut()
                            .find(|v| v.namespace == ns && v.name == vm)
                        {
                            v.printable_status = "Stopped".into();
                        }
                    }
                    _ => return Err(deny(format!("VirtualMachine \"{vm}\" is not stopped"))),
                }
                target
            }
            None => {
                // Restoring into a new VM: its volumes need names of their own.
                if policy.volumes.as_deref() != Some("PrefixTargetName") {
                    return Err(deny(format!("VirtualMachine \"{vm}\" does not exist: restoring into a new VM needs spec.volumeRestorePolicy PrefixTargetName")));
                }
                if !is_dns1123(vm) {
                    return Err(Self::invalid_name("VirtualMachine", "kubevirt.io", vm));
                }
                let source = self.kube_vm(ns, &snap.vm).cloned().ok_or_else(|| {
                    deny(format!(
                        "the source VirtualMachine \"{}\" of the snapshot is gone",
                        snap.vm
                    ))
                })?;
                let uid = self.new_uid("0b1e");
                let made = made_from(&source, vm, uid, "Stopped", now);
                self.kube_vms.push(made.clone());
                made
            }
        };
        let restore = KubeRestore {
            name: name.into(),
            namespace: ns.into(),
            uid: self.new_uid("7e5d"),
            vm: vm.into(),
            vm_uid: target.uid.clone(),
            snapshot: snapshot.into(),
            created: now,
            complete: false,
            restore_time: None,
            readiness_policy: policy.readiness.clone(),
            volume_policy: policy.volumes.clone(),
        };
        self.kube_restores.push(restore.clone());
        // What is newer than the snapshot in the VM's volumes is lost: nothing else to model here.
        self.schedule(now + t.restore, Op::KubeRestoreDone { name: name.into() });
        Ok(restore)
    }

    /// `DELETE virtualmachinerestores/{name}`: stops a restore in progress.
    pub fn kube_delete_restore(&mut self, ns: &str, name: &str) -> Result<KubeRestore, Refusal> {
        let i = self
            .kube_restores
            .iter()
            .position(|r| r.namespace == ns && r.name == name)
            .ok_or_else(|| {
                kube_refusal(
                    404,
                    "NotFound",
                    format!("virtualmachinerestores.snapshot.kubevirt.io \"{name}\" not found"),
                )
            })?;
        self.pending
            .retain(|p| !matches!(&p.op, Op::KubeRestoreDone { name: n } if n == name));
        Ok(self.kube_restores.remove(i))
    }

    /// `POST virtualmachineclones` from a snapshot.
    #[allow(clippy::too_many_arguments)]
    pub fn kube_create_clone(
        &mut self,
        ns: &str,
        name: &str,
        snapshot: &str,
        target: &str,
        description: Option<String>,
        start: bool,
        now: DateTime<Utc>,
        t: &Timings,
    ) -> Result<KubeClone, Refusal> {
        let deny = |m: String| {
            kube_refusal(422, "Invalid", format!("admission webhook \"virtualmachineclone-validator.clone.kubevirt.io\" denied the request: {m}"))
        };
        if !is_dns1123(name) {
            return Err(Self::invalid_name(
                "VirtualMachineClone",
                "clone.kubevirt.io",
                name,
            ));
        }
        if !is_dns1123(target) {
            return Err(Self::invalid_name("VirtualMachine", "kubevirt.io", target));
        }
        if self.kube_vm(ns, target).is_some() {
            return Err(deny(format!(
                "target VirtualMachine \"{target}\" already exists"
            )));
        }
        let snap = self
            .kube_snapshots
            .iter()
            .find(|s| s.namespace == ns && s.name == snapshot)
            .ok_or_else(|| {
                deny(format!(
                    "VirtualMachineSnapshot \"{snapshot}\" does not exist"
                ))
            })?;
        if !snap.ready {
            return Err(deny(format!(
                "VirtualMachineSnapshot \"{snapshot}\" is not ready to use"
            )));
        }
        let clone = KubeClone {
            name: name.into(),
            namespace: ns.into(),
            uid: self.new_uid("c10e"),
            snapshot: snapshot.into(),
            target: target.into(),
            created: now,
            phase: "SnapshotInProgress".into(),
            description,
            start,
            failure: self.failing_clones.remove(target),
        };
        self.kube_clones.push(clone.clone());
        let step = t.clone / 3;
        self.schedule(now + step, Op::KubeCloneStep { name: name.into() });
        Ok(clone)
    }

    fn kube_clone_step(&mut self, name: &str, now: DateTime<Utc>) {
        let Some(i) = self.kube_clones.iter().position(|c| c.name == name) else {
            return;
        };
        if self.kube_clones[i].failure.is_some() {
            self.kube_clones[i].phase = "Failed".into();
            return;
        }
        let next = match self.kube_clones[i].phase.as_str() {
            "SnapshotInProgress" => "CreatingTargetVM",
            "CreatingTargetVM" => "RestoreInProgress",
            _ => "Succeeded",
        };
        self.kube_clones[i].phase = next.into();
        let c = self.kube_clones[i].clone();
        if next == "CreatingTargetVM" {
            let source = self
                .kube_snapshots
                .iter()
                .find(|s| s.name == c.snapshot)
                .and_then(|s| self.kube_vm(&c.namespace, &s.vm))
                .cloned();
            if let Some(source) = source {
                let uid = self.new_uid("0b1e");
                let vm = made_from(&source, &c.target, uid, "Provisioning", now);
                self.kube_vms.push(vm);
            }
        }
        if next == "Succeeded" {
            if let Some(vm) = self
                .kube_vms
                .iter_mut()
                .find(|v| v.namespace == c.namespace && v.name == c.target)
            {
                vm.printable_status = if c.start {
                    "Running".into()
                } else {
                    "Stopped".into()
                };
            }
        } else {
            self.schedule(
                now + Duration::seconds(1),
                Op::KubeCloneStep { name: name.into() },
            );
        }
    }

    /// `PUT …/virtualmachines/{name}/start` and `/stop` (subresources.kubevirt.io).
    pub fn kube_set_running(&mut self, ns: &str, name: &str, running: bool) -> Result<(), Refusal> {
        if let Some(busy) = self.kube_restore_in_progress(ns, name) {
            return Err(kube_refusal(409, "Conflict", format!("Operation cannot be fulfilled on virtualmachine.kubevirt.io \"{name}\": VirtualMachineRestore \"{busy}\" in progress")));
        }
        let vm = self
            .kube_vms
            .iter_mut()
            .find(|v| v.namespace == ns && v.name == name)
            .ok_or_else(|| {
                kube_refusal(
                    404,
                    "NotFound",
                    format!("virtualmachines.kubevirt.io \"{name}\" not found"),
                )
            })?;
        let want = if running { "Running" } else { "Stopped" };
        if vm.printable_status == want {
            return Err(kube_refusal(409, "Conflict", format!("Operation cannot be fulfilled on virtualmachine.kubevirt.io \"{name}\": VM is already {}", want.to_lowercase())));
        }
        vm.printable_status = want.into();
        Ok(())
    }
}

/// Commits a VM to snapshot `sid`: snapshots newer than it and the preview row are erased, its
/// disks' images become the snapshot's, and it is `ok` again.
/// `images`: the disks whose images become the snapshot's (`None`: keep the VM's disks as they
/// are, as after a preview); the other disks keep theirs.
fn commit_to(vm: &mut OvirtVm, sid: &str, images: Option<&[String]>) {
    let Some(target) = vm.snapshots.iter().find(|s| s.id == sid).cloned() else {
        return;
    };
    vm.snapshots.retain(|s| {
        let regular_and_newer =
            s.kind.as_deref() == Some("regular") && s.date > target.date && s.id != sid;
        !regular_and_newer && s.kind.as_deref() != Some("preview")
    });
    if let Some(chosen) = images {
        for (disk, image) in &target.disks {
            if !chosen.is_empty() && !chosen.contains(disk) {
                continue;
            }
            if let Some(d) = vm.disks.iter_mut().find(|d| &d.id == disk) {
                d.image_id = image.clone();
            }
        }
    }
    if let Some(s) = vm.snapshots.iter_mut().find(|s| s.id == sid) {
        s.status = "ok".into();
    }
}
