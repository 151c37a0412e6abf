//! The Snapshots tab: the toolbar (Take snapshot, Taken/Scheduled filter with counts, text
//! filter), the table, pagination, and the loading, empty, filtered-empty and error states.

use crate::api::{actions, ApiError};
use crate::components::bulk_delete::Which;
use crate::components::on_demand::{OnDemand, OnDemandView};
use crate::components::pagination::Pagination;
use crate::components::preview::PreviewBanner;
use crate::components::restore_modal::Started;
use crate::components::snapshot_table::{CheckCell, Header, RowAction, RowSlot, COLUMNS};
use crate::components::states::{EmptyState, ErrorState, SkeletonRows, StaleAlert};
use crate::components::toast::{use_toaster, Toast};
use crate::context::use_app;
use crate::model::listing::{arrange, filtered, ListQuery, Show, SortKey};
use crate::model::request::VmAccepted;
use crate::model::rules::Action as SnapshotAction;
use crate::model::schedule::Schedule;
use crate::model::snapshot::total_size;
use crate::model::{format, SnapshotStatus};
use crate::model::{Snapshot, Vm};
use crate::pages::follow;
use crate::pages::tab_data::{use_set_query, use_tab_data};
use crate::starting::show_once_drawn;
use leptos::prelude::*;

/// What the table's body shows.
#[derive(Clone, Debug, PartialEq)]
enum TabState {
    Loading,
    Failed(ApiError),
    Empty,
    Filtered,
    Rows,
}

/// Why a snapshot cannot be taken of `vm` now, if it cannot.
fn cannot_take(vm: &Vm, previewing: bool) -> Option<&'static str> {
    if vm.status.is_busy() {
        Some("Wait until the operation on this VM has finished.")
    } else if previewing {
        Some("The VM is previewing a snapshot: commit or undo the preview first.")
    } else {
        None
    }
}

/// "Total size: 41.2 GiB", and how many snapshots do not tell theirs.
fn total_sentence(bytes: u64, unknown: usize) -> String {
    let total = format!("Total size: {}", format::bytes(bytes));
    match unknown {
        0 => total,
        1 => format!("{total} (1 does not report its size)"),
        n => format!("{total} ({n} do not report their size)"),
    }
}

