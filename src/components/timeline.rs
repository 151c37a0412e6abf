//! The timeline view of the Snapshots tab: an SVG axis with a lane each for the taken snapshots,
//! the schedules' next runs and the past restores, and a "Now" line. Marks too close to tell
//! apart are drawn as one with their count; activating one zooms in on it, activating a single
//! mark opens its details. Every mark is a button: Tab reaches it, the arrow keys move between
//! marks, Home and End go to the first and the last, Enter or Space activates, + and − zoom.

use crate::components::tab_nav::{use_tab_nav, TabView};
use crate::model::schedule::Schedule;
use crate::model::timeline::{clusters, describe, marks, ticks, Cluster, Lane, Span, Target};
use crate::model::Snapshot;
use chrono::{Local, Utc};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The left gutter, for the lane titles, and the right margin.
const GUTTER: f64 = 96.0;
const MARGIN: f64 = 16.0;
/// The tick labels' row, and each lane's height.
const AXIS: f64 = 28.0;
const LANE: f64 = 48.0;
/// Marks closer than this (in pixels) are drawn as one: a numbered mark (radius 12) stays clear
/// of the next.
const GAP: f64 = 28.0;

fn lane_y(lane: Lane) -> f64 {
    let i = Lane::ALL.iter().position(|l| *l == lane).unwrap_or(0) as f64;
    AXIS + LANE * i + LANE / 2.0
}

