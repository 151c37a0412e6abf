//! One PatternFly modal for every dialog: a title, a body, a footer with a primary button that
//! is enabled only when the form is valid and nothing is in flight, the backend's message shown
//! inside on failure (the form is kept), Escape and Cancel to close.

use crate::api::{ApiError, Backend};
use crate::components::focus;
use crate::components::layer::Layer;
use crate::context::use_app;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::future::Future;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Numbers the modals, for the ids that tie a dialog to its title and its buttons to its form.
static NEXT_MODAL: AtomicUsize = AtomicUsize::new(0);

/// The sending part every modal shares: an action that runs `send` with the backend, calls
/// `on_done` with what it gives when it succeeds, and the last failure for the modal to show.
#[allow(clippy::type_complexity)]
pub fn use_send<I, O, F, Fut>(
    send: F,
    on_done: Callback<O>,
) -> (Action<I, Result<O, ApiError>>, Signal<Option<ApiError>>)
where
    I: Clone + Send + Sync + 'static,
    O: Clone + Send + Sync + 'static,
    F: Fn(Rc<dyn Backend>, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, ApiError>> + 'static,
{
    let backend = use_app().backend();
    let action = Action::new_local(move |input: &I| send(backend.clone(), input.clone()));
    Effect::new(move |_| {
        if let Some(Ok(done)) = action.value().get() {
            on_done.run(done);
        }
    });
    let error = Signal::derive(move || action.value().get().and_then(|r| r.err()));
    (action, error)
}

#[component]
pub fn Modal(
    #[prop(into)] title: String,
    /// The primary button's label.
    #[prop(into)]
    submit_label: Signal<String>,
    /// Whether the form can be sent.
    #[prop(into)]
    valid: Signal<bool>,
    /// A request is in flight.
    #[prop(into)]
    pending: Signal<bool>,
    /// The last failure, shown above the buttons.
    #[prop(into)]
    error: Signal<Option<ApiError>>,
    on_submit: Callback<()>,
    on_close: Callback<()>,
    /// A large modal (the custom preview's grid).
    #[prop(optional)]
    wide: bool,
    /// The primary button destroys something (Delete, Commit).
    #[prop(optional)]
    danger: bool,
    children: Children,
) -> impl IntoView {
    let n = NEXT_MODAL.fetch_add(1, Ordering::Relaxed);
    let title_id = format!("vms-modal-title-{n}");
    let form_id = format!("vms-modal-form-{n}");
    let size = if wide { "pf-m-lg" } else { "pf-m-md" };
    let primary = if danger {
        "pf-v6-c-button pf-m-progress pf-m-danger"
    } else {
        "pf-v6-c-button pf-m-progress pf-m-primary"
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if valid.get_untracked() && !pending.get_untracked() {
            on_submit.run(());
        }
    };
    // The dialog pattern: focus goes to the first field, Tab stays inside, and when the dialog
    // closes focus returns to what opened it.
    let dialog = NodeRef::<leptos::html::Div>::new();
    let opener = SendWrapper::new(focus::active());
    on_cleanup(move || {
        if let Some(el) = opener.take() {
            focus::restore(&el);
        }
    });
    Effect::new(move |_| {
        if let Some(d) = dialog.get() {
            let fields = focus::focusables(
                &d,
                Some("input:not([disabled]), select:not([disabled]), textarea:not([disabled])"),
            );
            if let Some(first) = fields
                .first()
                .cloned()
                .or_else(|| focus::focusables(&d, None).into_iter().next())
            {
                let _ = first.focus();
            }
        }
    });
    let on_key = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" && !pending.get_untracked() {
            on_close.run(());
        }
        if ev.key() == "Tab" {
            let Some(d) = dialog.get_untracked() else {
                return;
            };
            let all = focus::focusables(&d, None);
            let (Some(first), Some(last)) = (all.first(), all.last()) else {
                return;
            };
            let now = focus::active();
            let at = |e: &web_sys::HtmlElement| now.as_ref() == Some(e);
            if ev.shift_key() && (at(first) || now.is_none()) {
                ev.prevent_default();
                let _ = last.focus();
            } else if !ev.shift_key() && at(last) {
                ev.prevent_default();
                let _ = first.focus();
            }
        }
    };
    // The header and the footer stay in place and the body scrolls (PatternFly's modal box is a
    // column whose body overflows): the form sits in the body, and the footer's buttons belong
    // to it through their `form` attribute.
    let labelled_by = title_id.clone();
    let form_for = form_id.clone();
    view! {
        <Layer>
            <div class="pf-v6-c-backdrop" on:keydown=on_key>
                <div class="pf-v6-l-bullseye">
                    <div class=format!("pf-v6-c-modal-box {size}") role="dialog" aria-modal="true" aria-labelledby=labelled_by node_ref=dialog>
                        <div class="pf-v6-c-modal-box__close">
                            <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Close"
                                disabled=move || pending.get() on:click=move |_| on_close.run(())>
                                <span class="pf-v6-c-button__icon" aria-hidden="true">"×"</span>
                            </button>
                        </div>
                        <header class="pf-v6-c-modal-box__header">
                            <h1 class="pf-v6-c-modal-box__title" id=title_id>
                                <span class="pf-v6-c-modal-box__title-text">{title}</span>
                            </h1>
                        </header>
                        <div class="pf-v6-c-modal-box__body">
                            <form class="pf-v6-c-form" id=form_id novalidate on:submit=submit>
                                {children()}
                            </form>
                            {move || error.get().map(|e| view! {
                                <div class="pf-v6-c-alert pf-m-danger pf-m-inline vms-modal-error" role="alert">
                                    <p class="pf-v6-c-alert__title">{e.title()}</p>
                                    <div class="pf-v6-c-alert__description">{e.to_string()}</div>
                                </div>
                            })}
                        </div>
                        <footer class="pf-v6-c-modal-box__footer">
                            <button class=primary class:pf-m-in-progress=move || pending.get() type="submit" form=form_for
                                disabled=move || !valid.get() || pending.get()
                                aria-busy=move || pending.get().to_string()>
                                {move || pending.get().then(|| view! {
                                    <span class="pf-v6-c-button__progress">
                                        <svg class="pf-v6-c-spinner pf-m-md" role="progressbar" viewBox="0 0 100 100" aria-label="Sending">
                                            <circle class="pf-v6-c-spinner__path" cx="50" cy="50" r="45" fill="none" />
                                        </svg>
                                    </span>
                                })}
                                <span class="pf-v6-c-button__text">{move || submit_label.get()}</span>
                            </button>
                            <button class="pf-v6-c-button pf-m-link" type="button"
                                disabled=move || pending.get() on:click=move |_| on_close.run(())>
                                <span class="pf-v6-c-button__text">"Cancel"</span>
                            </button>
                        </footer>
                    </div>
                </div>
            </div>
        </Layer>
    }
}

