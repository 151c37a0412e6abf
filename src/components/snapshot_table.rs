//! The Snapshots table: taken and scheduled snapshots in one PatternFly table whose columns are
//! data. Name and Date sort (`aria-sort` says how); each row's kebab follows the backend's rules.

use crate::components::kebab::{Item, Kebab};
use crate::components::status::{Label, SnapshotStatusLabel};
use crate::components::tab_nav::{TabLink, TabView};
use crate::context::use_app;
use crate::model::indications::{explain_all, Explained, Weight};
use crate::model::listing::{relative, Dir, ListQuery, Row, SortKey};
use crate::model::rules::{allowed, Action};
use crate::model::schedule::rule_label;
use crate::model::{format, Snapshot, SnapshotStatus, Vm};
use leptos::prelude::*;
use std::sync::Arc;

/// A column: its title, the sort key its title sets, if it sorts, and PatternFly's width
/// modifier, which keeps every title whole.
pub struct Column {
    pub title: &'static str,
    pub sort: Option<SortKey>,
    pub width: &'static str,
}

pub const COLUMNS: [Column; 6] = [
    Column {
        title: "Name",
        sort: Some(SortKey::Name),
        width: "pf-m-width-25",
    },
    Column {
        title: "Date",
        sort: Some(SortKey::Date),
        width: "pf-m-width-20",
    },
    Column {
        title: "Status",
        sort: None,
        width: "pf-m-width-20",
    },
    Column {
        title: "Includes",
        sort: None,
        width: "pf-m-width-15",
    },
    Column {
        title: "Description",
        sort: None,
        width: "pf-m-width-20",
    },
    Column {
        title: "",
        sort: None,
        width: "pf-m-fit-content",
    },
];

/// What a row's action asks the tab to do.
#[derive(Clone, Debug)]
pub enum RowAction {
    /// An action on a taken snapshot (its modal opens).
    Snapshot(Action, Snapshot),
    TogglePause(crate::model::schedule::Schedule),
    /// Keep the snapshot (its id) forever, or not, in the schedule that made it.
    Pin(crate::model::schedule::Schedule, String, bool),
    Edit(crate::model::schedule::Schedule),
    DeleteSchedule(crate::model::schedule::Schedule),
}

/// PatternFly's sort indicators: unsorted, ascending (descending is it upside down).
const SORT_NONE: &str = "M21.293 23.293 17 27.586V4.414l4.293 4.293a.997.997 0 0 0 1.414 0 .999.999 0 0 0 0-1.414l-5.646-5.646a1.5 1.5 0 0 0-2.121 0L9.294 7.293a.999.999 0 1 0 1.414 1.414l4.293-4.293v23.172l-4.293-4.293a.999.999 0 1 0-1.414 1.414l5.646 5.646c.292.293.676.438 1.061.438s.768-.146 1.061-.438l5.646-5.646a.999.999 0 1 0-1.414-1.414Z";
const SORT_UP: &str = "M30 16a1 1 0 0 1-1 1H15a1 1 0 0 1 0-2h14a1 1 0 0 1 1 1Zm-5 5H15a1 1 0 1 0 0 2h10a1 1 0 1 0 0-2Zm-4 6h-6a1 1 0 1 0 0 2h6a1 1 0 1 0 0-2Zm-6-17a.999.999 0 0 0 .707-1.707l-5.646-5.646a1.501 1.501 0 0 0-2.121 0L2.294 8.293a.999.999 0 1 0 1.414 1.414l4.293-4.293V29a1 1 0 1 0 2 0V5.414l4.293 4.293a.997.997 0 0 0 .707.293Z";

/// Whether `id` is among `selected`, and the callback that checks or unchecks it there: what a
/// row's check cell needs.
pub fn selection(
    selected: RwSignal<Vec<String>>,
    id: impl Into<Signal<String>>,
) -> (Signal<bool>, Callback<bool>) {
    let id = id.into();
    let checked = Signal::derive(move || id.with(|id| selected.with(|sel| sel.contains(id))));
    let on_check = Callback::new(move |on: bool| {
        let id = id.get_untracked();
        selected.update(|sel| {
            sel.retain(|x| x != &id);
            if on {
                sel.push(id);
            }
        })
    });
    (checked, on_check)
}

