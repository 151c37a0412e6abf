//! The standalone shell: loads the configuration, connects the backend, and shows the page the
//! address names (`pages::location`): the VM list or a VM's page, in the masthead's frame.
//! The Snapshots tab itself is `pages::tab_root`, shared with the embed entry.

use crate::api::FirstReads;
use crate::components::layout::PageFrame;
use crate::components::states::{AdapterNotLoaded, EmptyState};
use crate::components::theme::follow_color_scheme;
use crate::components::toast::{provide_toaster, Toasts};
use crate::config;
use crate::context::AppContext;
use crate::pages::location::{provide_location, Page, VmTab};
use crate::pages::{vm_list::VmList, vm_page::VmPage};
use crate::starting::{self, show_once_drawn};
use leptos::prelude::*;

/// How long the page stays out of the layout (`starting`), once the wasm runs, while the first
/// reads the boot script sent (`public/read-ahead.js`) are coming and the page draws them.
///
/// The page is built at once, while they come (the main thread has nothing else to do then),
/// but laid out and painted only once its first state is drawn: with its data, the page is laid
/// out and painted once, with the table; laid out before, it was painted without it, then again
/// as each answer came (each layout and paint with PatternFly costs about 20–40 ms here). Until
/// round 38 the wait ended when the reads had come, and a KubeVirt tab was then painted with its
/// skeleton first about 1 load in 12: its list was still being read. Until round 37 the page was
/// built only after this wait. Measured against that (interleaved, each load in a new tab opened
/// beforehand, medians of 11, first table): the 2,000-snapshot VM 348 → 319 ms on KubeVirt and
/// 313 → 295 ms on oVirt JSON, a small KubeVirt VM 273 → 257 ms, a small oVirt VM 162 → 155 ms.
/// Built and laid out at once instead (no class; medians of 13), the first tables came 13, 19
/// and 22 ms later than with the wait, the small oVirt VM's 4 ms sooner; in round 38, 10 ms
/// (KubeVirt) and 4 ms (JSON) later on the archives. A slower API gets the page, with its
/// loading state, after this long.
const FIRST_READS_WAIT_MS: i32 = 300;

/// Starts the standalone page: builds [`App`] on the body at once, and lets it be laid out once
/// its first state is drawn (a page that reads ahead) or its boot reads have settled (any other
/// page), or [`FIRST_READS_WAIT_MS`] have passed.
pub fn start() {
    // The backend's adapter is downloaded and compiled meanwhile (the boot script asked for its
    // files), so that the page finds it ready.
    wasm_bindgen_futures::spawn_local(async {
        if let Some(backend) = crate::api::http::boot_backend().await {
            crate::api::prefetch_adapter(&backend).await;
        }
    });
    starting::keep_out();
    // The answers having come is not enough: the page may still be reading them (or waiting for
    // its adapter), and shown then it would be painted with its skeleton first.
    let reads_ahead = web_sys::window()
        .and_then(|w| w.location().pathname().ok())
        .is_some_and(|path| first_reads(&path).is_some());
    wasm_bindgen_futures::spawn_local(async move {
        if reads_ahead {
            gloo_timers::future::TimeoutFuture::new(FIRST_READS_WAIT_MS as u32).await;
        } else {
            crate::api::http::boot_settled(FIRST_READS_WAIT_MS).await;
        }
        starting::show();
    });
    leptos::mount::mount_to_body(App);
}

/// Why the page could not start.
#[derive(Clone)]
enum NotStarted {
    /// The configuration is wrong: its message.
    Config(String),
    /// The configured backend's adapter could not be downloaded.
    Adapter,
}

/// The page the shell builds: a VM's page whatever its tab (the page shows the tab).
#[derive(Clone, PartialEq)]
enum Shown {
    VmList,
    Vm(String),
    NotFound,
}

