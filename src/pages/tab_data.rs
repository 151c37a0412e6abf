//! The Snapshots tab's one data hook: the VM's snapshots and schedules, refreshed every second
//! while anything is in progress, and the list query of the URL.

use crate::api::ApiError;
use crate::app::use_app;
use crate::model::listing::ListQuery;
use crate::model::schedule::Schedule;
use crate::model::{Snapshot, Vm, VmStatus};
use crate::pages::vm_page::use_current_vm;
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate, use_query_map};
use leptos_router::NavigateOptions;
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
    pub query: Memo<ListQuery>,
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
    let query_map = use_query_map();
    let query = Memo::new(move |_| {
        let q = query_map.read();
        ListQuery::from_pairs(|k| q.get(k))
    });

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
            set_timeout(
                move || {
                    snapshots.refetch();
                    current.vm.refetch();
                },
                POLL,
            );
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

/// Sets the list query in the URL (keeping the configuration keys). `replace` for typing, so
/// that back and forward step through sorts and filters, not keystrokes.
pub fn use_set_query() -> impl Fn(ListQuery, bool) + Clone + 'static {
    let app = use_app();
    let navigate = use_navigate();
    let location = use_location();
    move |q: ListQuery, replace: bool| {
        let path = location.pathname.get_untracked();
        let href = app.href_with(&path, &q.to_pairs());
        navigate(
            &href,
            NavigateOptions {
                replace,
                scroll: false,
                ..Default::default()
            },
        );
    }
}
