//! The VM page: breadcrumb, title and status, a horizontal tab bar, and the tab's content.

use crate::api::Live;
use crate::components::layout::Breadcrumb;
use crate::components::states::{EmptyState, ErrorState, StaleAlert};
use crate::components::status::{Label, VmStatusLabel};
use crate::components::tab_nav::{provide_tab_nav, TabNav};
use crate::config::encode;
use crate::context::use_app;
use crate::model::listing::ListQuery;
use crate::model::{format, Vm};
use crate::pages::location::{use_location, Page, VmTab};
use crate::pages::refresh::{ask_again_after, POLL};
use crate::pages::tab_root::{provide_current_vm, use_current_vm, SnapshotsTabRoot};
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;
use std::time::Duration;

/// The page of the VM `id` (oVirt: its id; KubeVirt: its name), with the tab its address names.
#[component]
pub fn VmPage(id: String) -> impl IntoView {
    let app = use_app();
    let id = Signal::stored(id);
    let current = provide_current_vm(id);
    let vm = current.shown;

    // The Snapshots tab's place is in the URL here.
    let location = use_location();
    let path = location.path();
    provide_tab_nav(TabNav::in_url(
        Signal::derive(move || format!("/vms/{}", encode(&id.get()))),
        path,
        Memo::new(move |_| location.with_query(|get| ListQuery::from_pairs(get))),
        Callback::new(move |(href, replace): (String, bool)| location.go(&href, replace, false)),
    ));
    let page = location.page();
    let on_snapshots = Memo::new(move |_| {
        matches!(
            page.get(),
            Page::Vm {
                tab: VmTab::Snapshots,
                ..
            }
        )
    });
    let base = move || format!("/vms/{}", encode(&id.get()));
    let tab = {
        let app = app.clone();
        move |label: &'static str, suffix: &'static str, current: bool| {
            let href = app.href(&format!("{}{suffix}", base()));
            view! {
                <li class="pf-v6-c-tabs__item" class:pf-m-current=current role="presentation">
                    <a href=href class="pf-v6-c-tabs__link" role="tab" aria-selected=current.to_string()>
                        <span class="pf-v6-c-tabs__item-text">{label}</span>
                    </a>
                </li>
            }
        }
    };
    let name = move || match vm.get() {
        Some(vm) => vm.name,
        None => id.get(),
    };
    let status = move || {
        vm.get()
            .map(|vm| view! { <VmStatusLabel status=vm.status /> })
    };

    // A VM that cannot be loaded (or is gone) has no tabs to show: its error takes their place.
    // A refresh that failed for a moment leaves the VM read before, and says so.
    let failed = move || current.failed();
    let retry = Callback::new(move |_| current.vm.refetch());
    let stale = Memo::new(move |_| current.stale());

    view! {
        <section class="pf-v6-c-page__main-breadcrumb">
            <Breadcrumb items=vec![("Virtual machines".to_string(), app.href("/"))] current=Signal::derive(name) />
        </section>
        <section class="pf-v6-c-page__main-section vms-vm-header">
            <h1 class="pf-v6-c-title pf-m-2xl">{name}</h1>
            {status}
        </section>
        {move || failed().map(|error| view! {
            <section class="pf-v6-c-page__main-section"><ErrorState error on_retry=retry /></section>
        })}
        <div hidden=move || failed().is_some()>
        <Show when=move || stale.with(Option::is_some)>
            <section class="pf-v6-c-page__main-section vms-stale-section">
                <StaleAlert what="The VM" error=stale.into() on_retry=retry />
            </section>
        </Show>
        <section class="pf-v6-c-page__main-tabs">
            <nav class="pf-v6-c-tabs pf-m-page-insets" aria-label="Virtual machine details">
                <ul class="pf-v6-c-tabs__list" role="tablist">
                    {move || {
                        let snapshots = on_snapshots.get();
                        view! {
                            {tab("Overview", "", !snapshots)}
                            {tab("Snapshots", "/snapshots", snapshots)}
                        }
                    }}
                </ul>
            </nav>
        </section>
        <section class="pf-v6-c-page__main-section">
            {move || if on_snapshots.get() {
                view! { <SnapshotsTabRoot /> }.into_any()
            } else {
                view! { <VmOverview /> }.into_any()
            }}
        </section>
        </div>
    }
}

