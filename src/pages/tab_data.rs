//! The Snapshots tab's one data hook: the VM's snapshots and schedules, refreshed every second
//! while anything is in progress, and the list query (see [`crate::components::tab_nav`]).

use crate::api::ApiError;
use crate::components::tab_nav::{use_tab_nav, TabView};
use crate::context::use_app;
use crate::model::listing::ListQuery;
use crate::model::schedule::Schedule;
use crate::model::{Snapshot, Vm, VmStatus};
use crate::pages::tab_root::use_current_vm;
use leptos::prelude::*;
use std::time::Duration;

/// How often the tab asks again while something is in progress.
const POLL: Duration = Duration::from_millis(1000);

#[derive(Clone, Copy)]
pub struct TabData {
    pub vm: Memo<Option<Vm>>,
    vm_resource: LocalResource<Result<Vm, ApiError>>,
    pub snapshots: LocalResource<Result<Vec<Snapshot>, ApiError>>,
    /// `Err(Unsupported)` when the backend has no schedules: scheduling is hidden, with the reason.
    pub schedules: LocalResource<Result<Vec<Schedule>, ApiError>>,
    pub query: Signal<ListQuery>,
}

impl TabData {
    pub fn refetch(&self) {
        self.snapshots.refetch();
        self.schedules.refetch();
        self.vm_resource.refetch();
    }
}

/// Loads the tab's data and keeps it live.
pub fn use_tab_data() -> TabData {
    let app = use_app();
    let current = use_current_vm();
    let vm = Memo::new(move |_| current.vm.get().and_then(|r| r.ok()));
    let backend = app.backend();
    let changes = app.clone();
    let snapshots = LocalResource::new(move || {
        changes.track_changes();
        let backend = backend.clone();
        let id = current.id.get();
        async move { backend.list_snapshots(&id).await }
    });
    let backend = app.backend();
    let changes = app.clone();
    let schedules = LocalResource::new(move || {
        changes.track_changes();
        let backend = backend.clone();
        let vm = vm.get();
        async move {
            match vm {
                Some(vm) => backend.list_schedules(&vm).await,
                None => Ok(Vec::new()),
            }
        }
    });
    let query = use_tab_nav().query;

    // Live updates: while a snapshot or the VM is busy, ask again every second.
    let in_progress = Memo::new(move |_| {
        let busy_snapshot = snapshots
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|list| list.iter().any(|s| s.status.is_transient()));
        // Starting and stopping too, so a VM started from a toast is seen running.
        let busy_vm = vm.get().is_some_and(|v| {
            v.status.is_busy()
                || v.operation.is_some()
                || matches!(v.status, VmStatus::Starting | VmStatus::Stopping)
        });
        busy_snapshot || busy_vm
    });
    Effect::new(move |_| {
        // Re-run on every new answer, so each one schedules the next while work goes on.
        snapshots.track();
        current.vm.track();
        if in_progress.get() {
            let next = set_timeout_with_handle(
                move || {
                    snapshots.refetch();
                    current.vm.refetch();
                },
                POLL,
            );
            // A new answer, or the tab taken down, cancels the pending ask.
            if let Ok(next) = next {
                on_cleanup(move || next.clear());
            }
        }
    });
    TabData {
        vm,
        vm_resource: current.vm,
        snapshots,
        schedules,
        query,
    }
}

/// Sets the list query (in the URL when standalone). `replace` for typing, so that back and
/// forward step through sorts and filters, not keystrokes.
pub fn use_set_query() -> impl Fn(ListQuery, bool) + Clone + 'static {
    let nav = use_tab_nav();
    move |q: ListQuery, replace: bool| nav.go(TabView::List, q, replace)
}