#[component]
pub fn SnapshotsTab() -> impl IntoView {
    let app = use_app();
    let data = use_tab_data();
    let set_query = use_set_query();
    let query = data.query;
    let schedules_list = Memo::new(move |_| {
        data.schedules
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
    });
    let schedules_hidden = Memo::new(move |_| match data.schedules.get() {
        Some(Err(ApiError::Unsupported(reason))) => Some(reason),
        _ => None,
    });
    let arranged = Memo::new(move |_| {
        // Read in place: the whole list is not copied for a sort or a filter.
        let query = query.get();
        schedules_list.with(|schedules| {
            data.snapshots.with(|s| match s {
                Some(Ok(snapshots)) => Some(arrange(snapshots, schedules, &query)),
                _ => None,
            })
        })
    });

    let taking = RwSignal::new(false);
    // The snapshots checked for bulk work, by id, and the bulk delete's modal.
    let selected = RwSignal::new(Vec::<String>::new());
    let bulk = RwSignal::new(None::<Which>);
    // The snapshot whose action's modal is open.
    let acting = RwSignal::new(None::<(SnapshotAction, Snapshot)>);
    let editing = RwSignal::new(None::<Schedule>);
    let deleting_schedule = RwSignal::new(None::<Schedule>);
    let toaster = use_toaster();
    let open = Callback::new(move |_| taking.set(true));
    let close = Callback::new(move |_| taking.set(false));
    let taken = Callback::new(move |made: Option<Snapshot>| {
        taking.set(false);
        data.taken(made);
    });

    let backend = app.backend();
    let pause = Action::new_local(
        move |(vm, schedule): &(Vm, crate::model::schedule::Schedule)| {
            let backend = backend.clone();
            let (vm, mut schedule) = (vm.clone(), schedule.clone());
            schedule.paused = !schedule.paused;
            async move {
                let saved = async { actions(&backend).await?.save_schedule(&vm, &schedule).await };
                (
                    schedule.name.clone(),
                    schedule.paused,
                    saved.await.map(|_| ()),
                )
            }
        },
    );
    // Either way the schedules are read again: the row shows what the backend has.
    Effect::new(move |_| {
        let Some((name, paused, saved)) = pause.value().get() else {
            return;
        };
        if let Err(e) = saved {
            let verb = if paused { "paused" } else { "resumed" };
            toaster.push(Toast::danger(format!(
                "Schedule {name} could not be {verb}: {e}"
            )));
        }
        data.schedules.refetch();
    });
    // Keep forever: the schedule that made the snapshot saved with it pinned, or not.
    let backend = app.backend();
    let pin = Action::new_local(
        move |(vm, schedule, id, on): &(Vm, Schedule, String, bool)| {
            let backend = backend.clone();
            let (vm, mut schedule, id, on) = (vm.clone(), schedule.clone(), id.clone(), *on);
            schedule.pinned.retain(|p| p != &id);
            if on {
                schedule.pinned.push(id.clone());
            }
            async move {
                actions(&backend)
                    .await?
                    .save_schedule(&vm, &schedule)
                    .await
                    .map(|_| (schedule.name, id, on))
            }
        },
    );
    Effect::new(move |_| match pin.value().get() {
        Some(Ok((schedule, id, on))) => {
            let name = data
                .snapshots
                .with_untracked(|r| {
                    r.as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .and_then(|a| a.iter().find(|s| s.id == id).map(|s| s.name.clone()))
                })
                .unwrap_or(id);
            toaster.push(Toast::success(if on {
                format!("{name} is kept forever: schedule {schedule} never prunes it.")
            } else {
                format!(
                    "{name} is no longer kept forever: schedule {schedule} prunes it in its turn."
                )
            }));
            data.schedules.refetch();
        }
        Some(Err(e)) => {
            toaster.push(Toast::danger(format!(
                "The schedule could not be saved: {e}"
            )));
        }
        None => {}
    });
    let on_action = Callback::new(move |a: RowAction| match a {
        RowAction::Snapshot(action, s) => acting.set(Some((action, s))),
        RowAction::Edit(s) => editing.set(Some(s)),
        RowAction::DeleteSchedule(s) => deleting_schedule.set(Some(s)),
        RowAction::Pin(schedule, id, on) => {
            if let Some(vm) = data.vm.get_untracked() {
                pin.dispatch((vm, schedule, id, on));
            }
        }
        RowAction::TogglePause(s) => {
            if let Some(vm) = data.vm.get_untracked() {
                pause.dispatch((vm, s));
            }
        }
    });

    let set = set_query.clone();
    let on_sort = Callback::new(move |key: SortKey| set(query.get_untracked().clicked(key), false));
    let set = set_query.clone();
    let toggle_show = move |which: Show| {
        let q = query.get_untracked();
        // Two toggles, both on by default; switching one off shows the other kind only.
        let (taken, scheduled) = match q.show {
            Show::Both => (true, true),
            Show::Taken => (true, false),
            Show::Scheduled => (false, true),
        };
        let (taken, scheduled) = match which {
            Show::Taken => (!taken, scheduled),
            Show::Scheduled => (taken, !scheduled),
            Show::Both => (true, true),
        };
        let show = match (taken, scheduled) {
            (true, false) => Show::Taken,
            (false, true) => Show::Scheduled,
            _ => Show::Both,
        };
        set(ListQuery { show, page: 1, ..q }, false);
    };
    let set = set_query.clone();
    let on_text = move |text: String| {
        set(
            ListQuery {
                q: text,
                page: 1,
                ..query.get_untracked()
            },
            true,
        )
    };
    let set = set_query.clone();
    let clear = Callback::new(move |_| {
        set(
            ListQuery {
                sort: query.get_untracked().sort,
                dir: query.get_untracked().dir,
                ..ListQuery::default()
            },
            false,
        )
    });
    let set = set_query.clone();
    let on_page = Callback::new(move |page: usize| {
        set(
            ListQuery {
                page,
                ..query.get_untracked()
            },
            false,
        )
    });
    let set = set_query.clone();
    let on_per_page = Callback::new(move |per_page: usize| {
        set(
            ListQuery {
                per_page,
                page: 1,
                ..query.get_untracked()
            },
            false,
        )
    });

    let all = Memo::new(move |_| {
        data.snapshots
            .get()
            .and_then(|r| r.ok())
            .unwrap_or_default()
    });
    let previewing =
        Memo::new(move |_| all.with(|a| a.iter().any(|s| s.status == SnapshotStatus::InPreview)));
    let take_button = move || {
        let reason = data
            .vm
            .get()
            .as_ref()
            .and_then(|vm| cannot_take(vm, previewing.get()));
        let disabled = data.vm.get().is_none() || reason.is_some();
        view! {
            <button class="pf-v6-c-button pf-m-primary" type="button"
                class:pf-m-aria-disabled=disabled aria-disabled=disabled.to_string() title=reason
                on:click=move |_| if !disabled { open.run(()) }>
                <span class="pf-v6-c-button__text">"Take snapshot"</span>
            </button>
        }
    };
    let toggle = move |which: Show, label: &'static str| {
        let t = toggle_show.clone();
        let pressed = move || {
            matches!(
                (query.get().show, which),
                (Show::Both, _) | (Show::Taken, Show::Taken) | (Show::Scheduled, Show::Scheduled)
            )
        };
        let count = move || {
            arranged.with(|a| {
                a.as_ref().map_or(0, |a| {
                    if which == Show::Taken {
                        a.taken
                    } else {
                        a.scheduled
                    }
                })
            })
        };
        view! {
            <div class="pf-v6-c-toggle-group__item">
                <button class="pf-v6-c-toggle-group__button" class:pf-m-selected=pressed type="button"
                    aria-pressed=move || pressed().to_string() on:click=move |_| t(which)>
                    <span class="pf-v6-c-toggle-group__text">{label}" "<span class="pf-v6-c-badge pf-m-read">{count}</span></span>
                </button>
            </div>
        }
    };
    // The check column, then the data columns.
    let columns = COLUMNS.len() + 1;
    // The body's kind changes rarely; the rows on every poll while something runs. Keeping them
    // apart lets the keyed rows (and an open menu or popover in them) survive a poll that
    // changes nothing.
    let state = Memo::new(move |_| {
        if data.vm.get().is_none() {
            // The VM cannot be shown (in a host page, nothing else says why).
            return match data.vm_failed.get() {
                Some(e) => TabState::Failed(e),
                None => TabState::Loading,
            };
        }
        // Read in place: a sort or a filter does not copy the whole list here either.
        data.snapshots.with(|s| match s {
            None => TabState::Loading,
            Some(Err(e)) => TabState::Failed(e.clone()),
            Some(Ok(all)) if all.is_empty() && schedules_list.with(|s| s.is_empty()) => {
                TabState::Empty
            }
            Some(Ok(_)) if arranged.with(|a| a.as_ref().is_some_and(|a| a.rows.is_empty())) => {
                TabState::Filtered
            }
            Some(Ok(_)) => TabState::Rows,
        })
    });
    show_once_drawn(move || !matches!(state.get(), TabState::Loading));
    // The page's rows. Each place in the table is drawn once and kept (see `RowSlot`): a poll
    // that changes nothing leaves the rows (and an open menu or popover in them) as they are,
    // and a sort or a filter changes their cells in place.
    let rows = Memo::new(move |_| {
        arranged.with(|a| a.as_ref().map(|a| a.rows.clone()).unwrap_or_default())
    });
    // The places the table keeps (see `RowSlot`): as many as the most rows it has shown, within
    // a page. A filter that matches fewer hides the rest, and the next that matches more fills
    // them in place, as a sort does (building 19 rows was most of a filter's time).
    let places = Memo::new(move |before: Option<&usize>| {
        let now = rows.with(Vec::len);
        let most = query.with(|q| q.per_page).max(now);
        now.max(before.copied().unwrap_or(0)).min(most)
    });
    // The taken snapshots on this page, for the header's "select all".
    let page_ids = Memo::new(move |_| {
        rows.with(|r| {
            r.iter()
                .filter_map(|row| match row {
                    crate::model::listing::Row::Taken(s) => Some(s.id.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
    });
    let page_checked = Signal::derive(move || {
        page_ids
            .with(|ids| !ids.is_empty() && selected.with(|sel| ids.iter().all(|i| sel.contains(i))))
    });
    let page_mixed = Signal::derive(move || {
        !page_checked.get()
            && page_ids.with(|ids| selected.with(|sel| ids.iter().any(|i| sel.contains(i))))
    });
    let check_page = Callback::new(move |on: bool| {
        let ids = page_ids.get_untracked();
        selected.update(|sel| {
            sel.retain(|x| !ids.contains(x));
            if on {
                sel.extend(ids);
            }
        })
    });
    // A snapshot that is gone is no longer selected.
    Effect::new(move |_| {
        let present: Vec<String> = all.with(|a| a.iter().map(|s| s.id.clone()).collect());
        if selected.with_untracked(|sel| sel.iter().any(|x| !present.contains(x))) {
            selected.update(|sel| sel.retain(|x| present.contains(x)));
        }
    });
    let delete_selected = move |_| {
        let chosen: Vec<Snapshot> = selected.with_untracked(|sel| {
            all.with_untracked(|a| a.iter().filter(|s| sel.contains(&s.id)).cloned().collect())
        });
        if !chosen.is_empty() {
            bulk.set(Some(Which::These(chosen)));
        }
    };
    let delete_old = move |_| bulk.set(Some(Which::OlderThan));
    let bulk_buttons = move || {
        let n = selected.with(Vec::len);
        let none = n == 0;
        view! {
            <div class="pf-v6-c-toolbar__item">
                <button class="pf-v6-c-button pf-m-secondary pf-m-danger" type="button"
                    class:pf-m-aria-disabled=none aria-disabled=none.to_string()
                    title=none.then_some("Check the snapshots to delete in the table.")
                    on:click=move |ev| if !none { delete_selected(ev) }>
                    <span class="pf-v6-c-button__text">{if none { "Delete selected".to_string() } else { format!("Delete selected ({n})") }}</span>
                </button>
            </div>
            <div class="pf-v6-c-toolbar__item">
                <button class="pf-v6-c-button pf-m-link" type="button" on:click=delete_old
                    disabled=move || data.vm.get().is_none()>
                    <span class="pf-v6-c-button__text">"Delete older than…"</span>
                </button>
            </div>
        }
    };
    let body = move || {
        match state.get() {
        TabState::Loading => view! { <SkeletonRows columns /> }.into_any(),
        TabState::Failed(error) => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=columns>
                <ErrorState error on_retry=Callback::new(move |_| data.refetch()) />
            </td></tr>
        }
        .into_any(),
        TabState::Empty => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=columns>
                <EmptyState title="No snapshots yet" body="Take a snapshot before a risky change, to come back to it.">
                    {take_button}
                </EmptyState>
            </td></tr>
        }
        .into_any(),
        TabState::Filtered => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=columns>
                <EmptyState title="No snapshots match the filter" body="Change the filter, or clear it to see every snapshot.">
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| clear.run(())>"Clear all filters"</button>
                </EmptyState>
            </td></tr>
        }
        .into_any(),
        TabState::Rows => view! {
            <For each=move || 0..places.get() key=|index| *index let:index>
                <RowSlot index rows vm=data.vm all on_action selected schedules=schedules_list />
            </For>
        }
        .into_any(),
    }
    };

    // The timeline instead of the table, once the list is there (its loading and error states
    // are the table's).
    let timeline = Memo::new(move |_| {
        query.get().timeline
            && matches!(
                state.get(),
                TabState::Rows | TabState::Empty | TabState::Filtered
            )
    });
    let shown = Memo::new(move |_| {
        let q = query.get();
        schedules_list.with(|sch| {
            data.snapshots.with(|s| match s {
                Some(Ok(s)) => filtered(s, sch, &q),
                _ => (Vec::new(), Vec::new()),
            })
        })
    });
    let no_restores = app.backend().capabilities().restore_history.err();
    let set = set_query.clone();
    let view_toggle = move |on: bool, label: &'static str| {
        let set = set.clone();
        let pressed = move || query.get().timeline == on;
        view! {
            <div class="pf-v6-c-toggle-group__item">
                <button class="pf-v6-c-toggle-group__button" class:pf-m-selected=pressed type="button"
                    aria-pressed=move || pressed().to_string()
                    on:click=move |_| set(ListQuery { timeline: on, ..query.get_untracked() }, false)>
                    <span class="pf-v6-c-toggle-group__text">{label}</span>
                </button>
            </div>
        }
    };

    let banner = move || match (previewing.get(), data.vm.get()) {
        (true, Some(vm)) => Some(view! { <PreviewBanner vm snapshots=all /> }),
        _ => None,
    };
    let close_action = Callback::new(move |_| acting.set(None));
    // A modal takes the VM as it is when it opens: the VM changing while one is open (a watch
    // event, a poll) must not draw it again, which would lose what was typed and its send. (A
    // read of the VM that fails for a moment leaves the last VM read: see `CurrentVm::shown`.)
    // `get`, not `track`: a memo only tracked is first computed when its source changes, and
    // that first value counts as a change.
    let vm_ready = Memo::new(move |_| data.vm.with(Option::is_some));
    let vm_now = move || vm_ready.get().then(|| data.vm.get_untracked()).flatten();
    let action_modal = {
        let app = app.clone();
        move || {
            let (action, snapshot) = acting.get()?;
            let vm = vm_now()?;
            let app = app.clone();
            Some(match action {
                SnapshotAction::Delete => OnDemand::DeleteSnapshot {
                    vm,
                    snapshot,
                    on_close: close_action,
                    on_deleted: Callback::new(move |_| {
                        acting.set(None);
                        data.refetch();
                    }),
                },
                SnapshotAction::Restore => {
                    let (followed, name) = (vm.clone(), snapshot.name.clone());
                    OnDemand::Restore {
                        vm,
                        snapshot,
                        all: Vec::clone(&all.get_untracked()),
                        on_close: close_action,
                        on_started: Callback::new(move |started: Started| {
                            acting.set(None);
                            data.refetch();
                            match started.new_vm {
                                Some(new_vm) => {
                                    let progress = toaster.push(Toast::info(format!(
                                        "Restoring {name} into the new VM {new_vm}…"
                                    )));
                                    let made = VmAccepted {
                                        name: new_vm,
                                        start_when_made: false,
                                    };
                                    follow::new_vm(app.clone(), toaster, made, progress);
                                }
                                None => follow::restore(
                                    app.clone(),
                                    toaster,
                                    followed.clone(),
                                    name.clone(),
                                    started.safety,
                                ),
                            }
                        }),
                    }
                }
                SnapshotAction::CreateVm => {
                    let from = snapshot.name.clone();
                    OnDemand::CreateVm {
                        vm,
                        snapshot,
                        on_close: close_action,
                        on_created: Callback::new(move |made: VmAccepted| {
                            acting.set(None);
                            let progress = toaster.push(Toast::info(format!(
                                "Creating VM {} from {from}…",
                                made.name
                            )));
                            follow::new_vm(app.clone(), toaster, made, progress);
                        }),
                    }
                }
                SnapshotAction::CreateTemplate => {
                    let from = snapshot.name.clone();
                    OnDemand::CreateTemplate {
                        vm,
                        snapshot,
                        on_close: close_action,
                        on_created: Callback::new(move |name: String| {
                            acting.set(None);
                            toaster.push(Toast::success(format!(
                                "Template {name} was created from {from}."
                            )));
                        }),
                    }
                }
                SnapshotAction::Preview => OnDemand::Preview {
                    vm,
                    from: snapshot,
                    on_close: close_action,
                    on_started: Callback::new(move |_| {
                        acting.set(None);
                        data.refetch();
                    }),
                },
            })
            .map(|part| view! { <OnDemandView part /> })
        }
    };

    view! {
        {banner}
        <div class="pf-v6-c-toolbar">
            <div class="pf-v6-c-toolbar__content">
                <div class="pf-v6-c-toolbar__content-section">
                    <div class="pf-v6-c-toolbar__item">{take_button}</div>
                    {bulk_buttons}
                    <Show when=move || schedules_hidden.get().is_none()>
                        <div class="pf-v6-c-toolbar__item">
                            <div class="pf-v6-c-toggle-group" role="group" aria-label="Show taken or scheduled snapshots">
                                {toggle(Show::Taken, "Taken")}
                                {toggle(Show::Scheduled, "Scheduled")}
                            </div>
                        </div>
                    </Show>
                    <div class="pf-v6-c-toolbar__item">
                        <div class="pf-v6-c-toggle-group" role="group" aria-label="View">
                            {view_toggle(false, "Table")}
                            {view_toggle(true, "Timeline")}
                        </div>
                    </div>
                    <div class="pf-v6-c-toolbar__item">
                        <span class="pf-v6-c-form-control">
                            <input type="search" aria-label="Filter by name or description" placeholder="Filter by name or description"
                                prop:value=move || query.get().q on:input=move |ev| on_text(event_target_value(&ev)) />
                        </span>
                    </div>
                    {move || all.with(|a| total_size(a)).map(|(bytes, unknown)| view! {
                        <div class="pf-v6-c-toolbar__item pf-m-align-self-center" data-total=bytes.to_string()>
                            <span class="vms-total">{total_sentence(bytes, unknown)}</span>
                        </div>
                    })}
                    <div class="pf-v6-c-toolbar__item pf-m-pagination" class:pf-m-hidden=move || timeline.get()>
                        <Pagination
                            page=Signal::derive(move || arranged.with(|a| a.as_ref().map_or(1, |a| a.page)))
                            pages=Signal::derive(move || arranged.with(|a| a.as_ref().map_or(1, |a| a.pages)))
                            per_page=Signal::derive(move || query.get().per_page)
                            total=Signal::derive(move || arranged.with(|a| a.as_ref().map_or(0, |a| a.matching)))
                            on_page on_per_page />
                    </div>
                </div>
                {move || schedules_hidden.get().map(|reason| view! {
                    <p class="vms-note" data-schedules="hidden">{reason}</p>
                })}
            </div>
        </div>
        <StaleAlert what="The snapshots" error=data.snapshots_stale.into()
            on_retry=Callback::new(move |_| data.refetch_snapshots()) />
        <Show when=move || !timeline.get() fallback=move || view! {
            <OnDemandView part=OnDemand::Timeline {
                snapshots: Signal::derive(move || shown.get().0),
                schedules: Signal::derive(move || shown.get().1),
                no_restores: no_restores.clone(),
            } />
        }>
        // Busy while loading, and while the schedules have not come yet: their rows then join
        // the table, and the rows below them move down.
        <table class="pf-v6-c-table pf-m-grid-md" role="grid" aria-label="Snapshots"
            aria-busy=move || (matches!(state.get(), TabState::Loading)
                || data.schedules.with(|s| s.is_none())).to_string()>
            <thead class="pf-v6-c-table__thead">
                <tr class="pf-v6-c-table__tr" role="row">
                    <CheckCell header=true label="Select all snapshots on this page".to_string()
                        checked=page_checked mixed=page_mixed on_check=check_page />
                    <Header query on_sort />
                </tr>
            </thead>
            <tbody class="pf-v6-c-table__tbody" role="rowgroup">{body}</tbody>
        </table>
        </Show>
        {move || match (taking.get(), vm_now()) {
            (true, Some(vm)) => {
                let scheduling = match schedules_hidden.get() {
                    Some(reason) => Err(reason),
                    None => Ok(()),
                };
                let part = OnDemand::TakeSnapshot {
                    vm,
                    scheduling: Some(scheduling),
                    editing: None,
                    snapshots: Vec::new(),
                    on_close: close,
                    on_taken: taken,
                };
                Some(view! { <OnDemandView part /> })
            }
            _ => None,
        }}
        {move || match (editing.get(), vm_now()) {
            (Some(schedule), Some(vm)) => {
                let part = OnDemand::TakeSnapshot {
                    vm,
                    scheduling: None,
                    editing: Some(schedule),
                    snapshots: Vec::clone(&all.get_untracked()),
                    on_close: Callback::new(move |_| editing.set(None)),
                    on_taken: Callback::new(move |_| {
                        editing.set(None);
                        data.refetch();
                    }),
                };
                Some(view! { <OnDemandView part /> })
            }
            _ => None,
        }}
        {action_modal}
        {move || match (bulk.get(), vm_now()) {
            (Some(which), Some(vm)) => {
                let part = OnDemand::BulkDelete {
                    vm,
                    which,
                    all: all.into(),
                    on_close: Callback::new(move |_| bulk.set(None)),
                    on_done: Callback::new(move |_| {
                        selected.set(Vec::new());
                        data.refetch();
                    }),
                };
                Some(view! { <OnDemandView part /> })
            }
            _ => None,
        }}
        {move || match (deleting_schedule.get(), vm_now()) {
            (Some(schedule), Some(vm)) => {
                let part = OnDemand::DeleteSchedule {
                    vm,
                    schedule,
                    on_close: Callback::new(move |_| deleting_schedule.set(None)),
                    on_deleted: Callback::new(move |_| {
                        deleting_schedule.set(None);
                        data.refetch();
                    }),
                };
                Some(view! { <OnDemandView part /> })
            }
            _ => None,
        }}
    }
}
