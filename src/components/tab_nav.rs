//! Where the user is inside the Snapshots tab: the table (with its list query) or a details
//! view. Standalone, this lives in the URL (`…/snapshots?sort=…`, `…/snapshots/<id>`,
//! `…/schedules/<id>`), so a reload or a shared link keeps it. Embedded in a host page, it lives
//! in memory: the host's URL and history are never touched.

use crate::context::use_app;
use crate::model::listing::ListQuery;
use leptos::ev::MouseEvent;
use leptos::prelude::*;

/// A view of the tab.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TabView {
    List,
    Snapshot(String),
    Schedule(String),
}

/// The tab's place and the way to change it.
#[derive(Clone, Copy)]
pub struct TabNav {
    pub view: Signal<TabView>,
    pub query: Signal<ListQuery>,
    go: Callback<(TabView, ListQuery, bool)>,
    /// The link target of a view, for `href`: a URL standalone; `None` embedded.
    href: Option<Callback<(TabView, ListQuery), String>>,
}

impl TabNav {
    /// Goes to `view` with the list query `query`; `replace` replaces the history entry
    /// (standalone) instead of adding one.
    pub fn go(&self, view: TabView, query: ListQuery, replace: bool) {
        self.go.run((view, query, replace));
    }

    /// The `href` of a link to `view`, keeping the list query.
    pub fn href(&self, view: TabView) -> String {
        match &self.href {
            Some(href) => href.run((view, self.query.get_untracked())),
            None => "#".to_string(),
        }
    }

    /// In memory, for a tab inside a host page.
    pub fn in_memory() -> Self {
        let state = RwSignal::new((TabView::List, ListQuery::default()));
        TabNav {
            view: Signal::derive(move || state.read().0.clone()),
            query: Signal::derive(move || state.read().1.clone()),
            go: Callback::new(move |(view, query, _)| state.set((view, query))),
            href: None,
        }
    }

    /// In the URL of the standalone app, under `/vms/<vm>/`: a route path and its query.
    /// `path` and `query` are the address's (`pages::location`); `navigate` goes to an in-app URL.
    ///
    /// A new list query (a sort, a filter, a page) is shown at once, and written to the URL once
    /// the browser is idle after the frame that shows it: the work on a new URL (`pushState`,
    /// and, when it was measured, `leptos_router` matching its routes and updating its signals)
    /// took as long as redrawing the rows, and made a sort miss a frame. Going to another view (details) goes through the URL
    /// at once, as a link does.
    pub fn in_url(
        vm_path: Signal<String>,
        path: Memo<String>,
        query: Memo<ListQuery>,
        navigate: Callback<(String, bool)>,
    ) -> Self {
        let app = use_app();
        let url = Callback::new(move |(view, query): (TabView, ListQuery)| {
            let base = vm_path.get_untracked();
            let path = match view {
                TabView::List => format!("{base}/snapshots"),
                TabView::Snapshot(id) => format!("{base}/snapshots/{}", crate::config::encode(&id)),
                TabView::Schedule(id) => format!("{base}/schedules/{}", crate::config::encode(&id)),
            };
            app.href_with(&path, &query.to_pairs())
        });
        let view = Memo::new(move |_| view_of_path(&path.read()));
        // The query shown: the URL's, or one set a moment ago whose URL is not written yet.
        let shown = RwSignal::new(query.get_untracked());
        // Whether a URL is due, and whether it replaces the history entry (it adds one if a
        // change it carries would have); and the query of the last URL written.
        let due = StoredValue::new(None::<bool>);
        let written = StoredValue::new(None::<ListQuery>);
        // A URL changed by the history (back, forward) or a link: the tab follows it. A URL
        // this tab wrote brings a query it has shown already (and may have left since).
        Effect::new(move |_| {
            let now = query.get();
            let ours = written
                .try_update_value(|w| w.take().is_some_and(|w| w == now))
                .unwrap_or(false);
            if !ours && shown.with_untracked(|s| *s != now) {
                shown.set(now);
            }
        });
        let write = move || {
            let Some(Some(replace)) = due.try_update_value(Option::take) else {
                return;
            };
            // Written as the tab shows it now, if the page is still the list (not another tab
            // of the VM's page, which a link may have gone to meanwhile) and the URL differs.
            let (Some(true), Some(q), Some(in_url)) = (
                path.try_with_untracked(|p| is_list_path(p)),
                shown.try_get_untracked(),
                query.try_get_untracked(),
            ) else {
                return;
            };
            if q != in_url {
                if let Some(href) = url.try_run((TabView::List, q.clone())) {
                    written.set_value(Some(q));
                    navigate.try_run((href, replace));
                }
            }
        };
        TabNav {
            view: view.into(),
            query: shown.into(),
            go: Callback::new(move |(to, q, replace): (TabView, ListQuery, bool)| {
                if to == TabView::List && path.with_untracked(|p| is_list_path(p)) {
                    // Each change that adds a history entry keeps its own: one not written
                    // yet is written now, before the next.
                    if !replace && due.with_value(|d| *d == Some(false)) {
                        write();
                    }
                    shown.set(q);
                    let first = due.with_value(Option::is_none);
                    due.update_value(|d| *d = Some(d.unwrap_or(true) && replace));
                    if first {
                        write_when_idle(write);
                    }
                } else {
                    due.set_value(None);
                    navigate.run((url.run((to, q)), replace));
                }
            }),
            href: Some(url),
        }
    }
}

