//! What changes the backend on KubeVirt ([`Actions`]): in the wasm, a module of its own with the
//! other adapter's, downloaded the first time a change is sent (`api::actions`). Reads stay in
//! the adapter (`super`).

use super::*;
use crate::api::Actions;

#[async_trait(?Send)]
impl Actions for KubevirtBackend {
    async fn create_snapshot(
        &self,
        vm: &Vm,
        snapshot: &NewSnapshot,
    ) -> Result<Option<Snapshot>, ApiError> {
        let caps = self.capabilities();
        if snapshot.memory {
            return Err(ApiError::Unsupported(caps.memory_snapshots.unwrap_err()));
        }
        if let DiskChoice::Only(ids) = &snapshot.disks {
            let all: Vec<&String> = vm
                .disks
                .iter()
                .filter(|d| d.snapshottable)
                .map(|d| &d.id)
                .collect();
            if ids.iter().collect::<Vec<_>>() != all {
                return Err(ApiError::Unsupported(caps.disk_subset.unwrap_err()));
            }
        }
        let body = write::snapshot(vm, &self.namespace, snapshot);
        self.change(
            Method::POST,
            &self.path(SNAPSHOT, "virtualmachinesnapshots"),
            Some(&body),
        )
        .await
        .map(|_| None)
    }

    async fn delete_snapshot(&self, _vm: &Vm, snapshot: &Snapshot) -> Result<(), ApiError> {
        let path = format!(
            "{}/{}",
            self.path(SNAPSHOT, "virtualmachinesnapshots"),
            snapshot.id
        );
        self.change(Method::DELETE, &path, None).await
    }

    async fn restore(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &RestoreRequest,
    ) -> Result<(), ApiError> {
        let body = write::restore(
            vm,
            &self.namespace,
            &snapshot.id,
            request,
            chrono::Utc::now().timestamp_millis(),
        );
        self.change(
            Method::POST,
            &self.path(SNAPSHOT, "virtualmachinerestores"),
            Some(&body),
        )
        .await
    }

    async fn create_vm(
        &self,
        _vm: &Vm,
        snapshot: &Snapshot,
        request: &NewVm,
    ) -> Result<VmAccepted, ApiError> {
        // A start asked for is the clone's own patch of the new VM's run strategy.
        let body = write::clone(&self.namespace, &snapshot.id, request, &unique_suffix());
        self.change(
            Method::POST,
            &self.path(CLONE, "virtualmachineclones"),
            Some(&body),
        )
        .await?;
        Ok(VmAccepted {
            name: request.name.clone(),
            start_when_made: false,
        })
    }

    async fn vm_alone(&self, id: &str) -> Result<Vm, ApiError> {
        self.get_vm(id).await
    }

    async fn find_vm(&self, name: &str) -> Result<Option<Vm>, ApiError> {
        match self.get_vm(name).await {
            Ok(vm) => Ok(Some(vm)),
            Err(ApiError::Backend { status: 404, .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    async fn creation_failed(&self, name: &str) -> Option<String> {
        // The namespace's clones, from their watch while new VMs are followed: only those that
        // make a VM of this name are parsed. A watch that cannot list them (refused to this
        // user: it stops; failing: it tries again with its backoff) leaves this saying nothing,
        // rather than asking each second; unfollowed, they are listed once.
        const CLONES: &str = "virtualmachineclones";
        let making = |text: &str| {
            peek::string_at(text, &["spec", "target", "name"]).is_none_or(|target| target == name)
        };
        let clones = if self.followed(CLONES).is_some() {
            self.listed(CLONES).await;
            self.cached::<types::VirtualMachineClone>(CLONE, CLONES, &making)?
        } else {
            self.all::<types::VirtualMachineClone>(CLONE, CLONES, &making)
                .await
        };
        map::clone_failure(&clones.ok()?, name)
    }

    async fn create_template(
        &self,
        _vm: &Vm,
        snapshot: &Snapshot,
        request: &NewTemplate,
    ) -> Result<(), ApiError> {
        let (content_name, content) = self.content(snapshot).await?;
        let body = write::template(&self.namespace, request, &content)
            .map_err(|e| ApiError::malformed(&content_name, e))?;
        self.change(Method::POST, &self.path(TEMPLATE, "templates"), Some(&body))
            .await
    }

    async fn preview(&self, _vm: &Vm, _request: &PreviewRequest) -> Result<(), ApiError> {
        Err(ApiError::Unsupported(
            self.capabilities().preview.unwrap_err(),
        ))
    }

    async fn commit_preview(&self, _vm: &Vm) -> Result<(), ApiError> {
        Err(ApiError::Unsupported(
            self.capabilities().preview.unwrap_err(),
        ))
    }

    async fn undo_preview(&self, _vm: &Vm) -> Result<(), ApiError> {
        Err(ApiError::Unsupported(
            self.capabilities().preview.unwrap_err(),
        ))
    }

    async fn start_vm(&self, vm: &Vm) -> Result<(), ApiError> {
        let path = format!(
            "{}/{}/start",
            self.path(SUBRESOURCES, "virtualmachines"),
            vm.name
        );
        self.change(Method::PUT, &path, None).await
    }

    async fn stop_operation(&self, vm: &Vm) -> Result<(), ApiError> {
        let Some(op) = &vm.operation else {
            return Err(ApiError::Unsupported(
                "Nothing is in progress on this VM.".into(),
            ));
        };
        let Some(name) = &op.subject else {
            return Err(ApiError::Unsupported(
                "The cluster did not say what is in progress.".into(),
            ));
        };
        // Deleting the object stops it: a snapshot in progress, or a restore.
        let resource = match op.kind {
            OperationKind::Snapshot => "virtualmachinesnapshots",
            OperationKind::Restore => "virtualmachinerestores",
        };
        let path = format!("{}/{name}", self.path(SNAPSHOT, resource));
        self.change(Method::DELETE, &path, None).await
    }

    async fn save_schedule(&self, vm: &Vm, schedule: &Schedule) -> Result<(), ApiError> {
        let body = write::schedule(&self.namespace, vm, schedule);
        let base = self.path(SNAPSHOT, "virtualmachinesnapshotschedules");
        if schedule.id.is_empty() {
            self.change(Method::POST, &base, Some(&body)).await
        } else {
            self.change(Method::PUT, &format!("{base}/{}", schedule.id), Some(&body))
                .await
        }
    }

    async fn delete_schedule(
        &self,
        _vm: &Vm,
        schedule: &Schedule,
        keep_snapshots: bool,
    ) -> Result<(), ApiError> {
        // The schedule's snapshots are deleted with it unless orphaned, as owned objects are.
        let policy = if keep_snapshots {
            "Orphan"
        } else {
            "Background"
        };
        let path = format!(
            "{}/{}?propagationPolicy={policy}",
            self.path(SNAPSHOT, "virtualmachinesnapshotschedules"),
            schedule.id
        );
        self.change(Method::DELETE, &path, None).await
    }
}
