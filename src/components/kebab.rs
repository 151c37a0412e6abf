//! A PatternFly kebab (menu toggle + menu) whose disabled items say why, with the WAI-ARIA menu
//! button's keys: Enter, Space or ArrowDown open it on the first item and ArrowUp on the last;
//! Up, Down, Home, End and a letter move; Escape closes it back to the toggle; Tab or a click
//! outside closes it.

use crate::components::focus;
use leptos::ev;
use leptos::prelude::*;

/// One item: its label, and `Err(reason)` when disabled (which may change while it is shown).
#[derive(Clone)]
pub struct Item {
    pub label: &'static str,
    pub allowed: Signal<Result<(), String>>,
    pub on_select: Callback<()>,
}

/// Where the open menu stands in the viewport (CSS pixels): `top` when it opens downward,
/// `bottom` when it opens upward, and its right edge's distance from the viewport's.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Placement {
    pub top: Option<f64>,
    pub bottom: Option<f64>,
    pub right: f64,
}

/// The gap between the toggle and its menu.
const GAP: f64 = 4.0;

impl Placement {
    /// The menu of `size` (width, height) for a toggle at `rect`, in a viewport of `vw` × `vh`:
    /// below it when it fits there or fits above no better, above it otherwise.
    pub fn for_toggle(rect: web_sys::DomRect, size: (f64, f64), vw: f64, vh: f64) -> Self {
        Self::compute(rect.top(), rect.bottom(), rect.right(), size, vw, vh)
    }

    /// As [`Placement::for_toggle`], for a toggle from `top` to `bottom` whose right edge is at
    /// `right`, and a menu of `(width, height)`. A menu wider than the room left of the
    /// toggle's edge is moved right until it fits in the viewport.
    pub fn compute(
        top: f64,
        bottom: f64,
        right: f64,
        (width, height): (f64, f64),
        vw: f64,
        vh: f64,
    ) -> Self {
        let below = vh - bottom - GAP;
        let above = top - GAP;
        let right = (vw - right).min(vw - width).max(0.0);
        if height <= below || below >= above {
            Placement {
                top: Some(bottom + GAP),
                bottom: None,
                right,
            }
        } else {
            Placement {
                top: None,
                bottom: Some(vh - top + GAP),
                right,
            }
        }
    }

    fn name(&self) -> &'static str {
        if self.bottom.is_some() {
            "up"
        } else {
            "down"
        }
    }
}

/// Whole pixels: no float formatting in the wasm for a menu's place.
fn px(v: f64) -> String {
    format!("{}px", v.round() as i64)
}

