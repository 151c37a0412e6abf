//! Backends behind one trait. Views call [`Backend`] and see only `crate::model` types; each
//! adapter owns its protocol (paths, bodies, error shapes) and nothing of the views.

mod error;
pub mod http;
pub mod json;
pub mod kubevirt;
pub mod ovirt;
pub mod pace;
mod read_ahead_plan;

pub use error::ApiError;

use crate::config::Config;
use crate::model::capabilities::Capabilities;
use crate::model::preview::PreviewSources;
use crate::model::request::{
    NewSnapshot, NewTemplate, NewVm, PreviewRequest, RestoreRequest, VmAccepted,
};
use crate::model::schedule::Schedule;
use crate::model::{BackendKind, Snapshot, SnapshotStatus, Vm, VmConfig};
use async_trait::async_trait;
use std::any::Any;
use std::rc::Rc;

/// A page whose first reads a backend can send before the page is built.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FirstReads<'a> {
    /// The VM list.
    Vms,
    /// A VM's Snapshots tab (or a snapshot or schedule in it): the VM, its snapshots and its
    /// schedules.
    Tab(&'a str),
}

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

    /// What this backend can do at all.
    /// The snapshots `ids` of a VM, read again one by one (`None` for one that is gone): what
    /// the tab polls while they are in progress, on a backend where that is cheaper than the
    /// whole list ([`Backend::polls_one_by_one`]). By default, from the whole list.
    async fn get_snapshots(
        &self,
        vm_id: &str,
        ids: &[String],
    ) -> Result<Vec<(String, Option<Snapshot>)>, ApiError> {
        let all = self.list_snapshots(vm_id).await?;
        Ok(ids
            .iter()
            .map(|id| (id.clone(), all.iter().find(|s| &s.id == id).cloned()))
            .collect())
    }

    /// Whether asking for the snapshots in progress one by one is lighter than listing them all
    /// (oVirt, whose engine has no watch and whose lists are heavy queries).
    fn polls_one_by_one(&self) -> bool {
        false
    }

    fn capabilities(&self) -> Capabilities;

    /// Sends now the GETs that `page` makes first, before its views are built: their reads
    /// then take these answers ([`http::Http::read_ahead`]). By default, nothing.
    fn read_ahead(&self, page: FirstReads) {
        let _ = page;
    }

    /// Keeps `what` current with the backend's own change notifications (Kubernetes watches)
    /// for as long as the answer is kept: `changed` runs after each change, and reads of `what`
    /// are answered from what was watched, with no request. `None` when the backend has no
    /// such notifications (oVirt): the view asks again itself.
    fn follow(&self, what: Live, changed: Rc<dyn Fn()>) -> Option<Following> {
        let _ = (what, changed);
        None
    }

    /// The VM configuration `snapshot` holds (CPU, memory, OS, NICs), as far as the backend tells.
    async fn snapshot_config(&self, vm: &Vm, snapshot: &Snapshot) -> Result<VmConfig, ApiError>;

    /// The VM's network interfaces now ("name (network)"), where the backend tells: by default
    /// those read with the VM.
    async fn vm_nics(&self, vm: &Vm) -> Result<Option<Vec<String>>, ApiError> {
        Ok(vm.nics.clone())
    }

    /// oVirt: what a custom preview chooses from (the Active VM first), and while a preview
    /// runs, the state kept before it.
    async fn preview_sources(&self, vm: &Vm) -> Result<PreviewSources, ApiError>;

    /// The snapshot schedules of the VM `vm_id` (asked for by id, so at once with the VM).
    /// `ApiError::Unsupported` when the backend has no schedule resource (it answered 404):
    /// scheduling is then hidden, with that message as the reason.
    async fn list_schedules(&self, vm_id: &str) -> Result<Vec<Schedule>, ApiError>;

    /// The adapter itself, for [`actions`]: it finds the adapter's [`Actions`] by its type.
    fn into_any(self: Rc<Self>) -> Rc<dyn Any>;
}

