//! The embed entry: one VM's Snapshots tab mounted into an element of any host page (the
//! OpenShift console's plugin, an oVirt UI plugin, a plain page). It shows only the tab (its
//! toolbar, table, details views, modals, preview banner and toasts) and keeps its place in
//! memory, never in the host's URL. Dropping the [`Embedded`] takes everything down: its DOM,
//! its listeners, its timers and its followers.

use crate::components::states::{AdapterNotLoaded, EmptyState};
use crate::components::tab_nav::{provide_tab_nav, TabNav};
use crate::components::toast::{provide_toaster, Toasts};
use crate::config::{embed_options, Config};
use crate::context::AppContext;
use crate::pages::tab_root::{provide_current_vm, SnapshotsTabRoot};
use leptos::mount::mount_to;
use leptos::prelude::*;
use web_sys::HtmlElement;

/// A tab mounted in a host element.
pub struct Embedded {
    element: HtmlElement,
    mounted: Option<Box<dyn std::any::Any>>,
}

impl Embedded {
    /// Mounts the tab for `options` (key and value pairs) into `element`. Options that cannot
    /// be used show their message inside the element.
    pub fn mount(element: HtmlElement, options: &[(String, String)]) -> Self {
        let mut embedded = Embedded {
            element,
            mounted: None,
        };
        embedded.update(options);
        embedded
    }

    /// Shows the tab for new options (another VM, another backend): the old one is taken down.
    pub fn update(&mut self, options: &[(String, String)]) {
        self.unmount();
        let parsed = embed_options(options);
        let handle = mount_to(self.element.clone(), move || match parsed {
            Ok((config, vm)) => view! { <EmbeddedTab config vm /> }.into_any(),
            Err(message) => view! {
                <div class="vms-embed">
                    <EmptyState title="The Snapshots tab cannot be shown" body=message />
                </div>
            }
            .into_any(),
        });
        self.mounted = Some(Box::new(handle));
    }

    /// Takes the tab down: its DOM, listeners, timers and followers go with it.
    pub fn unmount(&mut self) {
        self.mounted = None;
    }
}

#[component]
fn EmbeddedTab(config: Config, vm: String) -> impl IntoView {
    let for_backend = config.clone();
    let backend = LocalResource::new(move || {
        let config = for_backend.clone();
        async move { crate::api::connect(&config).await }
    });
    let vm = Signal::stored(vm);
    let tab = move || match backend.get() {
        None => view! { <div class="vms-boot" aria-busy="true"></div> }.into_any(),
        Some(Err(_)) => {
            view! { <AdapterNotLoaded on_retry=Callback::new(move |_| backend.refetch()) /> }
                .into_any()
        }
        Some(Ok(backend)) => {
            provide_context(AppContext::new(
                config.clone(),
                backend,
                String::new(),
                false,
            ));
            provide_toaster();
            provide_tab_nav(TabNav::in_memory());
            provide_current_vm(vm);
            view! {
                <SnapshotsTabRoot />
                <Toasts />
            }
            .into_any()
        }
    };
    view! { <div class="vms-embed">{tab}</div> }
}
