//! The standalone app's place in the browser's URL: which page an address shows, the address as
//! signals, in-app links followed without a reload, and Back and Forward.
//!
//! The app has three pages ([`Page`]), so it needs no general router: this is what it used of
//! `leptos_router` (its routes, `<A>`, and its location, query and navigate hooks), written for
//! these pages. `leptos_router` was about 7% of the main module (round 33 in the README).
//! The embedded tab never uses it: its place lives in memory (`TabNav::in_memory`).

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// A page of the standalone app, as its path names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Page {
    /// `/`
    VmList,
    /// `/vms/<id>` (the Overview) and the Snapshots tab under it, with `id` decoded.
    Vm { id: String, tab: VmTab },
    /// Any other path.
    NotFound,
}

/// A tab of the VM page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VmTab {
    Overview,
    /// `…/snapshots`, `…/snapshots/<id>` and `…/schedules/<id>` (the tab's details views,
    /// told apart by `tab_nav::view_of_path`).
    Snapshots,
}

impl Page {
    /// The page `path` (a URL's path, as the browser has it: percent-encoded) shows. A trailing
    /// slash is allowed; an empty segment is not (`/vms//snapshots`).
    pub fn of(path: &str) -> Page {
        let trimmed = path.trim_end_matches('/');
        if trimmed.is_empty() {
            return Page::VmList;
        }
        let Some(rest) = trimmed.strip_prefix('/') else {
            return Page::NotFound;
        };
        let parts: Vec<&str> = rest.split('/').collect();
        let tab = match parts.as_slice() {
            ["vms", _] => VmTab::Overview,
            ["vms", _, "snapshots"] | ["vms", _, "snapshots" | "schedules", _] => VmTab::Snapshots,
            _ => return Page::NotFound,
        };
        if parts.iter().any(|p| p.is_empty()) {
            return Page::NotFound;
        }
        Page::Vm {
            id: decode(parts[1]),
            tab,
        }
    }
}

/// A path segment decoded (`%20` is a space); as it is if it is not valid percent-encoding.
fn decode(segment: &str) -> String {
    if !segment.contains('%') {
        return segment.to_string();
    }
    js_sys::decode_uri_component(segment)
        .ok()
        .and_then(|d| d.as_string())
        .unwrap_or_else(|| segment.to_string())
}

/// The browser's address: its path (percent-encoded) and its query (with its `?`).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
struct Address {
    path: String,
    search: String,
}

impl Address {
    fn now() -> Address {
        let location = window().location();
        Address {
            path: location.pathname().unwrap_or_default(),
            search: location.search().unwrap_or_default(),
        }
    }
}

/// The address as signals, and the way to change it.
#[derive(Clone, Copy)]
pub struct Location {
    address: RwSignal<Address>,
    /// The page the path shows, worked out once for every reader.
    page: Memo<Page>,
}

impl Location {
    /// Reads the browser's address again (after a change of the history): the signal changes
    /// only if the address did.
    fn follow(&self) {
        let now = Address::now();
        if self.address.with_untracked(|a| *a != now) {
            self.address.set(now);
        }
    }

    /// The path, percent-encoded as in the address bar (a memo of its own for each call).
    pub fn path(&self) -> Memo<String> {
        let address = self.address;
        Memo::new(move |_| address.with(|a| a.path.clone()))
    }

    /// The page the path shows.
    pub fn page(&self) -> Memo<Page> {
        self.page
    }

    /// Reads the query: `read` is given what each key holds (decoded, the first value if the
    /// key comes more than once), from one parse of it by the browser's `URLSearchParams`.
    pub fn with_query<R>(&self, read: impl FnOnce(&dyn Fn(&str) -> Option<String>) -> R) -> R {
        let params = self
            .address
            .with(|a| web_sys::UrlSearchParams::new_with_str(&a.search).ok());
        read(&|key| params.as_ref().and_then(|p| p.get(key)))
    }

