//! What the page shows if the app panics. A panic is a bug (bad input, an HTTP error or a
//! dropped connection each have their own message and Retry), but if one happens the wasm stops
//! where it was, and whatever it held stays held: the page would look alive and answer nothing.
//! The panic hook writes the panic to the console, as before, and shows a danger alert in the
//! layer above the page, once: the app stopped working, why (the panic's text, as text), and a
//! Reload button. The page itself is left as it is, so what the user typed can still be copied.
//!
//! The alert is built with the DOM alone: the app's reactive state cannot be trusted any more.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Once;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// What the alert says, beside the panic's own text.
pub const TITLE: &str = "The app stopped working";
pub const WHAT_TO_DO: &str =
    "Something went wrong that the app did not expect, and it no longer responds. \
     Copy anything you typed that you want to keep, then reload the page.";

static SHOWN: AtomicBool = AtomicBool::new(false);

/// Sets the panic hook, once: `layer_class` is the class of the layer the alert is drawn in
/// (the embedded tab's scope, so its rules reach it; see `components::layer`).
pub fn install(layer_class: &'static str) {
    static SET: Once = Once::new();
    SET.call_once(|| {
        std::panic::set_hook(Box::new(move |info| {
            console_error_panic_hook::hook(info);
            if !SHOWN.swap(true, Ordering::SeqCst) {
                let _ = show(layer_class, &info.to_string());
            }
        }));
    });
}

/// The panic's text as the alert shows it: its message and where, on one line.
pub fn reason(panic: &str) -> String {
    let text = panic.split_whitespace().collect::<Vec<_>>().join(" ");
    format!("What failed: {text}")
}

fn element(
    document: &web_sys::Document,
    tag: &str,
    class: &str,
) -> Result<web_sys::Element, JsValue> {
    let el = document.create_element(tag)?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    Ok(el)
}

fn show(layer_class: &str, panic: &str) -> Result<(), JsValue> {
    let document = web_sys::window()
        .and_then(|w| w.document())
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let body = document
        .body()
        .ok_or_else(|| JsValue::from_str("no body"))?;
    // The standalone page may still be kept out of the layout (`starting`).
    crate::starting::show();
    let layer = element(&document, "div", layer_class)?;
    let group = element(&document, "ul", "pf-v6-c-alert-group pf-m-toast")?;
    group.set_attribute("role", "list")?;
    let item = element(&document, "li", "pf-v6-c-alert-group__item")?;
    let alert = element(&document, "div", "pf-v6-c-alert pf-m-danger vms-stopped")?;
    alert.set_attribute("role", "alert")?;
    let icon = element(&document, "div", "pf-v6-c-alert__icon")?;
    let glyph = element(&document, "i", "pf-v6-pficon pf-v6-pficon-error-circle-o")?;
    glyph.set_attribute("aria-hidden", "true")?;
    icon.append_child(&glyph)?;
    let title = element(&document, "p", "pf-v6-c-alert__title")?;
    let kind = element(&document, "span", "pf-v6-screen-reader")?;
    kind.set_text_content(Some("Danger alert: "));
    title.append_child(&kind)?;
    title.append_child(&document.create_text_node(TITLE))?;
    let description = element(&document, "div", "pf-v6-c-alert__description")?;
    let what = element(&document, "p", "")?;
    what.set_text_content(Some(WHAT_TO_DO));
    let why = element(&document, "p", "vms-stopped-reason")?;
    why.set_text_content(Some(&reason(panic)));
    description.append_child(&what)?;
    description.append_child(&why)?;
    let actions = element(&document, "div", "pf-v6-c-alert__action-group")?;
    let reload = element(&document, "button", "pf-v6-c-button pf-m-link pf-m-inline")?;
    reload.set_attribute("type", "button")?;
    let label = element(&document, "span", "pf-v6-c-button__text")?;
    label.set_text_content(Some("Reload"));
    reload.append_child(&label)?;
    // Touches nothing of the app's state: only the page's location.
    let on_click = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    reload.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref())?;
    on_click.forget();
    actions.append_child(&reload)?;
    for part in [&icon, &title, &description, &actions] {
        alert.append_child(part)?;
    }
    item.append_child(&alert)?;
    group.append_child(&item)?;
    layer.append_child(&group)?;
    body.append_child(&layer)?;
    Ok(())
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
