//! The standalone page kept out of the layout while it starts: built at once, but laid out and
//! painted only once its first state is in the document (its rows, or its empty or error state,
//! in place of its skeleton), so that its first frame is the page with its data. `app::start`
//! begins it and ends it at the latest after a while; the views end it with
//! [`show_once_drawn`]. Embedded, nothing is kept out, and the views' calls do nothing.

use leptos::prelude::*;

/// The class on the document's root element that keeps the body out of the layout
/// (`style/app.css`).
const STARTING: &str = "vms-starting";

fn root() -> Option<web_sys::Element> {
    web_sys::window()?.document()?.document_element()
}

/// Keeps the page out of the layout, until [`show`].
pub fn keep_out() {
    if let Some(root) = root() {
        let _ = root.class_list().add_1(STARTING);
    }
}

/// Lets the page be laid out (again and again: only the first call changes anything).
pub fn show() {
    if let Some(root) = root() {
        let _ = root.class_list().remove_1(STARTING);
    }
}

/// Lets the page be laid out once `drawn()` is true: the calling view's first state other than
/// loading is in the document. `drawn` reads the state the view draws from; the effect that
/// draws it and this one both run before the browser lays the page out again.
pub fn show_once_drawn(drawn: impl Fn() -> bool + 'static) {
    // The class is the one mark of it: a view built later, or embedded, has nothing to do.
    if root().is_some_and(|root| root.class_list().contains(STARTING)) {
        show_once(Box::new(drawn));
    }
}

/// One effect's code for every view (each effect's closure type is code of its own in the wasm).
fn show_once(drawn: Box<dyn Fn() -> bool>) {
    // Once shown, a later run (the state changing again) changes nothing.
    Effect::new(move |_| {
        if drawn() {
            show();
        }
    });
}
