//! The Snapshots tab: the VM's taken snapshots (the first version: name, date, status).

use crate::app::use_app;
use crate::components::states::{EmptyState, ErrorState, SkeletonRows};
use crate::components::status::SnapshotStatusLabel;
use crate::model::{format, Snapshot};
use crate::pages::vm_page::use_current_vm;
use leptos::prelude::*;

const COLUMNS: [&str; 3] = ["Name", "Date", "Status"];

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

    let body = move || match snapshots.get() {
        None => view! { <SkeletonRows columns=COLUMNS.len() /> }.into_any(),
        Some(Err(error)) => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <ErrorState error on_retry=retry />
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <EmptyState title="No snapshots yet" body="This VM has no snapshots." />
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) => list
            .into_iter()
            .map(|s| view! { <SnapshotRow snapshot=s /> })
            .collect_view()
            .into_any(),
    };

    view! {
        <table class="pf-v6-c-table pf-m-grid-md" role="grid" aria-label="Snapshots">
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr" role="row">
                    {COLUMNS.map(|c| view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">{c}</th> }).collect_view()}
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody" role="rowgroup">{body}</tbody>
        </table>
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
