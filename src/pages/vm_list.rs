//! The VM list: every VM with its status, each name a link to its page.

use crate::api::{actions, snapshot_done, ApiError, Live};
use crate::components::bulk_take::BulkTake;
use crate::components::kebab::{Item, Kebab};
use crate::components::layer::{BusyBackdrop, Layer};
use crate::components::on_demand::{OnDemand, OnDemandView};
use crate::components::snapshot_table::{selection, CheckCell};
use crate::components::states::{EmptyState, ErrorState, SkeletonRows, StaleAlert};
use crate::components::status::VmStatusLabel;
use crate::components::toast::{use_toaster, Toast};
use crate::config::encode;
use crate::context::use_app;
use crate::model::bulk::{summary, Step};
use crate::model::request::{DiskChoice, NewSnapshot};
use crate::model::{format, Vm};
use crate::model::{Operation, OperationKind, Snapshot, SnapshotStatus};
use crate::pages::follow::restore_topic;
use crate::pages::refresh::{ask_again_after, failed_again, last_read};
use crate::starting::show_once_drawn;
use leptos::prelude::*;
use send_wrapper::SendWrapper;
use std::rc::Rc;

/// What the list's body shows.
#[derive(Clone, Debug, PartialEq)]
enum ListState {
    Loading,
    Failed(ApiError),
    Empty,
    Rows,
}

const COLUMNS: [&str; 6] = ["Name", "Status", "CPUs", "Memory", "Operating system", ""];

