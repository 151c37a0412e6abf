//! The take-snapshot modal: a name generated from the local date and time (editable, checked
//! against the backend's rules), a description, and memory for a running VM where the backend
//! has memory snapshots.

use crate::api::ApiError;
use crate::app::use_app;
use crate::components::modal::{Field, Modal};
use crate::model::naming::{default_snapshot_name, validate_snapshot_name};
use crate::model::request::{DiskChoice, NewSnapshot};
use crate::model::{BackendKind, Vm};
use leptos::prelude::*;

#[component]
pub fn TakeSnapshotModal(
    vm: Vm,
    on_close: Callback<()>,
    /// Called once the backend has accepted the snapshot.
    on_taken: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let backend_kind = app.config.backend;
    let caps = app.backend().capabilities();
    let name = RwSignal::new(default_snapshot_name(
        &vm.name,
        chrono::Local::now().naive_local(),
    ));
    let description = RwSignal::new(String::new());
    let memory_offered = caps.memory_snapshots.is_ok() && vm.status.is_running();
    let memory = RwSignal::new(memory_offered);
    let name_error =
        Signal::derive(move || name.with(|n| validate_snapshot_name(backend_kind, n).err()));
    let valid = Signal::derive(move || name_error.get().is_none());

    let backend = app.backend();
    let take = Action::new_local(move |(vm, request): &(Vm, NewSnapshot)| {
        let backend = backend.clone();
        let (vm, request) = (vm.clone(), request.clone());
        async move { backend.create_snapshot(&vm, &request).await }
    });
    let error = Signal::derive(move || {
        take.value()
            .get()
            .and_then(|r: Result<(), ApiError>| r.err())
    });
    Effect::new(move |_| {
        if let Some(Ok(())) = take.value().get() {
            on_taken.run(());
        }
    });
    let vm_for_submit = vm.clone();
    let on_submit = Callback::new(move |_| {
        let request = NewSnapshot {
            name: name.get_untracked().trim().to_string(),
            description: description.get_untracked(),
            disks: DiskChoice::All,
            memory: memory_offered && memory.get_untracked(),
        };
        take.dispatch((vm_for_submit.clone(), request));
    });
    let name_help = match backend_kind {
        BackendKind::Ovirt => {
            "The snapshot's description in oVirt; any letters, up to 4000 characters."
        }
        BackendKind::Kubevirt => "Lowercase letters, digits and '-', up to 63 characters.",
    };
    let memory_note = match (&caps.memory_snapshots, vm.status.is_running()) {
        (Err(reason), _) => Some(reason.clone()),
        (Ok(()), false) => Some("Memory is saved only for a running VM.".to_string()),
        (Ok(()), true) => None,
    };

    view! {
        <Modal
            title=format!("Take snapshot of {}", vm.name)
            submit_label="Take snapshot"
            valid
            pending=take.pending()
            error
            on_submit
            on_close
        >
            <Field label="Name" id="vms-snapshot-name" required=true error=name_error help=name_help>
                <span class="pf-v6-c-form-control" class:pf-m-error=move || name_error.get().is_some()>
                    <input id="vms-snapshot-name" type="text" required
                        aria-invalid=move || name_error.get().is_some().to_string()
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev)) />
                </span>
            </Field>
            <Field label="Description" id="vms-snapshot-description">
                <span class="pf-v6-c-form-control pf-m-textarea">
                    <textarea id="vms-snapshot-description" rows="2"
                        prop:value=move || description.get()
                        on:input=move |ev| description.set(event_target_value(&ev))></textarea>
                </span>
            </Field>
            <div class="pf-v6-c-form__group">
                {if memory_offered {
                    view! {
                        <div class="pf-v6-c-check">
                            <input class="pf-v6-c-check__input" type="checkbox" id="vms-snapshot-memory"
                                prop:checked=move || memory.get()
                                on:change=move |ev| memory.set(event_target_checked(&ev)) />
                            <label class="pf-v6-c-check__label" for="vms-snapshot-memory">"Include memory"</label>
                        </div>
                    }.into_any()
                } else {
                    view! { <p class="vms-note">{memory_note}</p> }.into_any()
                }}
            </div>
        </Modal>
    }
}
