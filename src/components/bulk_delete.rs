//! Deleting many snapshots at once: the chosen rows, or every snapshot older than N days. The
//! modal first lists exactly what it will delete, then deletes one at a time (oVirt locks the VM
//! while it merges a snapshot) and shows each one's progress.

use crate::api::{actions, snapshot_gone};
use crate::components::modal::{Field, Modal};
use crate::context::use_app;
use crate::model::bulk::{older_than, summary, Step};
use crate::model::{format, Snapshot, Vm};
use leptos::prelude::*;
use std::sync::Arc;

/// Which snapshots the modal deletes.
#[derive(Clone, Debug, PartialEq)]
pub enum Which {
    /// These (the rows the user checked).
    These(Vec<Snapshot>),
    /// Those of the VM's snapshots (as they come) older than the days the user enters.
    OlderThan,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Confirm,
    Running,
    Done,
}

#[component]
pub fn BulkDeleteModal(
    vm: Vm,
    which: Which,
    /// All the VM's snapshots, kept current: what "older than" chooses from.
    #[prop(into)]
    all: Signal<Arc<Vec<Snapshot>>>,
    on_close: Callback<()>,
    /// The deletes ended (some may have failed): the list is read again.
    on_done: Callback<()>,
) -> impl IntoView {
    let backend = use_app().backend();
    let by_age = which == Which::OlderThan;
    let days_text = RwSignal::new("30".to_string());
    let days = Memo::new(move |_| days_text.with(|t| t.trim().parse::<u32>().ok()));
    let days_error = Signal::derive(move || {
        (by_age && days.get().is_none()).then(|| "Enter a whole number of days.".to_string())
    });
    let these = match &which {
        Which::These(s) => s.clone(),
        Which::OlderThan => Vec::new(),
    };
    let now = chrono::Utc::now();
    // Once the deletes start, the list is the one confirmed, whatever the live list does.
    let frozen = RwSignal::new(None::<Vec<Snapshot>>);
    let chosen = Memo::new(move |_| {
        if let Some(list) = frozen.get() {
            return list;
        }
        match (by_age, days.get()) {
            (false, _) => these.clone(),
            (true, Some(d)) => all.with(|a| older_than(a, d, now)),
            (true, None) => Vec::new(),
        }
    });
    let phase = RwSignal::new(Phase::Confirm);
    let steps = RwSignal::new(Vec::<Step>::new());
    let run = {
        let vm = vm.clone();
        move || {
            let list = chosen.get_untracked();
            frozen.set(Some(list.clone()));
            steps.set(vec![Step::Waiting; list.len()]);
            phase.set(Phase::Running);
            let (backend, vm) = (backend.clone(), vm.clone());
            leptos::task::spawn_local(async move {
                for (i, s) in list.iter().enumerate() {
                    steps.update(|st| st[i] = Step::Working);
                    let deleted = async { actions(&backend).await?.delete_snapshot(&vm, s).await };
                    let result = match deleted.await {
                        Ok(()) => snapshot_gone(backend.as_ref(), &vm, &s.id).await,
                        Err(e) => Err(e),
                    };
                    steps.update(|st| {
                        st[i] = match result {
                            Ok(()) => Step::Done,
                            Err(e) => Step::Failed(e.to_string()),
                        }
                    });
                }
                phase.set(Phase::Done);
                on_done.run(());
            });
        }
    };
    // The browser's one thread runs it: the backend handle need not be Send.
    let run = send_wrapper::SendWrapper::new(run);
    let on_submit = Callback::new(move |_| match phase.get_untracked() {
        Phase::Confirm => (*run)(),
        Phase::Running => {}
        Phase::Done => on_close.run(()),
    });
    let submit_label = Signal::derive(move || match phase.get() {
        Phase::Done => "Done".to_string(),
        _ => match chosen.with(Vec::len) {
            1 => "Delete 1 snapshot".to_string(),
            n => format!("Delete {n} snapshots"),
        },
    });
    let valid = Signal::derive(move || {
        phase.get() == Phase::Done || (days_error.get().is_none() && !chosen.with(Vec::is_empty))
    });
    let pending = Signal::derive(move || phase.get() == Phase::Running);
    let title = if by_age {
        format!("Delete old snapshots of {}", vm.name)
    } else {
        format!("Delete snapshots of {}", vm.name)
    };
    let vm_name = vm.name.clone();
    let items = move || {
        let list = chosen.get();
        let at = steps.get();
        list.into_iter()
            .enumerate()
            .map(|(i, s)| {
                let step = at.get(i).cloned();
                let when = s
                    .created
                    .map(|d| format::local_datetime(&d))
                    .unwrap_or_default();
                let failed = matches!(step, Some(Step::Failed(_)));
                view! {
                    <li class="vms-bulk-item" data-snapshot=s.id.clone()>
                        <span class="vms-bulk-name">{s.name.clone()}</span>
                        " "<span class="vms-relative">{when}</span>
                        {step.map(|st| view! {
                            <span class="vms-bulk-step" class:pf-m-error=failed>
                                {" — "}{st.label("Deleting…", "Deleted")}
                            </span>
                        })}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <Modal title submit_label valid pending error=Signal::stored(None) danger=true on_submit on_close>
            {by_age.then(|| view! {
                <Field label="Older than (days)" id="vms-bulk-days" required=true error=days_error
                    help="Snapshots being taken, deleted or previewed are left out.".to_string()>
                    <span class="pf-v6-c-form-control" class:pf-m-error=move || days_error.get().is_some()>
                        <input id="vms-bulk-days" type="number" min="0" step="1" inputmode="numeric"
                            disabled=move || phase.get() != Phase::Confirm
                            prop:value=move || days_text.get()
                            on:input=move |ev| days_text.set(event_target_value(&ev)) />
                    </span>
                </Field>
            })}
            <p role="status" aria-live="polite" class="vms-bulk-summary">
                {move || match phase.get() {
                    Phase::Confirm => match chosen.with(Vec::len) {
                        0 if by_age => "No snapshot is that old: nothing would be deleted.".to_string(),
                        0 => "No snapshot is selected.".to_string(),
                        n => format!("{n} snapshot{} of {vm_name} will be deleted, one at a time. This cannot be undone.", if n == 1 { "" } else { "s" }),
                    },
                    Phase::Running => format!("Deleting… {}", summary(&steps.get(), "deleted")),
                    Phase::Done => summary(&steps.get(), "deleted"),
                }}
            </p>
            <ul class="pf-v6-c-list vms-bulk-list" aria-label="Snapshots to delete">{items}</ul>
        </Modal>
    }
}