/// Runs `write` once the browser is idle (`requestIdleCallback`, within 100 ms at most): after
/// the frame that shows what the URL will say, and after any input waiting. Where there is no
/// idle callback (Safari), in the first task after the next frame. Nothing to cancel when the
/// tab goes first: `write` then finds its values disposed, and does nothing.
fn write_when_idle(write: impl FnOnce() + Copy + 'static) {
    use wasm_bindgen::JsCast;
    let asked = web_sys::window().is_some_and(|w| {
        let f = wasm_bindgen::closure::Closure::once_into_js(write);
        let within = web_sys::IdleRequestOptions::new();
        within.set_timeout(100);
        w.request_idle_callback_with_options(f.unchecked_ref(), &within)
            .is_ok()
    });
    if !asked {
        request_animation_frame(move || {
            let _ = set_timeout_with_handle(write, std::time::Duration::ZERO);
        });
    }
}

/// Whether a standalone path is the Snapshots tab's list (`/vms/<vm>/snapshots`), where
/// [`view_of_path`] says `List` for any path that names no details (the Overview's too).
pub fn is_list_path(path: &str) -> bool {
    path.trim_end_matches('/').ends_with("/snapshots")
}

/// The view a standalone path names (`/vms/<vm>/snapshots/<id>`, `/vms/<vm>/schedules/<id>`).
pub fn view_of_path(path: &str) -> TabView {
    let parts: Vec<&str> = path.trim_end_matches('/').rsplitn(3, '/').collect();
    let decode = |s: &str| {
        js_sys::decode_uri_component(s)
            .ok()
            .and_then(|d| d.as_string())
            .unwrap_or_else(|| s.to_string())
    };
    match parts.as_slice() {
        [id, "snapshots", _] if !id.is_empty() => TabView::Snapshot(decode(id)),
        [id, "schedules", _] if !id.is_empty() => TabView::Schedule(decode(id)),
        _ => TabView::List,
    }
}

pub fn provide_tab_nav(nav: TabNav) {
    provide_context(nav);
}

pub fn use_tab_nav() -> TabNav {
    expect_context::<TabNav>()
}

/// A link to a view of the tab: followed in place (a click without modifier keys), so that an
/// embedded tab never changes the host page's URL.
#[component]
pub fn TabLink(
    /// Where it goes (it may change: a table row is kept for the next snapshot in its place).
    #[prop(into)]
    to: Signal<TabView>,
    #[prop(optional, into)] class: Option<&'static str>,
    children: Children,
) -> impl IntoView {
    let nav = use_tab_nav();
    // With the list's query, as it is now (it carries the sort and filters to the view).
    let href = move || {
        nav.query.track();
        nav.href(to.get())
    };
    let on_click = move |ev: MouseEvent| {
        let modified =
            ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0;
        if modified && nav.href.is_some() {
            return; // a new tab or window of the standalone app
        }
        ev.prevent_default();
        nav.go(to.get_untracked(), nav.query.get_untracked(), false);
    };
    view! { <a href=href class=class on:click=on_click>{children()}</a> }
}

#[cfg(test)]
mod tests {
    use super::is_list_path;

    #[test]
    fn only_the_snapshots_list_is_the_list() {
        assert!(is_list_path("/vms/a/snapshots"));
        assert!(is_list_path("/vms/a/snapshots/"));
        assert!(is_list_path("/console/vms/a/snapshots"));
        assert!(!is_list_path("/vms/a"));
        assert!(!is_list_path("/vms/a/snapshots/b"));
        assert!(!is_list_path("/vms/a/schedules/b"));
    }
}
