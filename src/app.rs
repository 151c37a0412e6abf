//! The root component: loads the configuration, connects the backend, and routes.

use crate::api::{self, Backend};
use crate::components::layout::PageFrame;
use crate::components::states::EmptyState;
use crate::components::toast::{provide_toaster, Toasts};
use crate::config::{self, Config};
use crate::model::Vm;
use crate::pages::{
    details::{ScheduleDetails, SnapshotDetails},
    snapshots_tab::SnapshotsTab,
    vm_list::VmList,
    vm_page::{VmOverview, VmPage},
};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;
use std::rc::Rc;

/// What every page needs: the configuration, the backend, and the query that keeps them.
#[derive(Clone)]
pub struct AppContext {
    pub config: Config,
    backend: StoredValue<Rc<dyn Backend>, LocalStorage>,
    /// The configuration keys of the page's URL query ("?backend=kubevirt"), carried by every link.
    pub carry: String,
    /// Counts changes made from anywhere (a VM started from a toast, a restore that ended): the
    /// pages' data read it, so they load again.
    changes: RwSignal<u64>,
}

impl AppContext {
    pub fn backend(&self) -> Rc<dyn Backend> {
        self.backend.get_value()
    }

    /// Says that something changed on the backend: every page's data loads again.
    pub fn changed(&self) {
        self.changes.update(|n| *n += 1);
    }

    /// Subscribes the calling resource or effect to [`AppContext::changed`].
    pub fn track_changes(&self) {
        self.changes.track();
    }

    /// Where "Edit VM" goes: the configured `edit_vm` link with `{id}`, `{name}` and `{namespace}`
    /// filled in, or else the VM's page here.
    pub fn edit_vm_href(&self, vm: &Vm) -> String {
        match &self.config.edit_vm {
            Some(template) => config::fill_link(template, vm),
            None => self.href(&format!("/vms/{}", config::encode(&vm.id))),
        }
    }

    /// An in-app link that keeps the configuration query.
    pub fn href(&self, path: &str) -> String {
        format!("{path}{}", self.carry)
    }

    /// An in-app link with the configuration query and more query pairs.
    pub fn href_with(&self, path: &str, pairs: &[(&str, String)]) -> String {
        let extra: Vec<String> = pairs
            .iter()
            .map(|(k, v)| format!("{k}={}", config::encode(v)))
            .collect();
        match (self.carry.is_empty(), extra.is_empty()) {
            (_, true) => self.href(path),
            (true, false) => format!("{path}?{}", extra.join("&")),
            (false, false) => format!("{path}{}&{}", self.carry, extra.join("&")),
        }
    }
}

pub fn use_app() -> AppContext {
    expect_context::<AppContext>()
}

#[component]
pub fn App() -> impl IntoView {
    let loaded = LocalResource::new(config::load);
    move || match loaded.get() {
        None => view! { <div class="vms-boot" aria-busy="true"></div> }.into_any(),
        Some(Err(e)) => view! {
            <EmptyState title="The configuration cannot be used" body=e.to_string() />
        }
        .into_any(),
        Some(Ok((config, query))) => {
            let context = AppContext {
                backend: StoredValue::new_local(api::connect(&config)),
                carry: config::carried_query(&query),
                config,
                changes: RwSignal::new(0),
            };
            provide_toaster();
            let kind = context.config.backend;
            provide_context(context);
            view! {
                <Router>
                    <PageFrame backend=kind>
                        <Routes fallback=|| view! { <EmptyState title="Page not found" /> }>
                            <Route path=path!("/") view=VmList />
                            <ParentRoute path=path!("/vms/:id") view=VmPage>
                                <Route path=path!("") view=VmOverview />
                                <Route path=path!("snapshots") view=SnapshotsTab />
                                <Route path=path!("snapshots/:sid") view=SnapshotDetails />
                                <Route path=path!("schedules/:sid") view=ScheduleDetails />
                            </ParentRoute>
                        </Routes>
                        <Toasts />
                    </PageFrame>
                </Router>
            }
            .into_any()
        }
    }
}
