//! The standalone shell: loads the configuration, connects the backend, and routes (masthead,
//! VM list, VM pages). The Snapshots tab itself is `pages::tab_root`, shared with the embed entry.

use crate::components::layout::PageFrame;
use crate::components::states::EmptyState;
use crate::components::theme::follow_color_scheme;
use crate::components::toast::{provide_toaster, Toasts};
use crate::config;
use crate::context::AppContext;
use crate::pages::{
    tab_root::SnapshotsTabRoot,
    vm_list::VmList,
    vm_page::{VmOverview, VmPage},
};
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    follow_color_scheme();
    let loaded = LocalResource::new(config::load);
    move || match loaded.get() {
        None => view! { <div class="vms-boot" aria-busy="true"></div> }.into_any(),
        Some(Err(e)) => view! {
            <EmptyState title="The configuration cannot be used" body=e.to_string() />
        }
        .into_any(),
        Some(Ok((config, query))) => {
            let context = AppContext::new(config, config::carried_query(&query), true);
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
                                <Route path=path!("snapshots") view=SnapshotsTabRoot />
                                <Route path=path!("snapshots/:sid") view=SnapshotsTabRoot />
                                <Route path=path!("schedules/:sid") view=SnapshotsTabRoot />
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