#[component]
pub fn Timeline(
    /// The snapshots and schedules to show (the tab's filters applied).
    #[prop(into)]
    snapshots: Signal<Vec<Snapshot>>,
    #[prop(into)] schedules: Signal<Vec<Schedule>>,
    /// Why the backend tells no past restores, when it does not.
    no_restores: Option<String>,
) -> impl IntoView {
    let nav = use_tab_nav();
    let root = NodeRef::<leptos::html::Div>::new();
    // The drawing is as wide as its box, measured each time the box is laid out at another
    // size: when it is first laid out (the standalone page is laid out only once its first
    // reads have come, so a timeline built before has no size yet), and when the window or
    // what is around it changes.
    let width = RwSignal::new(1000.0_f64);
    let measured = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if let Some(el) = root.get_untracked() {
            let w = f64::from(el.client_width());
            if w > 0.0 {
                width.set(w);
            }
        }
    });
    let observer = web_sys::ResizeObserver::new(measured.as_ref().unchecked_ref()).ok();
    if let Some(observer) = observer.clone() {
        Effect::new(move |_| {
            if let Some(el) = root.get() {
                observer.observe(&el);
            }
        });
    }
    let observing = send_wrapper::SendWrapper::new((observer, measured));
    on_cleanup(move || {
        if let Some(observer) = &observing.0 {
            observer.disconnect();
        }
    });

    let now = Utc::now();
    let all =
        Memo::new(move |_| snapshots.with(|s| schedules.with(|sch| marks(s, sch, now, &Local))));
    // `None`: fit every mark; otherwise the span zoomed or panned to.
    let chosen = RwSignal::new(None::<Span>);
    let span = Memo::new(move |_| {
        chosen
            .get()
            .unwrap_or_else(|| all.with(|m| Span::fit(m, now)))
    });
    let axis = Memo::new(move |_| (width.get() - GUTTER - MARGIN).max(120.0));
    let drawn = Memo::new(move |_| all.with(|m| clusters(m, &span.get(), axis.get(), GAP)));

    let focus_first = move || {
        // After the marks are drawn again, the first one takes the focus.
        if let Some(el) = root.get_untracked() {
            let el: web_sys::Element = el.into();
            request_animation_frame(move || {
                if let Ok(Some(mark)) = el.query_selector(".vms-tl-mark") {
                    if let Ok(mark) = mark.dyn_into::<web_sys::SvgElement>() {
                        let _ = mark.focus();
                    }
                }
            });
        }
    };
    let zoom = move |factor: f64, center: Option<chrono::DateTime<Utc>>| {
        let s = span.get_untracked();
        let center = center.unwrap_or(s.start + (s.end - s.start) / 2);
        chosen.set(Some(s.zoom(factor, center)));
    };
    let pan = move |fraction: f64| chosen.set(Some(span.get_untracked().pan(fraction)));
    let activate = move |c: &Cluster| {
        let list = all.get_untracked();
        match c.marks.as_slice() {
            [one] => {
                let to = match &list[*one].target {
                    Target::Snapshot(id) => TabView::Snapshot(id.clone()),
                    Target::Schedule(id) => TabView::Schedule(id.clone()),
                };
                nav.go(to, nav.query.get_untracked(), false);
            }
            _ => {
                chosen.set(Some(Span::around(c.first, c.last)));
                focus_first();
            }
        }
    };
    // Arrow keys, Home and End move the focus among the marks, in time order lane by lane.
    let move_focus = move |from: &web_sys::Element, key: &str| {
        let Some(root) = root.get_untracked() else {
            return;
        };
        let root: web_sys::Element = root.into();
        let Ok(list) = root.query_selector_all(".vms-tl-mark") else {
            return;
        };
        let marks: Vec<web_sys::SvgElement> = (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<web_sys::SvgElement>().ok())
            .collect();
        let at = marks.iter().position(|m| {
            let m: &web_sys::Element = m.as_ref();
            m == from
        });
        let last = marks.len().saturating_sub(1);
        let to = match (key, at) {
            ("Home", _) => 0,
            ("End", _) => last,
            ("ArrowRight" | "ArrowDown", Some(i)) => (i + 1).min(last),
            ("ArrowLeft" | "ArrowUp", Some(i)) => i.saturating_sub(1),
            _ => return,
        };
        if let Some(m) = marks.get(to) {
            let _ = m.focus();
        }
    };

    let mark_view = move |c: Cluster| {
        let n = c.marks.len();
        let label = all.with_untracked(|m| describe(&c, m, &Local));
        let title = if n == 1 {
            format!("{label}. Opens its details.")
        } else {
            format!("{label}. Zooms in on them.")
        };
        let (x, y) = (GUTTER + c.x, lane_y(c.lane));
        let lane = match c.lane {
            Lane::Taken => "taken",
            Lane::Runs => "runs",
            Lane::Restores => "restores",
        };
        let target = match all.with_untracked(|m| m[c.marks[0]].target.clone()) {
            Target::Snapshot(id) | Target::Schedule(id) => id,
        };
        let shape = match (c.lane, n) {
            (_, 1) if c.lane == Lane::Restores => view! {
                <rect class="vms-tl-shape" x="-6" y="-6" width="12" height="12" transform="rotate(45)" />
            }
            .into_any(),
            (_, 1) => view! { <circle class="vms-tl-shape" r="7" /> }.into_any(),
            _ => view! {
                <circle class="vms-tl-shape vms-tl-cluster" r="12" />
                <text class="vms-tl-count" text-anchor="middle" dy="0.35em" aria-hidden="true">{n.to_string()}</text>
            }
            .into_any(),
        };
        let (clicked, keyed) = (c.clone(), c);
        let aria = title.clone();
        view! {
            <g class="vms-tl-mark" role="button" tabindex="0" aria-label=aria
                data-lane=lane data-count=n.to_string() data-target=(n == 1).then_some(target)
                transform=format!("translate({x:.1} {y:.1})")
                on:click=move |_| activate(&clicked)
                on:keydown=move |e: ev::KeyboardEvent| {
                    let key = e.key();
                    match key.as_str() {
                        "Enter" | " " => { e.prevent_default(); activate(&keyed); }
                        "+" | "=" => { e.prevent_default(); zoom(0.5, Some(keyed.first + (keyed.last - keyed.first) / 2)); focus_first(); }
                        "-" | "_" => { e.prevent_default(); zoom(2.0, None); focus_first(); }
                        "ArrowRight" | "ArrowLeft" | "ArrowUp" | "ArrowDown" | "Home" | "End" => {
                            e.prevent_default();
                            if let Some(el) = e.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                                move_focus(&el, &key);
                            }
                        }
                        _ => {}
                    }
                }>
                <title>{title}</title>
                {shape}
            </g>
        }
    };

    let height = AXIS + LANE * Lane::ALL.len() as f64 + 8.0;
    let no_restores = StoredValue::new(no_restores);
    let svg = move || {
        let no_restores = no_restores.get_value();
        let w = width.get();
        let axis_w = axis.get();
        let s = span.get();
        let tick_marks = ticks(&s, axis_w, 96.0, &Local)
            .into_iter()
            .map(|(x, label)| {
                let x = GUTTER + x;
                view! {
                    <g class="vms-tl-tick">
                        <line x1=x x2=x y1=AXIS - 6.0 y2=height - 8.0 />
                        <text x=x y=AXIS - 10.0 text-anchor="middle">{label}</text>
                    </g>
                }
            })
            .collect_view();
        let lanes = Lane::ALL
            .iter()
            .map(|l| {
                let y = lane_y(*l);
                let unknown = (*l == Lane::Restores).then(|| no_restores.clone()).flatten();
                view! {
                    <g class="vms-tl-lane">
                        <text x="0" y=y dy="0.35em">{l.title()}</text>
                        {unknown.map(|why| view! {
                            <text class="vms-tl-unknown" x=GUTTER + 8.0 y=y - 8.0 data-restores="not-reported">{why}</text>
                        })}
                        <line x1=GUTTER x2=GUTTER + axis_w y1=y y2=y />
                    </g>
                }
            })
            .collect_view();
        let now_line = s.contains(now).then(|| {
            let x = GUTTER + s.x(now, axis_w);
            view! {
                <g class="vms-tl-now" data-now="">
                    <line x1=x x2=x y1=AXIS - 4.0 y2=height - 4.0 />
                    <text x=x + 4.0 y=height - 8.0>"Now"</text>
                </g>
            }
        });
        let marks_drawn = drawn.get().into_iter().map(mark_view).collect_view();
        view! {
            <svg class="vms-timeline" width=w height=height viewBox=format!("0 0 {w} {height}")
                role="group" aria-label="Timeline of snapshots, scheduled runs and restores">
                {tick_marks}
                {lanes}
                {now_line}
                {marks_drawn}
            </svg>
        }
    };
    let range = move || {
        let s = span.get();
        let show = |d: chrono::DateTime<Utc>| {
            d.with_timezone(&Local)
                .format("%-d %b %Y %H:%M")
                .to_string()
        };
        format!("{} to {}", show(s.start), show(s.end))
    };
    let counts = move || {
        all.with(|m| {
            let n = |l: Lane| m.iter().filter(|x| x.lane == l).count();
            format!(
                "{} snapshots, {} scheduled runs, {} restores",
                n(Lane::Taken),
                n(Lane::Runs),
                n(Lane::Restores)
            )
        })
    };
    let button = move |label: &'static str, on: Box<dyn Fn() + Send + Sync>| {
        view! {
            <button class="pf-v6-c-button pf-m-secondary pf-m-small" type="button" on:click=move |_| on()>
                <span class="pf-v6-c-button__text">{label}</span>
            </button>
        }
    };
    view! {
        <div class="vms-tl" data-view="timeline">
            <div class="pf-v6-c-toolbar pf-m-inset-none">
                <div class="pf-v6-c-toolbar__content">
                    <div class="pf-v6-c-toolbar__content-section">
                        <div class="pf-v6-c-toolbar__item">{button("Earlier", Box::new(move || pan(-0.5)))}</div>
                        <div class="pf-v6-c-toolbar__item">{button("Zoom in", Box::new(move || zoom(0.5, None)))}</div>
                        <div class="pf-v6-c-toolbar__item">{button("Zoom out", Box::new(move || zoom(2.0, None)))}</div>
                        <div class="pf-v6-c-toolbar__item">{button("Later", Box::new(move || pan(0.5)))}</div>
                        <div class="pf-v6-c-toolbar__item">{button("Show all", Box::new(move || chosen.set(None)))}</div>
                        <div class="pf-v6-c-toolbar__item pf-m-align-self-center">
                            <span class="vms-relative" data-range="" aria-live="polite">{range}</span>
                        </div>
                    </div>
                </div>
            </div>
            <div class="vms-tl-box" node_ref=root>{svg}</div>
            <p class="vms-note">{counts}". A number stands for marks too close to tell apart: activate it to zoom in. Arrow keys move between marks; + and − zoom."</p>
        </div>
    }
}
