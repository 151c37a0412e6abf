//! The Snapshots tab's root, the one piece both hosts render: the standalone shell under its VM
//! page, and the embed entry inside a host page. It takes its VM and its place
//! ([`TabNav`](crate::components::tab_nav::TabNav)) from context, and shows the table or a
//! details view.

use crate::api::ApiError;
use crate::components::tab_nav::{use_tab_nav, TabView};
use crate::context::use_app;
use crate::model::Vm;
use crate::pages::details::{ScheduleDetails, SnapshotDetails};
use crate::pages::refresh::last_read;
use crate::pages::snapshots_tab::SnapshotsTab;
use leptos::prelude::*;

/// The VM the tab shows.
#[derive(Clone, Copy)]
pub struct CurrentVm {
    /// oVirt: the VM's id; KubeVirt: its name.
    pub id: Signal<String>,
    /// The reads of the VM.
    pub vm: LocalResource<Result<Vm, ApiError>>,
    /// The last VM read of this id: a read that fails for a moment (a proxy's 502, a dropped
    /// connection) leaves it shown, and what is open on it (a modal and what was typed) stays.
    pub shown: Memo<Option<Vm>>,
    /// The last read's error, if it failed: with `shown`, a refresh that failed; without it,
    /// the VM cannot be shown at all.
    pub error: Memo<Option<ApiError>>,
}

impl CurrentVm {
    /// The VM is gone, or cannot be shown at all: not a refresh that failed for a moment.
    pub fn failed(&self) -> Option<ApiError> {
        let error = self.error.get()?;
        let gone = matches!(error, ApiError::Backend { status: 404, .. });
        (gone || self.shown.with(Option::is_none)).then_some(error)
    }

    /// A refresh that failed while the last VM read is still shown.
    pub fn stale(&self) -> Option<ApiError> {
        let error = self.error.get()?;
        self.failed().is_none().then_some(error)
    }
}

/// Loads the VM `id` names (again whenever something changed) and provides it to the tab.
pub fn provide_current_vm(id: Signal<String>) -> CurrentVm {
    let app = use_app();
    let backend = app.backend();
    let vm = LocalResource::new(move || {
        app.track_changes();
        let backend = backend.clone();
        let id = id.get();
        async move { backend.get_vm(&id).await }
    });
    let shown = last_read(id, vm);
    let error = Memo::new(move |_| vm.with(|r| r.as_ref().and_then(|r| r.as_ref().err().cloned())));
    let current = CurrentVm {
        id,
        vm,
        shown,
        error,
    };
    provide_context(current);
    current
}

pub fn use_current_vm() -> CurrentVm {
    expect_context::<CurrentVm>()
}

#[component]
pub fn SnapshotsTabRoot() -> impl IntoView {
    let nav = use_tab_nav();
    // Only a change of view re-renders: sorting and filtering stay inside the table.
    let view = Memo::new(move |_| nav.view.get());
    move || match view.get() {
        TabView::List => view! { <SnapshotsTab /> }.into_any(),
        TabView::Snapshot(id) => view! { <SnapshotDetails sid=id /> }.into_any(),
        TabView::Schedule(id) => view! { <ScheduleDetails sid=id /> }.into_any(),
    }
}