    /// Goes to the in-app URL `href` (a path with its query): a new history entry, or, with
    /// `replace`, in place of the current one; with `scroll`, the window scrolls to the top.
    pub fn go(&self, href: &str, replace: bool, scroll: bool) {
        let window = window();
        if let Ok(history) = window.history() {
            let here = window
                .location()
                .href()
                .ok()
                .zip(absolute(href))
                .is_some_and(|(here, there)| here == there);
            let _ = if replace {
                history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
            } else if here {
                Ok(())
            } else {
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(href))
            };
        }
        self.follow();
        if scroll {
            window.scroll_to_with_x_and_y(0.0, 0.0);
        }
    }
}

/// `href` resolved against the page's address, as the browser would follow it.
fn absolute(href: &str) -> Option<String> {
    let base = window().location().href().ok()?;
    web_sys::Url::new_with_base(href, &base)
        .ok()
        .map(|u| u.href())
}

/// Follows the browser's address from now on, and provides it to the views below. A click on
/// an in-app link (`<a href>` to a page of this app, a plain click with no modifier key, no
/// `target` and no `download`) goes there without a reload; Back and Forward change the page.
/// Both listeners are removed when the calling owner is cleaned up.
pub fn provide_location() -> Location {
    let address = RwSignal::new(Address::now());
    let location = Location {
        address,
        page: Memo::new(move |_| address.with(|a| Page::of(&a.path))),
    };
    let clicks = window_event_listener(ev::click, move |e| {
        if let Some(href) = in_app_link(&e) {
            e.prevent_default();
            location.go(&href.0, false, href.1);
        }
    });
    let history = window_event_listener(ev::popstate, move |_| location.follow());
    on_cleanup(move || {
        clicks.remove();
        history.remove();
    });
    provide_context(location);
    location
}

pub fn use_location() -> Location {
    expect_context::<Location>()
}

/// The in-app URL a click on a link goes to, and whether the window scrolls to the top after
/// it (not for a link with `data-noscroll`): `None` for a click the browser should follow
/// itself (a modifier key or another button, a link elsewhere, to a new window or a download,
/// or a click a view has handled).
fn in_app_link(e: &web_sys::MouseEvent) -> Option<(String, bool)> {
    if e.default_prevented()
        || e.button() != 0
        || e.meta_key()
        || e.alt_key()
        || e.ctrl_key()
        || e.shift_key()
    {
        return None;
    }
    let link = e
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("a[href]")
        .ok()??
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .ok()?;
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return None;
    }
    let here = window().location().origin().ok()?;
    let path = link.pathname();
    if link.origin() != here || Page::of(&path) == Page::NotFound {
        return None;
    }
    Some((
        format!("{path}{}{}", link.search(), link.hash()),
        !link.has_attribute("data-noscroll"),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vm(id: &str, tab: VmTab) -> Page {
        Page::Vm {
            id: id.to_string(),
            tab,
        }
    }

    #[test]
    fn the_pages_and_their_paths() {
        assert_eq!(Page::of("/"), Page::VmList);
        assert_eq!(Page::of(""), Page::VmList);
        assert_eq!(Page::of("/vms/abc"), vm("abc", VmTab::Overview));
        assert_eq!(Page::of("/vms/abc/"), vm("abc", VmTab::Overview));
        assert_eq!(Page::of("/vms/abc/snapshots"), vm("abc", VmTab::Snapshots));
        assert_eq!(
            Page::of("/vms/abc/snapshots/s1"),
            vm("abc", VmTab::Snapshots)
        );
        assert_eq!(
            Page::of("/vms/abc/schedules/d1/"),
            vm("abc", VmTab::Snapshots)
        );
    }

    #[test]
    fn other_paths_are_not_found() {
        for path in [
            "/vms",
            "/vms/",
            "/elsewhere",
            "/vms/abc/disks",
            "/vms/abc/schedules",
            "/vms/abc/snapshots/s1/more",
            "/vms//snapshots",
            "//vms/abc",
        ] {
            assert_eq!(Page::of(path), Page::NotFound, "{path}");
        }
    }
}
