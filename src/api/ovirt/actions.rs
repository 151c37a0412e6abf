//! What changes the backend on oVirt ([`Actions`]): in the wasm, a module of its own with the
//! other adapter's, downloaded the first time a change is sent (`api::actions`). Reads stay in
//! the adapter (`super`).

use super::*;
use crate::api::Actions;

#[async_trait(?Send)]
impl Actions for OvirtBackend {
    async fn create_snapshot(
        &self,
        vm: &Vm,
        snapshot: &NewSnapshot,
    ) -> Result<Option<Snapshot>, ApiError> {
        let body = write::create_snapshot(self.format, snapshot);
        let resp = self
            .change(
                Method::POST,
                &format!("/vms/{}/snapshots", vm.id),
                Some(body),
            )
            .await?;
        // The engine answers with the new snapshot; an answer that cannot be read is no error.
        let made = parse_snapshot(self.format, &resp.url, &resp.body).ok();
        if let Some(made) = &made {
            self.remember(&vm.id, &[(made.id.clone(), Some(made.clone()))]);
        }
        Ok(made)
    }

    async fn delete_snapshot(&self, vm: &Vm, snapshot: &Snapshot) -> Result<(), ApiError> {
        self.change(
            Method::DELETE,
            &format!("/vms/{}/snapshots/{}", vm.id, snapshot.id),
            None,
        )
        .await
        .map(|_| ())
    }

    async fn restore(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &RestoreRequest,
    ) -> Result<(), ApiError> {
        let images: Vec<(String, String)> = snapshot
            .disks
            .iter()
            .filter_map(|d| Some((d.id.clone(), d.image_id.clone()?)))
            .collect();
        let body = write::restore(self.format, request, &images);
        self.action(vm, &format!("snapshots/{}/restore", snapshot.id), body)
            .await
    }

    async fn create_vm(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &NewVm,
    ) -> Result<VmAccepted, ApiError> {
        let source = self.fetch(&format!("/vms/{}", vm.id)).await?;
        let cluster = parse_cluster_id(self.format, &source.url, &source.body)?;
        let body = write::clone_vm(
            self.format,
            &request.name,
            &request.description,
            &snapshot.id,
            &cluster,
        );
        self.change(Method::POST, "/vms", Some(body)).await?;
        // The engine makes the VM down, once its disks are copied: whoever follows it starts it.
        Ok(VmAccepted {
            name: request.name.clone(),
            start_when_made: request.start,
        })
    }

    async fn vm_alone(&self, id: &str) -> Result<Vm, ApiError> {
        // The VM's page or the VM list, open meanwhile, polls it each second: its last read will do.
        let sent = Utc::now();
        if let Some(vm) = self.seen.borrow().fresh(id, sent) {
            return Ok(vm);
        }
        let resp = self.fetch(&vm_path(id)).await?;
        let vm = parse_vm(self.format, &resp.url, &resp.body)?;
        self.seen.borrow_mut().read(sent, &vm);
        Ok(vm)
    }

    async fn find_vm(&self, name: &str) -> Result<Option<Vm>, ApiError> {
        let path = format!("/vms?search=name%3D{}", crate::config::encode(name));
        let resp = self.fetch(&path).await?;
        // The engine's search takes `*` as a wildcard: only the VM of that very name is it.
        Ok(parse_vms(self.format, &resp.url, &resp.body)?
            .into_iter()
            .find(|vm| vm.name == name))
    }

    async fn create_template(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &NewTemplate,
    ) -> Result<(), ApiError> {
        let body = write::template(self.format, request, &vm.id, &snapshot.id);
        self.change(Method::POST, "/templates", Some(body))
            .await
            .map(|_| ())
    }

    async fn preview(&self, vm: &Vm, request: &PreviewRequest) -> Result<(), ApiError> {
        self.action(vm, "previewsnapshot", write::preview(self.format, request))
            .await
    }

    async fn commit_preview(&self, vm: &Vm) -> Result<(), ApiError> {
        self.action(vm, "commitsnapshot", write::empty_action(self.format))
            .await
    }

    async fn undo_preview(&self, vm: &Vm) -> Result<(), ApiError> {
        self.action(vm, "undosnapshot", write::empty_action(self.format))
            .await
    }

    async fn start_vm(&self, vm: &Vm) -> Result<(), ApiError> {
        self.action(vm, "start", write::empty_action(self.format))
            .await
    }

    async fn stop_operation(&self, _vm: &Vm) -> Result<(), ApiError> {
        Err(ApiError::Unsupported(
            self.capabilities().stop_snapshot.unwrap_err(),
        ))
    }

    async fn save_schedule(&self, vm: &Vm, schedule: &Schedule) -> Result<(), ApiError> {
        let body = write::schedule(self.format, schedule);
        let (method, path) = if schedule.id.is_empty() {
            (Method::POST, format!("/vms/{}/snapshotschedules", vm.id))
        } else {
            (
                Method::PUT,
                format!("/vms/{}/snapshotschedules/{}", vm.id, schedule.id),
            )
        };
        self.change(method, &path, Some(body)).await.map(|_| ())
    }

    async fn delete_schedule(
        &self,
        vm: &Vm,
        schedule: &Schedule,
        keep_snapshots: bool,
    ) -> Result<(), ApiError> {
        let path = format!(
            "/vms/{}/snapshotschedules/{}?keep_snapshots={keep_snapshots}",
            vm.id, schedule.id
        );
        self.change(Method::DELETE, &path, None).await.map(|_| ())
    }
}
