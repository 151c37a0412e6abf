//! How a loop that follows something asks again: after a wait, and never while the page is
//! hidden (Page Visibility). A loop waiting for a snapshot, a restore or a new VM asks the
//! backend every second or two; when the page is hidden, its next ask waits until the page is
//! shown again, and then goes at once. The views' timed reads (`pages::refresh`) wait the same
//! way.

use futures::channel::oneshot;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

/// Waits `ms`, then for as long as the page is hidden.
pub async fn pause(ms: u32) {
    gloo_timers::future::TimeoutFuture::new(ms).await;
    shown().await;
}

/// Whether the page is hidden (another tab, a minimized window).
pub fn hidden() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .is_some_and(|d| d.hidden())
}

/// Resolves once the page is shown: at once when it is.
async fn shown() {
    if !hidden() {
        return;
    }
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let (tx, rx) = oneshot::channel::<()>();
    let tx = Rc::new(RefCell::new(Some(tx)));
    let listener = Closure::<dyn Fn()>::new(move || {
        if !hidden() {
            if let Some(tx) = tx.borrow_mut().take() {
                let _ = tx.send(());
            }
        }
    });
    let _ = document
        .add_event_listener_with_callback("visibilitychange", listener.as_ref().unchecked_ref());
    // Taken off when the wait ends, or when the loop waiting is dropped (its view gone).
    let _listening = Listening { document, listener };
    let _ = rx.await;
}

/// A `visibilitychange` listener, removed when dropped.
struct Listening {
    document: web_sys::Document,
    listener: Closure<dyn Fn()>,
}

impl Drop for Listening {
    fn drop(&mut self) {
        let _ = self.document.remove_event_listener_with_callback(
            "visibilitychange",
            self.listener.as_ref().unchecked_ref(),
        );
    }
}
