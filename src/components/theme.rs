//! The standalone app's theme: PatternFly's dark theme (`pf-v6-theme-dark` on `<html>`) while
//! the system asks for a dark colour scheme, following it when it changes. An embedded tab
//! leaves `<html>` to its host, whose class PatternFly's tokens already follow.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

const DARK: &str = "pf-v6-theme-dark";

/// Follows `prefers-color-scheme` for as long as the calling owner lives.
pub fn follow_color_scheme() {
    let Some(query) = web_sys::window()
        .and_then(|w| w.match_media("(prefers-color-scheme: dark)").ok().flatten())
    else {
        return;
    };
    let apply = {
        let query = query.clone();
        move || {
            if let Some(html) = document().document_element() {
                let _ = html.class_list().toggle_with_force(DARK, query.matches());
            }
        }
    };
    apply();
    let on_change = Closure::<dyn Fn()>::new(apply);
    let _ = query.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
    let kept = SendWrapper::new((query, on_change));
    on_cleanup(move || {
        let (query, on_change) = kept.take();
        let _ =
            query.remove_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        if let Some(html) = document().document_element() {
            let _ = html.class_list().remove_1(DARK);
        }
    });
}