/// What changes a backend: taking, deleting and restoring snapshots, making VMs and templates,
/// previews, schedules, starting a VM; and the small reads that follow such a change to its end
/// ([`Actions::find_vm`], [`Actions::creation_failed`], [`Actions::vm_alone`]). Each adapter's
/// is in a module of the wasm of its own, downloaded the first time a change is sent (or a
/// dialog opened, which asks for it ahead): most visits only read. Views find it with
/// [`actions`].
#[async_trait(?Send)]
pub trait Actions {
    /// Starts taking a snapshot; it shows as in progress until the backend is done.
    /// Returns the new snapshot when the backend answers with it (oVirt does), so that the tab
    /// can follow that one alone instead of listing them all again.
    async fn create_snapshot(
        &self,
        vm: &Vm,
        snapshot: &NewSnapshot,
    ) -> Result<Option<Snapshot>, ApiError>;

    /// Deletes a snapshot (on KubeVirt, also how one in progress is stopped).
    async fn delete_snapshot(&self, vm: &Vm, snapshot: &Snapshot) -> Result<(), ApiError>;

    /// Restores the VM to a snapshot (the VM must be down).
    async fn restore(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &RestoreRequest,
    ) -> Result<(), ApiError>;

    /// Makes a new VM from a snapshot: returns once the backend accepted it, while it is being
    /// made (followed with [`Actions::find_vm`]).
    async fn create_vm(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &NewVm,
    ) -> Result<VmAccepted, ApiError>;

    /// The VM `id` as following a change to its end needs it: its status, read alone (oVirt: the
    /// VM, without its disk attachments, and a lock left unexplained, with no snapshot list
    /// read, or the adapter's last read of it when that was sent after its last change and less
    /// than 1.5 s ago, as the VM's page polls it; KubeVirt: from the watch while the VMs are
    /// followed).
    async fn vm_alone(&self, id: &str) -> Result<Vm, ApiError>;

    /// The VM named `name` (one [`Actions::create_vm`] was accepted for), asked for alone:
    /// `None` while the backend has no such VM (not made yet, or taken away). oVirt searches its
    /// VMs by that name; KubeVirt reads the VM by its name (from the watch while the VMs are
    /// followed). What follows a new VM asks this, never the whole list.
    async fn find_vm(&self, name: &str) -> Result<Option<Vm>, ApiError>;

    /// Why the making of the VM `name` ([`Actions::create_vm`]) failed, where the backend says
    /// so (KubeVirt: its clone's phase and conditions); `None` while it is under way, once it
    /// is done, or where the backend does not say (oVirt). Answered from the watch while
    /// [`Live::NewVms`] is followed. Here, not in [`Backend`], since only what follows a change
    /// asks: the first page does without its code.
    async fn creation_failed(&self, _name: &str) -> Option<String> {
        None
    }

    /// Makes a VM template from a snapshot.
    async fn create_template(
        &self,
        vm: &Vm,
        snapshot: &Snapshot,
        request: &NewTemplate,
    ) -> Result<(), ApiError>;

    /// oVirt: previews a snapshot or a custom mix of snapshots.
    async fn preview(&self, vm: &Vm, request: &PreviewRequest) -> Result<(), ApiError>;

    /// oVirt: keeps the previewed state (newer snapshots and excluded disks are erased).
    async fn commit_preview(&self, vm: &Vm) -> Result<(), ApiError>;

    /// oVirt: returns to the state before the preview.
    async fn undo_preview(&self, vm: &Vm) -> Result<(), ApiError>;

    /// Starts the VM.
    async fn start_vm(&self, vm: &Vm) -> Result<(), ApiError>;

    /// Stops the snapshot or restore in progress on the VM, where the backend can.
    async fn stop_operation(&self, vm: &Vm) -> Result<(), ApiError>;

    /// Creates the schedule (its `id` empty) or replaces it: editing, pausing and resuming.
    async fn save_schedule(&self, vm: &Vm, schedule: &Schedule) -> Result<(), ApiError>;

    /// Deletes a schedule, keeping the snapshots it made or deleting them too.
    async fn delete_schedule(
        &self,
        vm: &Vm,
        schedule: &Schedule,
        keep_snapshots: bool,
    ) -> Result<(), ApiError>;
}

/// What a view follows ([`Backend::follow`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Live {
    /// The VMs (the list, and the tab's own VM).
    Vms,
    /// The snapshots, and what is known of their restores.
    Snapshots,
    /// The snapshot schedules.
    Schedules,
    /// The VMs being made from snapshots: the VMs, and the backend's record of each making
    /// (KubeVirt's clones), which [`Actions::find_vm`] and [`Actions::creation_failed`] read.
    NewVms,
}

