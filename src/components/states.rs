//! The loading, empty and error states every data view shows (PatternFly `Skeleton`, `EmptyState`).

use crate::api::ApiError;
use leptos::prelude::*;

/// Placeholder rows while a table loads.
#[component]
pub fn SkeletonRows(columns: usize, #[prop(default = 3)] rows: usize) -> impl IntoView {
    (0..rows)
        .map(|_| {
            view! {
                <tr class="pf-v6-c-table__tr vms-skeleton-row" role="row">
                    {(0..columns)
                        .map(|_| view! {
                            <td class="pf-v6-c-table__td" role="cell">
                                <div class="pf-v6-c-skeleton"><span class="pf-v6-screen-reader">"Loading…"</span></div>
                            </td>
                        })
                        .collect_view()}
                </tr>
            }
        })
        .collect_view()
}

/// An empty state with a title, a body and optional actions.
#[component]
pub fn EmptyState(
    #[prop(into)] title: String,
    #[prop(into, optional)] body: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-empty-state pf-m-sm">
            <div class="pf-v6-c-empty-state__content">
                <div class="pf-v6-c-empty-state__header">
                    <div class="pf-v6-c-empty-state__title">
                        <h2 class="pf-v6-c-empty-state__title-text">{title}</h2>
                    </div>
                </div>
                {body.map(|b| view! { <div class="pf-v6-c-empty-state__body">{b}</div> })}
                {children.map(|c| view! {
                    <div class="pf-v6-c-empty-state__footer">
                        <div class="pf-v6-c-empty-state__actions">{c()}</div>
                    </div>
                })}
            </div>
        </div>
    }
}

/// An error state: what failed, the backend's message as text, and a Retry button.
#[component]
pub fn ErrorState(error: ApiError, on_retry: Callback<()>) -> impl IntoView {
    view! { <ErrorPanel title=error.title() message=error.to_string() on_retry /> }
}

/// An error state in words of its own: a title, a sentence, and a Retry button.
#[component]
pub fn ErrorPanel(
    #[prop(into)] title: String,
    #[prop(into)] message: String,
    on_retry: Callback<()>,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-empty-state pf-m-sm pf-m-danger vms-error" role="alert">
            <div class="pf-v6-c-empty-state__content">
                <div class="pf-v6-c-empty-state__header">
                    <div class="pf-v6-c-empty-state__title">
                        <h2 class="pf-v6-c-empty-state__title-text">{title}</h2>
                    </div>
                </div>
                <div class="pf-v6-c-empty-state__body">{message}</div>
                <div class="pf-v6-c-empty-state__footer">
                    <div class="pf-v6-c-empty-state__actions">
                        <button class="pf-v6-c-button pf-m-primary" type="button" on:click=move |_| on_retry.run(())>
                            <span class="pf-v6-c-button__text">"Retry"</span>
                        </button>
                    </div>
                </div>
            </div>
        </div>
    }
}

/// That the configured backend's adapter, downloaded when the tab starts, could not be.
#[component]
pub fn AdapterNotLoaded(on_retry: Callback<()>) -> impl IntoView {
    view! {
        <ErrorPanel title="Could not download this part of the app"
            message="The part of the app that talks to this backend is downloaded when the tab starts, and the download failed. Check the connection, then retry."
            on_retry />
    }
}

/// A read that failed while what was read before is still shown (PatternFly's inline warning
/// alert): what could not be read again, the backend's message as text, and a Retry button.
/// It is one element for as long as the reads fail: a read that fails again, with the same
/// words or others, changes its text in place, so a screen reader is not told it anew and a
/// click on Retry is not lost to an alert drawn again.
#[component]
pub fn StaleAlert(
    /// What could not be read again, as "The snapshots".
    what: &'static str,
    /// The last read's error while what was read before is shown; `None` hides the alert.
    error: Signal<Option<ApiError>>,
    on_retry: Callback<()>,
) -> impl IntoView {
    let shown = Memo::new(move |_| error.with(Option::is_some));
    let message = move || error.with(|e| e.as_ref().map(ToString::to_string).unwrap_or_default());
    view! {
        <Show when=move || shown.get()>
            <div class="pf-v6-c-alert pf-m-warning pf-m-inline vms-stale" role="status" data-stale=what>
                <div class="pf-v6-c-alert__icon">
                    <i class="pf-v6-pficon pf-v6-pficon-warning-triangle" aria-hidden="true"></i>
                </div>
                <p class="pf-v6-c-alert__title">
                    <span class="pf-v6-screen-reader">"Warning alert:"</span>
                    {format!("{what} could not be read again; what is shown was read before")}
                </p>
                <div class="pf-v6-c-alert__description">{message}</div>
                <div class="pf-v6-c-alert__action-group">
                    <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button" on:click=move |_| on_retry.run(())>
                        <span class="pf-v6-c-button__text">"Retry"</span>
                    </button>
                </div>
            </div>
        </Show>
    }
}
