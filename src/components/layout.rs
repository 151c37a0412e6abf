//! The page frame: PatternFly masthead and main section, and the breadcrumb.

use crate::model::BackendKind;
use leptos::prelude::*;

#[component]
pub fn PageFrame(backend: BackendKind, children: Children) -> impl IntoView {
    view! {
        <div class="pf-v6-c-page">
            <header class="pf-v6-c-masthead">
                <div class="pf-v6-c-masthead__main">
                    <div class="pf-v6-c-masthead__brand">
                        <span class="pf-v6-c-masthead__logo vms-brand">"VM snapshots"</span>
                    </div>
                </div>
                <div class="pf-v6-c-masthead__content">
                    <span class="vms-backend" data-backend=backend.key()>{backend.label()}</span>
                </div>
            </header>
            <div class="pf-v6-c-page__main-container">
                <main class="pf-v6-c-page__main" tabindex="-1">{children()}</main>
            </div>
        </div>
    }
}

/// A breadcrumb whose last item is the current page.
#[component]
pub fn Breadcrumb(
    items: Vec<(String, String)>,
    #[prop(into)] current: Signal<String>,
) -> impl IntoView {
    view! {
        <nav class="pf-v6-c-breadcrumb" aria-label="Breadcrumb">
            <ol class="pf-v6-c-breadcrumb__list" role="list">
                {items
                    .into_iter()
                    .map(|(label, href)| view! {
                        <li class="pf-v6-c-breadcrumb__item">
                            <a href=href class="pf-v6-c-breadcrumb__link">{label}</a>
                        </li>
                    })
                    .collect_view()}
                <li class="pf-v6-c-breadcrumb__item">
                    <span class="pf-v6-c-breadcrumb__link pf-m-current" aria-current="page">{current}</span>
                </li>
            </ol>
        </nav>
    }
}

/// A term and its description in a PatternFly description list.
pub fn term(t: &'static str, d: impl IntoView + 'static) -> impl IntoView {
    view! {
        <div class="pf-v6-c-description-list__group">
            <dt class="pf-v6-c-description-list__term"><span class="pf-v6-c-description-list__text">{t}</span></dt>
            <dd class="pf-v6-c-description-list__description"><div class="pf-v6-c-description-list__text">{d}</div></dd>
        </div>
    }
}
