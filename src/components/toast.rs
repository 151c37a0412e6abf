//! Toasts: PatternFly alerts in a toast group, each with a close button.

use leptos::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Toast {
    /// `pf-m-success`, `pf-m-danger`, `pf-m-info`.
    pub variant: &'static str,
    pub message: String,
}

impl Toast {
    pub fn success(message: String) -> Self {
        Toast {
            variant: "pf-m-success",
            message,
        }
    }
    pub fn danger(message: String) -> Self {
        Toast {
            variant: "pf-m-danger",
            message,
        }
    }
    pub fn info(message: String) -> Self {
        Toast {
            variant: "pf-m-info",
            message,
        }
    }
}

#[component]
pub fn Toasts(toasts: RwSignal<Vec<Toast>>) -> impl IntoView {
    view! {
        <ul class="pf-v6-c-alert-group pf-m-toast" role="list" aria-live="polite">
            {move || toasts.get().into_iter().enumerate().map(|(i, t)| view! {
                <li class="pf-v6-c-alert-group__item">
                    <div class=format!("pf-v6-c-alert {}", t.variant) role="status">
                        <p class="pf-v6-c-alert__title">{t.message.clone()}</p>
                        <div class="pf-v6-c-alert__action">
                            <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Close"
                                on:click=move |_| toasts.update(|all| { if i < all.len() { all.remove(i); } })>"×"</button>
                        </div>
                    </div>
                </li>
            }).collect_view()}
        </ul>
    }
}