/// A view following something: dropping it stops following.
pub struct Following(Option<Box<dyn FnOnce()>>);

impl Following {
    pub fn new(stop: impl FnOnce() + 'static) -> Self {
        Following(Some(Box::new(stop)))
    }
}

impl Drop for Following {
    fn drop(&mut self) {
        if let Some(stop) = self.0.take() {
            stop();
        }
    }
}

/// Why a snapshot that was being taken is not usable.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unfinished {
    /// It is gone (deleted, or never made).
    Gone,
    /// It failed, with the backend's reason where it gave one.
    Failed(Option<String>),
    /// It was still being taken after 10 minutes.
    TimedOut,
}

impl Unfinished {
    /// "failed: reason", "is gone", "is still not done after 10 minutes".
    pub fn describe(&self) -> String {
        match self {
            Unfinished::Gone => "is gone before it was done".into(),
            Unfinished::Failed(Some(m)) => format!("failed: {m}"),
            Unfinished::Failed(None) => "failed".into(),
            Unfinished::TimedOut => "is still not done after 10 minutes".into(),
        }
    }
}

/// Waits until the snapshot `name` of `vm` (just taken) is done: `Ok` once it is usable, why not
/// once it failed or is gone, or after 10 minutes. On KubeVirt each read is answered from the
/// watch; on oVirt it asks for that one snapshot.
pub async fn snapshot_done(
    backend: &dyn Backend,
    vm: &Vm,
    taken: Option<Snapshot>,
    name: &str,
) -> Result<(), Unfinished> {
    let id = taken.map(|s| s.id).unwrap_or_else(|| name.to_string());
    // Asked every second (never while the page is hidden), 600 times at most.
    for _ in 0..600 {
        pace::pause(1000).await;
        let now = backend
            .get_snapshots(&vm.id, std::slice::from_ref(&id))
            .await;
        let Ok(found) = now else { continue };
        match found.into_iter().next().and_then(|(_, s)| s) {
            None => return Err(Unfinished::Gone),
            Some(s) if s.status == SnapshotStatus::Ok => return Ok(()),
            Some(s) if s.status.is_transient() => continue,
            Some(s) => {
                return Err(Unfinished::Failed(match s.status {
                    SnapshotStatus::Failed(m) => m,
                    _ => None,
                }))
            }
        }
    }
    Err(Unfinished::TimedOut)
}

/// Waits until the snapshot `id` of `vm` (whose delete was accepted) is gone: `Ok` then, an
/// error when it is back to usable (the backend gave up) or after 10 minutes.
pub async fn snapshot_gone(backend: &dyn Backend, vm: &Vm, id: &str) -> Result<(), ApiError> {
    let ids = [id.to_string()];
    let mut settled_polls = 0;
    for _ in 0..600 {
        pace::pause(1000).await;
        let Ok(found) = backend.get_snapshots(&vm.id, &ids).await else {
            continue;
        };
        match found.into_iter().next().and_then(|(_, s)| s) {
            None => return Ok(()),
            // oVirt locks it while it merges (KubeVirt: "Deleting" until its finalizer is
            // done); one usable again for a while was kept.
            Some(s) if s.status != SnapshotStatus::Ok => settled_polls = 0,
            Some(_) => {
                settled_polls += 1;
                if settled_polls >= 10 {
                    return Err(ApiError::Halted("the backend kept the snapshot".into()));
                }
            }
        }
    }
    Err(ApiError::Halted(
        "still not deleted after 10 minutes".into(),
    ))
}

/// The reason scheduling is hidden when a backend answers 404 for its schedule resource.
pub fn no_schedules(backend: BackendKind) -> ApiError {
    ApiError::Unsupported(format!(
        "This {} has no snapshot schedules (the vm-snapshots schedule extension is not installed), so scheduling is not offered.",
        match backend {
            BackendKind::Ovirt => "oVirt engine",
            BackendKind::Kubevirt => "cluster",
        }
    ))
}

/// That the module of the configured backend's adapter could not be downloaded.
pub use leptos::wasm_split::SplitLoaderError as AdapterNotLoaded;

