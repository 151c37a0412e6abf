//! The VM list: every VM with its status, each name a link to its page.

use crate::app::use_app;
use crate::components::kebab::{Item, Kebab};
use crate::components::states::{EmptyState, ErrorState, SkeletonRows};
use crate::components::status::VmStatusLabel;
use crate::components::take_snapshot::TakeSnapshotModal;
use crate::config::encode;
use crate::model::{format, Vm};
use leptos::prelude::*;
use leptos_router::components::A;

const COLUMNS: [&str; 6] = ["Name", "Status", "CPUs", "Memory", "Operating system", ""];

#[component]
pub fn VmList() -> impl IntoView {
    let app = use_app();
    let backend = app.backend();
    let vms = LocalResource::new(move || {
        let backend = backend.clone();
        async move { backend.list_vms().await }
    });
    let retry = Callback::new(move |_| vms.refetch());
    // The VM whose Take snapshot modal is open (by id): the modal needs its disks, so it loads it.
    let taking = RwSignal::new(None::<String>);

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
        Some(Ok(list)) => list
            .into_iter()
            .map(|vm| view! { <VmRow vm on_take=Callback::new(move |id: String| taking.set(Some(id))) /> })
            .collect_view()
            .into_any(),
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
        {move || taking.get().map(|id| view! {
            <TakeFromList id
                on_close=Callback::new(move |_| taking.set(None))
                on_taken=Callback::new(move |_| { taking.set(None); vms.refetch(); }) />
        })}
    }
}

/// Loads the VM (with its disks) and opens the take-snapshot modal for it.
#[component]
fn TakeFromList(id: String, on_close: Callback<()>, on_taken: Callback<()>) -> impl IntoView {
    let backend = use_app().backend();
    let vm = LocalResource::new(move || {
        let backend = backend.clone();
        let id = id.clone();
        async move { backend.get_vm(&id).await }
    });
    move || {
        match vm.get() {
        None => view! { <div class="pf-v6-c-backdrop" aria-busy="true"></div> }.into_any(),
        Some(Err(error)) => view! {
            <div class="pf-v6-c-backdrop"><div class="pf-v6-l-bullseye"><div class="pf-v6-c-modal-box pf-m-sm" role="dialog" aria-label="Take snapshot">
                <div class="pf-v6-c-modal-box__body"><ErrorState error on_retry=Callback::new(move |_| vm.refetch()) /></div>
                <footer class="pf-v6-c-modal-box__footer">
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>"Close"</button>
                </footer>
            </div></div></div>
        }
        .into_any(),
        Some(Ok(vm)) => view! { <TakeSnapshotModal vm on_close on_taken /> }.into_any(),
    }
    }
}

#[component]
fn VmRow(vm: Vm, on_take: Callback<String>) -> impl IntoView {
    let app = use_app();
    let href = app.href(&format!("/vms/{}", encode(&vm.id)));
    let name = vm.name.clone();
    let id = vm.id.clone();
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
            <td class="pf-v6-c-table__td pf-v6-c-table__action" role="cell">
                <Kebab label=format!("Actions for {}", vm.name) items=vec![Item {
                    label: "Take snapshot",
                    allowed: if vm.status.is_busy() { Err("Wait until the operation on this VM has finished.".into()) } else { Ok(()) },
                    on_select: Callback::new(move |_| on_take.run(id.clone())),
                }] />
            </td>
        </tr>
    }
}
