//! Asking again later, as a good API citizen: once per answer (so two asks never overlap), and
//! never while the page is hidden (Page Visibility): an ask that falls due then waits until the
//! page is shown again. And what an ask that fails leaves shown: the last good read.

use crate::api::pace::pause;
use crate::api::ApiError;
use leptos::prelude::*;
use std::time::Duration;

/// How often a view asks again while something is in progress.
pub const POLL: Duration = Duration::from_millis(1000);

/// Runs `ask` after `delay`, or once the page is shown again if it is hidden then
/// (`api::pace::pause`). Whatever is pending is dropped when the calling owner is cleaned up (a
/// new answer, or the view gone): its timer cleared, its visibility listener taken off.
pub fn ask_again_after(delay: Duration, ask: impl Fn() + 'static) {
    let ms = u32::try_from(delay.as_millis()).unwrap_or(u32::MAX);
    let (due, pending) = futures::future::abortable(pause(ms));
    leptos::task::spawn_local(async move {
        if due.await.is_ok() {
            ask();
        }
    });
    on_cleanup(move || pending.abort());
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