/// The Overview tab: what the VM is, and its disks, kept current: from the VMs' watch where the
/// backend has one; elsewhere read again each second while the VM is changing (starting, say,
/// after "Open VM" in a toast), and every `refresh_seconds` otherwise, never while the page is
/// hidden (`refresh::ask_again_after`).
#[component]
pub fn VmOverview() -> impl IntoView {
    let current = use_current_vm();
    let app = use_app();
    let read = current.vm;
    let followed = app
        .backend()
        .follow(Live::Vms, Rc::new(move || read.refetch()));
    if followed.is_none() {
        let refresh = app.config.refresh_seconds;
        Effect::new(move |_| {
            // Each answer, failed or not, schedules the next: asks never overlap.
            read.track();
            let changing = current
                .shown
                .with_untracked(|vm| vm.as_ref().is_some_and(Vm::is_changing));
            if changing {
                ask_again_after(POLL, move || read.refetch());
            } else if refresh > 0 {
                ask_again_after(Duration::from_secs(refresh.into()), move || read.refetch());
            }
        });
    }
    let followed = SendWrapper::new(followed);
    on_cleanup(move || drop(followed));
    // Errors loading the VM are shown by the page, in place of the tabs.
    move || match current.shown.get() {
        Some(vm) => view! { <Overview vm /> }.into_any(),
        _ => view! { <div class="pf-v6-c-skeleton" aria-busy="true"></div> }.into_any(),
    }
}

#[component]
fn Overview(vm: Vm) -> impl IntoView {
    let term = |t: &'static str, d: String| {
        view! {
            <div class="pf-v6-c-description-list__group">
                <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{t}</span></dt>
                <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{d}</div></dd>
            </div>
        }
    };
    let or_dash = |v: Option<String>| v.filter(|s| !s.is_empty()).unwrap_or_else(|| "—".into());
    let agent = match vm.guest_agent {
        Some(true) => "Connected",
        Some(false) => "Not detected",
        None => "Unknown while the VM is not running",
    };
    let disks = vm.disks.clone();
    view! {
        <dl class="pf-v6-c-description-list pf-m-2-col-on-lg">
            {term("Name", vm.name.clone())}
            {term("Description", or_dash(Some(vm.description.clone())))}
            {term("Status", vm.status.label().to_string())}
            {term("Guest agent", agent.to_string())}
            {term("CPUs", or_dash(vm.cpus.map(|c| c.to_string())))}
            {term("Memory", or_dash(vm.memory_bytes.map(format::bytes)))}
            {term("Operating system", or_dash(vm.os.clone()))}
            {vm.namespace.clone().map(|ns| term("Namespace", ns))}
        </dl>
        <h2 class="pf-v6-c-title pf-m-lg vms-subtitle">"Disks"</h2>
        {if disks.is_empty() {
            view! { <EmptyState title="No disks" body="This VM has no disks: a snapshot keeps only its configuration." /> }.into_any()
        } else {
            view! {
                <table class="pf-v6-c-table pf-m-compact" role="grid" aria-label="Disks">
                    <thead class="pf-v6-c-table__thead">
                        <tr class="pf-v6-c-table__tr" role="row">
                            <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Disk"</th>
                            <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Size"</th>
                            <th class="pf-v6-c-table__th" role="columnheader" scope="col">"Snapshots"</th>
                        </tr>
                    </thead>
                    <tbody class="pf-v6-c-table__tbody" role="rowgroup">
                        {disks.into_iter().map(|d| view! {
                            <tr class="pf-v6-c-table__tr" role="row">
                                <td class="pf-v6-c-table__td" role="cell" data-label="Disk">{d.name}</td>
                                <td class="pf-v6-c-table__td" role="cell" data-label="Size">{d.size_bytes.map(format::bytes).unwrap_or_else(|| "—".into())}</td>
                                <td class="pf-v6-c-table__td" role="cell" data-label="Snapshots">
                                    {if d.snapshottable {
                                        view! { <Label text="Supported" modifier="pf-m-success" /> }.into_any()
                                    } else {
                                        view! { <span>{d.reason.unwrap_or_else(|| "Cannot be snapshotted".into())}</span> }.into_any()
                                    }}
                                </td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}