/// A labelled form field with its validation message.
#[component]
pub fn Field(
    #[prop(into)] label: String,
    #[prop(into)] id: String,
    #[prop(optional)] required: bool,
    /// The validation message, shown beside the field.
    #[prop(into, optional)]
    error: Option<Signal<Option<String>>>,
    /// Help shown under the field.
    #[prop(into, optional)]
    help: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="pf-v6-c-form__group">
            <div class="pf-v6-c-form__group-label">
                <label class="pf-v6-c-form__label" for=id>
                    <span class="pf-v6-c-form__label-text">{label}</span>
                    {required.then(|| view! { <span class="pf-v6-c-form__label-required" aria-hidden="true">" *"</span> })}
                </label>
            </div>
            <div class="pf-v6-c-form__group-control">
                {children()}
                <div class="pf-v6-c-form__helper-text" aria-live="polite">
                    <div class="pf-v6-c-helper-text">
                        {move || match error.and_then(|e| e.get()) {
                            Some(message) => view! {
                                <div class="pf-v6-c-helper-text__item pf-m-error">
                                    <span class="pf-v6-c-helper-text__item-text">{message}</span>
                                </div>
                            }.into_any(),
                            None => help.clone().map(|h| view! {
                                <div class="pf-v6-c-helper-text__item">
                                    <span class="pf-v6-c-helper-text__item-text">{h}</span>
                                </div>
                            }).into_any(),
                        }}
                    </div>
                </div>
            </div>
        </div>
    }
}
