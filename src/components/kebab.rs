//! A PatternFly kebab (menu toggle + menu) whose disabled items say why, with the WAI-ARIA menu
//! button's keys: Enter, Space or ArrowDown open it on the first item and ArrowUp on the last;
//! Up, Down, Home, End and a letter move; Escape closes it back to the toggle; Tab or a click
//! outside closes it.

use crate::components::focus;
use leptos::ev;
use leptos::prelude::*;

/// One item: its label, and `Err(reason)` when disabled.
#[derive(Clone)]
pub struct Item {
    pub label: &'static str,
    pub allowed: Result<(), String>,
    pub on_select: Callback<()>,
}

#[component]
pub fn Kebab(items: Vec<Item>, #[prop(into)] label: String) -> impl IntoView {
    let open = RwSignal::new(false);
    let root = NodeRef::<leptos::html::Div>::new();
    let toggle = NodeRef::<leptos::html::Button>::new();
    let labels = StoredValue::new(
        items
            .iter()
            .map(|i| i.label.to_string())
            .collect::<Vec<_>>(),
    );
    let menu_items = move || {
        root.get_untracked()
            .map(|r| focus::focusables(&r, Some("[role=menuitem]")))
            .unwrap_or_default()
    };
    // Focus goes to an item once the menu is drawn.
    let focus_item = move |last: bool| {
        request_animation_frame(move || {
            let items = menu_items();
            let item = if last { items.last() } else { items.first() };
            if let Some(item) = item {
                let _ = item.focus();
            }
        });
    };
    let close_to_toggle = move || {
        open.set(false);
        if let Some(t) = toggle.get_untracked() {
            let _ = t.focus();
        }
    };
    // A click outside closes the menu.
    Effect::new(move |_| {
        if open.get() {
            let outside = window_event_listener(ev::pointerdown, move |e| {
                let inside = root.get_untracked().is_some_and(|r| {
                    e.target()
                        .and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::Node>(t).ok())
                        .is_some_and(|t| r.contains(Some(&t)))
                });
                if !inside {
                    open.set(false);
                }
            });
            on_cleanup(move || outside.remove());
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
                <div class="pf-v6-c-menu vms-kebab-menu" on:keydown=on_menu_key>
                    <div class="pf-v6-c-menu__content">
                        <ul class="pf-v6-c-menu__list" role="menu">
                            {items.clone().into_iter().map(|item| {
                                let reason = item.allowed.clone().err();
                                let disabled = reason.is_some();
                                let select = item.on_select;
                                let title = reason.clone();
                                view! {
                                    <li class="pf-v6-c-menu__list-item" class:pf-m-aria-disabled=disabled role="none">
                                        <button class="pf-v6-c-menu__item" type="button" role="menuitem" tabindex="-1"
                                            aria-disabled=disabled.to_string() title=title
                                            on:click=move |_| if !disabled {
                                                // Focus goes back to the toggle first: a dialog the
                                                // item opens returns focus there when it closes.
                                                close_to_toggle();
                                                select.run(())
                                            }>
                                            <span class="pf-v6-c-menu__item-main">
                                                <span class="pf-v6-c-menu__item-text">{item.label}</span>
                                            </span>
                                            {reason.map(|r| view! { <span class="pf-v6-c-menu__item-description">{r}</span> })}
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
