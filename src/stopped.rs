//! What the page shows if the app panics. A panic is a bug (bad input, an HTTP error or a
//! dropped connection each have their own message and Retry), but if one happens the wasm stops
//! where it was, and whatever it held stays held: the page would look alive and answer nothing.
//! The panic hook writes the panic to the console, as before, and shows a danger alert in the
//! layer above the page, once: the app stopped working, why (the panic's text, as text), and a
//! Reload button. The page itself is left as it is, so what the user typed can still be copied.
//!
//! On the standalone page, a trap that is not a panic (the wasm aborted, or overflowed its
//! stack) shows the same alert ([`on_traps`]).
//!
//! The alert is built with the DOM alone, from fixed markup: the app's reactive state cannot be
//! trusted any more.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Sets the panic hook, once: `layer_class` is the class of the layer the alert is drawn in
/// (the embedded tab's scope, so its rules reach it; see `components::layer`).
pub fn install(layer_class: &'static str) {
    static SET: Once = Once::new();
    SET.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            console_error_panic_hook::hook(info);
            show(layer_class, &info.to_string());
        }));
    });
}

/// Shows the same alert when the wasm traps without a panic (an out-of-memory abort, a stack
/// overflow): an uncaught `WebAssembly.RuntimeError`, thrown from an event handler or a task.
/// The standalone page only: in a host page, another app's wasm could be the one that trapped.
pub fn on_traps(layer_class: &'static str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_error = Closure::<dyn Fn(JsValue)>::new(move |event: JsValue| {
        // An `ErrorEvent`'s error, or a `PromiseRejectionEvent`'s reason.
        let error = ["error", "reason"]
            .into_iter()
            .filter_map(|key| js_sys::Reflect::get(&event, &key.into()).ok())
            .find(|e| e.is_instance_of::<js_sys::WebAssembly::RuntimeError>());
        let Some(error) = error else {
            return;
        };
        let message = error.unchecked_into::<js_sys::Error>().message();
        show(
            layer_class,
            &format!("WebAssembly: {}", String::from(message)),
        );
    });
    for kind in ["error", "unhandledrejection"] {
        let _ = window.add_event_listener_with_callback(kind, on_error.as_ref().unchecked_ref());
    }
    on_error.forget();
}

/// The panic's text as the alert shows it: its message and where, on one line.
pub fn reason(panic: &str) -> String {
    format!("What failed: {}", panic.trim().replace('\n', " "))
}

/// The alert's markup, PatternFly's danger alert in a toast group: fixed text only (the panic's
/// text goes in as text, into `.vms-stopped-reason`).
const MARKUP: &str = concat!(
    r#"<ul class="pf-v6-c-alert-group pf-m-toast" role="list"><li class="pf-v6-c-alert-group__item">"#,
    r#"<div class="pf-v6-c-alert pf-m-danger vms-stopped" role="alert">"#,
    r#"<div class="pf-v6-c-alert__icon"><i class="pf-v6-pficon pf-v6-pficon-error-circle-o" aria-hidden="true"></i></div>"#,
    r#"<p class="pf-v6-c-alert__title"><span class="pf-v6-screen-reader">Danger alert: </span>"#,
    "The app stopped working",
    r#"</p><div class="pf-v6-c-alert__description"><p>"#,
    "Something went wrong that the app did not expect, and it no longer responds. ",
    "Copy anything you typed that you want to keep, then reload the page.",
    r#"</p><p class="vms-stopped-reason"></p></div><div class="pf-v6-c-alert__action-group">"#,
    r#"<button class="pf-v6-c-button pf-m-link pf-m-inline" type="button"><span class="pf-v6-c-button__text">Reload</span></button>"#,
    r#"</div></div></li></ul>"#,
);

/// Shows the alert, the first time only (a panic's trap comes after its hook).
fn show(layer_class: &str, panic: &str) -> Option<()> {
    if SHOWN.swap(true, Ordering::SeqCst) {
        return None;
    }
    let document = web_sys::window()?.document()?;
    // The standalone page may still be kept out of the layout (`starting`).
    crate::starting::show();
    let layer = document.create_element("div").ok()?;
    layer.set_class_name(layer_class);
    layer.set_inner_html(MARKUP);
    layer
        .query_selector(".vms-stopped-reason")
        .ok()??
        .set_text_content(Some(&reason(panic)));
    // Touches nothing of the app's state: only the page's location.
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    layer
        .query_selector("button")
        .ok()??
        .add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())
        .ok()?;
    on_click.forget();
    document.body()?.append_child(&layer).ok()?;
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_is_the_panic_on_one_line() {
        let panic =
            "panicked at src/pages/snapshots_tab.rs:12:5:\nalready borrowed: BorrowMutError";
        assert_eq!(
            reason(panic),
            "What failed: panicked at src/pages/snapshots_tab.rs:12:5: already borrowed: BorrowMutError"
        );
    }
}