#[component]
pub fn Kebab(
    items: Vec<Item>,
    #[prop(into)] label: Signal<String>,
    /// What the menu is for (a row kept for the next snapshot in its place): the menu closes
    /// when it changes, so that it never acts on what was not there when it opened.
    #[prop(optional, into)]
    close_on: Option<Signal<String>>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    if let Some(what) = close_on {
        Effect::new(move |before: Option<String>| {
            let now = what.get();
            if before.is_some_and(|b| b != now) {
                open.set(false);
            }
            now
        });
    }
    let root = NodeRef::<leptos::html::Div>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();
    let labels = StoredValue::new(
        items
            .iter()
            .map(|i| i.label.to_string())
            .collect::<Vec<_>>(),
    );
    let menu_items = move || {
        root.try_get_untracked()
            .flatten()
            .map(|r| focus::focusables(&r, Some("[role=menuitem]")))
            .unwrap_or_default()
    };
    // The menu is placed in the viewport (fixed), under the toggle's right edge, or above it
    // when there is no room below: no card, table or scrolling parent clips it.
    let menu = NodeRef::<leptos::html::Div>::new();
    let place = RwSignal::new(Placement::default());
    // These run from a frame callback or a listener too, when the kebab may be gone already:
    // they read its elements with `try_`, and set with `set`, which ignores a disposed signal.
    let measure = move || {
        let (Some(t), Some(w)) = (toggle.try_get_untracked().flatten(), web_sys::window()) else {
            return;
        };
        let size = menu
            .try_get_untracked()
            .flatten()
            .map(|m| (m.offset_width() as f64, m.offset_height() as f64))
            .unwrap_or_default();
        let viewport =
            |v: Result<wasm_bindgen::JsValue, _>| v.ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
        let (vw, vh) = (viewport(w.inner_width()), viewport(w.inner_height()));
        place.set(Placement::for_toggle(
            t.get_bounding_client_rect(),
            size,
            vw,
            vh,
        ));
    };
    // Focus goes to an item once the menu is drawn (and placed).
    let focus_item = move |last: bool| {
        measure();
        request_animation_frame(move || {
            measure();
            let items = menu_items();
            let item = if last { items.last() } else { items.first() };
            if let Some(item) = item {
                let _ = item.focus();
            }
        });
    };
    let close_to_toggle = move || {
        open.set(false);
        if let Some(t) = toggle.try_get_untracked().flatten() {
            let _ = t.focus();
        }
    };
    // A click outside closes the menu.
    Effect::new(move |_| {
        if open.get() {
            let outside = window_event_listener(ev::pointerdown, move |e| {
                let inside = root.try_get_untracked().flatten().is_some_and(|r| {
                    e.target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                        .is_some_and(|t| r.contains(Some(&t)))
                });
                if !inside {
                    open.set(false);
                }
            });
            // Scrolling anything, or resizing the window, moves the toggle: the menu follows.
            let follow = wasm_bindgen::closure::Closure::<dyn Fn()>::new(measure);
            let target: Option<web_sys::EventTarget> = web_sys::window().map(Into::into);
            if let Some(t) = &target {
                use wasm_bindgen::JsCast;
                let f = follow.as_ref().unchecked_ref();
                let _ = t.add_event_listener_with_callback_and_bool("scroll", f, true);
                let _ = t.add_event_listener_with_callback("resize", f);
            }
            let follow = send_wrapper::SendWrapper::new((follow, target));
            on_cleanup(move || {
                outside.remove();
                let (follow, target) = follow.take();
                if let Some(t) = target {
                    use wasm_bindgen::JsCast;
                    let f = follow.as_ref().unchecked_ref();
                    let _ = t.remove_event_listener_with_callback_and_bool("scroll", f, true);
                    let _ = t.remove_event_listener_with_callback("resize", f);
                }
            });
        }
    });
    let on_toggle_key = move |e: ev::KeyboardEvent| match e.key().as_str() {
        "ArrowDown" | "ArrowUp" => {
            e.prevent_default();
            open.set(true);
            focus_item(e.key() == "ArrowUp");
        }
        _ => {}
    };
    let on_menu_key = move |e: ev::KeyboardEvent| {
        let key = e.key();
        match key.as_str() {
            "Escape" => {
                e.prevent_default();
                close_to_toggle();
            }
            "Tab" => open.set(false),
            _ => {
                let items = menu_items();
                let now = focus::active();
                let current = items.iter().position(|i| Some(i) == now.as_ref());
                if let Some(next) = labels.with_value(|l| focus::next_index(&key, current, l)) {
                    e.prevent_default();
                    if let Some(item) = items.get(next) {
                        let _ = item.focus();
                    }
                }
            }
        }
    };
    view! {
        <div class="vms-kebab" node_ref=root>
            <button class="pf-v6-c-menu-toggle pf-m-plain" type="button" aria-label=label node_ref=toggle
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                on:keydown=on_toggle_key
                on:click=move |_| {
                    let opening = !open.get_untracked();
                    open.set(opening);
                    if opening {
                        focus_item(false);
                    }
                }>
                <span class="pf-v6-c-menu-toggle__icon" aria-hidden="true">"⋮"</span>
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu vms-kebab-menu" on:keydown=on_menu_key node_ref=menu
                    style:top=move || place.get().top.map(px) style:bottom=move || place.get().bottom.map(px)
                    style:right=move || px(place.get().right) data-placement=move || place.get().name()>
                    <div class="pf-v6-c-menu__content">
                        <ul class="pf-v6-c-menu__list" role="menu">
                            {items.clone().into_iter().map(|item| {
                                let allowed = item.allowed;
                                let reason = move || allowed.get().err();
                                let disabled = move || allowed.with(|a| a.is_err());
                                let select = item.on_select;
                                view! {
                                    <li class="pf-v6-c-menu__list-item" class:pf-m-aria-disabled=disabled role="none">
                                        <button class="pf-v6-c-menu__item" type="button" role="menuitem" tabindex="-1"
                                            aria-disabled=move || disabled().to_string() title=reason
                                            on:click=move |_| if !disabled() {
                                                // Focus goes back to the toggle first: a dialog the
                                                // item opens returns focus there when it closes.
                                                close_to_toggle();
                                                select.run(())
                                            }>
                                            <span class="pf-v6-c-menu__item-main">
                                                <span class="pf-v6-c-menu__item-text">{item.label}</span>
                                            </span>
                                            {move || reason().map(|r| view! { <span class="pf-v6-c-menu__item-description">{r}</span> })}
                                        </button>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::Placement;

    #[test]
    fn a_menu_opens_downward_where_it_fits_and_upward_near_the_bottom() {
        // A 200 px menu under a toggle at 100..130 in a 768 px viewport: below.
        let p = Placement::compute(100.0, 130.0, 1300.0, (288.0, 200.0), 1366.0, 768.0);
        assert_eq!(p.top, Some(134.0));
        assert_eq!(p.bottom, None);
        assert_eq!(p.right, 66.0);
        // The same toggle at 700..730: no room below, so above, its bottom at the toggle's top.
        let p = Placement::compute(700.0, 730.0, 1300.0, (288.0, 200.0), 1366.0, 768.0);
        assert_eq!(p.top, None);
        assert_eq!(p.bottom, Some(72.0));
        // No room either way: where there is more.
        let p = Placement::compute(300.0, 330.0, 1300.0, (288.0, 900.0), 1366.0, 768.0);
        assert_eq!(p.top, Some(334.0));
        // 320 px wide, the toggle's edge at 272: a 288 px menu is moved right to fit (left 0).
        let p = Placement::compute(300.0, 330.0, 272.0, (288.0, 200.0), 320.0, 640.0);
        assert_eq!(p.right, 32.0);
    }
}
