//! Toasts: PatternFly alerts in one toast group for the whole app, each with a close button and
//! the next steps it offers ("Start VM", "Edit VM"). Any view pushes one through [`use_toaster`];
//! they stay until closed, so a toast that ends a long operation is not missed.

use crate::components::layer::Layer;
use leptos::prelude::*;

/// A next step a toast offers.
#[derive(Clone)]
pub enum ToastAction {
    /// A button that runs something.
    Button { label: String, on: Callback<()> },
    /// A link (in the app or to the host console).
    Link { label: String, href: String },
}

#[derive(Clone)]
pub struct Toast {
    /// `pf-m-success`, `pf-m-warning`, `pf-m-danger`, `pf-m-info`.
    pub variant: &'static str,
    pub message: String,
    pub actions: Vec<ToastAction>,
    /// What it tells the end of ("restore <vm id>"), where two views may tell it: one toast a
    /// topic (see [`Toaster::push`] and [`Toaster::push_unless_told`]).
    pub topic: Option<String>,
}

impl Toast {
    fn new(variant: &'static str, message: String) -> Self {
        Toast {
            variant,
            message,
            actions: Vec::new(),
            topic: None,
        }
    }
    pub fn success(message: String) -> Self {
        Toast::new("pf-m-success", message)
    }
    /// Done, but not all of it (a VM made, and not started).
    pub fn warning(message: String) -> Self {
        Toast::new("pf-m-warning", message)
    }
    pub fn danger(message: String) -> Self {
        Toast::new("pf-m-danger", message)
    }
    pub fn info(message: String) -> Self {
        Toast::new("pf-m-info", message)
    }
    /// What a screen reader says before the message, as PatternFly's alerts do.
    fn kind(&self) -> &'static str {
        match self.variant {
            "pf-m-success" => "Success alert",
            "pf-m-warning" => "Warning alert",
            "pf-m-danger" => "Danger alert",
            _ => "Info alert",
        }
    }

    fn icon(&self) -> &'static str {
        match self.variant {
            "pf-m-success" => "pf-v6-pficon-ok",
            "pf-m-warning" => "pf-v6-pficon-warning-triangle",
            "pf-m-danger" => "pf-v6-pficon-error-circle-o",
            _ => "pf-v6-pficon-info",
        }
    }

    pub fn with(mut self, action: ToastAction) -> Self {
        self.actions.push(action);
        self
    }

    pub fn about(mut self, topic: String) -> Self {
        self.topic = Some(topic);
        self
    }
}

/// The app's toasts.
#[derive(Clone, Copy)]
pub struct Toaster {
    list: RwSignal<Vec<(u64, Toast)>>,
    next: RwSignal<u64>,
}

impl Toaster {
    /// Shows `toast` (unless the same message is already shown) and gives its id. One shown
    /// about the same topic is replaced by it: the one who followed a change tells it best.
    pub fn push(&self, toast: Toast) -> u64 {
        let id = self.next.get_untracked();
        self.next.set(id + 1);
        self.list.update(|all| {
            let same_topic =
                toast.topic.is_some() && all.iter().any(|(_, t)| t.topic == toast.topic);
            if same_topic {
                all.retain(|(_, t)| t.topic != toast.topic);
            }
            if !all.iter().any(|(_, t)| t.message == toast.message) {
                all.push((id, toast));
            }
        });
        id
    }

    /// Shows `toast` unless one about its topic is shown (told by whoever followed it).
    pub fn push_unless_told(&self, toast: Toast) {
        let told = toast.topic.is_some()
            && self
                .list
                .with_untracked(|all| all.iter().any(|(_, t)| t.topic == toast.topic));
        if !told {
            self.push(toast);
        }
    }

    /// Puts `toast` in the place of toast `id` (a progress toast becoming its result).
    pub fn replace(&self, id: u64, toast: Toast) {
        self.list
            .update(|all| match all.iter_mut().find(|(i, _)| *i == id) {
                Some(slot) => slot.1 = toast,
                None => all.push((id, toast)),
            });
    }

    pub fn dismiss(&self, id: u64) {
        self.list.update(|all| all.retain(|(i, _)| *i != id));
    }
}

/// Makes the app's toaster available below.
pub fn provide_toaster() -> Toaster {
    let toaster = Toaster {
        list: RwSignal::new(Vec::new()),
        next: RwSignal::new(0),
    };
    provide_context(toaster);
    toaster
}

pub fn use_toaster() -> Toaster {
    expect_context::<Toaster>()
}

#[component]
pub fn Toasts() -> impl IntoView {
    let toaster = use_toaster();
    // In the layer above the page, so no masthead or host page covers a toast.
    view! {
        <Layer>
        <ul class="pf-v6-c-alert-group pf-m-toast" role="list" aria-live="polite">
            <For each=move || toaster.list.get() key=|(id, t)| (*id, t.message.clone()) let:entry>
                {
                    let (id, t) = entry;
                    view! {
                        <li class="pf-v6-c-alert-group__item">
                            <div class=format!("pf-v6-c-alert {}", t.variant) role="status">
                                <div class="pf-v6-c-alert__icon">
                                    <i class=format!("pf-v6-pficon {}", t.icon()) aria-hidden="true"></i>
                                </div>
                                <p class="pf-v6-c-alert__title">
                                    <span class="pf-v6-screen-reader">{format!("{}: ", t.kind())}</span>
                                    {t.message.clone()}
                                </p>
                                <div class="pf-v6-c-alert__action">
                                    <button class="pf-v6-c-button pf-m-plain" type="button"
                                        aria-label=format!("Close {}: {}", t.kind().to_ascii_lowercase(), t.message)
                                        on:click=move |_| toaster.dismiss(id)>
                                        <span class="pf-v6-c-button__icon" aria-hidden="true">"×"</span>
                                    </button>
                                </div>
                                {(!t.actions.is_empty()).then(|| view! {
                                    <div class="pf-v6-c-alert__action-group">
                                        {t.actions.iter().cloned().map(|a| match a {
                                            ToastAction::Button { label, on } => view! {
                                                <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button"
                                                    on:click=move |_| { toaster.dismiss(id); on.run(()) }>{label}</button>
                                            }.into_any(),
                                            ToastAction::Link { label, href } => view! {
                                                <a class="pf-v6-c-button pf-m-link pf-m-inline" href=href>{label}</a>
                                            }.into_any(),
                                        }).collect_view()}
                                    </div>
                                })}
                            </div>
                        </li>
                    }
                }
            </For>
        </ul>
        </Layer>
    }
}