#[component]
pub fn App() -> impl IntoView {
    follow_color_scheme();
    let loaded = LocalResource::new(|| async {
        let (config, query) = config::load()
            .await
            .map_err(|e| NotStarted::Config(e.to_string()))?;
        let backend = crate::api::connect(&config)
            .await
            .map_err(|_| NotStarted::Adapter)?;
        Ok::<_, NotStarted>((config, query, backend))
    });
    // A page that cannot start is its own first state.
    show_once_drawn(move || loaded.with(|l| matches!(l, Some(Err(_)))));
    move || match loaded.get() {
        None => view! { <div class="vms-boot" aria-busy="true"></div> }.into_any(),
        Some(Err(NotStarted::Config(message))) => view! {
            <EmptyState title="The configuration cannot be used" body=message />
        }
        .into_any(),
        Some(Err(NotStarted::Adapter)) => view! {
            <AdapterNotLoaded on_retry=Callback::new(move |_| loaded.refetch()) />
        }
        .into_any(),
        Some(Ok((config, query, backend))) => {
            let context = AppContext::new(config, backend, config::carried_query(&query), true);
            // What the page shows first is asked for now, while its views are built.
            if let Some(page) = web_sys::window()
                .and_then(|w| w.location().pathname().ok())
                .as_deref()
                .and_then(first_reads)
            {
                context.backend().read_ahead(page);
            }
            provide_toaster();
            let kind = context.config.backend;
            provide_context(context);
            let location = provide_location();
            let page = location.page();
            // The VM page stays while its tab changes: only another page (or another VM)
            // builds it again.
            let shown = Memo::new(move |_| match page.get() {
                Page::VmList => Shown::VmList,
                Page::Vm { id, .. } => Shown::Vm(id),
                Page::NotFound => Shown::NotFound,
            });
            view! {
                <PageFrame backend=kind>
                    {move || match shown.get() {
                        Shown::Vm(id) => view! { <VmPage id /> }.into_any(),
                        Shown::VmList => view! { <VmList /> }.into_any(),
                        Shown::NotFound => view! { <EmptyState title="Page not found" /> }.into_any(),
                    }}
                    <Toasts />
                </PageFrame>
            }
            .into_any()
        }
    }
}

/// The reads the page at `path` makes first, sent before it is built: the VM list's, or a VM's
/// Snapshots tab's ([`Page::of`] tells the page; public/read-ahead.js follows the same rule).
fn first_reads(path: &str) -> Option<FirstReads<'_>> {
    // The id as the path has it: an id that would need decoding is left to the page's own reads.
    let id = path.trim_start_matches('/').split('/').nth(1);
    if id.is_some_and(|id| id.contains('%')) {
        return None;
    }
    match Page::of(path) {
        Page::VmList => Some(FirstReads::Vms),
        Page::Vm {
            tab: VmTab::Snapshots,
            ..
        } => id.map(FirstReads::Tab),
        Page::Vm { .. } | Page::NotFound => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vm_list_and_the_tab_read_ahead_and_nothing_else() {
        assert_eq!(first_reads("/"), Some(FirstReads::Vms));
        assert_eq!(
            first_reads("/vms/abc/snapshots"),
            Some(FirstReads::Tab("abc"))
        );
        assert_eq!(
            first_reads("/vms/abc/snapshots/s1"),
            Some(FirstReads::Tab("abc"))
        );
        assert_eq!(
            first_reads("/vms/abc/schedules/d1"),
            Some(FirstReads::Tab("abc"))
        );
        assert_eq!(
            first_reads("/vms/abc/snapshots/"),
            Some(FirstReads::Tab("abc"))
        );
        // The pages Page::of does not find, or finds with another tab, read nothing ahead.
        for path in [
            "/vms/abc",
            "/vms/a%20b/snapshots",
            "/elsewhere",
            "/vms/abc/schedules",
            "/vms/abc/snapshots/s1/more",
            "/vms//snapshots",
        ] {
            assert_eq!(first_reads(path), None, "{path}");
        }
    }
}