/// A row's selection checkbox, in PatternFly's table check cell.
#[component]
pub fn CheckCell(
    /// What it selects, for screen readers.
    #[prop(into)]
    label: Signal<String>,
    #[prop(into)] checked: Signal<bool>,
    /// Some rows but not all (the header's box): shown as mixed.
    #[prop(into, optional)]
    mixed: Option<Signal<bool>>,
    on_check: Callback<bool>,
    #[prop(optional)] header: bool,
) -> impl IntoView {
    let input = view! {
        <label class="pf-v6-c-check pf-m-standalone">
            <input class="pf-v6-c-check__input" type="checkbox" aria-label=label
                prop:checked=move || checked.get()
                prop:indeterminate=move || mixed.is_some_and(|m| m.get())
                on:change=move |ev| on_check.run(event_target_checked(&ev)) />
        </label>
    };
    if header {
        view! { <th class="pf-v6-c-table__th pf-v6-c-table__check" role="columnheader" scope="col">{input}</th> }.into_any()
    } else {
        view! { <td class="pf-v6-c-table__td pf-v6-c-table__check" role="cell">{input}</td> }
            .into_any()
    }
}

/// The header row, in PatternFly's sortable table structure: a button in each sortable header,
/// `aria-sort` on the header that sorts.
#[component]
pub fn Header(#[prop(into)] query: Signal<ListQuery>, on_sort: Callback<SortKey>) -> impl IntoView {
    COLUMNS
        .iter()
        .map(|c| {
            let title = c.title;
            let width = c.width;
            match c.sort {
                Some(key) => {
                    let state = move || {
                        let q = query.get();
                        match (q.sort == key, q.dir) {
                            (false, _) => "none",
                            (true, Dir::Asc) => "ascending",
                            (true, Dir::Desc) => "descending",
                        }
                    };
                    view! {
                        <th class=format!("pf-v6-c-table__th pf-v6-c-table__sort {width}") class:pf-m-selected=move || query.get().sort == key
                            role="columnheader" scope="col" aria-sort=state>
                            <button class="pf-v6-c-table__button" type="button" on:click=move |_| on_sort.run(key)>
                                <span class="pf-v6-c-table__button-content">
                                    <span class="pf-v6-c-table__text">{title}</span>
                                    <span class="pf-v6-c-table__sort-indicator">
                                        <svg class="pf-v6-svg" fill="currentColor" viewBox="0 0 32 32" aria-hidden="true" role="img" width="1em" height="1em">
                                            {move || match state() {
                                                "ascending" => view! { <path d=SORT_UP /> }.into_any(),
                                                "descending" => view! { <path d=SORT_UP transform="matrix(1 0 0 -1 0 32)" /> }.into_any(),
                                                _ => view! { <path d=SORT_NONE /> }.into_any(),
                                            }}
                                        </svg>
                                    </span>
                                </span>
                            </button>
                        </th>
                    }
                    .into_any()
                }
                None if title.is_empty() => view! {
                    <th class=format!("pf-v6-c-table__th pf-v6-c-table__action {width}") role="columnheader" scope="col">
                        <span class="pf-v6-screen-reader">"Actions"</span>
                    </th>
                }
                .into_any(),
                None => view! { <th class=format!("pf-v6-c-table__th {width}") role="columnheader" scope="col">{title}</th> }.into_any(),
            }
        })
        .collect_view()
}

