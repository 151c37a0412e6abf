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
    /// A new list query (a sort, a filter, a page) is shown, and written to the URL in the same
    /// turn, so that Back always goes to the step before it. (Rounds 29 to 34 wrote the URL once
    /// the browser was idle, within 100 ms, which spared a sort the 3–4 ms that `leptos_router`
    /// then took over a new URL; a Back pressed within that moment went one step too far, out of
    /// the tab maybe. With the app's own small router, writing it at once costs a sort or a
    /// filter about 1–2 ms, measured in round 35.) Going to another view (details) goes through
    /// the URL too, as a link does.
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
        // The query shown: the URL's, or one the tab has just set (and written).
        let shown = RwSignal::new(query.get_untracked());
        // The query of the last URL this tab wrote, until the address brings it.
        let written = StoredValue::new(None::<ListQuery>);
        // A URL changed by the history (back, forward) or a link: the tab follows it. A URL
        // this tab wrote brings a query it shows already.
        Effect::new(move |_| {
            let now = query.get();
            let ours = written
                .try_update_value(|w| w.take().is_some_and(|w| w == now))
                .unwrap_or(false);
            if !ours && shown.with_untracked(|s| *s != now) {
                shown.set(now);
            }
        });
        TabNav {
            view: view.into(),
            query: shown.into(),
            go: Callback::new(move |(to, q, replace): (TabView, ListQuery, bool)| {
                if to == TabView::List && path.with_untracked(|p| is_list_path(p)) {
                    shown.set(q.clone());
                    if query.with_untracked(|in_url| *in_url != q) {
                        written.set_value(Some(q.clone()));
                        navigate.run((url.run((TabView::List, q)), replace));
                    }
                } else {
                    navigate.run((url.run((to, q)), replace));
                }
            }),
            href: Some(url),
        }
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
