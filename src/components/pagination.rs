//! PatternFly pagination: "1 - 20 of 2000", a page size, previous and next.

use crate::model::listing::PAGE_SIZES;
use leptos::prelude::*;

#[component]
pub fn Pagination(
    #[prop(into)] page: Signal<usize>,
    #[prop(into)] pages: Signal<usize>,
    #[prop(into)] per_page: Signal<usize>,
    #[prop(into)] total: Signal<usize>,
    on_page: Callback<usize>,
    on_per_page: Callback<usize>,
) -> impl IntoView {
    let range = move || {
        let (p, n, t) = (page.get(), per_page.get(), total.get());
        if t == 0 {
            "0 - 0 of 0".to_string()
        } else {
            format!("{} - {} of {t}", (p - 1) * n + 1, (p * n).min(t))
        }
    };
    view! {
        <div class="pf-v6-c-pagination">
            <span class="vms-range"><b>{range}</b></span>
            <label class="vms-per-page">
                <span class="pf-v6-screen-reader">"Snapshots per page"</span>
                <span class="pf-v6-c-form-control">
                    <select aria-label="Snapshots per page"
                        on:change=move |ev| if let Ok(n) = event_target_value(&ev).parse() { on_per_page.run(n) }>
                        {PAGE_SIZES.map(|n| view! {
                            <option value=n.to_string() selected=move || per_page.get() == n>{format!("{n} per page")}</option>
                        }).collect_view()}
                    </select>
                </span>
            </label>
            <nav class="pf-v6-c-pagination__nav" aria-label="Pagination">
                <div class="pf-v6-c-pagination__nav-control">
                    <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Go to previous page"
                        disabled=move || { page.get() <= 1 } on:click=move |_| on_page.run(page.get() - 1)>"‹"</button>
                </div>
                <div class="pf-v6-c-pagination__nav-page-select">{move || format!("Page {} of {}", page.get(), pages.get())}</div>
                <div class="pf-v6-c-pagination__nav-control">
                    <button class="pf-v6-c-button pf-m-plain" type="button" aria-label="Go to next page"
                        disabled=move || { page.get() >= pages.get() } on:click=move |_| on_page.run(page.get() + 1)>"›"</button>
                </div>
            </nav>
        </div>
    }
}