/// The adapter for the configured backend. A build with one adapter (a console plugin's, see
/// `config::BUILT_IN`) has only that one to give: `Config::resolve` refuses the other backend.
///
/// A build with both (the standalone app, the element for any page) holds each adapter in a
/// module of its own, downloaded here, so that a page downloads the one it uses
/// (`scripts/build-wasm` splits the wasm at [`ovirt_adapter`] and [`kubevirt_adapter`]).
pub async fn connect(config: &Config) -> Result<Rc<dyn Backend>, AdapterNotLoaded> {
    #[cfg(all(feature = "ovirt", feature = "kubevirt"))]
    return match config.backend {
        BackendKind::Ovirt => ovirt_adapter(config.clone()).await,
        BackendKind::Kubevirt => kubevirt_adapter(config.clone()).await,
    };
    #[cfg(all(feature = "ovirt", not(feature = "kubevirt")))]
    return Ok(Rc::new(ovirt::OvirtBackend::new(config)));
    #[cfg(all(feature = "kubevirt", not(feature = "ovirt")))]
    return Ok(Rc::new(kubevirt::KubevirtBackend::new(config)));
}

/// Downloads and compiles the module of `backend`'s adapter (the backend's `key`), if the build
/// has one: for the page's start, while it waits for its first reads, so that [`connect`] finds
/// it ready. A failure is for `connect` to report.
pub async fn prefetch_adapter(backend: &str) {
    #[cfg(all(feature = "ovirt", feature = "kubevirt"))]
    match BackendKind::from_key(backend) {
        Some(BackendKind::Ovirt) => drop(fetch_ovirt_adapter().await),
        Some(BackendKind::Kubevirt) => drop(fetch_kubevirt_adapter().await),
        None => {}
    }
    #[cfg(not(all(feature = "ovirt", feature = "kubevirt")))]
    let _ = backend;
}

/// The oVirt adapter, in its own module when the build has both.
#[cfg(all(feature = "ovirt", feature = "kubevirt"))]
#[leptos::wasm_split::wasm_split(
    ovirt,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_ovirt_adapter),
    fallible
)]
fn ovirt_adapter(config: Config) -> Result<Rc<dyn Backend>, AdapterNotLoaded> {
    Ok(Rc::new(ovirt::OvirtBackend::new(&config)))
}

/// The KubeVirt adapter, in its own module when the build has both.
#[cfg(all(feature = "ovirt", feature = "kubevirt"))]
#[leptos::wasm_split::wasm_split(
    kubevirt,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_kubevirt_adapter),
    fallible
)]
fn kubevirt_adapter(config: Config) -> Result<Rc<dyn Backend>, AdapterNotLoaded> {
    Ok(Rc::new(kubevirt::KubevirtBackend::new(&config)))
}

/// The adapter's [`Actions`], downloaded the first time (see [`Actions`]); an error that says
/// so if the download fails, for the dialog or the toast that sent the change to show.
pub async fn actions(backend: &Rc<dyn Backend>) -> Result<Rc<dyn Actions>, ApiError> {
    match actions_of(backend.clone().into_any()).await {
        Ok(Some(actions)) => Ok(actions),
        Ok(None) | Err(_) => Err(ApiError::NotDownloaded),
    }
}

/// Downloads the module of the adapters' [`Actions`] ahead of a change (a dialog opened), so
/// that sending finds it ready. A failure is for [`actions`] to report.
pub async fn prefetch_actions() {
    drop(fetch_actions().await);
}

/// The split point of the [`Actions`]: the adapter's, by its type (`None` for a type that has
/// none). Natively, a plain call.
#[leptos::wasm_split::wasm_split(
    actions,
    wasm_split_path = ::leptos::wasm_split,
    preload(fetch_actions),
    fallible
)]
fn actions_of(
    backend: Rc<dyn Any>,
) -> Result<Option<Rc<dyn Actions>>, leptos::wasm_split::SplitLoaderError> {
    #[cfg(feature = "ovirt")]
    let backend = match backend.downcast::<ovirt::OvirtBackend>() {
        Ok(ovirt) => return Ok(Some(ovirt)),
        Err(other) => other,
    };
    #[cfg(feature = "kubevirt")]
    let backend = match backend.downcast::<kubevirt::KubevirtBackend>() {
        Ok(kubevirt) => return Ok(Some(kubevirt)),
        Err(other) => other,
    };
    drop(backend);
    Ok(None)
}
