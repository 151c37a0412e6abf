//! The VM list: every VM with its status, each name a link to its page.

use crate::app::use_app;
use crate::components::states::{EmptyState, ErrorState, SkeletonRows};
use crate::components::status::VmStatusLabel;
use crate::config::encode;
use crate::model::{format, Vm};
use leptos::prelude::*;
use leptos_router::components::A;

const COLUMNS: [&str; 5] = ["Name", "Status", "CPUs", "Memory", "Operating system"];

#[component]
pub fn VmList() -> impl IntoView {
    let app = use_app();
    let backend = app.backend();
    let vms = LocalResource::new(move || {
        let backend = backend.clone();
        async move { backend.list_vms().await }
    });
    let retry = Callback::new(move |_| vms.refetch());

    let body = move || {
        match vms.get() {
        None => view! { <SkeletonRows columns=COLUMNS.len() /> }.into_any(),
        Some(Err(error)) => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <ErrorState error on_retry=retry />
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) if list.is_empty() => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len()>
                <EmptyState title="No virtual machines" body="There are no virtual machines to show here." />
            </td></tr>
        }
        .into_any(),
        Some(Ok(list)) => list.into_iter().map(|vm| view! { <VmRow vm /> }).collect_view().into_any(),
    }
    };

    view! {
        <section class="pf-v6-c-page__main-section">
            <h1 class="pf-v6-c-title pf-m-2xl">"Virtual machines"</h1>
        </section>
        <section class="pf-v6-c-page__main-section">
            <table class="pf-v6-c-table pf-m-grid-md" role="grid" aria-label="Virtual machines">
                <thead class="pf-v6-c-table__thead">
                    <tr class="pf-v6-c-table__tr" role="row">
                        {COLUMNS.map(|c| view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">{c}</th> }).collect_view()}
                    </tr>
                </thead>
                <tbody class="pf-v6-c-table__tbody" role="rowgroup">{body}</tbody>
            </table>
        </section>
    }
}

#[component]
fn VmRow(vm: Vm) -> impl IntoView {
    let app = use_app();
    let href = app.href(&format!("/vms/{}", encode(&vm.id)));
    let name = vm.name.clone();
    view! {
        <tr class="pf-v6-c-table__tr" role="row" data-vm=vm.name.clone()>
            <td class="pf-v6-c-table__td" role="cell" data-label="Name">
                <A href=href>{name}</A>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Status">
                <VmStatusLabel status=vm.status.clone() />
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="CPUs">
                {vm.cpus.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Memory">
                {vm.memory_bytes.map(format::bytes).unwrap_or_else(|| "—".into())}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Operating system">
                {vm.os.clone().unwrap_or_else(|| "—".into())}
            </td>
        </tr>
    }
}
