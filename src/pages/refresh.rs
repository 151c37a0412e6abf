//! Asking again later, as a good API citizen: once per answer (so two asks never overlap), and
//! never while the page is hidden (Page Visibility): an ask that falls due then waits until the
//! page is shown again. And what an ask that fails leaves shown: the last good read.

use crate::api::pace::hidden;
use crate::api::ApiError;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// How often a view asks again while something is in progress.
pub const POLL: Duration = Duration::from_millis(1000);

/// Runs `ask` after `delay`, or once the page is shown again if it is hidden then. Whatever is
/// pending is dropped when the calling owner is cleaned up (a new answer, or the view gone).
pub fn ask_again_after(delay: Duration, ask: impl Fn() + Clone + 'static) {
    let waiting = StoredValue::new_local(None::<Closure<dyn Fn()>>);
    let due = {
        let ask = ask.clone();
        move || {
            if !hidden() {
                ask();
                return;
            }
            // Hidden: ask once, when the page is shown again.
            let ask = ask.clone();
            let on_visible = Closure::<dyn Fn()>::new(move || {
                if !hidden() {
                    stop_waiting(waiting);
                    ask();
                }
            });
            let _ = document().add_event_listener_with_callback(
                "visibilitychange",
                on_visible.as_ref().unchecked_ref(),
            );
            waiting.set_value(Some(on_visible));
        }
    };
    let timer = set_timeout_with_handle(due, delay).ok();
    let timer = SendWrapper::new(timer);
    on_cleanup(move || {
        if let Some(t) = timer.take() {
            t.clear();
        }
        stop_waiting(waiting);
    });
}

fn stop_waiting(waiting: StoredValue<Option<Closure<dyn Fn()>>, LocalStorage>) {
    if let Some(Some(listener)) = waiting.try_update_value(|w| w.take()) {
        let _ = document().remove_event_listener_with_callback(
            "visibilitychange",
            listener.as_ref().unchecked_ref(),
        );
        // The listener is running now or never again: let it go once it has returned.
        leptos::task::spawn_local(async move { drop(listener) });
    }
}

/// The last value `read` gave for the current `id`: a read that fails (a proxy's 502, a dropped
/// connection) leaves it, and one read for another id is never shown for this one.
pub fn last_read<T>(id: Signal<String>, read: LocalResource<Result<T, ApiError>>) -> Memo<Option<T>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    let last = Memo::new(move |before: Option<&(String, Option<T>)>| {
        let id = id.get();
        let fresh = read.with(|r| match r {
            Some(Ok(value)) => Some(value.clone()),
            _ => None,
        });
        match fresh {
            Some(value) => (id, Some(value)),
            None => {
                let kept = before
                    .filter(|(was, _)| *was == id)
                    .and_then(|(_, v)| v.clone());
                (id, kept)
            }
        }
    });
    Memo::new(move |_| last.with(|(_, value)| value.clone()))
}

/// The error of `read`'s last answer while `last` (its [`last_read`]) still shows what was read
/// before: a refresh that failed for a moment, for a
/// [`StaleAlert`](crate::components::states::StaleAlert).
pub fn failed_again<T>(
    last: Memo<Option<T>>,
    read: LocalResource<Result<T, ApiError>>,
) -> Memo<Option<ApiError>>
where
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| {
        let shown = last.with(Option::is_some);
        read.with(|r| match r {
            Some(Err(e)) if shown => Some(e.clone()),
            _ => None,
        })
    })
}