#[component]
pub fn VmList() -> impl IntoView {
    let app = use_app();
    let backend = app.backend();
    let changes = app.clone();
    let vms = LocalResource::new(move || {
        changes.track_changes();
        let backend = backend.clone();
        async move { backend.list_vms().await }
    });
    let retry = Callback::new(move |_| vms.refetch());
    // The last list read: a refresh that fails leaves it shown (and what is checked, checked),
    // and says so above the table, with Retry.
    let listed = last_read(Signal::stored(String::new()), vms);
    let stale = failed_again(listed, vms);
    // The VM whose Take snapshot modal is open (by id): the modal needs its disks, so it loads it.
    let taking = RwSignal::new(None::<String>);
    let toaster = use_toaster();

    // Live status: while any VM is busy, ask again every second; when one is done, say how it went.
    let running_ops = StoredValue::new(Vec::<(Vm, Operation)>::new());
    let refresh = app.config.refresh_seconds;
    let backend = app.backend();
    // Kubernetes: the VMs' watch says when to read them again (from what was watched).
    let followed = backend.follow(Live::Vms, Rc::new(move || vms.refetch()));
    let watched = followed.is_some();
    let followed = SendWrapper::new(followed);
    on_cleanup(move || drop(followed));
    Effect::new(move |_| {
        let list = match vms.get() {
            Some(Ok(list)) => list,
            // A read that failed is asked again at the next refresh (the watch lists again
            // by itself on Kubernetes).
            Some(Err(_)) if !watched && refresh > 0 => {
                ask_again_after(std::time::Duration::from_secs(refresh.into()), move || {
                    vms.refetch()
                });
                return;
            }
            _ => return,
        };
        let busy: Vec<(Vm, Operation)> = list
            .iter()
            .filter_map(|vm| vm.operation.clone().map(|op| (vm.clone(), op)))
            .collect();
        let ended: Vec<(Vm, Operation)> = running_ops
            .get_value()
            .into_iter()
            .filter(|(vm, _)| !busy.iter().any(|(b, _)| b.id == vm.id))
            .collect();
        for (vm, op) in ended {
            let backend = backend.clone();
            leptos::task::spawn_local(async move {
                // A restore's end needs no snapshot list to be told.
                let outcome = match op.kind {
                    OperationKind::Restore => Ok(Vec::new()),
                    OperationKind::Snapshot => backend.list_snapshots(&vm.id).await,
                };
                toaster.push_unless_told(outcome_toast(&vm, &op, outcome));
            });
        }
        // An operation, its images busy, starting or stopping: asked again soon.
        let any_busy = list.iter().any(Vm::is_changing);
        running_ops.set_value(busy);
        // Once per answer: every second while a VM is busy, every `refresh_seconds` otherwise
        // (for VMs others made, a clone that finished), never while the page is hidden.
        if watched {
            // Nothing to ask: the watch tells.
        } else if any_busy {
            ask_again_after(std::time::Duration::from_millis(1000), move || {
                vms.refetch()
            });
        } else if refresh > 0 {
            ask_again_after(std::time::Duration::from_secs(refresh.into()), move || {
                vms.refetch()
            });
        }
    });
    let on_changed = Callback::new(move |_| vms.refetch());

    // Bulk take: the checked VMs (by id), the modal, and each VM's step (with its snapshot's name).
    let selected = RwSignal::new(Vec::<String>::new());
    let bulk_open = RwSignal::new(false);
    let progress = RwSignal::new(Vec::<(String, String, Step)>::new());
    let backend = app.backend();
    let run = move |take: BulkTake| {
        bulk_open.set(false);
        selected.set(Vec::new());
        progress.set(
            take.each
                .iter()
                .map(|(vm, name)| (vm.id.clone(), name.clone(), Step::Waiting))
                .collect(),
        );
        // The steps are kept apart from the view too: the take goes on, and its toast comes,
        // when the admin has left the VM list meanwhile (its signals are gone then).
        let steps = Rc::new(std::cell::RefCell::new(vec![
            Step::Waiting;
            take.each.len()
        ]));
        let set_step = move |id: &str, step: Step| {
            progress.try_update(|p| {
                if let Some(entry) = p.iter_mut().find(|(v, _, _)| v == id) {
                    entry.2 = step;
                }
            });
        };
        for (i, (vm, name)) in take.each.into_iter().enumerate() {
            let backend = backend.clone();
            let description = take.description.clone();
            let steps = steps.clone();
            leptos::task::spawn_local(async move {
                set_step(&vm.id, Step::Working);
                let request = NewSnapshot {
                    name: name.clone(),
                    description,
                    disks: DiskChoice::All,
                    memory: false,
                    failure_deadline: None,
                };
                let taken = async {
                    actions(&backend)
                        .await?
                        .create_snapshot(&vm, &request)
                        .await
                };
                let step = match taken.await {
                    Err(e) => Step::Failed(format!("could not be taken: {e}")),
                    Ok(made) => match snapshot_done(backend.as_ref(), &vm, made, &name).await {
                        Ok(()) => Step::Done,
                        Err(why) => Step::Failed(why.describe()),
                    },
                };
                set_step(&vm.id, step.clone());
                steps.borrow_mut()[i] = step;
                let steps = steps.borrow().clone();
                if steps
                    .iter()
                    .all(|s| matches!(s, Step::Done | Step::Failed(_)))
                {
                    let line = summary(&steps, "snapshots taken");
                    toaster.push(if steps.iter().all(|s| *s == Step::Done) {
                        Toast::success(line)
                    } else {
                        Toast::danger(line)
                    });
                    if progress.try_with_untracked(|_| ()).is_some() {
                        vms.refetch();
                    }
                }
            });
        }
    };
    let run = send_wrapper::SendWrapper::new(run);
    let on_start = Callback::new(move |take: BulkTake| (*run)(take));
    let ids = Memo::new(move |_| {
        listed.with(|l| {
            l.as_ref()
                .map(|l| l.iter().map(|v| v.id.clone()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    // A VM that is gone is no longer checked.
    Effect::new(move |_| {
        let present = ids.get();
        if selected.with_untracked(|s| s.iter().any(|x| !present.contains(x))) {
            selected.update(|s| s.retain(|x| present.contains(x)));
        }
    });
    let all_checked = Signal::derive(move || {
        ids.with(|ids| !ids.is_empty() && selected.with(|s| ids.iter().all(|i| s.contains(i))))
    });
    let some_checked =
        Signal::derive(move || !all_checked.get() && selected.with(|s| !s.is_empty()));
    let check_all = Callback::new(move |on: bool| {
        selected.set(if on { ids.get_untracked() } else { Vec::new() })
    });
    let take_selected = move || {
        let n = selected.with(Vec::len);
        let none = n == 0;
        view! {
            <button class="pf-v6-c-button pf-m-secondary" type="button"
                class:pf-m-aria-disabled=none aria-disabled=none.to_string()
                title=none.then_some("Check the VMs to snapshot in the table.")
                on:click=move |_| if !none { bulk_open.set(true) }>
                <span class="pf-v6-c-button__text">{match n {
                    0 => "Take snapshot".to_string(),
                    1 => "Take snapshot (1 VM)".to_string(),
                    n => format!("Take snapshot ({n} VMs)"),
                }}</span>
            </button>
        }
    };

    // The body's kind changes rarely; the rows change on every poll. Keeping them apart lets the
    // keyed rows (and an open popover or menu in them) survive a poll that changes nothing.
    let state = Memo::new(
        move |_| match listed.with(|l| l.as_ref().map(Vec::is_empty)) {
            Some(true) => ListState::Empty,
            Some(false) => ListState::Rows,
            None => match vms.get() {
                Some(Err(e)) => ListState::Failed(e),
                _ => ListState::Loading,
            },
        },
    );
    show_once_drawn(move || !matches!(state.get(), ListState::Loading));
    let rows = Memo::new(move |_| listed.get().unwrap_or_default());
    let body = move || {
        match state.get() {
        ListState::Loading => view! { <SkeletonRows columns=COLUMNS.len() + 1 /> }.into_any(),
        ListState::Failed(error) => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len() + 1>
                <ErrorState error on_retry=retry />
            </td></tr>
        }
        .into_any(),
        ListState::Empty => view! {
            <tr class="pf-v6-c-table__tr"><td class="pf-v6-c-table__td" colspan=COLUMNS.len() + 1>
                <EmptyState title="No virtual machines" body="There are no virtual machines to show here." />
            </td></tr>
        }
        .into_any(),
        ListState::Rows => view! {
            <For each=move || rows.get() key=|vm| format!("{vm:?}") let:vm>
                <VmRow vm on_take=Callback::new(move |id: String| taking.set(Some(id))) on_changed selected progress />
            </For>
        }
        .into_any(),
    }
    };

    view! {
        <section class="pf-v6-c-page__main-section">
            <h1 class="pf-v6-c-title pf-m-2xl">"Virtual machines"</h1>
        </section>
        <section class="pf-v6-c-page__main-section">
            <div class="pf-v6-c-toolbar">
                <div class="pf-v6-c-toolbar__content">
                    <div class="pf-v6-c-toolbar__content-section">
                        <div class="pf-v6-c-toolbar__item">{take_selected}</div>
                    </div>
                </div>
            </div>
            <StaleAlert what="The virtual machines" error=stale.into() on_retry=retry />
            <table class="pf-v6-c-table pf-m-grid-md" role="grid" aria-label="Virtual machines"
                aria-busy=move || matches!(state.get(), ListState::Loading).to_string()>
                <thead class="pf-v6-c-table__thead">
                    <tr class="pf-v6-c-table__tr" role="row">
                        <CheckCell header=true label="Select all VMs".to_string()
                            checked=all_checked mixed=some_checked on_check=check_all />
                        {COLUMNS.map(|c| match c {
                            "" => view! {
                                <th class="pf-v6-c-table__th pf-v6-c-table__action" role="columnheader" scope="col">
                                    <span class="pf-v6-screen-reader">"Actions"</span>
                                </th>
                            }.into_any(),
                            c => view! { <th class="pf-v6-c-table__th" role="columnheader" scope="col">{c}</th> }.into_any(),
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="pf-v6-c-table__tbody" role="rowgroup">{body}</tbody>
            </table>
        </section>
        {move || taking.get().map(|id| view! {
            <TakeFromList id
                on_close=Callback::new(move |_| taking.set(None))
                on_taken=Callback::new(move |_| { taking.set(None); vms.refetch(); }) />
        })}
        {move || bulk_open.get().then(|| {
            let chosen: Vec<Vm> = selected.with_untracked(|sel| {
                rows.get_untracked().into_iter().filter(|v| sel.contains(&v.id)).collect()
            });
            let (free, busy): (Vec<Vm>, Vec<Vm>) = chosen.into_iter().partition(|v| !v.status.is_busy());
            let skipped = busy.into_iter().map(|v| v.name).collect();
            let part = OnDemand::BulkTake {
                vms: free,
                skipped,
                on_close: Callback::new(move |_| bulk_open.set(false)),
                on_start,
            };
            view! { <OnDemandView part /> }
        })}
    }
}

/// Loads the VM (with its disks) and opens the take-snapshot modal for it.
#[component]
fn TakeFromList(id: String, on_close: Callback<()>, on_taken: Callback<()>) -> impl IntoView {
    let backend = use_app().backend();
    let vm = LocalResource::new(move || {
        let backend = backend.clone();
        let id = id.clone();
        async move { backend.get_vm(&id).await }
    });
    move || {
        match vm.get() {
        None => view! { <BusyBackdrop /> }.into_any(),
        Some(Err(error)) => view! {
            <Layer><div class="pf-v6-c-backdrop"><div class="pf-v6-l-bullseye"><div class="pf-v6-c-modal-box pf-m-sm" role="dialog" aria-label="Take snapshot">
                <div class="pf-v6-c-modal-box__body"><ErrorState error on_retry=Callback::new(move |_| vm.refetch()) /></div>
                <footer class="pf-v6-c-modal-box__footer">
                    <button class="pf-v6-c-button pf-m-link" type="button" on:click=move |_| on_close.run(())>"Close"</button>
                </footer>
            </div></div></div></Layer>
        }
        .into_any(),
        Some(Ok(vm)) => {
            let part = OnDemand::TakeSnapshot {
                vm,
                scheduling: None,
                editing: None,
                snapshots: Vec::new(),
                on_close,
                on_taken: Callback::new(move |_| on_taken.run(())),
            };
            view! { <OnDemandView part /> }.into_any()
        }
    }
    }
}

#[component]
fn VmRow(
    vm: Vm,
    on_take: Callback<String>,
    on_changed: Callback<()>,
    selected: RwSignal<Vec<String>>,
    /// Each VM's step in a bulk take (VM id, snapshot name, step).
    progress: RwSignal<Vec<(String, String, Step)>>,
) -> impl IntoView {
    let app = use_app();
    let stepping = vm.id.clone();
    let (checked, on_check) = selection(selected, vm.id.clone());
    let step = move || {
        progress.with(|p| {
            p.iter()
                .find(|(id, _, _)| id == &stepping)
                .map(|(_, name, step)| (name.clone(), step.clone()))
        })
    };
    let step_line = move || {
        step().map(|(name, step)| {
            let failed = matches!(step, Step::Failed(_));
            let text = match &step {
                Step::Waiting => format!("Waiting to take {name}"),
                Step::Working => format!("Taking {name}…"),
                Step::Done => format!("Snapshot {name} taken"),
                Step::Failed(why) => format!("Snapshot {name} {why}"),
            };
            let state = match step {
                Step::Waiting => "waiting",
                Step::Working => "working",
                Step::Done => "done",
                Step::Failed(_) => "failed",
            };
            view! {
                <div class="pf-v6-c-helper-text" data-bulk-step=state role="status">
                    <div class="pf-v6-c-helper-text__item" class:pf-m-error=failed class:pf-m-success=state == "done">
                        <span class="pf-v6-c-helper-text__item-text">{text}</span>
                    </div>
                </div>
            }
        })
    };
    let href = app.href(&format!("/vms/{}", encode(&vm.id)));
    let name = vm.name.clone();
    let id = vm.id.clone();
    view! {
        <tr class="pf-v6-c-table__tr" role="row" data-vm=vm.name.clone() class:pf-m-selected=move || checked.get()>
            <CheckCell label=format!("Select {}", vm.name) checked on_check />
            <td class="pf-v6-c-table__td" role="cell" data-label="Name">
                <a href=href>{name}</a>
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Status">
                {match vm.operation.clone() {
                    Some(op) => view! { <OperationStatus vm=vm.clone() op on_changed /> }.into_any(),
                    None => view! { <VmStatusLabel status=vm.status.clone() /> }.into_any(),
                }}
                {step_line}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="CPUs">
                {vm.cpus.map(|c| c.to_string()).unwrap_or_else(|| "—".into())}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Memory">
                {vm.memory_bytes.map(format::bytes).unwrap_or_else(|| "—".into())}
            </td>
            <td class="pf-v6-c-table__td" role="cell" data-label="Operating system">
                {vm.os.clone().unwrap_or_else(|| "—".into())}
            </td>
            <td class="pf-v6-c-table__td pf-v6-c-table__action" role="cell">
                <Kebab label=format!("Actions for {}", vm.name) items=vec![Item {
                    label: "Take snapshot",
                    allowed: Signal::stored(if vm.status.is_busy() { Err("Wait until the operation on this VM has finished.".into()) } else { Ok(()) }),
                    on_select: Callback::new(move |_| on_take.run(id.clone())),
                }] />
            </td>
        </tr>
    }
}

/// How an operation ended, from the VM's snapshots afterwards.
fn outcome_toast(vm: &Vm, op: &Operation, snapshots: Result<Vec<Snapshot>, ApiError>) -> Toast {
    let subject = op.subject.clone().unwrap_or_default();
    match op.kind {
        OperationKind::Restore => {
            Toast::success(format!("{} was restored.", vm.name)).about(restore_topic(vm))
        }
        OperationKind::Snapshot => {
            let found = snapshots.ok().and_then(|list| {
                list.into_iter()
                    .find(|s| s.name == subject || s.id == subject)
            });
            match found.map(|s| s.status) {
                Some(SnapshotStatus::Ok) => {
                    Toast::success(format!("Snapshot {subject} of {} is ready.", vm.name))
                }
                Some(SnapshotStatus::Failed(reason)) => Toast::danger(format!(
                    "Snapshot {subject} of {} failed{}",
                    vm.name,
                    reason
                        .map(|r| format!(": {r}"))
                        .unwrap_or_else(|| ".".into())
                )),
                Some(_) => Toast::info(format!("Snapshot {subject} of {} has finished.", vm.name)),
                None => Toast::info(format!("Snapshot {subject} of {} was stopped.", vm.name)),
            }
        }
    }
}

/// "Snapshotting" / "Restoring" with a spinner; a click opens what, since when, and Stop.
#[component]
fn OperationStatus(vm: Vm, op: Operation, on_changed: Callback<()>) -> impl IntoView {
    let app = use_app();
    let caps = app.backend().capabilities();
    let open = RwSignal::new(false);
    let (title, stop_label, can_stop) = match op.kind {
        OperationKind::Snapshot => (
            "Taking a snapshot",
            "Stop snapshot",
            caps.stop_snapshot.clone(),
        ),
        OperationKind::Restore => (
            "Restoring from a snapshot",
            "Stop restoring",
            caps.stop_restore.clone(),
        ),
    };
    let backend = app.backend();
    let stop = Action::new_local(move |vm: &Vm| {
        let backend = backend.clone();
        let vm = vm.clone();
        async move { actions(&backend).await?.stop_operation(&vm).await }
    });
    Effect::new(move |_| {
        if stop.value().get().is_some() {
            on_changed.run(());
        }
    });
    let stop_error = move || {
        stop.value()
            .get()
            .and_then(|r| r.err())
            .map(|e| e.to_string())
    };
    let since = op.since.map(|d| {
        format!(
            "Since {} ({})",
            format::local_datetime(&d),
            crate::model::listing::relative(d.to_utc(), chrono::Utc::now())
        )
    });
    let reason = can_stop.clone().err();
    let disabled = reason.is_some();
    let target = vm.clone();
    view! {
        <span class="vms-operation">
            <button class="pf-v6-c-button pf-m-link pf-m-inline" type="button" aria-expanded=move || open.get().to_string()
                aria-label=format!("{}: details", vm.status.label()) on:click=move |_| open.update(|o| *o = !*o)>
                <VmStatusLabel status=vm.status.clone() />
            </button>
            <Show when=move || open.get()>
                <div class="pf-v6-c-popover vms-popover" role="dialog" aria-label=title>
                    <div class="pf-v6-c-popover__content">
                        <header class="pf-v6-c-popover__header"><h2 class="pf-v6-c-popover__title-text">{title}</h2></header>
                        <div class="pf-v6-c-popover__body">
                            <p>{op.subject.clone().map(|s| format!("Snapshot: {s}"))}</p>
                            <p>{since.clone()}</p>
                            {reason.clone().map(|r| view! { <p class="vms-note">{r}</p> })}
                            {move || stop_error().map(|e| view! { <p class="pf-v6-c-helper-text__item pf-m-error" role="alert">{e}</p> })}
                        </div>
                        <footer class="pf-v6-c-popover__footer">
                            <button class="pf-v6-c-button pf-m-secondary pf-m-danger" type="button"
                                disabled=move || disabled || stop.pending().get()
                                title=reason.clone()
                                on:click={
                                    let target = target.clone();
                                    move |_| { stop.dispatch(target.clone()); }
                                }>
                                {stop_label}
                            </button>
                        </footer>
                    </div>
                </div>
            </Show>
        </span>
    }
}