fn includes_taken(s: &Snapshot) -> String {
    let disks = match s.disks.len() {
        0 => "configuration only".to_string(),
        1 => "1 disk".to_string(),
        n => format!("{n} disks"),
    };
    if s.has_memory {
        format!("Memory, {disks}")
    } else {
        capitalize(&disks)
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A date cell: local time, the distance in words, the full instant on hover.
#[component]
pub fn DateCell(#[prop(into)] at: Signal<Option<chrono::DateTime<chrono::Utc>>>) -> impl IntoView {
    // Drawn once, then changed in place when the instant changes (a table row kept for the
    // next snapshot in its place).
    let instant = Memo::new(move |_| at.get().map(|at| format::instant(&at.fixed_offset())));
    view! {
        <Show when=move || at.with(Option::is_some) fallback=|| view! { <span>"—"</span> }>
            <time datetime=move || instant.get() title=move || instant.get()>
                {move || at.get().map(|at| format::local_datetime(&at.fixed_offset()))}
            </time>
            <span class="vms-relative">{move || at.get().map(|at| relative(at, chrono::Utc::now()))}</span>
        </Show>
    }
}

/// Indications as labels, what each means as its tooltip (and for screen readers); the ones that
/// should worry whoever restores the snapshot as warnings.
#[component]
pub fn Indications(#[prop(into)] snapshot: std::sync::Arc<Snapshot>) -> impl IntoView {
    indication_labels(explain_all(&snapshot))
}

fn indication_labels(explained: Vec<(String, Explained)>) -> impl IntoView {
    explained
        .into_iter()
        .map(|(i, e)| {
            let warning = e.weight == Weight::Warning;
            view! {
                <span class="pf-v6-c-label pf-m-compact" class:pf-m-outline=!warning class:pf-m-warning=warning
                    title=e.meaning.clone() tabindex="0" data-indication=i.clone()>
                    <span class="pf-v6-c-label__content"><span class="pf-v6-c-label__text">{e.label}</span></span>
                    <span class="pf-v6-screen-reader">{format!(": {}", e.meaning)}</span>
                </span>
            }
        })
        .collect_view()
}

/// What a place in the table shows: its kind, and for a taken snapshot whether a schedule
/// made it and keeps it forever (its menu has the Keep forever item only then).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    Taken(Option<bool>),
    Scheduled,
}

/// The `index`th row of the page. It is drawn once and kept: when a sort, a filter, another
/// page or a poll puts another snapshot in its place, the row's cells change in place rather
/// than a new row being built (building the 20 rows was most of a sort's time). It is drawn
/// again only when its [`Shape`] changes; a scheduled row, when its schedule does. A taken
/// snapshot's row whose place the page no longer fills (a filter that matches fewer) is kept,
/// `hidden`, for the next snapshot that comes to this place to fill in place too.
#[component]
pub fn RowSlot(
    index: usize,
    /// The rows of the page.
    #[prop(into)]
    rows: Signal<Vec<Row>>,
    /// The VM, and all its snapshots: the rules look at them, as they change.
    #[prop(into)]
    vm: Signal<Option<Vm>>,
    #[prop(into)] all: Signal<Arc<Vec<Snapshot>>>,
    on_action: Callback<RowAction>,
    /// The snapshot ids checked for bulk work.
    selected: RwSignal<Vec<String>>,
    /// The VM's schedules: which one made a snapshot, and whether it keeps it forever.
    #[prop(into)]
    schedules: Signal<Vec<crate::model::schedule::Schedule>>,
) -> impl IntoView {
    let row = Memo::new(move |_| rows.with(|r| r.get(index).cloned()));
    let shown = Memo::new(move |_| row.with(Option::is_some));
    let shape = Memo::new(move |before: Option<&Option<Shape>>| {
        row.with(|r| match r {
            Some(Row::Taken(s)) => Some(Shape::Taken(schedules.with(|all| {
                all.iter()
                    .find(|sch| sch.produced.contains(&s.id))
                    .map(|sch| sch.pinned.contains(&s.id))
            }))),
            Some(Row::Scheduled(_)) => Some(Shape::Scheduled),
            // An empty place keeps its taken snapshot's row, hidden.
            None => before
                .copied()
                .flatten()
                .filter(|s| matches!(s, Shape::Taken(_))),
        })
    });
    move || match shape.get() {
        Some(Shape::Taken(pinned)) => {
            let Some(first) = row.with_untracked(|r| match r {
                Some(Row::Taken(s)) => Some(s.clone()),
                _ => None,
            }) else {
                return ().into_any();
            };
            let snapshot = Memo::new(move |before: Option<&Snapshot>| {
                row.with(|r| match r {
                    Some(Row::Taken(s)) => s.clone(),
                    // Only while the slot is being drawn again as another kind.
                    _ => before.cloned().unwrap_or_else(|| first.clone()),
                })
            });
            view! { <TakenRow snapshot shown pinned vm all on_action selected schedules /> }
                .into_any()
        }
        Some(Shape::Scheduled) => (move || match row.get() {
            Some(Row::Scheduled(sch)) => Some(scheduled_row(sch, on_action)),
            _ => None,
        })
        .into_any(),
        None => ().into_any(),
    }
}

/// A taken snapshot's row, whose cells follow `snapshot` (see [`RowSlot`]).
#[component]
fn TakenRow(
    snapshot: Memo<Snapshot>,
    /// Whether the page fills the row's place (see [`RowSlot`]).
    shown: Memo<bool>,
    /// Whether a schedule made it (`Some`), and keeps it forever (`Some(true)`).
    pinned: Option<bool>,
    vm: Signal<Option<Vm>>,
    all: Signal<Arc<Vec<Snapshot>>>,
    on_action: Callback<RowAction>,
    selected: RwSignal<Vec<String>>,
    schedules: Signal<Vec<crate::model::schedule::Schedule>>,
) -> impl IntoView {
    let app = use_app();
    let backend = app.config.backend;
    let id = Memo::new(move |_| snapshot.with(|s| s.id.clone()));
    let name = Memo::new(move |_| snapshot.with(|s| s.name.clone()));
    let mut menu: Vec<Item> = Action::menu(backend)
        .iter()
        .map(|a| {
            let action = *a;
            Item {
                label: action.label(),
                allowed: Signal::derive(move || match vm.get() {
                    Some(vm) => {
                        snapshot.with(|s| all.with(|all| allowed(backend, &vm, s, all, action)))
                    }
                    None => Err("Loading the VM…".into()),
                }),
                on_select: Callback::new(move |_| {
                    on_action.run(RowAction::Snapshot(action, snapshot.get_untracked()))
                }),
            }
        })
        .collect();
    // Keep forever: only for a snapshot a schedule made (nothing prunes the others).
    if let Some(pinned) = pinned {
        menu.push(Item {
            label: if pinned {
                "Stop keeping forever"
            } else {
                "Keep forever"
            },
            allowed: Signal::stored(Ok(())),
            on_select: Callback::new(move |_| {
                let id = id.get_untracked();
                let made_by = schedules.with_untracked(|all| {
                    all.iter().find(|sch| sch.produced.contains(&id)).cloned()
                });
                if let Some(sch) = made_by {
                    on_action.run(RowAction::Pin(sch, id, !pinned))
                }
            }),
        });
    }
    // Why it failed, in a popover that closes when another snapshot takes the row.
    let error_open = RwSignal::new(false);
    Effect::new(move |before: Option<String>| {
        let now = id.get();
        if before.is_some_and(|b| b != now) {
            error_open.set(false);
        }
        now
    });
    let status = Memo::new(move |_| snapshot.with(|s| s.status.clone()));
    let status_cell = move || match status.get() {
        SnapshotStatus::Failed(e) => {
            let message = e
                .clone()
                .unwrap_or_else(|| "The backend gave no reason.".into());
            view! {
                <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button" aria-label="Why it failed"
                    aria-expanded=move || error_open.get().to_string()
                    on:click=move |_| error_open.update(|o| *o = !*o)>
                    <SnapshotStatusLabel status=SnapshotStatus::Failed(e) />
                </button>
                <Show when=move || error_open.get()>
                    <div class="pf-v6-c-popover vms-popover" role="dialog" aria-label="Why the snapshot failed">
                        <div class="pf-v6-c-popover__content">
                            <div class="pf-v6-c-popover__body">{message.clone()}</div>
                        </div>
                    </div>
                </Show>
            }
            .into_any()
        }
        other => view! { <SnapshotStatusLabel status=other /> }.into_any(),
    };
    let explained = Memo::new(move |_| snapshot.with(explain_all));
    let size = Memo::new(move |_| snapshot.with(|s| s.size_bytes));
    let created = Signal::derive(move || snapshot.with(|s| s.created.map(|d| d.to_utc())));
    let to = Signal::derive(move || TabView::Snapshot(id.get()));
    let (checked, on_check) = selection(selected, id);
    view! {
        <tr class="pf-v6-c-table__tr" role="row" data-row="taken" data-snapshot=move || id.get()
            class:pf-m-selected=move || checked.get() hidden=move || !shown.get()>
            <CheckCell label=Signal::derive(move || format!("Select {}", name.get())) checked on_check />
            <td class="pf-v6-c-table__td" role="cell" data-label="Name">
                <TabLink to>{move || name.get()}</TabLink>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Date"><DateCell at=created /></td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Status">
                <span class="vms-labels">
                    {status_cell}
                    {(pinned == Some(true)).then(|| view! {
                        <span class="pf-v6-c-label pf-m-compact pf-m-blue" data-pinned="" title="Its schedule never prunes it">
                            <span class="pf-v6-c-label__content"><span class="pf-v6-c-label__text">"Kept forever"</span></span>
                        </span>
                    })}
                    {move || indication_labels(explained.get())}
                </span>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Includes">
                {move || snapshot.with(includes_taken)}
                {move || size.get().map(|b| view! { <span class="vms-size" data-size=b.to_string()>" · "{format::bytes(b)}</span> })}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Description">{move || snapshot.with(|s| s.description.clone())}</td>
            <td class="pf-v6-c-table__td pf-v6-c-table__action" role="cell">
                <Kebab items=menu label=Signal::derive(move || format!("Actions for {}", name.get())) close_on=id />
            </td>
        </tr>
    }
}

/// A schedule's row: drawn again when the schedule changes (there are few).
fn scheduled_row(
    sch: crate::model::schedule::Schedule,
    on_action: Callback<RowAction>,
) -> impl IntoView {
    let to = TabView::Schedule(sch.id.clone());
    let rule = if sch.paused {
        "Paused".to_string()
    } else {
        rule_label(sch.rule.as_deref())
    };
    let includes = match (&sch.disks, sch.memory) {
        (crate::model::request::DiskChoice::All, true) => "Memory, all disks".to_string(),
        (crate::model::request::DiskChoice::All, false) => "All disks".to_string(),
        (crate::model::request::DiskChoice::Only(d), m) => format!(
            "{}{} disk{}",
            if m { "Memory, " } else { "" },
            d.len(),
            if d.len() == 1 { "" } else { "s" }
        ),
    };
    let toggle = sch.clone();
    let to_edit = sch.clone();
    let to_delete = sch.clone();
    let menu = vec![
        Item {
            label: "Edit",
            allowed: Signal::stored(Ok(())),
            on_select: Callback::new(move |_| on_action.run(RowAction::Edit(to_edit.clone()))),
        },
        Item {
            label: if sch.paused { "Resume" } else { "Pause" },
            allowed: Signal::stored(Ok(())),
            on_select: Callback::new(move |_| {
                on_action.run(RowAction::TogglePause(toggle.clone()))
            }),
        },
        Item {
            label: "Delete",
            allowed: Signal::stored(Ok(())),
            on_select: Callback::new(move |_| {
                on_action.run(RowAction::DeleteSchedule(to_delete.clone()))
            }),
        },
    ];
    let paused = sch.paused;
    let status = rule.clone();
    let kebab_label = format!("Actions for {}", sch.name);
    view! {
        <tr class="pf-v6-c-table__tr" role="row" data-row="scheduled" data-schedule=sch.id.clone()>
            <td class="pf-v6-c-table__td pf-v6-c-table__check" role="cell"></td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Name">
                <TabLink to>{sch.name.clone()}</TabLink>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Date"><DateCell at=sch.next_run /></td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Status">
                <span class="vms-labels" data-status=status>
                    <Label text=rule modifier=if paused { "pf-m-warning" } else { "pf-m-blue" } />
                    <Label text="Scheduled" modifier="pf-m-outline" />
                </span>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Includes">{includes}</td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Description">{sch.description.clone()}</td>
            <td class="pf-v6-c-table__td pf-v6-c-table__action" role="cell">
                <Kebab items=menu label=kebab_label />
            </td>
        </tr>
    }
    .into_any()
}
