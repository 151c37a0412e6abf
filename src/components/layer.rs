//! The layer that modals are drawn in: a container appended to the document's body, as
//! PatternFly's `appendTo: document.body` does, so that no card, table, scrolling parent or host
//! page's stacking can clip or cover a dialog. In an embedded tab the container carries the
//! tab's scope class, so the tab's own rules still apply inside it.

use crate::context::use_app;
use leptos::portal::Portal;
use leptos::prelude::*;

/// Draws `children` in the layer above the page, for as long as this view lives.
#[component]
pub fn Layer(children: Children) -> impl IntoView {
    let scope = use_app().layer_class();
    // The portal asks for its children as a function it may call again; they are built once.
    let children = StoredValue::new_local(Some(children));
    view! {
        <Portal>
            <div class=scope>{children.try_update_value(|c| c.take()).flatten().map(|c| c())}</div>
        </Portal>
    }
}

/// The page's busy backdrop, in the layer: what a dialog shows while what it needs is still
/// coming (the VM it is for, or its code).
#[component]
pub fn BusyBackdrop() -> impl IntoView {
    view! { <Layer><div class="pf-v6-c-backdrop" aria-busy="true"></div></Layer> }
}
