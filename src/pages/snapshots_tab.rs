//! The Snapshots tab: the VM's taken snapshots (name, date, status), a Take snapshot button, and
//! live updates while anything is in progress.

use crate::app::use_app;
use crate::components::states::{EmptyState, ErrorState, SkeletonRows};
use crate::components::status::SnapshotStatusLabel;
use crate::components::take_snapshot::TakeSnapshotModal;
use crate::model::{format, Snapshot, Vm};
use crate::pages::vm_page::use_current_vm;
use leptos::prelude::*;
use std::time::Duration;

const COLUMNS: [&str; 3] = ["Name", "Date", "Status"];

/// How often the tab asks again while something is in progress.
const POLL: Duration = Duration::from_millis(1000);

/// Why a snapshot cannot be taken of `vm` now, if it cannot.
fn cannot_take(vm: &Vm) -> Option<&'static str> {
    vm.status
        .is_busy()
        .then_some("Wait until the operation on this VM has finished.")
}

#[component]
pub fn SnapshotsTab() -> impl IntoView {
    let app = use_app();
    let current = use_current_vm();
    let backend = app.backend();
    let snapshots = LocalResource::new(move || {
        let backend = backend.clone();
        let id = current.id.get();
        async move { backend.list_snapshots(&id).await }
    });
    let retry = Callback::new(move |_| snapshots.refetch());
    let vm = Memo::new(move |_| current.vm.get().and_then(|r| r.ok()));

    // Live updates: while a snapshot or the VM is busy, ask again every second.
    let in_progress = Memo::new(move |_| {
        let busy_snapshot = snapshots
            .get()
            .and_then(|r| r.ok())
            .is_some_and(|list| list.iter().any(|s| s.status.is_transient()));
        let busy_vm = vm
            .get()
            .is_some_and(|v| v.status.is_busy() || v.operation.is_some());
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

    let taking = RwSignal::new(false);
    let open = Callback::new(move |_| taking.set(true));
    let close = Callback::new(move |_| taking.set(false));
    let taken = Callback::new(move |_| {
        taking.set(false);
        snapshots.refetch();
        current.vm.refetch();
    });

    let take_button = move || {
        let reason = vm.get().as_ref().and_then(cannot_take);
        let disabled = vm.get().is_none() || reason.is_some();
        view! {
            <button class="pf-v6-c-button pf-m-primary" type="button"
                class:pf-m-aria-disabled=disabled
                aria-disabled=disabled.to_string()
                title=reason
                on:click=move |_| if !disabled { open.run(()) }>
                <span class="pf-v6-c-button__text">"Take snapshot"</span>
            </button>
        }
    };

    let body = move || {
        match snapshots.get() {
        None => view! { <SkeletonRows columns=COLUMNS.len() /> }.into_any(),
        Some(Err(error)) => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <ErrorState error on_retry=retry />
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <EmptyState title="No snapshots yet" body="Take a snapshot before a risky change, to come back to it.">
                    {take_button}
                </EmptyState>
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) => list
            .into_iter()
            .map(|s| view! { <SnapshotRow snapshot=s /> })
            .collect_view()
            .into_any(),
    }
    };

    view! {
        <div class="pf-v6-c-toolbar">
            <div class="pf-v6-c-toolbar__content">
                <div class="pf-v6-c-toolbar__content-section">
                    <div class="pf-v6-c-toolbar__item">{take_button}</div>
                </div>
            </div>
        </div>
        <table class="pf-v6-c-table pf-m-grid-md" role="grid" aria-label="Snapshots">
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr" role="row">
                    {COLUMNS.map(|c| view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">{c}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody" role="rowgroup">{body}</tbody>
        </table>
        {move || match (taking.get(), vm.get()) {
            (true, Some(vm)) => Some(view! { <TakeSnapshotModal vm on_close=close on_taken=taken /> }),
            _ => None,
        }}
    }
}

#[component]
fn SnapshotRow(snapshot: Snapshot) -> impl IntoView {
    let date = snapshot.created.as_ref().map(format::local_datetime);
    let instant = snapshot.created.as_ref().map(format::instant);
    view! {
        <tr class="pf-v6-c-table__tr" role="row" data-snapshot=snapshot.id.clone()>
            <td class="pf-v6-c-table__td" role="cell" data-label="Name">{snapshot.name.clone()}</td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Date">
                <time datetime=instant.clone() title=instant>{date.unwrap_or_else(|| "—".into())}</time>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Status">
                <SnapshotStatusLabel status=snapshot.status.clone() />
            </td>
        </tr>
    }
}
