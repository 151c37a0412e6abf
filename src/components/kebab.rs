//! A PatternFly kebab (menu toggle + menu) whose disabled items say why.

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
    view! {
        <div class="vms-kebab" on:keydown=move |ev| if ev.key() == "Escape" { open.set(false) }>
            <button class="pf-v6-c-menu-toggle pf-m-plain" type="button" aria-label=label
                aria-haspopup="menu" aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)>
                <span class="pf-v6-c-menu-toggle__icon" aria-hidden="true">"⋮"</span>
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-menu vms-kebab-menu">
                    <div class="pf-v6-c-menu__content">
                        <ul class="pf-v6-c-menu__list" role="menu">
                            {items.clone().into_iter().map(|item| {
                                let reason = item.allowed.clone().err();
                                let disabled = reason.is_some();
                                let select = item.on_select;
                                let title = reason.clone();
                                view! {
                                    <li class="pf-v6-c-menu__list-item" class:pf-m-aria-disabled=disabled role="none">
                                        <button class="pf-v6-c-menu__item" type="button" role="menuitem"
                                            aria-disabled=disabled.to_string() title=title
                                            on:click=move |_| if !disabled { open.set(false); select.run(()) }>
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
